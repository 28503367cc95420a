"""The clinical behaviour the core knowledge base must show, as small vignettes."""

from conftest import pitfall_ids, top_causes

CLOZAPINE = dict(
    patient={"age_years": 34, "sex": "male"},
    labs={"wbc": 2100, "anc": 300, "hemoglobin": 14.2, "platelets": 245000},
    medications=[{"name": "clozapine", "started_weeks_ago": 10}],
)


def test_clozapine_started_ten_weeks_ago_with_agranulocytosis_ranks_clozapine_first(assess):
    result = assess(**CLOZAPINE)
    assert result.ranking[0].cause == "drug_clozapine"
    assert result.ranking[0].must_not_miss
    assert result.reading.grade == "severe"
    assert "neutropenic_fever" not in pitfall_ids(result)


def test_fever_with_severe_neutropenia_is_an_emergency_shown_first(assess):
    result = assess(**CLOZAPINE, findings={"temperature_c": 38.6})
    assert result.pitfalls[0].id == "neutropenic_fever"
    assert result.pitfalls[0].indicator == "critical"
    assert result.ranking[0].cause == "drug_clozapine"


def test_fever_with_mild_neutropenia_is_not_called_neutropenic_fever(assess):
    result = assess(patient={"age_years": 30}, labs={"wbc": 3200, "anc": 1200},
                    findings={"temperature_c": 38.6})
    assert "neutropenic_fever" not in pitfall_ids(result)


def test_suspect_drug_with_blasts_and_other_cytopenias_warns_against_blaming_the_drug(assess):
    result = assess(
        patient={"age_years": 58, "sex": "female"},
        labs={"wbc": 1800, "anc": 400, "hemoglobin": 8.1, "platelets": 42000},
        smear=["blasts"],
        medications=[{"name": "Bactrim", "started_weeks_ago": 3}],
    )
    assert "drug_blamed_before_malignancy_excluded" in pitfall_ids(result)
    assert "other_cytopenias_ignored" in pitfall_ids(result)
    marrow_malignancies = {"acute_myeloid_leukemia", "myelodysplastic_syndrome"}
    assert marrow_malignancies & set(top_causes(result, 3))


def test_recurrent_infections_with_lymphocytosis_and_low_igg_raise_cll_despite_a_high_count(
        assess):
    result = assess(
        patient={"age_years": 68, "sex": "male"},
        labs={"wbc": 12000, "lymphocytes_pct": 80, "neutrophils_pct": 17, "igg": 480,
              "hemoglobin": 13.5, "platelets": 190000},
        findings={"recurrent_infections": "yes"},
    )
    assert result.reading.white_count_status == "high"
    assert "cll_hidden_behind_normal_count" in pitfall_ids(result)
    assert result.ranking[0].cause == "chronic_lymphocytic_leukemia"


def test_low_neutrophil_percentage_with_normal_anc_is_relative_not_absolute(assess):
    result = assess(patient={"age_years": 40}, labs={"wbc": 6500, "neutrophils_pct": 25,
                                                     "lymphocytes_pct": 70})
    assert result.reading.anc == 1625
    assert result.reading.neutrophil_status == "relative_neutropenia"
    assert result.reading.grade == "none"
    assert "relative_not_absolute_neutropenia" in pitfall_ids(result)


def test_infant_count_normal_for_an_adult_is_low_for_age(assess):
    result = assess(patient={"age_years": 0.5}, labs={"wbc": 5000, "anc": 1400})
    assert result.reading.white_count_status == "low"
    assert "age_inappropriate_range" in pitfall_ids(result)


def test_infant_anc_below_the_adult_cutoff_is_normal_for_age(assess):
    result = assess(patient={"age_years": 0.5}, labs={"wbc": 9000, "anc": 1200})
    assert result.reading.grade == "none"
    assert result.reading.neutrophil_status != "absolute_neutropenia"
    assert "age_inappropriate_range" in pitfall_ids(result)


def test_adult_with_the_same_anc_is_graded_mild(assess):
    result = assess(patient={"age_years": 35}, labs={"wbc": 3500, "anc": 1200})
    assert result.reading.grade == "mild"
    assert "age_inappropriate_range" not in pitfall_ids(result)


def test_splenomegaly_with_cirrhosis_and_mild_pancytopenia_ranks_hypersplenism_first(assess):
    result = assess(
        patient={"age_years": 61, "sex": "male"},
        labs={"wbc": 3100, "anc": 1700, "hemoglobin": 11.2, "platelets": 78000, "mcv": 96},
        findings={"splenomegaly": "yes", "cirrhosis": "yes"},
    )
    assert result.reading.cell_line_pattern == "pancytopenia"
    assert result.ranking[0].cause == "hypersplenism"


def test_every_score_is_its_prior_plus_its_evidence(assess):
    result = assess(**CLOZAPINE, findings={"temperature_c": 38.6})
    for cause in result.ranking:
        assert cause.score == cause.prior + sum(item.weight for item in cause.evidence)
        assert all(item.source and item.rationale for item in cause.evidence)
