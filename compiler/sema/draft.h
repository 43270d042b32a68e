// Phase: sema (templates and profiles).
// A service under construction: what its bases, its body and the profile set, layer by
// layer. Later layers override earlier ones field by field; each value keeps the span
// and the layer (template, service, profile) it came from.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sema/model.h"
#include "sema/values.h"

namespace svcc::sema {

// Insertion-ordered map: keys keep the position of their first definition.
template <class T>
class OrderedMap {
 public:
  T* find(const std::string& key) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].second;
  }
  const T* find(const std::string& key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].second;
  }
  T& put(const std::string& key, T value) {
    if (T* old = find(key)) return *old = std::move(value);
    index_.emplace(key, items_.size());
    return items_.emplace_back(key, std::move(value)).second;
  }
  const std::vector<std::pair<std::string, T>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, T>> items_;
  std::unordered_map<std::string, size_t> index_;
};

// A layer: one template application, the service body or the profile.
struct Layer {
  uint32_t id = 0;
  std::string origin;  // "template `web`", "profile `prod`", "" for the service itself
};

struct Entry {
  Value value;
  Span stmt;  // the statement that set it
  Layer layer;
};

struct PortDraft {
  std::string name;
  Span span;
  Value port, target;
  std::optional<Value> protocol;
  Layer layer;
};

struct VolumeDraft {
  std::string name;
  Span span;
  std::optional<Entry> size, mount;
  Layer layer;
};

struct BuildDraft {
  BuildRecipe recipe;
  Layer layer;
};

struct DependsDraft {
  ast::Path path;
  Span span;
};

struct Draft {
  OrderedMap<Entry> fields;  // "replicas", "scale.max", "env.LOG_LEVEL", "labels.team"
  OrderedMap<PortDraft> ports;
  OrderedMap<VolumeDraft> volumes;
  std::optional<BuildDraft> build;
  std::vector<DependsDraft> depends;
  bool incomplete = false;  // a base could not be applied: "missing" checks would only echo that
};

}  // namespace svcc::sema
