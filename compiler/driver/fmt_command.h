// Phase: driver.
// `svcc fmt`: paths and a mode in, formatted text (or the names of unformatted files)
// out, through compiler/format/. cli.cpp parses the options and calls runFmt.
#pragma once

#include <string>
#include <vector>

#include "driver/commands.h"

namespace svcc {

enum class FmtMode { Print, Write, Check };

ExitCode runFmt(const std::vector<std::string>& paths, FmtMode mode, const Output& io);

}  // namespace svcc
