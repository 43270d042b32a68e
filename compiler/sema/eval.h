// Phase: sema (expressions).
// Takes an expression and the type its place expects; hands out a checked Value. Lets,
// template parameters and app fields are substituted here; references to services stay
// symbolic (Value::Kind::Ref, TextPiece::ref) until every service's ports are known.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ast/ast.h"
#include "diagnostics/diagnostic.h"
#include "sema/symbols.h"
#include "sema/usage.h"
#include "sema/values.h"

namespace svcc::sema {

struct Binding {
  std::string name;
  Value value;
  Span decl;  // the parameter's name in the template's signature
};

// Where an expression stands: its unit's names and, inside a template, its arguments.
struct Env {
  uint32_t unit = 0;
  const std::vector<Binding>* params = nullptr;
};

class Evaluator {
 public:
  Evaluator(const Symbols& symbols, Diagnostics& diags) : syms_(symbols), diags_(diags) {}

  Value eval(const ast::Expr& e, const Type& expected, const Env& env);
  // A let's value where `expected` is; reports a let defined in terms of itself once.
  Value evalLet(const ast::Let& let, const Type& expected, uint32_t unit);
  // A value computed elsewhere (a template argument) used where `expected` is; `at` is
  // the use, reported beside the value's own span on a mismatch.
  Value coerce(const Value& v, const Type& expected, Span at);
  // Appends `v` as text; false (reported) when it has no text form.
  bool appendText(const Value& v, std::vector<TextPiece>& out, Span at);

  // Reports like Diagnostics::report; while a service's base is applied, a problem found
  // inside the template also marks the base, so the service's author sees which use of
  // the template caused it.
  Diagnostic& report(Code code, Span span, std::string message);
  void enterBase(Span base, std::string name) { bases_.push_back({base, std::move(name)}); }
  void leaveBase() { bases_.pop_back(); }

  // `app.name`, `app.namespace`, ... for interpolation; set once the app is checked.
  void setAppField(const std::string& field, std::string value) { app_fields_[field] = std::move(value); }
  // Every let of a unit read from now on is added to `usage->lets`.
  void recordUsage(Usage* usage) { usage_ = usage; }

 private:
  Value evalString(const ast::Expr& e, const Type& t, const Env& env);
  Value evalNumber(const ast::Expr& e, const Type& t);
  Value evalPercent(const ast::Expr& e, const Type& t);
  Value evalRange(const ast::Expr& e, const Type& t, const Env& env);
  Value evalRef(const ast::Expr& e, const Type& t, const Env& env);
  Value evalCall(const ast::Expr& e, const Type& t);
  Value evalPodField(const ast::Expr& e, const Type& t);
  // A let, parameter, module member or app field; nullopt when the path names none.
  std::optional<Value> lookup(const ast::Path& p, const Type& t, const Env& env);
  Value checkBounds(Value v, const Type& t);
  Value checkImage(Value v);
  // E0340 when a string or a list grows past kMaxValueSize.
  bool withinSizeLimit(size_t size, Span span, const char* what);
  Value mismatch(const Type& expected, const std::string& found, Span span, const char* help = nullptr);
  Value unknownName(const ast::Path& p, const Env& env);
  bool isService(const std::string& name) const { return syms_.service_index.count(name) != 0; }

  const Symbols& syms_;
  Diagnostics& diags_;
  std::unordered_map<std::string, std::string> app_fields_;
  std::vector<const ast::Let*> let_stack_;
  std::unordered_set<const ast::Let*> on_stack_;
  std::vector<std::pair<Span, std::string>> bases_;
  std::unordered_set<const ast::Let*> cyclic_lets_;
  // Each let is evaluated once per expected type: lets that use a let twice, 30 deep,
  // would otherwise be evaluated 2^30 times.
  struct LetValue {
    Type type;
    Value value;
  };
  std::unordered_map<const ast::Let*, std::vector<LetValue>> let_values_;
  Usage* usage_ = nullptr;
};

// "the reference `cart.grpc`", "Memory", "a list": what a literal is, for messages.
std::string describeExpr(const ast::Expr& e);

}  // namespace svcc::sema
