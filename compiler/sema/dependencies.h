// Phase: sema (the dependency graph).
// Takes references written in services (`cart.grpc.address`, `depends on redis`) once every
// service's ports are known; resolves them to services and ports, records the edges in
// the model, then checks the graph (cycles, stopped dependencies) and fixes the start order.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "sema/index.h"
#include "sema/model.h"
#include "sema/values.h"

namespace svcc::sema {

class References {
 public:
  References(Model& model, const std::unordered_map<std::string, uint32_t>& service_index, Diagnostics& diags);

  // Resolves `path`, written in service `from`, and records the edge (none to itself).
  // `depends_on`: written in `depends on`, where naming oneself is an error.
  std::optional<Reference> resolve(const ast::Path& path, Span span, ServiceId from, bool depends_on);
  const Service& service(ServiceId id) const { return model_.services[id]; }
  // The text of a Text value with its service references resolved; nullopt when reported.
  std::optional<std::string> resolveText(const Value& v, ServiceId from);

  // After every service is resolved: sorts the edges, reports cycles and dependencies on
  // stopped services, and computes the start order.
  void finishGraph();
  // A service some of whose bases could not be applied: its ports may be missing, so a
  // reference to an unknown port of it reports nothing new.
  void markIncomplete(ServiceId id) { incomplete_[id] = true; }
  void recordInto(NameIndex* index) { index_uses_ = index; }

 private:
  void addEdge(ServiceId from, ServiceId to, std::optional<PortId> port, Span span);

  Model& model_;
  const std::unordered_map<std::string, uint32_t>& index_;
  Diagnostics& diags_;
  std::vector<std::unordered_map<ServiceId, size_t>> edge_index_;  // per service: target -> dependencies[i]
  std::vector<bool> incomplete_;
  NameIndex* index_uses_ = nullptr;
};

}  // namespace svcc::sema
