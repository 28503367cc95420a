"""Peak memory of batch scoring: many files, and one file of many cases.

    uv run python benchmarks/memory.py [--files 20000] [--cases-in-one 55000] [--jobs 1,2]

Makes a folder of --files copies of the bundled cases and one file holding --cases-in-one
cases under a cases: list (small cases of a line each; with --bundled-in-one, copies of the
bundled cases, about 2 kB each), then runs ``leukodx score ... --format json --output F`` on
each and prints the peak resident memory of the largest process (the parent or a worker)
beside the time taken. A file over 2 MB is read one case at a time. The target is 300 MB per
process.
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


def write_one_file_of_many(path: Path, count: int, bundled: bool = False) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("cases:\n")
        if not bundled:
            for n in range(count):
                out.write(ONE_LINE_CASE.format(n=n, anc=300 + n % 1200, wbc=2000 + n % 900))
            return
        import yaml

        from tests.case_mutations import bundled_cases

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        items = [yaml.dump([case], Dumper=dumper, allow_unicode=True, sort_keys=False,
                           width=1000) for case in bundled_cases()]
        items = ["".join("  " + line + "\n" for line in item.splitlines()) for item in items]
        for n in range(count):
            out.write(items[n % len(items)].replace("  - id: ", f"  - id: copy{n}-", 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--cases-in-one", type=int, default=55_000)
    parser.add_argument("--bundled-in-one", action="store_true",
                        help="the one file holds copies of the bundled cases")
    parser.add_argument("--jobs", default="1,2")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="leukodx-memory-"))
    try:
        runs = []
        if args.files:
            copy_bundled(work / "files", args.files)
            runs.append((f"{args.files} files", work / "files"))
        if args.cases_in_one:
            write_one_file_of_many(work / "one.yaml", args.cases_in_one, args.bundled_in_one)
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
