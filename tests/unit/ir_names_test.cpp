#include <gtest/gtest.h>

#include "ir/names.h"

namespace svcc::ir {
namespace {

TEST(IrNames, DnsLabel) {
  for (const char* ok : {"a", "my-service", "redis-cart", "x1", "1x"}) EXPECT_TRUE(isDnsLabel(ok)) << ok;
  for (const char* bad : {"", "-a", "a-", "My-Service", "a_b", "a.b", "caf\xc3\xa9"})
    EXPECT_FALSE(isDnsLabel(bad)) << bad;
  EXPECT_TRUE(isDnsLabel(std::string(63, 'a')));
  EXPECT_FALSE(isDnsLabel(std::string(64, 'a')));
}

TEST(IrNames, PortName) {
  for (const char* ok : {"http", "grpc", "metrics-9100", "a1"}) EXPECT_TRUE(isPortName(ok)) << ok;
  for (const char* bad : {"8080", "a--b", "averyverylongport", "Http"}) EXPECT_FALSE(isPortName(bad)) << bad;
}

TEST(IrNames, SubdomainLabelKeysAndValues) {
  EXPECT_TRUE(isDnsSubdomain("catalog-db"));
  EXPECT_TRUE(isDnsSubdomain("a.b.example.com"));
  EXPECT_FALSE(isDnsSubdomain("a..b"));
  EXPECT_FALSE(isDnsSubdomain("a."));
  for (const char* ok : {"app", "team", "app.kubernetes.io/name", "example.com/Note_1"})
    EXPECT_TRUE(isLabelKey(ok)) << ok;
  for (const char* bad : {"", "/name", "Example.com/x", "a/b/c", "-x", "x/"}) EXPECT_FALSE(isLabelKey(bad)) << bad;
  for (const char* ok : {"", "1.4.2", "commerce", "My_Value"}) EXPECT_TRUE(isLabelValue(ok)) << ok;
  for (const char* bad : {"1.4.2+build", " x", "a b", "-x", "yes!"}) EXPECT_FALSE(isLabelValue(bad)) << bad;
}

}  // namespace
}  // namespace svcc::ir
