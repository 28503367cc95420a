"""Small vignettes for the twelfth round: colchicine beside a drug that blocks its clearance,
mouth ulcers on methotrexate, an idiosyncratic drug's "neutrophils alone" argument where a
drug of the same cause lowers every line, lymphoma in the first year of life, and granulomas
with a fever before sarcoidosis."""

from __future__ import annotations

from conftest import evidence_rules, pitfall_ids, top_causes

OLDER_MAN = {"age_years": 76, "sex": "male"}
PANCYTOPENIA = {"wbc": 1800, "anc": 700, "hemoglobin": 9.1, "platelets": 60000}
COLCHICINE_RULE = "colchicine_taken_with_a_drug_that_blocks_its_clearance"


# ---- colchicine and the drugs that slow its clearance -----------------------------------

def test_colchicine_for_years_with_a_week_of_clarithromycin_is_the_poisoning_to_stop(assess):
    result = assess(patient=OLDER_MAN, labs=PANCYTOPENIA, findings={"fever": "yes"},
                    medications=[{"name": "colchicine", "started_weeks_ago": 300},
                                 {"name": "clarithromycin", "started_weeks_ago": 1},
                                 {"name": "amoxicillin", "started_weeks_ago": 1}])
    assert top_causes(result, 1) == ["drug_other"]
    assert evidence_rules(result, "drug_other")[COLCHICINE_RULE] > 0
    assert "marrow_toxin_made_worse_by_a_second_drug" in pitfall_ids(result)


def test_colchicine_beside_a_drug_that_does_not_block_its_clearance_gets_no_interaction(assess):
    result = assess(patient=OLDER_MAN, labs=PANCYTOPENIA,
                    medications=[{"name": "colchicine", "started_weeks_ago": 300},
                                 {"name": "amoxicillin", "started_weeks_ago": 1}])
    assert COLCHICINE_RULE not in evidence_rules(result, "drug_other")
    assert "marrow_toxin_made_worse_by_a_second_drug" not in pitfall_ids(result)


def test_clarithromycin_started_after_the_count_fell_is_no_interaction(assess):
    result = assess(patient=OLDER_MAN, labs=PANCYTOPENIA,
                    findings={"low_count_first_noted_weeks_ago": 3},
                    medications=[{"name": "colchicine", "started_weeks_ago": 300},
                                 {"name": "clarithromycin", "started_weeks_ago": 1}])
    assert COLCHICINE_RULE not in evidence_rules(result, "drug_other")


def test_a_ppi_beside_colchicine_does_not_argue_that_other_drugs_hit_neutrophils_alone(assess):
    result = assess(patient=OLDER_MAN, labs=PANCYTOPENIA,
                    medications=[{"name": "colchicine", "started_weeks_ago": 300},
                                 {"name": "omeprazole", "started_weeks_ago": 2}])
    assert "several_cell_lines_low_on_an_idiosyncratic_drug" not in \
        evidence_rules(result, "drug_other")


def test_a_ppi_alone_with_several_low_lines_still_hears_that_reactions_hit_neutrophils(assess):
    result = assess(patient=OLDER_MAN, labs=PANCYTOPENIA,
                    medications=[{"name": "omeprazole", "started_weeks_ago": 2}])
    assert evidence_rules(result, "drug_other")[
        "several_cell_lines_low_on_an_idiosyncratic_drug"] < 0


# ---- methotrexate mucositis ---------------------------------------------------------------

def test_mouth_ulcers_with_pancytopenia_on_methotrexate_weigh_for_the_drug(assess):
    result = assess(patient={"age_years": 74, "sex": "female"},
                    labs={"wbc": 1100, "hemoglobin": 9.0, "platelets": 9000},
                    findings={"sore_throat_or_mouth_ulcers": "yes",
                              "rheumatoid_arthritis": "yes"},
                    medications=[{"name": "methotrexate"}])
    rules = evidence_rules(result, "drug_immunosuppressant")
    assert rules["mouth_ulcers_with_a_low_count_on_methotrexate"] > 0
    assert top_causes(result, 1) == ["drug_immunosuppressant"]


def test_without_mouth_ulcers_methotrexate_gets_no_mucositis_weight(assess):
    result = assess(patient={"age_years": 74, "sex": "female"},
                    labs={"wbc": 1100, "hemoglobin": 9.0, "platelets": 9000},
                    findings={"sore_throat_or_mouth_ulcers": "no"},
                    medications=[{"name": "methotrexate"}])
    assert "mouth_ulcers_with_a_low_count_on_methotrexate" not in \
        evidence_rules(result, "drug_immunosuppressant")


# ---- lymphoma in the first year -----------------------------------------------------------

INFANT_WITH_FEVER_NODES_AND_A_BIG_SPLEEN = dict(
    patient={"age_years": 0.8, "sex": "male"},
    labs={"wbc": "low", "anc": "low", "hemoglobin": "low", "platelets": "low"},
    findings={"fever": "yes", "acute_infection_onset_days": 21, "splenomegaly": "yes",
              "hepatomegaly": "yes", "lymphadenopathy": "yes"})


def test_an_infant_with_nodes_a_big_spleen_and_low_counts_is_not_first_a_lymphoma(assess):
    result = assess(**INFANT_WITH_FEVER_NODES_AND_A_BIG_SPLEEN)
    assert evidence_rules(result, "lymphoma_marrow_infiltration")[
        "low_counts_in_the_first_year_argue_against_lymphoma"] < 0
    assert "lymphoma_marrow_infiltration" not in top_causes(result, 3)


def test_a_toddler_of_two_does_not_get_the_first_year_argument_against_lymphoma(assess):
    case = dict(INFANT_WITH_FEVER_NODES_AND_A_BIG_SPLEEN, patient={"age_years": 2})
    result = assess(**case)
    assert "low_counts_in_the_first_year_argue_against_lymphoma" not in \
        evidence_rules(result, "lymphoma_marrow_infiltration")


def test_an_infant_whose_marrow_shows_lymphoma_keeps_it(assess):
    case = dict(INFANT_WITH_FEVER_NODES_AND_A_BIG_SPLEEN)
    case["findings"] = dict(case["findings"], marrow_infiltrate="lymphoma")
    result = assess(**case)
    assert "low_counts_in_the_first_year_argue_against_lymphoma" not in \
        evidence_rules(result, "lymphoma_marrow_infiltration")


# ---- granulomas with a fever --------------------------------------------------------------

FEBRILE_PANCYTOPENIA_WITH_NON_CASEATING_GRANULOMAS = dict(
    patient={"age_years": 58, "sex": "female"},
    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
    findings={"temperature_c": 38.5, "marrow_granulomas": "yes",
              "tissue_granulomas": "non_caseating", "home_region": "mediterranean_middle_east"})

GRANULOMA_RULE = "granulomas_with_a_fever_are_an_infection_until_cultured"


def test_granulomas_with_a_fever_count_against_sarcoidosis_until_cultured(assess):
    result = assess(**FEBRILE_PANCYTOPENIA_WITH_NON_CASEATING_GRANULOMAS)
    assert evidence_rules(result, "sarcoidosis")[GRANULOMA_RULE] < 0
    assert "tuberculosis" in top_causes(result, 3)


def test_granulomas_without_a_fever_leave_sarcoidosis_its_tissue_diagnosis(assess):
    case = dict(FEBRILE_PANCYTOPENIA_WITH_NON_CASEATING_GRANULOMAS)
    case["findings"] = dict(case["findings"], temperature_c=36.8)
    result = assess(**case)
    assert GRANULOMA_RULE not in evidence_rules(result, "sarcoidosis")


def test_lofgren_fever_with_erythema_nodosum_is_not_argued_against(assess):
    case = dict(FEBRILE_PANCYTOPENIA_WITH_NON_CASEATING_GRANULOMAS)
    case["findings"] = dict(case["findings"], erythema_nodosum="yes",
                            hilar_lymphadenopathy="yes")
    result = assess(**case)
    assert GRANULOMA_RULE not in evidence_rules(result, "sarcoidosis")


# ---- what proves or doubts disseminated tuberculosis --------------------------------------

def open_questions(result) -> set[str]:
    return {q.id for q in result.questions if q.status == "open"}


FEBRILE_PANCYTOPENIA = dict(patient={"age_years": 58, "sex": "female"},
                            labs={"wbc": 2100, "hemoglobin": 8.8, "platelets": 71000})


def test_mycobacteria_found_on_the_marrow_put_tuberculosis_first(assess):
    result = assess(**FEBRILE_PANCYTOPENIA,
                    findings={"temperature_c": 38.5, "mycobacterial_test": "positive"})
    assert top_causes(result, 1) == ["tuberculosis"]


def test_a_miliary_chest_film_with_pancytopenia_weighs_for_tuberculosis(assess):
    result = assess(**FEBRILE_PANCYTOPENIA,
                    findings={"temperature_c": 38.5, "miliary_chest_imaging": "yes"})
    assert evidence_rules(result, "tuberculosis")["miliary_chest_film_with_a_low_count"] > 0
    assert "tuberculosis" in top_causes(result, 3)


def test_a_negative_sputum_test_lowers_tuberculosis_only_a_little(assess):
    negative = assess(**FEBRILE_PANCYTOPENIA,
                      findings={"temperature_c": 38.5, "tb_features": "yes",
                                "mycobacterial_test": "negative"})
    assert evidence_rules(negative, "tuberculosis")["tuberculosis_not_found"] == -2


def test_a_negative_test_beside_a_miliary_film_is_not_counted_against_tuberculosis(assess):
    result = assess(**FEBRILE_PANCYTOPENIA,
                    findings={"temperature_c": 38.5, "miliary_chest_imaging": "yes",
                              "mycobacterial_test": "negative"})
    assert "tuberculosis_not_found" not in evidence_rules(result, "tuberculosis")


def test_the_tests_for_tuberculosis_are_asked_where_tuberculosis_is_in_play(assess):
    granulomas = assess(**FEBRILE_PANCYTOPENIA,
                        findings={"temperature_c": 38.5, "marrow_granulomas": "yes"})
    assert {"mycobacterial_test", "miliary_chest_imaging"} <= open_questions(granulomas)
    well_child = assess(patient={"age_years": 4}, labs={"anc": 1200})
    assert not {"mycobacterial_test", "miliary_chest_imaging"} & open_questions(well_child)


# ---- a dose-related drug stopped at a time not given ---------------------------------------

def exposure_weight(result, cause: str) -> int:
    return evidence_rules(result, cause)["drug_exposure_counts_for_its_cause"]


LUPUS_NEPHRITIS_PANCYTOPENIA = dict(patient={"age_years": 23, "sex": "male"},
                                    labs={"wbc": 1900, "hemoglobin": 9.0, "platelets": 90000},
                                    findings={"known_lupus": "yes"})


def test_cyclophosphamide_stopped_at_a_time_not_given_weighs_less_than_one_still_given(assess):
    stopped = assess(**LUPUS_NEPHRITIS_PANCYTOPENIA,
                     medications=[{"name": "cyclophosphamide", "stopped": True},
                                  {"name": "azathioprine"}])
    still = assess(**LUPUS_NEPHRITIS_PANCYTOPENIA,
                   medications=[{"name": "cyclophosphamide"}, {"name": "azathioprine"}])
    assert 0 < exposure_weight(stopped, "chemotherapy_myelosuppression") < \
        exposure_weight(still, "chemotherapy_myelosuppression")


def test_an_idiosyncratic_drug_stopped_at_a_time_not_given_keeps_its_weight(assess):
    case = dict(patient={"age_years": 40, "sex": "female"}, labs={"wbc": 1500, "anc": 200})
    stopped = assess(**case, medications=[{"name": "carbimazole", "stopped": True}])
    still = assess(**case, medications=[{"name": "carbimazole"}])
    assert exposure_weight(stopped, "drug_antithyroid") == \
        exposure_weight(still, "drug_antithyroid")
