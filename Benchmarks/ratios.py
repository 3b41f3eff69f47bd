#!/usr/bin/env python3
"""Runs the benchmark suite several times and prints same-run ratios.

    cd Benchmarks && python3 ratios.py --runs 3
    cd Benchmarks && python3 ratios.py --runs 3 --target AgentBenchmarks   # the agent's cost only
    cd Benchmarks && python3 ratios.py --runs 3 --target TracingBenchmarks # DeferscopeTracing's cost
    python3 ratios.py --runs 3 --max-others 0.1   # on a shared machine: repeat runs others disturbed

Each run is one `swift package benchmark` (of the targets given, or all); within a run every
benchmark's p50 wall-clock time is read from the harness's table. A ratio is computed inside each
run (so both sides saw the same machine state), and the table shows the median over runs of each
p50 and of each ratio.
Only the standard library is used.
"""

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time

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
# The agent (AgentBenchmarks): (b) started with no client, (c) one client streaming, against (a) none.
for threads in ["1 thread", "2 threads"]:
    name = f"5 create+3 callbacks+fire x10k, {threads}"
    RATIOS.append((f"agent, {threads}: no client / no agent", f"{name}: agent, no client", f"{name}: no agent",
                   "<= 1.10"))
    RATIOS.append((f"agent, {threads}: 1 client streaming / no agent", f"{name}: agent, 1 client streaming",
                   f"{name}: no agent", "<= 1.5"))
# DeferscopeTracing (TracingBenchmarks): each tracing setup against no tracing at all.
for setting, goal in [("install() with no tracer bootstrapped", "<= 1.05"), ("observer with a NoOpTracer", "-"),
                      ("observer selecting no Deferred", "-"), ("observer with an InMemoryTracer", "-")]:
    RATIOS.append((f"tracing: {setting} / none", f"6 create+3 callbacks+fire, tracing: {setting}",
                   "6 create+3 callbacks+fire, tracing: none", goal))


def machine_busy():
    """Seconds every CPU of the machine has been busy (/proc/stat; steal counts: the host took it)."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def run_once(targets, scratch_path):
    """One suite run: (benchmark name -> p50 wall clock in ns, cores other processes used on
    average during the run). On a shared VM, a run they disturbed is worth repeating."""
    command = ["swift", "package"] + (["--scratch-path", scratch_path] if scratch_path else []) + ["benchmark"]
    for target in targets:
        command += ["--target", target]
    busy, children, start = machine_busy(), resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    out = completed.stdout
    # What the agent benchmarks' client got (AgentBenchmarks writes it to stderr at teardown).
    for line in (completed.stdout + completed.stderr).splitlines():
        if line.startswith("agent benchmark client:"):
            print("  " + line, file=sys.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    others = max(0.0, machine_busy() - busy - ours) / (time.monotonic() - start)
    print(f"  other processes used {others:.2f} cores on average during this run", file=sys.stderr)
    results, current = {}, None
    for line in out.splitlines():
        if re.match(r"^\d ", line):
            current = line.strip()
        match = re.match(r"^│ Time \(wall clock\) \((\w+)\) \*\s*│([^│]+)│([^│]+)│([^│]+)│", line)
        if current and match:
            unit, p50 = match.group(1), float(match.group(4).strip().replace(",", ""))
            results[current] = p50 * UNITS[unit]
    return results, others


def wait_for_quiet(limit, seconds=600):
    """Waits (up to `seconds`) for three seconds in which the machine is busy less than `limit` cores."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        busy = machine_busy()
        time.sleep(3)
        if (machine_busy() - busy) / 3 < limit:
            return


def show(nanoseconds):
    """A duration in the unit that keeps three significant digits."""
    for unit, factor in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if nanoseconds >= factor:
            return f"{nanoseconds / factor:.3g} {unit}"
    return f"{nanoseconds:.0f} ns"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--target", action="append", default=[], help="benchmark target to run (repeatable)")
    parser.add_argument("--scratch-path", help="passed to `swift package` (a build folder of your own)")
    parser.add_argument("--max-others", type=float,
                        help="start each run on a quiet machine, and repeat (up to 5 times) a run during which other "
                             "processes used more than this many cores on average")
    args = parser.parse_args()
    runs = []
    for index in range(args.runs):
        for attempt in range(5 if args.max_others is not None else 1):
            if args.max_others is not None:
                wait_for_quiet(args.max_others)
            print(f"run {index + 1}/{args.runs} ...", file=sys.stderr)
            results, others = run_once(args.target, args.scratch_path)
            if args.max_others is None or others <= args.max_others:
                break
            print("  disturbed: run again", file=sys.stderr)
        runs.append(results)
    names = sorted(runs[0])
    print("p50 wall clock, median over runs:")
    for name in names:
        values = [run[name] for run in runs if name in run]
        print(f"  {name:70} {show(statistics.median(values)):>10}   (runs: " + ", ".join(map(show, values)) + ")")
    print("\nratios (computed within each run; median, then each run):")
    for label, numerator, denominator, goal in RATIOS:
        values = [run[numerator] / run[denominator] for run in runs if numerator in run and denominator in run]
        if values:
            print(f"  {label:58} {statistics.median(values):5.2f}x  goal {goal:7}  ("
                  + ", ".join(f"{v:.2f}" for v in values) + ")")


if __name__ == "__main__":
    main()
