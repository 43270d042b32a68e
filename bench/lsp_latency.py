#!/usr/bin/env python3
"""Latency of an `svcc lsp` re-check (issue 7, item 6; docs/performance.md, "Language
server latency"): the time from sending `textDocument/didChange` for a ~1,000-line file
to receiving its `textDocument/publishDiagnostics`, through the real binary and real
stdio framing. The app is bench/gen_services.py's, with 65 services in one file.

Usage: bench/lsp_latency.py SVCC [RUNS]   (default 50 runs; prints best, median, mean and
the server's resident memory at the end)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lsp"))
from lsp_client import Client, path_to_uri  # noqa: E402


def main():
    svcc = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    work = tempfile.mkdtemp(prefix="svcc-lsp-bench-")
    try:
        app = os.path.join(work, "app")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_services.py"), app, "65"], check=True)
        path = os.path.join(app, "services-000.svc")
        text = open(path, encoding="utf-8").read()
        uri = path_to_uri(path)
        client = Client(svcc, work, dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache")))
        client.request("initialize", {"processId": None, "capabilities": {}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "svc", "version": 1, "text": text}})
        first = client.wait_diagnostics(uri)
        if any(d["severity"] == 1 for d in first):
            sys.exit(f"the benchmark app has errors: {first[:3]}")
        times = []
        for run in range(runs):
            # A different edit each time: the replica count of the first service.
            edited = text.replace("replicas = 1", f"replicas = {2 + run % 3}", 1)
            start = time.perf_counter()
            client.notify("textDocument/didChange",
                          {"textDocument": {"uri": uri, "version": run + 2}, "contentChanges": [{"text": edited}]})
            client.wait_diagnostics(uri)
            times.append((time.perf_counter() - start) * 1000)
        with open(f"/proc/{client.proc.pid}/status") as status:
            rss = next((line.split()[1] for line in status if line.startswith("VmRSS:")), "?")
        client.request("shutdown")
        client.notify("exit")
        client.finish()
        lines = text.count("\n")
        print(f"re-check after an edit of a {lines}-line file ({runs} runs): best {min(times):.1f} ms, "
              f"median {statistics.median(times):.1f} ms, mean {statistics.mean(times):.1f} ms; "
              f"server resident memory afterwards {int(rss) // 1024} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
