"""Dated earlier counts: validated like labs, kept through a save, and read as a history that
the rules use (a fall after a drug, recovery on stopping, cycles, a repeat that corrects, years
of normal counts, a count that keeps falling)."""

from __future__ import annotations

import yaml
from conftest import make_case, pitfall_ids, top_causes

from engine.cases import case_from_document, load_text

CARBAMAZEPINE = dict(
    patient={"age_years": 45, "sex": "male"},
    labs={"wbc": 2600, "anc": 900, "hemoglobin": 14.1, "platelets": 230000},
    medications=[{"name": "carbamazepine", "started_weeks_ago": 8}],
)


def score(result, cause):
    return {c.cause: c.score for c in result.ranking}.get(cause)


def test_a_normal_count_before_the_drug_and_a_low_one_after_weighs_for_the_drug(assess):
    without = assess(**CARBAMAZEPINE)
    dated = assess(**CARBAMAZEPINE, earlier_counts=[
        {"weeks_ago": 12, "labs": {"wbc": 7200, "anc": 4300}}])
    assert score(dated, "drug_antiepileptic") > score(without, "drug_antiepileptic")
    assert dated.ranking[0].cause == "drug_antiepileptic"


def test_a_count_already_low_before_the_drug_was_started_rules_it_out(assess):
    dated = assess(**CARBAMAZEPINE, earlier_counts=[
        {"weeks_ago": 20, "labs": {"wbc": 2500, "anc": 800}},
        {"weeks_ago": 10, "labs": {"wbc": 2700, "anc": 950}}])
    without = score(assess(**CARBAMAZEPINE), "drug_antiepileptic")
    assert score(dated, "drug_antiepileptic") <= without - 20
    assert dated.ranking[0].band == "less likely"


def test_a_steep_fall_after_the_drug_from_a_count_already_a_little_low_weighs_for_it(assess):
    # a white count a little below the range before the drug (3,600), then a fall by more
    # than half after it: the drug is not cleared by the earlier low count
    dated = assess(**CARBAMAZEPINE, earlier_counts=[
        {"weeks_ago": 10, "labs": {"wbc": 3600, "anc": 2100}}])
    without = score(assess(**CARBAMAZEPINE), "drug_antiepileptic")
    assert score(dated, "drug_antiepileptic") > without
    assert dated.ranking[0].cause == "drug_antiepileptic"
    reasons = [e.rationale for c in dated.ranking for e in c.evidence
               if c.cause == "drug_antiepileptic"]
    assert any("fallen by a third or more since carbamazepine" in r and "8 weeks ago" in r
               for r in reasons)


def test_recovery_within_days_of_stopping_the_drug_weighs_for_it(assess):
    stopped = dict(CARBAMAZEPINE, medications=[{"name": "carbamazepine", "started_weeks_ago": 8,
                                                "stopped_weeks_ago": 0}])
    without = assess(**stopped)
    recovered = assess(**stopped, earlier_counts=[
        {"days_later": 10, "labs": {"wbc": 6100, "anc": 3500}}])
    assert score(recovered, "drug_antiepileptic") > score(without, "drug_antiepileptic")


def test_nadirs_every_three_weeks_point_to_cyclic_neutropenia(assess):
    result = assess(patient={"age_years": 9}, labs={"wbc": 2800, "anc": 150},
                    earlier_counts=[{"days_ago": 42, "labs": {"anc": 200}},
                                    {"days_ago": 31, "labs": {"anc": 2900}},
                                    {"days_ago": 21, "labs": {"anc": 180}},
                                    {"days_ago": 10, "labs": {"anc": 3100}}])
    assert result.ranking[0].cause == "cyclic_neutropenia"


def test_a_normal_repeat_within_hours_is_pseudoleukopenia(assess):
    result = assess(patient={"age_years": 30}, labs={"wbc": 3300, "anc": 1200},
                    findings={"temperature_c": 38.4},
                    earlier_counts=[{"hours_later": 8, "labs": {"wbc": 7400, "anc": 5200}}])
    assert result.ranking[0].cause == "early_infection_margination"
    assert "early_infection_pseudoleukopenia" in pitfall_ids(result)


def test_counts_normal_for_years_argue_against_a_lifelong_cause(assess):
    case = dict(patient={"age_years": 30, "ancestry": "african"},
                labs={"wbc": 3400, "anc": 1200, "hemoglobin": 13.8, "platelets": 220000})
    without = assess(**case)
    dated = assess(**case, earlier_counts=[{"weeks_ago": 260, "labs": {"anc": 3400}},
                                           {"weeks_ago": 104, "labs": {"anc": "normal"}}])
    assert (score(dated, "duffy_null_neutrophil_count") or -99) < \
        score(without, "duffy_null_neutrophil_count")


def test_a_count_that_keeps_falling_points_to_the_marrow_and_warns_if_a_drug_is_blamed(assess):
    case = dict(patient={"age_years": 67, "sex": "female"},
                labs={"wbc": 1500, "anc": 500, "hemoglobin": 9.9, "platelets": 90000},
                medications=[{"name": "trimethoprim-sulfamethoxazole", "started_weeks_ago": 6,
                              "stopped_weeks_ago": 3}])
    without = assess(**case)
    falling = assess(**case, earlier_counts=[{"weeks_ago": 6, "labs": {"anc": 2400}},
                                             {"weeks_ago": 3, "labs": {"anc": 1300}}])
    assert score(falling, "myelodysplastic_syndrome") > score(without,
                                                                 "myelodysplastic_syndrome")
    assert "drug_blamed_before_malignancy_excluded" in pitfall_ids(falling)


# ---- the section itself ------------------------------------------------------------------------

def test_earlier_counts_are_validated_like_labs_with_file_line_and_key():
    text = ("id: x\nlabs: {anc: 900}\nearlier_counts:\n  - weeks_ago: 4\n"
            "    labs: {anc: 2.1}\n")
    [error] = load_text(text, "x.yaml")
    assert str(error).startswith("x.yaml:5: earlier_counts[1].labs.anc:")
    assert "did you mean 2100" in str(error)


def test_an_earlier_count_needs_one_date():
    [error] = load_text("id: x\nearlier_counts:\n  - labs: {anc: 900}\n", "x.yaml")
    assert "weeks_ago" in str(error) and "earlier_counts[1]" in str(error)
    [error] = load_text("id: x\nearlier_counts:\n  - {weeks_ago: 2, days_ago: 3, "
                        "labs: {anc: 900}}\n", "x.yaml")
    assert "one time" in str(error)
    [error] = load_text("id: x\nearlier_counts:\n  - {week_ago: 2, labs: {anc: 900}}\n",
                        "x.yaml")
    assert "did you mean 'weeks_ago'" in str(error)


def test_earlier_counts_are_kept_through_a_save_and_give_the_same_result(assessor):
    case = make_case(**CARBAMAZEPINE, earlier_counts=[
        {"weeks_ago": 12, "labs": {"wbc": "7.2 x10^9/L", "anc": "normal"}},
        {"hours_later": 6, "labs": {"anc": "<1000"}, "note": "repeat"}])
    document = yaml.safe_load(yaml.safe_dump(case.to_document()))
    assert document["earlier_counts"] == [
        {"weeks_ago": 12, "labs": {"wbc": 7200, "anc": "normal"}},
        {"hours_later": 6, "labs": {"anc": "<1000"}, "note": "repeat"}]
    again = case_from_document(document)
    assert top_causes(assessor.assess(again)) == top_causes(assessor.assess(case))


def test_an_interview_resumed_from_a_case_keeps_its_earlier_counts(tmp_path, assessor):
    from engine.session import InterviewSession

    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump({
        "id": "dated", **CARBAMAZEPINE,
        "earlier_counts": [{"weeks_ago": 12, "labs": {"anc": 4300}}]}), encoding="utf-8")
    session = InterviewSession.resume(str(path), assessor)
    assert session.to_document()["earlier_counts"] == [{"weeks_ago": 12, "labs": {"anc": 4300}}]
    saved = tmp_path / "saved.yaml"
    session.save(str(saved))
    again = InterviewSession.resume(str(saved), assessor)
    assert top_causes(again.result()) == top_causes(session.result())
    assert top_causes(session.result()) == top_causes(assessor.assess(make_case(
        **CARBAMAZEPINE, earlier_counts=[{"weeks_ago": 12, "labs": {"anc": 4300}}])))


# ---- a drug stopped without a date, and the dated counts since -------------------------------

SULFASALAZINE_STOPPED = {"name": "sulfasalazine", "started_weeks_ago": 10, "stopped": "yes"}


def _weights(result, rule: str) -> list[int]:
    return [item.weight for cause in result.ranking for item in cause.evidence
            if item.rule == rule] + [item.weight for item in result.opposed if item.rule == rule]


def test_a_count_still_falling_after_an_idiosyncratic_drug_was_stopped_argues_against_it(assess):
    result = assess(patient={"age_years": 67, "sex": "male"},
                    labs={"wbc": 1900, "anc": 500},
                    medications=[SULFASALAZINE_STOPPED],
                    earlier_counts=[{"weeks_ago": 1, "labs": {"wbc": 2600, "anc": 900}},
                                    {"weeks_ago": 2, "labs": {"wbc": 3100, "anc": 1300}}])
    assert "drug_blamed_before_malignancy_excluded" in pitfall_ids(result)
    weights = _weights(result, "the_count_keeps_falling_after_an_idiosyncratic_drug_was_stopped")
    assert weights and all(weight < 0 for weight in weights)


def test_a_count_rising_after_a_drug_was_stopped_supports_the_drug(assess):
    result = assess(patient={"age_years": 67, "sex": "male"},
                    labs={"wbc": 3400, "anc": 1300},
                    medications=[SULFASALAZINE_STOPPED],
                    earlier_counts=[{"weeks_ago": 1, "labs": {"wbc": 2600, "anc": 800}},
                                    {"weeks_ago": 2, "labs": {"wbc": 1900, "anc": 400}}])
    assert "drug_blamed_before_malignancy_excluded" not in pitfall_ids(result)
    assert result.ranking[0].cause == "drug_other"
    assert max(_weights(result, "the_count_rises_after_the_drug_was_stopped")) > 0


def test_a_fall_on_the_drug_up_to_the_day_it_is_stopped_is_not_a_fall_after_stopping(assess):
    # Clozapine for years, the white count falling between a check a year ago and today,
    # when it is stopped: the fall happened on the drug.
    base = dict(patient={"age_years": 46, "sex": "male"}, labs={"wbc": 1330},
                earlier_counts=[{"weeks_ago": 52, "labs": {"wbc": 2255}}])
    stopped_today = assess(**base, medications=[{"name": "clozapine", "started_weeks_ago": 600,
                                                 "stopped_weeks_ago": 0}])
    rules = {item.rule for cause in stopped_today.ranking for item in cause.evidence}
    assert "the_count_keeps_falling_after_an_idiosyncratic_drug_was_stopped" not in rules
    # stopped with no date: still read as falling since it was stopped
    undated = assess(**base, medications=[{"name": "clozapine", "started_weeks_ago": 600,
                                           "stopped": "yes"}])
    assert "drug_blamed_before_malignancy_excluded" in pitfall_ids(undated)


def _frozen_shape(value):
    """A value with the type of every nested container, to compare two frozen values."""
    if isinstance(value, dict):
        return (type(value), [(k, _frozen_shape(v)) for k, v in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value), [_frozen_shape(v) for v in value])
    return (type(value), value)


def test_the_history_fact_holds_the_dated_counts_as_experta_would_freeze_them():
    from engine.cases import EarlierCount
    from engine.inference import _history
    from rules.facts import History

    text = yaml.safe_dump({"id": "history", **CARBAMAZEPINE, "earlier_counts": [
        {"weeks_ago": 12, "labs": {"wbc": 6100, "anc": 3900}},
        {"days_ago": 3, "labs": {"wbc": "low", "anc": "<500", "hemoglobin": 13.2}},
        {"hours_later": 6, "labs": {"wbc": 5200}}]})
    case = load_text(text, "history.yaml")[0]
    odd = [EarlierCount("weeks_ago", 2, {"wbc": 3000, "anc": [900]}),  # a list: experta's
           EarlierCount("weeks_ago", 1, {"wbc": 2900})]               # own freeze
    for counts in (case.earlier_counts, odd):
        made = _history(counts)
        frozen_by_experta = History(entries=[{"weeks_ago": c.weeks_ago, "labs": c.labs}
                                             for c in counts])
        assert _frozen_shape(dict(made)) == _frozen_shape(dict(frozen_by_experta))
        assert hash(made) == hash(frozen_by_experta) and made == frozen_by_experta
    assert len(case.earlier_counts) == 3


def test_an_empty_marrow_after_a_dated_fall_on_two_drugs_counts_once_against_aplastic_anaemia(
        assess):
    base = dict(patient={"age_years": 60, "sex": "male"},
                labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                earlier_counts=[{"weeks_ago": 4, "labs": {"wbc": 9000, "hemoglobin": 13.5,
                                                          "platelets": 230000}}],
                findings={"marrow_cellularity": "hypocellular"})
    two = assess(**base, medications=[
        {"name": "piperacillin-tazobactam", "started_weeks_ago": 3.5},
        {"name": "vancomycin", "started_weeks_ago": 3.5}])
    aa = next(c for c in two.ranking if c.cause == "aplastic_anemia")
    weights = [i.weight for i in aa.evidence
               if i.rule == "an_empty_marrow_after_a_fall_that_followed_a_drug"]
    assert weights == [-5]
    none = assess(**base)
    assert all(i.rule != "an_empty_marrow_after_a_fall_that_followed_a_drug"
               for c in none.ranking for i in c.evidence)


def test_dated_counts_low_for_more_than_three_months_count_for_chronic_idiopathic_neutropenia(
        assess):
    # A woman of 45, well, ANC 1,100 with normal haemoglobin and platelets; the same at two
    # checks 10 and 20 weeks ago; no duration stated.
    earlier = [{"weeks_ago": weeks, "labs": {"wbc": 3300, "anc": 1150, "hemoglobin": 13.4,
                                             "platelets": 240000}} for weeks in (10, 20)]
    result = assess(patient={"age_years": 45, "sex": "female"},
                    labs={"wbc": 3200, "anc": 1100, "hemoglobin": 13.5, "platelets": 250000},
                    earlier_counts=earlier)
    rules = {e.rule for c in result.ranking if c.cause == "chronic_idiopathic_neutropenia"
             for e in c.evidence}
    assert "isolated_neutropenia_low_at_every_check_for_three_months_in_an_adult" in rules
    recent = assess(patient={"age_years": 45, "sex": "female"},
                    labs={"wbc": 3200, "anc": 1100, "hemoglobin": 13.5, "platelets": 250000},
                    earlier_counts=earlier[:1])
    assert "isolated_neutropenia_low_at_every_check_for_three_months_in_an_adult" not in {
        e.rule for c in recent.ranking for e in c.evidence}
