#include "sema/units.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <span>

namespace svcc::sema {
namespace {

// 128 bits so that a mantissa times the largest multiplier (2^60) cannot overflow before
// we divide by the power of ten the fraction implies.
__extension__ using Wide = __int128;

struct Unit {
  std::string_view suffix;
  int64_t factor;  // canonical units per one of this unit
};

constexpr int64_t kKi = 1024;
constexpr std::array<Unit, 2> kCpuUnits{{{"", 1000}, {"m", 1}}};
constexpr std::array<Unit, 13> kMemoryUnits{{
    {"", 1},
    {"k", 1000},
    {"M", 1000LL * 1000},
    {"G", 1000LL * 1000 * 1000},
    {"T", 1000LL * 1000 * 1000 * 1000},
    {"P", 1000LL * 1000 * 1000 * 1000 * 1000},
    {"E", 1000LL * 1000 * 1000 * 1000 * 1000 * 1000},
    {"Ki", kKi},
    {"Mi", kKi* kKi},
    {"Gi", kKi* kKi* kKi},
    {"Ti", kKi* kKi* kKi* kKi},
    {"Pi", kKi* kKi* kKi* kKi* kKi},
    {"Ei", kKi* kKi* kKi* kKi* kKi* kKi},
}};
// `d` is read but never written: compose and Go durations stop at `h`.
constexpr std::array<Unit, 5> kDurationUnits{
    {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}}};
constexpr size_t kLargestRenderedDuration = 3;

std::span<const Unit> unitsOf(QuantityKind k) {
  switch (k) {
    case QuantityKind::Cpu:
      return kCpuUnits;
    case QuantityKind::Memory:
      return kMemoryUnits;
    case QuantityKind::Duration:
      return kDurationUnits;
  }
  return {};
}

const Unit* findUnit(QuantityKind k, std::string_view suffix) {
  for (const Unit& u : unitsOf(k))
    if (u.suffix == suffix) return &u;
  return nullptr;
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string code(std::string_view s) { return "`" + std::string(s) + "`"; }

// A near miss of a unit of this kind: wrong case (`mi`), or a trailing `B` (`MB`, `GiB`).
std::optional<std::string_view> nearUnit(QuantityKind k, std::string_view suffix) {
  std::string_view trimmed = suffix;
  if (k == QuantityKind::Memory && trimmed.size() > 1 && (trimmed.back() == 'B' || trimmed.back() == 'b'))
    trimmed.remove_suffix(1);
  if (findUnit(k, trimmed) && !trimmed.empty()) return findUnit(k, trimmed)->suffix;
  const std::string folded = lowerAscii(trimmed);
  std::optional<std::string_view> found;
  for (const Unit& u : unitsOf(k)) {
    if (u.suffix.empty() || lowerAscii(u.suffix) != folded) continue;
    // `k`/`K` and `m`/`M` fold together; prefer the binary unit, the usual intent.
    if (!found || u.suffix.size() > found->size()) found = u.suffix;
  }
  if (k == QuantityKind::Memory && folded == "k") found = "Ki";
  return found;
}

QuantityResult failure(std::string error, std::string help) {
  return QuantityResult{std::nullopt, std::move(error), std::move(help)};
}

QuantityResult wrongUnit(QuantityKind kind, std::string_view suffix) {
  if (const auto other = kindOfSuffix(suffix); other && *other != kind)
    return failure(std::string("expected ") + quantityKindName(kind) + ", found " + quantityKindName(*other),
                   quantityHelp(kind));
  std::string help = quantityHelp(kind);
  if (kind == QuantityKind::Memory && suffix == "m")
    help = "`m` means milli (a thousandth of a byte); did you mean `Mi`? " + help;
  else if (const auto near = nearUnit(kind, suffix)) help = "did you mean " + code(*near) + "? " + help;
  return failure(code(suffix) + " is not a " + lowerAscii(quantityKindName(kind)) + " unit", help);
}

}  // namespace

const char* quantityKindName(QuantityKind k) {
  switch (k) {
    case QuantityKind::Cpu:
      return "Cpu";
    case QuantityKind::Memory:
      return "Memory";
    case QuantityKind::Duration:
      return "Duration";
  }
  return "?";
}

const char* quantityHelp(QuantityKind k) {
  switch (k) {
    case QuantityKind::Cpu:
      return "CPU is written in cores (`0.5`) or millicores (`500m`)";
    case QuantityKind::Memory:
      return "memory is written in bytes with a binary suffix (`128Mi`, `1Gi`) or a decimal one (`512M`, `1G`)";
    case QuantityKind::Duration:
      return "a duration is written with a unit: `250ms`, `10s`, `5m` or `1h`";
  }
  return "";
}

std::optional<QuantityKind> kindOfSuffix(std::string_view suffix) {
  if (suffix.empty()) return std::nullopt;
  const bool cpu = findUnit(QuantityKind::Cpu, suffix) != nullptr;
  const bool memory = findUnit(QuantityKind::Memory, suffix) != nullptr;
  const bool duration = findUnit(QuantityKind::Duration, suffix) != nullptr;
  if (cpu + memory + duration != 1) return std::nullopt;
  if (cpu) return QuantityKind::Cpu;
  return memory ? QuantityKind::Memory : QuantityKind::Duration;
}

QuantityResult parseQuantity(QuantityKind kind, std::string_view number, std::string_view suffix) {
  const Unit* unit = findUnit(kind, suffix);
  if (!unit) {
    if (suffix.empty())
      return failure(std::string("a ") + lowerAscii(quantityKindName(kind)) + " needs a unit", quantityHelp(kind));
    return wrongUnit(kind, suffix);
  }
  if (!number.empty() && number.front() == '-') return failure("a quantity cannot be negative", quantityHelp(kind));

  const size_t dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
  auto allDigits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (!allDigits(whole) || (dot != std::string_view::npos && !allDigits(fraction)))
    return failure(code(number) + " is not a number", quantityHelp(kind));

  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  // 19 digits before and 18 after the point are more than any int64 result can use.
  if (whole.size() > 19) return failure("too large for 64 bits", quantityHelp(kind));
  const char* canonical = kind == QuantityKind::Cpu      ? "millicore"
                          : kind == QuantityKind::Memory ? "byte"
                                                         : "millisecond";
  if (fraction.size() > 18) return failure("finer than one " + std::string(canonical), quantityHelp(kind));

  Wide integral = 0;
  Wide part = 0;
  Wide scale = 1;
  for (char c : whole) integral = integral * 10 + (c - '0');
  for (char c : fraction) {
    part = part * 10 + (c - '0');
    scale *= 10;
  }
  const Wide scaled_part = part * unit->factor;
  if (scaled_part % scale != 0) return failure("finer than one " + std::string(canonical), quantityHelp(kind));
  const Wide value = integral * unit->factor + scaled_part / scale;
  if (value > INT64_MAX) return failure("too large for 64 bits", quantityHelp(kind));
  return QuantityResult{static_cast<int64_t>(value), {}, {}};
}

std::string renderCpu(int64_t millicores) {
  if (millicores % 1000 == 0) return std::to_string(millicores / 1000);
  return std::to_string(millicores) + "m";
}

std::string renderMemory(int64_t bytes) {
  if (bytes == 0) return "0";
  // The largest exact binary form and the largest exact decimal form; the shorter one wins
  // (binary on a tie), so 128Mi stays 128Mi and 512M does not become 500000Ki.
  auto largest = [bytes](size_t first, size_t last) -> std::optional<std::string> {
    for (size_t i = last; i >= first; --i)
      if (bytes % kMemoryUnits[i].factor == 0)
        return std::to_string(bytes / kMemoryUnits[i].factor) + std::string(kMemoryUnits[i].suffix);
    return std::nullopt;
  };
  const auto binary = largest(7, 12);
  const auto decimal = largest(1, 6);
  if (binary && (!decimal || binary->size() <= decimal->size())) return *binary;
  if (decimal) return *decimal;
  return std::to_string(bytes);
}

std::string renderDuration(int64_t ms) {
  for (size_t i = kLargestRenderedDuration + 1; i-- > 1;)
    if (ms != 0 && ms % kDurationUnits[i].factor == 0)
      return std::to_string(ms / kDurationUnits[i].factor) + std::string(kDurationUnits[i].suffix);
  if (ms == 0) return "0s";
  return std::to_string(ms) + "ms";
}

std::string renderQuantity(QuantityKind k, int64_t canonical) {
  switch (k) {
    case QuantityKind::Cpu:
      return renderCpu(canonical);
    case QuantityKind::Memory:
      return renderMemory(canonical);
    case QuantityKind::Duration:
      return renderDuration(canonical);
  }
  return std::to_string(canonical);
}

}  // namespace svcc::sema
