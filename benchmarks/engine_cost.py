"""The rule engine's cost per case (``Assessor.assess`` alone), in time and in instructions,
so that the engine can be compared before and after the knowledge base grows.

    uv run python benchmarks/engine_cost.py [PATH ...] [--repeat 20] [--instructions]

Time: each case assessed ``--repeat`` times after a warm-up, the median per case reported
with p95 (wall time on a shared machine drifts; compare figures from one run only).
``--instructions`` also runs this script under ``valgrind --tool=callgrind``, building the
engine, loading the cases and assessing every case ``--instr-repeat`` times, and counts
only the instructions of the assessments (callgrind collects inside ``functools.reduce``,
which runs them): a count per assessment that other work on the machine does not change.
It is what the earlier method (two runs, with and without the assessments, subtracted)
measured, in one run. The built network is frozen for the collector first, as batch workers
freeze it (figures before 2026-12-04's fifth session were counted unfrozen and carry up to
0.2 M of a collection's cost that fell in the counted run by chance). ``--no-trace`` assesses without the firing-by-firing trace, as batch
scoring and the CDS Hooks service do.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_cases(paths: list[str]) -> list:
    from engine.cases import Case, case_files, load_file

    return [c for path in case_files(paths) for c in load_file(path) if isinstance(c, Case)]


def callgrind_instructions(argv: list[str]) -> int:
    """Instructions executed inside ``functools.reduce`` by ``argv`` (a Python command),
    counted by callgrind."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           "--toggle-collect=functools_reduce", *argv], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"callgrind run failed: {done.stderr[-800:]}")
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"no instruction count in callgrind's output: {done.stderr[-800:]}")
    return int(found.group(1))


def _phase(paths: list[str], repeat: int, with_trace: bool) -> None:
    """What runs under callgrind: build, load, then ``repeat`` assessments of each case
    inside ``functools.reduce`` (where callgrind counts)."""
    import functools
    import gc

    from engine.assessment import Assessor

    assessor = Assessor()
    cases = load_cases(paths)
    # as batch scoring runs them (engine/batch.py): the collector's thresholds raised and the
    # built network frozen, so that a full collection walking the network does not land in
    # the counted assessments by the luck of the allocation count (adding two entries to
    # sources.yaml moved the unfrozen count by 0.22 M a case, two rules by 0.02 M)
    gc.set_threshold(50_000, 20, 100)
    gc.freeze()
    functools.reduce(lambda _, case: assessor.assess(case, with_trace) and None,
                     cases * repeat, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["cases"])
    parser.add_argument("--repeat", type=int, default=20, help="timed assessments per case")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per assessment with callgrind")
    parser.add_argument("--instr-repeat", type=int, default=3,
                        help="assessments per case in the counted run")
    parser.add_argument("--no-trace", action="store_true",
                        help="assess without the firing-by-firing trace")
    parser.add_argument("--phase", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    with_trace = not args.no_trace
    if args.phase is not None:
        _phase(args.paths, args.phase, with_trace)
        return

    from engine.assessment import Assessor

    started = time.perf_counter()
    assessor = Assessor()
    build = time.perf_counter() - started
    cases = load_cases(args.paths)
    if not cases:
        raise SystemExit(f"no cases under {' '.join(args.paths)}")
    per_case = []
    for case in cases:
        assessor.assess(case, with_trace)  # warm
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            assessor.assess(case, with_trace)
            times.append(time.perf_counter() - started)
        per_case.append(statistics.median(times) * 1000)
    ordered = sorted(per_case)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    print(f"commit {commit}; rules: {len(assessor.reasoner.get_rules())}; cases: {len(cases)}; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"engine build: {build * 1000:.0f} ms")
    print(f"assess per case: mean {statistics.fmean(per_case):.3f} ms, median "
          f"{statistics.median(per_case):.3f} ms, p95 "
          f"{ordered[int(0.95 * (len(ordered) - 1))]:.3f} ms")
    if args.instructions:
        script = [sys.executable, str(Path(__file__).resolve()), *args.paths]
        if args.no_trace:
            script.append("--no-trace")
        counted = callgrind_instructions(script + ["--phase", str(args.instr_repeat)])
        per = counted / (args.instr_repeat * len(cases))
        print(f"instructions per assessment{' (no trace)' if args.no_trace else ''}: "
              f"{per / 1e6:.3f} M (callgrind, {args.instr_repeat} x {len(cases)} "
              "assessments)")


if __name__ == "__main__":
    main()
