"""The whole program against the YAML-parse floor in instructions (callgrind), a figure that
other work on a shared machine does not change, unlike wall time.

    uv run python benchmarks/instructions.py DIR [--at 2000,10000]

Counts, each in its own process under ``valgrind --tool=callgrind`` (run side by side):
  - the floor: reading every file in DIR and parsing it with the C safe loader, less the same
    process with nothing to parse (Python and PyYAML starting);
  - the whole program: ``leukodx score DIR --format json --jobs 1 --output F``;
  - the fixed cost: the same command on the first file alone (start-up, imports, catalogue,
    engine build, one case).
Every run keeps its modules' bytecode (benchmarks/run.py's ``child_environment``), as an
installed program does: with PYTHONDONTWRITEBYTECODE set, as on the development machine,
each process would otherwise compile every module again, which no user's batch pays.
It prints the ratio of the whole program to the floor for DIR as measured, the cost per file
beyond the fixed cost, and that ratio projected to the batch sizes in --at (fixed cost +
N files, over N files' parsing): the start-up weighs less in a larger batch. Give it more
than 50 files: a report of 50 cases or fewer is written indented, at about twice the cost a
file of the one-case-a-line report of a larger batch.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARSE = """
import sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
files = sys.argv[1:]
if files != ["-"]:
    for path in files:
        with open(path, "rb") as handle:
            yaml.load(handle.read(), Loader=loader)
"""


def instructions(argv: list[str]) -> int:
    from benchmarks.run import child_environment

    # modules compiled once and their bytecode kept, as an installed program runs (where
    # PYTHONDONTWRITEBYTECODE is set, every process would compile every module again)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *argv], cwd=ROOT, capture_output=True, text=True,
                          env=child_environment())
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode not in (0, 1) or not found:
        raise SystemExit(f"{' '.join(argv[:4])} ... failed: {done.stderr[-800:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--at", default="2000,10000", help="batch sizes to project to")
    args = parser.parse_args()

    from benchmarks.run import warm_bytecode
    from engine.cases import case_files

    files = list(case_files([str(args.folder)]))
    python = sys.executable
    warm_bytecode()
    with tempfile.TemporaryDirectory() as work:
        single = Path(work) / "one"
        single.mkdir()
        shutil.copyfile(files[0], single / Path(files[0]).name)
        score = [python, "-m", "interview.cli", "score"]
        runs = {
            "parse": [python, "-c", PARSE, *files],
            "parse_nothing": [python, "-c", PARSE, "-"],
            "whole": score + [str(args.folder), "--format", "json", "--jobs", "1",
                              "--output", str(Path(work) / "all.json")],
            "fixed": score + [str(single), "--format", "json", "--jobs", "1",
                              "--output", str(Path(work) / "one.json")],
        }
        with ThreadPoolExecutor(len(runs)) as pool:
            counts = dict(zip(runs, pool.map(instructions, runs.values()), strict=True))
    count = len(files)
    parse = (counts["parse"] - counts["parse_nothing"]) / count
    per_file = (counts["whole"] - counts["fixed"]) / (count - 1)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    print(f"commit {commit}; {count} files in {args.folder}; instructions (callgrind)")
    print(f"  parse floor: {parse / 1e6:.2f} M per file")
    print(f"  whole program, 1 job: {counts['whole'] / 1e6:.0f} M = "
          f"{counts['whole'] / count / 1e6:.2f} M per file = "
          f"{counts['whole'] / (count * parse):.1f}x the floor")
    print(f"  fixed cost (start-up, engine build, one file): {counts['fixed'] / 1e6:.0f} M; "
          f"each further file {per_file / 1e6:.2f} M = {per_file / parse:.1f}x its parse")
    if count <= 50:
        print("  note: a report of 50 cases or fewer is the indented one (each case read back "
              "and written again), which larger batches never write: use more than 50 files "
              "to project to them")
    for size in (int(n) for n in args.at.split(",")):
        ratio = (counts["fixed"] + (size - 1) * per_file) / (size * parse)
        print(f"  projected to {size} such files: {ratio:.1f}x the floor")


if __name__ == "__main__":
    main()
