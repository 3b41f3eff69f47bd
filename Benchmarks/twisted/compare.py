#!/usr/bin/env python3
"""Twisted Deferred reference numbers, for quoting ratios against our Swift benchmarks.

Run it from the repository root:

    pip install twisted && python3 Benchmarks/twisted/compare.py

Useful options:

    --repeat N          runs per workload; median and min are reported (default 3)
    --n-create N        iterations of the "create + 3 callbacks + fire" loop (default 200000)
    --skip-million      skip the 1,000,000-step chain (its firing is quadratic in
                        Twisted and takes minutes); a clearly labelled estimate is printed
    --million-repeat N  runs of the 1,000,000-step chain only (default: same as --repeat)
    --keep-gc           leave Python's cyclic GC on while timing (off by default, as timeit does)
    --json              print a JSON object {workload: {median_ns, min_ns, unit}} on stdout;
                        the human table then goes to stderr so stdout stays parseable

Workloads (each mirrors one of the Swift benchmarks):

1. create + 3 callbacks + fire: ``Deferred()``, three ``addCallback(lambda x: x + 1)``,
   ``callback(0)``; reported as ns per iteration.
2. N-step chain fired once: one Deferred with N ``addCallback(lambda x: x + 1)`` steps,
   then ``callback(0)``; adding and firing are timed separately.  Twisted's
   ``_runCallbacks`` takes each callback with ``list.pop(0)``, which shifts the whole
   remaining list, so firing is O(N^2).  10,000 and 100,000 steps are run to show the
   growth before the 1,000,000-step case.
3. 100,000-deep nesting: Deferred i's callback returns Deferred i-1, and each outer
   Deferred is fired during setup so it pauses waiting on the inner one; then the
   innermost is fired and the result has to travel out through all 100,000 levels.
   gatherResults over 10,000 inputs: create 10,000 Deferreds, ``gatherResults`` them,
   fire each one.

Only the standard library and Twisted are used; nothing is installed by this script.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

# Set after argument parsing by _import_twisted(), so that --help works without Twisted.
Deferred = None  # type: ignore[assignment]
gatherResults = None  # type: ignore[assignment]
TWISTED_VERSION = "?"

GROWTH_SIZES = (10_000, 100_000)
MILLION = 1_000_000
NESTING_DEPTH = 100_000
GATHER_WIDTH = 10_000

Phases = Dict[str, int]  # phase name -> elapsed ns for one run


def _import_twisted() -> None:
    global Deferred, gatherResults, TWISTED_VERSION
    try:
        import twisted
        from twisted.internet.defer import Deferred as _Deferred
        from twisted.internet.defer import gatherResults as _gatherResults
    except ImportError as exc:
        print(
            f"Twisted is not importable ({exc}).\n"
            "Install it first:  pip install twisted\n"
            "then run:          python3 Benchmarks/twisted/compare.py",
            file=sys.stderr,
        )
        sys.exit(2)
    Deferred, gatherResults = _Deferred, _gatherResults
    TWISTED_VERSION = getattr(twisted, "__version__", "unknown")


# --------------------------------------------------------------------------- workloads
#
# Each workload function does one complete run and returns the elapsed ns per phase.
# Results are checked after the clock stops: a benchmark that silently computed the
# wrong thing (e.g. a Deferred left paused) would give a flattering number.
#
# The callbacks are written as inline ``lambda x: x + 1`` on purpose: that is what
# Twisted code looks like, and it is what the brief for the Swift comparison specifies.
# It costs one small function-object allocation per addCallback, which is part of the
# honest price of the Python idiom.


def run_create_fire(n: int) -> Phases:
    DeferredT = Deferred  # local lookup: keep the loop's own overhead out of the number
    t0 = time.perf_counter_ns()
    for _ in range(n):
        d = DeferredT()
        d.addCallback(lambda x: x + 1)
        d.addCallback(lambda x: x + 1)
        d.addCallback(lambda x: x + 1)
        d.callback(0)
    t1 = time.perf_counter_ns()
    assert d.result == 3, d.result
    return {"per_iter": (t1 - t0) // n, "_total": t1 - t0}


def run_chain(steps: int) -> Phases:
    d = Deferred()
    add = d.addCallback
    t0 = time.perf_counter_ns()
    for _ in range(steps):
        add(lambda x: x + 1)
    t1 = time.perf_counter_ns()
    d.callback(0)
    t2 = time.perf_counter_ns()
    assert d.result == steps, d.result
    return {"add": t1 - t0, "fire": t2 - t1, "total": t2 - t0}


def run_nesting(depth: int) -> Phases:
    # Building the nest is itself Deferred work (each outer callback() returns an
    # unfired Deferred and pauses on it), so setup is timed too, but "fire" is the
    # number that corresponds to "fire the innermost".
    t0 = time.perf_counter_ns()
    innermost = prev = Deferred()
    for _ in range(depth - 1):
        d = Deferred()
        d.addCallback(lambda _ignored, inner=prev: inner)
        d.callback(None)  # runs the callback now -> d pauses, waiting on `inner`
        prev = d
    outermost = prev
    t1 = time.perf_counter_ns()
    innermost.callback(0)
    t2 = time.perf_counter_ns()
    assert not outermost.paused and outermost.result == 0, outermost.__dict__
    return {"setup": t1 - t0, "fire": t2 - t1, "total": t2 - t0}


def run_gather(width: int) -> Phases:
    t0 = time.perf_counter_ns()
    ds = [Deferred() for _ in range(width)]
    gathered = gatherResults(ds)
    t1 = time.perf_counter_ns()
    for i, d in enumerate(ds):
        d.callback(i)
    t2 = time.perf_counter_ns()
    assert gathered.result == list(range(width))
    return {"setup": t1 - t0, "fire": t2 - t1, "total": t2 - t0}


# --------------------------------------------------------------------------- harness


@dataclass
class Metric:
    name: str
    unit: str  # human description of what one number means
    per_iteration: bool  # True: ns per iteration (shown in ns); False: whole run (shown in s)
    samples: List[int] = field(default_factory=list)

    @property
    def median_ns(self) -> int:
        return int(statistics.median(self.samples))

    @property
    def min_ns(self) -> int:
        return min(self.samples)


def log(msg: str) -> None:
    # Progress goes to stderr so --json stdout stays clean and long runs show life.
    print(msg, file=sys.stderr, flush=True)


def measure(
    fn: Callable[[], Phases], repeat: int, keep_gc: bool, label: str
) -> Dict[str, List[int]]:
    """Run fn `repeat` times; return phase -> list of ns samples."""
    samples: Dict[str, List[int]] = {}
    for i in range(repeat):
        # Collect leftovers from the previous run outside the timed region, then keep
        # the cyclic GC off while timing (as timeit does): these workloads allocate
        # hundreds of thousands of objects, and when a collection happens to land is
        # noise, not Deferred cost.  --keep-gc measures the other way.
        gc.collect()
        if not keep_gc:
            gc.disable()
        try:
            phases = fn()
        finally:
            gc.enable()
        for phase, ns in phases.items():
            samples.setdefault(phase, []).append(ns)
        shown = ", ".join(
            f"{p}={_fmt_s(ns)}" for p, ns in phases.items() if not p.startswith("_")
        )
        log(f"  {label}: run {i + 1}/{repeat}: {shown}")
    gc.collect()
    return samples


def _fmt_s(ns: float) -> str:
    s = ns / 1e9
    if s >= 1:
        return f"{s:.3f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{ns / 1e3:.1f} us"


def _fmt_value(m: Metric, ns: float) -> str:
    return f"{ns:,.0f} ns" if m.per_iteration else _fmt_s(ns)


def estimate_million_fire(growth: Dict[int, int]) -> Optional[Tuple[float, float]]:
    """(estimated ns, exponent): power law through the two largest measured sizes."""
    sizes = sorted(growth)
    if len(sizes) < 2:
        return None
    n1, n2 = sizes[-2], sizes[-1]
    exponent = math.log(growth[n2] / growth[n1]) / math.log(n2 / n1)
    return growth[n2] * (MILLION / n2) ** exponent, exponent


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        description="Benchmark Twisted's Deferred for comparison with the Swift benchmarks."
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs per workload (default 3)")
    ap.add_argument(
        "--n-create",
        type=int,
        default=200_000,
        help="iterations of the create+3 callbacks+fire loop (default 200000)",
    )
    ap.add_argument(
        "--skip-million", action="store_true", help="skip the 1,000,000-step chain"
    )
    ap.add_argument(
        "--million-repeat",
        type=int,
        default=None,
        help="runs of the 1,000,000-step chain (default: --repeat)",
    )
    ap.add_argument(
        "--keep-gc", action="store_true", help="leave the cyclic GC enabled while timing"
    )
    ap.add_argument("--json", action="store_true", help="emit JSON on stdout")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.n_create < 1:
        ap.error("--repeat and --n-create must be >= 1")
    million_repeat = args.repeat if args.million_repeat is None else args.million_repeat
    if million_repeat < 1:
        ap.error("--million-repeat must be >= 1")

    _import_twisted()

    # With --json the human report goes to stderr so that `> results.json` works.
    out = sys.stderr if args.json else sys.stdout

    def say(line: str = "") -> None:
        print(line, file=out, flush=True)

    impl = platform.python_implementation()
    say(f"Twisted {TWISTED_VERSION}")
    say(f"{impl} {platform.python_version()} ({platform.python_build()[1]})")
    say(f"{platform.platform()}, {platform.machine()}")
    if impl != "CPython":
        say(f"note: running on {impl}, not CPython; numbers are not comparable to CPython's")
    say(
        f"repeat={args.repeat}, n-create={args.n_create:,}, "
        f"cyclic GC {'ON' if args.keep_gc else 'off'} while timing"
    )
    say()

    metrics: List[Metric] = []

    def add_metrics(samples: Dict[str, List[int]], specs: List[tuple]) -> None:
        for phase, name, unit, per_iter in specs:
            metrics.append(Metric(name, unit, per_iter, samples[phase]))

    # 1. create + 3 callbacks + fire. A short warm-up lets CPython's specialising
    #    interpreter settle before the clock starts.
    run_create_fire(1_000)
    s = measure(lambda: run_create_fire(args.n_create), args.repeat, args.keep_gc, "create+3cb+fire")
    add_metrics(
        s,
        [
            (
                "per_iter",
                "create + 3 callbacks + fire",
                f"ns per iteration (mean over {args.n_create:,} iterations)",
                True,
            )
        ],
    )

    # 2. long chains: the growth sizes first, then the million.
    fire_medians: Dict[int, int] = {}
    chain_sizes = list(GROWTH_SIZES) + ([] if args.skip_million else [MILLION])
    for steps in chain_sizes:
        reps = million_repeat if steps == MILLION else args.repeat
        s = measure(lambda st=steps: run_chain(st), reps, args.keep_gc, f"chain {steps:,}")
        label = f"{steps:,}-step chain fired once"
        add_metrics(
            s,
            [
                ("add", f"{label}: add", f"ns for {steps:,} addCallback calls", False),
                ("fire", f"{label}: fire", f"ns for callback(0) through {steps:,} steps", False),
                ("total", f"{label}: total", "ns, add + fire", False),
            ],
        )
        fire_medians[steps] = int(statistics.median(s["fire"]))

    # 3. deep nesting and wide fan-in.
    s = measure(lambda: run_nesting(NESTING_DEPTH), args.repeat, args.keep_gc, "nesting")
    label = f"{NESTING_DEPTH:,}-deep nesting"
    add_metrics(
        s,
        [
            ("setup", f"{label}: setup", f"ns to build {NESTING_DEPTH:,} paused, nested Deferreds", False),
            ("fire", f"{label}: fire innermost", "ns for innermost.callback(0) to reach the outermost", False),
            ("total", f"{label}: total", "ns, setup + fire", False),
        ],
    )
    s = measure(lambda: run_gather(GATHER_WIDTH), args.repeat, args.keep_gc, "gatherResults")
    label = f"gatherResults over {GATHER_WIDTH:,} inputs"
    add_metrics(
        s,
        [
            ("setup", f"{label}: setup", f"ns to create {GATHER_WIDTH:,} Deferreds + gatherResults", False),
            ("fire", f"{label}: fire", f"ns to fire all {GATHER_WIDTH:,} inputs", False),
            ("total", f"{label}: total", "ns, setup + fire", False),
        ],
    )

    # ---- human table
    name_w = max(len(m.name) for m in metrics)
    say()
    say(f"{'workload':<{name_w}}  {'median':>14}  {'min':>14}  runs")
    say("-" * (name_w + 38))
    for m in metrics:
        say(
            f"{m.name:<{name_w}}  {_fmt_value(m, m.median_ns):>14}  "
            f"{_fmt_value(m, m.min_ns):>14}  {len(m.samples):>4}"
        )

    # Per-step fire cost makes the quadratic growth visible at a glance: a linear
    # implementation would show a flat ns/step column.
    say()
    say("chain firing cost per step (median):")
    for steps, ns in fire_medians.items():
        say(f"  {steps:>9,} steps: {ns / steps:>10,.0f} ns/step")
    if args.skip_million:
        est = estimate_million_fire(fire_medians)
        say()
        say(f"  {MILLION:,}-step chain: SKIPPED (--skip-million); not measured.")
        if est is not None:
            est_ns, exponent = est
            say(
                f"  ESTIMATE ONLY: extrapolating fire time ~ steps^{exponent:.2f} from the two "
                f"largest sizes gives ~{_fmt_s(est_ns)} to fire {MILLION:,} steps.\n"
                "  Treat it as a lower bound: the pop(0) memmove slows further once the\n"
                "  callback list no longer fits in CPU cache."
            )

    if args.json:
        payload = {
            m.name: {"median_ns": m.median_ns, "min_ns": m.min_ns, "unit": m.unit}
            for m in metrics
        }
        json.dump(payload, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
