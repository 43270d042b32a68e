#include "ast/dump.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

namespace svcc::ast {

namespace {

// Both forms are printed from one generic tree, so they cannot drift apart.
struct Node {
  Node(std::string role_, std::string kind_, std::string text_, Span span_)
      : role(std::move(role_)), kind(std::move(kind_)), text(std::move(text_)), span(span_) {}

  std::string role;  // how the node relates to its parent: "target", "default", …
  std::string kind;
  std::string text;  // a name, a literal or a path; may be empty
  Span span;
  std::vector<Node> kids;
  std::vector<std::pair<std::string, Span>> extra_spans;  // JSON only: where names stand
};

std::string quote(std::string_view s) { return nlohmann::json(std::string(s)).dump(); }

class Tree {
 public:
  Node file(const File& f) {
    Node n{"", "file", "", {}};
    for (const Decl& d : f.decls) n.kids.push_back(std::visit([&](const auto& x) { return decl(x); }, d));
    for (const Comment& c : f.comments) n.kids.push_back({"", "comment", c.block ? "block" : "line", c.span});
    return n;
  }

 private:
  static Node named(std::string kind, const Ident& name, Span span) {
    Node n{"", std::move(kind), name.text, span};
    n.extra_spans.emplace_back("name_span", name.span);
    return n;
  }

  Node decl(const Import& d) { return {"", "import", d.is_path ? quote(d.path) : pathText(d.module), d.span}; }
  Node decl(const App& d) {
    Node n = named("app", d.name, d.span);
    body(n, d.body);
    return n;
  }
  Node decl(const Let& d) {
    Node n = named("let", d.name, d.span);
    n.kids.push_back(expr(d.value));
    return n;
  }
  Node decl(const Template& d) {
    Node n = named("template", d.name, d.span);
    for (const Param& p : d.params) {
      Node param = named("param", p.name, p.span);
      param.kids.push_back(type(p.type, "type"));
      if (p.default_value) param.kids.push_back(expr(*p.default_value, "default"));
      n.kids.push_back(std::move(param));
    }
    bases(n, d.bases);
    body(n, d.body);
    return n;
  }
  Node decl(const Service& d) {
    Node n = named(d.kind.text, d.name, d.span);
    bases(n, d.bases);
    body(n, d.body);
    return n;
  }
  Node decl(const Profile& d) {
    Node n = named("profile", d.name, d.span);
    body(n, d.body);
    return n;
  }

  Node type(const TypeRef& t, std::string role = "") {
    static const char* kinds[] = {"type", "list-type", "range-type"};
    Node n{std::move(role), kinds[static_cast<int>(t.kind)], t.name.text, t.span};
    for (const TypeRef& e : t.elems) n.kids.push_back(type(e));
    return n;
  }

  void bases(Node& n, const std::vector<BaseRef>& list) {
    for (const BaseRef& b : list) {
      Node base{"", "base", pathText(b.path) + (b.has_parens ? "()" : ""), b.span};
      args(base, b.args);
      n.kids.push_back(std::move(base));
    }
  }

  void args(Node& n, const std::vector<Arg>& list) {
    for (const Arg& a : list) {
      Node arg{"", "arg", a.name ? a.name->text : "", a.span};
      if (a.name) arg.extra_spans.emplace_back("name_span", a.name->span);
      arg.kids.push_back(expr(a.value));
      n.kids.push_back(std::move(arg));
    }
  }

  void body(Node& n, const Block& b) {
    if (!b.present) return;
    Node block{"", "body", "", b.span};
    for (const Stmt& s : b.stmts) block.kids.push_back(stmt(s));
    n.kids.push_back(std::move(block));
  }

  static std::string quotedKey(const std::string& key) {
    std::string out = "\"";
    for (char c : key) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }

  Node stmt(const Stmt& s) {
    static const char* kinds[] = {"assign", "block", "port", "depends-on", "named", "build"};
    // A named block shows its kind as written: `volume`, and the kinds to come.
    std::string kind = s.kind == StmtKind::Named && s.keyword ? s.keyword->text : kinds[static_cast<int>(s.kind)];
    Node n{"", std::move(kind), s.quoted_key ? quotedKey(pathText(s.path)) : pathText(s.path), s.span};
    switch (s.kind) {
      case StmtKind::Assign:
        n.kids.push_back(expr(s.value));
        break;
      case StmtKind::Port:
        n.kids.push_back(expr(s.value, "port"));
        if (s.target) n.kids.push_back(expr(*s.target, "target"));
        body(n, s.body);
        break;
      case StmtKind::DependsOn:
        for (const Expr& r : *s.refs) n.kids.push_back(expr(r));
        break;
      case StmtKind::Block:
      case StmtKind::Named:
        body(n, s.body);
        break;
      case StmtKind::Build:
        for (const BuildStep& st : *s.steps) n.kids.push_back(step(st));
        break;
    }
    return n;
  }

  Node step(const BuildStep& s) {
    static const char* kinds[] = {"from", "workdir", "copy", "copy-from", "run", "env", "user", "stage"};
    Node n{"", kinds[static_cast<int>(s.kind)], s.name ? s.name->text : "", s.span};
    if (s.name) n.extra_spans.emplace_back("name_span", s.name->span);
    for (const Expr& a : s.args) n.kids.push_back(expr(a));
    for (const BuildStep& st : s.steps) n.kids.push_back(step(st));
    return n;
  }

  Node expr(const Expr& e, std::string role = "") {
    Node n{std::move(role), "", "", e.span};
    switch (e.kind) {
      case ExprKind::String:
        n.kind = "string";
        if (e.parts.size() == 1 && !e.parts[0].is_interpolation) {
          n.text = quote(e.parts[0].text);
        } else if (e.parts.empty()) {
          n.text = quote("");
        } else {
          for (const StringPart& p : e.parts) {
            n.kids.push_back({"", p.is_interpolation ? "interpolation" : "text",
                              p.is_interpolation ? pathText(p.ref) : quote(p.text), p.span});
          }
        }
        break;
      case ExprKind::Int:
        n.kind = "int";
        n.text = e.text;
        break;
      case ExprKind::Decimal:
        n.kind = "decimal";
        n.text = e.text;
        break;
      case ExprKind::Quantity:
        n.kind = "quantity";
        n.text = e.text + " " + *e.unit;
        break;
      case ExprKind::Percent:
        n.kind = "percent";
        n.text = e.text;
        break;
      case ExprKind::Bool:
        n.kind = "bool";
        n.text = e.bool_value ? "true" : "false";
        break;
      case ExprKind::List:
        n.kind = "list";
        for (const Expr& i : e.items) n.kids.push_back(expr(i));
        break;
      case ExprKind::Range:
        n.kind = "range";
        for (const Expr& i : e.items) n.kids.push_back(expr(i));
        break;
      case ExprKind::Ref:
        n.kind = "ref";
        n.text = pathText(e.path);
        break;
      case ExprKind::Call:
        n.kind = "call";
        n.text = pathText(e.path);
        args(n, *e.args);
        break;
      case ExprKind::Error:
        n.kind = "error";
        break;
    }
    return n;
  }
};

class Printer {
 public:
  explicit Printer(const SourceManager& sources) : sources_(sources) {}

  void text(const Node& n, int depth, bool positions, std::string& out) const {
    out.append(static_cast<size_t>(depth) * 2, ' ');
    if (!n.role.empty()) out += n.role + ": ";
    out += n.kind;
    if (!n.text.empty()) out += " " + n.text;
    if (positions && n.span.valid()) {
      Location a = sources_.locate(n.span);
      Location b = sources_.locateEnd(n.span);
      out += fmt::format(" @{}:{}-{}:{}", a.line, a.column, b.line, b.column);
    }
    out += '\n';
    for (const Node& k : n.kids) text(k, depth + 1, positions, out);
  }

  nlohmann::json json(const Node& n) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, value] : n.extra_spans) j[key] = span(value);
    j["kind"] = n.kind;
    if (!n.role.empty()) j["role"] = n.role;
    if (!n.text.empty()) j["text"] = n.text;
    if (n.span.valid()) j["span"] = span(n.span);
    if (!n.kids.empty()) {
      j["children"] = nlohmann::json::array();
      for (const Node& k : n.kids) j["children"].push_back(json(k));
    }
    return j;
  }

 private:
  nlohmann::json span(const Span& s) const {
    if (!s.valid()) return nullptr;
    Location a = sources_.locate(s);
    Location b = sources_.locateEnd(s);
    return {{"begin", s.begin},   {"end", s.end},       {"line", a.line},
            {"column", a.column}, {"end_line", b.line}, {"end_column", b.column}};
  }

  const SourceManager& sources_;
};

}  // namespace

std::string dump(const File& file, const SourceManager& sources, DumpFormat format) {
  Node root = Tree().file(file);
  root.text = sources.file(file.file).path;
  Printer printer(sources);
  if (format == DumpFormat::Json) return printer.json(root).dump(2) + "\n";
  std::string out;
  printer.text(root, 0, format == DumpFormat::Text, out);
  return out;
}

}  // namespace svcc::ast
