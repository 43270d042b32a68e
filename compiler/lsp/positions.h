// Phase: lsp (positions).
// Takes byte offsets and spans; hands out LSP positions and ranges (0-based lines,
// characters in UTF-16 code units, the protocol's default encoding), and back.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/source.h"

namespace svcc::lsp {

using Json = nlohmann::json;

Json position(const SourceFile& file, uint32_t offset);
Json range(const SourceFile& file, uint32_t begin, uint32_t end);
Json range(const SourceManager& sources, const Span& span);

// The byte offset of an LSP position in `text`; a line or character past the end is
// clamped to the end of the text or of the line.
uint32_t offsetAt(std::string_view text, uint32_t line, uint32_t character);

}  // namespace svcc::lsp
