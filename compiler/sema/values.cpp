#include "sema/values.h"

namespace svcc::sema {
namespace {

const char* scalarName(TypeKind k) {
  switch (k) {
    case TypeKind::Any:
      return "any value";
    case TypeKind::Int:
      return "Int";
    case TypeKind::Bool:
      return "Bool";
    case TypeKind::String:
      return "String";
    case TypeKind::Duration:
      return "Duration";
    case TypeKind::Cpu:
      return "Cpu";
    case TypeKind::Memory:
      return "Memory";
    case TypeKind::Percent:
      return "Percent";
    case TypeKind::Port:
      return "Port";
    case TypeKind::Image:
      return "Image";
    case TypeKind::List:
      return "a list";
    case TypeKind::Range:
      return "a range";
    case TypeKind::PortName:
      return "a port name";
    case TypeKind::Protocol:
      return "a protocol";
    case TypeKind::EnvValue:
      return "an environment value";
  }
  return "";
}

}  // namespace

std::string typeName(const Type& t) {
  if (t.kind == TypeKind::List) return "[" + std::string(scalarName(t.elem)) + "]";
  if (t.kind == TypeKind::Range) return std::string(scalarName(t.elem)) + ".." + scalarName(t.elem);
  std::string name = scalarName(t.kind);
  if (t.or_range) return name + " or " + name + ".." + name;
  return name;
}

std::optional<QuantityKind> quantityKind(TypeKind k) {
  switch (k) {
    case TypeKind::Cpu:
      return QuantityKind::Cpu;
    case TypeKind::Memory:
      return QuantityKind::Memory;
    case TypeKind::Duration:
      return QuantityKind::Duration;
    default:
      return std::nullopt;
  }
}

bool Value::hasRefs() const {
  for (const TextPiece& p : pieces) {
    if (!p.ref.empty()) return true;
  }
  return false;
}

std::string Value::plainText() const {
  std::string out;
  for (const TextPiece& p : pieces) out += p.text;
  return out;
}

}  // namespace svcc::sema
