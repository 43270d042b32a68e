#include "lsp/declarations.h"

namespace svcc::lsp {

namespace {

bool covers(const Span& span, uint32_t offset) { return offset >= span.begin && offset <= span.end; }

bool wordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::vector<Declared> portsOf(const ast::Block& body) {
  std::vector<Declared> out;
  for (const ast::Stmt& s : body.stmts) {
    if (s.kind != ast::StmtKind::Port || s.path.empty()) continue;
    out.push_back({Declared::Kind::Port, s.path[0].text, s.path[0].span, s.span, {}});
  }
  return out;
}

}  // namespace

std::vector<Declared> declarationsOf(const ast::File& file) {
  std::vector<Declared> out;
  for (const ast::Decl& decl : file.decls) {
    if (const auto* s = std::get_if<ast::Service>(&decl)) {
      out.push_back({Declared::Kind::Service, s->name.text, s->name.span, s->span, portsOf(s->body)});
    } else if (const auto* t = std::get_if<ast::Template>(&decl)) {
      out.push_back({Declared::Kind::Template, t->name.text, t->name.span, t->span, portsOf(t->body)});
    } else if (const auto* l = std::get_if<ast::Let>(&decl)) {
      out.push_back({Declared::Kind::Let, l->name.text, l->name.span, l->span, {}});
    } else if (const auto* p = std::get_if<ast::Profile>(&decl)) {
      out.push_back({Declared::Kind::Profile, p->name.text, p->name.span, p->span, {}});
    } else if (const auto* a = std::get_if<ast::App>(&decl)) {
      out.push_back({Declared::Kind::App, a->name.text, a->name.span, a->span, {}});
    }
  }
  return out;
}

const Declared* declaredAt(const std::vector<Declared>& decls, uint32_t offset) {
  for (const Declared& d : decls) {
    if (!covers(d.span, offset)) continue;
    if (d.name_span.valid() && covers(d.name_span, offset)) return &d;
    return declaredAt(d.children, offset);
  }
  return nullptr;
}

Span nameSpanIn(const SourceManager& sources, const Span& decl, std::string_view name) {
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  std::string_view text = sources.text(decl);
  size_t keyword_end = 0;
  while (keyword_end < text.size() && wordChar(text[keyword_end])) ++keyword_end;
  for (size_t at = text.find(name, keyword_end); !name.empty() && at != std::string_view::npos;
       at = text.find(name, at + 1)) {
    bool starts = at == 0 || !wordChar(text[at - 1]);
    bool ends = at + name.size() == text.size() || !wordChar(text[at + name.size()]);
    if (starts && ends) {
      auto begin = decl.begin + static_cast<uint32_t>(at);
      return Span{decl.file, begin, begin + static_cast<uint32_t>(name.size())};
    }
  }
  return decl;
}

const ast::Template* templateAt(const std::vector<ast::File>& files, const Span& decl) {
  for (const ast::File& f : files) {
    if (f.file != decl.file) continue;
    for (const ast::Decl& d : f.decls) {
      const auto* t = std::get_if<ast::Template>(&d);
      if (t && t->span == decl) return t;
    }
  }
  return nullptr;
}

}  // namespace svcc::lsp
