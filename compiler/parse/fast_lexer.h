// Phase: parse (fast path).
// Takes a source file's bytes; hands out the tokens the grammar's parser would read (the
// token filter's newline rules applied) and the comments, or refuses the file at the
// first thing the ANTLR path would report (bad bytes, lexical errors, unbalanced or too
// deeply nested brackets), so that path can parse it again and say what is wrong.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ast/ast.h"

namespace svcc::parse::fast {

// The grammar's token types. Every keyword is a name; `build`, `true` and `false` come
// last among them because paths may not start with `true`/`false` nor block paths with
// `build`.
enum class Tok : uint8_t {
  Name,
  Import,
  App,
  Let,
  Template,
  Service,
  Profile,
  Port,
  Depends,
  On,
  Volume,
  From,
  Workdir,
  Copy,
  Run,
  Env,
  User,
  Stage,
  Build,
  True,
  False,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBrack,
  RBrack,
  Assign,
  Colon,
  Comma,
  Semi,
  Arrow,
  DotDot,
  Dot,
  Minus,
  String,         // a plain string: no `\` and no `${` inside
  EscapedString,  // a string that needs decodeString (escapes or interpolations)
  Int,
  Decimal,
  Quantity,
  Percent,
  Newline,  // only where a newline separates statements
  End,
};

inline bool isName(Tok t) { return t <= Tok::False; }

struct Token {
  Tok type;
  uint32_t begin;
  uint32_t end;
  // Openers and End: the separators directly inside the brackets or at the top level
  // (newlines and `;` in braces and at the top, `,` in parentheses and brackets), so
  // that lists reserve their size once.
  uint32_t separators = 0;
};

// Appends the tokens (ending with End) and comments; false when the file must go to ANTLR.
bool lex(std::string_view text, FileId file, std::vector<Token>& tokens, std::vector<ast::Comment>& comments);

}  // namespace svcc::parse::fast
