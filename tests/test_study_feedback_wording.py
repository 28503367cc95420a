"""Study feedback that says the same thing everywhere (issue 12): a cause of the right
category is marked ~ wherever it is shown, never ✗; the scorer's soft-clue adjustment is
shown as an adjustment, never as a reason a cause does not fit; what-if choices fit their
line without losing the answer they try; regions and ancestries read as they are written."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from test_study import CIRRHOSIS_SPLEEN, CLOZAPINE_FEVER, write_library

from engine import study
from engine.study import Change, score_answer
from interview import study as screen
from interview.study import fit_on_a_line


@pytest.fixture
def library(tmp_path):
    return study.load_library(write_library(tmp_path / "cases", CLOZAPINE_FEVER,
                                            CIRRHOSIS_SPLEEN))


def feedback(assessor, library, case_id: str, answer: list[str]) -> tuple[str, object]:
    study_case = library.by_id(case_id)
    result = assessor.assess(study_case.case)
    score = score_answer(answer, [], study_case.case.expected.causes,
                         study_case.case.expected.pitfalls, result)
    buffer = io.StringIO()
    screen.render_feedback(Console(file=buffer, width=200, color_system=None), study_case,
                           result, score, study.load_catalogue())
    return buffer.getvalue(), score


def why_not_section(shown: str) -> str:
    return shown.split("Why your other choices do not fit", 1)[1].split("Points", 1)[0]


def test_a_cause_of_the_right_category_is_marked_the_same_below_the_table(assessor, library):
    shown, score = feedback(assessor, library, "clozapine-fever", ["carbimazole"])
    assert score.same_category, "carbimazole is a drug cause, as clozapine's is"
    name = study.load_catalogue().causes[score.same_category[0]].name.split(" (")[0]
    assert f"~ {name}" in shown.split("Why your other choices")[0]  # the table
    assert f"~ {name}" in why_not_section(shown)
    assert f"✗ {name}" not in shown


def test_a_cause_of_another_category_keeps_its_cross(assessor, library):
    shown, _ = feedback(assessor, library, "cirrhosis-spleen", ["folate deficiency"])
    assert "✗ Folate deficiency" in why_not_section(shown)


def test_the_soft_clue_adjustment_is_not_given_as_a_reason_a_cause_does_not_fit(
        assessor, library):
    # folate deficiency in this cirrhotic has two soft clues, so the scorer holds part back
    shown, _ = feedback(assessor, library, "cirrhosis-spleen", ["folate deficiency"])
    section = " ".join(why_not_section(shown).split())
    assert "Adjustment, not a finding" in section
    assert "Non-specific clues (each weaker than" not in section
    before_support = section.split("For it in this case")[0]
    assert "further_soft_clues_count_half" not in before_support


def test_the_soft_clue_adjustment_of_the_expected_cause_is_shown_as_an_adjustment(
        assessor, library):
    shown, _ = feedback(assessor, library, "cirrhosis-spleen", ["hypersplenism"])
    held = " ".join(shown.split("Why the system holds", 1)[1].split())
    assert "Adjustment, not a finding" in held


@pytest.mark.parametrize("width", [60, 72, 92])
def test_a_long_what_if_is_cut_in_its_question_and_keeps_the_answer_it_tries(width):
    text = ("What if: Do fevers, mouth ulcers or infections come back at regular intervals, "
            "about every three weeks, lasting a few days each time? → yes")
    fitted = fit_on_a_line(text, width)
    assert len(fitted) <= width
    assert fitted.endswith("… → yes") and fitted.startswith("What if: Do fevers")
    assert fit_on_a_line("What if: Enlarged lymph nodes? → yes", width) == \
        "What if: Enlarged lymph nodes? → yes"


def test_every_suggested_what_if_of_a_case_fits_80_columns_with_its_answer(assessor,
                                                                           library):
    catalogue = study.load_catalogue()
    for case_id in ("clozapine-fever", "cirrhosis-spleen"):
        case = library.by_id(case_id).case
        for change in study.suggested_changes(case, assessor.assess(case), catalogue):
            line = fit_on_a_line(f"What if: {change.describe(catalogue)}",
                                 80 - screen.CHOICE_INDENT)
            assert len(line) <= 80 - screen.CHOICE_INDENT
            if " → " in change.describe(catalogue):
                assert line.endswith(change.describe(catalogue).rpartition(" → ")[1:][1])


def test_an_ancestry_and_a_region_read_capitalised_in_study(assessor, library):
    catalogue = study.load_catalogue()
    assert Change("set_patient", "ancestry", "european").describe(catalogue).endswith(
        "→ European")
    assert Change("set_finding", "travel_region", "sub_saharan_africa").describe(
        catalogue).endswith("→ sub-Saharan Africa")
    buffer = io.StringIO()
    screen.render_stage(Console(file=buffer, width=100, color_system=None),
                        library.by_id("clozapine-fever").case, "history", catalogue)
    assert "male, European" in buffer.getvalue()
