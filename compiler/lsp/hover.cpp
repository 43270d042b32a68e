#include <algorithm>

#include "lsp/declarations.h"
#include "lsp/features.h"
#include "sema/units.h"

namespace svcc::lsp {

namespace {

std::string code(const std::string& s) { return "`" + s + "`"; }

std::string codeBlock(const std::string& s) { return "```svc\n" + s + "\n```"; }

const sema::Service* serviceNamed(const sema::Model& model, std::string_view name) {
  auto it = std::lower_bound(model.services.begin(), model.services.end(), name,
                             [](const sema::Service& s, std::string_view n) { return s.name < n; });
  return it != model.services.end() && it->name == name ? &*it : nullptr;
}

std::string portLine(const sema::Port& p) {
  std::string line = "port " + p.name + " = " + std::to_string(p.service_port);
  if (p.container_port != p.service_port) line += " -> " + std::to_string(p.container_port);
  return line + " (" + sema::protocolName(p.protocol) + ")";
}

std::string serviceSummary(const sema::Model& model, const sema::Service& s) {
  std::string out = codeBlock("service " + s.name);
  if (s.image) out += "\n\nimage " + code(s.image->value);
  if (s.build) out += "\n\nbuilt from a `build { … }` recipe";
  for (const sema::Port& p : s.ports) out += "\n\n" + code(portLine(p));
  if (s.scale) {
    out += "\n\nscales from " + std::to_string(s.scale->min) + " to " + std::to_string(s.scale->max) + " replicas";
  } else {
    out += "\n\n" + std::to_string(s.replicas ? s.replicas->value : 1) + " replica(s)";
  }
  if (!s.dependencies.empty()) {
    std::string names;
    for (const sema::Dependency& d : s.dependencies)
      names += (names.empty() ? "" : ", ") + code(model.services[d.service].name);
    out += "\n\ndepends on " + names;
  }
  return out;
}

// What a template is called with: its header as written, up to its body.
std::string templateHeader(const SourceManager& sources, const ast::Template& t) {
  uint32_t end = t.body.present ? t.body.span.begin : t.span.end;
  std::string header(sources.text(Span{t.span.file, t.span.begin, std::max(t.span.begin, end)}));
  while (!header.empty() && (header.back() == ' ' || header.back() == '\n' || header.back() == '\r')) header.pop_back();
  return header;
}

std::string valuesOf(const sema::NameUse& use) {
  if (use.values.empty()) return "";
  std::string out;
  for (const std::string& v : use.values) out += (out.empty() ? "" : ", ") + code(v);
  return out;
}

std::string describeUse(const Analysis& a, const sema::NameUse& use) {
  const sema::Model& model = a.c.model;
  std::string values = valuesOf(use);
  switch (use.kind) {
    case sema::UseKind::Service: {
      const sema::Service* s = serviceNamed(model, use.name);
      std::string out = s ? serviceSummary(model, *s) : codeBlock("service " + use.name);
      return values.empty() ? out : out + "\n\nthis reference is " + values;
    }
    case sema::UseKind::Port:
    case sema::UseKind::Attribute: {
      std::string head = use.name.substr(0, use.name.find('.'));
      std::string port = use.name.find('.') == std::string::npos ? "" : use.name.substr(use.name.find('.') + 1);
      const sema::Service* s = serviceNamed(model, head);
      std::string out;
      for (size_t i = 0; s && i < s->ports.size(); ++i) {
        if (s->ports[i].name == port) out = codeBlock(portLine(s->ports[i])) + "\n\nof service " + code(head);
      }
      if (out.empty()) out = codeBlock("service " + head);
      return values.empty() ? out : out + "\n\nthis reference is " + values;
    }
    case sema::UseKind::Template: {
      const ast::Template* t = templateAt(a.c.program.files, use.decl);
      return codeBlock(t ? templateHeader(a.c.sources, *t) : "template " + use.name);
    }
    case sema::UseKind::Let:
    case sema::UseKind::Param: {
      std::string line = (use.kind == sema::UseKind::Let ? "let " : "parameter ") + use.name;
      if (!use.type.empty()) line += ": " + use.type;
      if (use.values.size() == 1) return codeBlock(line + " = " + use.values.front());
      return codeBlock(line) + (values.empty() ? "" : "\n\nvalues: " + values);
    }
  }
  return "";
}

std::string describeDeclared(const Analysis& a, const Declared& d) {
  switch (d.kind) {
    case Declared::Kind::Service: {
      const sema::Service* s = serviceNamed(a.c.model, d.name);
      return s ? serviceSummary(a.c.model, *s) : codeBlock("service " + d.name);
    }
    case Declared::Kind::Port: {
      for (const sema::Service& s : a.c.model.services) {
        for (const sema::Port& p : s.ports) {
          if (p.span == d.span) return codeBlock(portLine(p)) + "\n\nof service " + code(s.name);
        }
      }
      std::string_view written = a.c.sources.text(d.span);
      return codeBlock(std::string(written.substr(0, written.find('{'))));
    }
    case Declared::Kind::Template: {
      const ast::Template* t = templateAt(a.c.program.files, d.span);
      return codeBlock(t ? templateHeader(a.c.sources, *t) : "template " + d.name);
    }
    case Declared::Kind::Let:
      // A let some name resolved to is shown with its value, else as written.
      for (const sema::NameUse& use : a.index.uses()) {
        if (use.kind == sema::UseKind::Let && use.decl == d.span) return describeUse(a, use);
      }
      return codeBlock(std::string(a.c.sources.text(d.span)));
    case Declared::Kind::Profile:
      return codeBlock("profile " + d.name);
    case Declared::Kind::App:
      return codeBlock("app " + d.name);
  }
  return "";
}

Json markdown(const std::string& text, const Json& where) {
  return Json{{"contents", {{"kind", "markdown"}, {"value", text}}}, {"range", where}};
}

}  // namespace

Json hover(const Workspace::View& view, uint32_t offset) {
  const Analysis& a = view.analysis;
  if (view.file == kNoFile) return nullptr;
  if (const sema::NameUse* use = a.index.at(view.file, offset)) {
    return markdown(describeUse(a, *use), range(a.c.sources, use->use));
  }
  const ast::File* file = astOf(a, view.file);
  if (!file) return nullptr;
  std::vector<Declared> decls = declarationsOf(*file);
  const Declared* d = declaredAt(decls, offset);
  if (!d) return nullptr;
  return markdown(describeDeclared(a, *d), range(a.c.sources, d->name_span));
}

}  // namespace svcc::lsp
