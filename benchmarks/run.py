"""The speed figures for batch scoring and the interview, against their targets.

    uv run python benchmarks/run.py [--cases 10000] [--runs 3] [--keep DIR] [--bundled]

Generates N synthetic cases (benchmarks/generate_cases.py, one file each; with --bundled,
N copies of the bundled teaching cases instead, cycled through in order), then reports,
each as the median of --runs runs:
  - cases per second for `leukodx score DIR --format json --output F` with 1 and 2 jobs
    (wall clock, the whole program: start-up, loading, scoring, writing);
  - engine time per case (Assessor.assess alone, in one process), p50 and p95;
  - the YAML parse time alone for the same files (read + C safe loader): the floor, and the
    ratio of scoring (1 job, per case) to it;
  - peak memory (largest process of a 1-job and a 2-job run);
  - interview step latency (answer in -> next question out, engine/session.py, no terminal);
  - `leukodx --help` start-up time.
Other work on the machine slows everything: the load average is printed with the figures.
The speed of a shared machine also drifts from minute to minute, so each run measures the
parse floor, the 1-job and the 2-job score one after another, each ratio is taken within its
run, and every run's figures are printed beside the median.
Benchmarks are not tests: nothing here fails on a missed target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {
    "cases_per_second_2_jobs": (">=", 1000),
    "two_job_speedup": (">=", 1.85),
    "score_to_parse_ratio": ("<=", 5),
    "peak_mb": ("<=", 300),
    "interview_step_p95_ms": ("<", 20),
    "help_ms": ("<", 150),
}


def copy_bundled(folder: Path, count: int) -> None:
    """``count`` copies of the bundled cases, cycled through in order, one file each."""
    from engine.cases import case_files

    bundled = list(case_files([str(ROOT / "cases")]))
    folder.mkdir(parents=True)
    for index in range(count):
        source = Path(bundled[index % len(bundled)])
        shutil.copyfile(source, folder / f"{index:05d}-{source.name}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def leukodx_command() -> list[str]:
    script = shutil.which("leukodx")
    return [script] if script else [sys.executable, "-m", "interview.cli"]


_BYTECODE = Path(tempfile.gettempdir()) / "leukodx-bench-bytecode"


def child_environment() -> dict[str, str]:
    """The environment of a measured run: modules compiled once and their bytecode kept (in
    a folder of its own under /tmp, not beside the sources), as an installed program runs.
    Where PYTHONDONTWRITEBYTECODE is set (as on the development machine), every process
    would otherwise compile every module of leukodx and its libraries again at start-up:
    about 0.3 s of CPU, a serial part of every batch."""
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(_BYTECODE)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def warm_bytecode() -> None:
    """Compile the modules a batch imports, once, before anything is measured."""
    subprocess.run([sys.executable, "-c", "import interview.cli, interview.render, "
                    "engine.batch, engine.assessment, engine.fhir"], cwd=ROOT, check=True,
                   env=child_environment())


def run_child(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (with its workers) and peak RSS in kB of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=child_environment())
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): "
                         f"{process.stderr.read().decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def score_once(folder: Path, count: int, jobs: int) -> dict:
    output = folder.parent / f"report-{jobs}.json"
    wall, cpu, peak = run_child(leukodx_command() + ["score", str(folder), "--format", "json",
                                                     "--jobs", str(jobs), "--output",
                                                     str(output)])
    return {"wall_s": wall, "cases_per_s": count / wall, "cpu_s": cpu, "peak_mb": peak / 1024}


def parse_once(files: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds to read and parse every file with the C safe loader (no
    validation)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    started, cpu = time.perf_counter(), time.process_time()
    for path in files:
        yaml.load(path.read_bytes(), Loader=loader)
    return time.perf_counter() - started, time.process_time() - cpu


def bench_rounds(folder: Path, files: list[Path], runs: int) -> list[dict]:
    """Each run: the parse floor, then scoring with 1 and with 2 jobs, back to back."""
    rounds = []
    for _ in range(runs):
        parse_wall, parse_cpu = parse_once(files)
        parse_ms = parse_wall / len(files) * 1000
        one = score_once(folder, len(files), 1)
        two = score_once(folder, len(files), 2)
        rounds.append({"parse_ms": parse_ms, "one": one, "two": two,
                       "ratio": one["wall_s"] / len(files) * 1000 / parse_ms,
                       "cpu_ratio": one["cpu_s"] / parse_cpu})
    return rounds


def bench_engine(files: list[Path], runs: int) -> dict:
    from engine.assessment import Assessor
    from engine.cases import Case, load_file

    started = time.perf_counter()
    assessor = Assessor()
    build = time.perf_counter() - started
    started = time.perf_counter()
    cases = [c for path in files for c in load_file(str(path)) if isinstance(c, Case)]
    load = (time.perf_counter() - started) / len(files)
    per_case: list[list[float]] = [[] for _ in cases]
    for _ in range(runs):
        for index, case in enumerate(cases):
            started = time.perf_counter()
            assessor.assess(case)
            per_case[index].append(time.perf_counter() - started)
    medians = [statistics.median(times) * 1000 for times in per_case]
    return {"rules": len(assessor.reasoner.get_rules()), "build_s": build,
            "load_ms": load * 1000, "p50_ms": percentile(medians, 0.5),
            "p95_ms": percentile(medians, 0.95), "mean_ms": statistics.fmean(medians),
            "cases": cases}


def bench_interview(cases: list, sessions: int) -> dict:
    """Answer in -> next question out, replaying generated cases as a person would."""
    from engine.assessment import Assessor

    try:
        from engine.session import InterviewSession
    except ImportError:  # before the interview's session API existed
        return bench_growing_cases(cases[:sessions], Assessor())
    assessor = Assessor()
    steps = []
    for case in cases[:sessions]:
        session = InterviewSession(assessor, case_id=case.id)
        question = session.next_question()
        while question is not None:
            given = case.answer_for(question.id, question.question.section)
            started = time.perf_counter()
            session.answer(question.id, "unknown" if given is None else given)
            question = session.next_question()
            steps.append(time.perf_counter() - started)
    ms = [s * 1000 for s in steps]
    return {"steps": len(ms), "p50_ms": percentile(ms, 0.5), "p95_ms": percentile(ms, 0.95),
            "how": "engine.session.InterviewSession.answer + next_question"}


def bench_growing_cases(cases: list, assessor) -> dict:
    import dataclasses

    steps = []
    for case in cases:
        findings: dict = {}
        for key, value in case.findings.items():
            findings[key] = value
            partial = dataclasses.replace(case, findings=dict(findings))
            started = time.perf_counter()
            assessor.assess(partial)
            steps.append(time.perf_counter() - started)
    ms = [s * 1000 for s in steps]
    return {"steps": len(ms), "p50_ms": percentile(ms, 0.5), "p95_ms": percentile(ms, 0.95),
            "how": "Assessor.assess on growing partial cases"}


def bench_help(runs: int) -> float:
    times = []
    for _ in range(max(runs, 5)):
        started = time.perf_counter()
        subprocess.run(leukodx_command() + ["--help"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, env=child_environment())
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def verdict(name: str, value: float) -> str:
    op, target = TARGETS[name]
    met = {">=": value >= target, "<=": value <= target, "<": value < target}[op]
    return f"target {op} {target:g}: {'met' if met else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--sessions", type=int, default=60, help="interviews to replay")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--bundled", action="store_true",
                        help="copies of the bundled cases instead of generated ones")
    parser.add_argument("--skip", default="",
                        help="leave out figures: any of help,engine,interview (comma-separated)")
    args = parser.parse_args()

    from benchmarks.generate_cases import generate, write_cases

    work = Path(tempfile.mkdtemp(prefix="leukodx-bench-"))
    folder = args.keep or work / "cases"
    try:
        if not (folder.is_dir() and len(list(folder.glob("*.yaml"))) == args.cases):
            started = time.perf_counter()
            shutil.rmtree(folder, ignore_errors=True)
            if args.bundled:
                copy_bundled(folder, args.cases)
            else:
                write_cases(folder, generate(args.cases, seed=1))
            print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f} s")
        files = sorted(folder.glob("*.yaml"))
        print(f"machine: {os.cpu_count()} cores, load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work slows all figures)")

        warm_bytecode()
        skip = set(filter(None, args.skip.split(",")))
        help_ms = bench_help(args.runs) if "help" not in skip else float("nan")
        engine = bench_engine(files if "engine" not in skip else files[:100], args.runs)
        interview = bench_interview(engine.pop("cases"), args.sessions) \
            if "interview" not in skip else {"steps": 0, "p50_ms": float("nan"),
                                             "p95_ms": float("nan"), "how": "skipped"}
        rounds = bench_rounds(folder, files, args.runs)

        def median(pick) -> float:
            return statistics.median(pick(r) for r in rounds)

        def each(pick, form: str) -> str:
            return ", ".join(form.format(pick(r)) for r in rounds)

        two_rate = median(lambda r: r["two"]["cases_per_s"])
        parse_ms, ratio = median(lambda r: r["parse_ms"]), median(lambda r: r["ratio"])
        print(f"\nrules: {engine['rules']}; engine build {engine['build_s'] * 1000:.0f} ms "
              f"(once per process); cases: {len(files)}, one per file; median of {args.runs} "
              f"runs, each run's figures in brackets")
        speedups = [r["one"]["wall_s"] / r["two"]["wall_s"] for r in rounds]
        rows = [
            ("2 jobs / 1 job", f"{statistics.median(speedups):.2f}x faster (within each run) "
                               f"[{', '.join(f'{x:.2f}' for x in speedups)}]",
             verdict("two_job_speedup", statistics.median(speedups))),
            ("score, 1 job", f"{median(lambda r: r['one']['cases_per_s']):.0f} cases/s "
                             f"[{each(lambda r: r['one']['cases_per_s'], '{:.0f}')}]", ""),
            ("score, 2 jobs", f"{two_rate:.0f} cases/s "
                              f"[{each(lambda r: r['two']['cases_per_s'], '{:.0f}')}]; CPU "
                              f"{median(lambda r: r['two']['cpu_s']):.1f} s, 1 job "
                              f"{median(lambda r: r['one']['cpu_s']):.1f} s",
             verdict("cases_per_second_2_jobs", two_rate)),
            ("engine per case", f"p50 {engine['p50_ms']:.2f} ms, p95 {engine['p95_ms']:.2f} ms"
                                f" (mean {engine['mean_ms']:.2f} ms)", ""),
            ("load + validate per file", f"{engine['load_ms']:.2f} ms", ""),
            ("YAML parse alone", f"{parse_ms:.3f} ms per file "
                                 f"[{each(lambda r: r['parse_ms'], '{:.3f}')}]", ""),
            ("score / parse", f"{ratio:.1f}x (1-job wall per case over parse per file, "
                              f"within each run) [{each(lambda r: r['ratio'], '{:.1f}')}]",
             verdict("score_to_parse_ratio", ratio)),
            ("score / parse, CPU", f"{median(lambda r: r['cpu_ratio']):.1f}x (1-job CPU over "
                                   f"parse CPU, within each run) "
                                   f"[{each(lambda r: r['cpu_ratio'], '{:.1f}')}]", ""),
            ("engine / parse", f"{engine['mean_ms'] / parse_ms:.1f}x (Assessor.assess alone, "
                               "mean, over parse per file)", ""),
            ("peak memory", f"{max(r['one']['peak_mb'] for r in rounds):.0f} MB (1 job), "
                            f"{max(r['two']['peak_mb'] for r in rounds):.0f} MB "
                            f"(2 jobs, largest process)",
             verdict("peak_mb", max(max(r['one']['peak_mb'], r['two']['peak_mb'])
                                    for r in rounds))),
            ("interview step", f"p50 {interview['p50_ms']:.1f} ms, p95 "
                               f"{interview['p95_ms']:.1f} ms over {interview['steps']} steps "
                               f"({interview['how']})",
             verdict("interview_step_p95_ms", interview["p95_ms"])),
            ("leukodx --help", f"{help_ms:.0f} ms", verdict("help_ms", help_ms)),
        ]
        width = max(len(name) for name, _, _ in rows)
        for name, value, judged in rows:
            print(f"{name:<{width}}  {value}" + (f"   [{judged}]" if judged else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
