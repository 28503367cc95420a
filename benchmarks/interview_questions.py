"""How many questions the interview asks, per bundled case, against the size of the question
bank (the target is at most half), and how long one step takes (record an answer, then find
the next question). Run: uv run python benchmarks/interview_questions.py [PATH...]"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.assessment import Assessor  # noqa: E402
from engine.cases import Case, case_files, load_file  # noqa: E402
from engine.session import InterviewSession  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=["cases"])
    args = parser.parse_args()
    assessor = Assessor()
    cases = [c for path in case_files(args.paths) for c in load_file(path)
             if isinstance(c, Case)]
    if not cases:
        sys.exit(f"no cases found under {', '.join(args.paths)}")
    bank = len(assessor.catalogue.questions)
    asked, steps, agree = [], [], 0
    for case in cases:
        session = InterviewSession(assessor, case_id=case.id)
        while True:
            started = time.perf_counter()
            question = session.next_question()
            if steps and question is not None:
                steps[-1] += time.perf_counter() - started
            if question is None:
                break
            given = case.answer_for(question.id, question.question.section)
            started = time.perf_counter()
            session.answer(question.id, "unknown" if given is None else given)
            steps.append(time.perf_counter() - started)
        asked.append(len(session.history))
        batch = [c.cause for c in assessor.assess(case).ranking[:3]]
        agree += batch == [c.cause for c in session.result().ranking[:3]]
    ms = sorted(t * 1000 for t in steps)
    mean = statistics.mean(asked)
    print(f"cases: {len(cases)}; question bank: {bank} questions")
    print(f"questions asked per case: mean {mean:.1f} ({mean / bank:.0%} of the bank), "
          f"median {statistics.median(asked):g}, min {min(asked)}, max {max(asked)}")
    print(f"same top 3 as batch scoring: {agree}/{len(cases)}")
    print(f"step (answer + next question): median {statistics.median(ms):.1f} ms, "
          f"p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms")


if __name__ == "__main__":
    main()
