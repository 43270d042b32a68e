#include "sema/index.h"

#include <algorithm>

namespace svcc::sema {

namespace {

constexpr size_t kMaxValues = 4;

uint64_t placeKey(const Span& span, UseKind kind) {
  return (uint64_t{span.file} << 40) ^ (uint64_t{span.begin} << 8) ^ static_cast<uint64_t>(kind);
}

std::string typeOf(const Value& v) {
  if (v.kind == Value::Kind::Untyped || v.kind == Value::Kind::Error || v.type == TypeKind::Any) return "";
  if (v.kind == Value::Kind::List) return "a list";
  if (v.kind == Value::Kind::Range) return typeName(Type(TypeKind::Range, v.type));
  return typeName(Type::of(v.type));
}

NameUse valueUse(const ast::Ident& use, UseKind kind, const std::string& name, Span decl, const Value& value) {
  NameUse u{use.span, kind, name, decl, {}, typeOf(value)};
  if (value.ok()) u.values.push_back(showValue(value));
  return u;
}

}  // namespace

void NameIndex::add(NameUse use) {
  auto [it, fresh] = by_place_.emplace(placeKey(use.use, use.kind), uses_.size());
  if (fresh) {
    uses_.push_back(std::move(use));
    return;
  }
  NameUse& known = uses_[it->second];
  for (std::string& v : use.values) {
    if (known.values.size() >= kMaxValues) break;
    if (std::find(known.values.begin(), known.values.end(), v) == known.values.end())
      known.values.push_back(std::move(v));
  }
}

const NameUse* NameIndex::at(FileId file, uint32_t offset) const {
  const NameUse* best = nullptr;
  for (const NameUse& u : uses_) {
    if (u.use.file != file || offset < u.use.begin || offset > u.use.end) continue;
    if (!best || u.use.size() < best->use.size()) best = &u;
  }
  return best;
}

void recordLet(NameIndex* index, const ast::Ident& use, const ast::Let& let, const Value& value) {
  if (index) index->add(valueUse(use, UseKind::Let, let.name.text, let.span, value));
}

void recordParam(NameIndex* index, const ast::Ident& use, const Value& value, const Span& decl) {
  if (index) index->add(valueUse(use, UseKind::Param, use.text, decl, value));
}

void recordTemplate(NameIndex* index, const ast::BaseRef& base, const ast::Template& target) {
  if (!index || base.path.empty()) return;
  index->add(NameUse{ast::pathSpan(base.path), UseKind::Template, ast::pathText(base.path), target.span, {}, ""});
}

void recordService(NameIndex* index, const ast::Ident& use, const ast::Service& target) {
  if (index) index->add(NameUse{use.span, UseKind::Service, target.name.text, target.span, {}, ""});
}

void recordReference(NameIndex* index, const ast::Path& path, const Reference& ref, const Model& model) {
  if (!index || path.empty()) return;
  const Service& service = model.services[ref.service];
  const Port* port = ref.port ? &service.ports[*ref.port] : nullptr;
  auto add = [&](const ast::Ident& ident, UseKind kind) {
    bool of_port = kind != UseKind::Service && port;
    index->add(NameUse{ident.span,
                       kind,
                       of_port ? service.name + "." + port->name : service.name,
                       of_port ? port->span : service.decl_span,
                       {ref.text},
                       ""});
  };
  add(path[0], UseKind::Service);
  size_t next = 1;
  if (port && path.size() > 1 && path[1].text == port->name) add(path[next++], UseKind::Port);
  if (next < path.size()) add(path[next], UseKind::Attribute);
}

std::string showValue(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Error:
      return "";
    case Value::Kind::Int:
    case Value::Kind::Percent:
      return std::to_string(v.number) + (v.kind == Value::Kind::Percent ? "%" : "");
    case Value::Kind::Bool:
      return v.flag ? "true" : "false";
    case Value::Kind::Quantity:
      return renderQuantity(*quantityKind(v.type), v.number);
    case Value::Kind::Untyped:
      return v.literal;
    case Value::Kind::Ref:
    case Value::Kind::Name:
      return ast::pathText(v.path);
    case Value::Kind::Secret:
      return "secret(\"" + v.secret_name + "\", \"" + v.secret_key + "\")";
    case Value::Kind::Pod:
      return "pod(\"" + v.literal + "\")";
    case Value::Kind::Range:
      if (v.items.size() == 1) return showValue(v.items[0]) + "..none";
      return v.items.size() == 2 ? showValue(v.items[0]) + ".." + showValue(v.items[1]) : "";
    case Value::Kind::List: {
      std::string out = "[";
      for (const Value& item : v.items) out += (out.size() > 1 ? ", " : "") + showValue(item);
      return out + "]";
    }
    case Value::Kind::Text: {
      std::string out = "\"";
      for (const TextPiece& p : v.pieces) out += p.ref.empty() ? p.text : "${" + ast::pathText(p.ref) + "}";
      return out + "\"";
    }
  }
  return "";
}

}  // namespace svcc::sema
