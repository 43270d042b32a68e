#include "backends/docker/dockerfile.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "backends/docker/build_paths.h"
#include "backends/header_comment.h"

namespace svcc::docker {

namespace {

using Kind = ir::BuildStep::Kind;

void requireOneLine(std::string_view text) {
  for (char c : text)
    if (c == '\n' || c == '\r') throw std::logic_error("a build step holds a line break; lowering must reject it");
}

// Dockerfile variable substitution applies to COPY, ENV, WORKDIR and USER: a literal
// `$` must be escaped there.
std::string escapeDollar(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '$') out += '\\';
    out += c;
  }
  return out;
}

std::string jsonString(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string jsonArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += jsonString(items[i]);
  }
  return out + "]";
}

// A COPY path in JSON form is still one word of Docker's shell lexer, which removes
// quotes and substitutes `$`: each is escaped with `\` (lowering refuses backslashes).
std::string escapeWord(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '$' || c == '"' || c == '\'') out += '\\';
    out += c;
  }
  return out;
}

bool needsJsonForm(std::string_view path) {
  return path.empty() || path.front() == '[' || path.find_first_of(" \t\"'\\") != std::string_view::npos;
}

std::string copyArguments(const ir::BuildStep& step) {
  requireOneLine(step.src);
  requireOneLine(step.dst);
  if (needsJsonForm(step.src) || needsJsonForm(step.dst))
    return jsonArray({escapeWord(step.src), escapeWord(step.dst)});
  return escapeDollar(step.src) + " " + escapeDollar(step.dst);
}

std::string envValue(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\' || c == '$') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string instruction(const ir::BuildStep& step) {
  switch (step.kind) {
    case Kind::Workdir:
      requireOneLine(step.value);
      return "WORKDIR " + escapeDollar(step.value);
    case Kind::Copy:
      return "COPY " + copyArguments(step);
    case Kind::CopyFrom:
      return "COPY --from=" + step.stage + " " + copyArguments(step);
    case Kind::Run:
      requireOneLine(step.value);
      return "RUN " + step.value;
    case Kind::Env:
      requireOneLine(step.value);
      return "ENV " + step.name + "=" + envValue(step.value);
    case Kind::User:
      requireOneLine(step.value);
      return "USER " + escapeDollar(step.value);
  }
  return {};
}

const ir::BuildStep* lastUserStep(const ir::BuildStage& stage) {
  const ir::BuildStep* last = nullptr;
  for (const ir::BuildStep& step : stage.steps)
    if (step.kind == Kind::User) last = &step;
  return last;
}

std::string exposeArguments(const std::vector<ir::Port>& ports) {
  std::vector<std::pair<uint32_t, bool>> numbers;
  numbers.reserve(ports.size());
  for (const ir::Port& p : ports) numbers.emplace_back(p.container_port, p.protocol == ir::Protocol::Udp);
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  std::string out;
  for (const auto& [number, udp] : numbers) {
    if (!out.empty()) out += ' ';
    out += std::to_string(number);
    if (udp) out += "/udp";
  }
  return out;
}

bool anyBaseStartsWith(const ir::BuildRecipe& recipe, std::string_view prefix) {
  return std::any_of(recipe.stages.begin(), recipe.stages.end(),
                     [&](const ir::BuildStage& s) { return s.from.starts_with(prefix); });
}

}  // namespace

std::optional<std::string> userProblem(const ir::Service& s) {
  if (!s.build || s.optedOut(ir::OptOut::RunAsNonRoot)) return std::nullopt;
  const ir::BuildRecipe& recipe = *s.build;
  if (!recipe.user) return "the image of `" + s.name + "` has no numeric `user`, so it would run as root";
  if (*recipe.user == 0) return "the image of `" + s.name + "` runs as root (`user 0`)";
  if (s.user && *s.user != *recipe.user)
    return "the image of `" + s.name + "` runs as " + std::to_string(*recipe.user) + " but its pods as " +
           std::to_string(*s.user);
  const ir::BuildStep* last = recipe.stages.empty() ? nullptr : lastUserStep(recipe.stages.back());
  if (last && last->value != std::to_string(*recipe.user))
    return "the last `user` step of `" + s.name + "` is `" + last->value + "`, not " + std::to_string(*recipe.user);
  return std::nullopt;
}

std::string renderDockerfile(const ir::Service& s) {
  if (!s.build || s.build->stages.empty())
    throw std::logic_error("renderDockerfile: service `" + s.name + "` has no build recipe");
  if (auto problem = userProblem(s)) throw std::logic_error("renderDockerfile: " + *problem);
  const ir::BuildRecipe& recipe = *s.build;
  std::string out = generatedHeader(s.source.path);
  std::vector<std::string_view> earlier;
  for (const ir::BuildStage& stage : recipe.stages) {
    requireOneLine(stage.from);
    out += "FROM " + stage.from;
    if (!stage.name.empty()) out += " AS " + stage.name;
    out += '\n';
    for (const ir::BuildStep& step : stage.steps) {
      // Docker would read an unknown stage name as an image to pull.
      if (step.kind == Kind::CopyFrom && std::find(earlier.begin(), earlier.end(), step.stage) == earlier.end())
        throw std::logic_error("renderDockerfile: `" + s.name + "` copies from `" + step.stage +
                               "`, which is not an earlier stage");
      out += instruction(step) + '\n';
    }
    if (!stage.name.empty()) earlier.push_back(stage.name);
  }
  if (recipe.user && !lastUserStep(recipe.stages.back())) out += "USER " + std::to_string(*recipe.user) + '\n';
  if (!s.ports.empty()) out += "EXPOSE " + exposeArguments(s.ports) + '\n';
  // The image carries its stop signal: Kubernetes has no field for it.
  if (!s.options().stop_signal.empty()) out += "STOPSIGNAL " + s.options().stop_signal + '\n';
  if (!s.command.empty()) out += "CMD " + jsonArray(s.command) + '\n';
  return out;
}

std::string renderDockerignore(const ir::Service& s, std::string_view out_inside_context) {
  std::string out = generatedHeader(s.source.path);
  out +=
      ".git\n.gitignore\n.hg\n.svn\n**/.DS_Store\n**/*.swp\n**/*~\n.idea\n.vscode\n"
      "**/.env\n**/.env.*\nDockerfile\nDockerfile.dockerignore\n.dockerignore\n";
  if (!s.build) return out;
  const ir::BuildRecipe& recipe = *s.build;
  if (anyBaseStartsWith(recipe, "python:")) out += "**/__pycache__\n**/*.py[cod]\n.venv\n.pytest_cache\n.mypy_cache\n";
  if (anyBaseStartsWith(recipe, "node:")) out += "node_modules\nnpm-debug.log*\n";
  if (anyBaseStartsWith(recipe, "maven:")) out += "target\n";
  if (!out_inside_context.empty()) out += std::string(out_inside_context) + "\n";
  return out;
}

}  // namespace svcc::docker
