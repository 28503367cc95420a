"""Peak memory of batch scoring: many files, and one file of many cases.

    uv run python benchmarks/memory.py [--files 20000] [--cases-in-one 55000] [--jobs 1,2]

Makes a folder of --files copies of the bundled cases and one file holding --cases-in-one
small cases (a case file may be at most 2 MB, so these are a line each), then runs
``leukodx score ... --format json --output F`` on each and prints the peak resident memory
of the largest process (the parent or a worker) beside the time taken. The target is 300 MB
per process.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import copy_bundled, leukodx_command, run_child  # noqa: E402

ONE_LINE_CASE = "- {{id: {n}, labs: {{anc: {anc}, wbc: {wbc}}}}}\n"


def write_one_file_of_many(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("cases:\n")
        for n in range(count):
            out.write(ONE_LINE_CASE.format(n=n, anc=300 + n % 1200, wbc=2000 + n % 900))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--cases-in-one", type=int, default=55_000)
    parser.add_argument("--jobs", default="1,2")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="leukodx-memory-"))
    try:
        runs = []
        if args.files:
            copy_bundled(work / "files", args.files)
            runs.append((f"{args.files} files", work / "files"))
        if args.cases_in_one:
            write_one_file_of_many(work / "one.yaml", args.cases_in_one)
            size = (work / "one.yaml").stat().st_size / 1e6
            runs.append((f"one file of {args.cases_in_one} cases ({size:.1f} MB)",
                         work / "one.yaml"))
        for name, path in runs:
            for jobs in args.jobs.split(","):
                wall, cpu, peak = run_child(leukodx_command() + [
                    "score", str(path), "--format", "json", "--jobs", jobs,
                    "--output", str(work / "report.json")])
                print(f"{name}, {jobs} job(s): peak {peak / 1024:.0f} MB (largest process), "
                      f"{wall:.1f} s wall, {cpu:.1f} s CPU, report "
                      f"{(work / 'report.json').stat().st_size / 1e6:.0f} MB", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
