// Phase: sema (name collection).
// Takes a loaded Program; hands out the declarations of every unit by name (services,
// templates, lets, profiles, the app), reporting duplicates and misplaced declarations.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "diagnostics/diagnostic.h"
#include "sema/modules.h"

namespace svcc::sema {

class NameIndex;

struct UnitNames {
  std::unordered_map<std::string, const ast::Let*> lets;
  std::unordered_map<std::string, const ast::Template*> templates;
  std::unordered_map<std::string, uint32_t> modules;  // qualifier -> unit
};

struct Symbols {
  std::vector<UnitNames> units;
  std::unordered_map<const ast::Template*, uint32_t> template_unit;
  std::vector<const ast::Template*> templates;  // every unit's, in a deterministic order
  std::vector<const ast::Service*> services;    // sorted by name; the first of duplicates
  std::unordered_map<std::string, uint32_t> service_index;
  std::vector<const ast::Profile*> profiles;  // sorted by name
  const ast::App* app = nullptr;
  NameIndex* index = nullptr;  // SemaOptions::index: where resolved names are recorded

  std::vector<std::string_view> serviceNames() const;
};

Symbols collectSymbols(const Program& program, const SourceManager& sources, Diagnostics& diags);

// The names of a map's keys, sorted, as candidates for nearestName.
template <class Map>
std::vector<std::string_view> keysOf(const Map& m) {
  std::vector<std::string_view> out;
  out.reserve(m.size());
  for (const auto& [key, value] : m) out.push_back(key);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace svcc::sema
