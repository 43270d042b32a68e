#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "parse_test_util.h"

namespace svcc::testing {
namespace {

std::string readFile(const std::string& relative) {
  std::ifstream in(std::string(SVCC_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ParseExamples, ShopParsesCleanly) {
  Parsed p = parseText(readFile("examples/shop/shop.svc"));
  EXPECT_EQ(p.errors(), "");
  EXPECT_EQ(p.file.decls.size(), 11u);
  if (getenv("SVCC_SHOW")) std::cout << p.dump();
}

TEST(ParseExamples, SeedParsesCleanly) {
  Parsed p = parseText(readFile("examples/seed/my-service.svc"));
  EXPECT_EQ(p.errors(), "");
  EXPECT_EQ(p.file.decls.size(), 1u);
}

}  // namespace
}  // namespace svcc::testing
