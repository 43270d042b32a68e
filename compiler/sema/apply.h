// Phase: sema (templates and profiles).
// Takes the collected declarations; hands out one Draft per service: its bases applied
// left to right (templates with their arguments bound, recursively), then its body, then
// the selected profile. Every statement is checked against the schema on the way.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "sema/draft.h"
#include "sema/eval.h"
#include "sema/schema.h"
#include "sema/symbols.h"

namespace svcc::sema {

class Applier {
 public:
  // Reports recursive templates and duplicate parameters up front.
  Applier(const Symbols& symbols, Evaluator& eval, Diagnostics& diags);

  Draft buildService(const ast::Service& service);
  // Applies `profile` to `drafts` (indexed like Symbols::services); with `drafts` null the
  // profile is only checked, which is how profiles that are not selected are checked.
  void applyProfile(const ast::Profile& profile, std::vector<Draft>* drafts);
  // Checks the app's templates no service used, with their parameters' defaults.
  void checkUnusedTemplates();
  const std::unordered_set<const ast::Template*>& usedTemplates() const { return used_; }

 private:
  void applyBases(const std::vector<ast::BaseRef>& bases, const Env& env, Draft& d);
  const ast::Template* resolveTemplate(const ast::BaseRef& base, uint32_t unit, bool report);
  std::vector<Binding> bindArgs(const ast::Template& t, const ast::BaseRef& base, const Env& caller);
  void applyTemplate(const ast::Template& t, const std::vector<Binding>& params, Draft& d);
  void applyStmts(const std::vector<ast::Stmt>& stmts, const FieldSpec* parent, const std::string& prefix,
                  const Env& env, Draft& d, const Layer& layer);
  void applyAssign(const ast::Stmt& s, size_t first, const FieldSpec* parent, std::string key, const Env& env, Draft& d,
                   const Layer& layer);
  void applyBlock(const ast::Stmt& s, size_t first, const FieldSpec* parent, std::string key, const Env& env, Draft& d,
                  const Layer& layer);
  void applyPort(const ast::Stmt& s, const Env& env, Draft& d, const Layer& layer);
  void applyNamed(const ast::Stmt& s, const FieldSpec* parent, const Env& env, Draft& d, const Layer& layer);
  void applyBuild(const ast::Stmt& s, const Env& env, Draft& d, const Layer& layer);
  std::vector<BuildStep> buildSteps(const std::vector<ast::BuildStep>& steps, const Env& env, bool stage,
                                    std::vector<std::string>& stages, std::optional<int64_t>& user);
  void unknownField(const ast::Ident& name, const FieldSpec* parent);
  void unknownNamedKind(const ast::Ident& kind, const FieldSpec* parent);

  // `decl` is the template or profile the layer comes from, null for a service's body.
  Layer nextLayer(const void* decl, const char* kind, const std::string& name);

  const Symbols& syms_;
  Evaluator& eval_;
  Diagnostics& diags_;
  uint32_t layers_ = 0;
  size_t depth_ = 0;
  size_t applied_ = 0;  // templates applied for the service being built (E0341)
  std::unordered_set<const ast::Template*> cyclic_, used_;
  std::unordered_map<const void*, std::string> origins_;  // by template or profile: Layer::origin
};

// A parameter's declared type; nullopt (reported) when it names no type.
std::optional<Type> resolveType(const ast::TypeRef& ref, Diagnostics& diags);

}  // namespace svcc::sema
