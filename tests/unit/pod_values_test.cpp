// The value rules sema takes from Kubernetes' pod and ingress validation (issue 11 item 1).
#include <gtest/gtest.h>

#include <string>

#include "sema/pod_values.h"

namespace svcc::sema {
namespace {

TEST(PodValues, IngressHostsAreLowerCaseDnsNamesWithAnOptionalLeadingWildcard) {
  for (const char* ok : {"", "shop.example.com", "*.example.com", "a-b.c", "localhost"}) {
    EXPECT_EQ(checkIngressHost(ok), std::nullopt) << ok;
  }
  for (const char* bad : {"Shop.example.com", "shop_1.example.com", "10.0.0.1", "::1", "shop.example.com:80", "*", "*.",
                          "a.*.com", "**.example.com", "-shop.com", "shop..com"}) {
    EXPECT_NE(checkIngressHost(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(checkIngressHost(std::string(63, 'a') + ".com"), std::nullopt);
  EXPECT_NE(checkIngressHost(std::string(64, 'a') + ".com"), std::nullopt);
}

TEST(PodValues, IngressPathsAreCleanAbsolutePaths) {
  for (const char* ok : {"/", "/api", "/api/", "/a.b/c..d"}) EXPECT_EQ(checkIngressPath(ok), std::nullopt) << ok;
  for (const char* bad : {"", "api", "//", "/a//b", "/a/./b", "/a/../b", "/a%2fb", "/a%2Fb", "/a/.", "/a/.."}) {
    EXPECT_NE(checkIngressPath(bad), std::nullopt) << bad;
  }
}

TEST(PodValues, MountPathsAreAbsoluteAndNotTheRoot) {
  for (const char* ok : {"/data", "/var/lib/data/", "/a/..b"}) EXPECT_EQ(checkMountPath(ok), std::nullopt) << ok;
  for (const char* bad : {"", "data", "/", "//", "/./", "/a/../b", "/a/..", "/a:b"}) {
    EXPECT_NE(checkMountPath(bad), std::nullopt) << bad;
  }
}

TEST(PodValues, MountPathsCompareAsTheContainerSeesThem) {
  EXPECT_EQ(normalMountPath("/data/"), "/data");
  EXPECT_EQ(normalMountPath("//data/./x//"), "/data/x");
  EXPECT_EQ(normalMountPath("/tmp"), "/tmp");
  EXPECT_EQ(normalMountPath("/"), "/");
  EXPECT_NE(normalMountPath("/data"), normalMountPath("/data2"));
}

}  // namespace
}  // namespace svcc::sema
