// The hand-written fast parser against the ANTLR path, which grammar/Svc.g4 specifies:
// on every file we have and on thousands of seeded mutants of the valid ones, a file
// ANTLR parses without a diagnostic must be accepted by the fast path with an identical
// tree (every field, every span, the comments), and a file ANTLR reports anything on
// must be refused, so that ANTLR's diagnostics are the only ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <unistd.h>

#include "parse/fast_parser.h"
#include "parse/parse_stats.h"
#include "parse_test_util.h"

namespace svcc::testing {
namespace {

namespace fs = std::filesystem;

// Every field of the tree, spans as byte offsets: ast::dump leaves some out (keywords,
// part spans, body spans), and a difference anywhere is a fast-path bug.
class FullDump {
 public:
  std::string file(const ast::File& f) {
    put("file", f.file);
    for (const ast::Decl& d : f.decls) std::visit([&](const auto& x) { decl(x); }, d);
    for (const ast::Comment& c : f.comments) {
      span("comment", c.span);
      put("block", c.block);
    }
    return std::move(out_);
  }

 private:
  void put(std::string_view key, const auto& value) { out_ += fmt::format("{}={}\n", key, value); }
  void span(std::string_view key, const Span& s) { out_ += fmt::format("{}@{}:{}-{}\n", key, s.file, s.begin, s.end); }
  void ident(std::string_view key, const ast::Ident& i) {
    put(key, i.text);
    span(key, i.span);
  }
  void path(const ast::Path& p) {
    put("path", p.size());
    for (const ast::Ident& i : p) ident("elem", i);
  }
  void block(const ast::Block& b) {
    put("block", b.present);
    span("block", b.span);
    put("stmts", b.stmts.size());
    for (const ast::Stmt& s : b.stmts) stmt(s);
  }
  void bases(const std::vector<ast::BaseRef>& list) {
    put("bases", list.size());
    for (const ast::BaseRef& b : list) {
      span("base", b.span);
      path(b.path);
      put("parens", b.has_parens);
      args(b.args);
    }
  }
  void args(const std::vector<ast::Arg>& list) {
    put("args", list.size());
    for (const ast::Arg& a : list) {
      span("arg", a.span);
      put("named", a.name.has_value());
      if (a.name) ident("name", *a.name);
      expr(a.value);
    }
  }
  void type(const ast::TypeRef& t) {
    put("type", static_cast<int>(t.kind));
    span("type", t.span);
    ident("name", t.name);
    put("elems", t.elems.size());
    for (const ast::TypeRef& e : t.elems) type(e);
  }
  void expr(const ast::Expr& e) {
    put("expr", static_cast<int>(e.kind));
    span("expr", e.span);
    put("text", e.text);
    put("has unit", e.unit.has_value());
    if (e.unit) put("unit", *e.unit);
    put("bool", e.bool_value);
    put("parts", e.parts.size());
    for (const ast::StringPart& p : e.parts) {
      put("interp", p.is_interpolation);
      put("text", p.text);
      path(p.ref);
      span("part", p.span);
    }
    put("items", e.items.size());
    for (const ast::Expr& i : e.items) expr(i);
    path(e.path);
    put("has args", e.args.has_value());
    if (e.args) args(*e.args);
  }
  void stmt(const ast::Stmt& s) {
    put("stmt", static_cast<int>(s.kind));
    span("stmt", s.span);
    put("keyword", s.keyword.has_value());
    if (s.keyword) ident("keyword", *s.keyword);
    path(s.path);
    expr(s.value);
    put("target", s.target.has_value());
    if (s.target) expr(*s.target);
    put("has refs", s.refs.has_value());
    if (s.refs) {
      put("refs", s.refs->size());
      for (const ast::Expr& r : *s.refs) expr(r);
    }
    block(s.body);
    put("has steps", s.steps.has_value());
    if (s.steps) steps(*s.steps);
  }
  void steps(const std::vector<ast::BuildStep>& list) {
    put("steps", list.size());
    for (const ast::BuildStep& s : list) {
      put("step", static_cast<int>(s.kind));
      span("step", s.span);
      ident("keyword", s.keyword);
      put("named", s.name.has_value());
      if (s.name) ident("name", *s.name);
      put("args", s.args.size());
      for (const ast::Expr& a : s.args) expr(a);
      steps(s.steps);
      span("body", s.body_span);
    }
  }
  void decl(const ast::Import& d) {
    span("import", d.span);
    put("is_path", d.is_path);
    path(d.module);
    put("path", d.path);
    span("path", d.path_span);
  }
  void decl(const ast::App& d) {
    span("app", d.span);
    ident("name", d.name);
    block(d.body);
  }
  void decl(const ast::Let& d) {
    span("let", d.span);
    ident("name", d.name);
    expr(d.value);
  }
  void decl(const ast::Template& d) {
    span("template", d.span);
    ident("name", d.name);
    put("params", d.params.size());
    for (const ast::Param& p : d.params) {
      span("param", p.span);
      ident("name", p.name);
      type(p.type);
      put("default", p.default_value.has_value());
      if (p.default_value) expr(*p.default_value);
    }
    bases(d.bases);
    block(d.body);
  }
  void decl(const ast::Service& d) {
    span("service", d.span);
    ident("name", d.name);
    bases(d.bases);
    block(d.body);
  }
  void decl(const ast::Profile& d) {
    span("profile", d.span);
    ident("name", d.name);
    block(d.body);
  }

  std::string out_;
};

std::string fullDump(const ast::File& f) { return FullDump().file(f); }

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The first line where two dumps differ, for a failure message that can be read.
std::string firstDifference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  for (size_t line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(sa, la));
    bool more_b = static_cast<bool>(std::getline(sb, lb));
    if (!more_a && !more_b) return "no difference";
    if (la != lb || more_a != more_b) return fmt::format("dump line {}: antlr `{}`, fast `{}`", line, la, lb);
  }
}

struct Outcome {
  bool antlr_clean = false;
  bool fast_accepted = false;
  bool agree = false;
  std::string why;
};

// The property, on one text. With `check_auto`, also that the normal entry point gives
// exactly ANTLR's tree and diagnostics (a refused file leaves nothing behind).
Outcome compare(const std::string& text, bool check_auto) {
  SourceManager sources;
  FileId id = sources.add("mutant.svc", text);
  const SourceFile& file = sources.file(id);
  Diagnostics antlr_diags;
  parse::ParseStats antlr_stats;
  ast::File antlr = parse::parseFileWithStats(file, antlr_diags, antlr_stats, parse::ParserChoice::Antlr);
  ast::File fast;
  parse::ParseStats fast_stats;
  Outcome o;
  o.fast_accepted = parse::parseFast(file, fast, fast_stats);
  o.antlr_clean = antlr_diags.all().empty();
  if (o.antlr_clean && !o.fast_accepted) {
    o.why = "ANTLR parses it cleanly, the fast path refuses it";
  } else if (!o.antlr_clean && o.fast_accepted) {
    o.why = fmt::format("ANTLR reports {} `{}`, the fast path accepts it", codeInfo(antlr_diags.all()[0].code).id,
                        antlr_diags.all()[0].message);
  } else if (o.fast_accepted && fullDump(antlr) != fullDump(fast)) {
    o.why = "different trees: " + firstDifference(fullDump(antlr), fullDump(fast));
  }
  if (o.why.empty() && check_auto) {
    Diagnostics auto_diags;
    parse::ParseStats auto_stats;
    ast::File automatic = parse::parseFileWithStats(file, auto_diags, auto_stats);
    if (fullDump(automatic) != fullDump(antlr)) {
      o.why = "parseFile's tree differs from ANTLR's: " + firstDifference(fullDump(antlr), fullDump(automatic));
    } else if (auto_diags.all().size() != antlr_diags.all().size()) {
      o.why = "parseFile's diagnostics differ from ANTLR's";
    } else if (auto_stats.fast != o.fast_accepted) {
      o.why = "parseFile did not take the path parseFast chose";
    }
  }
  o.agree = o.why.empty();
  return o;
}

// Every alternative of the grammar and the corners where the fast parser has to choose
// as ANTLR does, valid and not: checked directly, and the valid ones are mutated too.
const std::vector<std::string> kCorners = {
    "service a {\n build {\n copy from b\n copy from.x y\n copy from(a) b\n copy from..c d\n }\n}\n",
    "service a {\n build {\n copy from x run y\n copy from true x y\n copy from b [1] -2\n }\n}\n",
    "service a {\n build { copy from x \"a\" }\n}\n",
    // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one case, continued on the next line
    "service a {\n build {\n stage s { from \"x\"; workdir \"/w\"; run \"y\"; user 10; env A = \"b\" }\n"
    " copy from s \"/a\" \"/b\"\n stage t {}\n }\n}\n",
    "service a { port = 1; port { x = 1 }; port.x = 1; port port = 1 -> 2 { p = tcp }; port q = 1..2 }\n",
    "service a { true { x = 1 }; false.y { }; build.x = 1; build = 2; x.true.build = 3; a.import.service = 4 }\n",
    "service a { true = 1 }\n",
    "service a { build.x { } }\n",
    "service a { depends = 1; depends { }; depends on a.b, c,\n d; depends.on = 2 }\n",
    "service a { volume = 1; volume { }; volume v { size = 1Gi }; volume true { } }\n",
    "service a { volume v = 1 }\n",
    "service a { depends on }\n",
    "let x = f(true = 1, build = 2, 3,)\nlet y = f()\nlet z = a.b.c(d.e(f))\n",
    "template t(a: String, b: [[Port]] = [], c: Cpu..Cpu = 1..2, d: [Cpu]..[Cpu],) : x, y(1), z() {}\n",
    "template t() {}\ntemplate u {}\ntemplate v : w {}\n",
    "template t(,) {}\n",
    "let a = -1\nlet b = - 1.5\nlet c = 5m\nlet d = -7Gi\nlet e = 10%\nlet f = -1.5%\nlet g = 1..2\n"
    "let h = a..b\nlet i = \"a\"..\"b\"\nlet j = [1, [2, [3]], ]\nlet k = 250ms\nlet l = 0.5\nlet m = 007\n",
    "let a = 1.5.x\n",
    "let a = 5q\n",
    "let a = -x\n",
    "let a = \"\\n\\t\\\"\\\\\\$\\u{1F600}\\u{e9}\"\nlet b = \"${a.b} and ${ c } $x $ {\"\nlet c = \"\"\n"
    "let d = \"h\u00e9 \u65e5\u672c \U0001F600\"\n",
    "\xEF\xBB\xBFservice a {}\r\nservice b {\r x = 1\r}\r\n\tservice c\f{}\n",
    "// head\n/* block\n * more */ service a { /* in */ x = [1, // c\n 2] } // tail\n/**/ /***/ /* ** / */\n",
    "import \"./a.svc\"\nimport \"a${b}.svc\"\nimport std.runtime\nimport build.x\n",
    "import \"\\q\"\n",
    "import true\n",
    "service a\nservice b : c\nservice d : e(), f(x = 1,)\n;;\n;service g;\n",
    "service a service b\n",
    "service a {} service b {}\n",
    "service a { x = 1 y = 2 }\n",
    "let x = [1,\n 2,\n]\nlet y = f(\n a,\n b\n)\nservice s {\n\n x = 1\n\n}\n",
    "let x = a\n.b\n",
    "service a-b-c { a--b = x-y; port http = 80->8080 }\n",
    "app a { }\nprofile p { replicas = 1 }\nlet x = y\n",
    "service a {\n build {\n frm \"x\"\n }\n}\n",
    "let x = " + std::string(64, '[') + std::string(64, ']') + "\n",
    "let x = " + std::string(65, '[') + std::string(65, ']') + "\n",
    "let x = [1, 2)\n",
    "service a {\n",
    "let x = \"a\\\"\n",
    "let x = 1 /* open\n",
    "let x = \"\xff\"\n",
    std::string("let x = \"\0\"\n", 12),
    "let x = 1 // \xC3\xA9\xF0\x9F\x98\x80\n",
    "let \xC3\xA9 = 1\n",
};

struct Corpus {
  std::vector<std::pair<std::string, std::string>> files;  // name, text
};

// Every .svc file of the examples, the standard library and the goldens, every fuzz
// seed, a small app from bench/gen_services.py and the corner cases above.
const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    fs::path root(SVCC_SOURCE_DIR);
    for (const char* dir : {"examples", "stdlib", "tests/golden"}) {
      for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
        if (entry.path().extension() != ".svc") continue;
        out.files.emplace_back(fs::relative(entry.path(), root).string(), readFile(entry.path()));
      }
    }
    for (const auto& entry : fs::directory_iterator(root / "tests/fuzz/corpus")) {
      if (entry.is_regular_file())
        out.files.emplace_back(fs::relative(entry.path(), root).string(), readFile(entry.path()));
    }
    fs::path generated = fs::temp_directory_path() / fmt::format("svcc_parse_fast_{}", ::getpid());
    std::string command =
        fmt::format("python3 '{}/bench/gen_services.py' '{}' 250 > /dev/null", SVCC_SOURCE_DIR, generated.string());
    if (std::system(command.c_str()) == 0) {
      for (const auto& entry : fs::directory_iterator(generated)) {
        out.files.emplace_back("generated/" + entry.path().filename().string(), readFile(entry.path()));
      }
    }
    fs::remove_all(generated);
    for (size_t i = 0; i < kCorners.size(); ++i) out.files.emplace_back(fmt::format("corner-{:02}", i), kCorners[i]);
    std::sort(out.files.begin(), out.files.end());
    return out;
  }();
  return c;
}

TEST(ParseFast, AgreesWithAntlrOnEveryCorpusFile) {
  size_t clean = 0, refused = 0, generated = 0;
  for (const auto& [name, text] : corpus().files) {
    Outcome o = compare(text, true);
    EXPECT_TRUE(o.agree) << name << ": " << o.why;
    (o.antlr_clean ? clean : refused) += 1;
    if (name.starts_with("generated/") && o.antlr_clean) ++generated;
  }
  // Enough of both kinds for the comparison to mean something.
  EXPECT_GE(clean, 100u);
  EXPECT_GE(refused, 50u);
  EXPECT_GE(generated, 3u) << "bench/gen_services.py did not run";
}

// Valid files must never pay for ANTLR: the fast path takes every valid file we have,
// and ANTLR, when forced, still needs no LL re-parse on them.
TEST(ParseFast, ValidFilesNeverFallBack) {
  size_t checked = 0;
  for (const auto& [name, text] : corpus().files) {
    SourceManager sources;
    FileId id = sources.add(name, text);
    Diagnostics antlr_diags;
    parse::ParseStats antlr_stats;
    parse::parseFileWithStats(sources.file(id), antlr_diags, antlr_stats, parse::ParserChoice::Antlr);
    if (!antlr_diags.all().empty()) continue;  // a golden about a syntax error
    EXPECT_FALSE(antlr_stats.used_ll) << name;
    Diagnostics diags;
    parse::ParseStats stats;
    parse::parseFileWithStats(sources.file(id), diags, stats);
    EXPECT_TRUE(stats.fast) << name << " fell back to ANTLR";
    ++checked;
  }
  EXPECT_GE(checked, 100u);
}

// A token-level view of a text, for mutating: names and numbers, strings, comments,
// white space and single punctuation characters, so that mutants stay near the grammar.
std::vector<std::string> pieces(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; };
  while (i < text.size()) {
    size_t j = i + 1;
    char c = text[i];
    if (c == '"') {
      while (j < text.size() && text[j] != '"' && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, text.size());
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (j < text.size() && text[j] != '\n') ++j;
    } else if (c == ' ' || c == '\t') {
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    } else if (word(c)) {
      while (j < text.size() && word(text[j])) ++j;
    }
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

// Fragments to insert: every punctuation mark, keywords in and out of place, literals
// good and bad, comments, bad bytes and the lexer's corner cases.
const std::vector<std::string> kInserts = {"{",
                                           "}",
                                           "(",
                                           ")",
                                           "[",
                                           "]",
                                           "=",
                                           ":",
                                           ",",
                                           ";",
                                           "->",
                                           "..",
                                           ".",
                                           "-",
                                           "\n",
                                           "\n\n",
                                           " ",
                                           "\r\n",
                                           "\r",
                                           "import",
                                           "app",
                                           "let",
                                           "template",
                                           "service",
                                           "profile",
                                           "port",
                                           "depends",
                                           "on",
                                           "volume",
                                           "build",
                                           "from",
                                           "workdir",
                                           "copy",
                                           "run",
                                           "env",
                                           "user",
                                           "stage",
                                           "true",
                                           "false",
                                           "x",
                                           "a-b",
                                           "a-",
                                           "_x",
                                           "X9",
                                           "0",
                                           "42",
                                           "-1",
                                           "1.5",
                                           "1..2",
                                           "1.2.3",
                                           "5m",
                                           "7Gi",
                                           "3q",
                                           "70%",
                                           "1.5%",
                                           "1_0",
                                           "1e5",
                                           "\"s\"",
                                           "\"\"",
                                           "\"a${b.c}\"",
                                           "\"${\"",
                                           "\"${ x }\"",
                                           "\"${1}\"",
                                           "\"\\n\\t\\\"\"",
                                           "\"\\q\"",
                                           "\"\\u{1F600}\"",
                                           "\"\\u{D800}\"",
                                           "\"unterminated",
                                           "\"é\"",
                                           "// c\n",
                                           "/* c */",
                                           "/* open",
                                           "/",
                                           "*",
                                           "@",
                                           "#",
                                           "é",
                                           "\xff",
                                           std::string("\0", 1),
                                           "\xEF\xBB\xBF",
                                           "\t",
                                           "\f",
                                           "\v",
                                           "copy from b \"x\" \"y\"",
                                           "port p = 1",
                                           "depends on a, b",
                                           "x.y = 1",
                                           "x { }",
                                           "build { run \"x\" }",
                                           "f(a = 1, 2,)",
                                           "[1, [2], ]"};

// One to three random edits; `donor` (another valid file) lends pieces, so constructs
// move between contexts (a recipe step into a block, a type into a value).
std::string mutate(const std::string& text, const std::string& donor, std::mt19937& rng) {
  std::vector<std::string> p = pieces(text);
  std::vector<std::string> lent = pieces(donor);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  size_t rounds = 1 + pick(3);
  for (size_t r = 0; r < rounds && !p.empty(); ++r) {
    size_t at = pick(p.size());
    switch (pick(9)) {
      case 0:
        p.erase(p.begin() + static_cast<std::ptrdiff_t>(at));
        break;
      case 1:
        p.insert(p.begin() + static_cast<std::ptrdiff_t>(at), p[at]);
        break;
      case 2:
        if (at + 2 < p.size()) std::swap(p[at], p[at + 2]);  // across the white space between
        break;
      case 3:
        p.insert(p.begin() + static_cast<std::ptrdiff_t>(at), kInserts[pick(kInserts.size())]);
        break;
      case 4:
        p[at] = kInserts[pick(kInserts.size())];
        break;
      case 5:
        p[at] = p[pick(p.size())];
        break;
      case 7:
        if (!lent.empty()) p.insert(p.begin() + static_cast<std::ptrdiff_t>(at), lent[pick(lent.size())]);
        break;
      case 6:
        if (p[at] == "\n") p[at] = pick(2) ? ";" : " ";
        else if (p[at] == ";") p[at] = "\n";
        else p.insert(p.begin() + static_cast<std::ptrdiff_t>(at), "\n");
        break;
      default:
        p.resize(at);
        break;
    }
  }
  std::string out;
  for (const std::string& s : p) out += s;
  return out;
}

TEST(ParseFast, AgreesWithAntlrOnMutants) {
  std::vector<const std::string*> valid;
  for (const auto& [name, text] : corpus().files) {
    // Small files: more mutants per second, and a mutation matters more in them.
    if (text.size() > 6000 || name.starts_with("generated/")) continue;
    if (compare(text, false).antlr_clean) valid.push_back(&text);
  }
  ASSERT_GE(valid.size(), 80u);
  std::mt19937 rng(20261126);
  size_t clean = 0, refused = 0, failures = 0;
  constexpr size_t kMutants = 6000;
  for (size_t n = 0; n < kMutants; ++n) {
    const std::string& base = *valid[n % valid.size()];
    std::string mutant = mutate(base, *valid[(n * 7 + 3) % valid.size()], rng);
    Outcome o = compare(mutant, n % 4 == 0);
    (o.antlr_clean ? clean : refused) += 1;
    if (!o.agree && ++failures <= 10)
      ADD_FAILURE() << "mutant " << n << ": " << o.why << "\n----\n" << mutant << "\n----";
  }
  EXPECT_EQ(failures, 0u);
  // Both sides of the property are exercised: many mutants stay valid, most do not.
  EXPECT_GE(clean, kMutants / 10) << refused << " refused";
  EXPECT_GE(refused, kMutants / 3) << clean << " clean";
}

// Systematically, on the corner cases: every piece deleted and every piece doubled.
TEST(ParseFast, AgreesWithAntlrOnEveryDeletionAndDoublingOfTheCorners) {
  size_t checked = 0, failures = 0;
  for (const std::string& corner : kCorners) {
    std::vector<std::string> p = pieces(corner);
    for (size_t at = 0; at < p.size(); ++at) {
      for (bool doubled : {false, true}) {
        std::string mutant;
        for (size_t k = 0; k < p.size(); ++k) mutant += k != at ? p[k] : doubled ? p[k] + p[k] : "";
        Outcome o = compare(mutant, false);
        if (!o.agree && ++failures <= 10) ADD_FAILURE() << o.why << "\n----\n" << mutant << "\n----";
        ++checked;
      }
    }
  }
  EXPECT_EQ(failures, 0u);
  EXPECT_GE(checked, 1000u);
}

// Random files valid by construction, from the grammar: every rule and alternative,
// keywords as names, comments and newlines wherever the token filter allows them.
class Generator {
 public:
  explicit Generator(std::mt19937& rng) : rng_(rng) {}

  std::string file() {
    std::string out = chance(10) ? "\xEF\xBB\xBF" : "";
    for (size_t n = 1 + pick(4); n > 0; --n) out += decl() + separator();
    return out;
  }

 private:
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool chance(size_t percent) { return pick(100) < percent; }
  template <class T>
  const T& any(const std::vector<T>& list) {
    return list[pick(list.size())];
  }

  std::string gap() { return any<std::string>({" ", " ", " ", "  ", "\t", " /* c */ "}); }
  // Where the token filter drops newlines: after `(` `[` `,` and before `)` `]`.
  std::string loose() { return chance(25) ? any<std::string>({"\n", "\n  ", " // c\n", "\r\n"}) : ""; }
  std::string separator() { return any<std::string>({"\n", "\n", "\n\n", ";", " ; ", " // c\n", "\r\n", "\r"}); }
  std::string name() {
    return any<std::string>({"a",  "web",     "x-1",  "cpu_2", "B",     "port", "from",   "build",   "true",   "false",
                             "on", "service", "copy", "env",   "stage", "run",  "volume", "depends", "import", "let"});
  }
  std::string path(bool first_may_be_bool) {
    std::string out = name();
    while (!first_may_be_bool && (out == "true" || out == "false")) out = name();
    for (size_t n = pick(3); n > 0; --n) out += "." + name();
    return out;
  }
  std::string number() {
    return std::string(chance(20) ? "-" : "") +
           any<std::string>({"1", "42", "0.5", "250m", "1.5Gi", "70%", "10s", "007", "8080", "1.5%"});
  }
  std::string string() {
    return any<std::string>({"\"x\"", "\"\"", "\"a${b.c}\"", "\"\\n\\t\\\"\\\\\\$\"", "\"\xC3\xA9\"", "\"$x\"",
                             "\"\\u{1F600}\"", "\"${ a }\""});
  }
  std::string list(const std::string& open, const std::string& close, std::string (Generator::*item)()) {
    std::string out = open + loose();
    for (size_t n = pick(depth_ > 3 ? 1 : 4); n > 0; --n) {
      out += (this->*item)();
      if (n > 1 || chance(20)) out += "," + loose() + (chance(50) ? " " : "");
    }
    return out + loose() + close;
  }
  std::string atom() {
    ++depth_;
    std::string out;
    switch (pick(depth_ > 3 ? 3 : 6)) {
      case 0:
        out = string();
        break;
      case 1:
        out = number();
        break;
      case 2:
        out = chance(50) ? "true" : "false";
        break;
      case 3:
        out = list("[", "]", &Generator::expr);
        break;
      case 4:
        out = path(false) + list("(", ")", &Generator::arg);
        break;
      default:
        out = path(false);
        break;
    }
    --depth_;
    return out;
  }
  std::string expr() { return atom() + (chance(15) ? any<std::string>({"..", " .. "}) + atom() : ""); }
  std::string arg() { return (chance(40) ? name() + gap() + "=" + gap() : "") + expr(); }
  std::string type() {
    ++depth_;
    std::string out = depth_ < 3 && chance(30) ? "[" + loose() + type() + loose() + "]" : name();
    if (depth_ < 3 && chance(20)) out += ".." + type();
    --depth_;
    return out;
  }
  std::string param() { return name() + gap() + ":" + gap() + type() + (chance(40) ? " = " + expr() : ""); }
  std::string bases() {
    std::string out = gap() + ":" + gap();
    for (size_t n = 1 + pick(2); n > 0; --n) {
      out += path(false) + (chance(40) ? list("(", ")", &Generator::arg) : "");
      if (n > 1) out += "," + loose() + " ";
    }
    return out;
  }
  std::string items(std::string (Generator::*item)()) {
    std::string out = "{" + (chance(50) ? std::string("\n") : std::string(" "));
    for (size_t n = pick(depth_ > 2 ? 2 : 4); n > 0; --n) out += (this->*item)() + (n > 1 ? separator() : "\n");
    return out + "}";
  }
  std::string block() {
    ++depth_;
    std::string out = items(&Generator::stmt);
    --depth_;
    return out;
  }
  std::string recipe() {
    ++depth_;
    std::string out = items(&Generator::step);
    --depth_;
    return out;
  }
  std::string stmt() {
    switch (pick(7)) {
      case 0:
        return "port " + name() + " = " + expr() + (chance(40) ? " -> " + expr() : "") +
               (chance(30) ? " " + block() : "");
      case 1: {
        std::string out = "depends on " + path(false);
        for (size_t n = pick(3); n > 0; --n) out += "," + loose() + " " + path(false);
        return out;
      }
      case 2:
        return "volume " + name() + " " + block();
      case 3:
        return "build " + recipe();
      case 4: {
        std::string p = path(true);
        while (p.starts_with("build")) p = path(true);
        return p + gap() + block();
      }
      default:
        return path(false) + gap() + "=" + gap() + expr();
    }
  }
  std::string step() {
    switch (pick(8)) {
      case 0:
        return "from " + expr();
      case 1:
        return "workdir " + expr();
      case 2:
        return "copy " + string() + " " + expr();
      case 3:
        return "copy from " + name() + " " + expr() + " " + expr();
      case 4:
        return "run " + expr();
      case 5:
        return "env " + name() + " = " + expr();
      case 6:
        return "user " + expr();
      default:
        return "stage " + name() + " " + recipe();
    }
  }
  std::string decl() {
    switch (pick(6)) {
      case 0:
        return "import " + (chance(50) ? path(false) : string());
      case 1:
        return "app " + name() + " " + block();
      case 2:
        return "let " + name() + " = " + expr();
      case 3:
        return "template " + name() + (chance(60) ? list("(", ")", &Generator::param) : "") +
               (chance(50) ? bases() : "") + " " + block();
      case 4:
        return "service " + name() + (chance(60) ? bases() : "") + (chance(80) ? " " + block() : "");
      default:
        return "profile " + name() + " " + block();
    }
  }

  std::mt19937& rng_;
  int depth_ = 0;
};

TEST(ParseFast, AgreesWithAntlrOnGeneratedFilesAndTheirMutants) {
  std::mt19937 rng(4242);
  Generator generator(rng);
  size_t clean = 0, failures = 0;
  constexpr size_t kFiles = 3000;
  for (size_t n = 0; n < kFiles; ++n) {
    std::string text = generator.file();
    Outcome o = compare(text, false);
    clean += o.antlr_clean ? 1 : 0;
    if (!o.agree && ++failures <= 10) ADD_FAILURE() << "file " << n << ": " << o.why << "\n----\n" << text << "\n----";
    std::string mutant = mutate(text, text, rng);
    o = compare(mutant, false);
    if (!o.agree && ++failures <= 10)
      ADD_FAILURE() << "mutant " << n << ": " << o.why << "\n----\n" << mutant << "\n----";
  }
  EXPECT_EQ(failures, 0u);
  // The generator writes valid files: if ANTLR disagrees, the generator has drifted.
  EXPECT_GE(clean, kFiles * 95 / 100);
}

}  // namespace
}  // namespace svcc::testing
