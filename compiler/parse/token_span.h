// Phase: parse.
// Takes ANTLR tokens (code-point indices); hands out byte Spans in the source file.
#pragma once

#include <algorithm>

#include "antlr4-runtime.h"
#include "base/source.h"
#include "parse/source_text.h"

namespace svcc::parse {

struct SpanMaker {
  FileId file;
  const SourceText& text;
  const std::string& source;  // the file's bytes

  // Synthetic tokens (inserted closers, EOF) have stop == start - 1: an empty span.
  Span of(const antlr4::Token* t) const { return between(t, t); }
  Span between(const antlr4::Token* first, const antlr4::Token* last) const {
    // Tokens conjured by error recovery have no position: they get an empty span.
    size_t size = text.size();
    size_t begin = std::min(first->getStartIndex(), size);
    size_t end = last->getStopIndex() == INVALID_INDEX ? begin : std::min(last->getStopIndex() + 1, size);
    if (end < begin) end = begin;
    return {file, text.byteOffset(begin), text.byteOffset(end)};
  }
};

}  // namespace svcc::parse
