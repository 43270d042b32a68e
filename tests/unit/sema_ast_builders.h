// Tests: sema.
// Small builders for hand-made syntax trees, so sema is tested without the parser.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "pipeline/imports.h"
#include "sema/sema.h"

namespace svcc::sema::testing {

inline ast::Ident id(std::string text) { return ast::Ident{std::move(text), Span{0, 0, 1}}; }

inline ast::Path path(const std::string& dotted) {
  ast::Path p;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    p.push_back(id(dotted.substr(start, dot - start)));
    if (dot == std::string::npos) return p;
    start = dot + 1;
  }
}

inline ast::Expr expr(ast::ExprKind kind) {
  ast::Expr e;
  e.kind = kind;
  e.span = Span{0, 0, 1};
  return e;
}

// "a${x}b" style: parts alternate between text and `${ref}` when wrapped in ${}.
inline ast::Expr str(const std::string& text) {
  ast::Expr e = expr(ast::ExprKind::String);
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    if (open == std::string::npos) open = text.size();
    if (open > i) e.parts.push_back({false, text.substr(i, open - i), {}, Span{0, 0, 1}});
    if (open == text.size()) break;
    size_t close = text.find('}', open);
    e.parts.push_back({true, "", path(text.substr(open + 2, close - open - 2)), Span{0, 0, 1}});
    i = close + 1;
  }
  return e;
}

inline ast::Expr num(const std::string& digits) {
  ast::Expr e = expr(digits.find('.') == std::string::npos ? ast::ExprKind::Int : ast::ExprKind::Decimal);
  e.text = digits;
  return e;
}

inline ast::Expr qty(const std::string& number, const std::string& unit) {
  ast::Expr e = expr(ast::ExprKind::Quantity);
  e.text = number;
  e.unit = unit;
  return e;
}

inline ast::Expr ref(const std::string& dotted) {
  ast::Expr e = expr(ast::ExprKind::Ref);
  e.path = path(dotted);
  return e;
}

inline ast::Expr list(std::vector<ast::Expr> items) {
  ast::Expr e = expr(ast::ExprKind::List);
  e.items = std::move(items);
  return e;
}

inline ast::Expr range(ast::Expr low, ast::Expr high) {
  ast::Expr e = expr(ast::ExprKind::Range);
  e.items = {std::move(low), std::move(high)};
  return e;
}

inline ast::Stmt assign(const std::string& dotted, ast::Expr value) {
  ast::Stmt s;
  s.kind = ast::StmtKind::Assign;
  s.span = Span{0, 0, 1};
  s.path = path(dotted);
  s.value = std::move(value);
  return s;
}

inline ast::Block body(std::vector<ast::Stmt> stmts) {
  ast::Block b;
  b.present = true;
  b.span = Span{0, 0, 1};
  b.stmts = std::move(stmts);
  return b;
}

inline ast::Stmt block(const std::string& name, std::vector<ast::Stmt> stmts) {
  ast::Stmt s;
  s.kind = ast::StmtKind::Block;
  s.span = Span{0, 0, 1};
  s.path = path(name);
  s.body = body(std::move(stmts));
  return s;
}

inline ast::Stmt port(const std::string& name, const std::string& number, const std::string& target = "") {
  ast::Stmt s;
  s.kind = ast::StmtKind::Port;
  s.span = Span{0, 0, 1};
  s.keyword = id("port");
  s.path = path(name);
  s.value = num(number);
  if (!target.empty()) s.target = target[0] >= 'a' ? ref(target) : num(target);
  return s;
}

inline ast::BaseRef base(const std::string& dotted, std::vector<ast::Arg> args = {}) {
  ast::BaseRef b;
  b.span = Span{0, 0, 1};
  b.path = path(dotted);
  b.has_parens = !args.empty();
  b.args = std::move(args);
  return b;
}

inline ast::Arg arg(ast::Expr value, const std::string& name = "") {
  ast::Arg a;
  if (!name.empty()) a.name = id(name);
  a.value = std::move(value);
  a.span = Span{0, 0, 1};
  return a;
}

inline ast::Service service(const std::string& name, std::vector<ast::BaseRef> bases, std::vector<ast::Stmt> stmts) {
  ast::Service s;
  s.span = Span{0, 0, 1};
  s.name = id(name);
  s.bases = std::move(bases);
  s.body = body(std::move(stmts));
  return s;
}

inline ast::Template templ(const std::string& name, std::vector<ast::Param> params, std::vector<ast::Stmt> stmts,
                           std::vector<ast::BaseRef> bases = {}) {
  ast::Template t;
  t.span = Span{0, 0, 1};
  t.name = id(name);
  t.params = std::move(params);
  t.bases = std::move(bases);
  t.body = body(std::move(stmts));
  return t;
}

inline ast::Param param(const std::string& name, const std::string& type, std::optional<ast::Expr> def = {}) {
  ast::Param p;
  p.span = Span{0, 0, 1};
  p.name = id(name);
  p.type.name = id(type);
  p.type.span = Span{0, 0, 1};
  p.default_value = std::move(def);
  return p;
}

inline ast::Let let(const std::string& name, ast::Expr value) {
  ast::Let l;
  l.span = Span{0, 0, 1};
  l.name = id(name);
  l.value = std::move(value);
  return l;
}

// Checks one file made of `decls`; the file is registered so that spans resolve.
struct Checked {
  SourceManager sources;
  Diagnostics diags;
  Model model;

  explicit Checked(std::vector<ast::Decl> decls, const SemaOptions& options = {}) {
    ast::File f;
    f.file = sources.add("test.svc", "x");
    f.decls = std::move(decls);
    std::vector<ast::File> files;
    files.push_back(std::move(f));
    Program program = svcc::loadProgram(std::move(files), options.modules, sources, diags);
    model = check(program, options, sources, diags);
  }

  bool has(Code code) const {
    for (const Diagnostic& d : diags.all()) {
      if (d.code == code) return true;
    }
    return false;
  }
  std::string messages() const {
    std::string out;
    for (const Diagnostic& d : diags.all()) out += std::string(codeInfo(d.code).id) + ": " + d.message + "\n";
    return out;
  }
  const Service& svc(const std::string& name) const {
    for (const Service& s : model.services) {
      if (s.name == name) return s;
    }
    throw std::runtime_error("no service " + name);
  }
};

}  // namespace svcc::sema::testing
