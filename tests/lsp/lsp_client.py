"""A small Language Server Protocol client for svcc's tests and benchmarks: starts
`svcc lsp`, frames JSON-RPC messages with Content-Length headers, and reads what the
server sends on a background thread."""

import json
import os
import queue
import subprocess
import threading
import time
import urllib.parse


def path_to_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


class Client:
    def __init__(self, svcc, cwd, env=None, args=()):
        self.proc = subprocess.Popen([svcc, "lsp", *args], cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 1
        self.diagnostics = {}  # uri -> the last published list
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def send_raw(self, body):
        data = body if isinstance(body, bytes) else body.encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send_raw(json.dumps(message))

    def send_request(self, method, params=None):
        request_id = self.next_id
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send_raw(json.dumps(message))
        return request_id

    def next_message(self, timeout=20):
        message = self.messages.get(timeout=timeout)
        if message is None:
            raise EOFError("svcc lsp closed its output")
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        return message

    def wait_response(self, request_id, timeout=20):
        """The response to `request_id`, and the notifications that came before it."""
        before = []
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(0.1, deadline - time.monotonic()))
            if message.get("id") == request_id and "method" not in message:
                return message, before
            before.append(message)

    def request(self, method, params=None):
        return self.wait_response(self.send_request(method, params))[0]

    def wait_diagnostics(self, uri, timeout=20):
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(0.1, deadline - time.monotonic()))
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def sync(self):
        """Every notification the server sent for what was sent before (answers come in order)."""
        return self.wait_response(self.send_request("$/svcc/sync"))[1]

    def finish(self, timeout=20):
        self.proc.stdin.close()
        code = self.proc.wait(timeout)
        return code, self.proc.stderr.read().decode()
