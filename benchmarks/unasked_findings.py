"""The finding keys some rule weighs in a case that the interview of that case never asks
(engine/unasked_findings.py): each case is interviewed from its notes, and each finding the
notes hold that no question was ever open for is taken out to see whether a rule weighed it.
A key listed is a question the rules should ask where the weighing rule can fire (issue 12).
``--check`` exits 1 when any key is listed (the bundled cases should list none).
Run: uv run python benchmarks/unasked_findings.py [PATH...] [--check] [--verbose]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.assessment import Assessor  # noqa: E402
from engine.cases import Case, case_files, load_file  # noqa: E402
from engine.unasked_findings import unasked_findings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=["cases"])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a weighed finding is never asked")
    parser.add_argument("--verbose", action="store_true", help="each case's unasked keys")
    args = parser.parse_args()
    assessor = Assessor()
    cases = [c for path in case_files(args.paths) for c in load_file(path)
             if isinstance(c, Case)]
    if not cases:
        sys.exit(f"no cases found under {', '.join(args.paths)}")
    report = unasked_findings(assessor, cases)
    if args.verbose:
        for case in report.interviews:
            if case.unasked:
                print(f"  {case.case_id}: " + ", ".join(k for k, _ in case.unasked))
    print(f"cases: {report.cases}; finding keys weighed but never asked: "
          f"{len(report.findings)} (in {sum(bool(c.unasked) for c in report.interviews)} "
          "cases)")
    for finding in report.findings:
        shown = ", ".join(finding.cases[:3]) + (" …" if len(finding.cases) > 3 else "")
        print(f"  {finding.key}: {len(finding.cases)} case(s) ({shown}); weighed by "
              + ", ".join(finding.rules))
    if args.check and report.findings:
        sys.exit(1)


if __name__ == "__main__":
    main()
