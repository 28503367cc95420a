"""Presentations of haematological malignancy and of the congenital syndromes that published
cases bring, as small vignettes: the clue a haematologist would act on moves the ranking, and
its absence (or a competing explanation) does not."""

from conftest import top_causes


def rank_of(result, cause):
    """The rank of a cause in the differential, or None when it is not ranked at all."""
    return next((c.rank for c in result.ranking if c.cause == cause), None)


def score_of(result, cause):
    return next((c.score for c in result.ranking if c.cause == cause), None)


# ---- Chediak-Higashi syndrome ------------------------------------------------------------------

def test_partial_albinism_with_pancytopenia_in_a_child_ranks_chediak_higashi_first(assess):
    result = assess(patient={"age_years": 2, "sex": "male"},
                    labs={"wbc": 3000, "hemoglobin": 8, "platelets": 45000},
                    findings={"partial_albinism": "yes", "recurrent_infections": "yes"})
    assert result.ranking[0].cause == "chediak_higashi_syndrome"


def test_the_same_child_without_albinism_does_not_rank_chediak_higashi_first(assess):
    result = assess(patient={"age_years": 2, "sex": "male"},
                    labs={"wbc": 3000, "hemoglobin": 8, "platelets": 45000},
                    findings={"partial_albinism": "no", "recurrent_infections": "yes"})
    assert result.ranking[0].cause != "chediak_higashi_syndrome"


def test_a_maturation_arrest_beside_albinism_puts_congenital_neutropenia_above_chediak_higashi(
        assess):
    result = assess(patient={"age_years": 4, "sex": "female"},
                    labs={"anc": "low"},
                    findings={"partial_albinism": "yes", "recurrent_infections": "yes",
                              "family_history_of_neutropenia": "yes",
                              "marrow_neutrophil_maturation": "maturation_arrest"})
    assert (rank_of(result, "severe_congenital_neutropenia")
            < rank_of(result, "chediak_higashi_syndrome"))


# ---- GATA2 deficiency and Kostmann syndrome --------------------------------------------------

CHILD_WITH_A_LASTING_NEUTROPENIA = dict(
    patient={"age_years": 13, "sex": "male"},
    findings={"age_at_onset": "childhood", "serial_counts": "persistently_low"},
)


def test_absent_monocytes_in_a_lasting_neutropenia_raise_gata2_and_lower_kostmann(assess):
    few = assess(**CHILD_WITH_A_LASTING_NEUTROPENIA,
                 labs={"wbc": 1900, "anc": 300, "monocytes": 50})
    kept = assess(**CHILD_WITH_A_LASTING_NEUTROPENIA,
                  labs={"wbc": 1900, "anc": 300, "monocytes": 600})
    assert score_of(few, "gata2_deficiency") > (score_of(kept, "gata2_deficiency") or -99)
    assert (score_of(few, "severe_congenital_neutropenia")
            < score_of(kept, "severe_congenital_neutropenia"))


def test_only_mild_infections_past_infancy_count_against_kostmann(assess):
    child = dict(patient={"age_years": 6, "sex": "female"}, labs={"wbc": 2500, "anc": 300})
    since_infancy = {"age_at_onset": "first_months", "recurrent_infections": "yes"}
    mild = assess(**child, findings={**since_infancy, "infection_severity": "mild"})
    unknown = assess(**child, findings=since_infancy)
    assert (score_of(mild, "severe_congenital_neutropenia")
            < score_of(unknown, "severe_congenital_neutropenia"))


# ---- LGL leukaemia -------------------------------------------------------------------------------

def test_neutropenia_with_joint_pain_in_later_life_ranks_lgl_leukaemia(assess):
    result = assess(patient={"age_years": 57, "sex": "male"}, labs={"wbc": "low", "anc": "low"},
                    findings={"joint_symptoms": "yes", "recurrent_infections": "yes"})
    assert "lgl_leukemia" in top_causes(result)


def test_joint_pain_in_a_young_adult_does_not_raise_lgl_leukaemia(assess):
    result = assess(patient={"age_years": 25, "sex": "female"}, labs={"wbc": 2800, "anc": 900},
                    findings={"joint_symptoms": "yes"})
    assert "lgl_leukemia" not in top_causes(result)


# ---- a big spleen with wasting: a spleen filled, not congested ------------------------------

def test_fever_weight_loss_and_hepatosplenomegaly_with_pancytopenia_rank_lymphoma_above_a_congested_spleen(  # noqa: E501
        assess):
    result = assess(patient={"age_years": 24, "sex": "male"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"fever": "yes", "weight_loss": "yes", "hepatomegaly": "yes",
                              "splenomegaly": "yes", "lymphadenopathy": "no"})
    assert result.ranking[0].cause == "lymphoma_marrow_infiltration"
    assert rank_of(result, "lymphoma_marrow_infiltration") < rank_of(result, "hypersplenism")


def test_a_big_spleen_in_cirrhosis_still_points_to_hypersplenism_despite_weight_loss(assess):
    result = assess(patient={"age_years": 58, "sex": "male"},
                    labs={"wbc": 2900, "anc": 1600, "hemoglobin": 11.5, "platelets": 62000},
                    findings={"weight_loss": "yes", "splenomegaly": "yes", "cirrhosis": "yes"})
    assert result.ranking[0].cause == "hypersplenism"


def test_a_documented_infection_explains_the_fever_and_weight_loss(assess):
    plain = dict(patient={"age_years": 30, "sex": "male"},
                 labs={"wbc": 2500, "anc": 1200, "hemoglobin": 10, "platelets": 90000})
    unexplained = assess(**plain, findings={"fever": "yes", "weight_loss": "yes",
                                            "splenomegaly": "yes"})
    pneumonia = assess(**plain, findings={"fever": "yes", "weight_loss": "yes",
                                          "splenomegaly": "yes", "infection_site": "lung"})
    assert (score_of(pneumonia, "lymphoma_marrow_infiltration")
            < score_of(unexplained, "lymphoma_marrow_infiltration"))


# ---- hairy cell leukaemia and myelofibrosis ------------------------------------------------

def test_neutropenia_beside_a_massive_spleen_in_a_man_of_sixty_ranks_hairy_cell_above_myelofibrosis(  # noqa: E501
        assess):
    result = assess(patient={"age_years": 60, "sex": "male"},
                    labs={"wbc": 4500, "neutrophils_pct": 30, "hemoglobin": 9.8,
                          "platelets": 74000},
                    findings={"splenomegaly": "yes", "spleen_cm_below_costal_margin": 10,
                              "b_symptoms": "yes"})
    assert rank_of(result, "hairy_cell_leukemia") < rank_of(result, "myelofibrosis")
    assert "hairy_cell_leukemia" in top_causes(result)


# ---- a therapy-related neoplasm or the drug ---------------------------------------------------

def test_a_neutropenia_alone_on_a_well_timed_drug_after_cancer_treatment_is_the_drug_first(
        assess):
    result = assess(patient={"age_years": 64, "sex": "male"}, labs={"wbc": 2900, "anc": 700},
                    medications=[{"name": "carbamazepine", "started_weeks_ago": 8}],
                    findings={"known_cancer": "yes", "cancer_type": "other_solid",
                              "past_cancer_treatment": "yes", "cancer_treatment_years_ago": 3,
                              "recent_chemotherapy": "no"})
    assert result.ranking[0].cause == "drug_antiepileptic"


def test_several_low_lines_years_after_cancer_treatment_still_rank_a_therapy_related_neoplasm(
        assess):
    result = assess(patient={"age_years": 59, "sex": "female"},
                    labs={"wbc": 2600, "anc": 900, "hemoglobin": 9.1, "platelets": 80000,
                          "mcv": 104},
                    medications=[{"name": "lamotrigine", "started_weeks_ago": 14}],
                    findings={"known_cancer": "yes", "cancer_type": "other_solid",
                              "past_cancer_treatment": "yes", "cancer_treatment_years_ago": 4,
                              "recent_chemotherapy": "no"})
    assert "myelodysplastic_syndrome" in top_causes(result)


# ---- aplastic anaemia --------------------------------------------------------------------------

def test_pancytopenia_with_neutrophils_below_500_raises_aplastic_anaemia(assess):
    severe = assess(patient={"age_years": 60, "sex": "female"},
                    labs={"wbc": 800, "anc": 200, "hemoglobin": 5.9, "platelets": 86000})
    milder = assess(patient={"age_years": 60, "sex": "female"},
                    labs={"wbc": 2800, "anc": 1200, "hemoglobin": 5.9, "platelets": 86000})
    assert score_of(severe, "aplastic_anemia") > score_of(milder, "aplastic_anemia")


def test_a_big_spleen_stops_a_severe_pancytopenia_counting_for_aplastic_anaemia(assess):
    labs = {"wbc": 800, "anc": 200, "hemoglobin": 5.9, "platelets": 86000}
    plain = assess(patient={"age_years": 60, "sex": "female"}, labs=labs)
    spleen = assess(patient={"age_years": 60, "sex": "female"}, labs=labs,
                    findings={"splenomegaly": "yes"})
    assert "pancytopenia_with_neutrophils_below_500" in {
        e.rule for c in plain.ranking if c.cause == "aplastic_anemia" for e in c.evidence}
    assert "pancytopenia_with_neutrophils_below_500" not in {
        e.rule for c in spleen.ranking for e in c.evidence}


# ---- Gaucher disease ---------------------------------------------------------------------------

YOUNG_WOMAN_WITH_A_MASSIVE_SPLEEN = dict(
    patient={"age_years": 38, "sex": "female"},
    labs={"wbc": 3830, "hemoglobin": 11.4, "platelets": 85000},
)


def test_massive_spleen_low_platelets_and_bone_pain_in_a_young_adult_rank_gaucher_above_hypersplenism(  # noqa: E501
        assess):
    result = assess(**YOUNG_WOMAN_WITH_A_MASSIVE_SPLEEN,
                    findings={"splenomegaly": "yes", "massive_splenomegaly": "yes",
                              "bone_pain": "yes", "hepatomegaly": "yes"})
    assert rank_of(result, "gaucher_disease") < rank_of(result, "hypersplenism")
    assert "gaucher_disease" in top_causes(result)


def test_without_bone_pain_the_young_adults_massive_spleen_does_not_put_gaucher_first(assess):
    result = assess(**YOUNG_WOMAN_WITH_A_MASSIVE_SPLEEN,
                    findings={"splenomegaly": "yes", "massive_splenomegaly": "yes",
                              "bone_pain": "no", "hepatomegaly": "yes"})
    assert result.ranking[0].cause != "gaucher_disease"


# ---- dyskeratosis congenita: one sign of the triad, and marrow failure in the family -----------

APLASTIC_PICTURE_AT_28 = dict(
    patient={"age_years": 28, "sex": "female"},
    labs={"wbc": 2100, "anc": 900, "hemoglobin": 8.4, "platelets": 41000},
    findings={"marrow_cellularity": "hypocellular"},
)


def _with(findings):
    return {**APLASTIC_PICTURE_AT_28,
            "findings": {**APLASTIC_PICTURE_AT_28["findings"], **findings}}


def _score(result, cause):
    return next((c.score for c in result.ranking if c.cause == cause), float("-inf"))


def test_a_lacy_skin_pigmentation_beside_an_empty_marrow_raises_dyskeratosis_congenita(assess):
    # A woman of 28 with bruising, pancytopenia, a hypocellular marrow and a net-like
    # pigmentation of the neck and chest; nails and mouth not described.
    plain = assess(**APLASTIC_PICTURE_AT_28)
    pigmented = assess(**_with({"reticulate_skin_pigmentation": "yes"}))
    assert _score(pigmented, "dyskeratosis_congenita") >= \
        _score(plain, "dyskeratosis_congenita") + 10
    assert "dyskeratosis_congenita" in top_causes(pigmented, 3)


def test_the_triad_is_not_counted_twice_when_the_pigmentation_is_also_given(assess):
    result = assess(**_with({"reticulate_skin_pigmentation": "yes",
                             "nail_dystrophy_or_leukoplakia": "yes"}))
    rules = {e.rule for c in result.ranking for e in c.evidence}
    assert "mucocutaneous_triad_with_a_low_count" in rules
    assert "reticulate_pigmentation_with_a_low_count" not in rules


def test_a_relative_with_marrow_failure_raises_the_inherited_marrow_failures(assess):
    plain = assess(**APLASTIC_PICTURE_AT_28)
    family = assess(**_with({"family_history_of_aplastic_anemia_or_mds": "yes"}))
    for cause in ("dyskeratosis_congenita", "fanconi_anemia", "gata2_deficiency"):
        assert _score(family, cause) > _score(plain, cause)


def test_the_signs_of_dyskeratosis_congenita_are_asked_when_several_lines_are_low_in_the_young(
        assess):
    result = assess(patient={"age_years": 28, "sex": "female"},
                    labs={"wbc": 2100, "hemoglobin": 8.4, "platelets": 41000})
    open_questions = {q.id for q in result.questions if q.status == "open"}
    assert {"reticulate_skin_pigmentation",
            "family_history_of_aplastic_anemia_or_mds"} <= open_questions
