// Tests: conformance input. Writes DIR/corpus.yaml with svcc's YAML writer and
// DIR/corpus.json with the strings it must read back as, for check-yaml-corpus.mjs
// to compare under a second parser in both YAML 1.1 and YAML 1.2.
#include <cstdio>
#include <fstream>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "backends/yaml/yaml_writer.h"
#include "yaml_cases.h"

// NOLINTNEXTLINE(bugprone-exception-escape): a throw (json's dump of bad UTF-8) ends the writer and fails its ctest
int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  std::vector<std::string> strings = svcc::testing::trickyScalars();
  std::mt19937 rng(1126);
  for (int i = 0; i < 5000; ++i) strings.push_back(svcc::testing::randomString(rng));

  std::string yaml;
  svcc::yaml::Writer w(yaml);
  nlohmann::ordered_json expected;
  w.beginMap();
  w.key("items");
  w.beginSeq();
  expected["items"] = nlohmann::json::array();
  for (const std::string& s : strings) {
    w.str(s);
    expected["items"].push_back(s);
  }
  w.endSeq();
  w.key("keys");
  w.beginMap();
  expected["keys"] = nlohmann::json::object();
  std::set<std::string> seen;
  for (const std::string& s : strings) {
    if (!seen.insert(s).second) continue;
    std::string value = std::to_string(seen.size());
    w.key(s).str(value);
    expected["keys"][s] = value;
  }
  w.endMap();
  w.endMap();

  std::ofstream(std::string(argv[1]) + "/corpus.yaml", std::ios::binary) << yaml;
  std::ofstream(std::string(argv[1]) + "/corpus.json", std::ios::binary) << expected.dump(1) << "\n";
  return 0;
}
