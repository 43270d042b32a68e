#!/usr/bin/env python3
"""The phase layers of docs/architecture.md#layers, checked against the real build.

compiler/CMakeLists.txt declares the phases bottom-up and writes what each may include
(build/phase_layers.json: the phase, the phases below it that it links, a probe header).
This script proves that the build enforces it:

  probes   For every phase P and every phase Q, a file holding only `#include` of Q's
           probe header is preprocessed with the exact command the build compiles P's
           sources with (build/compile_commands.json). It must be found when P links Q
           (directly or through the phases below) and must fail with "No such file"
           otherwise. parse's ANTLR header must fail everywhere but in parse.
  sources  Every file in a phase folder includes project headers as "phase/name.h" of a
           phase it links, never through `..` (which would walk around the include
           roots), and only parse includes anything else in quotes (ANTLR's headers).
           Headers only a higher phase includes are covered here too.

With --expect-missing PHASE HEADER it compiles (-c, not only -E) one file including
HEADER with PHASE's command and passes only if that fails for the missing header; a file
including PHASE's own probe must compile with the same command, so the command is sound.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.MULTILINE)
MISSING = ("No such file or directory", "file not found")


def load(args):
    with open(args.layers) as f:
        phases = json.load(f)["phases"]
    with open(args.compile_commands) as f:
        commands = json.load(f)
    compiler_dir = os.path.join(os.path.realpath(args.source_dir), "compiler")
    return phases, commands, compiler_dir


def command_for(phase, commands, compiler_dir):
    """The build's command for one source of `phase`, minus its input and outputs."""
    folder = os.path.join(compiler_dir, phase) + os.sep
    for entry in commands:
        if os.path.realpath(entry["file"]).startswith(folder):
            argv = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
            out, skip = [], False
            for arg in argv:
                if skip:
                    skip = False
                elif arg in ("-o", "-MT", "-MF", "-MQ"):
                    skip = True
                elif arg in ("-c", "-MD", "-MMD") or os.path.realpath(os.path.join(entry["directory"], arg)) == os.path.realpath(entry["file"]):
                    pass
                else:
                    out.append(arg)
            return out, entry["directory"]
    raise SystemExit(f"no compile command for a source in compiler/{phase}/ in the compile commands")


def run(command, directory, header, tmp, mode):
    fd, path = tempfile.mkstemp(suffix=".cpp", dir=tmp)
    with os.fdopen(fd, "w") as f:
        f.write(f'#include "{header}"\n')
    argv = command + [mode, path, "-o", os.devnull]
    done = subprocess.run(argv, cwd=directory, capture_output=True, text=True)
    return done.returncode == 0, done.stderr


def missing(stderr, header):
    return header in stderr and any(m in stderr for m in MISSING)


def check_probes(phases, commands, compiler_dir):
    problems, jobs = [], []
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=2) as pool:
        for p in phases:
            command, directory = command_for(p["name"], commands, compiler_dir)
            for q in phases:
                jobs.append((p["name"], q["probe"], q["name"] in p["sees"],
                             pool.submit(run, command, directory, q["probe"], tmp, "-E")))
                if q["private_probe"]:
                    jobs.append((p["name"], q["private_probe"], q["name"] == p["name"],
                                 pool.submit(run, command, directory, q["private_probe"], tmp, "-E")))
        for phase, header, allowed, job in jobs:
            ok, stderr = job.result()
            if allowed and not ok:
                problems.append(f"{phase} may include \"{header}\" but it does not compile:\n{stderr}")
            elif not allowed and ok:
                problems.append(f"{phase} must not see \"{header}\", yet it compiles with {phase}'s flags")
            elif not allowed and not missing(stderr, header):
                problems.append(f"{phase} including \"{header}\" failed, but not for a missing file:\n{stderr}")
    return problems, len(jobs)


def check_sources(phases, compiler_dir):
    problems, files = [], 0
    names = {p["name"] for p in phases}
    for folder in sorted(os.listdir(compiler_dir)):
        if os.path.isdir(os.path.join(compiler_dir, folder)) and folder not in names:
            problems.append(f"compiler/{folder}/ is no phase library: declare it with svcc_phase()")
    for p in phases:
        root = os.path.join(compiler_dir, p["name"])
        for dirpath, _, filenames in os.walk(root):
            for filename in sorted(filenames):
                if not filename.endswith((".h", ".cpp", ".def")):
                    continue
                files += 1
                path = os.path.join(dirpath, filename)
                shown = os.path.relpath(path, os.path.dirname(compiler_dir))
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                for kind, header in INCLUDE.findall(text):
                    top = header.split("/")[0]
                    if ".." in header.split("/"):
                        problems.append(f"{shown}: \"{header}\": includes name a phase, never `..`")
                    elif top in names:
                        if top not in p["sees"]:
                            problems.append(f"{shown}: \"{header}\": {p['name']} does not link {top}")
                    elif kind == '"' and p["name"] != "parse":
                        problems.append(f"{shown}: \"{header}\": project headers are included as \"phase/name.h\"")
    return problems, files


def expect_missing(args, phases, commands, compiler_dir):
    own = next(p for p in phases if p["name"] == args.expect_missing[0])
    header = args.expect_missing[1]
    command, directory = command_for(own["name"], commands, compiler_dir)
    with tempfile.TemporaryDirectory() as tmp:
        sound, stderr = run(command, directory, own["probe"], tmp, "-c")
        if not sound:
            print(f"the control fails: \"{own['probe']}\" does not compile with {own['name']}'s flags:\n{stderr}")
            return 1
        ok, stderr = run(command, directory, header, tmp, "-c")
    if ok:
        print(f"FAIL: a file in {own['name']} including \"{header}\" compiles")
        return 1
    if not missing(stderr, header):
        print(f"FAIL: including \"{header}\" in {own['name']} failed, but not for a missing file:\n{stderr}")
        return 1
    print(f"ok: \"{own['probe']}\" compiles in {own['name']}; \"{header}\" does not:")
    print(stderr.strip())
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", required=True)
    parser.add_argument("--compile-commands", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--expect-missing", nargs=2, metavar=("PHASE", "HEADER"))
    args = parser.parse_args()
    phases, commands, compiler_dir = load(args)
    if args.expect_missing:
        return expect_missing(args, phases, commands, compiler_dir)
    source_problems, files = check_sources(phases, compiler_dir)
    probe_problems, probes = check_probes(phases, commands, compiler_dir)
    for problem in source_problems + probe_problems:
        print(problem)
    if source_problems or probe_problems:
        print(f"FAIL: {len(source_problems)} include(s) outside the layers, {len(probe_problems)} probe(s) wrong")
        return 1
    print(f"ok: {files} files include only the phases they link; {probes} probes compile exactly where allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
