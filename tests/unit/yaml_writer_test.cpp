#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <memory>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "backends/yaml/yaml_writer.h"
#include "yaml_cases.h"

namespace svcc {
namespace {

using testing::randomString;
using testing::resolvesToNonString;
using testing::trickyScalars;

// A generated document: the tree we write and expect back.
struct Value {
  enum Kind { Scalar, Map, Seq } kind = Scalar;
  std::string text;
  std::vector<std::pair<std::string, std::unique_ptr<Value>>> entries;  // Map
  std::vector<std::unique_ptr<Value>> items;                            // Seq
};

void write(yaml::Writer& w, const Value& v) {
  switch (v.kind) {
    case Value::Scalar:
      w.str(v.text);
      break;
    case Value::Map:
      w.beginMap();
      for (const auto& [k, child] : v.entries) {
        w.key(k);
        write(w, *child);
      }
      w.endMap();
      break;
    case Value::Seq:
      w.beginSeq();
      for (const auto& child : v.items) write(w, *child);
      w.endSeq();
      break;
  }
}

std::string toYaml(const Value& v) {
  std::string out;
  yaml::Writer w(out);
  write(w, v);
  return out;
}

// Compares scalar by scalar; a plain scalar must also not be one YAML would type.
::testing::AssertionResult sameTree(const Value& expected, const YAML::Node& actual, const std::string& path) {
  switch (expected.kind) {
    case Value::Scalar: {
      if (!actual.IsScalar()) return ::testing::AssertionFailure() << path << ": expected a scalar";
      if (actual.Scalar() != expected.text)
        return ::testing::AssertionFailure()
               << path << ": expected [" << expected.text << "], read [" << actual.Scalar() << "]";
      if (actual.Tag() == "?" && resolvesToNonString(expected.text))
        return ::testing::AssertionFailure()
               << path << ": [" << expected.text << "] was written plain but is not a string";
      return ::testing::AssertionSuccess();
    }
    case Value::Map: {
      if (!actual.IsMap() || actual.size() != expected.entries.size())
        return ::testing::AssertionFailure() << path << ": expected a map of " << expected.entries.size();
      auto it = actual.begin();
      for (const auto& [k, child] : expected.entries) {
        if (it->first.Scalar() != k || (it->first.Tag() == "?" && resolvesToNonString(k)))
          return ::testing::AssertionFailure()
                 << path << ": expected key [" << k << "], read [" << it->first.Scalar() << "]";
        auto r = sameTree(*child, it->second, path + "/" + k);
        if (!r) return r;
        ++it;
      }
      return ::testing::AssertionSuccess();
    }
    case Value::Seq: {
      if (!actual.IsSequence() || actual.size() != expected.items.size())
        return ::testing::AssertionFailure() << path << ": expected a sequence of " << expected.items.size();
      for (size_t i = 0; i < expected.items.size(); ++i) {
        auto r = sameTree(*expected.items[i], actual[i], path + "/" + std::to_string(i));
        if (!r) return r;
      }
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure();
}

::testing::AssertionResult roundTrips(const Value& v) {
  std::string text = toYaml(v);
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return ::testing::AssertionFailure() << "yaml-cpp cannot read:\n" << text << "\n" << e.what();
  }
  auto r = sameTree(v, node, "");
  if (!r) r << "\nin:\n" << text;
  return r;
}

std::unique_ptr<Value> scalar(std::string text) {
  auto v = std::make_unique<Value>();
  v->text = std::move(text);
  return v;
}

TEST(YamlQuoting, EveryTrickyScalarRoundTripsAsValueKeyAndItem) {
  for (const std::string& s : trickyScalars()) {
    Value map;
    map.kind = Value::Map;
    map.entries.emplace_back("k", scalar(s));
    EXPECT_TRUE(roundTrips(map)) << "value [" << s << "]";
    Value key;
    key.kind = Value::Map;
    key.entries.emplace_back(s, scalar("v"));
    EXPECT_TRUE(roundTrips(key)) << "key [" << s << "]";
    Value seq;
    seq.kind = Value::Seq;
    seq.items.push_back(scalar(s));
    EXPECT_TRUE(roundTrips(seq)) << "item [" << s << "]";
  }
}

TEST(YamlQuoting, MisreadableScalarsAreQuoted) {
  for (const std::string& s : trickyScalars()) {
    if (resolvesToNonString(s)) {
      EXPECT_TRUE(yaml::needsQuotes(s)) << "[" << s << "]";
    }
  }
  for (const char* s : {"yes", "NO", "on", "Off", "~",    "null", "",   "1.0", "0755",       "1e3",
                        ".5",  "+1", " a", "a ",  "a: b", "a #b", "-a", "<<",  "2001-12-14", "x\ny"})
    EXPECT_TRUE(yaml::needsQuotes(s)) << "[" << s << "]";
}

TEST(YamlQuoting, OrdinaryScalarsStayPlain) {
  for (const char* s :
       {"svcc", "500m", "128Mi", "apps/v1", "ghcr.io/acme/cart:1.4.2", "app.kubernetes.io/name", "http://catalog:80",
        "a#b", "h\xc3\xa9llo", "RuntimeDefault", "yesterday", "nothing", "one two"})
    EXPECT_FALSE(yaml::needsQuotes(s)) << "[" << s << "]";
}

TEST(YamlWriter, BlockStyleLayout) {
  std::string out;
  yaml::Writer w(out);
  w.comment("Generated. Do not edit.");
  w.beginMap();
  w.pair("apiVersion", "v1");
  w.key("items");
  w.beginSeq();
  w.beginMap();
  w.pair("name", "a");
  w.pair("port", 80);
  w.endMap();
  w.str("plain");
  w.beginSeq();
  w.integer(1);
  w.integer(2);
  w.endSeq();
  w.beginMap();
  w.endMap();
  w.endSeq();
  w.key("empty");
  w.beginSeq();
  w.endSeq();
  w.key("nested");
  w.beginMap();
  w.pair("on", true);
  w.key("none");
  w.beginMap();
  w.endMap();
  w.endMap();
  w.endMap();
  w.documentStart();
  w.beginMap();
  w.pair("second", "doc");
  w.endMap();
  EXPECT_EQ(out,
            "# Generated. Do not edit.\n"
            "apiVersion: v1\n"
            "items:\n"
            "  - name: a\n"
            "    port: 80\n"
            "  - plain\n"
            "  - - 1\n"
            "    - 2\n"
            "  - {}\n"
            "empty: []\n"
            "nested:\n"
            "  \"on\": true\n"
            "  none: {}\n"
            "---\n"
            "second: doc\n");
}

std::unique_ptr<Value> randomValue(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth <= 0 ? 0 : 2);
  std::uniform_int_distribution<size_t> size(0, 4);
  auto v = std::make_unique<Value>();
  switch (kind(rng)) {
    case 0:
      v->text = randomString(rng);
      break;
    case 1: {
      v->kind = Value::Map;
      std::vector<std::string> keys;
      for (size_t n = size(rng); n > 0; --n) {
        std::string k = randomString(rng);
        if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
        keys.push_back(k);
        v->entries.emplace_back(k, randomValue(rng, depth - 1));
      }
      break;
    }
    default:
      v->kind = Value::Seq;
      for (size_t n = size(rng); n > 0; --n) v->items.push_back(randomValue(rng, depth - 1));
  }
  return v;
}

TEST(YamlProperty, RandomStringsRoundTrip) {
  std::mt19937 rng(20261126);
  for (int i = 0; i < 20000; ++i) {
    Value doc;
    doc.kind = Value::Map;
    std::string s = randomString(rng);
    doc.entries.emplace_back("v", scalar(s));
    if (s != "v") doc.entries.emplace_back(s, scalar("k"));
    ASSERT_TRUE(roundTrips(doc)) << "case " << i;
  }
}

TEST(YamlProperty, RandomDocumentsRoundTrip) {
  std::mt19937 rng(42);
  for (int i = 0; i < 3000; ++i) {
    std::unique_ptr<Value> doc = randomValue(rng, 4);
    ASSERT_TRUE(roundTrips(*doc)) << "case " << i;
  }
}

}  // namespace
}  // namespace svcc
