// Phase: ir (shared by the compose backend and lint).
// Takes what a health check probes and the tools an image is known to have; hands out
// the tool that can run the check inside the container, so that the backend that
// writes the check and the lint rule that reports its absence (W1014) never disagree.
#pragma once

#include <string>
#include <vector>

namespace svcc::ir {

enum class HealthTool { None, Curl, Wget, Nc, Bash };

// `tools` is null when nobody stated the image's tools: then nothing is assumed. An HTTP
// check runs with curl, wget or bash (its /dev/tcp), a TCP or gRPC connect with nc or
// bash; `sh` alone can do neither (POSIX sh has no /dev/tcp).
HealthTool healthToolFor(bool http, const std::vector<std::string>* tools);

// "curl, wget or bash" / "nc or bash": what a check of that kind needs, for messages.
const char* healthToolsNeeded(bool http);

}  // namespace svcc::ir
