"""What one patient-view request costs in an assessment worker of ``leukodx serve``, in
instructions (callgrind), phase by phase: a figure that other work on a shared machine does
not change, unlike the load benchmark's latencies.

    uv run python benchmarks/cds_cost.py [--requests 40] [--as-templated]
                                         [--phases handle,parse,case,assess,cards]
                                         [--tree PATH]

Each phase runs in its own process under ``valgrind --tool=callgrind`` (two at a time), on
the load benchmark's requests (``benchmarks/cds_load.py``: a year of weekly counts, or with
``--as-templated`` the 200 newest Observations), in a worker set up as the service sets one
up (``_start_worker``: the engine, the code tables, the cycle collector settled), after five
requests to warm it. Only the phase itself is counted (callgrind collects inside
``functools.reduce``, which runs it over every request):

  handle   the whole request in the worker (``interview.cds.handle``): the sum of the rest
  parse    the JSON (``parse_json``)
  case     the prefetch read into a case (``_case_from_prefetch``: the FHIR reader, the loader)
  assess   the engine (``Assessor.assess`` without the trace, as the service runs it)
  cards    the cards and the case pickled for the explanation link

Each figure is divided by the number of requests (a request that gives no case costs no
assessment), so the phases add up to ``handle``. ``--tree`` measures another checkout with
this script (for a before/after pair).
"""

from __future__ import annotations

import argparse
import functools
import pickle
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("handle", "parse", "case", "assess", "cards")
BASE_URL = "http://127.0.0.1:8765"


def _phase(phase: str, count: int, newest: int | None) -> None:
    """What runs under callgrind: the worker set up, then ``phase`` over ``count``
    requests inside ``functools.reduce``."""
    from benchmarks.cds_load import realistic_requests
    from engine.cases import Case
    from interview import cds

    cds._start_worker()
    bodies = realistic_requests(count, newest=newest)
    for body in bodies[:5]:
        cds.handle("patient-view", body, BASE_URL)
    if phase == "handle":
        functools.reduce(lambda _, body: cds.handle("patient-view", body, BASE_URL) and None,
                         bodies, None)
        return
    if phase == "parse":
        functools.reduce(lambda _, body: cds.parse_json(body) and None, bodies, None)
        return
    parsed = [cds.parse_json(body) for body in bodies]
    asked = [(cds.hook_request(data, "patient-view"),
              cds.prefetched(data, cds.REQUIRED_PREFETCH)) for data in parsed]
    if phase == "case":
        functools.reduce(lambda _, pair: cds._case_from_prefetch(*pair) and None, asked, None)
        return
    cases = [case for case in (cds._case_from_prefetch(*pair)[0] for pair in asked)
             if isinstance(case, Case)]
    if phase == "assess":
        functools.reduce(lambda _, case: cds._assessor.assess(case, with_trace=False)
                         and None, cases, None)
        return
    results = [(cds._assessor.assess(case, with_trace=False), case) for case in cases]

    def cards(_, pair):
        answer = cds.cards_for(*pair, BASE_URL)
        if "explanation" in answer:
            pickle.dumps(answer["explanation"][1], pickle.HIGHEST_PROTOCOL)

    functools.reduce(cards, results, None)


def count_phase(tree: Path, phase: str, count: int, newest: int | None) -> float:
    """Instructions per request of ``phase`` in ``tree``'s code."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--phase", phase,
            "--requests", str(count), "--tree", str(tree)]
    if newest is not None:
        argv.append("--as-templated")
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           "--toggle-collect=functools_reduce", *argv], cwd=tree,
                          capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"callgrind run of {phase} failed: {done.stderr[-800:]}")
    return int(found.group(1)) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--as-templated", action="store_true",
                        help="only the 200 newest Observations, as the counts template asks")
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    newest = 200 if args.as_templated else None
    tree = args.tree.resolve()
    if args.phase is not None:
        sys.path.insert(0, str(tree))
        _phase(args.phase, args.requests, newest)
        return
    phases = [p for p in args.phases.split(",") if p]
    unknown = set(phases) - set(PHASES)
    if unknown:
        raise SystemExit(f"unknown phases: {', '.join(sorted(unknown))}")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=tree,
                            capture_output=True, text=True).stdout.strip()
    print(f"{tree} at {commit}: {args.requests} requests"
          f"{' as templated (200 newest Observations)' if newest else ' (a year of counts)'}")
    with ThreadPoolExecutor(2) as pool:
        counted = pool.map(lambda p: (p, count_phase(tree, p, args.requests, newest)), phases)
        for phase, per in counted:
            print(f"{phase:7} {per / 1e6:7.3f} M instructions a request")


if __name__ == "__main__":
    main()
