"""Weights revisited where one fact was counted twice or a sign's other common source was
already in view, as small vignettes: enlarged nodes in one region beside a fever weigh
moderately for childhood ALL (reactive nodes are the commonest in a febrile child; Sahai
2013), generalised nodes, bone pain or an afebrile child strongly as before; a high MCV adds
nothing for B12 or folate deficiency once the marrow has been read as megaloblastic (the
large red cells are that marrow's product); and an LDH above 1,000 beside a fever counts
weakly for the deficiencies and for HLH and lymphoma alike, not moderately for the
deficiencies alone; and age after 60 weighs only weakly for myelodysplasia when the case
already holds an explanation for several low lines (a drug in its window, a positive ANA,
lupus, rheumatoid arthritis, an overactive thyroid, cirrhosis, another marrow infiltrate),
since myelodysplasia is diagnosed once those are excluded (WHO 2022)."""


def weights_for(result, cause):
    return {item.rule: item.weight for c in result.ranking if c.cause == cause
            for item in c.evidence}


# ---- nodes in a febrile child ------------------------------------------------------------------

def test_nodes_in_one_region_beside_a_fever_weigh_moderately_for_childhood_all(assess):
    result = assess(patient={"age_years": 4, "sex": "male"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"fever": "yes", "lymphadenopathy": "yes",
                              "lymph_node_sites": "inguinal"})
    weights = weights_for(result, "acute_lymphoblastic_leukemia")
    assert weights["febrile_child_with_low_counts_and_nodes_in_one_region"] == 5
    assert "child_with_low_counts_and_bone_pain_or_nodes" not in weights


def test_nodes_at_an_unstated_site_beside_a_fever_weigh_moderately_for_childhood_all(assess):
    result = assess(patient={"age_years": 7, "sex": "female"},
                    labs={"wbc": 2100, "anc": 700, "hemoglobin": 8.9, "platelets": 60000},
                    findings={"temperature_c": 38.8, "lymphadenopathy": "yes"})
    weights = weights_for(result, "acute_lymphoblastic_leukemia")
    assert weights["febrile_child_with_low_counts_and_nodes_in_one_region"] == 5


def test_generalised_nodes_beside_a_fever_still_weigh_strongly_for_childhood_all(assess):
    result = assess(patient={"age_years": 5, "sex": "male"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"fever": "yes", "lymphadenopathy": "yes",
                              "lymph_node_sites": "generalized"})
    weights = weights_for(result, "acute_lymphoblastic_leukemia")
    assert weights["child_with_low_counts_and_bone_pain_or_nodes"] == 10
    assert "febrile_child_with_low_counts_and_nodes_in_one_region" not in weights


def test_bone_pain_beside_a_fever_and_nodes_still_weighs_strongly_for_childhood_all(assess):
    result = assess(patient={"age_years": 6, "sex": "female"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"fever": "yes", "bone_pain": "yes", "lymphadenopathy": "yes",
                              "lymph_node_sites": "cervical"})
    weights = weights_for(result, "acute_lymphoblastic_leukemia")
    assert weights["child_with_low_counts_and_bone_pain_or_nodes"] == 10
    assert "febrile_child_with_low_counts_and_nodes_in_one_region" not in weights


def test_nodes_in_an_afebrile_child_with_low_counts_still_weigh_strongly_for_all(assess):
    result = assess(patient={"age_years": 3, "sex": "male"},
                    labs={"wbc": 1900, "anc": 400, "hemoglobin": 7.5, "platelets": 30000},
                    findings={"temperature_c": 36.8, "lymphadenopathy": "yes",
                              "lymph_node_sites": "cervical"})
    weights = weights_for(result, "acute_lymphoblastic_leukemia")
    assert weights["child_with_low_counts_and_bone_pain_or_nodes"] == 10
    assert result.ranking[0].cause == "acute_lymphoblastic_leukemia"


# ---- a high MCV beside a megaloblastic marrow --------------------------------------------------

def test_a_high_mcv_adds_nothing_for_b12_once_the_marrow_is_read_as_megaloblastic(assess):
    result = assess(patient={"age_years": 45, "sex": "female"},
                    labs={"wbc": 2600, "anc": 900, "hemoglobin": 7.1, "platelets": 90000,
                          "mcv": 112},
                    findings={"marrow_megaloblastic": "yes"})
    for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
        weights = weights_for(result, cause)
        assert weights["megaloblastic_marrow"] == 10
        assert "large_red_cells" not in weights
    assert weights_for(result, "myelodysplastic_syndrome")[
        "large_red_cells_beside_a_megaloblastic_marrow"] == 5
    assert result.ranking[0].cause in ("vitamin_b12_deficiency", "folate_deficiency")


def test_a_high_mcv_without_a_marrow_result_still_counts_for_b12_and_folate(assess):
    result = assess(patient={"age_years": 70, "sex": "male"},
                    labs={"wbc": 2800, "anc": 1100, "hemoglobin": 9.0, "mcv": 115})
    for cause in ("vitamin_b12_deficiency", "folate_deficiency", "myelodysplastic_syndrome"):
        assert weights_for(result, cause)["large_red_cells"] == 5


# ---- a very high LDH beside a fever -----------------------------------------------------------

def test_a_very_high_ldh_beside_a_fever_weighs_weakly_for_the_deficiencies_and_for_hlh(assess):
    result = assess(patient={"age_years": 34, "sex": "female"},
                    labs={"wbc": 1200, "anc": 600, "hemoglobin": 9.5, "platelets": 70000,
                          "ldh": 1800},
                    findings={"temperature_c": 39.2})
    for cause in ("vitamin_b12_deficiency", "folate_deficiency",
                  "hemophagocytic_lymphohistiocytosis", "lymphoma_marrow_infiltration"):
        weights = weights_for(result, cause)
        assert weights["very_high_ldh_beside_a_fever"] == 2
        assert "very_high_ldh" not in weights


def test_a_very_high_ldh_without_a_fever_still_weighs_moderately_for_the_deficiencies(assess):
    result = assess(patient={"age_years": 66, "sex": "female"},
                    labs={"wbc": 2400, "anc": 900, "hemoglobin": 7.0, "platelets": 80000,
                          "ldh": 2500},
                    findings={"temperature_c": 36.7})
    for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
        assert weights_for(result, cause)["very_high_ldh"] == 5
    assert "very_high_ldh_beside_a_fever" not in weights_for(
        result, "hemophagocytic_lymphohistiocytosis")


# ---- age and several low lines, with an explanation already in view ----------------------------

def test_age_weighs_weakly_for_myelodysplasia_beside_a_positive_ana(assess):
    result = assess(patient={"age_years": 66, "sex": "female"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"antinuclear_antibodies": "positive"})
    weights = weights_for(result, "myelodysplastic_syndrome")
    assert weights["older_patient_with_several_low_lines_and_an_explanation_in_view"] == 2
    assert "older_patient_with_several_low_lines" not in weights


def test_age_weighs_weakly_for_myelodysplasia_beside_a_drug_taken_in_its_window(assess):
    result = assess(patient={"age_years": 72, "sex": "male"},
                    labs={"wbc": 2100, "anc": 800, "hemoglobin": 9.8, "platelets": 85000},
                    findings={"temperature_c": 36.6},
                    medications=[{"name": "methotrexate", "started_weeks_ago": 8}])
    weights = weights_for(result, "myelodysplastic_syndrome")
    assert weights["older_patient_with_several_low_lines_and_an_explanation_in_view"] == 2
    assert "older_patient_with_several_low_lines" not in weights


def test_unexplained_cytopenias_after_sixty_still_weigh_moderately_for_myelodysplasia(assess):
    result = assess(patient={"age_years": 74, "sex": "male"},
                    labs={"wbc": 2600, "anc": 1100, "hemoglobin": 9.9, "platelets": 95000},
                    findings={"temperature_c": 36.7})
    weights = weights_for(result, "myelodysplastic_syndrome")
    assert weights["older_patient_with_several_low_lines"] == 5
    assert "older_patient_with_several_low_lines_and_an_explanation_in_view" not in weights
