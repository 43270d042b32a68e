// Tests (shared by the golden, registry and CLI tests).
// Reads files whole; runs a program in a given directory and hands back its exit code,
// stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace svcc::test {

// Time limits in tests are set for an optimised build; under AddressSanitizer (the Debug
// build of scripts/test.sh's build-asan/) the same work takes several times as long.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr int kTimeScale = 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr int kTimeScale = 10;
#else
inline constexpr int kTimeScale = 1;
#endif
#else
inline constexpr int kTimeScale = 1;
#endif

#ifdef SVCC_BINARY
// The svcc the tests run: SVCC_TEST_SVCC when set (scripts/asan.sh points the golden
// cases at a sanitized build), else the one built beside the tests.
inline std::string svccBinary() {
  const char* other = std::getenv("SVCC_TEST_SVCC");
  return other != nullptr && *other != '\0' ? other : SVCC_BINARY;
}
#endif

struct ProcessResult {
  int exit_code = -1;  // -1 when the process did not exit normally (a signal)
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string readAll(std::FILE* f) {
  std::string text;
  std::rewind(f);
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
  std::fclose(f);
  return text;
}

// Output goes to anonymous temporary files rather than pipes, so a process writing a
// lot to both streams cannot block on one while we read the other. Standard input is
// `input`, not the test's own.
inline ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                                const std::filesystem::path& cwd, const std::string& input = {}) {
  std::FILE* in = std::tmpfile();
  std::fwrite(input.data(), 1, input.size(), in);
  std::rewind(in);
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(126);
    dup2(fileno(in), STDIN_FILENO);
    dup2(fileno(out), STDOUT_FILENO);
    dup2(fileno(err), STDERR_FILENO);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  std::fclose(in);
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = readAll(out);
  result.err = readAll(err);
  return result;
}

}  // namespace svcc::test
