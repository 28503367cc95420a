"""How many screens the interview shows per case, how many answers (items) they record, and
whether it reaches what batch scoring of the whole case reaches: the same top 3, every
must-not-miss cause and every pitfall. A screen is what the user answers in one go: one
question, the whole blood count pasted at the first count question, or a findings screen
(the open yes/no findings of one clinical area that could change the conclusions); an item
is one finding or value recorded. Targets (issue 12), on screens: median <= 15, no case
above 30, the same top 3 in >= 95 % of cases. Also how long one step takes (record a
screen's answers, then choose the next screen). Offered the results from later in the work-up,
the simulated clinician marks each group the file holds any key of and fills those keys from
it (engine.session.answers_from_case). ``--single`` asks one question a screen and
takes no pasted count (the interview before findings screens), for comparison.
Run: uv run python benchmarks/interview_questions.py [PATH...] [--all] [--single]"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.assessment import Assessor  # noqa: E402
from engine.cases import Case, InvalidAnswer, case_files, load_file  # noqa: E402
from engine.result import tied_places  # noqa: E402
from engine.session import InterviewSession, answers_from_case  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=["cases"])
    parser.add_argument("--all", action="store_true",
                        help="ask the remaining questions too (no stop rule), for comparison")
    parser.add_argument("--single", action="store_true",
                        help="one question a screen, no pasted count (as before)")
    parser.add_argument("--verbose", action="store_true", help="one line per case")
    args = parser.parse_args()
    assessor = Assessor()
    cases = [c for path in case_files(args.paths) for c in load_file(path)
             if isinstance(c, Case)]
    if not cases:
        sys.exit(f"no cases found under {', '.join(args.paths)}")
    bank = len(assessor.catalogue.questions)
    asked, items, steps, refused = [], [], [], []
    agree = flags = pitfalls = by_position = 0
    stopped_early = 0
    settled_cases = settled_leader = 0  # a result settled the diagnosis (Result.settled)
    for case in cases:
        session = InterviewSession(assessor, case_id=case.id)
        if args.all:
            session.ask_remaining()
        screens_shown = 0
        while True:
            started = time.perf_counter()
            screen = session.next_screen() if not args.single else session.next_question()
            if steps and screen is not None:
                steps[-1] += time.perf_counter() - started
            if screen is None:
                break
            screens_shown += 1
            started = time.perf_counter()
            if args.single:
                given = case.answer_for(screen.id, screen.question.section)
                try:
                    session.answer(screen.id, "unknown" if given is None else given)
                except InvalidAnswer as error:  # the interview refuses what the file holds
                    refused.append(f"{case.id}: {error}")
                    break
            else:
                outcome = session.answer_screen(answers_from_case(session, screen, case))
                if outcome.refused:
                    refused.append(f"{case.id}: {outcome.refused[0].problem}")
                    break
            steps.append(time.perf_counter() - started)
        if refused and refused[-1].startswith(f"{case.id}: "):
            continue
        stopped_early += bool(session.settled)
        asked.append(screens_shown)
        items.append(len(session.history))
        batch, interview = assessor.assess(case), session.result()
        # the same top 3 as a reader sees it, ties shown: the same causes at each shared place
        # down to the third, every cause tied at the third included (the order within a tie
        # is alphabetical, so two lists can agree or differ there by the alphabet alone)
        same_top = tied_places(batch.ranking, 3) == tied_places(interview.ranking, 3)
        agree += same_top
        by_position += [c.cause for c in batch.ranking[:3]] == \
            [c.cause for c in interview.ranking[:3]]
        settled = {c for s in interview.settled for c in s.causes}
        if settled and batch.ranking and batch.ranking[0].cause in settled:
            settled_cases += 1
            settled_leader += bool(interview.ranking) and \
                interview.ranking[0].cause == batch.ranking[0].cause
        mnm = {c.cause for c in batch.ranking if c.must_not_miss} <= \
            {c.cause for c in interview.ranking if c.must_not_miss}
        flags += mnm
        shown = {p.id for p in batch.pitfalls} <= {p.id for p in interview.pitfalls}
        pitfalls += shown
        if args.verbose or not (same_top and mnm and shown):
            print(f"  {case.id}: {screens_shown} screens, {len(session.history)} items"
                  + ("; settled" if settled else "")
                  + ("" if same_top else "; top 3 differs")
                  + ("" if mnm else "; a must-not-miss cause missing")
                  + ("" if shown else "; a pitfall missing"))
    ms = sorted(t * 1000 for t in steps)
    mean = statistics.mean(asked)
    n = len(asked)
    if refused:
        print(f"{len(refused)} of {len(cases)} cases could not be interviewed (an answer the "
              "case file holds was refused at the interview):")
        for line in refused:
            print(f"  {line}")
    print(f"cases: {n}; question bank: {bank} questions"
          + ("; asking every open question (--all)" if args.all else ""))
    print("mode: " + ("one question a screen, no pasted count (--single)" if args.single else
                      "findings screens and the blood count pasted at once"))
    print(f"screens per case (the target's count): mean {mean:.1f}, "
          f"median {statistics.median(asked):g}, min {min(asked)}, max {max(asked)}; "
          f"above 30: {sum(a > 30 for a in asked)}; stopped early: {stopped_early}")
    print(f"items recorded per case: mean {statistics.mean(items):.1f} "
          f"({statistics.mean(items) / bank:.0%} of the bank), median "
          f"{statistics.median(items):g}, min {min(items)}, max {max(items)}")
    buckets = Counter(min(a // 5, 10) for a in asked)
    print("screens, distribution: " + ", ".join(
        f"{b * 5}-{b * 5 + 4}: {buckets[b]}" if b < 10 else f"50+: {buckets[b]}"
        for b in sorted(buckets)))
    print(f"same top 3 as batch scoring (each place with its ties): {agree}/{n} "
          f"({agree / n:.0%}; the first 3 by position alone: {by_position}/{n}); "
          "every must-not-miss "
          f"cause shown: {flags}/{n}; every pitfall shown: {pitfalls}/{n}")
    print(f"a result settled the diagnosis: {settled_cases} cases, the same leader as batch "
          f"scoring in {settled_leader} (the order behind a settled leader is not asked)")
    print(f"step (answer a screen + choose the next): median {statistics.median(ms):.1f} ms, "
          f"p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms")


if __name__ == "__main__":
    main()
