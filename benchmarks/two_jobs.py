"""Where a 2-job batch loses against 1 job: whole processes, each phase of the parent timed.

    uv run python benchmarks/two_jobs.py DIR [--runs 3]

Runs ``leukodx score DIR --format json --jobs N --output F`` for N = 1 and 2, alternately,
--runs times, each in a fresh process started through a small wrapper that notes the wall
and CPU time at each phase of the parent: start-up (imports, arguments), the engine built
(before the fork), the batch scored (the workers' phase, or the whole scoring with 1 job),
and the report written. Prints every run's figures, the 2-job speed-up within each pair of
runs, and the speed-up the serial phases allow with two full cores: (serial + scoring CPU)
over (serial + scoring CPU / 2), from CPU times, which other work on the machine does not
change as it changes wall times. Modules are compiled once and their bytecode kept, as an
installed program runs (``benchmarks/run.py``'s ``child_environment``). With --compare-scheduling, each run also scores with 2 jobs
as the pool scheduled before (chunks of 64 files to the end, one task per worker at a time).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import child_environment, warm_bytecode  # noqa: E402

WRAPPER = r"""
import json, os, resource, sys, time
marks = [("start", time.perf_counter(), time.process_time())]
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
from engine import assessment, batch
from interview import cli
if os.environ.get("TWO_JOBS_SCHEDULING") == "fixed":  # as before: chunks of 64, one at a time
    def fixed_chunks(files, jobs):
        if jobs == 1:
            return [[path] for path in files]
        size = max(1, min(batch.MAX_CHUNK, len(files) // (jobs * 8) or 1))
        return [files[start:start + size] for start in range(0, len(files), size)]
    batch._chunks, batch.TASKS_AHEAD = fixed_chunks, 1
real_score, real_shared = batch.score_batch, batch.shared_assessor
def shared():
    mark("imported")
    engine = real_shared()
    mark("engine built")
    return engine
def score(*args, **kwargs):
    result = real_score(*args, **kwargs)
    mark("batch scored")
    return result
batch.shared_assessor, batch.score_batch = shared, score
status = cli.main(sys.argv[2:])
import gc
gc.freeze()  # as the leukodx command does (interview/cli.py: run)
mark("report written")
children = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"marks": marks, "children_cpu": children.ru_utime + children.ru_stime}, out)
sys.exit(status)
"""


def one_run(folder: Path, jobs: int, work: Path, scheduling: str = "now") -> dict:
    marks_file = work / f"marks-{jobs}.json"
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, str(marks_file), "score",
                                str(folder), "--format", "json", "--jobs", str(jobs),
                                "--output", str(work / f"report-{jobs}.json")], cwd=ROOT,
                               stdout=subprocess.DEVNULL,
                               env={**child_environment(),
                                    "TWO_JOBS_SCHEDULING": scheduling})
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    data = json.loads(marks_file.read_text())
    marks = {name: (t, cpu) for name, t, cpu in data["marks"]}
    t0, c0 = marks["start"]
    phases = {}
    previous = ("start", t0, c0)
    for name in ("imported", "engine built", "batch scored", "report written"):
        t, cpu = marks[name]
        phases[name] = (t - previous[1], cpu - previous[2])
        previous = (name, t, cpu)
    total_cpu = usage.ru_utime + usage.ru_stime  # the process and its workers
    return {"wall": wall, "phases": phases, "children_cpu": data["children_cpu"],
            "parent_cpu": total_cpu - data["children_cpu"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-scheduling", action="store_true",
                        help="also run 2 jobs with the scheduling before (chunks of 64 "
                             "files to the end, one task per worker at a time)")
    args = parser.parse_args()
    ratios, bounds, fixed_ratios = [], [], []
    warm_bytecode()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for run in range(1, args.runs + 1):
            one, two = one_run(args.folder, 1, work), one_run(args.folder, 2, work)
            for jobs, figures in ((1, one), (2, two)):
                shown = ", ".join(f"{name} {wall:.2f} s wall/{cpu:.2f} s CPU"
                                  for name, (wall, cpu) in figures["phases"].items())
                print(f"run {run}, {jobs} job(s): {figures['wall']:.2f} s wall, parent "
                      f"{figures['parent_cpu']:.2f} s CPU; {shown}"
                      + (f"; workers {figures['children_cpu']:.2f} s CPU" if jobs == 2 else ""))
            ratio = one["wall"] / two["wall"]
            # the parent's CPU outside the workers' phase: the interpreter's start, imports,
            # listing the files, building the engine, writing the report
            serial = two["parent_cpu"] - two["phases"]["batch scored"][1]
            scoring = one["phases"]["batch scored"][1]
            bound = (serial + scoring) / (serial + scoring / 2)
            ratios.append(ratio)
            bounds.append(bound)
            if args.compare_scheduling:
                fixed = one_run(args.folder, 2, work, "fixed")
                fixed_ratios.append(one["wall"] / fixed["wall"])
                print(f"  2 jobs, scheduling as before: {fixed['wall']:.2f} s wall, "
                      f"{fixed_ratios[-1]:.2f}x the 1-job run (now: {ratio:.2f}x)")
            print(f"  2 jobs / 1 job: {ratio:.2f}x wall; serial CPU of the 2-job parent "
                  f"{serial:.2f} s beside 1-job scoring {scoring:.2f} s CPU: at most "
                  f"{bound:.2f}x on two free cores")
    print(f"median: {statistics.median(ratios):.2f}x wall "
          f"[{', '.join(f'{r:.2f}' for r in ratios)}]; bound {statistics.median(bounds):.2f}x "
          f"[{', '.join(f'{b:.2f}' for b in bounds)}]")
    if fixed_ratios:
        print(f"scheduling as before: {statistics.median(fixed_ratios):.2f}x wall "
              f"[{', '.join(f'{r:.2f}' for r in fixed_ratios)}]")


if __name__ == "__main__":
    main()
