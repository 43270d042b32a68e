// Phase: ir (shared by the compose backend and lint).
// Takes what a health check probes and the tools an image is known to have; hands out
// the tool that can run the check inside the container, so that the backend that
// writes the check and the lint rule that reports its absence (W1014) never disagree.
#pragma once

#include <string>
#include <vector>

namespace svcc::ir {

enum class HealthTool { None, Curl, Wget, Nc, Bash };

// What a check asks of a tool: an HTTP request, one over TLS, or a TCP connect (TCP and
// gRPC probes). Exec probes need no tool: compose runs their command as it is.
enum class HealthCheck { Http, Https, Connect };

// `tools` is null when nobody stated the image's tools: then nothing is assumed. An HTTP
// check runs with curl, wget or bash (its /dev/tcp), an HTTPS one with curl or wget
// (bash cannot speak TLS), a TCP or gRPC connect with nc or bash; `sh` alone can do
// none of them (POSIX sh has no /dev/tcp).
HealthTool healthToolFor(HealthCheck check, const std::vector<std::string>* tools);

// "curl, wget or bash" / "curl or wget" / "nc or bash": what a check needs, for messages.
const char* healthToolsNeeded(HealthCheck check);
// "an HTTP" / "an HTTPS" / "a TCP or gRPC": the check, for messages.
const char* healthCheckName(HealthCheck check);

}  // namespace svcc::ir
