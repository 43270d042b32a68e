"""Integration test of `svcc lsp` (issue 7, item 4): drives the real binary over stdio
with real Content-Length framing and checks every capability, and that the published
diagnostics are what `svcc lint --format json` reports for the same files.

usage: lsp_test.py SVCC"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from lsp_client import Client, path_to_uri, utf16_len

SVCC = os.path.abspath(sys.argv[1])
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


MAIN = """\
// A test app for svcc lsp; “quoted” café notes make this line non-ASCII
import std.runtime

app shop {
  namespace = "shop"
}

let tag = "1.4.2"

template web(port: Port = 8080) {
  port http = 80 -> port
  health {
    path = "/healthz"
    port = http
  }
}

service cart {
  image = "ghcr.io/acme/cart:${tag}"
  port grpc = 7070 { protocol = grpc }
  health { grpc = grpc }
}

service frontend : web, runtime.python(version = "3.12") {
  context = "./frontend"
  env {
    CART_ADDR = cart.grpc.address
    GREETING  = "café ☕ 𝄞 ${tag}"
  }
}

profile prod {
  cart.replicas = 2
}
"""

OTHER = """\
service worker {
    image   =   "ghcr.io/acme/worker:${tag}"
  depends on cart
}
"""

# A syntax error, then a name error behind non-ASCII text on its line.
BROKEN = MAIN.replace("service cart {", "service cart {{")
MISNAMED = MAIN.replace("𝄞 ${tag}", "𝄞 ${tga}")


def position_of(text, needle, delta=0, occurrence=0):
    """The LSP position (UTF-16) of the `occurrence`-th `needle` in `text`, plus `delta` characters."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += delta
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    return {"line": line, "character": utf16_len(text[line_start:at])}


def cache_env(work):
    """The environment of a server whose stdlib cache is inside `work`, not the user's."""
    return dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))


def lint(cwd, args=()):
    """`svcc lint --format json app`, as {uri: {(code, range)}}."""
    run = subprocess.run([SVCC, "lint", "--format", "json", *args, "app"], cwd=cwd, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise AssertionError(f"svcc lint exited {run.returncode}: {run.stderr}")
    found = {}
    severities = {"error": 1, "warning": 2, "note": 3}
    for d in json.loads(run.stdout)["diagnostics"]:
        p = d["primary"]
        uri = path_to_uri(os.path.join(cwd, p["file"]))
        message = d["message"] + "".join("\nnote: " + n for n in d["notes"]) + ("\nhelp: " + d["help"] if d["help"] else "")
        key = (d["code"], p["start"]["line"] - 1, p["start"]["utf16_column"] - 1,
               p["end"]["line"] - 1, p["end"]["utf16_column"] - 1, severities[d["severity"]], message)
        found.setdefault(uri, set()).add(key)
    return found


def published(client):
    found = {}
    for uri, diagnostics in client.diagnostics.items():
        for d in diagnostics:
            r = d["range"]
            key = (d["code"], r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"],
                   d["severity"], d["message"])
            found.setdefault(uri, set()).add(key)
    return found


def same_as_lint(client, cwd, files, what):
    for path, text in files.items():
        with open(os.path.join(cwd, path), "w", encoding="utf-8") as f:
            f.write(text)
    expected, got = lint(cwd), published(client)
    check(expected == got, f"{what}: diagnostics equal `svcc lint`'s\n  lint: {expected}\n  lsp:  {got}")
    return got


def test_session(work):
    env = cache_env(work)
    app = os.path.join(work, "app")
    os.makedirs(app)
    main_uri, other_uri = path_to_uri(os.path.join(app, "main.svc")), path_to_uri(os.path.join(app, "other.svc"))
    for name, text in (("main.svc", MAIN), ("other.svc", OTHER)):
        with open(os.path.join(app, name), "w", encoding="utf-8") as f:
            f.write(text)
    client = Client(SVCC, work, env)

    early = client.request("textDocument/hover", {"textDocument": {"uri": main_uri}, "position": {"line": 0, "character": 0}})
    check(early.get("error", {}).get("code") == -32002, f"a request before initialize is -32002: {early}")

    init = client.request("initialize", {"processId": None, "rootUri": path_to_uri(work), "capabilities": {}})
    caps = init["result"]["capabilities"]
    check(caps.get("positionEncoding") == "utf-16", "position encoding utf-16")
    check(caps.get("textDocumentSync", {}).get("change") == 1 and caps["textDocumentSync"].get("openClose"), "full sync")
    for provider in ("documentFormattingProvider", "definitionProvider", "hoverProvider", "documentSymbolProvider"):
        check(caps.get(provider) is True, provider)
    check({".", " "} <= set(caps.get("completionProvider", {}).get("triggerCharacters", [])), "completion triggers")
    client.notify("initialized", {})

    client.notify("textDocument/didOpen", {"textDocument": {"uri": main_uri, "languageId": "svc", "version": 1, "text": MAIN}})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": other_uri, "languageId": "svc", "version": 1, "text": OTHER}})
    client.sync()
    check(main_uri in client.diagnostics, "diagnostics are published on open")
    same_as_lint(client, work, {"app/main.svc": MAIN}, "on open")

    # An edit that breaks the document, one that misnames a let, one that fixes it.
    client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 2}, "contentChanges": [{"text": BROKEN}]})
    client.sync()
    got = same_as_lint(client, work, {"app/main.svc": BROKEN}, "after breaking the syntax")
    check(any(code.startswith("E01") for code, *_ in got.get(main_uri, ())), f"a syntax error is reported: {got}")
    broken_symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": main_uri}})
    check(any(s["name"] == "shop" for s in broken_symbols.get("result") or []), "symbols of a document that does not parse")

    client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 3}, "contentChanges": [{"text": MISNAMED}]})
    client.sync()
    got = same_as_lint(client, work, {"app/main.svc": MISNAMED}, "after misnaming a let")
    start = position_of(MISNAMED, "tga}")
    expected = ("E0201", start["line"], start["character"], start["line"], start["character"] + 3)
    check(expected in {key[:5] for key in got.get(main_uri, set())}, f"E0201 at UTF-16 position {expected}: {got}")
    line = MISNAMED.splitlines()[start["line"]]
    check(start["character"] != len(line[: line.index("tga")].encode()), "the test line has multi-byte characters")
    misnamed = [d for d in client.diagnostics[main_uri] if d["code"] == "E0201"]
    check(misnamed and misnamed[0]["source"] == "svcc" and misnamed[0]["severity"] == 1, f"source and severity: {misnamed}")
    check(misnamed and "did you mean `tag`" in misnamed[0]["message"], f"help is appended to the message: {misnamed}")

    client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 4}, "contentChanges": [{"text": MAIN}]})
    notes = client.sync()
    cleared = [n for n in notes if n.get("method") == "textDocument/publishDiagnostics" and n["params"]["uri"] == main_uri]
    check(cleared and not any(d["severity"] == 1 for d in cleared[-1]["params"]["diagnostics"]), f"fixing clears the errors: {cleared}")
    same_as_lint(client, work, {"app/main.svc": MAIN}, "after fixing")

    # Related information: a port that does not exist names the service's declaration.
    wrong_port = MAIN.replace("cart.grpc.address", "cart.http.address")
    client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 5}, "contentChanges": [{"text": wrong_port}]})
    client.sync()
    same_as_lint(client, work, {"app/main.svc": wrong_port}, "with an unknown port")
    e0402 = [d for d in client.diagnostics[main_uri] if d["code"] == "E0402"]
    related = e0402[0].get("relatedInformation", []) if e0402 else []
    check(related and related[0]["location"]["uri"] == main_uri and
          related[0]["location"]["range"]["start"] == position_of(wrong_port, "cart {"),
          f"relatedInformation points at `service cart`: {e0402}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 6}, "contentChanges": [{"text": MAIN}]})
    client.sync()
    with open(os.path.join(app, "main.svc"), "w", encoding="utf-8") as f:
        f.write(MAIN)

    def at(uri, text, needle, delta=0, occurrence=0):
        return {"textDocument": {"uri": uri}, "position": position_of(text, needle, delta, occurrence)}

    # Formatting: what `svcc fmt` prints; a document with syntax errors is refused.
    formatted = client.request("textDocument/formatting", {"textDocument": {"uri": other_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
    fmt = subprocess.run([SVCC, "fmt", "app/other.svc"], cwd=work, capture_output=True, text=True).stdout
    edits = formatted.get("result") or []
    check(len(edits) == 1 and edits[0]["newText"] == fmt and fmt != OTHER, f"formatting is `svcc fmt`: {formatted}")
    check(edits and edits[0]["range"]["start"] == {"line": 0, "character": 0} and
          edits[0]["range"]["end"] == position_of(OTHER, "", len(OTHER)), "the edit covers the whole document")
    clean = client.request("textDocument/formatting", {"textDocument": {"uri": main_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
    main_fmt = subprocess.run([SVCC, "fmt", "app/main.svc"], cwd=work, capture_output=True, text=True).stdout
    check(clean.get("result") == ([] if main_fmt == MAIN else clean.get("result")) and "error" not in clean, f"formatting a clean file: {clean}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 7}, "contentChanges": [{"text": BROKEN}]})
    refused = client.request("textDocument/formatting", {"textDocument": {"uri": main_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
    check(refused.get("error", {}).get("code") == -32803 and "syntax" in refused["error"]["message"], f"formatting a broken file: {refused}")

    # Completion on the broken document: fields, services after `depends on`, ports after `cart.`.
    def complete(text, marker, trigger=None):
        client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 8}, "contentChanges": [{"text": text.replace(marker, "")}]})
        params = at(main_uri, text, marker)
        if trigger:
            params["context"] = {"triggerKind": 2, "triggerCharacter": trigger}
        result = client.request("textDocument/completion", params).get("result") or []
        items = result["items"] if isinstance(result, dict) else result
        return {item["label"] for item in items}

    partial = MAIN.replace("  health { grpc = grpc }\n", "  health { grpc = grpc }\n  rep|\n")
    labels = complete(partial, "|")
    check({"replicas", "image", "health", "depends on", "env"} <= labels, f"service fields in a broken document: {labels}")
    labels = complete(MAIN.replace('    path = "/healthz"\n', '    path = "/healthz"\n    |\n'), "|")
    check({"initial_delay", "period", "port"} <= labels and "replicas" not in labels, f"fields of `health`: {labels}")
    labels = complete(partial.replace("  rep|\n", "  depends on |\n"), "|", " ")
    check({"cart", "frontend", "worker"} <= labels, f"services after `depends on`: {labels}")
    labels = complete(partial.replace("  rep|\n", "  sidecar logs {\n    |\n  }\n"), "|")
    check({"image", "mounts", "health", "resources", "port"} <= labels and "replicas" not in labels,
          f"fields of a sidecar: {labels}")
    labels = complete(partial.replace("  rep|\n", "  scratch cache { | }\n"), "|")
    check({"mount", "size", "memory"} <= labels, f"fields of a scratch: {labels}")
    labels = complete(partial.replace("  rep|\n", "  depends on cart, ready(|\n"), "|")
    check({"cart", "frontend", "worker"} <= labels, f"services inside `depends on …, ready(`: {labels}")
    labels = complete(partial.replace("  rep|\n", "  env { X = cart.| }\n"), "|", ".")
    check("grpc" in labels and "address" in labels, f"ports after `cart.`: {labels}")
    labels = complete(partial.replace("  rep|\n", "  env { X = frontend.| }\n"), "|", ".")
    check("http" in labels, f"a port from a template after `frontend.`: {labels}")
    labels = complete(MAIN.replace("health { grpc = grpc }", "health { grpc = g| }"), "|")
    check(labels == {"grpc"}, f"the service's ports as a health check's port: {labels}")
    labels = complete(MAIN.replace("{ protocol = grpc }", "{ protocol = | }"), "|")
    check({"grpc", "http", "tcp", "udp"} == labels, f"protocols: {labels}")
    labels = complete(MAIN.replace("profile prod {", "|\nprofile prod {"), "|")
    check({"service", "template", "let", "profile"} <= labels and "replicas" not in labels, f"top-level keywords: {labels}")
    labels = complete(MAIN.replace("  cart.replicas = 2\n", "  cart.|\n"), "|", ".")
    check({"replicas", "image"} <= labels, f"a service's fields in a profile: {labels}")
    labels = complete(partial.replace("  rep|\n", "  rep |\n"), "|", " ")
    check(labels == set(), f"a space elsewhere offers nothing: {labels}")

    client.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 9}, "contentChanges": [{"text": MAIN}]})
    client.sync()

    # Definition: across files, into the standard library, lets, ports, templates.
    def definition(uri, text, needle, delta=0, occurrence=0):
        result = client.request("textDocument/definition", at(uri, text, needle, delta, occurrence)).get("result")
        return (result["uri"], result["range"]["start"]) if result else None

    check(definition(other_uri, OTHER, "cart") == (main_uri, position_of(MAIN, "cart {")), "`depends on cart` in another file")
    check(definition(other_uri, OTHER, "tag}") == (main_uri, position_of(MAIN, "tag =")), "a let used in another file")
    check(definition(main_uri, MAIN, "grpc.address") == (main_uri, position_of(MAIN, "grpc = 7070")), "a port")
    check(definition(main_uri, MAIN, "web,") == (main_uri, position_of(MAIN, "web(")), "a template")
    check(definition(main_uri, MAIN, "port\n  health") == (main_uri, position_of(MAIN, "port: Port")),
          "a template parameter used in its body")
    std = definition(main_uri, MAIN, "python(")
    cache_dir = os.path.join(work, "cache", "svcc")
    check(std is not None and std[0].startswith(path_to_uri(cache_dir)), f"runtime.python into the stdlib cache: {std}")
    if std:
        std_path = std[0][len("file://"):]
        std_text = open(std_path, encoding="utf-8").read()
        line = std_text.splitlines()[std[1]["line"]]
        check(line[std[1]["character"]:].startswith("python("), f"the stdlib location names the template: {line}")
        check(not os.access(std_path, os.W_OK) or os.geteuid() == 0, "the cached stdlib is read-only")

    # Hover: the resolved value of a reference, a let, a port, a service, a template.
    def hover(uri, text, needle, delta=0):
        result = client.request("textDocument/hover", at(uri, text, needle, delta)).get("result")
        return result["contents"]["value"] if result else ""

    check("cart:7070" in hover(main_uri, MAIN, "address"), "hover on `cart.grpc.address` shows `cart:7070`")
    check('"1.4.2"' in hover(other_uri, OTHER, "tag}"), "hover on a let shows its value")
    check("port grpc = 7070 (grpc)" in hover(main_uri, MAIN, "grpc.address"), "hover on a port")
    check("port grpc = 7070 (grpc)" in hover(main_uri, MAIN, "cart {") and "image" in hover(main_uri, MAIN, "cart {"),
          "hover on a service summarises it")
    check("port: Port = 8080" in hover(main_uri, MAIN, "web,"), "hover on a template shows its parameters")
    check('let tag: String = "1.4.2"' in hover(main_uri, MAIN, "tag ="), "hover on a let's declaration")

    # Document symbols: hierarchical, UTF-16 ranges.
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": main_uri}}).get("result") or []
    by_name = {s["name"]: s for s in symbols}
    check({"shop", "tag", "web", "cart", "frontend", "prod"} <= set(by_name), f"document symbols: {list(by_name)}")
    cart = by_name.get("cart", {})
    check([c["name"] for c in cart.get("children", [])] == ["grpc"], f"ports are children of their service: {cart}")
    check(cart.get("selectionRange", {}).get("start") == position_of(MAIN, "cart {"), "the symbol's name range")

    # Protocol errors.
    client.send_raw("{ not json")
    error = client.next_message()
    check(error.get("id", 0) is None and error.get("error", {}).get("code") == -32700, f"malformed JSON is -32700: {error}")
    client.send_raw(json.dumps({"jsonrpc": "2.0", "id": 77}))
    error = client.next_message()
    check(error.get("id") == 77 and error.get("error", {}).get("code") == -32600, f"a request without a method is -32600: {error}")
    unknown = client.request("textDocument/unknownThing", {})
    check(unknown.get("error", {}).get("code") == -32601, f"an unknown method is -32601: {unknown}")
    bad = client.request("textDocument/hover", {"textDocument": {"uri": main_uri}})
    check(bad.get("error", {}).get("code") == -32602, f"missing params are -32602: {bad}")
    client.notify("$/cancelRequest", {"id": 1})
    client.notify("workspace/unknownNotification", {})
    check(client.request("textDocument/hover", at(main_uri, MAIN, "address")).get("result") is not None, "the server survives all that")

    # A ranged change (clients may send them despite full sync) is applied.
    cart_at = position_of(OTHER, "cart")
    client.notify("textDocument/didChange", {"textDocument": {"uri": other_uri, "version": 2}, "contentChanges": [
        {"range": {"start": cart_at, "end": {"line": cart_at["line"], "character": cart_at["character"] + 4}}, "text": "crt"}]})
    client.sync()
    check(any(d["code"] == "E0401" and d["range"]["start"] == cart_at for d in client.diagnostics.get(other_uri, [])),
          f"a ranged change is applied: {client.diagnostics.get(other_uri)}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": other_uri, "version": 3}, "contentChanges": [{"text": OTHER}]})

    # A file of the app that is not open: its diagnostics follow the disk.
    client.notify("textDocument/didClose", {"textDocument": {"uri": other_uri}})
    with open(os.path.join(app, "other.svc"), "w", encoding="utf-8") as f:
        f.write(OTHER.replace("depends on cart", "depends on nothing"))
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": other_uri, "type": 2}]})
    client.sync()
    check(any(d["code"] == "E0401" for d in client.diagnostics.get(other_uri, [])), "a changed file that is not open is checked")
    with open(os.path.join(app, "other.svc"), "w", encoding="utf-8") as f:
        f.write(OTHER)
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": other_uri, "type": 2}]})
    client.sync()
    check(not any(d["severity"] == 1 for d in client.diagnostics.get(other_uri, [])), "and cleared when it is fixed")

    client.notify("textDocument/didClose", {"textDocument": {"uri": main_uri}})
    client.sync()
    check(all(not d for d in client.diagnostics.values()), f"closing the app's documents clears its diagnostics")
    check(client.request("shutdown").get("result", 1) is None, "shutdown answers null")
    after = client.request("textDocument/hover", at(main_uri, MAIN, "address"))
    check(after.get("error", {}).get("code") == -32600, f"a request after shutdown is -32600: {after}")
    client.notify("exit")
    code, stderr = client.finish()
    check(code == 0, f"exit after shutdown ends with 0, not {code}; stderr: {stderr}")


def test_stdlib_dir(work):
    """With `--stdlib DIR`, definitions lead into DIR."""
    stdlib = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "stdlib")
    app = os.path.join(work, "app")
    os.makedirs(app, exist_ok=True)
    path = os.path.join(app, "main.svc")
    with open(path, "w", encoding="utf-8") as f:
        f.write(MAIN)
    client = Client(SVCC, work, cache_env(work), args=("--stdlib", stdlib))
    client.request("initialize", {"processId": None, "capabilities": {}})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": path_to_uri(path), "languageId": "svc", "version": 1, "text": MAIN}})
    result = client.request("textDocument/definition", {"textDocument": {"uri": path_to_uri(path)},
                                                        "position": position_of(MAIN, "python(")}).get("result")
    expected = path_to_uri(os.path.normpath(os.path.join(stdlib, "std", "runtime.svc")))
    check(result and result["uri"] == expected, f"--stdlib: the definition is in {expected}: {result}")
    client.request("shutdown")
    client.notify("exit")
    check(client.finish()[0] == 0, "--stdlib session ends cleanly")


def test_lint_policy(work):
    """`--allow` and `--Werror` given to the server, on its command line and in
    initializationOptions, give the diagnostics `svcc lint` gives with the same flags."""
    app = os.path.join(work, "policy", "app")
    os.makedirs(app)
    path = os.path.join(app, "main.svc")
    text = 'service a {\n  image = "nginx"\n  user = 101\n  port http = 8080\n}\n'
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    cwd = os.path.dirname(app)
    unfiltered = lint(cwd)
    codes = {key[0] for keys in unfiltered.values() for key in keys}
    check({"W1001", "W1002", "W1004"} <= codes, f"the policy app has the findings to filter: {codes}")
    client = Client(SVCC, cwd, cache_env(work), args=("--allow", "W1002"))
    init, before = client.wait_response(client.send_request("initialize", {
        "processId": None, "capabilities": {},
        "initializationOptions": {"allow": ["w1001", "E0201", "X9"], "Werror": True}}))
    shown = [m["params"]["message"] for m in before if m.get("method") == "window/showMessage"]
    check(len(shown) == 2 and "E0201" in shown[0] and "X9" in shown[1],
          f"codes that cannot be allowed are shown to the user: {shown}")
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": path_to_uri(path), "languageId": "svc", "version": 1, "text": text}})
    client.sync()
    expected = lint(cwd, ("--allow", "W1002", "--allow", "W1001", "--Werror"))
    got = published(client)
    check(expected == got and expected != unfiltered, f"allow and Werror as `svcc lint` has them\n  lint: {expected}\n  lsp:  {got}")
    severities = {key[5] for keys in got.values() for key in keys}
    check(severities == {1}, f"--Werror makes every finding an error: {severities}")
    client.request("shutdown")
    client.notify("exit")
    check(client.finish()[0] == 0, "policy session ends cleanly")
    bad = subprocess.run([SVCC, "lsp", "--allow", "E0201"], input=b"", cwd=work, capture_output=True, timeout=20)
    check(bad.returncode == 2 and b"cannot be allowed" in bad.stderr, f"`svcc lsp --allow E0201` is a usage error: {bad}")


def test_endings(work):
    client = Client(SVCC, work, cache_env(work))
    client.request("initialize", {"processId": None, "capabilities": {}})
    client.notify("exit")
    check(client.finish()[0] == 1, "exit without shutdown ends with 1")

    garbled = subprocess.run([SVCC, "lsp"], input=b"Content-Length: 12\r\n\r\n{\"a\"", cwd=work, env=cache_env(work),
                             capture_output=True, timeout=20)
    check(garbled.returncode == 1 and garbled.stdout == b"", f"a truncated body ends cleanly: {garbled}")
    garbled = subprocess.run([SVCC, "lsp"], input=b"Content-Length: lots\r\n\r\n{}", cwd=work, env=cache_env(work),
                             capture_output=True, timeout=20)
    check(garbled.returncode == 1 and garbled.stdout == b"", f"a garbled header ends cleanly: {garbled}")


def test_transport_flags(work):
    # vscode-languageclient starts the server as `svcc lsp --stdio` (and node clients may add
    # --clientProcessId=PID): a whole session must work that way.
    client = Client(SVCC, work, cache_env(work), args=("--stdio", "--clientProcessId=4242"))
    result = client.request("initialize", {"processId": None, "capabilities": {}})
    check("capabilities" in result.get("result", {}), f"`svcc lsp --stdio` answers initialize: {result}")
    client.request("shutdown")
    client.notify("exit")
    check(client.finish()[0] == 0, "a `--stdio` session ends cleanly")
    for flag in ("--socket=5000", "--pipe=/tmp/x", "--node-ipc"):
        run = subprocess.run([SVCC, "lsp", flag], input=b"", cwd=work, capture_output=True, timeout=20)
        check(run.returncode == 2 and b"--stdio" in run.stderr and b"not supported" in run.stderr,
              f"`svcc lsp {flag}` is a usage error that names --stdio: {run}")


def error_for_null_id(client):
    message = client.next_message()
    while "method" in message:
        message = client.next_message()
    return message


def test_hostile_input(work):
    client = Client(SVCC, work, cache_env(work))
    # 100,000 nested arrays: refused with an error, and the server goes on.
    client.send_raw("[" * 100000 + "]" * 100000)
    refused = error_for_null_id(client)
    check(refused.get("id") is None and "nested deeper" in refused.get("error", {}).get("message", ""),
          f"deep nesting is refused: {refused}")
    # A body over the 64 MiB limit: skipped, refused, and the next message is served.
    client.send_raw(b" " * ((64 << 20) + 1))
    refused = error_for_null_id(client)
    check(refused.get("id") is None and "over the limit" in refused.get("error", {}).get("message", ""),
          f"an oversized message is refused: {refused}")
    result = client.request("initialize", {"processId": None, "capabilities": {}})
    check("capabilities" in result.get("result", {}), f"the server still answers after hostile messages: {result}")
    client.request("shutdown")
    client.notify("exit")
    check(client.finish()[0] == 0, "the hostile session ends cleanly")

    # A header line that never ends: the server gives up at its bound instead of buffering it.
    proc = subprocess.Popen([SVCC, "lsp"], cwd=work, env=cache_env(work), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b"Content-Length: 2" + b" " * (8 << 20))
        proc.stdin.flush()
    except BrokenPipeError:
        pass  # the server stopped reading, as it should
    try:
        code = proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    stderr = proc.stderr.read()
    check(code == 1 and b"header line" in stderr, f"an endless header line ends the server: {code} {stderr!r}")


def main():
    work = tempfile.mkdtemp(prefix="svcc-lsp-")
    try:
        test_session(work)
        test_stdlib_dir(work)
        test_lint_policy(work)
        test_endings(work)
        test_transport_flags(work)
        test_hostile_input(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("svcc lsp: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
