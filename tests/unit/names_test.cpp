#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sema/names.h"

namespace svcc::sema {
namespace {

using std::nullopt;

TEST(Names, Rfc1123LabelAccepts) {
  for (const char* s : {"a", "cart", "redis-cart", "web2", "0day", "a-b-c", "x9"})
    EXPECT_EQ(checkRfc1123Label(s), nullopt) << s;
  EXPECT_EQ(checkRfc1123Label(std::string(63, 'a')), nullopt);
}

TEST(Names, Rfc1123LabelReasons) {
  EXPECT_EQ(checkRfc1123Label(""), "is empty");
  EXPECT_EQ(checkRfc1123Label("Cart"), "contains an uppercase letter `C`");
  EXPECT_EQ(checkRfc1123Label("my_service"), "contains `_` (use `-` instead of `_`)");
  EXPECT_EQ(checkRfc1123Label("a.b"), "contains `.`");
  EXPECT_EQ(checkRfc1123Label("a b"), "contains a space");
  EXPECT_EQ(checkRfc1123Label("caf\xc3\xa9"), "contains a non-ASCII character");
  EXPECT_EQ(checkRfc1123Label("-cart"), "must start with a letter or digit");
  EXPECT_EQ(checkRfc1123Label("cart-"), "must end with a letter or digit");
  EXPECT_EQ(checkRfc1123Label(std::string(70, 'a')), "longer than 63 characters (70)");
  EXPECT_EQ(checkRfc1123Label(std::string(64, 'a')), "longer than 63 characters (64)");
}

TEST(Names, Rfc1035LabelNeedsALetterFirst) {
  EXPECT_EQ(checkRfc1035Label("cart"), nullopt);
  EXPECT_EQ(checkRfc1035Label("0day"), "must start with a letter");
  EXPECT_EQ(checkRfc1035Label("-x"), "must start with a letter");
  EXPECT_EQ(checkRfc1035Label("x-"), "must end with a letter or digit");
}

TEST(Names, Rfc1123Subdomain) {
  for (const char* s : {"a", "catalog-db", "frontend-secrets", "a.b.c", "tls.example.com", "1.2"})
    EXPECT_EQ(checkRfc1123Subdomain(s), nullopt) << s;
  EXPECT_EQ(checkRfc1123Subdomain(std::string(253, 'a')), nullopt);
  EXPECT_EQ(checkRfc1123Subdomain(""), "is empty");
  EXPECT_EQ(checkRfc1123Subdomain("Db"), "contains an uppercase letter `D`");
  EXPECT_EQ(checkRfc1123Subdomain("db_pass"), "contains `_` (use `-` instead of `_`)");
  EXPECT_EQ(checkRfc1123Subdomain(".a"), "must start with a letter or digit");
  EXPECT_EQ(checkRfc1123Subdomain("a."), "must end with a letter or digit");
  EXPECT_EQ(checkRfc1123Subdomain("a..b"), "contains `..`");
  EXPECT_EQ(checkRfc1123Subdomain("a-.b"), "each part between dots must start and end with a letter or digit");
  EXPECT_EQ(checkRfc1123Subdomain("a.-b"), "each part between dots must start and end with a letter or digit");
  EXPECT_EQ(checkRfc1123Subdomain(std::string(254, 'a')), "longer than 253 characters (254)");
}

TEST(Names, IanaServiceName) {
  for (const char* s : {"http", "grpc", "tcp", "metrics-9090", "a", "h2c", "x-1"})
    EXPECT_EQ(checkIanaServiceName(s), nullopt) << s;
  EXPECT_EQ(checkIanaServiceName("abcdefghijklmno"), nullopt);
  EXPECT_EQ(checkIanaServiceName(""), "is empty");
  EXPECT_EQ(checkIanaServiceName("abcdefghijklmnop"), "longer than 15 characters (16)");
  EXPECT_EQ(checkIanaServiceName("Http"), "contains an uppercase letter `H`");
  EXPECT_EQ(checkIanaServiceName("http_alt"), "contains `_` (use `-` instead of `_`)");
  EXPECT_EQ(checkIanaServiceName("-http"), "must not start with `-`");
  EXPECT_EQ(checkIanaServiceName("http-"), "must not end with `-`");
  EXPECT_EQ(checkIanaServiceName("http--alt"), "must not contain `--`");
  EXPECT_EQ(checkIanaServiceName("8080"), "must contain at least one letter");
  EXPECT_EQ(checkIanaServiceName("80-80"), "must contain at least one letter");
}

TEST(Names, EnvVarName) {
  for (const char* s : {"A", "_", "LOG_LEVEL", "CART_ADDR", "lower_ok", "_X1"})
    EXPECT_EQ(checkEnvVarName(s), nullopt) << s;
  EXPECT_EQ(checkEnvVarName(""), "is empty");
  EXPECT_EQ(checkEnvVarName("1ABC"), "must start with a letter or `_`");
  EXPECT_EQ(checkEnvVarName("LOG-LEVEL"), "contains `-` (use `_`)");
  EXPECT_EQ(checkEnvVarName("A.B"), "contains `.` (use `_`)");
  EXPECT_EQ(checkEnvVarName("A=B"), "contains `=`");
  EXPECT_EQ(checkEnvVarName("A B"), "contains a space");
}

TEST(Names, SecretKey) {
  for (const char* s : {"password", "session-key", "tls.crt", "A_B", ".hidden", "a..b"})
    EXPECT_EQ(checkSecretKey(s), nullopt) << s;
  EXPECT_EQ(checkSecretKey(std::string(253, 'k')), nullopt);
  EXPECT_EQ(checkSecretKey(""), "is empty");
  EXPECT_EQ(checkSecretKey("a/b"), "contains `/`");
  EXPECT_EQ(checkSecretKey("."), "must not be `.`");
  EXPECT_EQ(checkSecretKey(".."), "must not be `..`");
  EXPECT_EQ(checkSecretKey("..a"), "must not start with `..`");
  EXPECT_EQ(checkSecretKey(std::string(254, 'k')), "longer than 253 characters (254)");
}

const std::string kSha = "sha256:" + std::string(64, 'a');

TEST(Names, ImageReferencesAccepted) {
  for (const std::string& s :
       {std::string("redis"), std::string("redis:7.2"), std::string("library/redis:7.2-alpine"),
        std::string("ghcr.io/acme/cart:1.4.2"), std::string("localhost:5000/app"), std::string("localhost/app:v1"),
        std::string("registry.example.com:443/a/b/c:tag"), std::string("gcr.io/distroless/static-debian12:nonroot"),
        std::string("nginxinc/nginx-unprivileged:1.27-alpine"), std::string("a__b/c.d/e-f/g--h:_x"),
        std::string("redis@") + kSha, std::string("redis:7@") + kSha, std::string("[::1]:5000/app:1"),
        std::string("Registry.Example.COM/app"), std::string("my-registry/app"), std::string("postgres:16"),
        std::string("eclipse-temurin:21-jre"), std::string("redis:7/2")})
    EXPECT_EQ(checkImageReference(s), nullopt) << s;
  EXPECT_EQ(checkImageReference("app:" + std::string(128, 't')), nullopt);
}

TEST(Names, ImageReferenceReasons) {
  EXPECT_EQ(checkImageReference(""), "is empty");
  EXPECT_EQ(checkImageReference("Redis"), "repository `Redis` contains an uppercase letter `R`");
  EXPECT_EQ(checkImageReference("ghcr.io/Acme/cart"), "repository `Acme` contains an uppercase letter `A`");
  EXPECT_EQ(checkImageReference("redis:"), "has `:` but no tag after it");
  EXPECT_EQ(checkImageReference("redis:.7"), "tag `.7` must start with a letter, digit or `_`");
  EXPECT_EQ(checkImageReference("app:" + std::string(129, 't')), "tag is longer than 128 characters (129)");
  EXPECT_EQ(checkImageReference("a//b"), "has an empty path component");
  EXPECT_EQ(checkImageReference("app/"), "has an empty path component");
  EXPECT_EQ(checkImageReference("ghcr.io/"), "has no repository name");
  EXPECT_EQ(checkImageReference("-app"), "repository `-app` must start with a letter or digit");
  EXPECT_EQ(checkImageReference("app-"), "repository `app-` must end with a letter or digit");
  EXPECT_EQ(checkImageReference("a..b"), "repository `a..b` has the separator `..` (use `.`, `_`, `__` or `-`)");
  EXPECT_EQ(checkImageReference("a___b"), "repository `a___b` has the separator `___` (use `.`, `_`, `__` or `-`)");
  EXPECT_EQ(checkImageReference("a._b"), "repository `a._b` has the separator `._` (use `.`, `_`, `__` or `-`)");
  EXPECT_EQ(checkImageReference("my app"), "repository `my app` contains a space");
  EXPECT_EQ(checkImageReference("host:port/app"), "registry port `port` is not a number");
  EXPECT_EQ(checkImageReference("ho_st.io/app"), "registry `ho_st.io` contains `_`");
  EXPECT_EQ(checkImageReference("-host.io/app"), "registry `-host.io` has a part that starts or ends with `-`");
  EXPECT_EQ(checkImageReference("a..io/app"), "registry `a..io` has an empty part");
  EXPECT_EQ(checkImageReference("redis@sha256:abc"), "a sha256 digest has 64 hex digits, this one has 3");
  EXPECT_EQ(checkImageReference("redis@sha256:" + std::string(64, 'g')),
            "digest `sha256:" + std::string(64, 'g') + "` is not hexadecimal");
  EXPECT_EQ(checkImageReference("redis@md5:" + std::string(31, 'a')),
            "digest `md5:" + std::string(31, 'a') + "` is shorter than 32 hex digits");
  EXPECT_EQ(checkImageReference("redis@" + std::string(64, 'a')),
            "digest `" + std::string(64, 'a') + "` has no algorithm (write `sha256:HEX`)");
  EXPECT_EQ(checkImageReference("redis@1sha:" + std::string(64, 'a')), "digest algorithm `1sha` is malformed");
  EXPECT_EQ(checkImageReference("redis@sha+:" + std::string(64, 'a')), "digest algorithm `sha+` is malformed");
  EXPECT_EQ(checkImageReference(std::string(256, 'a')), "name is longer than 255 characters (256)");
}

TEST(Names, ParseImageReferenceParts) {
  auto ref = parseImageReference("ghcr.io/acme/cart:1.4.2");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->registry, "ghcr.io");
  EXPECT_EQ(ref->repository, "acme/cart");
  EXPECT_EQ(ref->tag, "1.4.2");
  EXPECT_EQ(ref->digest, "");

  ref = parseImageReference("localhost:5000/app@" + kSha);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->registry, "localhost:5000");
  EXPECT_EQ(ref->repository, "app");
  EXPECT_EQ(ref->tag, "");
  EXPECT_EQ(ref->digest, kSha);

  ref = parseImageReference("redis");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->registry, "");
  EXPECT_EQ(ref->repository, "redis");
  EXPECT_EQ(ref->tag, "");

  ref = parseImageReference("bitnami/redis:7.2");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->registry, "");
  EXPECT_EQ(ref->repository, "bitnami/redis");
  EXPECT_EQ(ref->tag, "7.2");

  ref = parseImageReference("localhost:5000");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->repository, "localhost");
  EXPECT_EQ(ref->tag, "5000");

  EXPECT_FALSE(parseImageReference("Bad"));
}

TEST(Names, EditDistance) {
  EXPECT_EQ(editDistance("", ""), 0u);
  EXPECT_EQ(editDistance("abc", ""), 3u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(editDistance("ab", "ba"), 1u);
  EXPECT_EQ(editDistance("paymnets", "payments"), 1u);
  EXPECT_EQ(editDistance("ca", "abc"), 3u);  // optimal string alignment, not full Damerau
  EXPECT_EQ(editDistance("replica", "replicas"), 1u);
}

std::optional<std::string> nearest(std::string_view wanted, std::vector<std::string_view> names) {
  return nearestName(wanted, names);
}

TEST(Names, NearestName) {
  EXPECT_EQ(nearest("paymnets", {"cart", "payments", "catalog"}), "payments");
  EXPECT_EQ(nearest("replica", {"replicas", "resources"}), "replicas");
  EXPECT_EQ(nearest("carts", {"cart", "catalog"}), "cart");
  EXPECT_EQ(nearest("xyz", {"cart", "catalog"}), nullopt);
  EXPECT_EQ(nearest("ab", {"xy"}), nullopt);
  EXPECT_EQ(nearest("a", {"b"}), "b");  // threshold is at least 1
  EXPECT_EQ(nearest("cart", {}), nullopt);
  EXPECT_EQ(nearest("cart", {"cart"}), nullopt);
  EXPECT_EQ(nearest("imgae", {"image"}), "image");
  EXPECT_EQ(nearest("healht", {"health", "labels"}), "health");
  // threshold max(1, len/3): six letters allow 2 edits, not 3
  EXPECT_EQ(nearest("abcdef", {"abcxyf"}), "abcxyf");
  EXPECT_EQ(nearest("abcdef", {"axcxyf"}), nullopt);
}

TEST(Names, NearestNameTiesGoToTheSmallestName) {
  EXPECT_EQ(nearest("cat", {"hat", "bat", "cut"}), "bat");
  EXPECT_EQ(nearest("cat", {"cut", "bat", "hat"}), "bat");
  EXPECT_EQ(nearest("redis", {"redis2", "redis1"}), "redis1");
  EXPECT_EQ(nearest("redis", {"rediss", "redis1", "xredis"}), "redis1");
}

}  // namespace
}  // namespace svcc::sema
