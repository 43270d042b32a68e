#include "ir/docker_strings.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace svcc::ir {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Problem {
  std::string label;
  std::string help;
};

// Docker joins a line ending in `\` with the next one: the next instruction (maybe USER)
// would become part of this one.
std::optional<Problem> continuation(std::string_view value) {
  if (trimmed(value).ends_with('\\')) {
    return Problem{"ends in `\\`, which would continue into the next instruction",
                   "remove the trailing backslash; join commands with `&&` on one line"};
  }
  return std::nullopt;
}

// `--mount`, `--chown`: Docker reads a leading `--` as a flag of the instruction.
std::optional<Problem> leadingFlag(std::string_view value) {
  if (trimmed(value).starts_with("--")) {
    return Problem{"starts with `--`, which Docker reads as a flag of the instruction",
                   "svcc does not pass instruction flags through; write the value without the leading `--`"};
  }
  return std::nullopt;
}

// BuildKit reads `<<WORD` (also `<<-WORD`, `<<"WORD"`) in RUN and COPY as a here-document:
// the following Dockerfile lines become its body, up to a line `WORD`.
std::optional<Problem> hereDocument(std::string_view value) {
  for (size_t at = value.find("<<"); at != std::string_view::npos; at = value.find("<<", at + 2)) {
    size_t i = at + 2;
    if (i < value.size() && value[i] == '-') ++i;
    if (i < value.size() && (value[i] == '"' || value[i] == '\'')) ++i;
    if (i < value.size() && (std::isalpha(static_cast<unsigned char>(value[i])) || value[i] == '_')) {
      return Problem{"holds a here-document marker `<<`, which BuildKit reads as taking the following lines",
                     "copy a script into the image and run it, or pipe the text (`printf '…' | cmd`)"};
    }
  }
  return std::nullopt;
}

// A RUN whose text is a JSON array is the exec form to Docker: `["rm", "-rf", "/x"]` would
// run without the shell the source asked for.
std::optional<Problem> execForm(std::string_view value) {
  if (trimmed(value).starts_with('[')) {
    return Problem{"starts with `[`, which Docker reads as the exec (JSON) form, not a shell command",
                   "start the command with its program name; `command` takes a list for the container's own command"};
  }
  return std::nullopt;
}

// WORKDIR has no JSON form and Docker removes quotes and backslashes from its word, and
// the spaces around it; COPY paths are written in JSON form, whose words Docker still
// unescapes (svcc escapes quotes and `$` there, but a backslash is also a pattern escape).
std::optional<Problem> reinterpretedPath(std::string_view value, bool quotes_too) {
  if (quotes_too && trimmed(value).size() != value.size()) {
    return Problem{"starts or ends with white space, which Docker drops",
                   "write the path without the spaces around it"};
  }
  if (value.find('\\') != std::string_view::npos ||
      (quotes_too && value.find_first_of("\"'") != std::string_view::npos)) {
    return Problem{quotes_too ? "holds a quote or a backslash, which Docker's word processing would remove"
                              : "holds a backslash, which Docker's word processing would remove",
                   "use a path of plain characters (`/` separates folders)"};
  }
  return std::nullopt;
}

std::optional<Problem> firstOf(std::initializer_list<std::optional<Problem>> checks) {
  for (const std::optional<Problem>& p : checks)
    if (p) return p;
  return std::nullopt;
}

std::optional<Problem> problemOf(const sema::BuildStep& step) {
  auto arg = [&](size_t i) { return i < step.args.size() ? std::string_view(step.args[i]) : std::string_view(); };
  switch (step.kind) {
    case sema::StepKind::Run:
      if (trimmed(arg(0)).empty()) return Problem{"an empty command", "give `run` a command, or delete the step"};
      return firstOf({continuation(arg(0)), leadingFlag(arg(0)), hereDocument(arg(0)), execForm(arg(0))});
    case sema::StepKind::Workdir:
      if (trimmed(arg(0)).empty()) return Problem{"an empty path", "give `workdir` an absolute path, e.g. `/app`"};
      return firstOf({continuation(arg(0)), leadingFlag(arg(0)), reinterpretedPath(arg(0), true)});
    case sema::StepKind::Copy:
    case sema::StepKind::CopyFrom:
      return firstOf({leadingFlag(arg(0)), leadingFlag(arg(1)), hereDocument(arg(0)), hereDocument(arg(1)),
                      reinterpretedPath(arg(0), false), reinterpretedPath(arg(1), false)});
    default:
      return std::nullopt;
  }
}

}  // namespace

void checkStepStrings(const std::vector<sema::BuildStep>& steps, Diagnostics& diags) {
  for (const sema::BuildStep& step : steps) {
    checkStepStrings(step.steps, diags);
    if (std::optional<Problem> p = problemOf(step)) {
      diags.report(Code::E0530, step.span, "this build step cannot be written as one exact Dockerfile instruction")
          .label(p->label)
          .withHelp(p->help);
    }
  }
}

}  // namespace svcc::ir
