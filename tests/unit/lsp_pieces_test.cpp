// Tests (lsp): the pieces of `svcc lsp` below the protocol — framing, URIs, UTF-16
// positions, the parser-cache trimming and the name-use index. tests/lsp/lsp_test.py
// drives the whole server.
#include <gtest/gtest.h>

#include <sstream>

#include "lsp/json_depth.h"
#include "lsp/positions.h"
#include "lsp/transport.h"
#include "lsp/uri.h"
#include "parse/parse.h"
#include "parse/parse_stats.h"
#include "pipeline/pipeline.h"
#include "sema/index.h"

namespace svcc {
namespace {

using Kind = lsp::Incoming::Kind;

TEST(LspTransport, ReadsFramedMessagesInOrder) {
  std::istringstream in("Content-Length: 2\r\n\r\n{}content-length:  7 \r\nContent-Type: x\r\n\r\n[1,2,3]");
  lsp::Incoming first = lsp::readMessage(in);
  EXPECT_EQ(first.kind, Kind::Message);
  EXPECT_EQ(first.body, "{}");
  EXPECT_EQ(lsp::readMessage(in).body, "[1,2,3]");
  EXPECT_EQ(lsp::readMessage(in).kind, Kind::End);
}

TEST(LspTransport, EndsOnBrokenFraming) {
  for (const char* broken :
       {"Content-Length: 10\r\n\r\n{}", "Content-Length: x\r\n\r\n{}", "no colon\r\n\r\n{}",
        "Content-Type: y\r\n\r\n{}", "Content-Length: 99999999999999999999\r\n\r\n", "Content-Length: 2\r\n"}) {
    std::istringstream in(broken);
    lsp::Incoming r = lsp::readMessage(in);
    EXPECT_EQ(r.kind, Kind::Broken) << broken;
    EXPECT_FALSE(r.problem.empty());
  }
}

// A header line that never ends is given up on at the bound, not buffered: at most
// kMaxHeaderLineBytes + 1 bytes of it are read.
TEST(LspTransport, GivesUpOnAnEndlessHeaderLine) {
  std::istringstream in("Content-Length: 2" + std::string(size_t{8} << 20, ' '));
  lsp::Incoming r = lsp::readMessage(in);
  EXPECT_EQ(r.kind, Kind::Broken);
  EXPECT_LE(static_cast<size_t>(in.tellg()), lsp::kMaxHeaderLineBytes + 1);
}

// A body over the limit is skipped and reported; the message after it is read as usual.
TEST(LspTransport, SkipsAMessageOverTheLimitAndGoesOn) {
  size_t big = lsp::kMaxMessageBytes + 1;
  std::istringstream in("Content-Length: " + std::to_string(big) + "\r\n\r\n" + std::string(big, '[') +
                        "Content-Length: 2\r\n\r\n{}");
  lsp::Incoming skipped = lsp::readMessage(in);
  EXPECT_EQ(skipped.kind, Kind::TooLarge);
  EXPECT_EQ(skipped.length, big);
  EXPECT_TRUE(skipped.body.empty());
  EXPECT_EQ(lsp::readMessage(in).body, "{}");
}

TEST(LspJsonDepth, CountsBracketsOutsideStrings) {
  EXPECT_TRUE(lsp::jsonDepthAtMost(R"({"a":[1,{"b":[]}]})", 4));
  EXPECT_FALSE(lsp::jsonDepthAtMost(R"({"a":[1,{"b":[]}]})", 3));
  EXPECT_TRUE(lsp::jsonDepthAtMost(R"({"text":"[[[[[[\"[[[["})", 1));  // brackets in a string, an escaped quote
  EXPECT_FALSE(lsp::jsonDepthAtMost(std::string(100000, '['), lsp::kMaxJsonDepth));
}

TEST(LspTransport, WritesTheHeader) {
  std::ostringstream out;
  lsp::writeMessage(out, "{\"é\":1}");
  EXPECT_EQ(out.str(), "Content-Length: 8\r\n\r\n{\"é\":1}");
}

TEST(LspUri, RoundTripsPathsWithSpecialCharacters) {
  std::string path = "/tmp/a b/café#1.svc";
  std::string uri = lsp::pathToUri(path);
  EXPECT_EQ(uri, "file:///tmp/a%20b/caf%C3%A9%231.svc");
  EXPECT_EQ(lsp::uriToPath(uri), path);
  EXPECT_EQ(lsp::uriToPath("file:///x/./y/../z.svc"), "/x/z.svc");
  EXPECT_EQ(lsp::uriToPath("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(lsp::uriToPath("file:///bad%zz"), std::nullopt);
}

TEST(LspPositions, CountUtf16UnitsBothWays) {
  SourceManager sources;
  // "é" is 2 bytes and 1 unit, "𝄞" 4 bytes and 2 units.
  const SourceFile& f = sources.file(sources.add("x.svc", "ab\né𝄞x = 1\n"));
  uint32_t x = static_cast<uint32_t>(f.text.find('x'));
  EXPECT_EQ(lsp::position(f, x), (lsp::Json{{"line", 1}, {"character", 3}}));
  EXPECT_EQ(lsp::offsetAt(f.text, 1, 3), x);
  EXPECT_EQ(lsp::offsetAt(f.text, 1, 99), f.text.size() - 1);  // clamped to the line's end
  EXPECT_EQ(lsp::offsetAt(f.text, 9, 0), f.text.size());
}

TEST(LspParserCaches, TrimmingDropsThemAndParsingGoesOn) {
  SourceManager sources;
  Diagnostics diags;
  const SourceFile& f = sources.file(sources.add("x.svc", "service a {\n  image = \"a:1\"\n  port http = 80\n}\n"));
  // Valid input takes the hand-written fast path; ANTLR, whose caches these are, is asked
  // directly.
  parse::ParseStats stats;
  parse::parseFileWithStats(f, diags, stats, parse::ParserChoice::Antlr);
  EXPECT_FALSE(trimParserCaches(SIZE_MAX));
  EXPECT_TRUE(trimParserCaches(0));
  ast::File again = parseFile(f, diags);
  EXPECT_FALSE(diags.hasErrors());
  EXPECT_EQ(again.decls.size(), 1u);
}

TEST(SemaIndex, RecordsWhatNamesResolveTo) {
  Compilation c;
  c.inputs.push_back(c.sources.add("app.svc",
                                   "let tag = \"1.2\"\n"
                                   "service cart { image = \"c:${tag}\"; port grpc = 7070 }\n"
                                   "service web { image = \"w:1\"; env { A = cart.grpc.address } }\n"));
  sema::NameIndex index;
  sema::SemaOptions options;
  options.index = &index;
  checkLoaded(c, options);
  ASSERT_FALSE(c.diags.hasErrors());
  const std::string& text = c.sources.file(c.inputs[0]).text;
  auto useAt = [&](const std::string& needle) {
    return index.at(c.inputs[0], static_cast<uint32_t>(text.find(needle)));
  };
  const sema::NameUse* let = useAt("tag}");
  ASSERT_NE(let, nullptr);
  EXPECT_EQ(let->kind, sema::UseKind::Let);
  EXPECT_EQ(let->values, std::vector<std::string>{"\"1.2\""});
  EXPECT_EQ(let->decl.begin, 0u);
  const sema::NameUse* attribute = useAt("address");
  ASSERT_NE(attribute, nullptr);
  EXPECT_EQ(attribute->kind, sema::UseKind::Attribute);
  EXPECT_EQ(attribute->values, std::vector<std::string>{"cart:7070"});
  const sema::NameUse* port = useAt("grpc.address");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->kind, sema::UseKind::Port);
  EXPECT_EQ(c.sources.text(port->decl), "port grpc = 7070");
  EXPECT_EQ(useAt("image"), nullptr);
}

}  // namespace
}  // namespace svcc
