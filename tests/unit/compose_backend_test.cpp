#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <sstream>

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

// A service's `environment`, a list of NAME=value, as a map.
std::map<std::string, std::string> envOf(const YAML::Node& service) {
  std::map<std::string, std::string> out;
  EXPECT_TRUE(service["environment"].IsSequence());
  for (const YAML::Node& item : service["environment"]) {
    std::string entry = item.as<std::string>();
    size_t eq = entry.find('=');
    EXPECT_NE(eq, std::string::npos) << entry;
    out[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return out;
}

TEST(ComposeShop, ReferencesUseTheContainerPortUnlikeKubernetes) {
  ir::App app = testing::shopApp();
  std::map<std::string, std::string> env = envOf(composeOf(app, "shop")["services"]["frontend"]);
  EXPECT_EQ(env["CART_ADDR"], "cart:7070");
  EXPECT_EQ(env["CATALOG_URL"], "http://catalog:9090");
  EXPECT_EQ(env["LOG_LEVEL"], "info");
  // The same reference in Kubernetes goes through the Service port.
  YAML::Node k8s = YAML::Load(k8s::emitManifests(app)["k8s/frontend/deployment.yaml"]);
  for (const auto& e : k8s["spec"]["template"]["spec"]["containers"][0]["env"])
    if (str(e["name"]) == "CATALOG_URL") {
      EXPECT_EQ(str(e["value"]), "http://catalog:80");
    }
  EXPECT_EQ(envOf(composeOf(app, "shop")["services"]["catalog"])["DB_HOST"], "postgres");
}

TEST(ComposeShop, AddressThroughARemappedPortReachesTheContainer) {
  ir::App app = testing::shopApp();
  for (ir::Service& s : app.services) {
    if (s.name == "cart") s.ports[0].service_port = 80;
    if (s.name == "frontend")
      for (ir::EnvVar& v : s.env)
        if (v.name == "CART_ADDR") v.reference.service_port = 80;
  }
  EXPECT_EQ(envOf(composeOf(app, "shop")["services"]["frontend"])["CART_ADDR"], "cart:7070");
}

TEST(ComposeShop, SecretsAreNeverWrittenOnlyAskedFor) {
  OutputSet files = compose::emitCompose(testing::shopApp(), testing::examplePaths("shop"));
  YAML::Node doc = YAML::Load(files["compose.yaml"]);
  EXPECT_EQ(envOf(doc["services"]["frontend"])["SESSION_KEY"],
            "${SVCC_SECRET_FRONTEND_SECRETS__SESSION_KEY:?set SVCC_SECRET_FRONTEND_SECRETS__SESSION_KEY "
            "(secret frontend-secrets, key session-key) in .env beside compose.yaml}");
  EXPECT_EQ(envOf(doc["services"]["catalog"])["DB_PASSWORD"].substr(0, 38), "${SVCC_SECRET_CATALOG_DB__PASSWORD:?se");
  EXPECT_FALSE(doc["secrets"]);
}

TEST(ComposeShop, DependsOnWaitsForHealthWhereThereIsAHealthCheck) {
  YAML::Node services = composeOf(testing::shopApp(), "shop")["services"];
  // cart's image is stated to have nc; catalog runs on distroless, which has no tool to
  // probe with, so its dependents can only wait for it to start.
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
  // The short syntax: Debian's docker-compose 1.29 refuses the long form's `host_ip`.
  EXPECT_EQ(str(frontend["ports"][0]), "127.0.0.1:8080:8080/tcp");
  // Only entry points are published: everything else is reached inside the network.
  for (const char* name : {"cart", "catalog", "postgres", "redis"})
    EXPECT_FALSE(doc["services"][name]["ports"]) << name;
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
      - 127.0.0.1:8080:8080/tcp
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
  EXPECT_EQ(envOf(services["dns"])["PRICE"], "$$5 or $${X}");
  EXPECT_EQ(services["worker"]["command"].as<std::vector<std::string>>().back(), "$$HOME");
  // dns (first by name) takes host port 9100; worker's 9100 is left to Docker.
  EXPECT_EQ(str(services["dns"]["ports"][1]), "127.0.0.1:9100:9100/tcp");
  EXPECT_EQ(str(services["dns"]["ports"][0]), "127.0.0.1:5353:5353/udp");
  EXPECT_EQ(str(services["worker"]["ports"][0]), "127.0.0.1::9100/tcp");
  // dns's health check is on its HTTP port, beside the UDP one.
  EXPECT_EQ(services["dns"]["healthcheck"]["test"][3].as<std::string>().substr(0, 31),
            "exec 3<>/dev/tcp/127.0.0.1/9100");
  EXPECT_EQ(services["dns"]["healthcheck"]["interval"].as<std::string>(), "2500ms");
}

TEST(ComposeHealth, ToolsAreTheOnesEachRecipeStates) {
  ir::App app = testing::runtimesApp();
  for (const ir::Service& s : app.services) {
    std::vector<std::string> test = compose::healthTest(s);
    if (s.name == "go") EXPECT_TRUE(test.empty());
    else if (s.name == "static")
      EXPECT_EQ(test,
                (std::vector<std::string>{"CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"}));
    else EXPECT_EQ(test.at(1), "bash") << s.name;
  }
  ir::Service udp = app.services[0];
  udp.ports = {testing::port("http", ir::Protocol::Udp, 80, 8080)};
  EXPECT_TRUE(compose::healthTest(udp).empty());
}

// Issue 11 item 3: nothing is guessed from the image's name. An image whose tools nobody
// stated gets no check (the old guess put bash into it), whatever it is called, and so
// do a named stage's image and an Alpine one.
TEST(ComposeHealth, UnstatedToolsGiveNoCheckAndDependentsOnlyWaitForTheStart) {
  ir::App app = testing::runtimesApp();
  for (ir::Service& s : app.services) {
    s.image_tools.reset();
    EXPECT_TRUE(compose::healthTest(s).empty()) << s.name;
  }
  ir::Service plain = app.services[0];
  plain.build.reset();
  plain.image = "ghcr.io/acme/api:1.0.0";
  EXPECT_TRUE(compose::healthTest(plain).empty());
  ir::Service staged = app.services[0];
  staged.build->stages = {{"base", "alpine:3.20", {}}, {"", "base", {}}};
  EXPECT_TRUE(compose::healthTest(staged).empty());
  // ... and a service that waits for one of them does not wait for a check that never runs.
  ir::App shop = testing::shopApp();
  for (ir::Service& s : shop.services) s.image_tools.reset();
  YAML::Node services = composeOf(shop, "shop")["services"];
  for (const char* name : {"cart", "catalog", "frontend", "postgres", "redis"})
    EXPECT_FALSE(services[name]["healthcheck"]) << name;
  EXPECT_EQ(str(services["frontend"]["depends_on"]["cart"]["condition"]), "service_started");
  EXPECT_EQ(str(services["cart"]["depends_on"]["redis"]["condition"]), "service_started");
}

TEST(ComposeHealth, EachCheckUsesAToolTheImageHas) {
  ir::Service s = testing::runtimesApp().services[0];
  auto with = [&](std::vector<std::string> tools) {
    s.image_tools = std::move(tools);
    return compose::healthTest(s);
  };
  EXPECT_EQ(with({"bash", "curl", "wget"}),
            (std::vector<std::string>{"CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"}));
  EXPECT_EQ(with({"wget"}).at(1), "wget");
  EXPECT_EQ(with({"bash", "nc"}).at(1), "bash");  // nc cannot speak HTTP
  EXPECT_TRUE(with({"sh"}).empty());              // POSIX sh has no /dev/tcp
  EXPECT_TRUE(with({}).empty());
  s.health->kind = ir::Health::Kind::Tcp;
  EXPECT_EQ(with({"bash", "nc"}), (std::vector<std::string>{"CMD", "nc", "-z", "127.0.0.1", "8080"}));
  EXPECT_EQ(with({"bash"}), (std::vector<std::string>{"CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"}));
  EXPECT_TRUE(with({"curl", "wget", "sh"}).empty());
  s.health->kind = ir::Health::Kind::Grpc;
  EXPECT_EQ(with({"nc"}).at(1), "nc");
}

// Issue 13 item 3: the readiness probe's scheme, headers and exec command reach the check.
TEST(ComposeHealth, HttpsHeadersAndExecReachTheCheck) {
  ir::Service s = testing::runtimesApp().services[0];
  s.health->https = true;
  s.health->headers = {{"Host", "api.example.com"}, {"X-Probe", "it's $HOME"}};
  s.image_tools = std::vector<std::string>{"curl"};
  EXPECT_EQ(compose::healthTest(s),
            (std::vector<std::string>{"CMD", "curl", "-fsS", "-o", "/dev/null", "-k", "-H", "Host: api.example.com",
                                      "-H", "X-Probe: it's $HOME", "https://127.0.0.1:8080/healthz"}));
  s.image_tools = std::vector<std::string>{"wget"};
  EXPECT_EQ(compose::healthTest(s).at(5), "--no-check-certificate");
  s.image_tools = std::vector<std::string>{"bash"};
  EXPECT_TRUE(compose::healthTest(s).empty());  // bash's /dev/tcp cannot speak TLS
  s.health->https = false;
  std::vector<std::string> bash = compose::healthTest(s);
  ASSERT_EQ(bash.size(), 4u);
  // The header goes in as a printf argument, quoted for bash, never into the format.
  EXPECT_NE(bash[3].find("'X-Probe' 'it'\\''s $HOME'"), std::string::npos) << bash[3];
  s.health->kind = ir::Health::Kind::Exec;
  s.health->exec = {"pg_isready", "-q"};
  s.image_tools = std::vector<std::string>{};  // an exec check needs no tool of svcc's
  EXPECT_EQ(compose::healthTest(s), (std::vector<std::string>{"CMD", "pg_isready", "-q"}));
}

// Issue 11 item 9: `secret("db-prod", "password")` and `secret("db", "prod-password")`
// were both SVCC_SECRET_DB_PROD_PASSWORD, so one value served both.
TEST(ComposeSecrets, EverySecretHasItsOwnVariable) {
  ir::App app = testing::shopApp();
  ir::Service& frontend = *std::find_if(app.services.begin(), app.services.end(),
                                        [](const ir::Service& s) { return s.name == "frontend"; });
  std::vector<std::pair<std::string, std::string>> secrets = {
      {"db-prod", "password"}, {"db", "prod-password"}, {"db", "prod.password"},  {"db", "prod_password"},
      {"db", "PROD-PASSWORD"}, {"db", "Prod-Password"}, {"db-prod-", "password"}, {"db--prod", "password"},
      {"tls", "tls.crt"},      {"a", "b-c-d"},          {"a-b", "c-d"},           {"a-b-c", "d"}};
  frontend.env.clear();
  for (size_t i = 0; i < secrets.size(); ++i) {
    ir::EnvVar v;
    v.name = "S" + std::to_string(i);
    v.kind = ir::EnvVar::Kind::Secret;
    v.secret = {secrets[i].first, secrets[i].second};
    frontend.env.push_back(v);
  }
  std::map<std::string, std::string> env = envOf(composeOf(app, "shop")["services"]["frontend"]);
  std::map<std::string, std::string> owner;
  for (size_t i = 0; i < secrets.size(); ++i) {
    std::string value = env["S" + std::to_string(i)];
    ASSERT_EQ(value.rfind("${SVCC_SECRET_", 0), 0u) << value;
    std::string variable = value.substr(2, value.find(":?") - 2);
    EXPECT_EQ(variable.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"), std::string::npos) << variable;
    std::string who = secrets[i].first + "/" + secrets[i].second;
    auto [it, fresh] = owner.emplace(variable, who);
    EXPECT_TRUE(fresh) << variable << " serves both " << it->second << " and " << who;
  }
  EXPECT_EQ(env["S0"].substr(0, 33), "${SVCC_SECRET_DB_PROD__PASSWORD:?");
  EXPECT_EQ(env["S1"].substr(0, 33), "${SVCC_SECRET_DB__PROD_PASSWORD:?");
}

// Issue 11 item 9: a YAML implicit key is at most 1024 characters, so an env name longer
// than that as a map key made compose.yaml invalid. Names are list items now.
TEST(ComposeEnvironment, NamesLongerThanAYamlKeyStayValid) {
  ir::App app = testing::shopApp();
  std::string name = "L" + std::string(1500, 'O') + "NG";
  for (ir::Service& s : app.services)
    if (s.name == "cart") s.env.push_back(testing::literalEnv(name, "long"));
  std::string text = compose::emitCompose(app, testing::examplePaths("shop"))["compose.yaml"];
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line[start] == '-' || line[start] == '#') continue;
    EXPECT_LE(line.find(':'), 1024u + start) << line.substr(0, 80);
  }
  EXPECT_EQ(envOf(YAML::Load(text)["services"]["cart"])[name], "long");
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
  // "127.0.0.1:<host>:<container>/tcp": the container port the pod declares.
  int container_port =
      YAML::Load(
          k8s["k8s/frontend/deployment.yaml"])["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"]
          .as<int>();
  EXPECT_EQ(str(services["frontend"]["ports"][0]), "127.0.0.1:8080:" + std::to_string(container_port) + "/tcp");
  EXPECT_EQ(compose::emitCompose(app, testing::examplePaths("shop")),
            compose::emitCompose(testing::shopApp(), testing::examplePaths("shop")));
}

}  // namespace
}  // namespace svcc
