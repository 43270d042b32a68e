#include "sema/context_root.h"

#include <filesystem>

namespace svcc::sema {

namespace {

// `s`: a service, or an init or sidecar container that builds its own image.
void checkContext(const Service& s, const SourceManager& sources, const AppRoot& root, Diagnostics& diags) {
  if (!s.context || s.file == kNoFile) return;
  // As lowering resolves it: relative to the folder of the file declaring the service.
  std::filesystem::path dir = std::filesystem::path(sources.file(s.file).path).parent_path();
  if (root.holds(dir / s.context->value)) return;
  diags
      .report(Code::W0011, s.context->span,
              "the build context of `" + s.name + "` is outside the app's root folder `" + root.shown() + "`")
      .label("Docker sends this whole folder to the builder")
      .withHelp(
          "check that this is the folder you mean; naming the `.svc` files of a folder that holds it moves "
          "the root there");
}

}  // namespace

void checkContextsInsideRoot(const Model& model, const SourceManager& sources, const AppRoot& root,
                             Diagnostics& diags) {
  for (const Service& s : model.services) {
    checkContext(s, sources, root, diags);
    for (const Container& c : s.options().containers) checkContext(*c.body, sources, root, diags);
  }
}

}  // namespace svcc::sema
