#include "sema/dependencies.h"

#include <algorithm>

#include "sema/graph.h"
#include "sema/names.h"

namespace svcc::sema {
namespace {

std::optional<Attribute> attributeOf(std::string_view s) {
  if (s == "host") return Attribute::Host;
  if (s == "port") return Attribute::Port;
  if (s == "address") return Attribute::Address;
  if (s == "url") return Attribute::Url;
  return std::nullopt;
}

std::string portList(const Service& s) {
  std::string out;
  for (const Port& p : s.ports) out += (out.empty() ? "`" : ", `") + s.name + "." + p.name + "`";
  return out;
}

}  // namespace

References::References(Model& model, const std::unordered_map<std::string, uint32_t>& service_index, Diagnostics& diags)
    : model_(model),
      index_(service_index),
      diags_(diags),
      edge_index_(model.services.size()),
      incomplete_(model.services.size(), false) {}

void References::addEdge(ServiceId from, ServiceId to, std::optional<PortId> port, Span span) {
  std::vector<Dependency>& deps = model_.services[from].dependencies;
  auto [it, fresh] = edge_index_[from].emplace(to, deps.size());
  if (fresh) deps.push_back(Dependency{to, {}, span});
  Dependency& d = deps[it->second];
  if (port && std::find(d.ports.begin(), d.ports.end(), *port) == d.ports.end()) d.ports.push_back(*port);
}

std::optional<Reference> References::resolve(const ast::Path& path, Span span, ServiceId from, bool depends_on) {
  if (path.empty()) return std::nullopt;
  const ast::Ident& head = path[0];
  auto found = index_.find(head.text);
  if (found == index_.end()) {
    auto& d =
        diags_.report(Code::E0401, head.span, "unknown service `" + head.text + "`").label("no service has this name");
    std::vector<std::string_view> names;
    for (const Service& s : model_.services) names.push_back(s.name);
    if (auto near = nearestName(head.text, names)) {
      d.withHelp("did you mean `" + *near + "`?").fix(head.span, *near, "replace with `" + *near + "`");
    }
    return std::nullopt;
  }
  ServiceId to = found->second;
  const Service& target = model_.services[to];
  if (depends_on && to == from) {
    diags_.report(Code::E0404, span, "service `" + head.text + "` depends on itself")
        .label("self-dependency")
        .withHelp("remove `" + ast::pathText(path) + "` from `depends on`")
        .fix(span, "", "remove the self-dependency");
    return std::nullopt;
  }
  Reference ref;
  ref.service = to;
  ref.span = span;
  size_t i = 1;
  if (path.size() > 1) {
    for (PortId p = 0; p < target.ports.size(); ++p) {
      if (target.ports[p].name == path[1].text) ref.port = p;
    }
    if (ref.port) {
      i = 2;
    } else if (incomplete_[to]) {
      return std::nullopt;
    } else if (!attributeOf(path[1].text) || depends_on) {
      auto& d =
          diags_.report(Code::E0402, path[1].span, "service `" + head.text + "` has no port `" + path[1].text + "`")
              .label("unknown port");
      std::vector<std::string_view> names;
      for (const Port& p : target.ports) names.push_back(p.name);
      std::sort(names.begin(), names.end());
      if (auto near = nearestName(path[1].text, names)) {
        d.withHelp("did you mean `" + *near + "`?").fix(path[1].span, *near, "replace with `" + *near + "`");
      } else if (!target.ports.empty()) {
        d.withHelp("its ports are " + portList(target));
      } else {
        d.withHelp("`" + head.text + "` declares no ports");
      }
      d.secondaryLabel(target.span, "service declared here");
      return std::nullopt;
    }
  }
  if (i < path.size()) {
    std::optional<Attribute> a = depends_on ? std::nullopt : attributeOf(path[i].text);
    if (a && i + 1 < path.size()) {
      diags_.report(Code::E0318, path[i + 1].span, "nothing can follow `." + path[i].text + "`")
          .label("unexpected attribute")
          .withHelp("a reference ends at `.host`, `.port`, `.address` or `.url`");
      return std::nullopt;
    }
    if (!a) {
      const ast::Ident& bad = path[i];
      auto& d = diags_.report(Code::E0318, bad.span, "unknown attribute `" + bad.text + "`")
                    .label(depends_on ? "`depends on` takes `SERVICE` or `SERVICE.PORT`" : "not an attribute");
      static const std::vector<std::string_view> kAttrs = {"address", "host", "port", "url"};
      if (auto near = nearestName(bad.text, kAttrs); near && !depends_on) {
        d.withHelp("did you mean `" + *near + "`?").fix(bad.span, *near, "replace with `" + *near + "`");
      } else if (!depends_on) {
        d.withHelp("a port reference ends in `.host`, `.port`, `.address` or `.url`");
      }
      return std::nullopt;
    }
    ref.attribute = *a;
  }
  if (!ref.port) {
    if (incomplete_[to] && target.ports.size() != 1) return std::nullopt;
    if (target.ports.size() == 1) {
      ref.port = 0;
    } else if (target.ports.size() > 1) {
      diags_
          .report(Code::E0403, span,
                  "ambiguous reference `" + ast::pathText(path) + "`: which port of `" + head.text + "`?")
          .label("`" + head.text + "` has " + std::to_string(target.ports.size()) + " ports")
          .secondaryLabel(target.span, "service declared here")
          .withHelp("name the port: " + portList(target));
      return std::nullopt;
    } else if (ref.attribute == Attribute::Port || ref.attribute == Attribute::Address ||
               ref.attribute == Attribute::Url) {
      diags_.report(Code::E0407, span, "service `" + head.text + "` has no ports")
          .label("`." + std::string(attributeName(ref.attribute)) + "` needs a port")
          .secondaryLabel(target.span, "service declared here");
      return std::nullopt;
    }
  }
  const std::string& host = target.name;
  if (ref.port) {
    const Port& port = target.ports[*ref.port];
    std::string address = host + ":" + std::to_string(port.service_port);
    if (ref.attribute == Attribute::Url && port.protocol != Protocol::Http) {
      diags_
          .report(Code::E0316, span,
                  "`.url` on the " + std::string(protocolName(port.protocol)) + " port `" + head.text + "." +
                      port.name + "`")
          .label("not an HTTP port")
          .secondaryLabel(port.span, "declared here")
          .withHelp("use `.address` for a " + std::string(protocolName(port.protocol)) + " port: `" + head.text + "." +
                    port.name + ".address`");
      return std::nullopt;
    }
    switch (ref.attribute) {
      case Attribute::Host:
        ref.text = host;
        break;
      case Attribute::Port:
        ref.text = std::to_string(port.service_port);
        break;
      case Attribute::Url:
        ref.text = "http://" + address;
        break;
      case Attribute::None:
      case Attribute::Address:
        ref.text = address;
        break;
    }
  } else {
    ref.text = host;
  }
  if (to != from) addEdge(from, to, ref.port, span);
  recordReference(index_uses_, path, ref, model_);
  return ref;
}

std::optional<std::string> References::resolveText(const Value& v, ServiceId from) {
  std::string out;
  bool ok = true;
  for (const TextPiece& p : v.pieces) {
    if (p.ref.empty()) {
      out += p.text;
    } else if (std::optional<Reference> r = resolve(p.ref, p.span, from, false)) {
      out += r->text;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void References::finishGraph() {
  const auto n = static_cast<uint32_t>(model_.services.size());
  Digraph g(n);
  for (ServiceId s = 0; s < n; ++s) {
    std::vector<Dependency>& deps = model_.services[s].dependencies;
    std::sort(deps.begin(), deps.end(), [](const Dependency& a, const Dependency& b) { return a.service < b.service; });
    for (Dependency& d : deps) {
      std::sort(d.ports.begin(), d.ports.end());
      g.addEdge(s, d.service);
      const Service& target = model_.services[d.service];
      if (target.replicas && target.replicas->value == 0 && !target.scale) {
        diags_
            .report(Code::E0406, d.span,
                    "`" + model_.services[s].name + "` depends on `" + target.name + "`, which runs 0 replicas")
            .label("this dependency can never be reached")
            .secondaryLabel(target.replicas->span, "`replicas = 0` here")
            .withHelp("give `" + target.name + "` replicas or remove the dependency");
      }
    }
  }
  g.freeze();
  auto edgeSpan = [&](ServiceId from, ServiceId to) {
    const std::vector<Dependency>& deps = model_.services[from].dependencies;
    auto it = std::lower_bound(deps.begin(), deps.end(), to,
                               [](const Dependency& d, ServiceId id) { return d.service < id; });
    return it != deps.end() && it->service == to ? it->span : Span{};
  };
  for (const std::vector<uint32_t>& comp : stronglyConnectedComponents(g)) {
    if (comp.size() < 2) continue;
    std::vector<uint32_t> cycle = cycleThrough(g, comp);
    std::string chain;
    for (uint32_t s : cycle) chain += model_.services[s].name + " -> ";
    chain += model_.services[cycle[0]].name;
    auto hop = [&](size_t k) { return std::make_pair(cycle[k], cycle[(k + 1) % cycle.size()]); };
    auto [a, b] = hop(0);
    auto& d = diags_.report(Code::E0405, edgeSpan(a, b), "dependency cycle: `" + chain + "`")
                  .label("`" + model_.services[a].name + "` depends on `" + model_.services[b].name + "` here");
    for (size_t k = 1; k < cycle.size(); ++k) {
      auto [x, y] = hop(k);
      d.secondaryLabel(edgeSpan(x, y),
                       "`" + model_.services[x].name + "` depends on `" + model_.services[y].name + "` here");
    }
    d.withHelp("services on a cycle cannot start in any order; remove one of these dependencies");
  }
  std::vector<uint32_t> rank(n);
  for (uint32_t i = 0; i < n; ++i) rank[i] = i;
  model_.start_order = startOrder(g, rank);
}

}  // namespace svcc::sema
