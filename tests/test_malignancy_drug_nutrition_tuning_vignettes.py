"""Issue 11 (haematological malignancy, medication, nutritional and cancer-related causes) as
small vignettes: a drug's aplasia window, cytopenias a drug already explains, a count that
corrects within hours with no infection in view, and next steps that fit the case."""

from __future__ import annotations

import dataclasses

from conftest import pitfall_ids, top_causes

from engine.next_steps import check_next_steps
from rules.catalogue import InteractionSteps, load_catalogue


def evidence_rules(result, cause: str) -> dict[str, int]:
    ranked = next(c for c in result.ranking if c.cause == cause)
    return {item.rule: item.weight for item in ranked.evidence}


def score(result, cause: str) -> int | None:
    return next((c.score for c in result.ranking if c.cause == cause), None)


# ---- a drug linked to aplasia, months into treatment ----------------------------------------

ACETAZOLAMIDE_PANCYTOPENIA = dict(
    patient={"age_years": 68, "sex": "male"},
    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
    medications=[{"name": "Diamox", "started_weeks_ago": 16}],
)


def test_pancytopenia_four_months_into_acetazolamide_ranks_the_drug_above_myelodysplasia(assess):
    result = assess(**ACETAZOLAMIDE_PANCYTOPENIA)
    assert result.ranking[0].cause == "drug_other"
    assert score(result, "drug_other") > score(result, "myelodysplastic_syndrome")
    exposure = next(item for item in result.ranking[0].evidence
                    if item.rule == "drug_exposure_counts_for_its_cause")
    assert "inside the usual window" in exposure.rationale


def test_acetazolamide_started_years_ago_is_outside_its_window(assess):
    result = assess(**{**ACETAZOLAMIDE_PANCYTOPENIA,
                       "medications": [{"name": "acetazolamide", "started_weeks_ago": 300}]})
    exposure = next(item for c in result.ranking if c.cause == "drug_other"
                    for item in c.evidence if item.rule == "drug_exposure_counts_for_its_cause")
    assert "inside the usual window" not in exposure.rationale


def test_several_low_lines_on_a_drug_that_lowers_them_weigh_against_myelodysplasia(assess):
    case = dict(patient={"age_years": 72, "sex": "female"},
                labs={"wbc": 2400, "anc": 1100, "hemoglobin": 9.6, "platelets": 88000})
    without = assess(**case)
    on_azathioprine = assess(**case, medications=[{"name": "azathioprine",
                                                   "started_weeks_ago": 20}])
    assert "several_low_lines_on_a_drug_that_lowers_them_are_not_yet_unexplained" in \
        evidence_rules(on_azathioprine, "myelodysplastic_syndrome")
    assert score(on_azathioprine, "myelodysplastic_syndrome") < \
        score(without, "myelodysplastic_syndrome")
    # a drug with no link to the marrow explains nothing
    on_amlodipine = assess(**case, medications=[{"name": "amlodipine", "started_weeks_ago": 20}])
    assert score(on_amlodipine, "myelodysplastic_syndrome") == \
        score(without, "myelodysplastic_syndrome")


# ---- a count that corrects within hours -----------------------------------------------------

RISPERIDONE_MORNING_LOW = dict(
    patient={"age_years": 33, "sex": "female"},
    labs={"wbc": 2900, "anc": 1300},
    medications=[{"name": "risperidone", "started_weeks_ago": 6}],
    earlier_counts=[{"weeks_ago": 60, "labs": {"wbc": 5800, "anc": 3200}},
                    {"hours_later": 6, "labs": {"wbc": 4900, "anc": 3300}}],
)


def test_a_count_that_corrects_within_hours_with_no_infection_known_is_not_called_margination(
        assess):
    result = assess(**RISPERIDONE_MORNING_LOW)
    assert result.ranking[0].cause == "drug_antipsychotic"
    assert "early_infection_pseudoleukopenia" in pitfall_ids(result)
    assert "a_repeat_count_within_hours_is_normal_with_no_infection_known" in evidence_rules(
        result, "early_infection_margination")


def test_a_count_that_corrects_within_hours_during_a_fever_is_margination(assess):
    result = assess(**{**RISPERIDONE_MORNING_LOW, "findings": {"temperature_c": 38.6}})
    assert top_causes(result, 1) == ["early_infection_margination"]
    assert "a_repeat_count_within_hours_is_normal_during_an_infection" in evidence_rules(
        result, "early_infection_margination")


# ---- next steps that fit the case ------------------------------------------------------------

METHOTREXATE_WITH_CO_TRIMOXAZOLE = dict(
    patient={"age_years": 70, "sex": "female"},
    labs={"wbc": 1800, "anc": 900, "hemoglobin": 9.1, "platelets": 62000, "mcv": 104},
    medications=[{"name": "methotrexate", "started_weeks_ago": 100},
                 {"name": "co-trimoxazole", "started_weeks_ago": 1}],
    findings={"temperature_c": 36.8},
)


def steps_of(result, cause: str) -> list[str]:
    return [step.text for c in result.ranking if c.cause == cause for step in c.next_steps]


def test_methotrexate_with_co_trimoxazole_steps_stop_the_partner_and_repeat_every_few_days(
        assess):
    result = assess(**METHOTREXATE_WITH_CO_TRIMOXAZOLE)
    assert "marrow_toxin_made_worse_by_a_second_drug" in pitfall_ids(result)
    steps = steps_of(result, "drug_immunosuppressant")
    assert any(text.startswith("Stop trimethoprim-sulfamethoxazole as well as methotrexate")
               for text in steps)
    assert any("every few days" in text for text in steps)
    # the card says every few days: the steps do not also say a week or two after stopping
    assert not any("1-2 weeks after stopping" in text for text in steps)


def test_methotrexate_alone_keeps_the_usual_repeat_count(assess):
    result = assess(**{**METHOTREXATE_WITH_CO_TRIMOXAZOLE,
                       "medications": [{"name": "methotrexate", "started_weeks_ago": 100}]})
    steps = steps_of(result, "drug_immunosuppressant")
    assert any("1-2 weeks after stopping" in text for text in steps)
    assert not any("as well as methotrexate" in text for text in steps)


def test_a_normal_b12_in_the_case_is_not_ordered_again(assess):
    def b12_steps(labs):
        result = assess(patient={"age_years": 70, "sex": "female"},
                        labs={"wbc": 2400, "anc": 1100, "hemoglobin": 9.0,
                              "platelets": 90000, "mcv": 112, **labs})
        return [*steps_of(result, "folate_deficiency"),
                *steps_of(result, "vitamin_b12_deficiency")]

    without = b12_steps({})
    assert any(text.startswith("Serum B12") for text in without)
    normal = b12_steps({"vitamin_b12": "350 pmol/L"})
    assert not any(text.startswith("Serum B12") for text in normal)
    assert any(text.startswith("With a normal serum B12 already measured") for text in normal)
    assert not any(text.startswith("With a normal serum B12") for text in without)
    low = b12_steps({"vitamin_b12": "90 pmol/L"})
    assert any(text.startswith("Serum B12") for text in low)


def test_kb_check_names_an_interaction_with_a_drug_not_in_the_dictionary():
    catalogue = dataclasses.replace(load_catalogue())
    pair = catalogue.interaction_steps[0]
    catalogue.interaction_steps = (InteractionSteps(toxins=("methotrexat",),
                                                    partners=pair.partners, steps=pair.steps),)
    problems = check_next_steps(catalogue)
    assert [(p.check, p.subject) for p in problems] == [("interaction_with_unknown_drug",
                                                         "methotrexat")]


# ---- an examined marrow and the deficiencies ---------------------------------------------------

AFTER_GASTRIC_BYPASS = dict(
    patient={"age_years": 52, "sex": "female"},
    labs={"anc": "low", "hemoglobin": "low"},
    findings={"bariatric_or_gastric_surgery": "yes"},
)


def test_a_marrow_read_without_dysplasia_after_bypass_ranks_copper_above_b12(assess):
    without_marrow = assess(**AFTER_GASTRIC_BYPASS)
    read = assess(**{**AFTER_GASTRIC_BYPASS,
                     "findings": {**AFTER_GASTRIC_BYPASS["findings"],
                                  "marrow_dysplasia": "no", "marrow_infiltrate": "none"}})
    assert top_causes(read, 1) == ["copper_deficiency"]
    assert score(read, "vitamin_b12_deficiency") < score(without_marrow,
                                                         "vitamin_b12_deficiency")


def test_a_marrow_stated_megaloblastic_is_not_marked_down_for_lacking_dysplasia(assess):
    result = assess(**{**AFTER_GASTRIC_BYPASS,
                       "findings": {**AFTER_GASTRIC_BYPASS["findings"],
                                    "marrow_dysplasia": "no", "marrow_infiltrate": "none",
                                    "marrow_megaloblastic": "yes"}})
    assert "marrow_read_without_dysplasia_or_infiltrate" not in evidence_rules(
        result, "vitamin_b12_deficiency")


# ---- childhood ALL: which signs tell ----------------------------------------------------------

CHILD_WITH_PANCYTOPENIA = dict(patient={"age_years": 6, "sex": "male"},
                               labs={"wbc": 2100, "hemoglobin": 7.4, "platelets": 41000})


def test_a_big_liver_and_spleen_weigh_less_for_childhood_all_than_nodes_or_bone_pain(assess):
    organs = assess(**CHILD_WITH_PANCYTOPENIA,
                    findings={"hepatomegaly": "yes", "splenomegaly": "yes"})
    nodes = assess(**CHILD_WITH_PANCYTOPENIA, findings={"lymphadenopathy": "yes"})
    bones = assess(**CHILD_WITH_PANCYTOPENIA, findings={"bone_pain": "yes"})
    organ_weight = evidence_rules(organs, "acute_lymphoblastic_leukemia")[
        "child_with_low_counts_and_a_big_liver_or_spleen"]
    assert organ_weight > 0
    for result in (nodes, bones):
        assert evidence_rules(result, "acute_lymphoblastic_leukemia")[
            "child_with_low_counts_and_bone_pain_or_nodes"] > organ_weight
    assert top_causes(nodes, 1) == ["acute_lymphoblastic_leukemia"]


def test_a_big_spleen_with_liver_disease_in_a_child_ranks_hypersplenism_above_all(assess):
    result = assess(patient=CHILD_WITH_PANCYTOPENIA["patient"],
                    labs={**CHILD_WITH_PANCYTOPENIA["labs"], "alt": "high", "ast": "high"},
                    findings={"hepatomegaly": "yes", "splenomegaly": "yes", "jaundice": "yes"})
    assert score(result, "hypersplenism") > score(result, "acute_lymphoblastic_leukemia")


# ---- a glucocorticoid whose start is not dated ------------------------------------------------

LYMPHOPENIC_INFANT = dict(patient={"age_years": 0.75, "sex": "female"},
                          labs={"wbc": 3200, "alc": 900, "hemoglobin": 9.5,
                                "platelets": 180000})


def test_an_undated_glucocorticoid_weighs_less_for_the_lymphopenia_than_a_dated_one(assess):
    undated = assess(**LYMPHOPENIC_INFANT, medications=[{"name": "prednisolone"}])
    dated = assess(**LYMPHOPENIC_INFANT,
                   medications=[{"name": "prednisolone", "started_weeks_ago": 3}])
    undated_rules = evidence_rules(undated, "glucocorticoid_lymphopenia")
    dated_rules = evidence_rules(dated, "glucocorticoid_lymphopenia")
    assert "lymphopenia_on_a_glucocorticoid" not in undated_rules
    assert "lymphopenia_on_a_glucocorticoid_not_dated" not in dated_rules
    assert 0 < undated_rules["lymphopenia_on_a_glucocorticoid_not_dated"] < \
        dated_rules["lymphopenia_on_a_glucocorticoid"]
    # one dated and one undated steroid: the dated one speaks, once
    both = assess(**LYMPHOPENIC_INFANT,
                  medications=[{"name": "prednisolone", "started_weeks_ago": 3},
                               {"name": "hydrocortisone"}])
    assert "lymphopenia_on_a_glucocorticoid_not_dated" not in evidence_rules(
        both, "glucocorticoid_lymphopenia")


# ---- nodes that drain a local infection -------------------------------------------------------

PANCYTOPENIA_WITH_AN_EMPTY_MARROW = dict(
    patient={"age_years": 40, "sex": "female"},
    labs={"wbc": 1200, "anc": 300, "hemoglobin": 7.2, "platelets": 14000},
)


def test_neck_nodes_beside_a_dental_abscess_are_reactive_not_lymphoma(assess):
    findings = {"fever": "yes", "infection_site": "abscess", "lymphadenopathy": "yes",
                "lymph_node_sites": "cervical", "marrow_cellularity": "hypocellular"}
    result = assess(**PANCYTOPENIA_WITH_AN_EMPTY_MARROW, findings=findings)
    assert score(result, "aplastic_anemia") > score(result, "lymphoma_marrow_infiltration")
    assert "nodes_in_one_region_draining_a_local_infection" in evidence_rules(
        result, "lymphoma_marrow_infiltration")
    # generalised nodes are not an abscess's drainage: they still argue against aplasia
    spread = assess(**PANCYTOPENIA_WITH_AN_EMPTY_MARROW,
                    findings={**findings, "lymph_node_sites": "generalized"})
    assert "enlarged_nodes_argue_against_an_empty_marrow" in evidence_rules(
        spread, "aplastic_anemia")
    assert "nodes_in_one_region_draining_a_local_infection" not in evidence_rules(
        spread, "lymphoma_marrow_infiltration")


def test_ciclosporin_does_not_explain_away_myelodysplasia(assess):
    case = dict(patient={"age_years": 72, "sex": "female"},
                labs={"wbc": 2400, "anc": 1100, "hemoglobin": 9.6, "platelets": 88000},
                medications=[{"name": "ciclosporin", "started_weeks_ago": 20}])
    result = assess(**case)
    assert "several_low_lines_on_a_drug_that_lowers_them_are_not_yet_unexplained" not in \
        evidence_rules(result, "myelodysplastic_syndrome")


def test_enlarged_nodes_weigh_less_for_lymphoma_in_hiv(assess):
    case = dict(patient={"age_years": 33, "sex": "male"},
                labs={"wbc": 1300, "hemoglobin": 6.1, "platelets": 60000, "cd4": 40},
                findings={"fever": "yes", "lymphadenopathy": "yes", "weight_loss": "yes"})
    without = assess(**case)
    with_hiv = assess(**{**case, "findings": {**case["findings"], "hiv_test": "positive"}})
    assert "enlarged_nodes_in_hiv" in evidence_rules(with_hiv, "lymphoma_marrow_infiltration")
    assert score(with_hiv, "lymphoma_marrow_infiltration") < \
        score(without, "lymphoma_marrow_infiltration")
    assert score(with_hiv, "lymphoma_marrow_infiltration") > -20  # still in the differential


def test_a_high_calcium_given_as_a_number_and_in_words_counts_once_for_myeloma(assess):
    case = dict(patient={"age_years": 66, "sex": "male"},
                labs={"wbc": 3100, "hemoglobin": 9.2, "platelets": 140000, "calcium": 12.8})
    number_only = assess(**case)
    both = assess(**case, findings={"hypercalcemia": "yes"})
    assert score(both, "multiple_myeloma") == score(number_only, "multiple_myeloma")
    words_only = assess(patient=case["patient"],
                        labs={k: v for k, v in case["labs"].items() if k != "calcium"},
                        findings={"hypercalcemia": "yes"})
    assert "high_calcium_with_a_low_count" in evidence_rules(words_only, "multiple_myeloma")


def test_the_handbook_shows_the_interaction_steps_and_when_a_step_applies():
    from engine import kb_check
    from interview.kb import handbook_markdown
    catalogue = load_catalogue()
    text = handbook_markdown(catalogue, kb_check.read_rules(catalogue=catalogue))
    assert "#### methotrexate with trimethoprim-sulfamethoxazole, trimethoprim" in text
    assert "{toxin}" not in text and "{partner}" not in text
    assert "(left out when the case already gives a normal Vitamin B12)" in text
    assert "(shown once a normal Vitamin B12 is given)" in text


def test_a_child_with_low_counts_and_no_known_tumour_has_solid_tumour_infiltration_lower(assess):
    child = assess(**CHILD_WITH_PANCYTOPENIA)
    adult = assess(patient={"age_years": 45, "sex": "male"},
                   labs=CHILD_WITH_PANCYTOPENIA["labs"])
    assert "several_low_lines_in_a_child_without_a_known_tumour" in evidence_rules(
        child, "solid_tumor_marrow_infiltration")
    assert score(child, "solid_tumor_marrow_infiltration") < \
        score(adult, "solid_tumor_marrow_infiltration")
    assert score(child, "acute_lymphoblastic_leukemia") > \
        score(child, "solid_tumor_marrow_infiltration")
    known = assess(**CHILD_WITH_PANCYTOPENIA, findings={"known_cancer": "yes"})
    assert "several_low_lines_in_a_child_without_a_known_tumour" not in evidence_rules(
        known, "solid_tumor_marrow_infiltration")
