#!/usr/bin/env python3
"""Runs the benchmark suite several times and prints same-run ratios.

    cd Benchmarks && python3 ratios.py --runs 3

Each run is one `swift package benchmark`; within a run every benchmark's p50 wall-clock time is
read from the harness's table. A ratio is computed inside each run (so both sides saw the same
machine state), and the table shows the median over runs of each p50 and of each ratio.
Only the standard library is used.
"""

import argparse
import re
import statistics
import subprocess
import sys

UNITS = {"ns": 1, "us": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 1_000_000_000}

# (label, numerator benchmark, denominator benchmark, goal)
RATIOS = [
    ("create+3 callbacks+fire: DeferredKit / NIO", "1 create+3 callbacks+fire: DeferredKit",
     "1 create+3 callbacks+fire: NIO EmbeddedEventLoop", "<= 0.5"),
    ("1M-step chain: DeferredKit / NIO", "2 1M-step chain: DeferredKit", "2 1M-step chain: NIO map", "<= 0.5"),
    ("100k-deep nesting: DeferredKit / NIO", "3 100k-deep nesting: DeferredKit",
     "3 100k-deep nesting: NIO flatMap", "-"),
    ("gatherResults 10k: DeferredKit / NIO", "3 gatherResults 10k: DeferredKit",
     "3 gatherResults 10k: NIO whenAllSucceed", "-"),
]
for name in ["1 create+3 callbacks+fire: DeferredKit", "2 1M-step chain: DeferredKit",
             "3 100k-deep nesting: DeferredKit", "3 gatherResults 10k: DeferredKit"]:
    short = name[2:]
    RATIOS.append((f"{short}: discarding observer / none", f"{name} (discarding observer)", name, "<= 1.10"))
    RATIOS.append((f"{short}: recording observer / none", f"{name} (recording observer)", name, "<= 1.5"))


def run_once():
    """One suite run: benchmark name -> p50 wall clock in ns."""
    out = subprocess.run(["swift", "package", "benchmark"], capture_output=True, text=True, check=True).stdout
    results, current = {}, None
    for line in out.splitlines():
        if re.match(r"^\d ", line):
            current = line.strip()
        match = re.match(r"^│ Time \(wall clock\) \((\w+)\) \*\s*│([^│]+)│([^│]+)│([^│]+)│", line)
        if current and match:
            unit, p50 = match.group(1), float(match.group(4).strip().replace(",", ""))
            results[current] = p50 * UNITS[unit]
    return results


def show(nanoseconds):
    """A duration in the unit that keeps three significant digits."""
    for unit, factor in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if nanoseconds >= factor:
            return f"{nanoseconds / factor:.3g} {unit}"
    return f"{nanoseconds:.0f} ns"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for index in range(args.runs):
        print(f"run {index + 1}/{args.runs} ...", file=sys.stderr)
        runs.append(run_once())
    names = sorted(runs[0])
    print("p50 wall clock, median over runs:")
    for name in names:
        values = [run[name] for run in runs if name in run]
        print(f"  {name:62} {show(statistics.median(values)):>10}   (runs: " + ", ".join(map(show, values)) + ")")
    print("\nratios (computed within each run; median, then each run):")
    for label, numerator, denominator, goal in RATIOS:
        values = [run[numerator] / run[denominator] for run in runs if numerator in run and denominator in run]
        if values:
            print(f"  {label:58} {statistics.median(values):5.2f}x  goal {goal:7}  ("
                  + ", ".join(f"{v:.2f}" for v in values) + ")")


if __name__ == "__main__":
    main()
