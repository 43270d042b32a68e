#include <regex>
#include <set>

#include "lsp/features.h"
#include "sema/schema.h"

namespace svcc::lsp {

namespace {

// LSP's CompletionItemKind.
enum ItemKind { kField = 5, kClass = 7, kProperty = 10, kKeyword = 14 };

bool wordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string_view trimFront(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

std::string_view firstWord(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && (wordChar(s[n]) || s[n] == '.')) ++n;
  return s.substr(0, n);
}

// Where the cursor stands, read off the text before it: the blocks it is inside (by the
// statements that opened them) and the statement it is in.
struct Context {
  enum class Kind { TopLevel, Fields, App, Profile, Build, Other } kind = Kind::TopLevel;
  const sema::FieldSpec* parent = nullptr;  // Fields: the block; nullptr for a service's own
  std::string_view statement;               // the current statement up to the cursor, from its first word
  bool in_literal = false;                  // inside a string or a comment: nothing to offer
  std::string_view service;                 // the service whose body the cursor is in, if any
};

Context enter(const Context& outer, std::string_view header) {
  Context c;
  c.kind = Context::Kind::Other;
  c.service = outer.service;
  std::string_view word = firstWord(header);
  switch (outer.kind) {
    case Context::Kind::TopLevel:
      if (word == "service" || word == "template") c.kind = Context::Kind::Fields;
      if (word == "service") c.service = firstWord(trimFront(header.substr(word.size())));
      if (word == "app") c.kind = Context::Kind::App;
      if (word == "profile") c.kind = Context::Kind::Profile;
      break;
    case Context::Kind::Profile: {
      // `SERVICE {` or `SERVICE.BLOCK {`
      size_t dot = word.find('.');
      c.kind = Context::Kind::Fields;
      c.service = word.substr(0, dot);
      if (dot != std::string_view::npos) {
        const sema::FieldSpec* f = sema::findField(nullptr, word.substr(dot + 1));
        if (f && f->shape == sema::FieldShape::Block) c.parent = f;
        else c.kind = Context::Kind::Other;
      }
      break;
    }
    case Context::Kind::Fields: {
      // A service's own blocks, and those of its `init` and `sidecar` containers.
      bool top = !outer.parent || outer.parent->child == sema::BlockId::Container;
      if (word == "port" && top) {
        c.kind = Context::Kind::Fields;
        c.parent = &sema::portBodySpec();
      } else if (word == "volume" && !outer.parent) {
        c.kind = Context::Kind::Fields;
        c.parent = &sema::volumeSpec();
      } else if (word == "build" && !outer.parent) {
        c.kind = Context::Kind::Build;
      } else if (const sema::FieldSpec* f = sema::findField(outer.parent, word);
                 f && (f->shape == sema::FieldShape::Block || f->shape == sema::FieldShape::Named)) {
        c.kind = Context::Kind::Fields;
        c.parent = f;
      }
      break;
    }
    case Context::Kind::Build:
      if (word == "stage") c.kind = Context::Kind::Build;
      break;
    case Context::Kind::App:
    case Context::Kind::Other:
      break;
  }
  return c;
}

Context contextAt(std::string_view text) {
  std::vector<Context> stack{Context{}};
  size_t statement = 0;
  int parens = 0;
  enum class Mode { Code, String, Interpolation, LineComment, BlockComment } mode = Mode::Code;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (mode) {
      case Mode::LineComment:
        if (c == '\n') mode = Mode::Code, statement = parens == 0 ? i + 1 : statement;
        continue;
      case Mode::BlockComment:
        if (c == '*' && next == '/') mode = Mode::Code, ++i;
        continue;
      case Mode::String:
        if (c == '\\') ++i;
        else if (c == '$' && next == '{') mode = Mode::Interpolation, ++i;
        else if (c == '"' || c == '\n') mode = Mode::Code;
        continue;
      case Mode::Interpolation:
        if (c == '}') mode = Mode::String;
        continue;
      case Mode::Code:
        break;
    }
    if (c == '"') mode = Mode::String;
    else if (c == '/' && next == '/') mode = Mode::LineComment, ++i;
    else if (c == '/' && next == '*') mode = Mode::BlockComment, ++i;
    else if (c == '(' || c == '[') ++parens;
    else if ((c == ')' || c == ']') && parens > 0) --parens;
    else if (c == '\n' && parens == 0) statement = i + 1;
    else if (c == '{') {
      stack.push_back(enter(stack.back(), trimFront(text.substr(statement, i - statement))));
      statement = i + 1;
      parens = 0;
    } else if (c == '}') {
      if (stack.size() > 1) stack.pop_back();
      statement = i + 1;
      parens = 0;
    }
  }
  Context out = stack.back();
  out.statement = trimFront(text.substr(statement));
  out.in_literal = mode != Mode::Code;
  return out;
}

struct Items {
  Json list = Json::array();
  std::set<std::string> seen;

  void add(const std::string& label, int kind, const std::string& detail) {
    if (label.empty() || !seen.insert(label).second) return;
    Json item{{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    list.push_back(std::move(item));
  }
};

std::string fieldDetail(const sema::FieldSpec& f) {
  switch (f.shape) {
    case sema::FieldShape::Value:
      return sema::typeName(f.type);
    case sema::FieldShape::Block:
      return std::string(f.name) + " { … }";
    case sema::FieldShape::Map:
      return std::string(f.name) + " { KEY = … }";
    case sema::FieldShape::Port:
      return "port NAME = N";
    case sema::FieldShape::Named:
      return std::string(f.name) + " NAME { … }";
    case sema::FieldShape::Build:
      return "build { … }";
    case sema::FieldShape::DependsOn:
      return "depends on SERVICE, …";
  }
  return "";
}

void addFields(Items& items, const sema::FieldSpec* parent) {
  for (const sema::FieldSpec& f : sema::fieldsOf(parent)) {
    if (f.shape == sema::FieldShape::DependsOn) items.add("depends on", kKeyword, fieldDetail(f));
    else items.add(std::string(f.name), kField, fieldDetail(f));
  }
}

// Every service name the app declares: the checked ones, and those only written in a
// text that does not parse yet.
std::set<std::string> serviceNames(const Workspace::View& view) {
  const Analysis& a = view.analysis;
  std::set<std::string> names;
  for (const sema::Service& s : a.c.model.services) names.insert(s.name);
  if (view.parsed_before) {
    for (const sema::Service& s : view.parsed_before->c.model.services) names.insert(s.name);
  }
  static const std::regex kService(R"((?:^|\n)[ \t]*service[ \t]+([A-Za-z0-9_-]+))");
  for (FileId id = 0; id < a.c.sources.size(); ++id) {
    const SourceFile& file = a.c.sources.file(id);
    if (file.is_stdlib) continue;
    for (std::sregex_iterator it(file.text.begin(), file.text.end(), kService), end; it != end; ++it) {
      names.insert((*it)[1].str());
    }
  }
  return names;
}

// The ports of service `name`: the checked ones (templates' included; from the last
// check that got past parsing while the app does not parse), else the `port NAME =`
// statements written in its body.
std::vector<std::string> portsOf(const Workspace::View& view, const std::string& name) {
  std::vector<std::string> out;
  for (const Analysis* checked : {&view.analysis, view.parsed_before}) {
    if (!checked) continue;
    for (const sema::Service& s : checked->c.model.services) {
      if (s.name != name) continue;
      for (const sema::Port& p : s.ports) out.push_back(p.name);
      return out;
    }
  }
  const Analysis& a = view.analysis;
  const std::regex header("(?:^|\\n)[ \\t]*service[ \\t]+" + name + "\\b[^{]*\\{");
  static const std::regex kPort(R"(\bport[ \t]+([A-Za-z0-9_-]+)[ \t]*=)");
  for (FileId id = 0; id < a.c.sources.size(); ++id) {
    const std::string& text = a.c.sources.file(id).text;
    std::smatch m;
    if (!std::regex_search(text, m, header)) continue;
    size_t begin = static_cast<size_t>(m.position(0) + m.length(0));
    size_t end = begin;
    for (int depth = 1; end < text.size() && depth > 0; ++end)
      depth += text[end] == '{' ? 1 : text[end] == '}' ? -1 : 0;
    std::string body = text.substr(begin, end - begin);
    for (std::sregex_iterator it(body.begin(), body.end(), kPort), stop; it != stop; ++it)
      out.push_back((*it)[1].str());
  }
  return out;
}

void addAttributes(Items& items) {
  for (const char* attribute : {"address", "host", "port", "url"}) items.add(attribute, kProperty, "attribute");
}

// The names a field of type `type` takes: the service's own ports for `health { port = … }`
// and `ingress`, the protocols, the booleans.
void addValues(Items& items, const Workspace::View& view, const Context& ctx, const sema::Type& type) {
  switch (type.kind) {
    case sema::TypeKind::PortName:
      if (ctx.service.empty()) break;
      for (const std::string& p : portsOf(view, std::string(ctx.service)))
        items.add(p, kProperty, "port of `" + std::string(ctx.service) + "`");
      break;
    case sema::TypeKind::Protocol:
      for (const char* protocol : {"grpc", "http", "tcp", "udp"}) items.add(protocol, kKeyword, "protocol");
      break;
    case sema::TypeKind::Bool:
      for (const char* value : {"false", "true"}) items.add(value, kKeyword, "Bool");
      break;
    default:
      break;
  }
}

std::vector<std::string> split(std::string_view dotted) {
  std::vector<std::string> parts;
  size_t begin = 0;
  for (size_t dot; (dot = dotted.find('.', begin)) != std::string_view::npos; begin = dot + 1) {
    parts.emplace_back(dotted.substr(begin, dot - begin));
  }
  parts.emplace_back(dotted.substr(begin));
  return parts;
}

}  // namespace

Json completion(const Workspace::View& view, uint32_t offset, bool after_space) {
  std::string_view text = std::string_view(view.doc.text).substr(0, offset);
  Context ctx = contextAt(text);
  Items items;
  if (ctx.in_literal) return items.list;
  // `depends on a, ready(b.port), …`: the services, also inside `ready(`.
  static const std::regex kDependsOn(
      R"(^depends\s+on\s+(?:(?:ready\s*\(\s*)?[A-Za-z0-9_.-]+\s*\)?\s*,\s*)*(?:ready\s*\(\s*)?[A-Za-z0-9_-]*$)");
  std::string statement(ctx.statement);
  if (std::regex_match(statement, kDependsOn)) {
    for (const std::string& name : serviceNames(view)) items.add(name, kClass, "service");
    return items.list;
  }
  if (after_space) return items.list;

  size_t word_begin = statement.size();
  while (word_begin > 0 && (wordChar(statement[word_begin - 1]) || statement[word_begin - 1] == '.')) --word_begin;
  std::string word = statement.substr(word_begin);
  bool at_start = word_begin == 0;
  if (word.find('.') != std::string::npos) {
    std::vector<std::string> parts = split(word);
    std::set<std::string> services = serviceNames(view);
    if (!services.count(parts[0])) return items.list;
    if (ctx.kind == Context::Kind::Profile && at_start) {
      const sema::FieldSpec* parent = nullptr;
      for (size_t i = 1; i + 1 < parts.size(); ++i) parent = sema::findField(parent, parts[i]);
      if (parts.size() == 2 || (parent && parent->shape == sema::FieldShape::Block)) addFields(items, parent);
      return items.list;
    }
    std::vector<std::string> ports = portsOf(view, parts[0]);
    if (parts.size() == 2) {
      for (const std::string& p : ports) items.add(p, kProperty, "port of `" + parts[0] + "`");
      addAttributes(items);
    } else if (parts.size() == 3 && std::find(ports.begin(), ports.end(), parts[1]) != ports.end()) {
      addAttributes(items);
    }
    return items.list;
  }
  static const std::regex kAssign(R"(^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*[A-Za-z0-9_-]*$)");
  std::smatch assign;
  if (ctx.kind == Context::Kind::Fields && std::regex_match(statement, assign, kAssign)) {
    const sema::FieldSpec* f = sema::findField(ctx.parent, assign[1].str());
    if (f && f->shape == sema::FieldShape::Value) addValues(items, view, ctx, f->type);
    return items.list;
  }
  if (!at_start) return items.list;
  switch (ctx.kind) {
    case Context::Kind::TopLevel:
      for (const char* keyword : {"app", "import", "let", "profile", "service", "template"})
        items.add(keyword, kKeyword, "");
      break;
    case Context::Kind::Fields:
      addFields(items, ctx.parent);
      break;
    case Context::Kind::App:
      addFields(items, &sema::appSpec());
      break;
    case Context::Kind::Profile:
      for (const std::string& name : serviceNames(view)) items.add(name, kClass, "service");
      break;
    case Context::Kind::Build:
      for (const char* step : {"copy", "env", "from", "run", "stage", "user", "workdir"})
        items.add(step, kKeyword, "build step");
      break;
    case Context::Kind::Other:
      break;
  }
  return items.list;
}

}  // namespace svcc::lsp
