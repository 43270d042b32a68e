#include "sema/eval.h"

#include <algorithm>
#include <charconv>

#include "sema/index.h"
#include "sema/names.h"
#include "sema/schema.h"

namespace svcc::sema {
namespace {

bool isTextual(TypeKind k) {
  return k == TypeKind::String || k == TypeKind::Image || k == TypeKind::EnvValue || k == TypeKind::Any;
}

std::optional<int64_t> parseInt(const std::string& text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

Value textValue(std::string text, Span span, TypeKind type) {
  Value v = Value::make(Value::Kind::Text, type, span);
  v.pieces.push_back({std::move(text), {}, span});
  return v;
}

const char* kindWord(QuantityKind k) {
  switch (k) {
    case QuantityKind::Cpu:
      return "a CPU quantity";
    case QuantityKind::Memory:
      return "a memory quantity";
    case QuantityKind::Duration:
      return "a duration";
  }
  return "";
}

// Elements and string pieces, counted through nested lists: what a list holds.
size_t valueSize(const Value& v) {
  size_t size = 1 + v.pieces.size();
  for (const Value& item : v.items) size += valueSize(item);
  return size;
}

}  // namespace

std::string describeExpr(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::String:
      return "String";
    case ast::ExprKind::Int:
      return "Int";
    case ast::ExprKind::Decimal:
      return "a decimal number";
    case ast::ExprKind::Quantity:
      if (auto k = kindOfSuffix(e.unit ? *e.unit : "")) return quantityKindName(*k);
      return "a quantity";
    case ast::ExprKind::Percent:
      return "Percent";
    case ast::ExprKind::Bool:
      return "Bool";
    case ast::ExprKind::List:
      return "a list";
    case ast::ExprKind::Range:
      return "a range";
    case ast::ExprKind::Ref:
      return "the reference `" + ast::pathText(e.path) + "`";
    case ast::ExprKind::Call:
      return "a call of `" + ast::pathText(e.path) + "`";
    case ast::ExprKind::Error:
      return "an error";
  }
  return "";
}

Diagnostic& Evaluator::report(Code code, Span span, std::string message) {
  Diagnostic& d = diags_.report(code, span, std::move(message));
  if (!bases_.empty()) {
    const auto& [base, name] = bases_.front();
    bool inside = span.file == base.file && span.begin >= base.begin && span.end <= base.end;
    if (!inside) d.secondaryLabel(base, "in `" + name + "`, applied here");
  }
  return d;
}

Value Evaluator::mismatch(const Type& expected, const std::string& found, Span span, const char* help) {
  auto& d = report(Code::E0301, span, "expected " + typeName(expected) + ", found " + found).label("this is " + found);
  if (help) d.withHelp(help);
  return Value::error(span);
}

Value Evaluator::eval(const ast::Expr& e, const Type& t, const Env& env) {
  switch (e.kind) {
    case ast::ExprKind::Error:
      return Value::error(e.span);
    case ast::ExprKind::String:
      return evalString(e, t, env);
    case ast::ExprKind::Int:
    case ast::ExprKind::Decimal:
    case ast::ExprKind::Quantity:
      return evalNumber(e, t);
    case ast::ExprKind::Percent:
      return evalPercent(e, t);
    case ast::ExprKind::Bool: {
      if (t.kind == TypeKind::EnvValue) return textValue(e.bool_value ? "true" : "false", e.span, t.kind);
      if (t.kind != TypeKind::Bool && t.kind != TypeKind::Any) return mismatch(t, "Bool", e.span);
      Value v = Value::make(Value::Kind::Bool, TypeKind::Bool, e.span);
      v.flag = e.bool_value;
      return v;
    }
    case ast::ExprKind::List: {
      if (t.kind != TypeKind::List && t.kind != TypeKind::Any) {
        return mismatch(t, "a list", e.span, t.or_range ? "a range is written `low..high`, without brackets" : nullptr);
      }
      Value v = Value::make(Value::Kind::List, TypeKind::List, e.span);
      size_t size = 0;
      for (const ast::Expr& item : e.items) {
        Value iv = eval(item, Type::of(t.kind == TypeKind::List ? t.elem : TypeKind::Any), env);
        if (!iv.ok()) return Value::error(e.span);
        size += valueSize(iv);
        if (!withinSizeLimit(size, e.span, "list")) return Value::error(e.span);
        v.items.push_back(std::move(iv));
      }
      return v;
    }
    case ast::ExprKind::Range:
      return evalRange(e, t, env);
    case ast::ExprKind::Ref:
      return evalRef(e, t, env);
    case ast::ExprKind::Call:
      return evalCall(e, t);
  }
  return Value::error(e.span);
}

Value Evaluator::evalString(const ast::Expr& e, const Type& t, const Env& env) {
  if (!isTextual(t.kind) && t.kind != TypeKind::Protocol) {
    const char* help = nullptr;
    if (t.kind == TypeKind::PortName) help = "a port is named without quotes: `port = http`";
    else if (t.kind == TypeKind::List) help = "a list is written in brackets: `[\"a\", \"b\"]`";
    else if (t.kind != TypeKind::Bool) help = "write the value without quotes";
    return mismatch(t, "String", e.span, help);
  }
  Value v = Value::make(Value::Kind::Text, t.kind == TypeKind::Image ? TypeKind::Image : TypeKind::String, e.span);
  bool ok = true;
  size_t bytes = 0;
  size_t counted = 0;  // pieces whose bytes are in `bytes`
  for (const ast::StringPart& part : e.parts) {
    for (; counted < v.pieces.size(); ++counted) bytes += v.pieces[counted].text.size() + 1;
    if (!withinSizeLimit(bytes, e.span, "string")) return Value::error(e.span);
    if (!part.is_interpolation) {
      v.pieces.push_back({part.text, {}, part.span});
      continue;
    }
    if (part.ref.empty()) continue;
    std::optional<Value> named = lookup(part.ref, Type::of(TypeKind::Any), env);
    if (named) {
      ok = appendText(*named, v.pieces, part.span) && ok;
    } else if (isService(part.ref[0].text)) {
      v.pieces.push_back({"", part.ref, part.span});
    } else {
      unknownName(part.ref, env);
      ok = false;
    }
  }
  for (; counted < v.pieces.size(); ++counted) bytes += v.pieces[counted].text.size() + 1;
  if (!withinSizeLimit(bytes, e.span, "string")) return Value::error(e.span);
  if (!ok) return Value::error(e.span);
  if (t.kind == TypeKind::Protocol) {
    Value n = Value::make(Value::Kind::Name, TypeKind::Protocol, e.span);
    n.path.push_back({v.plainText(), e.span});
    return n;
  }
  if (t.kind == TypeKind::Image) return checkImage(std::move(v));
  return v;
}

bool Evaluator::withinSizeLimit(size_t size, Span span, const char* what) {
  if (size <= kMaxValueSize) return true;
  report(Code::E0340, span,
         std::string("this ") + what + " grows past the limit of " + std::to_string(kMaxValueSize) +
             (std::string_view(what) == "string" ? " bytes" : " elements"))
      .label("too large once its lets are filled in")
      .withHelp(
          "a let used twice in a let used twice doubles its size at every level; write the value out, or "
          "split it into smaller values");
  return false;
}

Value Evaluator::checkImage(Value v) {
  if (!v.ok() || v.hasRefs()) return v;
  std::string text = v.plainText();
  if (auto why = checkImageReference(text)) {
    report(Code::E0306, v.span, "`" + text + "` is not a valid image reference")
        .label(*why)
        .withHelp("an image is `[registry/]path[:tag][@sha256:digest]`, e.g. `ghcr.io/acme/cart:1.4.2`");
    return Value::error(v.span);
  }
  return v;
}

Value Evaluator::checkBounds(Value v, const Type& t) {
  if (!v.ok()) return v;
  std::pair<int64_t, int64_t> b{INT64_MIN, INT64_MAX};
  if (t.kind == TypeKind::Port) b = {1, 65535};
  if (t.kind == TypeKind::Percent) b = {1, 100};
  if (t.bounds) b = *t.bounds;
  if (v.number < b.first || v.number > b.second) {
    std::string shown = std::to_string(v.number) + (t.kind == TypeKind::Percent ? "%" : "");
    report(Code::E0303, v.span, typeName(t) + " `" + shown + "` is out of range")
        .label("not in " + std::to_string(b.first) + ".." + std::to_string(b.second))
        .withHelp("allowed values are " + std::to_string(b.first) + " to " + std::to_string(b.second));
    return Value::error(v.span);
  }
  return v;
}

Value Evaluator::evalNumber(const ast::Expr& e, const Type& t) {
  std::string_view unit = e.unit ? std::string_view(*e.unit) : std::string_view();
  std::string written = e.text + std::string(unit);
  switch (t.kind) {
    case TypeKind::Any: {
      Value v;
      v.kind = Value::Kind::Untyped;
      v.span = e.span;
      v.literal = written;
      return v;
    }
    case TypeKind::EnvValue:
      return textValue(written, e.span, TypeKind::EnvValue);
    case TypeKind::Int:
    case TypeKind::Port: {
      if (e.kind != ast::ExprKind::Int) {
        return mismatch(t, describeExpr(e), e.span, "write a whole number");
      }
      Value v = Value::make(Value::Kind::Int, t.kind, e.span);
      std::optional<int64_t> n = parseInt(e.text);
      if (!n) {
        report(Code::E0303, e.span, "`" + e.text + "` is too large").label("does not fit in 64 bits");
        return Value::error(e.span);
      }
      v.number = *n;
      return checkBounds(std::move(v), t);
    }
    case TypeKind::Cpu:
    case TypeKind::Memory:
    case TypeKind::Duration: {
      QuantityKind want = *quantityKind(t.kind);
      if (auto found = kindOfSuffix(unit); found && *found != want) {
        report(Code::E0304, e.span,
               std::string("expected ") + quantityKindName(want) + ", found " + quantityKindName(*found))
            .label(std::string("this is ") + kindWord(*found))
            .withHelp(quantityHelp(want));
        return Value::error(e.span);
      }
      QuantityResult r = parseQuantity(want, e.text, unit);
      if (!r.value) {
        auto& d = report(Code::E0302, e.span,
                         std::string("invalid ") + quantityKindName(want) + " `" + written + "`: " + r.error)
                      .label("not " + std::string(kindWord(want)));
        d.withHelp(r.help.empty() ? quantityHelp(want) : r.help);
        return Value::error(e.span);
      }
      Value v = Value::make(Value::Kind::Quantity, t.kind, e.span);
      v.number = *r.value;
      return v;
    }
    case TypeKind::Percent:
      return mismatch(t, describeExpr(e), e.span, "a percentage is written with `%`: `70%`");
    case TypeKind::String:
      return mismatch(t, describeExpr(e), e.span, "write it in quotes");
    default:
      return mismatch(t, describeExpr(e), e.span);
  }
}

Value Evaluator::evalPercent(const ast::Expr& e, const Type& t) {
  if (t.kind == TypeKind::EnvValue) return textValue(e.text + "%", e.span, TypeKind::EnvValue);
  if (t.kind != TypeKind::Percent && t.kind != TypeKind::Any) {
    const char* help = nullptr;
    if (t.kind == TypeKind::Cpu)
      help = "CPU is written in cores (`0.5`) or millicores (`500m`); percentages belong in `scale`";
    return mismatch(t, "Percent", e.span, help);
  }
  Value v = Value::make(Value::Kind::Percent, TypeKind::Percent, e.span);
  std::optional<int64_t> n = parseInt(e.text);
  if (!n) {
    report(Code::E0303, e.span, "percentage `" + e.text + "%` is not a whole number")
        .label("not a whole percentage")
        .withHelp("percentages are whole numbers from 1 to 100");
    return Value::error(e.span);
  }
  v.number = *n;
  return checkBounds(std::move(v), Type::of(TypeKind::Percent));
}

Value Evaluator::evalRange(const ast::Expr& e, const Type& t, const Env& env) {
  Type elem;
  if (t.kind == TypeKind::Range) elem = Type::of(t.elem);
  else if (t.or_range) elem = Type::of(t.kind);
  else if (t.kind == TypeKind::Any) elem = Type::of(TypeKind::Any);
  else return mismatch(t, "a range", e.span);
  if (e.items.size() != 2) return Value::error(e.span);
  // `100m..none`: a request, and no limit, asked for explicitly (resources only).
  const ast::Expr& upper = e.items[1];
  if (upper.kind == ast::ExprKind::Ref && upper.path.size() == 1 && upper.path[0].text == "none" &&
      (elem.kind == TypeKind::Cpu || elem.kind == TypeKind::Memory)) {
    Value low = eval(e.items[0], elem, env);
    if (!low.ok()) return Value::error(e.span);
    Value v = Value::make(Value::Kind::Range, elem.kind, e.span);
    v.items.push_back(std::move(low));
    return v;
  }
  Value low = eval(e.items[0], elem, env);
  Value high = eval(e.items[1], elem, env);
  if (!low.ok() || !high.ok()) return Value::error(e.span);
  Value v = Value::make(Value::Kind::Range, elem.kind, e.span);
  bool numeric = low.kind == Value::Kind::Quantity || low.kind == Value::Kind::Int || low.kind == Value::Kind::Percent;
  if (numeric && low.number > high.number) {
    auto show = [&](const Value& x) {
      if (auto k = quantityKind(x.type); k && x.kind == Value::Kind::Quantity) return renderQuantity(*k, x.number);
      return std::to_string(x.number);
    };
    report(Code::E0305, e.span, "request `" + show(low) + "` is above limit `" + show(high) + "`")
        .label("the first value must not exceed the second")
        .withHelp("write the request first and the limit second: `" + show(high) + ".." + show(low) + "`")
        .fix(e.span, show(high) + ".." + show(low), "swap the two ends");
    return Value::error(e.span);
  }
  v.items.push_back(std::move(low));
  v.items.push_back(std::move(high));
  return v;
}

Value Evaluator::unknownName(const ast::Path& p, const Env& env) {
  std::vector<std::string_view> candidates;
  if (env.params) {
    for (const Binding& b : *env.params) candidates.push_back(b.name);
  }
  const UnitNames& names = syms_.units[env.unit];
  for (const auto& [name, let] : names.lets) candidates.push_back(name);
  if (env.unit == 0) {
    for (const ast::Service* s : syms_.services) candidates.push_back(s->name.text);
  }
  std::sort(candidates.begin(), candidates.end());
  const ast::Ident& first = p[0];
  if (p.size() > 1 && env.unit == 0) {
    auto& d = report(Code::E0401, first.span, "unknown service `" + first.text + "`").label("no service has this name");
    if (auto near = nearestName(first.text, syms_.serviceNames())) {
      d.withHelp("did you mean `" + *near + "`?").fix(first.span, *near, "replace with `" + *near + "`");
    }
    return Value::error(ast::pathSpan(p));
  }
  auto& d = report(Code::E0201, first.span, "unknown name `" + first.text + "`")
                .label("no let, parameter or service has this name");
  if (auto near = nearestName(first.text, candidates)) {
    d.withHelp("did you mean `" + *near + "`?").fix(first.span, *near, "replace with `" + *near + "`");
  }
  return Value::error(ast::pathSpan(p));
}

std::optional<Value> Evaluator::lookup(const ast::Path& p, const Type& t, const Env& env) {
  const std::string& head = p[0].text;
  Span span = ast::pathSpan(p);
  if (env.params) {
    for (const Binding& b : *env.params) {
      if (b.name != head) continue;
      if (p.size() > 1) {
        report(Code::E0201, p[1].span, "parameter `" + head + "` has no member `" + p[1].text + "`")
            .label("not a member");
        return Value::error(span);
      }
      recordParam(syms_.index, p[0], b.value, b.decl);
      return coerce(b.value, t, span);
    }
  }
  const UnitNames& names = syms_.units[env.unit];
  if (auto it = names.lets.find(head); it != names.lets.end()) {
    if (p.size() > 1) {
      report(Code::E0201, p[1].span, "let `" + head + "` has no member `" + p[1].text + "`").label("not a member");
      return Value::error(span);
    }
    if (usage_) usage_->lets.insert(it->second);
    Value v = evalLet(*it->second, t, env.unit);
    recordLet(syms_.index, p[0], *it->second, v);
    v.span = span;
    return v;
  }
  if (auto it = names.modules.find(head); it != names.modules.end()) {
    const UnitNames& module = syms_.units[it->second];
    if (p.size() == 2) {
      if (auto let = module.lets.find(p[1].text); let != module.lets.end()) {
        Value v = evalLet(*let->second, t, it->second);
        recordLet(syms_.index, p[1], *let->second, v);
        v.span = span;
        return v;
      }
    }
    auto& d = report(Code::E0201, p.size() > 1 ? p[1].span : span,
                     "module `" + head + "` has no let `" + (p.size() > 1 ? p[1].text : "") + "`")
                  .label("not a let of `std." + head + "`");
    if (p.size() > 1) {
      if (auto near = nearestName(p[1].text, keysOf(module.lets))) d.withHelp("did you mean `" + *near + "`?");
    }
    return Value::error(span);
  }
  if (head == "app" && !isService("app") && p.size() == 2) {
    auto it = app_fields_.find(p[1].text);
    if (it == app_fields_.end()) {
      report(Code::E0201, p[1].span, "`app." + p[1].text + "` is not set")
          .label("no such app field")
          .withHelp("the app fields are `name`, `namespace`, `registry` and `version`, once set in `app { … }`");
      return Value::error(span);
    }
    return coerce(textValue(it->second, span, TypeKind::String), t, span);
  }
  return std::nullopt;
}

Value Evaluator::evalLet(const ast::Let& let, const Type& t, uint32_t unit) {
  bool on_stack = on_stack_.count(&let) != 0;
  if (cyclic_lets_.count(&let) && !on_stack) return Value::error(let.span);
  if (on_stack) {
    auto from = std::find(let_stack_.begin(), let_stack_.end(), &let);
    if (cyclic_lets_.insert(&let).second) {
      cyclic_lets_.insert(from, let_stack_.end());
      std::string chain;
      for (auto it = from; it != let_stack_.end(); ++it) chain += "`" + (*it)->name.text + "` -> ";
      chain += "`" + let.name.text + "`";
      report(Code::E0214, let.name.span, "let `" + let.name.text + "` depends on itself: " + chain)
          .label("defined in terms of itself")
          .withHelp("write one of these lets as a literal value");
    }
    return Value::error(let.span);
  }
  if (let_stack_.size() >= kMaxDepth) {
    if (cyclic_lets_.insert(&let).second) {
      report(Code::E0221, let.name.span,
             "let `" + let.name.text + "` is reached through more than " + std::to_string(kMaxDepth) + " lets")
          .label("chain too deep")
          .withHelp("write one of the lets in the chain as a literal value");
    }
    return Value::error(let.span);
  }
  std::vector<LetValue>& known = let_values_[&let];
  for (const LetValue& k : known) {
    if (k.type == t) return k.value;
  }
  let_stack_.push_back(&let);
  on_stack_.insert(&let);
  Value v = eval(let.value, t, Env{unit, nullptr});
  on_stack_.erase(&let);
  let_stack_.pop_back();
  let_values_[&let].push_back({t, v});  // `known` may have moved: eval can add lets
  return v;
}

Value Evaluator::evalRef(const ast::Expr& e, const Type& t, const Env& env) {
  const ast::Path& p = e.path;
  if (p.empty()) return Value::error(e.span);
  bool bound = (env.params && std::any_of(env.params->begin(), env.params->end(),
                                          [&](const Binding& b) { return b.name == p[0].text; })) ||
               syms_.units[env.unit].lets.count(p[0].text) != 0;
  if ((t.kind == TypeKind::PortName || t.kind == TypeKind::Protocol) && p.size() == 1 && !bound) {
    Value v = Value::make(Value::Kind::Name, t.kind, e.span);
    v.path = p;
    return v;
  }
  if (std::optional<Value> named = lookup(p, t, env)) return *named;
  if (isService(p[0].text)) {
    if (t.kind == TypeKind::EnvValue || t.kind == TypeKind::Any) {
      Value v = Value::make(Value::Kind::Ref, t.kind, e.span);
      v.path = p;
      return v;
    }
    if (t.kind == TypeKind::String) {
      Value v = Value::make(Value::Kind::Text, TypeKind::String, e.span);
      v.pieces.push_back({"", p, e.span});
      return v;
    }
    return mismatch(t, "a reference to service `" + p[0].text + "`", e.span);
  }
  return unknownName(p, env);
}

namespace {
// An argument written as a plain string literal, without interpolations.
std::optional<std::string> literal(const ast::Arg& a) {
  if (a.name || a.value.kind != ast::ExprKind::String) return std::nullopt;
  std::string out;
  for (const ast::StringPart& part : a.value.parts) {
    if (part.is_interpolation) return std::nullopt;
    out += part.text;
  }
  return out;
}
}  // namespace

// `pod("ip")`: a value only the running pod knows, which Kubernetes fills in.
Value Evaluator::evalPodField(const ast::Expr& e, const Type& t) {
  if (t.kind != TypeKind::EnvValue && t.kind != TypeKind::Any) {
    return mismatch(t, "a pod field", e.span, "pod fields can only be values in `env { … }`");
  }
  auto names = podFieldNames();
  std::string list = quotedList(names);
  std::optional<std::string> field;
  if (e.args && e.args->size() == 1) field = literal((*e.args)[0]);
  if (!field) {
    report(Code::E0342, e.span, "`pod` takes one string literal")
        .label("expected `pod(\"FIELD\")`")
        .withHelp("FIELD is one of " + list + ": `pod(\"ip\")`");
    return Value::error(e.span);
  }
  if (std::find(names.begin(), names.end(), *field) == names.end()) {
    Span at = (*e.args)[0].span;
    auto& d = report(Code::E0342, at, "`" + *field + "` is not a field of the pod").label("not a pod field");
    // `pod_ip`, `pod_name`, `node_name`: the Downward API's spellings, said without the
    // `pod`/`_name` the call already says.
    std::string bare = *field;
    if (bare.rfind("pod_", 0) == 0) bare = bare.substr(4);
    if (bare.size() > 5 && bare.ends_with("_name")) bare.resize(bare.size() - 5);
    std::optional<std::string> near = nearestName(*field, names);
    if (!near && std::find(names.begin(), names.end(), bare) != names.end()) near = bare;
    if (near) {
      d.withHelp("did you mean `" + *near + "`?").fix(at, "\"" + *near + "\"", "replace with `" + *near + "`");
    } else {
      d.withHelp("the pod fields are " + list);
    }
    return Value::error(e.span);
  }
  Value v = Value::make(Value::Kind::Pod, TypeKind::EnvValue, e.span);
  v.literal = *field;
  return v;
}

Value Evaluator::evalCall(const ast::Expr& e, const Type& t) {
  std::string callee = ast::pathText(e.path);
  if (callee != "secret" && callee != "pod") {
    auto& d = report(Code::E0201, ast::pathSpan(e.path), "unknown function `" + callee + "`").label("not a function");
    static const std::vector<std::string_view> kFunctions = {"pod", "secret"};
    if (auto near = nearestName(callee, kFunctions)) {
      d.withHelp("did you mean `" + *near + "`?").fix(ast::pathSpan(e.path), *near, "replace with `" + *near + "`");
    } else {
      d.withHelp("the functions are `secret(NAME, KEY)` and `pod(FIELD)`; templates are applied as bases");
    }
    return Value::error(e.span);
  }
  if (callee == "pod") return evalPodField(e, t);
  if (t.kind != TypeKind::EnvValue && t.kind != TypeKind::Any) {
    return mismatch(t, "a secret", e.span, "secrets can only be values in `env { … }`");
  }
  std::optional<std::string> name, key;
  if (e.args && e.args->size() == 2) {
    name = literal((*e.args)[0]);
    key = literal((*e.args)[1]);
  }
  if (!name || !key) {
    report(Code::E0310, e.span, "`secret` takes two string literals")
        .label("expected `secret(\"NAME\", \"KEY\")`")
        .withHelp("NAME is the Kubernetes Secret, KEY the key inside it: `secret(\"db\", \"password\")`");
    return Value::error(e.span);
  }
  bool ok = true;
  if (auto why = checkRfc1123Subdomain(*name)) {
    report(Code::E0310, (*e.args)[0].span, "`" + *name + "` is not a valid secret name")
        .label(*why)
        .withHelp("secret names are lower-case letters, digits, `-` and `.`");
    ok = false;
  }
  if (auto why = checkSecretKey(*key)) {
    report(Code::E0310, (*e.args)[1].span, "`" + *key + "` is not a valid secret key")
        .label(*why)
        .withHelp("secret keys are letters, digits, `-`, `_` and `.`");
    ok = false;
  }
  if (!ok) return Value::error(e.span);
  Value v = Value::make(Value::Kind::Secret, TypeKind::EnvValue, e.span);
  v.secret_name = *name;
  v.secret_key = *key;
  return v;
}

Value Evaluator::coerce(const Value& v, const Type& t, Span at) {
  if (!v.ok() || t.kind == TypeKind::Any) return v;
  auto fail = [&](const std::string& found) {
    report(Code::E0301, at, "expected " + typeName(t) + ", found " + found)
        .label("this is " + found)
        .secondaryLabel(v.span, "the value comes from here");
    return Value::error(at);
  };
  std::string found = typeName(Type::of(v.type));
  if (v.kind == Value::Kind::Untyped) found = "a number";
  switch (t.kind) {
    case TypeKind::EnvValue: {
      if (v.kind == Value::Kind::Secret || v.kind == Value::Kind::Pod || v.kind == Value::Kind::Ref) return v;
      Value out = Value::make(Value::Kind::Text, TypeKind::EnvValue, v.span);
      if (!appendText(v, out.pieces, at)) return Value::error(at);
      return out;
    }
    case TypeKind::String:
    case TypeKind::Image:
      if (v.kind != Value::Kind::Text) return fail(found);
      if (t.kind == TypeKind::Image) {
        Value img = v;
        img.type = TypeKind::Image;
        return checkImage(std::move(img));
      }
      return v;
    case TypeKind::Int:
    case TypeKind::Port:
      if (v.kind != Value::Kind::Int) return fail(found);
      {
        Value out = v;
        out.type = t.kind;
        return checkBounds(std::move(out), t);
      }
    case TypeKind::Percent:
      if (v.kind != Value::Kind::Percent) return fail(found);
      return checkBounds(v, t);
    case TypeKind::Bool:
      return v.kind == Value::Kind::Bool ? v : fail(found);
    case TypeKind::Cpu:
    case TypeKind::Memory:
    case TypeKind::Duration:
      if (v.kind == Value::Kind::Range && t.or_range && v.type == t.kind) return v;
      if (v.kind == Value::Kind::Quantity && v.type == t.kind) return v;
      return fail(v.kind == Value::Kind::Range ? typeName(Type(TypeKind::Range, v.type)) : found);
    case TypeKind::List:
      if (v.kind != Value::Kind::List) return fail(found);
      {
        Value out = v;
        for (Value& item : out.items) {
          item = coerce(item, Type::of(t.elem), at);
          if (!item.ok()) return Value::error(at);
        }
        return out;
      }
    case TypeKind::Range:
      if (v.kind != Value::Kind::Range || v.type != t.elem) return fail(found);
      return v;
    case TypeKind::PortName:
    case TypeKind::Protocol:
      if (v.kind == Value::Kind::Name && v.type == t.kind) return v;
      if (v.kind == Value::Kind::Text && !v.hasRefs()) {
        Value out = Value::make(Value::Kind::Name, t.kind, v.span);
        out.path.push_back({v.plainText(), v.span});
        return out;
      }
      return fail(found);
    case TypeKind::Any:
      return v;
  }
  return v;
}

bool Evaluator::appendText(const Value& v, std::vector<TextPiece>& out, Span at) {
  switch (v.kind) {
    case Value::Kind::Error:
      return false;
    case Value::Kind::Text:
      out.insert(out.end(), v.pieces.begin(), v.pieces.end());
      return true;
    case Value::Kind::Int:
      out.push_back({std::to_string(v.number), {}, at});
      return true;
    case Value::Kind::Bool:
      out.push_back({v.flag ? "true" : "false", {}, at});
      return true;
    case Value::Kind::Percent:
      out.push_back({std::to_string(v.number) + "%", {}, at});
      return true;
    case Value::Kind::Quantity:
      out.push_back({renderQuantity(*quantityKind(v.type), v.number), {}, at});
      return true;
    case Value::Kind::Untyped:
      out.push_back({v.literal, {}, at});
      return true;
    case Value::Kind::Name:
      out.push_back({ast::pathText(v.path), {}, at});
      return true;
    case Value::Kind::Ref:
      out.push_back({"", v.path, at});
      return true;
    case Value::Kind::List:
    case Value::Kind::Range:
    case Value::Kind::Pod:
    case Value::Kind::Secret: {
      const char* what = v.kind == Value::Kind::Secret ? "a secret"
                         : v.kind == Value::Kind::Pod  ? "a pod field"
                         : v.kind == Value::Kind::List ? "a list"
                                                       : "a range";
      auto& d = report(Code::E0319, at, std::string(what) + " cannot be turned into text").label("used as text here");
      if (!(v.span == at)) d.secondaryLabel(v.span, "the value comes from here");
      d.withHelp(v.kind == Value::Kind::Secret
                     ? "secrets never become part of a string; give the secret its own env variable"
                 : v.kind == Value::Kind::Pod
                     ? "Kubernetes fills in a pod field as a whole env value; give it its own variable"
                     : "interpolate a single value");
      return false;
    }
  }
  return false;
}

}  // namespace svcc::sema
