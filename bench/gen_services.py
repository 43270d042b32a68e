#!/usr/bin/env python3
"""Writes a synthetic application of N services (default 10,000) for timing `svcc build`.

Usage: bench/gen_services.py DIR [N]   (writes DIR/app.svc and DIR/services-NNN.svc,
100 services per file). Every service is realistic: a template with an http port,
health and resources; a second port; 2-3 env entries referring to earlier services
(so the graph is acyclic) plus a literal and a secret; `depends on` another earlier
service. Every 5th is built from std.runtime's python recipe, every 10th autoscaled,
every 25th has a volume, every 7th an ingress. Deterministic: no randomness.
"""
import argparse
import os


def name(i):
    return f"svc-{i:05d}"


def service(i):
    built = i % 5 == 0
    bases = "web, runtime.python(version = \"3.12\")" if built else "web"
    lines = [f"service {name(i)} : {bases} {{"]
    if built:
        lines.append('  command = ["python", "app.py"]')
    else:
        lines.append(f'  image = "registry.example.com/bench/{name(i)}:1.0.0"')
        lines.append("  user = 10001")
    lines.append("  port metrics = 9090")
    if i % 10 == 0:
        lines.append("  scale { min = 2; max = 8; cpu = 70% }")
    else:
        lines.append(f"  replicas = {1 + i % 3}")
    if i % 25 == 0:
        lines.append('  volume data { size = 1Gi; mount = "/data" }')
    if i % 7 == 0:
        lines.append(f'  ingress {{ host = "{name(i)}.example.com"; port = http }}')
    lines.append("  env {")
    lines.append('    LOG_LEVEL = "info"')
    lines.append(f'    API_TOKEN = secret("{name(i)}-secrets", "token")')
    for k, back in enumerate((1, 3, 11)):
        if i - back >= 0 and (k < 2 or i % 2 == 0):
            attr = ("url", "address", "host")[k]
            lines.append(f"    DEP_{k}_{attr.upper()} = {name(i - back)}.http.{attr}")
    lines.append("  }")
    if i >= 5:
        lines.append(f"  depends on {name(i - 5)}.metrics")
    lines.append('  labels { tier = "backend" }')
    lines.append("}")
    return "\n".join(lines) + "\n"


HEADER = """import std.runtime

app bench {
  namespace = "bench"
  registry  = "registry.example.com/bench"
  version   = "1.0.0"
  labels { team = "perf" }
}

template web(port: Port = 8080) {
  port http = 80 -> port
  health { path = "/healthz"; port = http }
  resources { cpu = 100m..500m; memory = 128Mi..256Mi }
}
"""


def main():
    # argparse, so that `--help` prints this usage instead of writing an app into a
    # directory named "--help" (which once got committed).
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="directory to write app.svc and services-NNN.svc into")
    parser.add_argument("n", nargs="?", type=int, default=10000, help="number of services")
    args = parser.parse_args()
    out, n = args.dir, args.n
    if n < 0:
        parser.error("n must be 0 or more")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "app.svc"), "w") as f:
        f.write(HEADER)
    # The built services' context (this directory) holds what runtime.python copies, as a
    # real checkout would: svcc checks that it exists (E0520).
    with open(os.path.join(out, "requirements.txt"), "w") as f:
        f.write("")
    per_file = 100
    for start in range(0, n, per_file):
        with open(os.path.join(out, f"services-{start // per_file:03d}.svc"), "w") as f:
            f.write("import std.runtime\n\n")
            f.write("\n".join(service(i) for i in range(start, min(n, start + per_file))))


if __name__ == "__main__":
    main()
