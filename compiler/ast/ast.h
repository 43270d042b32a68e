// Phase: ast (produced by parse/, read by sema/, dump and the formatter).
// Our own syntax tree: plain structs with a span on every node, no ANTLR types.
// Values are kept as written (number text, unit suffix): giving them meaning is
// sema's job, since `5m` means different things as a Cpu and as a Duration.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/source.h"

namespace svcc::ast {

// A value most nodes leave out, kept behind a pointer so that the others pay 8 bytes for
// it instead of its size (`Stmt::target` is an `Expr` only ports with `->` have). The
// parsers fill a node's boxes exactly when its kind uses them.
// Copies are deep, like the `std::optional` it replaces; a moved-from box is empty.
template <class T>
class Box {
 public:
  Box() = default;
  Box(T value) : p_(std::make_unique<T>(std::move(value))) {}  // implicit, as optional<T> is
  Box(const Box& other) : p_(other.p_ ? std::make_unique<T>(*other.p_) : nullptr) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& other) {
    if (this != &other) p_ = other.p_ ? std::make_unique<T>(*other.p_) : nullptr;
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  ~Box() = default;

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  T& emplace() {
    p_ = std::make_unique<T>();
    return *p_;
  }

 private:
  std::unique_ptr<T> p_;
};

struct Ident {
  std::string text;
  Span span;
};

// A dotted name: `cart`, `cart.grpc.address`, `runtime.python`, `frontend.scale.max`.
using Path = std::vector<Ident>;

Span pathSpan(const Path& path);
std::string pathText(const Path& path);  // "cart.grpc.address"

enum class ExprKind : uint8_t {  // one byte, so that `bool_value` shares its word
  String,                        // "…" with parts
  Int,                           // 42, -1 (text holds the digits with sign)
  Decimal,                       // 0.5
  Quantity,                      // 250m, 128Mi, 10s, 1.5Gi: text = number part, unit = suffix
  Percent,                       // 70%: text = number part
  Bool,                          // true, false
  List,                          // [a, b]
  Range,                         // a..b: items = {low, high}
  Ref,                           // cart.grpc.address
  Call,                          // secret("a", "b"), runtime.python(version = "3.12")
  Error,                         // placeholder where the parser recovered from a syntax error
};

struct StringPart {
  bool is_interpolation = false;
  std::string text;  // literal text with escapes decoded (when !is_interpolation)
  Path ref;          // the reference inside `${…}` (when is_interpolation)
  Span span;         // the part's bytes in the source, `${` and `}` included
};

struct Arg;

struct Expr {
  ExprKind kind = ExprKind::Error;
  bool bool_value = false;  // Bool
  Span span;
  std::string text;               // Int/Decimal/Quantity/Percent: the number as written
  Box<std::string> unit;          // Quantity: the suffix as written ("m", "Mi", "ms")
  std::vector<StringPart> parts;  // String
  std::vector<Expr> items;        // List items; Range {low, high}
  Path path;                      // Ref; Call: the callee
  Box<std::vector<Arg>> args;     // Call
};

struct Arg {
  Box<Ident> name;  // set for named arguments: `version = "3.12"`
  Expr value;
  Span span;
};

// A parameter type: `Port`, `[String]`, `Cpu..Cpu`.
struct TypeRef {
  enum class Kind { Named, List, Range } kind = Kind::Named;
  Ident name;                  // Named
  std::vector<TypeRef> elems;  // List: {elem}; Range: {low, high}
  Span span;
};

// ---- build recipes ----

enum class StepKind { From, Workdir, Copy, CopyFrom, Run, Env, User, Stage };

struct BuildStep {
  StepKind kind = StepKind::Run;
  Span span;
  Ident keyword;                 // `from`, `copy`, … as written
  std::optional<Ident> name;     // CopyFrom and Stage: the stage; Env: the variable
  std::vector<Expr> args;        // From: image; Workdir/Run/User: one; Copy: src, dst; Env: value
  std::vector<BuildStep> steps;  // Stage: its own steps
  Span body_span;                // Stage: the braces
};

// ---- statements inside `{ … }` ----

struct Stmt;

struct Block {
  bool present = false;  // false for `service postgres : backing.postgres(...)` with no body
  Span span;             // from `{` to `}` inclusive
  std::vector<Stmt> stmts;
};

enum class StmtKind {
  Assign,     // path = value                   (`replicas = 3`, `frontend.scale.max = 30`)
  Block,      // name { … }                     (`health { … }`, `env { … }`, `scale { … }`)
  Port,       // port name = value [-> target] [{ … }]
  DependsOn,  // depends on ref, ref
  Named,      // kind name { … }                (`volume data { … }`; kinds: the field registry)
  Build,      // build { steps }
};

struct Stmt {
  StmtKind kind = StmtKind::Assign;
  Span span;
  Box<Ident> keyword;                 // Port/DependsOn/Named/Build: the leading keyword (Named: the kind)
  Path path;                          // Assign: target; Block/Port/Named: {name}
  Expr value;                         // Assign: value; Port: first port number
  Box<Expr> target;                   // Port: the container port after `->`
  Box<std::vector<Expr>> refs;        // DependsOn: Ref expressions
  Block body;                         // Block/Named/Port (optional for Port)
  Box<std::vector<BuildStep>> steps;  // Build
  // Assign: the path is one quoted map key, decoded (`"prometheus.io/scrape" = …`).
  bool quoted_key = false;
};

// ---- declarations ----

struct Import {
  Span span;
  bool is_path = false;
  Path module;       // `std.runtime` (when !is_path)
  std::string path;  // "./other.svc" decoded (when is_path)
  Span path_span;
};

struct App {
  Span span;
  Ident name;
  Block body;
};

struct Let {
  Span span;
  Ident name;
  Expr value;
};

struct Param {
  Span span;
  Ident name;
  TypeRef type;
  std::optional<Expr> default_value;
};

// A base in `service x : web, runtime.python(version = "3.12")`.
struct BaseRef {
  Span span;
  Path path;
  bool has_parens = false;
  std::vector<Arg> args;
};

struct Template {
  Span span;
  Ident name;
  std::vector<Param> params;
  std::vector<BaseRef> bases;
  Block body;
};

// `KIND NAME [: bases] [{ … }]`: a service (kind `service`), and the declaration kinds to
// come; sema checks the kind.
struct Service {
  Span span;
  Ident kind{"service", {}};  // as written; a tree built by code is a service
  Ident name;
  std::vector<BaseRef> bases;
  Block body;  // body.present is false when the service has no `{ … }`
};

struct Profile {
  Span span;
  Ident name;
  Block body;
};

using Decl = std::variant<Import, App, Let, Template, Service, Profile>;

struct Comment {
  Span span;   // the whole comment, delimiters included
  bool block;  // `/* … */` rather than `// …`
};

struct File {
  FileId file = kNoFile;
  std::vector<Decl> decls;        // in source order
  std::vector<Comment> comments;  // in source order; kept for the formatter
};

}  // namespace svcc::ast
