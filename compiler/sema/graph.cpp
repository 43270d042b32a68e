#include "sema/graph.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <stdexcept>

namespace svcc::sema {
namespace {

constexpr uint32_t kUnset = UINT32_MAX;

}  // namespace

Digraph::Digraph(uint32_t node_count) : node_count_(node_count) {}

void Digraph::addEdge(uint32_t from, uint32_t to) {
  if (frozen_) throw std::logic_error("Digraph::addEdge after freeze");
  if (from >= node_count_ || to >= node_count_) throw std::out_of_range("Digraph::addEdge: node out of range");
  pending_.emplace_back(from, to);
}

uint32_t Digraph::nodeCount() const { return node_count_; }

bool Digraph::frozen() const { return frozen_; }

std::span<const uint32_t> Digraph::successors(uint32_t node) const {
  if (!frozen_) throw std::logic_error("Digraph::successors before freeze");
  return std::span<const uint32_t>(targets_).subspan(offsets_[node], offsets_[node + 1] - offsets_[node]);
}

bool Digraph::hasEdge(uint32_t from, uint32_t to) const {
  const auto next = successors(from);
  return std::binary_search(next.begin(), next.end(), to);
}

void Digraph::freeze() {
  if (frozen_) return;
  std::sort(pending_.begin(), pending_.end());
  pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
  offsets_.assign(node_count_ + 1, 0);
  for (const auto& [from, to] : pending_) ++offsets_[from + 1];
  for (uint32_t v = 0; v < node_count_; ++v) offsets_[v + 1] += offsets_[v];
  targets_.reserve(pending_.size());
  for (const auto& edge : pending_) targets_.push_back(edge.second);
  pending_.clear();
  pending_.shrink_to_fit();
  frozen_ = true;
}

std::vector<std::vector<uint32_t>> stronglyConnectedComponents(const Digraph& g) {
  const uint32_t n = g.nodeCount();
  std::vector<uint32_t> index(n, kUnset), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<uint32_t> stack;
  // The explicit call stack: a node and how many of its successors it has visited.
  std::vector<std::pair<uint32_t, uint32_t>> frames;
  std::vector<std::vector<uint32_t>> components;
  uint32_t counter = 0;

  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnset) continue;
    frames.emplace_back(root, 0);
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      auto& [v, next] = frames.back();
      const auto succ = g.successors(v);
      if (next < succ.size()) {
        const uint32_t w = succ[next++];
        if (index[w] == kUnset) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = true;
          frames.emplace_back(w, 0);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const uint32_t done = v;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().first] = std::min(low[frames.back().first], low[done]);
      if (low[done] != index[done]) continue;
      std::vector<uint32_t> component;
      uint32_t w = kUnset;
      while (w != done) {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        component.push_back(w);
      }
      std::sort(component.begin(), component.end());
      components.push_back(std::move(component));
    }
  }
  return components;
}

bool isCyclic(const Digraph& g, std::span<const uint32_t> component) {
  if (component.size() > 1) return true;
  return component.size() == 1 && g.hasEdge(component[0], component[0]);
}

std::vector<uint32_t> cycleThrough(const Digraph& g, std::span<const uint32_t> component) {
  if (!isCyclic(g, component)) return {};
  // Positions in the sorted component stand in for nodes, so the search costs
  // O(C log C + E_C) however large the whole graph is.
  std::vector<uint32_t> members(component.begin(), component.end());
  std::sort(members.begin(), members.end());
  auto position = [&members](uint32_t v) -> uint32_t {
    const auto it = std::lower_bound(members.begin(), members.end(), v);
    return it != members.end() && *it == v ? static_cast<uint32_t>(it - members.begin()) : kUnset;
  };
  std::vector<uint32_t> parent(members.size(), kUnset);
  std::queue<uint32_t> queue;
  queue.push(0);
  parent[0] = 0;
  while (!queue.empty()) {
    const uint32_t u = queue.front();
    queue.pop();
    for (const uint32_t w : g.successors(members[u])) {
      const uint32_t pw = position(w);
      if (pw == kUnset) continue;
      if (pw == 0) {
        std::vector<uint32_t> cycle;
        for (uint32_t p = u; p != 0; p = parent[p]) cycle.push_back(members[p]);
        cycle.push_back(members[0]);
        std::reverse(cycle.begin(), cycle.end());
        return cycle;
      }
      if (parent[pw] != kUnset) continue;
      parent[pw] = u;
      queue.push(pw);
    }
  }
  throw std::logic_error("cycleThrough: the component is not strongly connected");
}

std::vector<uint32_t> startOrder(const Digraph& g, std::span<const uint32_t> rank) {
  const uint32_t n = g.nodeCount();
  if (!rank.empty() && rank.size() != n) throw std::invalid_argument("startOrder: one rank per node");
  auto rankOf = [&rank](uint32_t v) { return rank.empty() ? v : rank[v]; };

  // A node may start once every node it depends on (its successors) has started.
  std::vector<uint32_t> waiting(n, 0);
  std::vector<uint32_t> offsets(n + 1, 0);
  for (uint32_t v = 0; v < n; ++v) {
    waiting[v] = static_cast<uint32_t>(g.successors(v).size());
    for (const uint32_t w : g.successors(v)) ++offsets[w + 1];
  }
  for (uint32_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  std::vector<uint32_t> dependents(offsets[n]);
  std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (uint32_t v = 0; v < n; ++v)
    for (const uint32_t w : g.successors(v)) dependents[fill[w]++] = v;

  using Entry = std::pair<uint32_t, uint32_t>;  // (rank, node)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
  for (uint32_t v = 0; v < n; ++v)
    if (waiting[v] == 0) ready.emplace(rankOf(v), v);

  std::vector<uint32_t> order;
  order.reserve(n);
  std::vector<bool> placed(n, false);
  while (!ready.empty()) {
    const uint32_t v = ready.top().second;
    ready.pop();
    order.push_back(v);
    placed[v] = true;
    for (uint32_t i = offsets[v]; i < offsets[v + 1]; ++i)
      if (--waiting[dependents[i]] == 0) ready.emplace(rankOf(dependents[i]), dependents[i]);
  }
  if (order.size() == n) return order;
  std::vector<Entry> rest;
  for (uint32_t v = 0; v < n; ++v)
    if (!placed[v]) rest.emplace_back(rankOf(v), v);
  std::sort(rest.begin(), rest.end());
  for (const auto& entry : rest) order.push_back(entry.second);
  return order;
}

}  // namespace svcc::sema
