"""The rule engine's cost per case (``Assessor.assess`` alone), in time and in instructions,
so that the engine can be compared before and after the knowledge base grows.

    uv run python benchmarks/engine_cost.py [PATH ...] [--repeat 20] [--instructions]

Time: each case assessed ``--repeat`` times after a warm-up, the median per case reported
with p95 (wall time on a shared machine drifts; compare figures from one run only).
``--instructions`` also runs this script twice under ``valgrind --tool=callgrind`` -- once
building the engine and loading the cases, once doing that and assessing every case
``--instr-repeat`` times -- and reports the difference per assessment: a count of
instructions that other work on the machine does not change.
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
    """Instructions executed by ``argv`` (a Python command), counted by callgrind."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *argv], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"callgrind run failed: {done.stderr[-800:]}")
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"no instruction count in callgrind's output: {done.stderr[-800:]}")
    return int(found.group(1))


def _phase(paths: list[str], repeat: int) -> None:
    """What runs under callgrind: build, load, then ``repeat`` assessments of each case."""
    from engine.assessment import Assessor

    assessor = Assessor()
    cases = load_cases(paths)
    for _ in range(repeat):
        for case in cases:
            assessor.assess(case)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["cases"])
    parser.add_argument("--repeat", type=int, default=20, help="timed assessments per case")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per assessment with callgrind")
    parser.add_argument("--instr-repeat", type=int, default=3,
                        help="assessments per case in the counted run")
    parser.add_argument("--phase", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase is not None:
        _phase(args.paths, args.phase)
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
        assessor.assess(case)  # warm
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            assessor.assess(case)
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
        base = callgrind_instructions(script + ["--phase", "0"])
        full = callgrind_instructions(script + ["--phase", str(args.instr_repeat)])
        per = (full - base) / (args.instr_repeat * len(cases))
        print(f"instructions: build + load {base / 1e6:.0f} M; per assessment "
              f"{per / 1e6:.3f} M (callgrind, {args.instr_repeat} x {len(cases)} assessments)")


if __name__ == "__main__":
    main()
