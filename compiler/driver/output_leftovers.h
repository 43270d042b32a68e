// Phase: driver (`svcc build -o DIR`, under DIR's lock).
// Takes DIR; removes what killed file-by-file builds left in it: `.NAME.svcc-PID-tmp`
// (a file staged but not renamed) and `.NAME.svcc-PID-old` (a backup not yet dropped).
// Only files of exactly that name, regular files, below DIR, never through a link.
#pragma once

#include <filesystem>
#include <string_view>

namespace svcc {

// True for a name of svcc's staging scheme: `.` NAME `.svcc-` digits `-tmp` or `-old`.
bool isStagingLeftover(std::string_view name);

// Removes every staging leftover below DIR; returns how many. Runs with DIR locked, so
// no other build can be using them.
size_t removeStagingLeftovers(const std::filesystem::path& dir);

}  // namespace svcc
