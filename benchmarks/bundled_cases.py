"""Time to assess one case: the median (and p95) over the bundled cases, with the YAML
loading measured apart. Run: uv run python benchmarks/bundled_cases.py [--repeat N]"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.assessment import Assessor  # noqa: E402
from engine.cases import Case, case_files, load_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="assessments per case")
    parser.add_argument("paths", nargs="*", default=["cases"])
    args = parser.parse_args()

    started = time.perf_counter()
    assessor = Assessor()
    build = time.perf_counter() - started

    files = list(case_files(args.paths))
    load_times, cases = [], []
    for path in files:
        started = time.perf_counter()
        loaded = load_file(path)
        load_times.append(time.perf_counter() - started)
        cases.extend(c for c in loaded if isinstance(c, Case))

    if not cases:
        sys.exit(f"no cases found under {', '.join(args.paths)}")
    per_case = []
    for case in cases:
        assessor.assess(case)  # warm
        started = time.perf_counter()
        for _ in range(args.repeat):
            assessor.assess(case)
        per_case.append((time.perf_counter() - started) / args.repeat)

    per_case.sort()
    ms = [t * 1000 for t in per_case]
    print(f"cases: {len(cases)} in {len(files)} files; rules: {len(assessor.reasoner.get_rules())}")
    print(f"engine build (once per process): {build * 1000:.0f} ms")
    print(f"load + validate per file: median {statistics.median(load_times) * 1000:.2f} ms")
    print(f"assess per case: median {statistics.median(ms):.2f} ms, "
          f"p95 {ms[int(0.95 * (len(ms) - 1))]:.2f} ms, max {ms[-1]:.2f} ms")


if __name__ == "__main__":
    main()
