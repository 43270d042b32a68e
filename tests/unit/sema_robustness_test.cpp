// Sema on every golden input, including the trees the parser recovered from syntax
// errors (which `svcc check` never hands to sema): whatever the tree, no crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse/parse.h"
#include "pipeline/imports.h"
#include "sema/sema.h"

namespace svcc::sema {
namespace {

namespace fs = std::filesystem;

TEST(SemaRobustness, EveryGoldenInputChecksWithoutCrashing) {
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(SVCC_SOURCE_DIR) / "tests" / "golden")) {
    if (entry.path().extension() != ".svc") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    SourceManager sources;
    Diagnostics diags;
    FileId id = sources.add(entry.path().filename().string(), text.str());
    std::vector<ast::File> files;
    files.push_back(parseFile(sources.file(id), diags));
    Program program = svcc::loadProgram(std::move(files), {}, sources, diags);
    Model model = check(program, SemaOptions{}, sources, diags);
    EXPECT_LE(model.start_order.size(), model.services.size()) << entry.path();
    ++checked;
  }
  EXPECT_GT(checked, 50u);
}

}  // namespace
}  // namespace svcc::sema
