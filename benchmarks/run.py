"""Runs every benchmark script in this folder, one after another (`make bench`), and writes
benchmarks/results/summary.md: a table with each benchmark's outcome, duration and verdicts, then each
one's figures (its Markdown tables and the lines that state a rate, a ratio or a target), all measured in
this one run. Each script's full output is kept beside it (benchmarks/results/<name>.txt).

Quick sizes by default, so that the whole run stays bounded; `--full` lets every script use its own
defaults (the 100 000-institution runs, 2 000 complaints). Names select scripts:

    make bench                                         # every benchmark, quick sizes
    make bench BENCH_ARGS="--full"                     # every benchmark, full sizes
    make bench BENCH_ARGS="memory guidance_pages"      # only these two
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
SKIP = {"run.py", "server.py"}
# Arguments for a quick run; a script not listed runs with its own defaults (already quick).
QUICK_ARGS = {
    "directory_search": ["1000", "10000"],
    "directory_data": ["10000", "--pages", "1000", "5000"],
    "directory_import": ["50000"],
    "guidance_pages": ["12", "50"],
    "complaints_reliability": ["--n", "200", "--clients", "16", "--flood", "20"],
}
# A line that states a result: a verdict, a ratio, a rate.
VERDICT = re.compile(r"target|目标|RESULT|meets|MISSES|达标|STILL OPEN")
FIGURE = re.compile(r"×|ratio|/s\b|\bms\b|\bMB\b|" + VERDICT.pattern)


def scripts(names):
    # Scripts are the files that run as a program; helper modules (settings, shared code) are not.
    found = sorted(
        p for p in HERE.glob("*.py") if p.name not in SKIP and 'if __name__ == "__main__"' in p.read_text()
    )
    return [p for p in found if not names or p.stem in names]


def run(script, full):
    """(exit code, seconds, stdout lines): stdout is shown as it comes and kept; stderr goes to the console."""
    command = [sys.executable, str(script), *([] if full else QUICK_ARGS.get(script.stem, []))]
    print(f"\n=== {' '.join([script.name, *command[2:]])} ===", flush=True)
    started = time.monotonic()
    lines = []
    with subprocess.Popen(command, cwd=HERE.parent, stdout=subprocess.PIPE, text=True, bufsize=1) as process:
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line.rstrip("\n"))
    (RESULTS / f"{script.stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return process.returncode, time.monotonic() - started, lines


def figures(lines):
    """The lines of a script's output that carry its results: Markdown tables, JSON reports, figures."""
    return [
        line
        for line in lines
        if line.startswith("|") or line.startswith("{") or (FIGURE.search(line) and re.search(r"\d", line))
    ]


def cell(text):
    return text.replace("|", "¦").strip()


def summary(outcomes, full):
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent, capture_output=True, text=True
    ).stdout.strip()
    out = [
        "# Benchmarks",
        "",
        f"{datetime.datetime.now():%Y-%m-%d %H:%M}, commit {commit}, {os.cpu_count()} cores, "
        f"load average {load} at the end, {'full' if full else 'quick'} sizes. Ratios are measured within "
        "one run; absolute times depend on the machine's load.",
        "",
        "| benchmark | outcome | minutes | verdicts |",
        "| --- | --- | ---: | --- |",
    ]
    for name, (code, seconds, lines) in outcomes.items():
        verdicts = [cell(line) for line in lines if VERDICT.search(line) and not line.startswith("|")]
        outcome = "ok" if code == 0 else f"FAILED (exit {code})"
        out.append(f"| {name} | {outcome} | {seconds / 60:.1f} | {'<br>'.join(verdicts)} |")
    for name, (_, _, lines) in outcomes.items():
        out += ["", f"## {name}", ""]
        previous_was_table = None  # a table needs a blank line before and after it
        for line in figures(lines):
            is_table = line.startswith("|")
            if previous_was_table is not None and is_table != previous_was_table:
                out.append("")
            out.append(line if is_table else f"- {line.strip()}")
            previous_was_table = is_table
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (file names without .py); default all")
    parser.add_argument("--full", action="store_true", help="every script with its own (full) sizes")
    options = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    outcomes = {script.stem: run(script, options.full) for script in scripts(options.names)}
    report = RESULTS / "summary.md"
    report.write_text(summary(outcomes, options.full), encoding="utf-8")
    print(f"\n{report.relative_to(HERE.parent)}:\n\n{report.read_text(encoding='utf-8')}")
    failed = [name for name, (code, _, _) in outcomes.items() if code != 0]
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
