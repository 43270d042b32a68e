// The field registry (compiler/sema/fields.def, issue 12 item 1): every field must reach
// the IR in an `--emit ir` golden case, have its line in docs/language.md and, for a
// service's own fields, its output form in docs/outputs.md; and a field a source sets
// that no reader looks at is an internal error (exit 3), not a silent drop.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include <nlohmann/json.hpp>

#include "app_dir_fixture.h"
#include "sema/schema.h"

namespace svcc {
namespace {

namespace fs = std::filesystem;
using test::slurp;
const fs::path kRepoDir = SVCC_SOURCE_DIR;

// NOLINTNEXTLINE(bugprone-exception-escape): clang-tidy 14 misreads the implicit moves of nlohmann::json
struct IrCase {
  std::string source;  // every .svc of the case
  nlohmann::json ir;
};

std::vector<IrCase> irCases() {
  std::vector<IrCase> cases;
  fs::path dir = kRepoDir / "tests/golden/ir";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".out") continue;
    fs::path input = e.path();
    input.replace_extension(".svc");
    IrCase c;
    if (fs::is_regular_file(input)) {
      c.source = slurp(input);
    } else {
      input.replace_extension("");
      for (const auto& f : fs::recursive_directory_iterator(input))
        if (f.path().extension() == ".svc") c.source += slurp(f.path());
    }
    std::string out = slurp(e.path());
    if (!out.starts_with("exit: 0\n")) continue;
    // The IR is stdout, up to its closing brace; warnings (stderr) may follow.
    size_t end = out.find("\n}\n");
    c.ir = nlohmann::json::parse(out.substr(8, end == std::string::npos ? std::string::npos : end + 2 - 8), nullptr,
                                 false);
    if (c.ir.is_discarded()) ADD_FAILURE() << e.path() << " holds no IR";
    cases.push_back(std::move(c));
  }
  return cases;
}

bool shows(const nlohmann::json& object, std::string_view pointer) {
  nlohmann::json::json_pointer p{std::string(pointer)};
  if (!object.contains(p)) return false;
  const nlohmann::json& v = object.at(p);
  return !v.is_null() && !((v.is_array() || v.is_object() || v.is_string()) && v.empty());
}

TEST(FieldRegistry, EveryFieldReachesTheIrInAGoldenCase) {
  std::vector<IrCase> cases = irCases();
  ASSERT_FALSE(cases.empty());
  std::string missing;
  for (const sema::FieldSpec& f : sema::allFields()) {
    std::regex written("\\b" + std::string(f.name) + "\\b");
    bool found = false;
    for (const IrCase& c : cases) {
      if (!std::regex_search(c.source, written)) continue;
      if (f.ir.starts_with("/app/")) {
        found = found || shows(c.ir["app"], f.ir.substr(4));
      } else {
        for (const nlohmann::json& s : c.ir["services"]) found = found || shows(s, f.ir);
      }
    }
    if (!found) missing += " " + std::string(sema::draftKey(f.id)) + " (" + std::string(f.ir) + ")";
  }
  EXPECT_EQ(missing, "") << "fields no tests/golden/ir case sets and shows at their IR pointer:" << missing;
}

// The row of the language reference's tables whose first cell names `name`.
std::string rowNaming(const std::string& docs, std::string_view name) {
  std::istringstream lines(docs);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| ")) continue;
    std::string first = line.substr(0, line.find(" |", 2));
    if (first.find("`" + std::string(name)) != std::string::npos) return first;
  }
  return "";
}

TEST(FieldRegistry, EveryFieldIsInTheLanguageReference) {
  std::string docs = slurp(kRepoDir / "docs/language.md");
  std::string app_line = docs.substr(docs.find("`app {"), docs.find('\n', docs.find("`app {")) - docs.find("`app {"));
  std::string missing;
  for (const sema::FieldSpec& f : sema::allFields()) {
    std::string where;
    switch (f.parent) {
      case sema::BlockId::Service:
        where = rowNaming(docs, f.name);
        break;
      case sema::BlockId::App:
        where = app_line;
        break;
      case sema::BlockId::Volume:
        where = rowNaming(docs, "volume");
        break;
      case sema::BlockId::PortBody:
        where = rowNaming(docs, "port");
        break;
      default:
        for (const sema::FieldSpec& holder : sema::allFields())
          if (holder.child == f.parent) where = rowNaming(docs, holder.name);
    }
    if (!std::regex_search(where, std::regex("\\b" + std::string(f.name) + "\\b")))
      missing += " " + std::string(sema::draftKey(f.id));
  }
  EXPECT_EQ(missing, "") << "fields docs/language.md does not list (the schema table, or the `app { … }` line):"
                         << missing;
}

TEST(FieldRegistry, EveryServiceFieldHasItsOutputsInTheDocs) {
  std::string docs = slurp(kRepoDir / "docs/outputs.md");
  std::string missing;
  for (const sema::FieldSpec& f : sema::fieldsOf(nullptr))
    if (docs.find("`" + std::string(f.name)) == std::string::npos) missing += " " + std::string(f.name);
  EXPECT_EQ(missing, "") << "service fields docs/outputs.md never names:" << missing;
}

TEST(FieldRegistry, DraftKeysNameTheBlockAField) {
  EXPECT_EQ(sema::draftKey(sema::FieldId::ScaleMin), "scale.min");
  EXPECT_EQ(sema::draftKey(sema::FieldId::TerminationGrace), "termination_grace");
  EXPECT_EQ(sema::draftKey(sema::FieldId::RunAsNonRoot), "security.run_as_non_root");
  EXPECT_EQ(sema::findField(nullptr, "scale")->children.size(), 4u);
  EXPECT_EQ(sema::findField(&sema::volumeSpec(), "mount")->id, sema::FieldId::VolumeMount);
  EXPECT_EQ(sema::findField(nullptr, "nope"), nullptr);
}

class UnreadField : public test::AppDir {
 protected:
  UnreadField() : AppDir("svcc_unread_field") {}
  void TearDown() override {
    unsetenv("SVCC_TEST_FORGET_READ");
    AppDir::TearDown();
  }
};

// A registry row whose reader was never written: the hook makes the finisher forget one
// read, as if `termination_grace` had only its row.
TEST_F(UnreadField, IsAnInternalErrorNotASilentDrop) {
  write("app/c.svc", "service c {\n  image = \"nginx:1.27\"\n  user = 101\n  termination_grace = 20s\n}\n");
  test::ProcessResult ok = svcc({"build", "app", "--stdout"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("terminationGracePeriodSeconds: 20"), std::string::npos) << ok.out;
  setenv("SVCC_TEST_FORGET_READ", "termination_grace", 1);
  test::ProcessResult r = svcc({"check", "app"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("internal error: field `termination_grace` of service `c` is set but no phase reads it"),
            std::string::npos)
      << r.err;
}

// The same for a named block's field: `volume data { size = … }` read by no one.
TEST_F(UnreadField, CoversTheFieldsOfNamedBlocks) {
  write("app/c.svc",
        "service c {\n  image = \"nginx:1.27\"\n  user = 101\n"
        "  volume data {\n    size = 1Gi\n    mount = \"/data\"\n  }\n}\n");
  ASSERT_EQ(svcc({"check", "app"}).exit_code, 0);
  setenv("SVCC_TEST_FORGET_READ", "volume.size", 1);
  test::ProcessResult r = svcc({"check", "app"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("field `volume data.size` of service `c` is set but no phase reads it"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace svcc
