"""Drug causality as small vignettes: a drug with no established link whose timing and
withdrawal fit (Naranjo, WHO-UMC), the proton pump inhibitors' rare neutropenia, and
clozapine beside a second drug of substantial agranulocytosis or marrow risk."""

from __future__ import annotations

from conftest import evidence_rules, pitfall_ids, top_causes

from rules.catalogue import load_catalogue


def score_of(result, cause: str) -> int:
    return next(c.score for c in result.ranking if c.cause == cause)


ADULT = {"age_years": 58, "sex": "male"}
UNLINKED_RULE = "drug_without_an_established_link_whose_timing_and_withdrawal_fit"


# ---- a drug off the lists, with a fitting start and a recovery off it -------------------

def test_a_drug_off_the_lists_started_weeks_before_a_fall_that_recovered_off_it_is_weighed(
        assess):
    result = assess(patient=ADULT, labs={"wbc": 2400, "anc": 600},
                    findings={"count_recovered_after_stopping": "yes"},
                    medications=[{"name": "amlodipine", "started_weeks_ago": 4,
                                  "stopped": True}])
    assert top_causes(result, 1) == ["drug_other"]
    assert evidence_rules(result, "drug_other")[UNLINKED_RULE] > 0


def test_without_a_recovery_off_it_a_drug_without_an_established_link_weighs_for_nothing(assess):
    result = assess(patient=ADULT, labs={"wbc": 2400, "anc": 600},
                    medications=[{"name": "amlodipine", "started_weeks_ago": 4}])
    assert UNLINKED_RULE not in evidence_rules(result, "drug_other")


def test_a_drug_without_an_established_link_taken_for_years_is_not_blamed_by_a_recovery(assess):
    result = assess(patient=ADULT, labs={"wbc": 2400, "anc": 600},
                    findings={"count_recovered_after_stopping": "yes"},
                    medications=[{"name": "amlodipine", "started_weeks_ago": 200,
                                  "stopped": True}])
    assert UNLINKED_RULE not in evidence_rules(result, "drug_other")


def test_a_drug_without_an_established_link_started_after_the_count_fell_is_not_blamed(assess):
    result = assess(patient=ADULT, labs={"wbc": 2400, "anc": 600},
                    findings={"count_recovered_after_stopping": "yes",
                              "low_count_first_noted_weeks_ago": 6},
                    medications=[{"name": "amlodipine", "started_weeks_ago": 4,
                                  "stopped": True}])
    assert UNLINKED_RULE not in evidence_rules(result, "drug_other")


def test_a_listed_culprit_with_a_fitting_start_takes_the_recovery_not_the_unlisted_drug(assess):
    result = assess(patient=ADULT, labs={"wbc": 2400, "anc": 300},
                    findings={"count_recovered_after_stopping": "yes"},
                    medications=[{"name": "amlodipine", "started_weeks_ago": 4},
                                 {"name": "carbimazole", "started_weeks_ago": 5}])
    assert top_causes(result, 1) == ["drug_antithyroid"]
    assert UNLINKED_RULE not in evidence_rules(result, "drug_other")


def test_a_recovery_weighs_less_for_an_unlisted_drug_than_for_a_listed_one_of_low_risk(assess):
    def drug_other_score(name):
        result = assess(patient=ADULT, labs={"wbc": 2400, "anc": 600},
                        findings={"count_recovered_after_stopping": "yes"},
                        medications=[{"name": name, "started_weeks_ago": 4, "stopped": True}])
        return score_of(result, "drug_other")
    assert drug_other_score("amlodipine") < drug_other_score("diclofenac")


# ---- proton pump inhibitors --------------------------------------------------------------

def test_the_proton_pump_inhibitors_are_filed_as_rare_causes_of_neutropenia():
    catalogue = load_catalogue()
    for name in ("omeprazole", "Nexium", "lansoprazole", "pantoprazole", "rabeprazole", "ppi"):
        drug_class = catalogue.drug_classes[catalogue.find_drug(name).drug_class]
        assert drug_class.cause == "drug_other" and drug_class.risk == "low"


def test_a_new_neutropenia_days_after_starting_omeprazole_that_recovered_off_it_ranks_the_drug(
        assess):
    result = assess(patient=ADULT, labs={"anc": 900},
                    findings={"previous_counts_normal": "yes",
                              "count_recovered_after_stopping": "yes"},
                    medications=[{"name": "omeprazole", "started_weeks_ago": 1.5}])
    assert top_causes(result, 1) == ["drug_other"]


def test_a_proton_pump_inhibitor_taken_for_years_weighs_next_to_nothing(assess):
    result = assess(patient=ADULT, labs={"anc": 900},
                    medications=[{"name": "omeprazole", "started_weeks_ago": 150}])
    assert 0 < max(evidence_rules(result, "drug_other").values()) <= 2


# ---- clozapine with a second drug of marrow risk ------------------------------------------

CLOZAPINE_WITH_COTRIMOXAZOLE = dict(
    patient={"age_years": 47, "sex": "female"},
    labs={"wbc": 2300, "neutrophils_pct": 60, "platelets": 90000},
    findings={"previous_counts_normal": "yes"},
    medications=[{"name": "clozapine", "started_weeks_ago": 260},
                 {"name": "co-trimoxazole", "started_weeks_ago": 0.6}],
)


def test_a_fall_days_after_co_trimoxazole_is_added_to_long_standing_clozapine_names_the_pair(
        assess):
    result = assess(**CLOZAPINE_WITH_COTRIMOXAZOLE)
    assert "marrow_toxin_made_worse_by_a_second_drug" in pitfall_ids(result)
    assert set(top_causes(result, 2)) == {"drug_antibiotic", "drug_clozapine"}


def test_clozapine_beside_a_drug_without_marrow_risk_is_not_called_a_dangerous_pair(assess):
    result = assess(**{**CLOZAPINE_WITH_COTRIMOXAZOLE,
                       "medications": [{"name": "clozapine", "started_weeks_ago": 260},
                                       {"name": "amoxicillin", "started_weeks_ago": 0.6}]})
    assert "clozapine_taken_with_a_second_drug_that_can_empty_the_marrow" not in \
        evidence_rules(result, "drug_clozapine")
    assert "marrow_toxin_made_worse_by_a_second_drug" not in pitfall_ids(result)


def test_a_drug_started_after_the_fall_beside_clozapine_is_not_called_a_dangerous_pair(assess):
    result = assess(**{**CLOZAPINE_WITH_COTRIMOXAZOLE,
                       "findings": {"low_count_first_noted_weeks_ago": 2}})
    assert "marrow_toxin_made_worse_by_a_second_drug" not in pitfall_ids(result)


# ---- cocaine and its adulterant, levamisole ------------------------------------------------

def test_cocaine_used_for_years_and_still_used_is_a_current_exposure_to_levamisole(assess):
    result = assess(patient={"age_years": 40, "sex": "female"}, labs={"wbc": 2300, "anc": 400},
                    medications=[{"name": "crack cocaine", "started_weeks_ago": 520}])
    assert top_causes(result, 1) == ["drug_other"]
    assert evidence_rules(result, "drug_other")["drug_exposure_counts_for_its_cause"] >= 10


def test_cocaine_given_up_months_ago_is_not_a_current_exposure(assess):
    result = assess(patient={"age_years": 40, "sex": "female"}, labs={"wbc": 2300, "anc": 400},
                    medications=[{"name": "crack cocaine", "started_weeks_ago": 520,
                                  "stopped_weeks_ago": 20}])
    assert evidence_rules(result, "drug_other").get("drug_exposure_counts_for_its_cause", 0) <= 0


def test_a_positive_ana_in_a_current_cocaine_user_weighs_less_for_lupus(assess):
    sections = dict(patient={"age_years": 40, "sex": "female"}, labs={"wbc": 2300},
                    findings={"antinuclear_antibodies": "positive", "joint_symptoms": "yes"})
    without = assess(**sections)
    user = assess(**sections, medications=[{"name": "cocaine", "started_weeks_ago": 520}])
    rules = evidence_rules(user, "systemic_lupus_erythematosus")
    assert rules["lupus_serology_in_a_current_user_of_levamisole_cut_cocaine"] < 0
    assert score_of(user, "systemic_lupus_erythematosus") < \
        score_of(without, "systemic_lupus_erythematosus")


# ---- a positive rechallenge ------------------------------------------------------------------

def test_a_fall_on_re_exposure_weighs_for_a_listed_drug_taken_for_years(assess):
    sections = dict(patient=ADULT, labs={"wbc": 2300, "anc": 490},
                    medications=[{"name": "carbamazepine", "started_weeks_ago": 300}])
    without = assess(**sections)
    again = assess(**sections, findings={"count_recovered_after_stopping": "yes",
                                         "count_fell_again_on_re_exposure": "yes"})
    rules = evidence_rules(again, "drug_antiepileptic")
    assert rules["count_fell_again_when_the_drug_was_given_again"] >= 10
    assert top_causes(again, 1) == ["drug_antiepileptic"]
    assert score_of(again, "drug_antiepileptic") > score_of(without, "drug_antiepileptic")


def test_a_fall_on_re_exposure_to_a_drug_without_an_established_link_ranks_it(assess):
    result = assess(patient={"age_years": 82, "sex": "male"}, labs={"wbc": 2300, "anc": 490},
                    findings={"count_fell_again_on_re_exposure": "yes"},
                    medications=[{"name": "nifedipine", "started_weeks_ago": 312}])
    assert top_causes(result, 1) == ["drug_other"]


def test_no_fall_on_re_exposure_asked_about_weighs_for_nothing(assess):
    result = assess(patient={"age_years": 82, "sex": "male"}, labs={"wbc": 2300, "anc": 490},
                    findings={"count_fell_again_on_re_exposure": "no"},
                    medications=[{"name": "nifedipine", "started_weeks_ago": 312}])
    assert "drug_other" not in top_causes(result, 5)


def test_a_count_that_recovered_off_a_drug_asks_whether_it_fell_again_when_given_again(assess):
    result = assess(patient=ADULT, labs={"wbc": 2400, "anc": 600},
                    findings={"count_recovered_after_stopping": "yes"},
                    medications=[{"name": "amlodipine", "started_weeks_ago": 4,
                                  "stopped": True}])
    assert "count_fell_again_on_re_exposure" in {q.id for q in result.next_questions}


def test_clozapine_stopped_at_the_fall_beside_co_trimoxazole_still_names_the_pair(assess):
    result = assess(**{**CLOZAPINE_WITH_COTRIMOXAZOLE,
                       "medications": [{"name": "clozapine", "started_weeks_ago": 260,
                                        "stopped": True},
                                       {"name": "co-trimoxazole", "started_weeks_ago": 0.6,
                                        "stopped": True}]})
    assert "marrow_toxin_made_worse_by_a_second_drug" in pitfall_ids(result)
