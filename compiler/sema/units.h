// Phase: sema (pure library, no AST).
// Takes quantity literals as written (digits and suffix); hands out canonical integers
// (Cpu millicores, Memory bytes, Duration ms) and their Kubernetes spellings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace svcc::sema {

enum class QuantityKind { Cpu, Memory, Duration };

// "Cpu", "Memory", "Duration"
const char* quantityKindName(QuantityKind k);

struct QuantityResult {
  std::optional<int64_t> value;  // canonical: Cpu millicores, Memory bytes, Duration ms
  std::string error;             // when !value: a lower-case fragment without the literal, e.g.
                                 // "finer than one millicore", "expected Cpu, found Memory"
  std::string help;              // e.g. "CPU is written in cores (`0.5`) or millicores (`500m`)"
};

// number: the digits as written ("250", "0.5", "-1"); suffix: "", "m", "Mi", "Gi", "M", "k",
// "ms", "s", "m", "h", ... A bare number (suffix "") is valid as Cpu (cores) and as Memory
// (bytes), not as Duration. Rejects negative values, fractions that do not land on a whole
// canonical unit (0.5m CPU, 1.5 bytes), and overflow.
QuantityResult parseQuantity(QuantityKind kind, std::string_view number, std::string_view suffix);

// The kind a suffix unambiguously denotes, for "expected Cpu, found Memory":
// "Mi" -> Memory, "ms"/"s"/"h"/"d" -> Duration, "m" -> nullopt (Cpu or Duration), "" -> nullopt.
std::optional<QuantityKind> kindOfSuffix(std::string_view suffix);

// The help line that says how a quantity of this kind is written.
const char* quantityHelp(QuantityKind k);

// Kubernetes spellings, each the shortest exact form; parseQuantity(render(x)) == x.
std::string renderCpu(int64_t millicores);  // 500 -> "500m", 1000 -> "1", 1500 -> "1500m"
std::string renderMemory(int64_t bytes);    // 134217728 -> "128Mi", 512000000 -> "512M", else bytes
std::string renderDuration(int64_t ms);     // 10000 -> "10s", 250 -> "250ms", 300000 -> "5m", 1 day -> "24h"
std::string renderQuantity(QuantityKind k, int64_t canonical);

}  // namespace svcc::sema
