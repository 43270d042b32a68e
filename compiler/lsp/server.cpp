#include "lsp/server.h"

#include <functional>
#include <iostream>
#include <sstream>
#include <unordered_map>

#include "lsp/features.h"
#include "lsp/json_depth.h"
#include "lsp/transport.h"
#include "pipeline/pipeline.h"

namespace svcc::lsp {

namespace {

enum class State { Uninitialized, Running, ShutDown };

class Server {
 public:
  Server(std::ostream& out, std::ostream& log, const ServerOptions& options)
      : out_(out), log_(log), lint_(options.lint), workspace_(options, [this](const std::string& method, Json params) {
          send(Json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
        }) {
    addHandlers();
  }

  void handle(const std::string& body);
  void refuseTooLarge(size_t length) {
    fail(nullptr, ErrorCode::InvalidRequest,
         "message refused: " + std::to_string(length) + " bytes is over the limit of " +
             std::to_string(kMaxMessageBytes));
  }
  bool exited() const { return exited_; }
  int exitCode() const { return state_ == State::ShutDown ? 0 : 1; }

 private:
  using Handler = std::function<Json(const Json& params)>;

  void send(const Json& message) { writeMessage(out_, message.dump(-1, ' ', false, Json::error_handler_t::replace)); }
  void respond(const Json& id, Json result) {
    send(Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void fail(const Json& id, ErrorCode code, const std::string& message) {
    send(Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", static_cast<int>(code)}, {"message", message}}}});
  }
  void request(const Json& id, const std::string& method, const Json& params);
  void notification(const std::string& method, const Json& params);
  Json initialize(const Json& params);
  // The open document a request names, with its analysis; a RequestError if not open.
  Workspace::View view(const Json& params) const;
  uint32_t offset(const Workspace::View& v, const Json& params) const;
  void addHandlers();
  void applyInitializationOptions(const Json& params);

  std::ostream& out_;
  std::ostream& log_;
  LintOptions lint_;  // from the command line
  Workspace workspace_;
  State state_ = State::Uninitialized;
  bool exited_ = false;
  std::unordered_map<std::string, Handler> handlers_;  // the requests after `initialize`
};

// initializationOptions `{"allow": ["W1005"], "Werror": true}` add to what the command
// line gave; codes that cannot be allowed are reported to the user and left out.
void Server::applyInitializationOptions(const Json& params) {
  const Json* options = params.contains("initializationOptions") ? &params["initializationOptions"] : nullptr;
  if (!options || !options->is_object()) return;
  LintOptions lint = lint_;
  if (options->contains("allow") && (*options)["allow"].is_array()) {
    for (const Json& code : (*options)["allow"]) {
      if (!code.is_string()) continue;
      std::ostringstream why;
      if (std::optional<std::vector<std::string>> ok = allowedCodes({code.get<std::string>()}, why)) {
        lint.allow.push_back(ok->front());
      } else {
        std::string message = why.str();
        send(Json{{"jsonrpc", "2.0"},
                  {"method", "window/showMessage"},
                  {"params",
                   {{"type", 2},
                    {"message", "svcc: initializationOptions.allow: " + message.substr(0, message.find('\n'))}}}});
      }
    }
  }
  if (options->contains("Werror") && (*options)["Werror"].is_boolean())
    lint.warnings_as_errors = (*options)["Werror"].get<bool>();
  workspace_.setLintOptions(std::move(lint));
}

Json Server::initialize(const Json& params) {
  state_ = State::Running;
  applyInitializationOptions(params);
  return Json{{"capabilities",
               {{"positionEncoding", "utf-16"},
                {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
                {"documentFormattingProvider", true},
                {"definitionProvider", true},
                {"hoverProvider", true},
                {"completionProvider", {{"triggerCharacters", {".", " "}}}},
                {"documentSymbolProvider", true}}},
              {"serverInfo", {{"name", "svcc"}, {"version", SVCC_VERSION}}}};
}

Workspace::View Server::view(const Json& params) const {
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  std::optional<Workspace::View> v = workspace_.view(uri);
  if (!v) throw RequestError(ErrorCode::InvalidParams, "`" + uri + "` is not open");
  return *v;
}

uint32_t Server::offset(const Workspace::View& v, const Json& params) const {
  const Json& at = params.at("position");
  return offsetAt(v.doc.text, at.at("line").get<uint32_t>(), at.at("character").get<uint32_t>());
}

void Server::addHandlers() {
  auto& t = handlers_;
  t["textDocument/formatting"] = [this](const Json& p) { return formatting(view(p).doc); };
  t["textDocument/definition"] = [this](const Json& p) {
    Workspace::View v = view(p);
    return definition(v, offset(v, p));
  };
  t["textDocument/hover"] = [this](const Json& p) {
    Workspace::View v = view(p);
    return hover(v, offset(v, p));
  };
  t["textDocument/completion"] = [this](const Json& p) {
    Workspace::View v = view(p);
    const Json* context = p.contains("context") ? &p["context"] : nullptr;
    bool after_space = context && context->value("triggerCharacter", "") == " ";
    return completion(v, offset(v, p), after_space);
  };
  t["textDocument/documentSymbol"] = [this](const Json& p) { return documentSymbols(view(p)); };
}

void Server::request(const Json& id, const std::string& method, const Json& params) {
  if (method == "initialize") {
    if (state_ != State::Uninitialized) return fail(id, ErrorCode::InvalidRequest, "the server is already initialized");
    return respond(id, initialize(params));
  }
  if (state_ == State::Uninitialized) return fail(id, ErrorCode::ServerNotInitialized, "`initialize` must come first");
  if (state_ == State::ShutDown)
    return fail(id, ErrorCode::InvalidRequest, "the server is shut down; only `exit` is left");
  if (method == "shutdown") {
    state_ = State::ShutDown;
    return respond(id, nullptr);
  }
  auto handler = handlers_.find(method);
  if (handler == handlers_.end()) return fail(id, ErrorCode::MethodNotFound, "unknown method `" + method + "`");
  try {
    respond(id, handler->second(params));
  } catch (const RequestError& e) {
    fail(id, e.code(), e.what());
  } catch (const Json::exception& e) {
    fail(id, ErrorCode::InvalidParams, std::string("invalid params: ") + e.what());
  } catch (const std::exception& e) {
    log_ << "svcc lsp: internal error in `" << method << "`: " << e.what() << std::endl;
    fail(id, ErrorCode::InternalError, std::string("internal error: ") + e.what());
  }
}

// didChange with full sync sends the whole text; a client that sends ranges anyway gets
// them applied in order.
std::string changedText(std::string text, const Json& changes) {
  for (const Json& change : changes) {
    const std::string& replacement = change.at("text").get_ref<const std::string&>();
    if (!change.contains("range")) {
      text = replacement;
      continue;
    }
    const Json& r = change["range"];
    uint32_t begin =
        offsetAt(text, r.at("start").at("line").get<uint32_t>(), r.at("start").at("character").get<uint32_t>());
    uint32_t end = offsetAt(text, r.at("end").at("line").get<uint32_t>(), r.at("end").at("character").get<uint32_t>());
    text.replace(begin, std::max(begin, end) - begin, replacement);
  }
  return text;
}

void Server::notification(const std::string& method, const Json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (state_ != State::Running) return;
  try {
    if (method == "textDocument/didOpen") {
      const Json& doc = params.at("textDocument");
      workspace_.open(doc.at("uri").get<std::string>(), doc.at("text").get<std::string>(), doc.value("version", 0));
    } else if (method == "textDocument/didChange") {
      const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
      const Document* doc = workspace_.documents().find(uri);
      if (!doc) return;
      int64_t version = params["textDocument"].value("version", doc->version);
      workspace_.change(uri, changedText(doc->text, params.at("contentChanges")), version);
    } else if (method == "textDocument/didClose") {
      workspace_.close(params.at("textDocument").at("uri").get<std::string>());
    } else if (method == "workspace/didChangeWatchedFiles") {
      workspace_.recheckAll();
    }
  } catch (const std::exception& e) {
    log_ << "svcc lsp: ignored `" << method << "`: " << e.what() << std::endl;
  }
}

void Server::handle(const std::string& body) {
  if (!jsonDepthAtMost(body, kMaxJsonDepth)) {
    return fail(nullptr, ErrorCode::InvalidRequest,
                "message refused: JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  Json message;
  try {
    message = Json::parse(body);
  } catch (const Json::parse_error& e) {
    return fail(nullptr, ErrorCode::ParseError, std::string("malformed JSON: ") + e.what());
  }
  if (!message.is_object()) return fail(nullptr, ErrorCode::InvalidRequest, "a message must be a JSON object");
  const Json* id = message.contains("id") ? &message["id"] : nullptr;
  bool id_ok = id && (id->is_number_integer() || id->is_string());
  if (!message.contains("method")) {
    // A response to a request the server sent; svcc sends none, so there is nothing to do.
    if (id && (message.contains("result") || message.contains("error"))) return;
    return fail(id_ok ? *id : Json(nullptr), ErrorCode::InvalidRequest, "a request needs a `method`");
  }
  const Json& method = message["method"];
  const Json params = message.value("params", Json::object());
  bool valid = message.contains("jsonrpc") && message["jsonrpc"] == "2.0" && method.is_string() && (!id || id_ok) &&
               (params.is_object() || params.is_array());
  if (!valid) {
    if (id) fail(id_ok ? *id : Json(nullptr), ErrorCode::InvalidRequest, "not a JSON-RPC 2.0 request");
    return;
  }
  if (id) return request(*id, method.get<std::string>(), params);
  notification(method.get<std::string>(), params);
}

}  // namespace

int runServer(std::istream& in, std::ostream& out, std::ostream& log, const ServerOptions& options) {
  Server server(out, log, options);
  while (true) {
    Incoming next = readMessage(in);
    switch (next.kind) {
      case Incoming::Kind::Message:
        server.handle(next.body);
        break;
      case Incoming::Kind::TooLarge:
        // The body was skipped, so the stream is still framed: refuse this one and go on.
        log << "svcc lsp: refused a message of " << next.length << " bytes (the limit is " << kMaxMessageBytes << ")"
            << std::endl;
        server.refuseTooLarge(next.length);
        break;
      case Incoming::Kind::Broken:
        log << "svcc lsp: the input is not LSP framing any more (" << next.problem << "); stopping" << std::endl;
        return 1;
      case Incoming::Kind::End:
        return server.exitCode();
    }
    if (server.exited()) return server.exitCode();
  }
}

}  // namespace svcc::lsp
