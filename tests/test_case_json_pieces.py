"""A case's one-line JSON is put together from pieces made once for the evidence items,
next steps and questions that cases share; it must be exactly what ``json.dumps`` makes of
the whole case's dict."""

from __future__ import annotations

import dataclasses
import json

from engine.assessment import Assessor
from engine.batch import CaseOutcome
from engine.cases import Case, case_files, load_file
from engine.result import EvidenceItem, NextStepAdvice, QuestionStatus, SourceRef
from interview.render import case_json, case_json_bytes, outcome_dict


def _whole(outcome, top=None):
    return json.dumps(outcome_dict(outcome, top), ensure_ascii=False)


def _bundled_outcomes():
    assessor = Assessor()
    cases = [c for path in case_files(["cases"]) for c in load_file(path) if isinstance(c, Case)]
    return [CaseOutcome(id=c.id, file=c.file, status="ok", result=assessor.assess(c, False),
                        case=c) for c in cases]


def test_every_bundled_case_reads_as_json_dumps_of_its_dict_twice_over():
    outcomes = _bundled_outcomes()
    for outcome in outcomes:
        assert case_json(outcome) == _whole(outcome)
    # the second time the shared pieces come from the cache
    for outcome in outcomes:
        assert case_json(outcome) == _whole(outcome)
        assert case_json(outcome, top=3) == _whole(outcome, top=3)


def test_a_case_that_did_not_load_reads_as_its_dict():
    outcome = CaseOutcome(id=None, file="broken.yaml", status="error",
                          error='broken.yaml, line 3: key "age" is "x"')
    assert case_json(outcome) == _whole(outcome)


def test_quotes_control_characters_and_non_ascii_text_are_escaped_as_json_dumps_escapes():
    outcome = _bundled_outcomes()[0]
    odd = 'a "quoted" \\ back\tslash\n µL — \u2028 \x01'
    cause = outcome.result.ranking[0]
    evidence = (EvidenceItem(odd, cause.cause, -3, odd, cause.evidence[0].source),)
    steps = (NextStepAdvice("test", odd, "x", SourceRef(odd, None)),)
    question = QuestionStatus(odd, odd, 2, (odd,), (odd,), "unknown")
    result = dataclasses.replace(
        outcome.result, warnings=(odd,), questions=(question,),
        ranking=(dataclasses.replace(cause, name=odd, evidence=evidence, next_steps=steps,
                                     drugs=(odd,)),))
    odd_outcome = dataclasses.replace(outcome, id=odd, file=odd, result=result)
    assert case_json(odd_outcome) == _whole(odd_outcome)
    assert case_json_bytes(odd_outcome) == _whole(odd_outcome).encode("utf-8", "surrogatepass")


def test_the_utf8_a_batch_worker_sends_is_the_case_json_encoded_twice_over():
    outcomes = _bundled_outcomes()
    odd = CaseOutcome(id="µ \ud800 —", file="odd.yaml", status="error", error="µ — \x01")
    for _ in range(2):  # the second time the shared pieces come from the cache
        for outcome in [*outcomes, odd]:
            assert case_json_bytes(outcome) == case_json(outcome).encode("utf-8",
                                                                         "surrogatepass")
            assert case_json_bytes(outcome, top=3) == case_json(outcome, top=3).encode(
                "utf-8", "surrogatepass")
