#include "format/format.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "format/escape.h"

namespace svcc {

namespace {

using format::quoteString;
using format::quoteText;

// Columns as people count them: UTF-8 continuation bytes take no column.
size_t width(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool breakable(const ast::Expr& e) {
  return (e.kind == ast::ExprKind::List && !e.items.empty()) || (e.kind == ast::ExprKind::Call && !e.args->empty());
}

std::string flat(const ast::Expr& e);

std::string flatArg(const ast::Arg& a) { return (a.name ? a.name->text + " = " : "") + flat(a.value); }

template <typename T, typename F>
std::string join(const std::vector<T>& items, const char* sep, F&& each) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + each(items[i]);
  return out;
}

std::string flat(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::String:
      return quoteString(e);
    case ast::ExprKind::Int:
    case ast::ExprKind::Decimal:
      return e.text;
    case ast::ExprKind::Quantity:
      return e.text + *e.unit;
    case ast::ExprKind::Percent:
      return e.text + "%";
    case ast::ExprKind::Bool:
      return e.bool_value ? "true" : "false";
    case ast::ExprKind::List:
      return "[" + join(e.items, ", ", flat) + "]";
    case ast::ExprKind::Range:
      return flat(e.items.at(0)) + ".." + flat(e.items.at(1));
    case ast::ExprKind::Ref:
      return ast::pathText(e.path);
    case ast::ExprKind::Call:
      return ast::pathText(e.path) + "(" + join(*e.args, ", ", flatArg) + ")";
    case ast::ExprKind::Error:
      break;
  }
  throw std::logic_error("formatter: the syntax tree holds an error node");
}

std::string typeText(const ast::TypeRef& t) {
  switch (t.kind) {
    case ast::TypeRef::Kind::Named:
      return t.name.text;
    case ast::TypeRef::Kind::List:
      return "[" + typeText(t.elems.at(0)) + "]";
    case ast::TypeRef::Kind::Range:
      return typeText(t.elems.at(0)) + ".." + typeText(t.elems.at(1));
  }
  return {};
}

std::string basesText(const std::vector<ast::BaseRef>& bases) {
  if (bases.empty()) return {};
  return " : " + join(bases, ", ", [](const ast::BaseRef& b) {
           return ast::pathText(b.path) + (b.has_parens ? "(" + join(b.args, ", ", flatArg) + ")" : "");
         });
}

const char* stepKeyword(ast::StepKind kind) {
  static const char* words[] = {"from", "workdir", "copy", "copy from", "run", "env", "user", "stage"};
  return words[static_cast<int>(kind)];
}

std::string indentText(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

class Formatter {
 public:
  Formatter(const ast::File& file, const SourceFile& source) : file_(file), text_(source.text) {}

  std::string run() {
    const ast::Decl* previous = nullptr;
    for (const ast::Decl& d : file_.decls) {
      // Imports and lets may stand in a group; every other declaration gets a blank line.
      bool grouped = previous && previous->index() == d.index() &&
                     (std::holds_alternative<ast::Import>(d) || std::holds_alternative<ast::Let>(d));
      force_blank_ = previous && !grouped;
      std::visit([&](const auto& x) { decl(x); }, d);
      previous = &d;
    }
    leadingComments(std::numeric_limits<uint32_t>::max(), 0);
    return alignTrailingComments();
  }

 private:
  // ---- layout bookkeeping ----

  size_t column() const {
    size_t line_start = out_.rfind('\n');
    return width(std::string_view(out_).substr(line_start == std::string::npos ? 0 : line_start + 1));
  }

  size_t newlinesBetween(uint32_t begin, uint32_t end) const {
    if (begin >= end) return 0;
    return static_cast<size_t>(
        std::count(text_.begin() + begin, text_.begin() + std::min<size_t>(end, text_.size()), '\n'));
  }

  // Starts a line for an item beginning at `begin`: one blank line before it when the
  // source had one (or more), none at the start of a block.
  void startLine(uint32_t begin, int depth) {
    if (!first_in_block_ && (force_blank_ || newlinesBetween(last_end_, begin) >= 2)) out_ += '\n';
    first_in_block_ = false;
    force_blank_ = false;
    out_ += indentText(depth);
  }

  std::string commentText(const ast::Comment& c) const {
    std::string_view s = std::string_view(text_).substr(c.span.begin, c.span.end - c.span.begin);
    if (!c.block) s = s.substr(0, s.find_last_not_of(" \t\f\r") + 1);
    return std::string(s);
  }

  // Comments before `before` that are not printed yet, each on its own line.
  void leadingComments(uint32_t before, int depth) {
    while (next_comment_ < file_.comments.size() && file_.comments[next_comment_].span.begin < before) {
      const ast::Comment& c = file_.comments[next_comment_++];
      startLine(c.span.begin, depth);
      out_ += commentText(c);
      last_end_ = c.span.end;
      trailingComments(false);
      out_ += '\n';
    }
  }

  // Comments that follow the last printed item on its line, with only `;` between.
  void trailingComments(bool after_code = true) {
    uint32_t last_code_end = last_end_;
    while (next_comment_ < file_.comments.size()) {
      const ast::Comment& c = file_.comments[next_comment_];
      if (c.span.begin < last_end_) return;
      std::string_view gap = std::string_view(text_).substr(last_end_, c.span.begin - last_end_);
      if (gap.find_first_not_of(" \t\f;") != std::string_view::npos) return;
      if (after_code && last_end_ == last_code_end) trailing_.push_back(out_.size());
      out_ += "  " + commentText(c);
      last_end_ = c.span.end;
      ++next_comment_;
    }
  }

  // Trailing comments on consecutive lines with the same indentation start in one
  // column: two spaces after the longest code among them.
  std::string alignTrailingComments() const {
    struct Spot {
      size_t offset;  // where the code ends and the comment's gap begins
      size_t line;
      size_t indent;
      size_t column;
    };
    std::vector<Spot> spots;
    size_t line = 0;
    size_t line_start = 0;
    size_t scanned = 0;
    for (size_t offset : trailing_) {
      for (; scanned < offset; ++scanned) {
        if (out_[scanned] == '\n') {
          ++line;
          line_start = scanned + 1;
        }
      }
      std::string_view code = std::string_view(out_).substr(line_start, offset - line_start);
      spots.push_back({offset, line, code.find_first_not_of(' '), width(code)});
    }
    std::string out;
    size_t copied = 0;
    for (size_t i = 0; i < spots.size();) {
      size_t j = i + 1;
      while (j < spots.size() && spots[j].line == spots[j - 1].line + 1 && spots[j].indent == spots[i].indent) ++j;
      size_t column = 0;
      for (size_t k = i; k < j; ++k) column = std::max(column, spots[k].column);
      for (size_t k = i; k < j; ++k) {
        out.append(out_, copied, spots[k].offset - copied);
        out.append(column - spots[k].column, ' ');
        copied = spots[k].offset;
      }
      i = j;
    }
    out.append(out_, copied, std::string::npos);
    return out;
  }

  bool commentWithin(Span span) const {
    return next_comment_ < file_.comments.size() && file_.comments[next_comment_].span.begin < span.end;
  }

  // ---- expressions ----

  // Flat when it fits before the width limit (leaving `reserve` columns), else one
  // item per line with a trailing comma.
  std::string expr(const ast::Expr& e, int depth, size_t col, size_t reserve = 0) {
    std::string one_line = flat(e);
    if (!breakable(e) || col + width(one_line) + reserve <= kFormatWidth) return one_line;
    std::string inner = indentText(depth + 1);
    size_t inner_col = static_cast<size_t>(depth + 1) * 2;
    std::string out;
    if (e.kind == ast::ExprKind::List) {
      out = "[\n";
      for (const ast::Expr& item : e.items) out += inner + expr(item, depth + 1, inner_col, 1) + ",\n";
      return out + indentText(depth) + "]";
    }
    out = ast::pathText(e.path) + "(\n";
    for (const ast::Arg& a : *e.args) {
      std::string name = a.name ? a.name->text + " = " : "";
      out += inner + name + expr(a.value, depth + 1, inner_col + width(name), 1) + ",\n";
    }
    return out + indentText(depth) + ")";
  }

  // ---- blocks and statements ----

  // `{ a = 1; b = 2 }` stays on one line when it was written on one line, holds only
  // assignments and no comments, and fits.
  bool staysInline(const ast::Block& b, std::string& line) const {
    if (b.stmts.empty() || newlinesBetween(b.span.begin, b.span.end) > 0 || commentWithin(b.span)) return false;
    line = "{ ";
    for (size_t i = 0; i < b.stmts.size(); ++i) {
      const ast::Stmt& s = b.stmts[i];
      if (s.kind != ast::StmtKind::Assign) return false;
      line += (i ? "; " : "") + keyText(s) + " = " + flat(s.value);
    }
    line += " }";
    return column() + width(line) <= kFormatWidth;
  }

  void block(const ast::Block& b, int depth) {
    std::string line;
    if (staysInline(b, line)) {
      out_ += line;
    } else if (b.stmts.empty() && !commentWithin(b.span)) {
      out_ += "{}";
    } else {
      openBrace(b.span);
      std::vector<size_t> key_widths = alignedKeyWidths(b.stmts);
      for (size_t i = 0; i < b.stmts.size(); ++i) stmt(b.stmts[i], depth + 1, key_widths[i]);
      closeBrace(b.span, depth);
      return;
    }
    last_end_ = b.span.end;
  }

  void openBrace(Span span) {
    out_ += "{";
    last_end_ = span.begin + 1;
    trailingComments();
    out_ += '\n';
    first_in_block_ = true;
  }

  void closeBrace(Span span, int depth) {
    leadingComments(span.end - 1, depth + 1);
    out_ += indentText(depth) + "}";
    last_end_ = span.end;
    first_in_block_ = false;
  }

  // Consecutive assignments (no blank line or own-line comment between) align their `=`.
  std::vector<size_t> alignedKeyWidths(const std::vector<ast::Stmt>& stmts) const {
    std::vector<size_t> widths(stmts.size(), 0);
    size_t run_start = 0;
    for (size_t i = 0; i <= stmts.size(); ++i) {
      bool continues = i < stmts.size() && i > 0 && stmts[i].kind == ast::StmtKind::Assign &&
                       stmts[i - 1].kind == ast::StmtKind::Assign && adjacent(stmts[i - 1].span, stmts[i].span);
      if (continues) continue;
      size_t widest = 0;
      for (size_t j = run_start; j < i; ++j) {
        if (stmts[j].kind == ast::StmtKind::Assign) widest = std::max(widest, width(keyText(stmts[j])));
      }
      for (size_t j = run_start; j < i; ++j) widths[j] = widest;
      run_start = i;
    }
    return widths;
  }

  // An assignment's key as written: a quoted key keeps its quotes and escapes.
  std::string keyText(const ast::Stmt& s) const {
    if (!s.quoted_key || s.path.empty()) return ast::pathText(s.path);
    Span key = s.path[0].span;
    return std::string(std::string_view(text_).substr(key.begin, key.end - key.begin));
  }

  // Whether `next` is printed on the line right after `prev`: nothing but comments
  // trailing `prev` between them, no blank line, no comment inside `next`.
  bool adjacent(Span prev, Span next) const {
    uint32_t pos = prev.end;
    auto c = std::lower_bound(file_.comments.begin(), file_.comments.end(), prev.end,
                              [](const ast::Comment& x, uint32_t at) { return x.span.begin < at; });
    for (; c != file_.comments.end() && c->span.begin < next.end; ++c) {
      std::string_view gap = std::string_view(text_).substr(pos, c->span.begin - pos);
      if (c->span.begin > next.begin || gap.find_first_not_of(" \t\f;") != std::string_view::npos) return false;
      pos = c->span.end;
    }
    return newlinesBetween(pos, next.begin) < 2;
  }

  // Comments inside a header or an expression move before the item: only blocks keep
  // comments in their middle.
  static uint32_t headerEnd(Span item, const ast::Block& body) { return body.present ? body.span.begin : item.end; }

  void stmt(const ast::Stmt& s, int depth, size_t key_width) {
    bool has_body = s.kind == ast::StmtKind::Block || s.kind == ast::StmtKind::Named ||
                    s.kind == ast::StmtKind::Build || (s.kind == ast::StmtKind::Port && s.body.present);
    leadingComments(has_body ? s.body.span.begin : s.span.end, depth);
    startLine(s.span.begin, depth);
    switch (s.kind) {
      case ast::StmtKind::Assign: {
        std::string key = keyText(s);
        out_ += key + std::string(key_width - width(key), ' ') + " = ";
        out_ += expr(s.value, depth, column());
        break;
      }
      case ast::StmtKind::Block:
        out_ += ast::pathText(s.path) + " ";
        block(s.body, depth);
        break;
      case ast::StmtKind::Port:
        out_ += "port " + ast::pathText(s.path) + " = " + flat(s.value);
        if (s.target) out_ += " -> " + flat(*s.target);
        if (s.body.present) {
          out_ += " ";
          block(s.body, depth);
        }
        break;
      case ast::StmtKind::DependsOn:
        out_ += "depends on " + join(*s.refs, ", ", flat);
        break;
      case ast::StmtKind::Named:
        out_ += s.keyword->text + " " + ast::pathText(s.path) + " ";
        block(s.body, depth);
        break;
      case ast::StmtKind::Build:
        out_ += "build ";
        recipe(*s.steps, s.body.span, depth);
        break;
    }
    finishLine(s.span.end);
  }

  void finishLine(uint32_t end) {
    last_end_ = std::max(last_end_, end);
    trailingComments();
    out_ += '\n';
  }

  void recipe(const std::vector<ast::BuildStep>& steps, Span span, int depth) {
    if (steps.empty() && !commentWithin(span)) {
      out_ += "{}";
      last_end_ = span.end;
      return;
    }
    openBrace(span);
    for (const ast::BuildStep& s : steps) step(s, depth + 1);
    closeBrace(span, depth);
  }

  void step(const ast::BuildStep& s, int depth) {
    leadingComments(s.kind == ast::StepKind::Stage ? s.body_span.begin : s.span.end, depth);
    startLine(s.span.begin, depth);
    out_ += stepKeyword(s.kind);
    switch (s.kind) {
      case ast::StepKind::Stage:
        out_ += " " + s.name->text + " ";
        recipe(s.steps, s.body_span, depth);
        break;
      case ast::StepKind::Env:
        out_ += " " + s.name->text + " = " + flat(s.args.at(0));
        break;
      case ast::StepKind::CopyFrom:
        out_ += " " + s.name->text;
        [[fallthrough]];
      default:
        for (const ast::Expr& a : s.args) out_ += " " + flat(a);
    }
    finishLine(s.span.end);
  }

  // ---- declarations ----

  void decl(const ast::Import& d) {
    startDecl(d.span, d.span.end);
    out_ += "import " + (d.is_path ? quoteText(d.path) : ast::pathText(d.module));
    finishLine(d.span.end);
  }

  void decl(const ast::App& d) { blockDecl("app " + d.name.text + " ", d.span, d.body); }
  void decl(const ast::Profile& d) { blockDecl("profile " + d.name.text + " ", d.span, d.body); }

  void decl(const ast::Let& d) {
    startDecl(d.span, d.span.end);
    out_ += "let " + d.name.text + " = ";
    out_ += expr(d.value, 0, column());
    finishLine(d.span.end);
  }

  void decl(const ast::Template& d) {
    std::string head = "template " + d.name.text;
    if (!d.params.empty()) {
      head +=
          "(" +
          join(d.params, ", ",
               [](const ast::Param& p) {
                 return p.name.text + ": " + typeText(p.type) + (p.default_value ? " = " + flat(*p.default_value) : "");
               }) +
          ")";
    }
    blockDecl(head + basesText(d.bases) + " ", d.span, d.body);
  }

  void decl(const ast::Service& d) {
    std::string head = d.kind.text + " " + d.name.text + basesText(d.bases);
    blockDecl(d.body.present ? head + " " : head, d.span, d.body);
  }

  void startDecl(Span span, uint32_t header_end) {
    leadingComments(header_end, 0);
    startLine(span.begin, 0);
  }

  void blockDecl(const std::string& head, Span span, const ast::Block& body) {
    startDecl(span, headerEnd(span, body));
    out_ += head;
    if (body.present) block(body, 0);
    finishLine(span.end);
  }

  const ast::File& file_;
  const std::string& text_;
  std::string out_;
  size_t next_comment_ = 0;
  uint32_t last_end_ = 0;
  bool first_in_block_ = true;
  bool force_blank_ = false;
  std::vector<size_t> trailing_;  // offsets in out_ of the first trailing comment on a line
};

}  // namespace

std::string formatFile(const ast::File& file, const SourceFile& source) { return Formatter(file, source).run(); }

}  // namespace svcc
