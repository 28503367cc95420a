"""Counts in words and bounds, fever without a number and the vital signs: a case that says
"pancytopenia", "ANC < 500" or "febrile" is read as a clinician would read it."""

from __future__ import annotations

import pytest
import yaml
from conftest import make_case, pitfall_ids, top_causes

from engine.cases import InvalidAnswer, case_from_document, load_text, parse_answer
from rules.catalogue import load_catalogue


def test_pancytopenia_in_words_with_a_big_spleen_and_cirrhosis_ranks_hypersplenism(assess):
    result = assess(patient={"age_years": 58, "sex": "male"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"splenomegaly": "yes", "cirrhosis": "yes"})
    assert "hypersplenism" in top_causes(result, 3)
    assert "other_cytopenias_ignored" in pitfall_ids(result)
    assert result.reading.cell_line_pattern == "pancytopenia"
    assert result.reading.white_count_status == "low"


def test_reported_fever_with_anc_200_on_carbimazole_is_an_emergency_and_ranks_the_drug(assess):
    result = assess(patient={"age_years": 41, "sex": "female"},
                    labs={"wbc": 1400, "anc": 200},
                    medications=[{"name": "carbimazole", "started_weeks_ago": 7}],
                    findings={"fever": "yes"})
    assert result.pitfalls[0].id == "neutropenic_fever"
    assert result.pitfalls[0].indicator == "critical"
    assert "Fever reported" in result.pitfalls[0].detail
    assert result.ranking[0].cause == "drug_antithyroid"


def test_anc_below_500_as_a_bound_on_clozapine_with_reported_fever_is_an_emergency(assess):
    result = assess(patient={"age_years": 29, "sex": "male"}, labs={"anc": "< 500"},
                    medications=[{"name": "clozapine", "started_weeks_ago": 12}],
                    findings={"fever": "yes"})
    assert result.pitfalls[0].id == "neutropenic_fever"
    assert "below 500/µL" in result.pitfalls[0].detail
    assert result.reading.grade == "severe"
    assert result.reading.anc is None and result.reading.anc_stated == "<500"
    assert result.ranking[0].cause == "drug_clozapine"


def test_anc_below_200_is_read_as_the_agranulocytosis_range(assess):
    result = assess(labs={"anc": "<200"})
    assert result.reading.grade == "severe" and result.reading.agranulocytosis


def test_no_neutrophils_on_the_differential_is_an_anc_of_0_without_a_white_count(assess):
    result = assess(patient={"age_years": 7, "sex": "male"}, labs={"neutrophils_pct": 0},
                    findings={"fever": "yes"})
    assert result.reading.grade == "severe"
    assert "neutropenic_fever" in pitfall_ids(result)
    assert result.ranking


def test_neutropenia_in_words_has_an_unknown_grade_and_asks_for_the_number(assess):
    result = assess(labs={"anc": "low"})
    assert result.reading.neutrophil_status == "absolute_neutropenia"
    assert result.reading.grade == "unknown"
    assert any(q.id == "anc" and q.priority > 100 for q in result.questions)


def test_fever_with_neutropenia_of_unknown_grade_is_managed_as_neutropenic_fever(assess):
    result = assess(labs={"anc": "low"}, findings={"fever": "yes"})
    assert result.pitfalls[0].id == "neutropenic_fever"
    assert "only as low" in result.pitfalls[0].detail


def test_a_bound_that_spans_two_grades_fixes_neither(assess):
    result = assess(labs={"anc": "<= 1000"}, findings={"fever": "yes"})
    assert result.reading.grade == "unknown"
    assert result.reading.neutrophil_status == "absolute_neutropenia"


def test_a_high_white_count_given_as_a_bound_is_high(assess):
    result = assess(labs={"wbc": "> 12000"})
    assert result.reading.white_count_status == "high"


def test_a_bound_never_passes_a_test_it_might_fail(assess):
    # MCV "<110" may be 105 (large) or 90 (normal): the large-red-cell rule must not fire
    result = assess(labs={"wbc": 2500, "anc": 900, "mcv": "<110"})
    assert "large_red_cells" not in {f.rule for f in result.trace}
    result = assess(labs={"wbc": 2500, "anc": 900, "mcv": "> 105"})
    assert "large_red_cells" in {f.rule for f in result.trace}


def test_a_hormone_below_the_assays_limit_counts_as_suppressed(assess):
    result = assess(patient={"age_years": 35, "sex": "female"},
                    labs={"wbc": 3100, "anc": 1100, "tsh": "<0.01"})
    assert "hyperthyroidism" in top_causes(result, 3)


def test_a_haematocrit_stands_for_a_missing_haemoglobin(assess):
    result = assess(patient={"age_years": 60, "sex": "male"},
                    labs={"wbc": 2000, "anc": 800, "hematocrit": 27})
    assert "anemia" in result.reading.cytopenias


def test_a_stated_fever_outweighs_a_normal_temperature_taken_later(assess):
    result = assess(labs={"anc": 300}, findings={"fever": "yes", "temperature_c": 37.0})
    assert "neutropenic_fever" in pitfall_ids(result)


def test_no_fever_stated_argues_against_a_febrile_tropical_infection(assess):
    result = assess(labs={"wbc": 2500, "anc": 900}, findings={"fever": "no"})
    assert "afebrile_argues_against_a_febrile_tropical_infection" in \
        {f.rule for f in result.trace}


def test_two_qsofa_signs_are_signs_of_sepsis(assess):
    result = assess(patient={"age_years": 70}, labs={"wbc": 1500, "anc": 700},
                    findings={"respiratory_rate": 26, "systolic_bp": 95})
    assert "sepsis_with_any_white_count" in pitfall_ids(result)
    assert "bacterial_sepsis" in top_causes(result, 3)


def test_fever_with_a_fast_pulse_and_breathing_is_a_sign_of_sepsis(assess):
    result = assess(patient={"age_years": 45}, labs={"wbc": 1500, "anc": 700},
                    findings={"fever": "yes", "heart_rate": 118, "respiratory_rate": 21})
    assert "sepsis_with_any_white_count" in pitfall_ids(result)


def test_a_fast_pulse_in_a_fever_does_not_overrule_a_clinician_who_sees_no_sepsis(assess):
    # a woman of 34 on carbimazole, 38.9 °C, pulse 104, pressure and breathing normal: the
    # clinician answers "no" to the signs of sepsis; the neutropenic fever stays an emergency
    febrile = {"temperature_c": 38.9, "heart_rate": 104, "respiratory_rate": 18,
               "systolic_bp": 118, "confusion": "no"}
    judged = assess(patient={"age_years": 34, "sex": "female"}, labs={"wbc": 1800, "anc": 200},
                    findings={**febrile, "sepsis_signs": "no"})
    assert "sepsis_with_any_white_count" not in pitfall_ids(judged)
    assert "neutropenic_fever" in pitfall_ids(judged)
    unjudged = assess(patient={"age_years": 34, "sex": "female"},
                      labs={"wbc": 1800, "anc": 200}, findings=febrile)
    assert "sepsis_with_any_white_count" in pitfall_ids(unjudged)


def test_organ_dysfunction_in_the_vital_signs_is_sepsis_even_after_a_no(assess):
    result = assess(patient={"age_years": 70}, labs={"wbc": 1500, "anc": 700},
                    findings={"sepsis_signs": "no", "respiratory_rate": 26, "systolic_bp": 95})
    assert "sepsis_with_any_white_count" in pitfall_ids(result)


def test_adult_vital_sign_thresholds_are_not_applied_to_a_child(assess):
    result = assess(patient={"age_years": 2}, labs={"wbc": 3000, "anc": 700},
                    findings={"respiratory_rate": 30, "heart_rate": 130, "fever": "yes"})
    assert "sepsis_with_any_white_count" not in pitfall_ids(result)


def test_one_abnormal_vital_sign_alone_is_not_called_sepsis(assess):
    result = assess(patient={"age_years": 45}, labs={"wbc": 1500, "anc": 700},
                    findings={"heart_rate": 118})
    assert "sepsis_with_any_white_count" not in pitfall_ids(result)


# ---- reading and writing the forms -------------------------------------------------------

@pytest.mark.parametrize("written, read", [
    ("<500", "<500"), ("< 0.5 x10^9/L", "<500"), ("<= 1000", "<=1000"), ("≤1000", "<=1000"),
    ("> 12000", ">12000"), ("LOW", "low"), ("normal", "normal"),
])
def test_words_and_bounds_are_kept_in_canonical_form(written, read):
    case = make_case(labs={"anc": written})
    assert case.labs["anc"] == read


@pytest.mark.parametrize("written, problem", [
    ("lwo", "did you mean 'low'"), ("<0", "can be <0"), ("<<500", "two comparison signs"),
    ("<0.5", "did you mean 500"),
])
def test_a_misspelt_word_or_impossible_bound_is_refused_with_a_fix(written, problem):
    [error] = load_text(yaml.safe_dump({"id": "x", "labs": {"anc": written}}), "x.yaml")
    assert problem in str(error) and str(error).startswith("x.yaml:3: labs.anc:")


def test_a_word_is_refused_for_a_lab_without_a_reference_range():
    [error] = load_text("id: x\nlabs: {blasts_pct: high}\n", "x.yaml")
    assert "no reference range" in str(error)


def test_the_interview_accepts_the_same_forms_as_a_case_file():
    questions = load_catalogue().questions
    assert parse_answer(questions["anc"], "< 500") == "<500"
    assert parse_answer(questions["wbc"], "low") == "low"
    with pytest.raises(InvalidAnswer):
        parse_answer(questions["anc"], "lwo")


def test_a_case_with_words_and_bounds_saves_and_loads_back_the_same(assessor):
    case = make_case(labs={"wbc": "low", "anc": "< 0.5 x10^9/L", "tsh": "<0.01"},
                     findings={"fever": "yes", "heart_rate": 120})
    document = case.to_document()
    assert document["labs"] == {"wbc": "low", "anc": "<500", "tsh": "<0.01"}
    again = case_from_document(yaml.safe_load(yaml.safe_dump(document)))
    assert again.labs == case.labs and again.findings == case.findings
    assert top_causes(assessor.assess(again)) == top_causes(assessor.assess(case))


def test_a_febrile_traveller_with_a_white_count_only_called_low_is_told_to_get_the_anc_now(
        assess):
    result = assess(patient={"age_years": 34, "sex": "male"}, labs={"wbc": "low"},
                    findings={"fever": "yes", "travel_region": "sub_saharan_africa"})
    card = next(p for p in result.pitfalls if p.id == "neutropenic_fever_not_excluded")
    assert card.indicator == "warning"
    assert "the white count is low, with no ANC" in card.detail
    assert "neutropenic_fever" not in pitfall_ids(result)  # not an emergency yet: unknown
    assert any(q.id == "anc" and q.priority > 100 for q in result.questions)


def test_fever_with_a_white_count_of_2400_and_no_differential_does_not_exclude_neutropenic_fever(
        assess):
    result = assess(labs={"wbc": 2400}, findings={"temperature_c": 38.6})
    assert "neutropenic_fever_not_excluded" in pitfall_ids(result)


def test_fever_with_a_white_count_of_3400_is_not_warned_about_a_hidden_severe_neutropenia(
        assess):
    result = assess(labs={"wbc": 3400}, findings={"fever": "yes"})
    assert "neutropenic_fever_not_excluded" not in pitfall_ids(result)


def test_once_the_differential_gives_the_anc_the_not_excluded_warning_goes(assess):
    result = assess(labs={"wbc": "low", "anc": 1800}, findings={"fever": "yes"})
    assert "neutropenic_fever_not_excluded" not in pitfall_ids(result)
    afebrile = assess(labs={"wbc": "low"}, findings={"fever": "no"})
    assert "neutropenic_fever_not_excluded" not in pitfall_ids(afebrile)
