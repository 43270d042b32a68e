// Phase: sema (the name-use index, read by `svcc lsp`).
// Filled while checking when SemaOptions::index is set: every written use of a service,
// port, template, let or parameter with what it resolved to; hands out the use at a place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "base/source.h"
#include "sema/model.h"
#include "sema/values.h"

namespace svcc::sema {

enum class UseKind : uint8_t {
  Service,    // `cart` in `cart.grpc.address`, `depends on cart`, `cart.replicas = 2` in a profile
  Port,       // `grpc` in `cart.grpc.address`
  Attribute,  // `address` in `cart.grpc.address`: stands for the port (or the service)
  Template,   // `web` in `service x : web`, `runtime.python` in `runtime.python(...)`
  Let,        // `tag` in `image = "x:${tag}"`
  Param,      // a template parameter used in its body
};

struct NameUse {
  Span use;  // the identifier as written (a template: its whole dotted name)
  UseKind kind = UseKind::Service;
  std::string name;  // what is named: "cart", "cart.grpc", "runtime.python", "tag"
  Span decl;         // the whole definition (for a port: its `port …` statement; for a parameter, its name)
  // What the use stands for, one entry per distinct value (a template body is checked
  // once per service using it): `cart:7070` for a reference, the value of a let.
  std::vector<std::string> values;
  std::string type;  // the type a let or parameter was checked as, when it had one
};

class NameIndex {
 public:
  // Records a use; a use seen again (another application of the same template) only adds
  // its value when that value is new.
  void add(NameUse use);
  // The innermost use covering `offset` (an identifier's end counts: the cursor after it).
  const NameUse* at(FileId file, uint32_t offset) const;
  const std::vector<NameUse>& uses() const { return uses_; }

 private:
  std::vector<NameUse> uses_;
  std::unordered_map<uint64_t, size_t> by_place_;  // (file, begin, kind) -> uses_
};

// The recording calls the checker makes; each does nothing when `index` is null, so
// `svcc build` pays one branch per resolved name.
void recordLet(NameIndex* index, const ast::Ident& use, const ast::Let& let, const Value& value);
void recordParam(NameIndex* index, const ast::Ident& use, const Value& value, const Span& decl);
void recordTemplate(NameIndex* index, const ast::BaseRef& base, const ast::Template& target);
void recordService(NameIndex* index, const ast::Ident& use, const ast::Service& target);
// A resolved service reference: its head, its port and its attribute.
void recordReference(NameIndex* index, const ast::Path& path, const Reference& ref, const Model& model);

// A checked value as it would be written: `7070`, `"cart:${cart.grpc.port}"`, `250m..1`.
std::string showValue(const Value& value);

}  // namespace svcc::sema
