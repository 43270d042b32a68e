// Phase: driver (`svcc build -o DIR`, with --check, --force, --all-profiles).
// Takes the build options; checks and lowers once per profile asked for, computes the
// whole output set, then writes it into DIR (or compares it with DIR); out comes the exit code.
#pragma once

#include "driver/build.h"

namespace CLI {
class Option;
}

namespace svcc {

// --check, --force and --all-profiles, which need `out` (-o DIR).
void addDirectoryFlags(CLI::App& cmd, BuildOptions& options, CLI::Option* out);

// The exit codes and what DIR looks like after each, for `svcc build --help`.
extern const char* const kBuildExitCodesHelp;

// Exit codes: 0 written (or, with --check, DIR is current); 1 the input has errors (or,
// with --check, DIR differs); 2 DIR cannot be read or written, or holds files svcc did
// not write where generated files go; DIR is then left exactly as it was.
ExitCode buildDirectory(const BuildOptions& options, const Output& io);

}  // namespace svcc
