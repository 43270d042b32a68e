#include "backends/docker/build_paths.h"

#include <stdexcept>

namespace svcc::docker {

namespace {

namespace fs = std::filesystem;

void requireAbsolute(const BuildPaths& paths) {
  if (!paths.base_dir.is_absolute() || !paths.out_dir.is_absolute())
    throw std::logic_error("docker::BuildPaths needs absolute base_dir and out_dir");
}

fs::path contextDir(const BuildPaths& paths, const ir::BuildRecipe& recipe) {
  return (paths.base_dir / recipe.context).lexically_normal();
}

std::string relativePath(const fs::path& target, const fs::path& from) {
  std::string text = target.lexically_normal().lexically_relative(from.lexically_normal()).generic_string();
  if (text.empty()) return ".";
  if (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

std::string contextFrom(const BuildPaths& paths, const ir::BuildRecipe& recipe, std::string_view from) {
  requireAbsolute(paths);
  return relativePath(contextDir(paths, recipe), paths.out_dir / from);
}

std::string dockerfileFromContext(const BuildPaths& paths, const ir::Service& service) {
  requireAbsolute(paths);
  return relativePath(paths.out_dir / "docker" / service.name / "Dockerfile", contextDir(paths, *service.build));
}

std::string outInsideContext(const BuildPaths& paths, const ir::BuildRecipe& recipe) {
  requireAbsolute(paths);
  std::string text = relativePath(paths.out_dir, contextDir(paths, recipe));
  if (text == "." || text == ".." || text.starts_with("../")) return {};
  return text;
}

}  // namespace svcc::docker
