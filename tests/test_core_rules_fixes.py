"""Vignettes for the fixes made to the core rule areas (labs, medications, infections, spleen,
cytopenias, pitfalls) while writing the teaching-case library: each test is a small case the
rules used to get wrong."""

from conftest import pitfall_ids, top_causes


def evidence_for(result, cause):
    """Every weight of evidence the case produced for one cause, ranked or not."""
    items = [item for ranked in result.ranking if ranked.cause == cause
             for item in ranked.evidence]
    return items + [item for item in result.opposed if item.cause == cause]


def test_count_drawn_hours_into_an_infection_is_flagged_as_possible_pseudoleukopenia(assess):
    # The pitfall rule once shared its method name with the infection rule, which silently
    # replaced it, so the pitfall never fired.
    result = assess(patient={"age_years": 44, "sex": "male"},
                    labs={"wbc": 3400, "anc": 1700, "hemoglobin": 14.8, "platelets": 224000},
                    findings={"temperature_c": 38.7, "acute_infection_onset_days": 0})
    assert "early_infection_pseudoleukopenia" in pitfall_ids(result)
    assert top_causes(result, 1) == ["early_infection_margination"]


def test_pancytopenia_at_the_chemotherapy_nadir_is_not_a_reason_to_suspect_the_drug_is_blamed(
        assess):
    # Dose-dependent marrow suppression is expected to lower every line.
    result = assess(patient={"age_years": 61, "sex": "female"},
                    labs={"wbc": 900, "anc": 300, "hemoglobin": 9.8, "platelets": 61000},
                    medications=[{"name": "carboplatin", "started_weeks_ago": 7},
                                 {"name": "paclitaxel", "started_weeks_ago": 7}],
                    findings={"recent_chemotherapy": "yes", "days_since_chemotherapy": 11,
                              "temperature_c": 36.9})
    assert "drug_blamed_before_malignancy_excluded" not in pitfall_ids(result)
    assert "other_cytopenias_ignored" in pitfall_ids(result)
    assert top_causes(result, 1) == ["chemotherapy_myelosuppression"]


def test_blasts_during_chemotherapy_still_warn_against_blaming_the_drug(assess):
    result = assess(patient={"age_years": 61, "sex": "female"},
                    labs={"wbc": 1500, "anc": 300, "hemoglobin": 8.8, "platelets": 41000},
                    smear=["blasts"],
                    medications=[{"name": "carboplatin", "started_weeks_ago": 30}],
                    findings={"recent_chemotherapy": "yes", "days_since_chemotherapy": 40})
    assert "drug_blamed_before_malignancy_excluded" in pitfall_ids(result)


def test_no_recovery_after_stopping_one_drug_is_no_red_flag_while_another_suspect_continues(
        assess):
    result = assess(patient={"age_years": 49, "sex": "male"},
                    labs={"wbc": 2400, "anc": 1100, "hemoglobin": 13.5, "platelets": 171000},
                    medications=[{"name": "CellCept", "started_weeks_ago": 16},
                                 {"name": "Bactrim", "started_weeks_ago": 16,
                                  "stopped_weeks_ago": 4}],
                    findings={"count_recovered_after_stopping": "no"})
    assert "drug_blamed_before_malignancy_excluded" not in pitfall_ids(result)
    assert top_causes(result, 1) == ["drug_immunosuppressant"]


def test_no_recovery_after_stopping_the_only_suspect_drug_is_a_red_flag(assess):
    result = assess(patient={"age_years": 74, "sex": "male"},
                    labs={"wbc": 2600, "anc": 900, "hemoglobin": 13.6, "platelets": 180000},
                    medications=[{"name": "Bactrim", "started_weeks_ago": 8,
                                  "stopped_weeks_ago": 6}],
                    findings={"count_recovered_after_stopping": "no"})
    assert "drug_blamed_before_malignancy_excluded" in pitfall_ids(result)


def test_no_radiotherapy_rules_out_radiation_even_when_chemotherapy_is_unknown(assess):
    result = assess(patient={"age_years": 50}, labs={"wbc": 2500, "anc": 1000},
                    findings={"radiation_therapy": "no"})
    weights = [item.weight for item in evidence_for(result, "radiation_marrow_suppression")]
    assert weights and min(weights) < 0
    assert "radiation_marrow_suppression" not in top_causes(result, 10)


def test_no_chemotherapy_rules_it_out_even_when_radiotherapy_is_unknown(assess):
    result = assess(patient={"age_years": 50}, labs={"wbc": 2500, "anc": 1000},
                    findings={"recent_chemotherapy": "no"})
    weights = [item.weight for item in evidence_for(result, "chemotherapy_myelosuppression")]
    assert weights and min(weights) < 0


def test_a_big_spleen_without_liver_disease_counts_against_hypersplenism(assess):
    common = dict(patient={"age_years": 45, "sex": "male"},
                  labs={"wbc": 2800, "anc": 1300, "hemoglobin": 11.0, "platelets": 90000})
    with_cirrhosis = assess(**common, findings={"splenomegaly": "yes", "cirrhosis": "yes"})
    without_liver_disease = assess(**common, findings={
        "splenomegaly": "yes", "cirrhosis": "no", "portal_hypertension": "no"})
    score = {r.cause: r.score for r in without_liver_disease.ranking}
    assert with_cirrhosis.ranking[0].cause == "hypersplenism"
    assert score["hypersplenism"] < {r.cause: r.score for r in with_cirrhosis.ranking}[
        "hypersplenism"] - 10
    assert any(item.weight < 0 and item.rule == "big_spleen_without_liver_disease"
               for item in evidence_for(without_liver_disease, "hypersplenism"))


def test_an_afebrile_returned_traveller_is_unlikely_to_have_a_febrile_tropical_infection(
        assess):
    common = dict(patient={"age_years": 30}, labs={"wbc": 3000, "anc": 1200,
                                                   "platelets": 120000})
    febrile = assess(**common, findings={"tropical_travel": "yes", "temperature_c": 39.0})
    afebrile = assess(**common, findings={"tropical_travel": "yes", "temperature_c": 36.8})
    assert "malaria" in top_causes(febrile, 5)
    assert "malaria" not in top_causes(afebrile, 5)


def test_each_infection_answered_no_counts_against_its_cause(assess):
    result = assess(patient={"age_years": 40}, labs={"wbc": 3000, "anc": 1200},
                    findings={"tb_features": "no", "parasite_exposure": "no",
                              "tick_bite_or_eschar": "no", "mosquito_borne_features": "no",
                              "enteric_features": "no", "hiv_risk": "none"})
    for cause in ("tuberculosis", "parasitic_infestation", "rickettsial_infection", "dengue",
                  "typhoid_fever", "hiv"):
        assert any(item.weight < 0 for item in evidence_for(result, cause)), cause


def test_fever_starting_today_after_chemotherapy_is_not_called_pseudoleukopenia(assess):
    # "Repeat the count before acting" would delay the treatment of neutropenic fever.
    result = assess(patient={"age_years": 44, "sex": "female"},
                    labs={"wbc": 1500, "anc": 800, "hemoglobin": 12.2, "platelets": 176000},
                    medications=[{"name": "Adriamycin", "started_weeks_ago": 4}],
                    findings={"temperature_c": 38.4, "acute_infection_onset_days": 0,
                              "recent_chemotherapy": "yes", "days_since_chemotherapy": 6})
    assert "early_infection_pseudoleukopenia" not in pitfall_ids(result)
    assert "neutropenic_fever" in pitfall_ids(result)
    assert "early_infection_margination" not in top_causes(result, 5)


def test_pancytopenia_in_the_chemotherapy_nadir_counts_against_aplastic_anaemia(assess):
    result = assess(patient={"age_years": 67, "sex": "male"},
                    labs={"wbc": 800, "anc": 200, "hemoglobin": 11.6, "platelets": 112000},
                    smear=["normal"],
                    medications=[{"name": "oxaliplatin", "started_weeks_ago": 10}],
                    findings={"recent_chemotherapy": "yes", "days_since_chemotherapy": 9,
                              "splenomegaly": "no"})
    assert any(item.rule == "several_lines_low_in_the_chemotherapy_nadir" and item.weight < 0
               for item in evidence_for(result, "aplastic_anemia"))
    assert "aplastic_anemia" not in top_causes(result, 2)


def test_a_glucocorticoid_is_recognised_but_weighed_for_no_cause(assess):
    # Decision recorded in rules/data/appraisals.yaml: steroids raise the neutrophil count, so
    # the dictionary knows them and no rule counts them for or against any cause.
    without = assess(patient={"age_years": 60, "sex": "female"},
                     labs={"wbc": 2900, "anc": 1100, "hemoglobin": 13.0, "platelets": 200000})
    with_steroid = assess(patient={"age_years": 60, "sex": "female"},
                          labs={"wbc": 2900, "anc": 1100, "hemoglobin": 13.0,
                                "platelets": 200000},
                          medications=[{"name": "prednisone", "started_weeks_ago": 6}])
    assert not with_steroid.warnings
    assert [(c.cause, c.score) for c in with_steroid.ranking] == \
        [(c.cause, c.score) for c in without.ranking]


def test_without_a_lymphocyte_percentage_the_absolute_lymphocyte_count_is_asked_for(assess):
    # The interview could never reach a case that gives only the ALC.
    result = assess(patient={"age_years": 60}, labs={"wbc": 2600, "anc": 900})
    assert "alc" in {question.id for question in result.questions}
    given = assess(patient={"age_years": 60},
                   labs={"wbc": 2600, "anc": 900, "lymphocytes_pct": 50})
    assert "alc" not in {question.id for question in given.questions}


def test_a_young_patient_with_an_isolated_low_count_is_asked_how_long_it_has_been_low(assess):
    # Duration separates a passing viral fall from a lifelong or congenital one.
    result = assess(patient={"age_years": 25},
                    labs={"wbc": 3000, "anc": 1200, "hemoglobin": 14.0, "platelets": 250000})
    assert "low_count_first_noted_weeks_ago" in {question.id for question in result.questions}


def test_the_anc_is_not_left_open_when_it_can_be_calculated_from_the_differential(assess):
    result = assess(patient={"age_years": 36},
                    labs={"wbc": 3100, "neutrophils_pct": 39, "lymphocytes_pct": 45})
    assert result.reading.anc == 1209
    assert "anc" not in {q.id for q in result.questions if q.status == "open"}
    without_differential = assess(patient={"age_years": 36}, labs={"wbc": 3100})
    assert "anc" in {q.id for q in without_differential.questions if q.status == "open"}
