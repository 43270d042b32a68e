#include "parse/fast_parser.h"

#include <ctime>
#include <string_view>
#include <vector>

#include "parse/fast_lexer.h"
#include "parse/literals.h"

namespace svcc::parse {

namespace {

using fast::Tok;
using fast::Token;

bool pathStart(Tok t) { return fast::isName(t) && t != Tok::True && t != Tok::False; }

bool exprStart(Tok t) {
  switch (t) {
    case Tok::String:
    case Tok::EscapedString:
    case Tok::Minus:
    case Tok::Int:
    case Tok::Decimal:
    case Tok::Quantity:
    case Tok::Percent:
    case Tok::LBrack:
      return true;
    default:
      return fast::isName(t);
  }
}

bool isNumber(Tok t) { return t == Tok::Int || t == Tok::Decimal || t == Tok::Quantity || t == Tok::Percent; }

// One method per grammar rule, in the grammar's order. Each returns false where the
// ANTLR path would report something; a rule's span runs from its first token to its
// last, as ANTLR's contexts do. Where the grammar offers two alternatives the choice is
// the only one that can end in a valid file: list items must be followed by a
// separator or the list's end (the AST builder reports E0114 otherwise).
class Parser {
 public:
  Parser(const SourceFile& file, const std::vector<Token>& tokens) : file_(file), tokens_(tokens) {}

  bool file(ast::File& out) {
    out.file = file_.id;
    out.decls.reserve(tokens_.back().separators + 1);
    return items(Tok::End, [&] { return decl(out); });
  }

 private:
  Tok type(size_t ahead = 0) const {
    size_t at = pos_ + ahead;
    return at < tokens_.size() ? tokens_[at].type : Tok::End;
  }
  const Token& peek() const { return tokens_[pos_]; }
  uint32_t lastEnd() const { return tokens_[pos_ - 1].end; }
  Span spanFrom(uint32_t begin) const { return {file_.id, begin, lastEnd()}; }
  std::string_view text(const Token& t) const { return std::string_view(file_.text).substr(t.begin, t.end - t.begin); }
  ast::Ident ident(const Token& t) const { return {std::string(text(t)), Span{file_.id, t.begin, t.end}}; }
  bool accept(Tok t) {
    if (type() != t) return false;
    ++pos_;
    return true;
  }
  // The statement lists (file, block, recipe) up to `end`: items separated by newlines or
  // `;` (the ANTLR path reports two on one line, E0114).
  template <class ParseItem>
  bool items(Tok end, ParseItem parse_item) {
    bool item_before = false;
    for (;;) {
      Tok t = type();
      if (t == end) return true;
      if (t == Tok::Newline || t == Tok::Semi) {
        ++pos_;
        item_before = false;
        continue;
      }
      if (item_before || !parse_item()) return false;
      item_before = true;
    }
  }

  // `low .. high` (values and types): the node parsed so far becomes the low end.
  template <class Node, class Kind>
  bool range(Node& out, uint32_t begin, Kind kind, std::vector<Node> Node::*ends, bool (Parser::*high)(Node&)) {
    Node low = std::move(out);
    out = Node{};
    out.kind = kind;
    (out.*ends).reserve(2);
    (out.*ends).push_back(std::move(low));
    if (!(this->*high)((out.*ends).emplace_back())) return false;
    out.span = spanFrom(begin);
    return true;
  }

  bool name(ast::Ident& out) {
    if (!fast::isName(type())) return false;
    out = ident(peek());
    ++pos_;
    return true;
  }

  bool decl(ast::File& out) {
    uint32_t begin = peek().begin;
    switch (type()) {
      case Tok::Import:
        return importDecl(std::get<ast::Import>(out.decls.emplace_back(std::in_place_type<ast::Import>)), begin);
      case Tok::App: {
        auto& app = std::get<ast::App>(out.decls.emplace_back(std::in_place_type<ast::App>));
        ++pos_;
        if (!name(app.name) || !block(app.body)) return false;
        app.span = spanFrom(begin);
        return true;
      }
      case Tok::Let: {
        auto& let = std::get<ast::Let>(out.decls.emplace_back(std::in_place_type<ast::Let>));
        ++pos_;
        if (!name(let.name) || !accept(Tok::Assign) || !expr(let.value)) return false;
        let.span = spanFrom(begin);
        return true;
      }
      case Tok::Template:
        return templateDecl(std::get<ast::Template>(out.decls.emplace_back(std::in_place_type<ast::Template>)), begin);
      case Tok::Service:
      case Tok::Name: {
        auto& service = std::get<ast::Service>(out.decls.emplace_back(std::in_place_type<ast::Service>));
        service.kind = ident(peek());
        ++pos_;
        if (!name(service.name)) return false;
        if (type() == Tok::Colon && !bases(service.bases)) return false;
        if (type() == Tok::LBrace && !block(service.body)) return false;
        service.span = spanFrom(begin);
        return true;
      }
      case Tok::Profile: {
        auto& profile = std::get<ast::Profile>(out.decls.emplace_back(std::in_place_type<ast::Profile>));
        ++pos_;
        if (!name(profile.name) || !block(profile.body)) return false;
        profile.span = spanFrom(begin);
        return true;
      }
      default:
        return false;
    }
  }

  bool importDecl(ast::Import& out, uint32_t begin) {
    ++pos_;
    if (type() == Tok::String || type() == Tok::EscapedString) {
      out.is_path = true;
      out.path_span = {file_.id, peek().begin, peek().end};
      ast::Expr decoded;
      if (!string(decoded)) return false;
      for (const ast::StringPart& part : decoded.parts) out.path += part.text;
    } else if (!pathStart(type()) || !path(out.module)) {
      return false;
    }
    out.span = spanFrom(begin);
    return true;
  }

  bool templateDecl(ast::Template& out, uint32_t begin) {
    ++pos_;
    if (!name(out.name)) return false;
    if (type() == Tok::LParen) {
      if (type(1) != Tok::RParen) out.params.reserve(peek().separators + 1);
      ++pos_;
      while (type() != Tok::RParen) {
        if (!param(out.params.emplace_back())) return false;
        if (!accept(Tok::Comma)) break;
      }
      if (!accept(Tok::RParen)) return false;
    }
    if (type() == Tok::Colon && !bases(out.bases)) return false;
    if (!block(out.body)) return false;
    out.span = spanFrom(begin);
    return true;
  }

  bool param(ast::Param& out) {
    uint32_t begin = peek().begin;
    if (!name(out.name) || !accept(Tok::Colon) || !typeRef(out.type)) return false;
    if (accept(Tok::Assign) && !expr(out.default_value.emplace())) return false;
    out.span = spanFrom(begin);
    return true;
  }

  bool typeRef(ast::TypeRef& out) {
    uint32_t begin = peek().begin;
    if (!typeAtom(out)) return false;
    return !accept(Tok::DotDot) ||
           range(out, begin, ast::TypeRef::Kind::Range, &ast::TypeRef::elems, &Parser::typeAtom);
  }

  bool typeAtom(ast::TypeRef& out) {
    uint32_t begin = peek().begin;
    if (accept(Tok::LBrack)) {
      out.kind = ast::TypeRef::Kind::List;
      if (!typeRef(out.elems.emplace_back()) || !accept(Tok::RBrack)) return false;
    } else if (!name(out.name)) {
      return false;
    }
    out.span = spanFrom(begin);
    return true;
  }

  bool bases(std::vector<ast::BaseRef>& out) {
    ++pos_;  // `:`
    do {
      ast::BaseRef& base = out.emplace_back();
      uint32_t begin = peek().begin;
      if (!pathStart(type()) || !path(base.path)) return false;
      if (type() == Tok::LParen) {
        base.has_parens = true;
        if (!args(base.args)) return false;
      }
      base.span = spanFrom(begin);
    } while (accept(Tok::Comma));
    return true;
  }

  // `( [arg {, arg} [,]] )`, at the `(`.
  bool args(std::vector<ast::Arg>& out) {
    if (type(1) != Tok::RParen) out.reserve(peek().separators + 1);
    ++pos_;
    while (type() != Tok::RParen) {
      ast::Arg& arg = out.emplace_back();
      uint32_t begin = peek().begin;
      if (fast::isName(type()) && type(1) == Tok::Assign) {
        arg.name = ident(peek());
        pos_ += 2;
      }
      if (!expr(arg.value)) return false;
      arg.span = spanFrom(begin);
      if (!accept(Tok::Comma)) break;
    }
    return accept(Tok::RParen);
  }

  bool block(ast::Block& out) {
    if (type() != Tok::LBrace) return false;
    uint32_t begin = peek().begin;
    if (type(1) != Tok::RBrace) out.stmts.reserve(peek().separators + 1);
    ++pos_;
    out.present = true;
    if (!items(Tok::RBrace, [&] { return stmt(out.stmts.emplace_back()); })) return false;
    ++pos_;
    out.span = spanFrom(begin);
    return true;
  }

  bool stmt(ast::Stmt& out) {
    const Token& first = peek();
    Tok t = first.type;
    Tok next = type(1);
    if ((t == Tok::String || t == Tok::EscapedString) && next == Tok::Assign) {
      // A quoted map key, decoded as the ANTLR path does; one it would report goes there.
      ast::Expr key;
      if (!string(key)) return false;
      out.quoted_key = true;
      ast::Ident& name = out.path.emplace_back(ast::Ident{"", key.span});
      for (const ast::StringPart& part : key.parts) {
        if (part.is_interpolation) return false;
        name.text += part.text;
      }
      ++pos_;
      if (!expr(out.value)) return false;
    } else if (t == Tok::Port && fast::isName(next) && type(2) == Tok::Assign) {
      out.kind = ast::StmtKind::Port;
      out.keyword = ident(first);
      out.path.push_back(ident(tokens_[pos_ + 1]));
      pos_ += 3;
      if (!expr(out.value)) return false;
      if (accept(Tok::Arrow) && !expr(out.target.emplace())) return false;
      if (type() == Tok::LBrace && !block(out.body)) return false;
    } else if (t == Tok::Depends && next == Tok::On) {
      out.kind = ast::StmtKind::DependsOn;
      out.keyword = ident(first);
      out.refs.emplace();
      pos_ += 2;
      do {
        ast::Expr& ref = out.refs->emplace_back();
        uint32_t begin = peek().begin;
        ref.kind = ast::ExprKind::Ref;
        if (!pathStart(type()) || !path(ref.path)) return false;
        if (type() == Tok::LParen) {  // `ready(db)`
          ref.kind = ast::ExprKind::Call;
          if (!args(ref.args.emplace())) return false;
        }
        ref.span = spanFrom(begin);
      } while (accept(Tok::Comma));
    } else if ((t == Tok::Volume || t == Tok::Name) && fast::isName(next) && type(2) == Tok::LBrace) {
      out.kind = ast::StmtKind::Named;
      out.keyword = ident(first);
      out.path.push_back(ident(tokens_[pos_ + 1]));
      pos_ += 2;
      if (!block(out.body)) return false;
    } else if (t == Tok::Build && next == Tok::LBrace) {
      out.kind = ast::StmtKind::Build;
      out.keyword = ident(first);
      ++pos_;
      out.body.present = true;
      if (!recipe(out.steps.emplace(), out.body.span)) return false;
    } else {
      // `path = value` (a path never starts with `true`/`false`) or `blockPath { … }`
      // (never starting with `build`, which is always a recipe).
      if (!fast::isName(t) || !path(out.path)) return false;
      if (type() == Tok::Assign && pathStart(t)) {
        ++pos_;
        if (!expr(out.value)) return false;
      } else if (type() == Tok::LBrace && t != Tok::Build) {
        out.kind = ast::StmtKind::Block;
        if (!block(out.body)) return false;
      } else {
        return false;
      }
    }
    out.span = spanFrom(first.begin);
    return true;
  }

  bool recipe(std::vector<ast::BuildStep>& out, Span& span) {
    if (type() != Tok::LBrace) return false;
    uint32_t begin = peek().begin;
    if (type(1) != Tok::RBrace) out.reserve(peek().separators + 1);
    ++pos_;
    if (!items(Tok::RBrace, [&] { return step(out.emplace_back()); })) return false;
    ++pos_;
    span = spanFrom(begin);
    return true;
  }

  bool step(ast::BuildStep& out) {
    const Token& first = peek();
    out.keyword = ident(first);
    switch (first.type) {
      case Tok::From:
        out.kind = ast::StepKind::From;
        break;
      case Tok::Workdir:
        out.kind = ast::StepKind::Workdir;
        break;
      case Tok::Run:
        out.kind = ast::StepKind::Run;
        break;
      case Tok::User:
        out.kind = ast::StepKind::User;
        break;
      case Tok::Copy:
        // `copy from NAME a b` against `copy from b` (a reference named `from`): only a
        // value after the name can make the first one valid, and then the second is not.
        out.kind = type(1) == Tok::From && fast::isName(type(2)) && exprStart(type(3)) ? ast::StepKind::CopyFrom
                                                                                       : ast::StepKind::Copy;
        break;
      case Tok::Env:
        out.kind = ast::StepKind::Env;
        break;
      case Tok::Stage:
        out.kind = ast::StepKind::Stage;
        break;
      default:
        return false;
    }
    ++pos_;
    switch (out.kind) {
      case ast::StepKind::Copy:
      case ast::StepKind::CopyFrom:
        if (out.kind == ast::StepKind::CopyFrom) {
          ++pos_;
          out.name = ident(peek());
          ++pos_;
        }
        out.args.reserve(2);
        if (!expr(out.args.emplace_back()) || !expr(out.args.emplace_back())) return false;
        break;
      case ast::StepKind::Env:
        if (!name(out.name.emplace()) || !accept(Tok::Assign) || !expr(out.args.emplace_back())) return false;
        break;
      case ast::StepKind::Stage:
        if (!name(out.name.emplace()) || !recipe(out.steps, out.body_span)) return false;
        break;
      default:
        if (!expr(out.args.emplace_back())) return false;
        break;
    }
    out.span = spanFrom(first.begin);
    return true;
  }

  bool expr(ast::Expr& out) {
    uint32_t begin = peek().begin;
    if (!atom(out)) return false;
    return !accept(Tok::DotDot) || range(out, begin, ast::ExprKind::Range, &ast::Expr::items, &Parser::atom);
  }

  bool atom(ast::Expr& out) {
    const Token& first = peek();
    switch (first.type) {
      case Tok::String:
      case Tok::EscapedString:
        return string(out);
      case Tok::Minus:
        ++pos_;
        return isNumber(type()) && number(out, first.begin, true);
      case Tok::Int:
      case Tok::Decimal:
      case Tok::Quantity:
      case Tok::Percent:
        return number(out, first.begin, false);
      case Tok::True:
      case Tok::False:
        out.kind = ast::ExprKind::Bool;
        out.bool_value = first.type == Tok::True;
        ++pos_;
        break;
      case Tok::LBrack:
        out.kind = ast::ExprKind::List;
        if (type(1) != Tok::RBrack) out.items.reserve(first.separators + 1);
        ++pos_;
        while (type() != Tok::RBrack) {
          if (!expr(out.items.emplace_back())) return false;
          if (!accept(Tok::Comma)) break;
        }
        if (!accept(Tok::RBrack)) return false;
        break;
      default:
        if (!pathStart(first.type) || !path(out.path)) return false;
        out.kind = ast::ExprKind::Ref;
        if (type() == Tok::LParen) {
          out.kind = ast::ExprKind::Call;
          if (!args(out.args.emplace())) return false;
        }
        break;
    }
    out.span = spanFrom(first.begin);
    return true;
  }

  // A string token: plain ones are one literal part (none when empty); the others go
  // through the ANTLR path's decoder, and any diagnostic it has refuses the file.
  bool string(ast::Expr& out) {
    const Token& t = peek();
    ++pos_;
    Span span{file_.id, t.begin, t.end};
    if (t.type == Tok::EscapedString) {
      Diagnostics scratch;
      out = decodeString(text(t), span, scratch);
      return scratch.all().empty();
    }
    out.kind = ast::ExprKind::String;
    out.span = span;
    if (t.end - t.begin > 2) {
      out.parts.push_back(
          {false, std::string(text(t).substr(1, t.end - t.begin - 2)), {}, Span{file_.id, t.begin + 1, t.end - 1}});
    }
    return true;
  }

  // What decodeNumber makes of the token, with the sign of a leading `-`.
  bool number(ast::Expr& out, uint32_t begin, bool negative) {
    const Token& t = peek();
    ++pos_;
    std::string_view raw = text(t);
    std::string_view digits = raw;
    switch (t.type) {
      case Tok::Int:
        out.kind = ast::ExprKind::Int;
        break;
      case Tok::Decimal:
        out.kind = ast::ExprKind::Decimal;
        break;
      case Tok::Percent:
        out.kind = ast::ExprKind::Percent;
        digits.remove_suffix(1);
        break;
      default: {
        size_t n = raw.find_first_not_of("0123456789.");
        digits = raw.substr(0, n);
        if (!isUnit(raw.substr(n))) return false;
        out.unit = std::string(raw.substr(n));
        out.kind = ast::ExprKind::Quantity;
        break;
      }
    }
    if (negative) out.text = "-";
    out.text += digits;
    out.span = {file_.id, begin, t.end};
    return true;
  }

  // `name {. name}`; the caller has checked what the first name may be.
  bool path(ast::Path& out) {
    size_t names = 1;
    while (type(2 * names - 1) == Tok::Dot) ++names;
    out.reserve(names);
    out.push_back(ident(peek()));
    ++pos_;
    while (accept(Tok::Dot)) {
      if (!fast::isName(type())) return false;
      out.push_back(ident(peek()));
      ++pos_;
    }
    return true;
  }

  const SourceFile& file_;
  const std::vector<Token>& tokens_;
  size_t pos_ = 0;
};

double secondsSince(std::clock_t& last) {
  std::clock_t now = std::clock();
  double seconds = static_cast<double>(now - last) / CLOCKS_PER_SEC;
  last = now;
  return seconds;
}

}  // namespace

bool parseFast(const SourceFile& file, ast::File& out, ParseStats& stats) {
  std::clock_t clock = std::clock();
  std::vector<Token> tokens;
  bool lexed = fast::lex(file.text, file.id, tokens, out.comments);
  stats.fast_lex_seconds += secondsSince(clock);
  if (!lexed) return false;
  bool parsed = Parser(file, tokens).file(out);
  stats.fast_parse_seconds += secondsSince(clock);
  if (parsed) stats.tokens = tokens.size();
  return parsed;
}

}  // namespace svcc::parse
