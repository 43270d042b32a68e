// Phase: sema (types and values).
// The types of the language and the checked values expressions evaluate to. A value is
// typed against what its place expects and keeps the span it was written at; references
// to other services stay symbolic until every service's ports are known.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/source.h"
#include "sema/units.h"

namespace svcc::sema {

// How deep lets may refer to lets and templates use templates: deeper is surely a
// mistake, and the limit keeps evaluation from exhausting the stack on hostile input.
inline constexpr size_t kMaxDepth = 100;
// The largest string (bytes) or list (elements, counted through nested lists) a value may
// become. Far above any real env value or command, and low enough that lets doubling a
// string 30 times stop at an error instead of at std::bad_alloc.
inline constexpr size_t kMaxValueSize = size_t{1} << 20;
// Template applications for one service: bases that share a base (diamonds) apply it once
// per path, 2^depth times; real services apply a handful.
inline constexpr size_t kMaxTemplateApplications = 10000;

enum class TypeKind : uint8_t {
  Any,  // no expectation: lets checked on their own
  Int,
  Bool,
  String,
  Duration,
  Cpu,
  Memory,
  Percent,
  Port,
  Image,
  List,
  Range,
  // Only in the schema, never a parameter type:
  PortName,  // a port of the same service (`health { port = http }`)
  Protocol,  // http | grpc | tcp | udp
  EnvValue,  // a string, a scalar shown as text, a reference or a secret
};

struct Type {
  bool operator==(const Type&) const = default;
  TypeKind kind = TypeKind::Any;
  TypeKind elem = TypeKind::Any;                      // List and Range: the element type
  bool or_range = false;                              // `Cpu` or `Cpu..Cpu` (resources)
  std::optional<std::pair<int64_t, int64_t>> bounds;  // Int/Percent: allowed range

  Type() = default;
  explicit Type(TypeKind k, TypeKind e = TypeKind::Any) : kind(k), elem(e) {}
  static Type of(TypeKind k) { return Type(k); }
  static Type bounded(TypeKind k, int64_t lo, int64_t hi) {
    Type t(k);
    t.bounds = std::make_pair(lo, hi);
    return t;
  }
  // `Cpu` becomes `Cpu or Cpu..Cpu`.
  Type orRange() const {
    Type t = *this;
    t.or_range = true;
    return t;
  }
};

std::string typeName(const Type& t);  // "Cpu", "[String]", "Cpu..Cpu", "Cpu or Cpu..Cpu"
std::optional<QuantityKind> quantityKind(TypeKind k);

// A piece of a string: literal text, or a reference to a service resolved at the end.
struct TextPiece {
  std::string text;
  ast::Path ref;  // non-empty: a service reference (`${cart.grpc.address}`)
  Span span;
};

struct Value {
  enum class Kind : uint8_t {
    Error,     // already reported: every later check stays silent
    Int,       // number (Int, Port, user ids)
    Bool,      // flag
    Text,      // pieces (String, Image)
    Quantity,  // number canonical: millicores, bytes, milliseconds
    Percent,   // number
    List,      // items
    Range,     // items {low, high}, or {low} for `low..none` (a request without a limit)
    Secret,    // secret_name, secret_key
    Pod,       // literal: a field of the pod itself, `pod("ip")` (the Downward API)
    Ref,       // path: a reference to a service, resolved at the end
    Name,      // path: a port name or protocol, checked at the end
    Untyped,   // a number checked against nothing (a let seen on its own): literal
  };
  Kind kind = Kind::Error;
  TypeKind type = TypeKind::Any;  // what it was checked as (Quantity: Cpu/Memory/Duration)
  Span span;
  int64_t number = 0;
  bool flag = false;
  std::vector<TextPiece> pieces;
  std::vector<Value> items;
  ast::Path path;
  std::string secret_name, secret_key, literal;

  bool ok() const { return kind != Kind::Error; }
  bool hasRefs() const;
  // The text of a Text value without references (pieces concatenated).
  std::string plainText() const;
  static Value make(Kind kind, TypeKind type, Span span) {
    Value v;
    v.kind = kind;
    v.type = type;
    v.span = span;
    return v;
  }
  static Value error(Span span) {
    Value v;
    v.span = span;
    return v;
  }
};

}  // namespace svcc::sema
