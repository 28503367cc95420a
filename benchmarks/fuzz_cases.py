"""The long fuzz run: mutated bundled cases (tests/case_mutations.py) scored by the real
program in batches, counting what must never happen.

    uv run python benchmarks/fuzz_cases.py [--documents 20000] [--batch 1000] [--jobs 2]
                                           [--seed 0] [--timeout 900]

Each batch is a folder of mutants (one file each, plus one file nested deep enough to crash
the C parser) given to `python -m interview.cli score DIR --format json --jobs N` in a
subprocess. Reported, over all batches:
  - tracebacks: a batch whose stderr holds a traceback, or whose exit status is not 0/1
    (a signal, e.g. -11 for a segfault, counts here);
  - silently accepted invalid values: a mutant the oracle knows to be invalid scored "ok";
  - missing outcomes: files given but absent from the JSON report (a batch without valid
    JSON loses all its files);
  - hangs: batches killed at --timeout;
  - peak memory: the largest resident set of any one process (a batch's CLI or a worker).
Benchmarks are not tests: nothing here fails the build; the exit status is 1 when any count
other than peak memory is not zero.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.case_mutations import bundled_cases, mutate  # noqa: E402

DEEP = "- " * 100_000  # nested block sequences on one line: exit 139 before the guard


def run_batch(folder: Path, mutants: dict, jobs: int, timeout: float) -> Counter:
    counts: Counter = Counter(documents=len(mutants))
    command = [sys.executable, "-m", "interview.cli", "score", str(folder), "--format", "json",
               "--jobs", str(jobs)]
    try:
        finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                  timeout=timeout)
    except subprocess.TimeoutExpired:
        counts["hangs"] += 1
        counts["missing_outcomes"] += len(mutants)
        return counts
    if finished.returncode not in (0, 1) or "Traceback" in finished.stderr:
        counts["tracebacks"] += 1
        print(f"  exit {finished.returncode}: {finished.stderr.strip()[-400:]}", flush=True)
    try:
        report = json.loads(finished.stdout)
    except json.JSONDecodeError:
        counts["missing_outcomes"] += len(mutants)
        return counts
    outcomes = {case["file"]: case for case in report["cases"]}
    for path, mutant in mutants.items():
        outcome = outcomes.get(path)
        if outcome is None:
            counts["missing_outcomes"] += 1
        elif outcome["status"] == "ok":
            counts["scored"] += 1
            if mutant.must_refuse:
                counts["silently_accepted"] += 1
                print(f"  accepted: {path}: {mutant.what}", flush=True)
        else:
            counts["refused"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--keep", metavar="DIR", help="write the batches here and keep them")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bundled = bundled_cases()
    totals: Counter = Counter()
    kinds: Counter = Counter()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(args.keep or scratch)
        made = 0
        while made < args.documents:
            folder = base / f"batch-{made // args.batch:03}"
            folder.mkdir(parents=True, exist_ok=True)
            mutants = {}
            for _ in range(min(args.batch, args.documents - made)):
                mutant = mutate(rng.choice(bundled), rng)
                path = folder / f"m{made:06}.yaml"
                path.write_text(mutant.text, encoding="utf-8")
                mutants[str(path)] = mutant
                kinds["must refuse" if mutant.must_refuse else "may load"] += 1
                made += 1
            deep = folder / "deep-nesting.yaml"
            deep.write_text(DEEP)
            mutants[str(deep)] = type(mutant)(DEEP, True, "deep nesting")
            counts = run_batch(folder, mutants, args.jobs, args.timeout)
            totals.update(counts)
            print(f"{made:>7} documents: " + ", ".join(f"{k} {v}" for k, v in
                                                       sorted(counts.items())), flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n{totals['documents']} files ({args.documents} mutants + one deep-nesting file "
          f"per batch of {args.batch}), {time.monotonic() - started:.0f} s, --jobs {args.jobs}")
    print(f"  oracle: {kinds['must refuse']} mutants must be refused, "
          f"{kinds['may load']} may load")
    print(f"  scored {totals['scored']}, refused {totals['refused']}")
    for key in ("tracebacks", "silently_accepted", "missing_outcomes", "hangs"):
        print(f"  {key.replace('_', ' ')}: {totals[key]}")
    print(f"  peak memory of one process: {peak_mb:.0f} MB")
    bad = sum(totals[k] for k in ("tracebacks", "silently_accepted", "missing_outcomes",
                                  "hangs"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
