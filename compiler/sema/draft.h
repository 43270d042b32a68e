// Phase: sema (templates and profiles).
// A service under construction: what its bases, its body and the profile set, layer by
// layer. Later layers override earlier ones field by field; each value keeps the span
// and the layer (template, service, profile) it came from.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sema/model.h"
#include "sema/schema.h"
#include "sema/values.h"

namespace svcc::sema {

// Insertion-ordered map: keys keep the position of their first definition. A draft holds
// a handful of keys, so lookups scan the items; the hash index is built only once a map
// grows past kScan (a service with hundreds of env entries), keeping lookups linear overall.
template <class T>
class OrderedMap {
 public:
  T* find(std::string_view key) {
    size_t i = indexOf(key);
    return i == kNone ? nullptr : &items_[i].second;
  }
  const T* find(std::string_view key) const {
    size_t i = indexOf(key);
    return i == kNone ? nullptr : &items_[i].second;
  }
  T& put(std::string_view key, T value) {
    if (size_t i = indexOf(key); i != kNone) return items_[i].second = std::move(value);
    items_.emplace_back(std::string(key), std::move(value));
    if (items_.size() > kScan) {
      if (index_.empty()) {
        for (size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].first, i);
      } else {
        index_.emplace(items_.back().first, items_.size() - 1);
      }
    }
    return items_.back().second;
  }
  const std::vector<std::pair<std::string, T>>& items() const { return items_; }
  // Drops the spare capacity of growing, for maps that are kept a long time.
  void shrinkToFit() { items_.shrink_to_fit(); }

 private:
  static constexpr size_t kScan = 16;
  static constexpr size_t kNone = SIZE_MAX;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  size_t indexOf(std::string_view key) const {
    if (!index_.empty()) {
      auto it = index_.find(key);
      return it == index_.end() ? kNone : it->second;
    }
    for (size_t i = 0; i < items_.size(); ++i) {
      if (items_[i].first == key) return i;
    }
    return kNone;
  }

  std::vector<std::pair<std::string, T>> items_;
  std::unordered_map<std::string, size_t, Hash, std::equal_to<>> index_;
};

// A layer: one template application, the service body or the profile.
struct Layer {
  uint32_t id = 0;
  // "template `web`", "profile `prod`", "" for the service itself; the text is owned by
  // the Applier that made the layer, so copying a layer into every entry costs nothing.
  std::string_view origin;
};

struct Entry {
  Value value;
  Span stmt;  // the statement that set it
  Layer layer;
  FieldId field{};  // the registry's field (a Map's entries: the Map field)
};

// Only what finishing needs: every service's ports are kept until all services are done.
struct PortDraft {
  std::string name;
  Span span;
  int32_t port = 0;                     // 0 when the number was rejected (reported)
  std::optional<int32_t> target;        // the container port; nullopt when rejected
  std::optional<std::string> protocol;  // as set; the port's name when the value was rejected
  Layer layer;
};

// A named block, `KIND NAME { … }` (`volume data`, `scratch cache`): `kind` is its Named
// registry row, `fields` the entries of its child block's fields, at most one each. A later
// layer's block of the same kind and name overrides the fields it sets (Merge::PerName).
struct Draft;
struct NamedDraft {
  FieldId kind{};
  std::string name;
  Span span;
  Layer layer;
  std::vector<Entry> fields;
  // An extra container (`init NAME`, `sidecar NAME`): its body is a service's draft of its
  // own, with the service fields its block allows, so that the finisher reads it with the
  // service's code. A later layer applies over a copy.
  std::shared_ptr<const Draft> body;

  const Entry* find(FieldId id) const {
    for (const Entry& e : fields)
      if (e.field == id) return &e;
    return nullptr;
  }
  void set(Entry e) {
    for (Entry& old : fields) {
      if (old.field == e.field) {
        old = std::move(e);
        return;
      }
    }
    fields.push_back(std::move(e));
  }
};

struct BuildDraft {
  BuildRecipe recipe;
  Layer layer;
};

struct DependsDraft {
  ast::Path path;
  Span span;           // the reference
  bool ready = false;  // `ready(REF)`: start once it accepts connections
  Span call;           // `ready(REF)` as written
};

struct Draft {
  OrderedMap<Entry> fields;  // "replicas", "scale.max", "env.LOG_LEVEL", "labels.team"
  OrderedMap<PortDraft> ports;
  OrderedMap<NamedDraft> named;  // by "KIND NAME": "volume data", "scratch cache"
  std::optional<BuildDraft> build;
  std::vector<DependsDraft> depends;
  bool incomplete = false;  // a base could not be applied: "missing" checks would only echo that
};

}  // namespace svcc::sema
