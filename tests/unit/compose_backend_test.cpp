#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "backends/compose/compose.h"
#include "backends/compose/healthcheck.h"
#include "backends/kubernetes/kubernetes.h"
#include "ir_docker_examples.h"

namespace svcc {
namespace {

YAML::Node composeOf(const ir::App& app, const std::string& example) {
  OutputSet files = compose::emitCompose(app, testing::examplePaths(example));
  EXPECT_EQ(files.size(), 1u);
  return YAML::Load(files["compose.yaml"]);
}

std::string str(const YAML::Node& n) { return n.as<std::string>(); }

TEST(ComposeShop, ReferencesUseTheContainerPortUnlikeKubernetes) {
  ir::App app = testing::shopApp();
  YAML::Node env = composeOf(app, "shop")["services"]["frontend"]["environment"];
  EXPECT_EQ(str(env["CART_ADDR"]), "cart:7070");
  EXPECT_EQ(str(env["CATALOG_URL"]), "http://catalog:9090");
  EXPECT_EQ(str(env["LOG_LEVEL"]), "info");
  // The same reference in Kubernetes goes through the Service port.
  YAML::Node k8s = YAML::Load(k8s::emitManifests(app)["k8s/frontend/deployment.yaml"]);
  for (const auto& e : k8s["spec"]["template"]["spec"]["containers"][0]["env"])
    if (str(e["name"]) == "CATALOG_URL") {
      EXPECT_EQ(str(e["value"]), "http://catalog:80");
    }
  EXPECT_EQ(str(composeOf(app, "shop")["services"]["catalog"]["environment"]["DB_HOST"]), "postgres");
}

TEST(ComposeShop, AddressThroughARemappedPortReachesTheContainer) {
  ir::App app = testing::shopApp();
  for (ir::Service& s : app.services) {
    if (s.name == "cart") s.ports[0].service_port = 80;
    if (s.name == "frontend")
      for (ir::EnvVar& v : s.env)
        if (v.name == "CART_ADDR") v.reference.service_port = 80;
  }
  EXPECT_EQ(str(composeOf(app, "shop")["services"]["frontend"]["environment"]["CART_ADDR"]), "cart:7070");
}

TEST(ComposeShop, SecretsAreNeverWrittenOnlyAskedFor) {
  OutputSet files = compose::emitCompose(testing::shopApp(), testing::examplePaths("shop"));
  YAML::Node doc = YAML::Load(files["compose.yaml"]);
  EXPECT_EQ(str(doc["services"]["frontend"]["environment"]["SESSION_KEY"]),
            "${SVCC_SECRET_FRONTEND_SECRETS_SESSION_KEY:?set SVCC_SECRET_FRONTEND_SECRETS_SESSION_KEY "
            "(secret frontend-secrets, key session-key) in .env beside compose.yaml}");
  EXPECT_EQ(str(doc["services"]["catalog"]["environment"]["DB_PASSWORD"]).substr(0, 37),
            "${SVCC_SECRET_CATALOG_DB_PASSWORD:?se");
  EXPECT_FALSE(doc["secrets"]);
}

TEST(ComposeShop, DependsOnWaitsForHealthWhereThereIsAHealthCheck) {
  YAML::Node services = composeOf(testing::shopApp(), "shop")["services"];
  // cart's image is assumed to have bash; catalog runs on distroless, which has no
  // tool to probe with, so its dependents can only wait for it to start.
  EXPECT_EQ(str(services["frontend"]["depends_on"]["cart"]["condition"]), "service_healthy");
  EXPECT_EQ(str(services["frontend"]["depends_on"]["catalog"]["condition"]), "service_started");
  EXPECT_EQ(str(services["cart"]["depends_on"]["redis"]["condition"]), "service_healthy");
  EXPECT_EQ(str(services["catalog"]["depends_on"]["postgres"]["condition"]), "service_healthy");
  EXPECT_FALSE(services["catalog"]["healthcheck"]);
  EXPECT_FALSE(services["redis"]["depends_on"]);
}

TEST(ComposeShop, HealthchecksProbeTheContainerPort) {
  YAML::Node services = composeOf(testing::shopApp(), "shop")["services"];
  YAML::Node redis = services["redis"]["healthcheck"];
  EXPECT_EQ(redis["test"].as<std::vector<std::string>>(),
            (std::vector<std::string>{"CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/6379"}));
  EXPECT_EQ(str(redis["interval"]), "10s");
  EXPECT_EQ(str(redis["start_period"]), "5s");
  EXPECT_EQ(redis["retries"].as<int>(), 3);
  std::vector<std::string> frontend = services["frontend"]["healthcheck"]["test"].as<std::vector<std::string>>();
  ASSERT_EQ(frontend.size(), 4u);
  // `$` doubled: compose would otherwise interpolate `$status` itself.
  EXPECT_EQ(frontend[3],
            "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET %s HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' "
            "'/healthz' >&3 && read -r status <&3 && [[ $$status == HTTP/*' '[23]* ]]");
  EXPECT_FALSE(services["frontend"]["healthcheck"]["start_period"]);
}

TEST(ComposeShop, BuildsImagesPortsVolumesAndDefaults) {
  YAML::Node doc = composeOf(testing::shopApp(), "shop");
  YAML::Node frontend = doc["services"]["frontend"];
  EXPECT_EQ(str(frontend["image"]), "ghcr.io/acme/frontend:1.4.2");
  EXPECT_EQ(str(frontend["build"]["context"]), "../../examples/shop/frontend");
  EXPECT_EQ(str(frontend["build"]["dockerfile"]), "../../../out/shop/docker/frontend/Dockerfile");
  EXPECT_FALSE(frontend["command"]);
  EXPECT_EQ(str(frontend["user"]), "10001");
  ASSERT_EQ(frontend["ports"].size(), 1u);
  EXPECT_EQ(frontend["ports"][0]["target"].as<int>(), 8080);
  EXPECT_EQ(frontend["ports"][0]["published"].as<int>(), 8080);
  EXPECT_EQ(str(frontend["ports"][0]["host_ip"]), "127.0.0.1");
  // Only entry points are published: everything else is reached inside the network.
  for (const char* name : {"cart", "catalog", "postgres", "redis"}) EXPECT_FALSE(doc["services"][name]["ports"]) << name;
  EXPECT_TRUE(frontend["read_only"].as<bool>());
  EXPECT_EQ(frontend["cap_drop"][0].as<std::string>(), "ALL");
  EXPECT_EQ(str(doc["services"]["redis"]["volumes"][0]["source"]), "redis-data");
  EXPECT_EQ(str(doc["services"]["redis"]["volumes"][0]["target"]), "/data");
  EXPECT_TRUE(doc["volumes"]["redis-data"].IsMap());
  EXPECT_TRUE(doc["volumes"]["postgres-data"].IsMap());
  EXPECT_FALSE(doc["services"]["cart"]["build"]);
}

TEST(ComposeSeed, EntryPointIsPublishedAndBuilt) {
  OutputSet files = compose::emitCompose(testing::seedApp(), testing::examplePaths("seed"));
  EXPECT_EQ(files["compose.yaml"], R"(# Generated by svcc from my-service.svc. Do not edit.
services:
  my-service:
    image: my-service:1.0.0
    build:
      context: "../../examples/seed"
      dockerfile: "../../out/seed/docker/my-service/Dockerfile"
    user: "10001"
    ports:
      - target: 8080
        published: 8080
        host_ip: "127.0.0.1"
        protocol: tcp
    read_only: true
    tmpfs:
      - /tmp
    cap_drop:
      - ALL
    security_opt:
      - no-new-privileges:true
)");
}

TEST(ComposeEdge, DollarsAreEscapedAndTakenHostPortsBecomeEphemeral) {
  ir::App app = testing::edgeApp();
  for (ir::Service& s : app.services) {
    if (s.name == "dns") s.env.push_back(testing::literalEnv("PRICE", "$5 or ${X}"));
    if (s.name == "worker") {
      s.command.push_back("$HOME");
      s.ports = {testing::port("metrics", ir::Protocol::Http, 9100, 9100)};
      s.dependencies.clear();
    }
  }
  app.services[0].dependencies.clear();
  YAML::Node services = composeOf(app, "edge")["services"];
  EXPECT_EQ(str(services["dns"]["environment"]["PRICE"]), "$$5 or $${X}");
  EXPECT_EQ(services["worker"]["command"].as<std::vector<std::string>>().back(), "$$HOME");
  // dns (first by name) takes host port 9100; worker's 9100 is left to Docker.
  EXPECT_EQ(services["dns"]["ports"][1]["published"].as<int>(), 9100);
  EXPECT_EQ(str(services["dns"]["ports"][0]["protocol"]), "udp");
  EXPECT_FALSE(services["worker"]["ports"][0]["published"]);
  // dns's health check is on its HTTP port, beside the UDP one.
  EXPECT_EQ(services["dns"]["healthcheck"]["test"][3].as<std::string>().substr(0, 31),
            "exec 3<>/dev/tcp/127.0.0.1/9100");
  EXPECT_EQ(services["dns"]["healthcheck"]["interval"].as<std::string>(), "2500ms");
}

TEST(ComposeHealth, ToolsFollowTheRunImage) {
  ir::App app = testing::runtimesApp();
  for (const ir::Service& s : app.services) {
    std::vector<std::string> test = compose::healthTest(s);
    if (s.name == "go") EXPECT_TRUE(test.empty());
    else if (s.name == "static")
      EXPECT_EQ(test, (std::vector<std::string>{"CMD", "wget", "-q", "-O", "/dev/null",
                                                "http://127.0.0.1:8080/healthz"}));
    else
      EXPECT_EQ(test[1], "bash") << s.name;
  }
  ir::Service udp = app.services[0];
  udp.ports = {testing::port("http", ir::Protocol::Udp, 80, 8080)};
  EXPECT_TRUE(compose::healthTest(udp).empty());
}

// The laptop runs what the cluster runs: same images, same users, and the health
// check and published ports on the container ports the pods declare.
TEST(ComposeConsistency, ImagesUsersAndPortsMatchKubernetes) {
  ir::App app = testing::shopApp();
  YAML::Node services = composeOf(app, "shop")["services"];
  OutputSet k8s = k8s::emitManifests(app);
  for (const ir::Service& s : app.services) {
    std::string kind = s.volumes.empty() ? "deployment" : "statefulset";
    YAML::Node pod = YAML::Load(k8s["k8s/" + s.name + "/" + kind + ".yaml"])["spec"]["template"]["spec"];
    EXPECT_EQ(str(services[s.name]["image"]), str(pod["containers"][0]["image"])) << s.name;
    EXPECT_EQ(str(services[s.name]["user"]), str(pod["securityContext"]["runAsUser"])) << s.name;
  }
  EXPECT_EQ(services["frontend"]["ports"][0]["target"].as<int>(),
            YAML::Load(k8s["k8s/frontend/deployment.yaml"])["spec"]["template"]["spec"]["containers"][0]["ports"][0]
                       ["containerPort"].as<int>());
  EXPECT_EQ(compose::emitCompose(app, testing::examplePaths("shop")),
            compose::emitCompose(testing::shopApp(), testing::examplePaths("shop")));
}

}  // namespace
}  // namespace svcc
