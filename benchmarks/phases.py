"""Where a file's instructions go in `leukodx score DIR --format json --jobs 1`, phase by
phase, counted by callgrind (other work on a shared machine does not change the count).

    uv run python benchmarks/phases.py DIR [--phases parse,load,run_rules,assess,render]

Each phase runs in its own process under ``valgrind --tool=callgrind``, collecting only
inside ``functools.reduce`` (as ``engine_cost.py`` does), which runs the phase over every
file or case of DIR after the engine is built and three files are scored to warm the
caches; the count is given per file and against ``parse`` (the floor: the C safe loader):
  - load: reading, composing and validating each file (``iter_file``);
  - facts: building each case's facts (``case_facts``);
  - run_rules: the rule engine on each case (facts declared, rules run, results gathered);
  - assess: ``run_rules`` and the assessment's post-processing (ranking, ties, next steps,
    pitfalls, question statuses, the comparison with what the case expects);
  - render: each outcome's report line, as UTF-8 (what a worker sends);
  - pieces: all of it, as a batch scores a file (``_scored_pieces``).
So ``assess - run_rules`` is the post-processing, and ``pieces`` is about the sum.
"""

from __future__ import annotations

import argparse
import functools
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PHASES = ("parse", "load", "facts", "run_rules", "assess", "render", "pieces")


def _phase(folder: str, name: str) -> int:
    """Run one phase inside functools.reduce; the number of files."""
    import yaml

    from engine import batch
    from engine.assessment import shared_assessor
    from engine.cases import Case, case_files, iter_file
    from engine.inference import case_facts, run_rules
    from interview import render

    files = list(case_files([folder]))
    assessor = shared_assessor()
    prepare = functools.partial(render.case_json_bytes, top=None)
    list(batch._scored_pieces(files[:3], assessor, prepare))  # the caches warmed
    reduce = functools.reduce
    if name == "parse":
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def parse(_, path):
            with open(path, "rb") as handle:
                yaml.load(handle.read(), Loader=loader)
        reduce(parse, files, None)
    elif name == "load":
        reduce(lambda _, path: list(iter_file(path)) and None, files, None)
    elif name == "pieces":
        reduce(lambda _, path: list(batch._scored_pieces([path], assessor, prepare))
               and None, files, None)
    elif name == "render":
        outcomes = [o for path in files for o in batch.outcomes_for_file(path, assessor, False)]
        reduce(lambda _, outcome: batch._prepare(outcome, prepare), outcomes, None)
    else:
        cases = [c for path in files for c in iter_file(path) if isinstance(c, Case)]
        run = {"facts": case_facts,
               "run_rules": lambda case: run_rules(assessor.reasoner, case),
               "assess": lambda case: assessor.assess(case, False)}[name]
        reduce(lambda _, case: run(case) and None, cases, None)
    return len(files)


def _count(folder: str, name: str) -> float:
    from benchmarks.run import child_environment

    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           "--toggle-collect=functools_reduce", sys.executable, __file__,
                           folder, "--phase", name], cwd=ROOT, capture_output=True,
                          text=True, env=child_environment())
    files = re.search(r"FILES (\d+)", done.stdout)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not files or not found:
        raise SystemExit(f"phase {name} failed: {done.stderr[-800:]}")
    return int(found.group(1)) / int(files.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print("FILES", _phase(args.folder, args.phase))
        return
    names = list(dict.fromkeys(["parse", *args.phases.split(",")]))
    unknown = [n for n in names if n not in PHASES]
    if unknown:
        raise SystemExit(f"unknown phase {unknown[0]!r}; phases: {', '.join(PHASES)}")
    with ThreadPoolExecutor(2) as pool:
        counts = dict(zip(names, pool.map(functools.partial(_count, args.folder), names),
                          strict=True))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    print(f"commit {commit}; {args.folder}; instructions per file (callgrind)")
    for name, count in counts.items():
        print(f"  {name:10s} {count / 1e6:7.3f} M  {count / counts['parse']:5.2f}x the parse")


if __name__ == "__main__":
    main()
