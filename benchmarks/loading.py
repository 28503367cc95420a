"""Loading's cost against the YAML-parse floor, with and without the fast path.

    uv run python benchmarks/loading.py [PATH...] [--copies 10] [--rounds 5]

For the case files under PATH (default: the bundled cases, each read --copies times), CPU
time per file of, interleaved round by round so that a shared machine's drift falls on all
three alike:
  - the floor: reading the file and ``yaml.load`` with the C safe loader;
  - loading as before the fast path: PyYAML's constructor, the full check of what YAML
    resolves silently, and validation (``engine.cases.FAST_LOADING = False``, no cache of
    resolved tags);
  - loading now (plain data built directly, the full check only when a glance asks for it).
Every round's figures are printed; the ratios are within each round.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "cases")])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import yaml

    from engine import cases
    from engine.cases import case_files, iter_file
    from rules.catalogue import load_catalogue

    load_catalogue()
    files = list(case_files(args.paths)) * args.copies
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolved_most = cases._RESOLVED_MOST

    def floor() -> None:
        for path in files:
            with open(path, "rb") as handle:
                yaml.load(handle.read(), Loader=loader)

    def load(fast: bool) -> None:
        cases.FAST_LOADING = fast
        cases._RESOLVED.clear()
        cases._RESOLVED_MOST = resolved_most if fast else 0
        for path in files:
            for _ in iter_file(path):
                pass

    def ms_per_file(run, *given) -> float:
        started = time.process_time()
        run(*given)
        return (time.process_time() - started) / len(files) * 1000

    rows = []
    for _ in range(args.rounds):
        rows.append((ms_per_file(floor), ms_per_file(load, False), ms_per_file(load, True)))
    print(f"{len(files)} files ({len(files) // args.copies} x {args.copies}); CPU ms per file")
    print("round  floor  before  now    before/floor  now/floor  now/before")
    for n, (parse, before, now) in enumerate(rows, 1):
        print(f"{n:>5}  {parse:.3f}  {before:.3f}   {now:.3f}  {before / parse:>8.2f}x"
              f"  {now / parse:>9.2f}x  {now / before:>9.2f}x")
    print("median " + "  ".join(f"{statistics.median(r[i] for r in rows):.3f}"
                                for i in range(3))
          + f"   before/floor {statistics.median(r[1] / r[0] for r in rows):.2f}x, now/floor "
            f"{statistics.median(r[2] / r[0] for r in rows):.2f}x, now/before "
            f"{statistics.median(r[2] / r[1] for r in rows):.2f}x")


if __name__ == "__main__":
    main()
