"""The long fuzz run: every property-based test of tests/fuzz at 10,000 examples, in strict mode.

    nice -n 19 .venv/bin/python bench/fuzz_all.py [--examples 10000] [--pipeline-examples N] [--readers-only]
        [--jobs 2] [-k EXPR] [--logs DIR] [--json FILE]

Each test (one per reader kind, encoding or input flavour, as parametrised in
tests/fuzz/test_readers.py and tests/fuzz/test_pipeline_fuzz.py) runs in its own pytest
process with RASAD_FUZZ_EXAMPLES set and RASAD_FUZZ_STRICT=1 (the open-bug list of
tests/fuzz/invariants.py is ignored: every crash counts), `--jobs` at a time. The count printed
is measured, not assumed: pytest's --hypothesis-show-statistics says how many examples each
phase ran, passing and failing, and that is what the table shows, with the wall time of the
test's process. A failing test's whole output (the falsifying example, the traceback) is kept in
--logs. Exit status 1 if any test failed or ran fewer examples than asked.

CI runs the same tests at the small default (200 examples, tests/fuzz/strategies.py); this
script is for the long run only.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FUZZ_FILES = ["tests/fuzz/test_readers.py", "tests/fuzz/test_pipeline_fuzz.py"]
PIPELINE_FILE = "tests/fuzz/test_pipeline_fuzz.py"
# "- 10000 passing, 0 failing, and 12 invalid test cases" under "- during generate phase (...)"
_PHASE = re.compile(r"- during (\w+) phase \(([\d.]+) seconds\):(.*?)(?=- during \w+ phase|\Z)", re.DOTALL)
_COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")
_STOPPED = re.compile(r"- Stopped because (.+)")


def collect(files: list[str], keyword: str | None) -> list[str]:
    """The node ids of the fuzz tests (one per parameter)."""
    argv = [sys.executable, "-m", "pytest", "--collect-only", "-o", "addopts=", "-q", "-p", "no:cacheprovider", *files]
    if keyword:
        argv += ["-k", keyword]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True)
    ids = [line.strip() for line in done.stdout.splitlines() if "::" in line]
    if not ids:
        sys.exit(f"fuzz_all: no tests collected:\n{done.stdout}\n{done.stderr}")
    return ids


def statistics(output: str, node: str) -> dict:
    """Examples per phase from the Hypothesis statistics pytest printed for `node`."""
    at = output.find(node + ":")
    section = output[at:] if at >= 0 else ""
    following = re.search(r"\n(?:tests/\S+::\S+:|=+ )", section[len(node) + 1:])
    if following:
        section = section[:len(node) + 1 + following.start()]
    phases = {}
    for name, seconds, body in _PHASE.findall(section):
        counts = _COUNTS.search(body)
        if counts:
            passing, failing, invalid = map(int, counts.groups())
            phases[name] = {"passing": passing, "failing": failing, "invalid": invalid, "seconds": float(seconds)}
    stopped = _STOPPED.search(section)
    return {"phases": phases, "stopped": stopped.group(1).strip() if stopped else None}


def run_one(node: str, examples: int, logs: Path, readers_only: bool = False) -> dict:
    env = {**os.environ, "RASAD_FUZZ_EXAMPLES": str(examples), "RASAD_FUZZ_STRICT": "1",
           "RASAD_FUZZ_ANALYSE": "0" if readers_only and not node.startswith(PIPELINE_FILE) else "1",
           "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
            "-W", "ignore::DeprecationWarning", node]
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    stats = statistics(output, node)
    phases = stats["phases"]
    # examples run = the distinct inputs tried before any shrinking (reuse/explicit/generate);
    # shrinking a failure tries variants of the one falsifying example, counted apart
    run_phases = [p for name, p in phases.items() if name != "shrink"]
    ran = sum(p["passing"] + p["failing"] for p in run_phases)
    failing = sum(p["failing"] for p in run_phases)
    result = {"test": node, "asked": examples, "analysed": env["RASAD_FUZZ_ANALYSE"] == "1", "examples": ran, "failing_examples": failing,
              "invalid": sum(p["invalid"] for p in run_phases),
              "shrink_examples": sum(p["passing"] + p["failing"] for n, p in phases.items() if n == "shrink"),
              "passed": done.returncode == 0, "returncode": done.returncode, "seconds": round(seconds, 1),
              "stopped": stats["stopped"], "error": None, "log": None}
    if done.returncode != 0 or not phases:
        logs.mkdir(parents=True, exist_ok=True)
        log = logs / (re.sub(r"[^\w.-]+", "_", node) + ".log")
        log.write_text(output, encoding="utf-8")
        result["log"] = str(log)
        errors = re.findall(r"^E\s+(\S.*)$", output, re.MULTILINE)
        result["error"] = errors[0][:160] if errors else output.strip().splitlines()[-1][:160] if output.strip() else "?"
    return result


def short(node: str) -> str:
    return node.replace("tests/fuzz/", "").replace(".py::", "::")


def table(results: list[dict]) -> str:
    width = max(len(short(r["test"])) for r in results)
    lines = [f"{'test':{width}}  {'examples':>8}  {'failures':>8}  {'invalid':>7}  {'wall s':>7}  {'pipeline':>8}  result",
             "-" * (width + 56)]
    for r in results:
        status = "ok" if r["passed"] else f"FAIL: {r['error']}"
        if r["passed"] and r["examples"] < r["asked"]:
            status = f"ok, but stopped early: {r['stopped']}"
        lines.append(f"{short(r['test']):{width}}  {r['examples']:>8}  {r['failing_examples'] + (not r['passed'] and not r['failing_examples']):>8}"
                     f"  {r['invalid']:>7}  {r['seconds']:>7.0f}  {'yes' if r['analysed'] else 'no':>8}  {status}")
    total = sum(r["examples"] for r in results)
    failed = sum(not r["passed"] for r in results)
    lines.append("-" * (width + 56))
    lines.append(f"{len(results)} tests, {total} examples, {failed} failed, "
                 f"{sum(r['seconds'] for r in results) / 60:.0f} min of test time")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000, help="examples per test (default 10000)")
    ap.add_argument("--pipeline-examples", type=int, default=None,
                    help=f"examples per test of {PIPELINE_FILE} (default: --examples)")
    ap.add_argument("--readers-only", action="store_true",
                    help="the reader tests check the readers' output without running the pipeline on it "
                         "(RASAD_FUZZ_ANALYSE=0); the pipeline tests run as always")
    ap.add_argument("--jobs", type=int, default=2, help="tests run at once (default 2)")
    ap.add_argument("-k", dest="keyword", help="only the tests pytest -k selects")
    ap.add_argument("--logs", default=str(REPO / "bench" / "fuzz_logs"),
                    help="where a failing test's output is kept (default bench/fuzz_logs)")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    args = ap.parse_args(argv)

    nodes = collect(FUZZ_FILES, args.keyword)
    asked = {node: args.pipeline_examples if node.startswith(PIPELINE_FILE) and args.pipeline_examples
             else args.examples for node in nodes}
    print(f"fuzz_all: {len(nodes)} tests, {args.jobs} at a time, RASAD_FUZZ_STRICT=1"
          + (", readers only (RASAD_FUZZ_ANALYSE=0 in test_readers)" if args.readers_only else "")
          + ", examples per test: "
          + ", ".join(f"{n} ({sum(v == n for v in asked.values())} tests)" for n in sorted(set(asked.values()))),
          file=sys.stderr, flush=True)
    started = time.perf_counter()
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_one, node, asked[node], Path(args.logs), args.readers_only): node for node in nodes}
        for future in concurrent.futures.as_completed(futures):
            r = future.result()
            results[r["test"]] = r
            print(f"[{len(results)}/{len(nodes)} {time.perf_counter() - started:6.0f}s] {short(r['test'])}: "
                  f"{r['examples']} examples, {'ok' if r['passed'] else 'FAIL ' + str(r['error'])} "
                  f"({r['seconds']:.0f} s)", file=sys.stderr, flush=True)
    ordered = [results[node] for node in nodes]
    print(table(ordered))
    print(f"wall time {(time.perf_counter() - started) / 60:.1f} min with {args.jobs} jobs")
    if args.json:
        Path(args.json).write_text(json.dumps(ordered, indent=1, ensure_ascii=False), encoding="utf-8")
    bad = [r for r in ordered if not r["passed"] or r["examples"] < r["asked"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
