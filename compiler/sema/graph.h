// Phase: sema (pure library, no AST).
// Takes a directed graph over dense node ids; hands out strongly connected components,
// a readable cycle for each, and a deterministic dependency-first start order.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace svcc::sema {

// A directed graph over nodes 0..n-1. Edges are collected, then freeze() packs them.
class Digraph {
 public:
  explicit Digraph(uint32_t node_count);
  void addEdge(uint32_t from, uint32_t to);
  uint32_t nodeCount() const;
  std::span<const uint32_t> successors(uint32_t node) const;  // valid after freeze()
  void freeze();  // builds CSR adjacency; successors sorted by node id, duplicates removed
  bool frozen() const;
  bool hasEdge(uint32_t from, uint32_t to) const;  // valid after freeze(); O(log degree)

 private:
  uint32_t node_count_;
  std::vector<std::pair<uint32_t, uint32_t>> pending_;
  std::vector<uint32_t> offsets_;  // node_count_ + 1 entries into targets_
  std::vector<uint32_t> targets_;
  bool frozen_ = false;
};

// Tarjan's algorithm, iterative (no recursion: long chains must not overflow the stack).
// Components in reverse topological order; each component's nodes sorted ascending.
std::vector<std::vector<uint32_t>> stronglyConnectedComponents(const Digraph& g);

// True when the component is a cycle: more than one node, or one node with a self-edge.
bool isCyclic(const Digraph& g, std::span<const uint32_t> component);

// For a cyclic component: one simple cycle through its smallest node, as v0 -> v1 -> ... -> v0
// (v0 not repeated at the end). Successors are tried smallest id first, and the cycle found is
// a shortest one back to v0 (breadth-first), so it is deterministic and easy to read.
// Empty for a component that is not cyclic.
std::vector<uint32_t> cycleThrough(const Digraph& g, std::span<const uint32_t> component);

// Kahn's algorithm, dependencies before dependents when an edge means "from depends on to";
// ties broken by `rank` (e.g. the index of the node's name in sorted order). Nodes on cycles
// (and nodes depending on them) are appended at the end in rank order. O((V + E) log V).
std::vector<uint32_t> startOrder(const Digraph& g, std::span<const uint32_t> rank);

}  // namespace svcc::sema
