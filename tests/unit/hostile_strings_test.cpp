// One source string is one value (issue 11 item 4): a property test. Hostile strings go
// into every string position of a program that reaches a Dockerfile, a manifest or
// compose.yaml. svcc either refuses the program with a diagnostic (exit 1, nothing
// written) or compiles it; then each output is read back with its consumer's own rules
// and must hold exactly the source string:
// - YAML with yaml-cpp, and a plain scalar must not be one that YAML 1.1 (kubectl's
//   sigs.k8s.io/yaml, PyYAML in docker-compose 1.29) or 1.2 resolves to a bool, null,
//   number or timestamp (yaml_cases.h);
// - Kubernetes' `$(VAR)` expansion of env values, command and args (expand.go);
// - compose's interpolation of every value (`$$` is `$`, any other `$` substitutes or
//   is an error);
// - Dockerfiles as BuildKit's parser reads them (line continuation, comments, here-
//   documents, JSON forms, flags) and as its shell lexer reads COPY, WORKDIR and ENV.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app_dir_fixture.h"
#include "yaml_cases.h"

namespace svcc::test {
namespace {

using Text = std::optional<std::string>;  // nullopt: the consumer reads something else

const std::vector<std::string>& hostileStrings() {
  // NOLINTBEGIN(bugprone-suspicious-missing-comma): "a\xE2\x80\xA8" "b" ends a \x escape on purpose
  static const std::vector<std::string> strings = {
      "plain",
      "a\nb",
      "a\r\nb",
      "\n",
      "a\\",
      "\\",
      "a\\nb",
      "x \\",
      "<<EOF",
      "cat <<EOF",
      "cat <<-'END'",
      "'q'",
      "\"dq\"",
      "it's",
      "$HOME",
      "${HOME}",
      "$(id)",
      "$(V)",
      "$$",
      "$",
      "a$",
      "$1",
      "#c",
      "a #c",
      "---",
      "...",
      "\tx\t",
      " lead",
      "trail ",
      "a\xE2\x80\xA8"
      "b",
      "a\xC2\x85"
      "b",
      "\xEF\xBB\xBF"
      "bom",
      "--flag",
      "-- x",
      "[\"json\"]",
      "[x",
      "key: value",
      "- item",
      "? q",
      ": x",
      "&anchor",
      "*alias",
      "!tag",
      "%x",
      "@x",
      "`x`",
      "|",
      ">",
      "{a: b}",
      ",",
      "yes",
      "no",
      "on",
      "off",
      "y",
      "N",
      "null",
      "~",
      "true",
      "1e3",
      "0x1F",
      "0o17",
      "017",
      "1_000",
      "12:30",
      "2001-12-14",
      ".inf",
      ".NaN",
      "+1",
      "-1",
      "1.5",
      "=",
      "<<",
      "\x1B[31m",
      "\x7F",
      "caf\xC3\xA9 \xE6\x97\xA5",
      "a\tb",
      "a  b",
      "x: y # z",
  };
  // NOLINTEND(bugprone-suspicious-missing-comma)
  return strings;
}

// The svc literal for `text`: `"`, `\`, `$` and controls escaped.
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\' || c == '$') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) out += "\\u{" + std::to_string(c / 16) + "0123456789ABCDEF"[c % 16] + "}";
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

// ---- YAML ------------------------------------------------------------------------

Text yamlString(const YAML::Node& node) {
  if (!node || !node.IsScalar()) return std::nullopt;
  if (node.Tag() == "?" && testing::resolvesToNonString(node.Scalar())) return std::nullopt;
  return node.Scalar();
}

// ---- Kubernetes and compose expansion --------------------------------------------

// k8s.io/kubernetes third_party/forked/golang/expansion: `$$` is `$`, `$(NAME)` expands,
// any other `$` is itself. An expansion is marked, so it can never equal the source.
Text kubernetesExpanded(Text text) {
  if (!text) return std::nullopt;
  std::string out;
  const std::string& s = *text;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$' || i + 1 == s.size()) {
      out += s[i];
    } else if (s[i + 1] == '$') {
      out += '$', ++i;
    } else if (s[i + 1] == '(' && s.find(')', i + 2) != std::string::npos) {
      return std::nullopt;  // `$(NAME)`: Kubernetes substitutes (or keeps an unknown name)
    } else {
      out += '$';
    }
  }
  return out;
}

// compose-go template (and docker-compose 1.29): `$$` is `$`; `$NAME`, `${…}` substitute
// and any other `$` is an invalid template.
Text composeInterpolated(Text text) {
  if (!text) return std::nullopt;
  std::string out;
  const std::string& s = *text;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$') {
      out += s[i];
    } else if (i + 1 < s.size() && s[i + 1] == '$') {
      out += '$', ++i;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// ---- Dockerfile (moby/buildkit frontend/dockerfile/parser and shell/lex.go) ---------

struct Instruction {
  std::string keyword;  // upper case
  std::string rest;     // after the keyword, trimmed
};

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

// Words as BuildKit's heredoc detection sees them (quotes removed, whitespace splits).
std::vector<std::string> shellWords(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  char quote = 0;
  bool any = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (quote == '"' && c == '\\' && i + 1 < line.size()) word += line[++i];
      else word += c;
    } else if (c == ' ' || c == '\t') {
      if (any) words.push_back(word), word.clear(), any = false;
      continue;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
    } else {
      word += c;
    }
    any = true;
  }
  if (any) words.push_back(word);
  return words;
}

// The instructions of a Dockerfile; nullopt when a here-document or a parser error
// would make BuildKit read the lines otherwise.
std::optional<std::vector<Instruction>> parseDockerfile(const std::string& text) {
  std::vector<Instruction> out;
  std::istringstream in(text);
  std::string line, joined;
  bool continuing = false;
  static const std::regex kContinuation("\\\\[ \\t]*$");
  static const std::regex kHeredoc("^[0-9]*<<-?[^<]+$");
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string t = trim(line);
    if (t.starts_with('#') || (t.empty() && continuing)) continue;  // comments, also inside continuations
    if (t.empty()) continue;
    bool continues = std::regex_search(line, kContinuation);
    joined += continues ? std::regex_replace(line, kContinuation, "") : line;
    continuing = continues;
    if (continues) continue;
    std::string full = trim(joined);
    joined.clear();
    size_t space = full.find_first_of(" \t");
    Instruction ins{full.substr(0, space), space == std::string::npos ? "" : trim(full.substr(space))};
    for (char& c : ins.keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (ins.keyword == "RUN" || ins.keyword == "COPY" || ins.keyword == "ADD") {
      for (const std::string& w : shellWords(ins.rest))
        if (std::regex_match(w, kHeredoc)) return std::nullopt;
    }
    out.push_back(std::move(ins));
  }
  if (continuing) return std::nullopt;
  return out;
}

// shell/lex.go ProcessWord: quotes removed, `\` escapes, `$NAME` and `${…}` substituted
// (marked as a mismatch).
Text processWord(std::string_view s) {
  auto substitutes = [&](size_t i) {
    if (i + 1 >= s.size()) return false;
    unsigned char n = static_cast<unsigned char>(s[i + 1]);
    return n == '{' || std::isalnum(n) || n == '_' ||
           std::string_view("*#$@!?-").find(static_cast<char>(n)) != std::string_view::npos;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'') {
      size_t close = s.find('\'', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      out += s.substr(i + 1, close - i - 1);
      i = close;
    } else if (c == '"') {
      for (++i;; ++i) {
        if (i >= s.size()) return std::nullopt;
        if (s[i] == '"') break;
        if (s[i] == '\\' && i + 1 < s.size() && std::string_view("\"$\\").find(s[i + 1]) != std::string_view::npos)
          out += s[++i];
        else if (s[i] == '$' && substitutes(i)) return std::nullopt;
        else out += s[i];
      }
    } else if (c == '\\') {
      if (i + 1 < s.size()) out += s[++i];
    } else if (c == '$' && substitutes(i)) {
      return std::nullopt;
    } else {
      out += c;
    }
  }
  return out;
}

// parser.go parseWords (ENV key=value): splits at blanks outside quotes, keeps quotes.
std::vector<std::string> envWords(std::string_view rest) {
  std::vector<std::string> words;
  std::string word;
  char quote = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (!quote && (c == ' ' || c == '\t')) {
      if (!word.empty()) words.push_back(word), word.clear();
      continue;
    }
    if (c == '\\' && i + 1 < rest.size()) {
      word += c;
      word += rest[++i];
      continue;
    }
    if (!quote && (c == '"' || c == '\'')) quote = c;
    else if (c == quote) quote = 0;
    word += c;
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::optional<std::vector<std::string>> jsonStrings(const std::string& rest) {
  nlohmann::json j = nlohmann::json::parse(rest, nullptr, false);
  if (!j.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& e : j) {
    if (!e.is_string()) return std::nullopt;
    out.push_back(e.get<std::string>());
  }
  return out;
}

// COPY's sources and destination after the lexer; nullopt when a flag or a form differs.
std::optional<std::vector<std::string>> copyWords(const std::string& rest) {
  if (rest.starts_with("--")) return std::nullopt;
  std::optional<std::vector<std::string>> raw;
  if (rest.starts_with('[')) raw = jsonStrings(rest);
  if (!raw) {
    raw.emplace();
    std::istringstream words(rest);
    for (std::string w; words >> w;) raw->push_back(w);
  }
  std::vector<std::string> out;
  for (const std::string& w : *raw) {
    Text word = processWord(w);
    if (!word) return std::nullopt;
    out.push_back(*word);
  }
  return out;
}

// ---- The positions --------------------------------------------------------------------

struct Outputs {
  std::map<std::string, std::string> files;
  YAML::Node deployment(const std::string& service) const {
    auto it = files.find("k8s/" + service + "/deployment.yaml");
    return it == files.end() ? YAML::Node() : YAML::Load(it->second);
  }
  YAML::Node container(const std::string& service) const {
    return deployment(service)["spec"]["template"]["spec"]["containers"][0];
  }
  YAML::Node compose(const std::string& service) const {
    auto it = files.find("compose.yaml");
    return it == files.end() ? YAML::Node() : YAML::Load(it->second)["services"][service];
  }
  std::optional<std::vector<Instruction>> dockerfile() const {
    auto it = files.find("docker/b/Dockerfile");
    if (it == files.end()) return std::nullopt;
    return parseDockerfile(it->second);
  }
};

Text composeEnv(const YAML::Node& service, const std::string& name) {
  YAML::Node env = service["environment"];
  if (env.IsMap()) return composeInterpolated(yamlString(env[name]));
  if (!env.IsSequence()) return std::nullopt;
  for (const YAML::Node& entry : env) {
    Text text = composeInterpolated(yamlString(entry));
    if (text && text->starts_with(name + "=")) return text->substr(name.size() + 1);
  }
  return std::nullopt;
}

Text k8sEnv(const YAML::Node& container, const std::string& name) {
  for (const YAML::Node& entry : container["env"])
    if (entry["name"].as<std::string>("") == name) return kubernetesExpanded(yamlString(entry["value"]));
  return std::nullopt;
}

// The one instruction of `keyword` between FROM and USER, when the Dockerfile is exactly
// FROM, it, USER, EXPOSE, CMD.
std::optional<Instruction> onlyStep(const Outputs& o, const std::string& keyword) {
  auto instructions = o.dockerfile();
  if (!instructions) return std::nullopt;
  std::vector<std::string> keywords;
  for (const Instruction& i : *instructions) keywords.push_back(i.keyword);
  if (keywords != std::vector<std::string>{"FROM", keyword, "USER", "EXPOSE", "CMD"}) return std::nullopt;
  return (*instructions)[1];
}

// Path `index` (0 the source, 1 the destination) of the only COPY, when the other one
// reads back as `other` and there are exactly two.
Text copyPath(const Outputs& o, size_t index, const std::string& other) {
  auto step = onlyStep(o, "COPY");
  auto words = step ? copyWords(step->rest) : std::nullopt;
  if (!words || words->size() != 2 || (*words)[1 - index] != other) return std::nullopt;
  return (*words)[index];
}

struct Position {
  std::string name;
  bool must_accept;  // free text: svcc has no reason to refuse any of the strings
  std::function<std::string(const std::string&)> source;
  // Each reading of the value in the outputs, by consumer; all must equal `expected`.
  std::function<std::vector<std::pair<std::string, Text>>(const Outputs&)> read;
  std::function<std::string(const std::string&)> expected = [](const std::string& h) { return h; };
};

const std::string kImageService = "service a {\n  image = \"nginx:1.27\"\n  user = 101\n  port http = 8080\n";
std::string buildService(const std::string& step, const std::string& command = "[\"python\", \"app.py\"]") {
  return "service b {\n  build {\n    from \"python:3.12-slim\"\n" + step +
         "\n    user 10001\n  }\n"
         "  port http = 8080\n  command = " +
         command + "\n}\n";
}

std::vector<Position> positions() {
  return {
      {"env value", true, [](auto& h) { return kImageService + "  env { V = " + literal(h) + " }\n}\n"; },
       [](const Outputs& o) {
         return std::vector<std::pair<std::string, Text>>{{"kubernetes", k8sEnv(o.container("a"), "V")},
                                                          {"compose", composeEnv(o.compose("a"), "V")}};
       }},
      {"command", true, [](auto& h) { return kImageService + "  command = [" + literal(h) + ", \"x\"]\n}\n"; },
       [](const Outputs& o) {
         YAML::Node c = o.container("a");
         YAML::Node argv = c["command"] ? c["command"] : c["args"];
         return std::vector<std::pair<std::string, Text>>{
             {"kubernetes", kubernetesExpanded(yamlString(argv[0]))},
             {"compose", composeInterpolated(yamlString(o.compose("a")["command"][0]))}};
       }},
      {"annotation", true, [](auto& h) { return kImageService + "  annotations { note = " + literal(h) + " }\n}\n"; },
       [](const Outputs& o) {
         return std::vector<std::pair<std::string, Text>>{
             {"kubernetes", yamlString(o.deployment("a")["spec"]["template"]["metadata"]["annotations"]["note"])}};
       }},
      {"label value", false, [](auto& h) { return kImageService + "  labels { team = " + literal(h) + " }\n}\n"; },
       [](const Outputs& o) {
         // compose.yaml carries no labels (docs/outputs.md).
         return std::vector<std::pair<std::string, Text>>{
             {"kubernetes", yamlString(o.deployment("a")["metadata"]["labels"]["team"])},
             {"kubernetes pod", yamlString(o.deployment("a")["spec"]["template"]["metadata"]["labels"]["team"])}};
       }},
      {"health path", false,
       [](auto& h) {
         return kImageService + "  image_tools = [\"curl\"]\n  health { path = " + literal("/" + h) + " }\n}\n";
       },
       [](const Outputs& o) {
         Text url = composeInterpolated(yamlString(o.compose("a")["healthcheck"]["test"][5]));
         const std::string base = "http://127.0.0.1:8080";
         return std::vector<std::pair<std::string, Text>>{
             {"kubernetes", yamlString(o.container("a")["readinessProbe"]["httpGet"]["path"])},
             {"compose", url && url->starts_with(base) ? Text(url->substr(base.size())) : std::nullopt}};
       },
       [](const std::string& h) { return "/" + h; }},
      {"ingress path", false,
       [](auto& h) {
         return kImageService + "  ingress { host = \"a.example.com\"; path = " + literal("/" + h) +
                "; port = http }\n}\n";
       },
       [](const Outputs& o) {
         auto it = o.files.find("k8s/a/ingress.yaml");
         YAML::Node in = it == o.files.end() ? YAML::Node() : YAML::Load(it->second);
         return std::vector<std::pair<std::string, Text>>{
             {"kubernetes", yamlString(in["spec"]["rules"][0]["http"]["paths"][0]["path"])}};
       },
       [](const std::string& h) { return "/" + h; }},
      {"image tag", false,
       [](auto& h) {
         return "service a {\n  image = " + literal("nginx:" + h) + "\n  user = 101\n  port http = 8080\n}\n";
       },
       [](const Outputs& o) {
         return std::vector<std::pair<std::string, Text>>{
             {"kubernetes", yamlString(o.container("a")["image"])},
             {"compose", composeInterpolated(yamlString(o.compose("a")["image"]))}};
       },
       [](const std::string& h) { return "nginx:" + h; }},
      {"app version", false,
       [](auto& h) {
         return "app shop {\n  registry = \"r.io/acme\"\n  version = " + literal(h) + "\n}\n" + buildService("");
       },
       [](const Outputs& o) {
         return std::vector<std::pair<std::string, Text>>{
             {"kubernetes", yamlString(o.container("b")["image"])},
             {"compose", composeInterpolated(yamlString(o.compose("b")["image"]))}};
       },
       [](const std::string& h) { return "r.io/acme/b:" + h; }},
      {"volume mount", false,
       [](auto& h) { return kImageService + "  volume data { size = 1Gi; mount = " + literal("/m" + h) + " }\n}\n"; },
       [](const Outputs& o) {
         auto it = o.files.find("k8s/a/statefulset.yaml");
         YAML::Node set = it == o.files.end() ? YAML::Node() : YAML::Load(it->second);
         Text k8s, compose;
         for (const YAML::Node& m : set["spec"]["template"]["spec"]["containers"][0]["volumeMounts"])
           if (m["name"].as<std::string>("") == "data") k8s = yamlString(m["mountPath"]);
         for (const YAML::Node& v : o.compose("a")["volumes"])
           if (v.IsMap() && v["source"].as<std::string>("") == "a-data")
             compose = composeInterpolated(yamlString(v["target"]));
         return std::vector<std::pair<std::string, Text>>{{"kubernetes", k8s}, {"compose", compose}};
       },
       [](const std::string& h) { return "/m" + h; }},
      {"run", false, [](auto& h) { return buildService("    run " + literal(h)); },
       [](const Outputs& o) {
         auto step = onlyStep(o, "RUN");
         // Shell form: BuildKit runs the trimmed text with /bin/sh -c; a JSON array is exec form.
         bool exec = step && step->rest.starts_with('[') && jsonStrings(step->rest);
         return std::vector<std::pair<std::string, Text>>{
             {"dockerfile", step && !exec && !step->rest.starts_with("--") ? Text(step->rest) : std::nullopt}};
       },
       [](const std::string& h) { return trim(h); }},
      {"workdir", false, [](auto& h) { return buildService("    workdir " + literal("/w" + h)); },
       [](const Outputs& o) {
         auto step = onlyStep(o, "WORKDIR");
         return std::vector<std::pair<std::string, Text>>{
             {"dockerfile", step ? processWord(step->rest) : std::nullopt}};
       },
       [](const std::string& h) { return "/w" + h; }},
      {"copy source", false, [](auto& h) { return buildService("    copy " + literal(h) + " \"/d\""); },
       [](const Outputs& o) {
         return std::vector<std::pair<std::string, Text>>{{"dockerfile", copyPath(o, 0, "/d")}};
       }},
      {"copy destination", false, [](auto& h) { return buildService("    copy \"s\" " + literal("/d" + h)); },
       [](const Outputs& o) {
         return std::vector<std::pair<std::string, Text>>{{"dockerfile", copyPath(o, 1, "s")}};
       },
       [](const std::string& h) { return "/d" + h; }},
      {"build env", false, [](auto& h) { return buildService("    env V = " + literal(h)); },
       [](const Outputs& o) {
         auto step = onlyStep(o, "ENV");
         std::vector<std::string> words = step ? envWords(step->rest) : std::vector<std::string>{};
         Text value = words.size() == 1 && words[0].starts_with("V=") ? processWord(words[0].substr(2)) : std::nullopt;
         return std::vector<std::pair<std::string, Text>>{{"dockerfile", value}};
       }},
      {"image command", true, [](auto& h) { return buildService("", "[" + literal(h) + "]"); },
       [](const Outputs& o) {
         auto instructions = o.dockerfile();
         std::optional<std::vector<std::string>> argv;
         if (instructions && !instructions->empty() && instructions->back().keyword == "CMD")
           argv = jsonStrings(instructions->back().rest);
         return std::vector<std::pair<std::string, Text>>{
             {"dockerfile", argv && argv->size() == 1 ? Text((*argv)[0]) : std::nullopt}};
       }},
  };
}

class HostileStrings : public AppDir {
 protected:
  HostileStrings() : AppDir("svcc_hostile_strings") {}
};

TEST_F(HostileStrings, EveryOutputHoldsExactlyTheSourceStringOrSvccRefusesIt) {
  size_t accepted = 0, refused = 0;
  for (const Position& p : positions()) {
    for (const std::string& h : hostileStrings()) {
      SCOPED_TRACE(p.name + " = " + literal(h));
      std::filesystem::remove_all(dir_ / "app");
      std::filesystem::remove_all(dir_ / "out");
      std::string program = p.source(h);
      write("app/app.svc", program);
      ProcessResult r = svcc({"build", "app", "-o", "out"});
      if (r.exit_code == 1) {
        ++refused;
        EXPECT_FALSE(p.must_accept) << "refused free text:\n" << r.err;
        EXPECT_NE(r.err.find("error[E"), std::string::npos) << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir_ / "out")) << "a refused build wrote output";
        continue;
      }
      ASSERT_EQ(r.exit_code, 0) << program << r.err;
      ++accepted;
      Outputs o{tree(dir_ / "out", false)};
      for (const auto& [consumer, text] : p.read(o)) {
        EXPECT_EQ(text, Text(p.expected(h))) << consumer << " reads it otherwise\n" << program;
      }
    }
  }
  std::cout << "hostile strings: " << accepted << " programs compiled and read back exactly, " << refused
            << " refused with a diagnostic\n";
  EXPECT_GT(accepted, refused);
}

// NUL ends a command line, an environment variable or a path in every consumer, so no
// position can carry it: the literal itself is refused.
TEST_F(HostileStrings, NulIsRefusedInEveryPosition) {
  for (const Position& p : positions()) {
    SCOPED_TRACE(p.name);
    write("app/app.svc", p.source(std::string("a\0b", 3)));
    ProcessResult r = svcc({"build", "app", "-o", "out"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("error[E0105]"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
  }
}

// The readers must catch what they are there to catch, or the property proves nothing.
TEST(HostileStringReaders, SeeWhatEachConsumerWouldDo) {
  EXPECT_EQ(parseDockerfile("FROM x\nRUN a \\\nUSER 0\n")->size(), 2u);   // continuation
  EXPECT_FALSE(parseDockerfile("FROM x\nRUN cat <<EOF\nUSER 0\nEOF\n"));  // here-document
  EXPECT_EQ(processWord("/my \"app\""), Text("/my app"));
  EXPECT_EQ(processWord("\\$x"), Text("$x"));
  EXPECT_FALSE(processWord("$x"));
  EXPECT_FALSE(processWord("\"${x}\""));
  EXPECT_FALSE(copyWords("[\"a'b\", \"/d\"]"));  // an unclosed quote to the lexer
  EXPECT_EQ(copyWords("[\"a\\\\'b\", \"/d\"]"), (std::vector<std::string>{"a'b", "/d"}));
  EXPECT_EQ(copyWords(R"(["a \\\"b\\\"", "/d"])"), (std::vector<std::string>{"a \"b\"", "/d"}));
  EXPECT_EQ(copyWords(R"(["a \"b\"", "/d"])"), (std::vector<std::string>{"a b", "/d"}));  // quotes removed
  EXPECT_EQ(kubernetesExpanded(Text("$$(x) $(y")), Text("$(x) $(y"));
  EXPECT_FALSE(kubernetesExpanded(Text("$(x)")));
  EXPECT_FALSE(composeInterpolated(Text("$x")));
  EXPECT_FALSE(composeInterpolated(Text("a $")));
  EXPECT_EQ(composeInterpolated(Text("$$x")), Text("$x"));
  EXPECT_FALSE(yamlString(YAML::Load("yes")));
  EXPECT_EQ(yamlString(YAML::Load("\"yes\"")), Text("yes"));
}

}  // namespace
}  // namespace svcc::test
