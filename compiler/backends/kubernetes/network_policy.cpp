#include "backends/kubernetes/objects.h"

namespace svcc::k8s {

namespace {

// Port numbers, not names: a named port in an egress rule is resolved on the
// destination pods, which not every network plugin does.
void writePort(yaml::Writer& w, uint32_t number, std::string_view protocol) {
  w.beginMap();
  w.pair("port", number);
  w.pair("protocol", protocol);
  w.endMap();
}

void writePeerSelector(yaml::Writer& w, const ir::Service& peer) {
  w.beginSeq();
  w.beginMap();
  w.key("podSelector");
  writeSelector(w, selectorOf(peer));
  w.endMap();
  w.endSeq();
}

// One rule per peer service, with every port it uses; edges arrive grouped by peer.
void writeRules(yaml::Writer& w, const std::vector<Edge>& edges, std::string_view peer_key) {
  for (size_t i = 0; i < edges.size();) {
    size_t j = i;
    bool all_ports = false;
    while (j < edges.size() && edges[j].peer == edges[i].peer) all_ports |= !edges[j++].port;
    w.beginMap();
    w.key(peer_key);
    writePeerSelector(w, *edges[i].peer);
    if (!all_ports) {
      w.key("ports");
      w.beginSeq();
      for (size_t k = i; k < j; ++k)
        writePort(w, edges[k].port->container_port, transportProtocol(edges[k].port->protocol));
      w.endSeq();
    }
    w.endMap();
    i = j;
  }
}

void writeIngressControllerRule(yaml::Writer& w, const ServiceContext& ctx) {
  const ir::Port* port = ctx.service.findPort(ctx.service.ingress->port);
  w.beginMap();
  w.key("from");
  w.beginSeq();
  w.beginMap();
  w.key("namespaceSelector");
  const Label controller[] = {{"kubernetes.io/metadata.name", ctx.app.ingress_controller_namespace}};
  writeSelector(w, controller);
  w.endMap();
  w.endSeq();
  if (port) {
    w.key("ports");
    w.beginSeq();
    writePort(w, port->container_port, transportProtocol(port->protocol));
    w.endSeq();
  }
  w.endMap();
}

void writeDnsRule(yaml::Writer& w) {
  w.beginMap();
  w.key("to");
  w.beginSeq();
  w.beginMap();
  w.key("namespaceSelector");
  w.beginMap();
  w.endMap();
  w.key("podSelector");
  static constexpr Label kDns[] = {{"k8s-app", "kube-dns"}};
  writeSelector(w, kDns);
  w.endMap();
  w.endSeq();
  w.key("ports");
  w.beginSeq();
  writePort(w, 53, "UDP");
  writePort(w, 53, "TCP");
  w.endSeq();
  w.endMap();
}

}  // namespace

void writeNetworkPolicy(yaml::Writer& w, const ServiceContext& ctx) {
  w.beginMap();
  w.pair("apiVersion", "networking.k8s.io/v1");
  w.pair("kind", "NetworkPolicy");
  writeMetadata(w, ctx, ctx.service.name);
  w.key("spec");
  w.beginMap();
  w.key("podSelector");
  writeSelector(w, ctx.selector);
  w.key("policyTypes");
  w.beginSeq();
  w.str("Ingress");
  w.str("Egress");
  w.endSeq();
  // No ingress rules with `Ingress` in policyTypes denies every inbound connection.
  if (!ctx.dependents.empty() || ctx.service.ingress) {
    w.key("ingress");
    w.beginSeq();
    writeRules(w, ctx.dependents, "from");
    if (ctx.service.ingress) writeIngressControllerRule(w, ctx);
    w.endSeq();
  }
  w.key("egress");
  w.beginSeq();
  writeDnsRule(w);
  writeRules(w, ctx.dependencies, "to");
  w.endSeq();
  w.endMap();
  w.endMap();
}

}  // namespace svcc::k8s
