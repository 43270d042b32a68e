// Phase: driver (`svcc build -o DIR`, the kill-safe way of writing).
// Takes DIR, the whole output set and its plan; builds the new DIR beside it (unchanged
// files and the user's own files hard-linked, new ones written) and exchanges the two
// with one renameat2(RENAME_EXCHANGE), so that a reader sees the old tree or the new one
// and never a mix, even when svcc is killed part-way.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "driver/output_dir.h"

namespace svcc {

enum class SwapOutcome {
  Swapped,      // DIR is the new tree; what the old one held that is still needed is in it
  Failed,       // nothing changed in DIR; `failures` says why
  Unsupported,  // nothing changed: this DIR cannot be swapped, write it file by file
};

// Unsupported when the file system cannot exchange directories, DIR is a symlink, a mount
// point, the working directory or one of its parents, holds something other than files,
// directories and symlinks, or `--force` must replace something that is not a file.
// SVCC_TEST_FAIL_AFTER=N makes the step after the N-th fail as a full disk would, and
// SVCC_TEST_KILL_AFTER=N kills the process there (tests only); SVCC_TEST_NO_SWAP=1 answers
// Unsupported, so that the file-by-file way stays tested too.
SwapOutcome swapOutput(const std::filesystem::path& dir, const std::string& shown_dir, const OutputFiles& files,
                       const OutputPlan& plan, std::vector<OutputFailure>& failures);

}  // namespace svcc
