"""Where a batch with worker processes spends its time, measured inside one process so the
figures can be compared with each other (a shared machine's speed drifts from minute to
minute, so compare only figures from the same run):

    uv run python benchmarks/pool.py DIR [--chunks 8,16,32,64] [--runs 2]

  - the parent's CPU time against the workers' (``getrusage``) in a 2-job batch, and the
    wall time of 1 job against 2 in this process (engine already built: no start-up);
  - 2-job wall time for several chunk sizes (files per task);
  - what sending the outcomes costs: pickling and unpickling them as the workers send them
    (rendered text as UTF-8 bytes) and as str, CPU time per case;
  - the parent writing the JSON report after the batch, CPU time per case.
CPU times do not drift with other work on the machine as wall times do.
"""

from __future__ import annotations

import argparse
import functools
import os
import pickle
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import batch as batch_module  # noqa: E402
from engine.assessment import shared_assessor  # noqa: E402
from engine.batch import score_batch  # noqa: E402
from engine.cases import case_files  # noqa: E402
from interview import render  # noqa: E402


def timed_batch(paths: list[str], jobs: int, prepare) -> dict:
    own, children = (resource.getrusage(resource.RUSAGE_SELF),
                     resource.getrusage(resource.RUSAGE_CHILDREN))
    started = time.perf_counter()
    batch = score_batch(paths, jobs=jobs, prepare=prepare)
    wall = time.perf_counter() - started
    own_after, children_after = (resource.getrusage(resource.RUSAGE_SELF),
                                 resource.getrusage(resource.RUSAGE_CHILDREN))

    def cpu(before, after):
        return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

    return {"wall": wall, "parent_cpu": cpu(own, own_after),
            "workers_cpu": cpu(children, children_after), "batch": batch}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--chunks", default="8,16,32,64")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()

    files = list(case_files(args.paths))
    prepare = functools.partial(render.case_json, top=None)
    shared_assessor()  # built once, before any timing (the workers are forked with it)
    print(f"{len(files)} files; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.runs} runs, each shown")

    ones, twos = [], []
    for _ in range(args.runs):
        ones.append(timed_batch(args.paths, 1, prepare))
        twos.append(timed_batch(args.paths, 2, prepare))
    cases = len(twos[0]["batch"].outcomes)
    print("1 job vs 2 jobs, in this process (no start-up, no engine build):")
    for one, two in zip(ones, twos, strict=True):
        print(f"  1 job {one['wall']:.2f} s, 2 jobs {two['wall']:.2f} s: "
              f"{one['wall'] / two['wall']:.2f}x; 2-job parent CPU {two['parent_cpu']:.2f} s "
              f"({two['parent_cpu'] / two['wall'] * 100:.0f} % of a core), workers' CPU "
              f"{two['workers_cpu']:.2f} s (1 job: {one['parent_cpu']:.2f} s)")

    sizes = [int(size) for size in args.chunks.split(",")]
    saved = batch_module.MAX_CHUNK
    by_size: dict[int, list[float]] = {size: [] for size in sizes}
    try:
        for _ in range(args.runs):
            for size in sizes:  # interleaved, so that a slow spell hits every size alike
                batch_module.MAX_CHUNK = size
                by_size[size].append(timed_batch(args.paths, 2, prepare)["wall"])
    finally:
        batch_module.MAX_CHUNK = saved
    fastest = min(statistics.median(v) for v in by_size.values())
    print("2 jobs by chunk size (files per task, at most; the default is "
          f"{saved}): wall s [each run], median over the fastest")
    for size, walls in by_size.items():
        print(f"  {size:>4}: {statistics.median(walls):.2f} s "
              f"[{', '.join(f'{w:.2f}' for w in walls)}] "
              f"{statistics.median(walls) / fastest:.2f}x")

    outcomes = twos[-1]["batch"].outcomes
    pieces = [outcomes[i:i + batch_module.PIECE]
              for i in range(0, len(outcomes), batch_module.PIECE)]
    as_bytes = [[_copy(o, o.rendered.encode()) for o in piece] for piece in pieces]
    as_str = [[_copy(o, None, o.rendered) for o in piece] for piece in pieces]
    for name, sent in (("bytes (as sent)", as_bytes), ("str (before)", as_str)):
        started = time.process_time()
        data = [pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL) for piece in sent]
        dumped = time.process_time() - started
        started = time.process_time()
        for blob in data:
            pickle.loads(blob)
        loaded = time.process_time() - started
        print(f"sending outcomes, rendered text as {name}: pickle {dumped / cases * 1000:.3f}"
              f" ms + unpickle {loaded / cases * 1000:.3f} ms per case, "
              f"{sum(map(len, data)) / cases / 1024:.1f} kB per case")

    batch = twos[-1]["batch"]
    with tempfile.TemporaryDirectory() as folder:
        started = time.process_time()
        with open(Path(folder) / "report.json", "w", encoding="utf-8") as out:
            out.writelines(render.json_chunks(batch.outcomes, batch.summary, None, {}))
        written = time.process_time() - started
    print(f"parent writing the JSON report after the batch: {written / cases * 1000:.3f} ms "
          f"CPU per case ({written:.2f} s; the 2-job batch's workers used "
          f"{twos[-1]['workers_cpu']:.2f} s)")


def _copy(outcome, text, rendered=None):
    """An outcome as a worker sends it, its rendered text as bytes or (before) as str."""
    copy = batch_module.CaseOutcome(id=outcome.id, file=outcome.file, status=outcome.status,
                                    error=outcome.error, result=outcome.result,
                                    case=outcome.case, text=text)
    if rendered is not None:
        copy.__dict__["rendered_before"] = rendered
    return copy


if __name__ == "__main__":
    main()
