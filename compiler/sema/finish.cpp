#include "sema/finish.h"

#include "sema/finisher.h"

#include <algorithm>
#include <bitset>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "sema/names.h"
#include "sema/pod_values.h"
#include "sema/schema.h"
#include "sema/units.h"

namespace svcc::sema {
void Finisher::run() {
  imageOrBuild(false);
  imageTools();
  if (auto v = text(FieldId::Context)) s_.context = Located<std::string>{*v, get(FieldId::Context)->value.span};
  command();
  if (const Entry* e = number(FieldId::User)) s_.user = Located<int64_t>{e->value.number, e->value.span};
  if (const Entry* e = number(FieldId::Replicas)) {
    s_.replicas = Located<int32_t>{static_cast<int32_t>(e->value.number), e->value.span};
  }
  scale();
  resources();
  health();
  env();
  envFrom(FieldId::EnvFromConfigMaps, "ConfigMap", &PodOptions::env_from_config_maps);
  envFrom(FieldId::EnvFromSecrets, "Secret", &PodOptions::env_from_secrets);
  volumes();
  scratchSpaces();
  configs();
  ingress();
  labels(FieldId::Labels, s_.labels);
  labels(FieldId::Annotations, s_.annotations);
  metadata();
  optOuts();
  rootUser();
  shutdown();
  groups();
  capabilities();
  containers();
  for (const DependsDraft& dep : d_.depends) {
    std::optional<Reference> r = refs_.resolve(dep.path, dep.span, id_, true);
    if (r && dep.ready) waitFor(*r, dep);
  }
  nameWaits();
  requireEveryFieldRead();
}

// `container`: an init or sidecar container, which without either runs the service's image.
void Finisher::imageOrBuild(bool container) {
  const Entry* image = find(FieldId::Image);
  if (image && image->value.ok()) {
    if (image->value.hasRefs()) {
      diags_.report(Code::E0306, image->value.span, "an image cannot refer to a service")
          .label("service reference in an image");
    } else {
      s_.image = Located<std::string>{image->value.plainText(), image->value.span};
    }
  }
  if (d_.build) s_.build = d_.build->recipe;
  if (image && d_.build) {
    diags_
        .report(Code::E0311, image->stmt,
                (container ? "container `" : "service `") + s_.name + "` has both `image` and `build`")
        .label("`image` set here" + fromWhere(image->layer))
        .secondaryLabel(d_.build->recipe.span, "`build` set here" + fromWhere(d_.build->layer))
        .withHelp(container ? "keep one, or neither to run the service's image"
                            : "keep one: a plain image to run, or a recipe to build");
  } else if (!image && !d_.build && !d_.incomplete && !container) {
    diags_.report(Code::E0312, s_.span, "service `" + s_.name + "` has neither `image` nor `build`")
        .label("nothing to run")
        .withHelp(
            "set `image = \"…\"`, write a `build { … }` recipe or use a template such as "
            "`runtime.python`");
  }
}

// `image_tools = [...]` speaks about the image of its own layer or an earlier one: a
// later layer that replaced `image` or `build` (a service body building its own
// recipe over `runtime.python`) runs another image, so the statement is dropped and
// the tools count as unknown (compose then emits no check; lint says so, W1014).
void Finisher::imageTools() {
  const Entry* e = get(FieldId::ImageTools);
  if (!e || e->value.kind != Value::Kind::List) return;
  uint32_t image_layer = 0;
  if (const Entry* image = find(FieldId::Image)) image_layer = image->layer.id;
  if (d_.build) image_layer = std::max(image_layer, d_.build->layer.id);
  if (image_layer > e->layer.id) {
    s_.image_tools_dropped = e->value.span;
    return;
  }
  auto names = imageToolNames();
  std::vector<std::string> tools;
  bool ok = true;
  for (const Value& item : e->value.items) {
    std::string name = item.plainText();
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      tools.push_back(std::move(name));
      continue;
    }
    ok = false;
    std::string list = quotedList(names);
    auto& d = diags_.report(Code::E0335, item.span, "unknown image tool `" + name + "`")
                  .label("not a shell or tool svcc can use in a health check");
    if (auto near = nearestName(name, names)) {
      d.withHelp("did you mean `" + *near + "`? The tools are " + list)
          .fix(item.span, "\"" + *near + "\"", "replace with `" + *near + "`");
    } else {
      d.withHelp("the tools are " + list + "; leave out the ones svcc has no use for");
    }
  }
  if (!ok) return;
  std::sort(tools.begin(), tools.end());
  tools.erase(std::unique(tools.begin(), tools.end()), tools.end());
  s_.image_tools = Located<std::vector<std::string>>{std::move(tools), e->value.span};
}

void Finisher::command() {
  const Entry* e = get(FieldId::Command);
  if (!e || e->value.kind != Value::Kind::List) return;
  std::vector<std::string> args;
  for (const Value& item : e->value.items) {
    std::optional<std::string> t = item.kind == Value::Kind::Text ? refs_.resolveText(item, id_) : std::nullopt;
    if (!t) return;
    args.push_back(std::move(*t));
  }
  s_.command = Located<std::vector<std::string>>{std::move(args), e->value.span};
}

void Finisher::scale() {
  bool any = false;
  constexpr FieldId kScale[] = {FieldId::ScaleMin, FieldId::ScaleMax, FieldId::ScaleCpu, FieldId::ScaleMemory};
  for (FieldId k : kScale) any = find(k) || any;
  if (!any) return;
  Scale sc;
  const Entry* first = nullptr;
  for (FieldId k : kScale) {
    if (const Entry* e = find(k); e && !first) first = e;
  }
  sc.span = first->stmt;
  const Entry* min = number(FieldId::ScaleMin);
  const Entry* max = number(FieldId::ScaleMax);
  if (min) sc.min = static_cast<int32_t>(min->value.number);
  sc.max = max ? static_cast<int32_t>(max->value.number) : sc.min;
  if (const Entry* e = number(FieldId::ScaleCpu)) sc.cpu_percent = static_cast<int32_t>(e->value.number);
  if (const Entry* e = number(FieldId::ScaleMemory)) sc.memory_percent = static_cast<int32_t>(e->value.number);
  if (min && max && sc.min > sc.max) {
    diags_
        .report(Code::E0313, min->value.span,
                "`scale.min` (" + std::to_string(sc.min) + ") is above `scale.max` (" + std::to_string(sc.max) + ")")
        .label("min set here" + fromWhere(min->layer))
        .secondaryLabel(max->value.span, "max set here" + fromWhere(max->layer))
        .withHelp("make `min` at most `max`");
  } else if (s_.replicas && (s_.replicas->value < sc.min || s_.replicas->value > sc.max)) {
    const Entry* r = get(FieldId::Replicas);
    diags_
        .report(Code::E0314, s_.replicas->span,
                "`replicas = " + std::to_string(s_.replicas->value) + "` is outside `scale` (" +
                    std::to_string(sc.min) + ".." + std::to_string(sc.max) + ")")
        .label("replicas set here" + fromWhere(r->layer))
        .secondaryLabel(sc.span, "scale set here")
        .withHelp("set `replicas` between " + std::to_string(sc.min) + " and " + std::to_string(sc.max) +
                  ", or drop it and let the autoscaler decide");
  }
  s_.scale = sc;
}

void Finisher::resources() {
  auto split = [&](FieldId key, std::optional<Located<int64_t>>& request, std::optional<Located<int64_t>>& limit,
                   Span& no_limit) {
    const Entry* e = get(key);
    if (!e) return;
    const Value& v = e->value;
    if (v.kind == Value::Kind::Range && v.items.size() == 1) {
      request = Located<int64_t>{v.items[0].number, v.items[0].span};
      no_limit = v.span;
    } else if (v.kind == Value::Kind::Range) {
      request = Located<int64_t>{v.items[0].number, v.items[0].span};
      limit = Located<int64_t>{v.items[1].number, v.items[1].span};
    } else if (v.kind == Value::Kind::Quantity) {
      request = limit = Located<int64_t>{v.number, v.span};
    }
  };
  split(FieldId::ResourcesCpu, s_.resources.cpu_request, s_.resources.cpu_limit, s_.resources.cpu_no_limit);
  split(FieldId::ResourcesMemory, s_.resources.memory_request, s_.resources.memory_limit, s_.resources.memory_no_limit);
}

// The port named by `key`, or the only port that fits when `key` is not set.
std::optional<PortId> Finisher::portNamed(FieldId key, Span fallback_span, const char* block) {
  const Entry* e = find(key);
  if (e && !e->value.ok()) return std::nullopt;
  if (e) {
    std::string name = ast::pathText(e->value.path);
    for (PortId p = 0; p < s_.ports.size(); ++p) {
      if (s_.ports[p].name == name) return p;
    }
    if (d_.incomplete) return std::nullopt;
    auto& d = diags_.report(Code::E0323, e->value.span, "service `" + s_.name + "` has no port `" + name + "`")
                  .label("not a port of this service");
    std::vector<std::string_view> names;
    for (const Port& p : s_.ports) names.push_back(p.name);
    std::sort(names.begin(), names.end());
    if (auto near = nearestName(name, names)) {
      d.withHelp("did you mean `" + *near + "`?").fix(e->value.span, *near, "replace with `" + *near + "`");
    } else if (names.empty()) {
      d.withHelp("declare it: `port " + name + " = …`");
    } else {
      std::string list = quotedList(names);
      d.withHelp("its ports are " + list);
    }
    return std::nullopt;
  }
  if (s_.ports.size() == 1) return 0;
  if (d_.incomplete) return std::nullopt;
  diags_.report(Code::E0324, fallback_span, std::string("`") + block + "` does not say which port")
      .label(s_.ports.empty() ? "the service has no ports" : "the service has several ports")
      .withHelp("set `" + std::string(field(key).name) + " = PORT` in `" + block + "`");
  return std::nullopt;
}

// Probe timings are whole seconds in Kubernetes: `1500ms` would be silently cut.
std::optional<int64_t> Finisher::seconds(FieldId key, int64_t min_ms, bool probe) {
  const Entry* e = get(key);
  if (!e || e->value.kind != Value::Kind::Quantity) return std::nullopt;
  int64_t ms = e->value.number;
  if (ms % 1000 == 0 && ms >= min_ms) return ms;
  diags_
      .report(Code::E0303, e->value.span,
              "`" + renderDuration(ms) + (ms % 1000 ? "` is not a whole number of seconds" : "` is below `1s`"))
      .label(probe ? "probe timings count in seconds" : "`" + std::string(field(key).name) + "` counts in seconds")
      .withHelp(std::string(probe ? "Kubernetes probes take" : "Kubernetes takes it in") +
                " whole seconds: write e.g. `" + renderDuration((ms / 1000 + 1) * 1000) + "`");
  return std::nullopt;
}

void Finisher::env() {
  read_.set(static_cast<size_t>(FieldId::Env));
  for (const auto& [key, e] : d_.fields.items()) {
    if (e.field != FieldId::Env || !e.value.ok()) continue;
    EnvEntry out;
    out.name = key.substr(4);
    out.span = e.stmt;
    const Value& v = e.value;
    if (v.kind == Value::Kind::Secret) {
      out.kind = EnvEntry::Kind::Secret;
      out.secret_name = v.secret_name;
      out.secret_key = v.secret_key;
    } else if (v.kind == Value::Kind::Pod) {
      out.kind = EnvEntry::Kind::Pod;
      out.value = v.literal;
    } else if (v.kind == Value::Kind::Ref) {
      std::optional<Reference> r = refs_.resolve(v.path, v.span, id_, false);
      if (!r) continue;
      out.kind = EnvEntry::Kind::Reference;
      out.value = r->text;
      out.ref = *r;
    } else if (v.kind == Value::Kind::Text) {
      std::optional<std::string> t = refs_.resolveText(v, id_);
      if (!t) continue;
      out.value = std::move(*t);
    } else {
      continue;
    }
    s_.env.push_back(std::move(out));
  }
}

void Finisher::ingress() {
  const Entry* any = firstOf(FieldId::IngressBlock);
  if (!any) return;
  Ingress in;
  in.span = any->stmt;
  std::optional<std::string> host = text(FieldId::IngressHost);
  if (!find(FieldId::IngressHost)) {
    diags_.report(Code::E0324, in.span, "`ingress` has no `host`")
        .label("`host` missing")
        .withHelp("add `host = \"shop.example.com\"`");
  }
  std::optional<PortId> port;
  if (find(FieldId::IngressPort)) {
    port = portNamed(FieldId::IngressPort, in.span, "ingress");
  } else {
    std::vector<PortId> http;
    for (PortId p = 0; p < s_.ports.size(); ++p) {
      if (s_.ports[p].protocol == Protocol::Http) http.push_back(p);
    }
    if (http.size() == 1) port = http[0];
    else port = portNamed(FieldId::IngressPort, in.span, "ingress");
  }
  if (port && s_.ports[*port].protocol != Protocol::Http) {
    const Port& p = s_.ports[*port];
    const Entry* e = find(FieldId::IngressPort);
    diags_
        .report(Code::E0315, e ? e->value.span : in.span,
                "ingress on the " + std::string(protocolName(p.protocol)) + " port `" + p.name + "`")
        .label("an ingress routes HTTP")
        .secondaryLabel(p.span, "declared here")
        .withHelp("point the ingress at an HTTP port, or set `protocol = http` on this port");
    port.reset();
  }
  if (!host || !port) return;
  if (auto why = checkIngressHost(*host)) {
    diags_.report(Code::E0328, get(FieldId::IngressHost)->value.span, "`" + *host + "` is not a valid ingress host")
        .label(*why)
        .withHelp("write the DNS name in lower case, e.g. `host = \"shop.example.com\"` or `\"*.example.com\"`");
    return;
  }
  in.host = *host;
  in.port = *port;
  in.path = text(FieldId::IngressPath).value_or("/");
  if (auto why = checkIngressPath(in.path)) {
    diags_.report(Code::E0329, get(FieldId::IngressPath)->value.span, "`" + in.path + "` is not a valid ingress path")
        .label(*why)
        .withHelp("write an absolute path such as `path = \"/api\"`");
    return;
  }
  s_.ingress = in;
}

void Finisher::labels(FieldId map, std::vector<KeyValue>& out, std::string_view under) {
  read_.set(static_cast<size_t>(map));
  std::string prefix = std::string(under.empty() ? draftKey(map) : under) + ".";
  for (const auto& [key, e] : d_.fields.items()) {
    if (e.field != map || !e.value.ok() || !key.starts_with(prefix)) continue;
    std::optional<std::string> value = refs_.resolveText(e.value, id_);
    if (!value) continue;
    out.push_back({key.substr(prefix.size()), std::move(*value), e.stmt});
  }
  std::sort(out.begin(), out.end(), [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
}

// `metadata { OBJECT { labels { … } annotations { … } } }`, one object at a time.
void Finisher::metadata() {
  static constexpr std::pair<std::string_view, ObjectMetadata Metadata::*> kObjects[] = {
      {"pod", &Metadata::pod},
      {"workload", &Metadata::workload},
      {"service", &Metadata::service},
      {"ingress", &Metadata::ingress},
      {"service_account", &Metadata::service_account},
  };
  for (const auto& [object, member] : kObjects) {
    std::string under = "metadata." + std::string(object) + ".";
    std::vector<KeyValue> labels_out, annotations_out;
    labels(FieldId::MetaLabels, labels_out, under + "labels");
    labels(FieldId::MetaAnnotations, annotations_out, under + "annotations");
    if (labels_out.empty() && annotations_out.empty()) continue;
    ObjectMetadata& out = options().metadata.*member;
    out.labels = std::move(labels_out);
    out.annotations = std::move(annotations_out);
  }
}

// A field the source set and no reader above looked at would be dropped without a word:
// a registry row without its reader (docs/adding-a-field.md). That is svcc's bug, so it
// is an internal error (exit 3). Only on a clean run: an error can end a reader early.
void Finisher::requireEveryFieldRead() const {
  if (diags_.hasErrors()) return;
  // The test hook: SVCC_TEST_FORGET_READ=FIELD plays a registry row whose reader was
  // never written (tests/unit/field_registry_test.cpp).
  static const char* const forget = std::getenv("SVCC_TEST_FORGET_READ");
  auto require = [&](const Entry& e, std::string_view hook_key, const std::string& shown) {
    bool forgotten = forget && hook_key == forget;
    if (forgotten || !read_.test(static_cast<size_t>(e.field))) {
      throw std::logic_error("field `" + shown + "` of service `" + s_.name +
                             "` is set but no phase reads it; give it a reader (docs/adding-a-field.md)");
    }
  };
  for (const auto& [key, e] : d_.fields.items()) require(e, draftKey(e.field), key);
  // A named block's fields: the hook names them `KIND.FIELD` ("volume.size").
  for (const auto& [key, block] : d_.named.items()) {
    for (const Entry& e : block.fields) {
      std::string kind(field(block.kind).name), name(field(e.field).name);
      require(e, kind + "." + name, key + "." + name);
    }
  }
}

void finishPorts(const Draft& draft, Service& service) {
  for (const auto& [name, p] : draft.ports.items()) {
    // A port whose number was rejected is kept (as 0), so that references to it do not
    // report it missing: the model is only lowered when there are no errors.
    Port out;
    out.name = name;
    out.span = p.span;
    out.service_port = p.port;
    out.container_port = p.target ? *p.target : out.service_port;
    const std::string& protocol = p.protocol ? *p.protocol : name;
    if (protocol == "http") out.protocol = Protocol::Http;
    else if (protocol == "grpc") out.protocol = Protocol::Grpc;
    else if (protocol == "udp") out.protocol = Protocol::Udp;
    else out.protocol = Protocol::Tcp;
    service.ports.push_back(std::move(out));
  }
}

void finishService(const Draft& draft, ServiceId id, Model& model, References& refs, Diagnostics& diags) {
  Finisher(draft, id, model.services[id], refs, diags).run();
}

}  // namespace svcc::sema
