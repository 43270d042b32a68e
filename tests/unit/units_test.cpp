#include <gtest/gtest.h>

#include <random>

#include "sema/units.h"

namespace svcc::sema {
namespace {

constexpr int64_t kKi = 1024;

int64_t value(QuantityKind k, std::string_view number, std::string_view suffix) {
  const QuantityResult r = parseQuantity(k, number, suffix);
  EXPECT_TRUE(r.value.has_value()) << number << suffix << ": " << r.error;
  return r.value.value_or(-1);
}

QuantityResult fails(QuantityKind k, std::string_view number, std::string_view suffix) {
  QuantityResult r = parseQuantity(k, number, suffix);
  EXPECT_FALSE(r.value.has_value()) << number << suffix << " parsed as " << r.value.value_or(0);
  EXPECT_FALSE(r.error.empty());
  EXPECT_FALSE(r.help.empty());
  return r;
}

TEST(Units, KindNames) {
  EXPECT_STREQ(quantityKindName(QuantityKind::Cpu), "Cpu");
  EXPECT_STREQ(quantityKindName(QuantityKind::Memory), "Memory");
  EXPECT_STREQ(quantityKindName(QuantityKind::Duration), "Duration");
}

TEST(Units, CpuCoresAndMillicores) {
  EXPECT_EQ(value(QuantityKind::Cpu, "0.5", ""), 500);
  EXPECT_EQ(value(QuantityKind::Cpu, "2", ""), 2000);
  EXPECT_EQ(value(QuantityKind::Cpu, "0", ""), 0);
  EXPECT_EQ(value(QuantityKind::Cpu, "0.001", ""), 1);
  EXPECT_EQ(value(QuantityKind::Cpu, "1.250", ""), 1250);
  EXPECT_EQ(value(QuantityKind::Cpu, "250", "m"), 250);
  EXPECT_EQ(value(QuantityKind::Cpu, "100", "m"), 100);
  EXPECT_EQ(value(QuantityKind::Cpu, "1.0", "m"), 1);
  EXPECT_EQ(value(QuantityKind::Cpu, "007", ""), 7000);
}

TEST(Units, CpuRejectsSubMillicore) {
  EXPECT_EQ(fails(QuantityKind::Cpu, "0.5", "m").error, "finer than one millicore");
  fails(QuantityKind::Cpu, "0.0001", "");
  fails(QuantityKind::Cpu, "1.0005", "");
}

TEST(Units, CpuWithMemorySuffixIsAKindMismatch) {
  const QuantityResult r = fails(QuantityKind::Cpu, "128", "Mi");
  EXPECT_EQ(r.error, "expected Cpu, found Memory");
  EXPECT_EQ(r.help, "CPU is written in cores (`0.5`) or millicores (`500m`)");
  EXPECT_EQ(fails(QuantityKind::Cpu, "10", "s").error, "expected Cpu, found Duration");
  EXPECT_EQ(fails(QuantityKind::Cpu, "1", "k").error, "expected Cpu, found Memory");
  EXPECT_EQ(fails(QuantityKind::Cpu, "1", "x").error, "`x` is not a cpu unit");
}

TEST(Units, MemoryEverySuffix) {
  EXPECT_EQ(value(QuantityKind::Memory, "1", ""), 1);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "k"), 1000);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "M"), 1000000);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "G"), 1000000000);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "T"), 1000000000000);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "P"), 1000000000000000);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "E"), 1000000000000000000);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "Ki"), kKi);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "Mi"), kKi * kKi);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "Gi"), kKi * kKi * kKi);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "Ti"), kKi * kKi * kKi * kKi);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "Pi"), kKi * kKi * kKi * kKi * kKi);
  EXPECT_EQ(value(QuantityKind::Memory, "1", "Ei"), kKi * kKi * kKi * kKi * kKi * kKi);
  EXPECT_EQ(value(QuantityKind::Memory, "128", "Mi"), 134217728);
  EXPECT_EQ(value(QuantityKind::Memory, "512", "M"), 512000000);
}

TEST(Units, MemoryDecimalsThatLandOnWholeBytes) {
  EXPECT_EQ(value(QuantityKind::Memory, "1.5", "Gi"), 1610612736);
  EXPECT_EQ(value(QuantityKind::Memory, "0.5", "Ki"), 512);
  EXPECT_EQ(value(QuantityKind::Memory, "1.5", "k"), 1500);
  EXPECT_EQ(value(QuantityKind::Memory, "0.25", "Mi"), 262144);
  EXPECT_EQ(value(QuantityKind::Memory, "1.000", ""), 1);
  EXPECT_EQ(fails(QuantityKind::Memory, "1.5", "").error, "finer than one byte");
  fails(QuantityKind::Memory, "0.1", "Ki");
  fails(QuantityKind::Memory, "0.0001", "k");
}

TEST(Units, MemoryOverflowBoundaries) {
  EXPECT_EQ(value(QuantityKind::Memory, "7", "Ei"), 7 * kKi * kKi * kKi * kKi * kKi * kKi);
  EXPECT_EQ(value(QuantityKind::Memory, "9223372036854775807", ""), INT64_MAX);
  EXPECT_EQ(value(QuantityKind::Memory, "9.223372036854775807", "E"), INT64_MAX);
  EXPECT_EQ(value(QuantityKind::Memory, "7.5", "Ei"), 15 * (kKi * kKi * kKi * kKi * kKi * kKi / 2));
  EXPECT_EQ(fails(QuantityKind::Memory, "8", "Ei").error, "too large for 64 bits");
  fails(QuantityKind::Memory, "9223372036854775808", "");
  fails(QuantityKind::Memory, "10", "E");
  fails(QuantityKind::Memory, "99999999999999999999999999", "Ei");
  fails(QuantityKind::Memory, "1.0000000000000000000000001", "Ei");
  fails(QuantityKind::Cpu, "9223372036854776", "");
  EXPECT_EQ(value(QuantityKind::Cpu, "9223372036854775", ""), 9223372036854775000);
}

TEST(Units, MemoryNearMisses) {
  const QuantityResult mb = fails(QuantityKind::Memory, "512", "MB");
  EXPECT_EQ(mb.error, "`MB` is not a memory unit");
  EXPECT_TRUE(mb.help.starts_with("did you mean `M`?")) << mb.help;
  EXPECT_TRUE(fails(QuantityKind::Memory, "1", "GiB").help.starts_with("did you mean `Gi`?"));
  EXPECT_TRUE(fails(QuantityKind::Memory, "1", "mi").help.starts_with("did you mean `Mi`?"));
  EXPECT_TRUE(fails(QuantityKind::Memory, "1", "K").help.starts_with("did you mean `Ki`?"));
  EXPECT_TRUE(fails(QuantityKind::Memory, "128", "m").help.find("did you mean `Mi`?") != std::string::npos);
  EXPECT_EQ(fails(QuantityKind::Memory, "5", "s").error, "expected Memory, found Duration");
}

TEST(Units, Durations) {
  EXPECT_EQ(value(QuantityKind::Duration, "250", "ms"), 250);
  EXPECT_EQ(value(QuantityKind::Duration, "10", "s"), 10000);
  EXPECT_EQ(value(QuantityKind::Duration, "5", "m"), 300000);
  EXPECT_EQ(value(QuantityKind::Duration, "1", "h"), 3600000);
  EXPECT_EQ(value(QuantityKind::Duration, "1.5", "s"), 1500);
  EXPECT_EQ(value(QuantityKind::Duration, "0.5", "h"), 1800000);
  EXPECT_EQ(value(QuantityKind::Duration, "0", "s"), 0);
  fails(QuantityKind::Duration, "1.5", "ms");
  const QuantityResult bare = fails(QuantityKind::Duration, "10", "");
  EXPECT_EQ(bare.error, "a duration needs a unit");
  EXPECT_EQ(bare.help, "a duration is written with a unit: `250ms`, `10s`, `5m` or `1h`");
  EXPECT_EQ(fails(QuantityKind::Duration, "1", "Gi").error, "expected Duration, found Memory");
  EXPECT_TRUE(fails(QuantityKind::Duration, "1", "S").help.starts_with("did you mean `s`?"));
  EXPECT_EQ(value(QuantityKind::Duration, "1", "d"), 86400000);
  EXPECT_EQ(value(QuantityKind::Duration, "0.5", "d"), 43200000);
  EXPECT_EQ(fails(QuantityKind::Duration, "1", "w").error, "`w` is not a duration unit");
}

TEST(Units, SameLiteralDifferentKinds) {
  EXPECT_EQ(value(QuantityKind::Cpu, "5", "m"), 5);
  EXPECT_EQ(value(QuantityKind::Duration, "5", "m"), 300000);
}

TEST(Units, RejectsNegativesAndMalformedNumbers) {
  EXPECT_EQ(fails(QuantityKind::Cpu, "-1", "").error, "a quantity cannot be negative");
  fails(QuantityKind::Memory, "-128", "Mi");
  fails(QuantityKind::Duration, "-1", "s");
  EXPECT_EQ(fails(QuantityKind::Cpu, "1.", "").error, "`1.` is not a number");
  fails(QuantityKind::Cpu, ".5", "");
  fails(QuantityKind::Cpu, "", "m");
  fails(QuantityKind::Memory, "1e3", "");
  fails(QuantityKind::Memory, "1.2.3", "");
  fails(QuantityKind::Memory, "1_000", "");
}

TEST(Units, KindOfSuffix) {
  EXPECT_EQ(kindOfSuffix("Mi"), QuantityKind::Memory);
  EXPECT_EQ(kindOfSuffix("Gi"), QuantityKind::Memory);
  EXPECT_EQ(kindOfSuffix("M"), QuantityKind::Memory);
  EXPECT_EQ(kindOfSuffix("k"), QuantityKind::Memory);
  EXPECT_EQ(kindOfSuffix("ms"), QuantityKind::Duration);
  EXPECT_EQ(kindOfSuffix("s"), QuantityKind::Duration);
  EXPECT_EQ(kindOfSuffix("h"), QuantityKind::Duration);
  EXPECT_EQ(kindOfSuffix("d"), QuantityKind::Duration);
  EXPECT_EQ(kindOfSuffix("m"), std::nullopt);
  EXPECT_EQ(kindOfSuffix(""), std::nullopt);
  EXPECT_EQ(kindOfSuffix("%"), std::nullopt);
  EXPECT_EQ(kindOfSuffix("MB"), std::nullopt);
}

TEST(Units, RenderCpu) {
  EXPECT_EQ(renderCpu(500), "500m");
  EXPECT_EQ(renderCpu(1000), "1");
  EXPECT_EQ(renderCpu(1500), "1500m");
  EXPECT_EQ(renderCpu(0), "0");
  EXPECT_EQ(renderCpu(1), "1m");
  EXPECT_EQ(renderCpu(64000), "64");
}

TEST(Units, RenderMemory) {
  EXPECT_EQ(renderMemory(134217728), "128Mi");
  EXPECT_EQ(renderMemory(1073741824), "1Gi");
  EXPECT_EQ(renderMemory(512000000), "512M");
  EXPECT_EQ(renderMemory(1610612736), "1536Mi");
  EXPECT_EQ(renderMemory(1000), "1k");
  EXPECT_EQ(renderMemory(1024), "1Ki");
  EXPECT_EQ(renderMemory(1024000), "1024k");  // shorter than 1000Ki
  EXPECT_EQ(renderMemory(1048576000), "1000Mi");
  EXPECT_EQ(renderMemory(1000000000), "1G");
  EXPECT_EQ(renderMemory(1500), "1500");
  EXPECT_EQ(renderMemory(1), "1");
  EXPECT_EQ(renderMemory(0), "0");
  EXPECT_EQ(renderMemory(INT64_MAX), "9223372036854775807");
  EXPECT_EQ(renderMemory(4 * kKi * kKi * kKi * kKi * kKi * kKi), "4Ei");
}

TEST(Units, RenderDuration) {
  EXPECT_EQ(renderDuration(10000), "10s");
  EXPECT_EQ(renderDuration(250), "250ms");
  EXPECT_EQ(renderDuration(300000), "5m");
  EXPECT_EQ(renderDuration(3600000), "1h");
  EXPECT_EQ(renderDuration(5400000), "90m");
  EXPECT_EQ(renderDuration(1500), "1500ms");
  EXPECT_EQ(renderDuration(0), "0s");
  EXPECT_EQ(renderDuration(86400000), "24h");
  EXPECT_EQ(renderQuantity(QuantityKind::Duration, 90000), "90s");
  EXPECT_EQ(renderQuantity(QuantityKind::Cpu, 250), "250m");
  EXPECT_EQ(renderQuantity(QuantityKind::Memory, 2048), "2Ki");
}

// parse(render(x)) == x, split at the boundary between digits and suffix.
int64_t roundTrip(QuantityKind k, int64_t x) {
  const std::string text = renderQuantity(k, x);
  const size_t cut = text.find_first_not_of("0123456789");
  const std::string_view number = std::string_view(text).substr(0, cut);
  const std::string_view suffix = cut == std::string::npos ? std::string_view{} : std::string_view(text).substr(cut);
  return value(k, number, suffix);
}

TEST(Units, RenderRoundTrips) {
  std::mt19937_64 rng(20261126);
  std::vector<int64_t> samples = {0, 1, 999, 1000, 1001, 1023, 1024, 1025, 60000, 3600000, INT64_MAX};
  for (int shift = 0; shift < 63; ++shift) samples.push_back(int64_t{1} << shift);
  for (int64_t p = 1; p <= 1000000000000000000 / 10; p *= 10) samples.push_back(p * 10);
  for (int i = 0; i < 2000; ++i) {
    const int64_t raw = static_cast<int64_t>(rng() >> 1);
    samples.push_back(raw);
    samples.push_back(raw >> (rng() % 63));
    samples.push_back((raw % 1000) * 1000000);
    samples.push_back((raw % 4096) * kKi * kKi);
  }
  for (const int64_t x : samples) {
    EXPECT_EQ(roundTrip(QuantityKind::Cpu, x), x);
    EXPECT_EQ(roundTrip(QuantityKind::Memory, x), x);
    if (x > 0) {
      EXPECT_EQ(roundTrip(QuantityKind::Duration, x), x);
    }
  }
  EXPECT_EQ(roundTrip(QuantityKind::Duration, 0), 0);
}

}  // namespace
}  // namespace svcc::sema
