#include <gtest/gtest.h>

#include <chrono>
#include <numeric>
#include <utility>
#include <vector>

#include "sema/graph.h"
#include "test_support.h"

namespace svcc::sema {
namespace {

using Nodes = std::vector<uint32_t>;
using Components = std::vector<Nodes>;

Digraph make(uint32_t n, std::initializer_list<std::pair<uint32_t, uint32_t>> edges) {
  Digraph g(n);
  for (const auto& [from, to] : edges) g.addEdge(from, to);
  g.freeze();
  return g;
}

Nodes successorsOf(const Digraph& g, uint32_t v) {
  const auto s = g.successors(v);
  return Nodes(s.begin(), s.end());
}

// Every edge of g goes from a later component to an earlier one (or stays inside).
void expectReverseTopological(const Digraph& g, const Components& components) {
  std::vector<size_t> where(g.nodeCount(), SIZE_MAX);
  for (size_t i = 0; i < components.size(); ++i)
    for (uint32_t v : components[i]) where[v] = i;
  for (uint32_t v = 0; v < g.nodeCount(); ++v) {
    ASSERT_NE(where[v], SIZE_MAX) << "node " << v << " in no component";
    for (uint32_t w : g.successors(v)) EXPECT_LE(where[w], where[v]) << v << " -> " << w;
  }
}

TEST(Graph, FreezeSortsAndDeduplicatesSuccessors) {
  Digraph g(4);
  g.addEdge(0, 3);
  g.addEdge(0, 1);
  g.addEdge(0, 3);
  g.addEdge(2, 2);
  EXPECT_FALSE(g.frozen());
  g.freeze();
  EXPECT_TRUE(g.frozen());
  EXPECT_EQ(g.nodeCount(), 4u);
  EXPECT_EQ(successorsOf(g, 0), (Nodes{1, 3}));
  EXPECT_EQ(successorsOf(g, 1), Nodes{});
  EXPECT_EQ(successorsOf(g, 2), Nodes{2});
  EXPECT_EQ(successorsOf(g, 3), Nodes{});
  EXPECT_TRUE(g.hasEdge(0, 3));
  EXPECT_FALSE(g.hasEdge(3, 0));
}

TEST(Graph, EmptyGraph) {
  Digraph g(0);
  g.freeze();
  EXPECT_TRUE(stronglyConnectedComponents(g).empty());
  EXPECT_TRUE(startOrder(g, {}).empty());
}

TEST(Graph, DagComponentsAreSingletonsInReverseTopologicalOrder) {
  // 0 depends on 1 and 2, 1 on 3, 2 on 3.
  const Digraph g = make(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}});
  const Components c = stronglyConnectedComponents(g);
  ASSERT_EQ(c.size(), 4u);
  expectReverseTopological(g, c);
  EXPECT_EQ(c.front(), Nodes{3});
  EXPECT_EQ(c.back(), Nodes{0});
  for (const Nodes& comp : c) EXPECT_FALSE(isCyclic(g, comp));
  EXPECT_TRUE(cycleThrough(g, c[0]).empty());
}

TEST(Graph, SelfLoop) {
  const Digraph g = make(3, {{0, 1}, {1, 1}});
  const Components c = stronglyConnectedComponents(g);
  EXPECT_EQ(c.size(), 3u);
  const Nodes one{1};
  EXPECT_TRUE(isCyclic(g, one));
  EXPECT_EQ(cycleThrough(g, one), Nodes{1});
  EXPECT_FALSE(isCyclic(g, Nodes{0}));
}

TEST(Graph, TwoDisjointCycles) {
  // 0 -> 1 -> 2 -> 0 and 3 -> 4 -> 3, with 5 depending on both.
  const Digraph g = make(6, {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 3}, {5, 0}, {5, 3}});
  const Components c = stronglyConnectedComponents(g);
  ASSERT_EQ(c.size(), 3u);
  expectReverseTopological(g, c);
  EXPECT_EQ(c[0], (Nodes{0, 1, 2}));
  EXPECT_EQ(c[1], (Nodes{3, 4}));
  EXPECT_EQ(c[2], Nodes{5});
  EXPECT_EQ(cycleThrough(g, c[0]), (Nodes{0, 1, 2}));
  EXPECT_EQ(cycleThrough(g, c[1]), (Nodes{3, 4}));
}

TEST(Graph, FigureEightGivesOneComponentAndTheShorterLoop) {
  // Two loops through node 2: 2 -> 0 -> 1 -> 2 and 2 -> 3 -> 2.
  const Digraph g = make(4, {{2, 0}, {0, 1}, {1, 2}, {2, 3}, {3, 2}});
  const Components c = stronglyConnectedComponents(g);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0], (Nodes{0, 1, 2, 3}));
  EXPECT_EQ(cycleThrough(g, c[0]), (Nodes{0, 1, 2}));

  // Through node 0 both loops have length 2; the smaller successor id wins.
  const Digraph h = make(3, {{0, 2}, {2, 0}, {0, 1}, {1, 0}});
  EXPECT_EQ(cycleThrough(h, stronglyConnectedComponents(h)[0]), (Nodes{0, 1}));
}

TEST(Graph, CycleThroughPicksAShortestCycleThroughTheSmallestNode) {
  // 0 -> 1 -> 2 -> 3 -> 0 and the shortcut 1 -> 3.
  const Digraph g = make(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {1, 3}});
  const Components c = stronglyConnectedComponents(g);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(cycleThrough(g, c[0]), (Nodes{0, 1, 3}));
}

TEST(Graph, CycleThroughStaysInsideTheComponent) {
  // 0 <-> 1 is the cycle; 0 also reaches 2, which leads back only via 3 (not a cycle).
  const Digraph g = make(4, {{0, 2}, {2, 3}, {0, 1}, {1, 0}});
  const Components c = stronglyConnectedComponents(g);
  for (const Nodes& comp : c)
    if (comp.size() > 1) {
      EXPECT_EQ(comp, (Nodes{0, 1}));
      EXPECT_EQ(cycleThrough(g, comp), (Nodes{0, 1}));
    }
}

TEST(Graph, StartOrderPutsDependenciesFirstAndBreaksTiesByRank) {
  // frontend(0) -> cart(1) -> redis(2); frontend -> catalog(3) -> postgres(4).
  const Digraph g = make(5, {{0, 1}, {1, 2}, {0, 3}, {3, 4}});
  const Nodes by_id{0, 1, 2, 3, 4};
  EXPECT_EQ(startOrder(g, by_id), (Nodes{2, 1, 4, 3, 0}));
  // Ranking postgres before redis starts it first.
  const Nodes rank{4, 1, 3, 0, 2};
  EXPECT_EQ(startOrder(g, rank), (Nodes{4, 3, 2, 1, 0}));
  EXPECT_EQ(startOrder(g, {}), startOrder(g, by_id));
}

TEST(Graph, StartOrderAppendsCyclicNodesInRankOrder) {
  // 0 <-> 1 is a cycle; 2 depends on it; 3 is free.
  const Digraph g = make(4, {{0, 1}, {1, 0}, {2, 0}});
  const Nodes rank{2, 1, 0, 3};
  EXPECT_EQ(startOrder(g, rank), (Nodes{3, 2, 1, 0}));
  const Digraph self = make(2, {{0, 0}});
  EXPECT_EQ(startOrder(self, {}), (Nodes{1, 0}));
}

TEST(Graph, IndependentNodesComeOutByRank) {
  const Digraph g = make(4, {});
  const Nodes rank{3, 0, 2, 1};
  EXPECT_EQ(startOrder(g, rank), (Nodes{1, 3, 2, 0}));
}

TEST(Graph, DeterministicRegardlessOfEdgeInsertionOrder) {
  Digraph a(6), b(6);
  const std::vector<std::pair<uint32_t, uint32_t>> edges{{0, 1}, {1, 2}, {2, 0}, {3, 4},
                                                         {4, 5}, {5, 3}, {2, 3}, {0, 5}};
  for (const auto& [u, v] : edges) a.addEdge(u, v);
  for (auto it = edges.rbegin(); it != edges.rend(); ++it) b.addEdge(it->first, it->second);
  a.freeze();
  b.freeze();
  EXPECT_EQ(stronglyConnectedComponents(a), stronglyConnectedComponents(b));
  const Nodes rank{5, 4, 3, 2, 1, 0};
  EXPECT_EQ(startOrder(a, rank), startOrder(b, rank));
  for (const Nodes& comp : stronglyConnectedComponents(a)) EXPECT_EQ(cycleThrough(a, comp), cycleThrough(b, comp));
}

constexpr uint32_t kBig = 200'000;

TEST(Graph, LongChainDoesNotOverflowTheStack) {
  Digraph g(kBig);
  for (uint32_t v = 0; v + 1 < kBig; ++v) g.addEdge(v, v + 1);
  g.freeze();
  const auto start = std::chrono::steady_clock::now();
  const Components c = stronglyConnectedComponents(g);
  ASSERT_EQ(c.size(), kBig);
  EXPECT_EQ(c.front(), Nodes{kBig - 1});
  EXPECT_EQ(c.back(), Nodes{0});
  const Nodes order = startOrder(g, {});
  ASSERT_EQ(order.size(), kBig);
  EXPECT_EQ(order.front(), kBig - 1);
  EXPECT_EQ(order.back(), 0u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2) * test::kTimeScale);
}

TEST(Graph, LongCycleIsOneComponent) {
  Digraph g(kBig);
  for (uint32_t v = 0; v < kBig; ++v) g.addEdge(v, (v + 1) % kBig);
  g.freeze();
  const auto start = std::chrono::steady_clock::now();
  const Components c = stronglyConnectedComponents(g);
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(c[0].size(), kBig);
  const Nodes cycle = cycleThrough(g, c[0]);
  ASSERT_EQ(cycle.size(), kBig);
  Nodes expected(kBig);
  std::iota(expected.begin(), expected.end(), 0u);
  EXPECT_EQ(cycle, expected);
  const Nodes order = startOrder(g, {});
  EXPECT_EQ(order, expected);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2) * test::kTimeScale);
}

TEST(Graph, ManySmallCyclesStayLinear) {
  // 100,000 two-node cycles: each cycleThrough must cost only its own component.
  Digraph g(kBig);
  for (uint32_t v = 0; v < kBig; v += 2) {
    g.addEdge(v, v + 1);
    g.addEdge(v + 1, v);
  }
  g.freeze();
  const auto start = std::chrono::steady_clock::now();
  const Components c = stronglyConnectedComponents(g);
  ASSERT_EQ(c.size(), kBig / 2);
  size_t total = 0;
  for (const Nodes& comp : c) total += cycleThrough(g, comp).size();
  EXPECT_EQ(total, kBig);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2) * test::kTimeScale);
}

}  // namespace
}  // namespace svcc::sema
