"""A general sign that a specific cause already explains, as small vignettes: a gram-negative
bacteraemia that is Brucella or Salmonella Typhi, a red-cell aplasia on a haemolytic
background that is parvovirus B19, a granulomatous disease behind a low CD4 count, a protein
loss behind a lymphopenia, and a thymic defect behind an infant's lymphopenia."""

from conftest import top_causes


def rank_of(result, cause):
    return next((c.rank for c in result.ranking if c.cause == cause), None)


def score_of(result, cause):
    return next((c.score for c in result.ranking if c.cause == cause), None)


def rules_for(result, cause):
    return {item.rule for c in result.ranking if c.cause == cause for item in c.evidence}


# ---- a gram-negative bacteraemia that is a named systemic infection --------------------------

def test_a_gram_negative_blood_culture_that_grew_brucella_ranks_brucellosis_above_sepsis(assess):
    result = assess(patient={"age_years": 50, "sex": "female"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"fever": "yes", "blood_culture": "gram_negative",
                              "brucella_test": "positive"})
    assert result.ranking[0].cause == "brucellosis"
    assert "bacteria_grown_from_the_blood" not in rules_for(result, "bacterial_sepsis")


def test_a_gram_negative_blood_culture_that_grew_typhi_ranks_enteric_fever_above_sepsis(assess):
    result = assess(patient={"age_years": 24, "sex": "male"}, labs={"wbc": 2800, "anc": 1600},
                    findings={"fever": "yes", "blood_culture": "gram_negative",
                              "typhoid_test": "positive"})
    assert result.ranking[0].cause == "typhoid_fever"
    assert rank_of(result, "typhoid_fever") < (rank_of(result, "bacterial_sepsis") or 99)


def test_a_gram_negative_bacteraemia_with_a_negative_brucella_test_still_counts_for_sepsis(assess):
    result = assess(patient={"age_years": 50, "sex": "female"}, labs={"wbc": 1800, "anc": 600},
                    findings={"fever": "yes", "blood_culture": "gram_negative",
                              "brucella_test": "negative"})
    assert "bacteria_grown_from_the_blood" in rules_for(result, "bacterial_sepsis")


# ---- the aplastic crisis of parvovirus B19 on a haemolytic background ------------------------

def test_pancytopenia_after_a_viral_illness_in_spherocytosis_ranks_parvovirus_b19_first(assess):
    result = assess(patient={"age_years": 9, "sex": "male"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"chronic_hemolytic_anemia": "yes", "recent_viral_illness": "yes"})
    assert result.ranking[0].cause == "parvovirus_b19_infection"


def test_a_viral_illness_without_a_haemolytic_background_stays_a_passing_viral_fall(assess):
    result = assess(patient={"age_years": 9, "sex": "male"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"chronic_hemolytic_anemia": "no", "recent_viral_illness": "yes"})
    assert (rank_of(result, "viral_marrow_suppression") or 99) < \
        (rank_of(result, "parvovirus_b19_infection") or 99)


def test_preserved_reticulocytes_keep_the_aplastic_crisis_rule_silent(assess):
    result = assess(patient={"age_years": 9, "sex": "male"},
                    labs={"wbc": 3000, "anc": 1200, "hemoglobin": 8.5, "reticulocytes_pct": 9},
                    findings={"chronic_hemolytic_anemia": "yes", "recent_viral_illness": "yes"})
    assert "viral_illness_before_a_deeper_anaemia_in_chronic_haemolysis" not in \
        rules_for(result, "parvovirus_b19_infection")


# ---- a thymic defect, and lymph lost into the gut, behind a child's lymphopenia -------------

def test_lymphopenia_with_a_low_calcium_in_a_toddler_ranks_an_immunodeficiency_first(assess):
    result = assess(patient={"age_years": 1, "sex": "male"},
                    labs={"alc": "low", "calcium": 7.1}, findings={"recurrent_infections": "yes"})
    assert result.ranking[0].cause == "immunodeficiency_disorder"


def test_a_low_calcium_beside_a_low_albumin_is_not_read_as_hypoparathyroidism(assess):
    result = assess(patient={"age_years": 1, "sex": "male"},
                    labs={"alc": "low", "calcium": 7.1, "albumin": 2.2})
    assert "lymphopenia_with_a_low_calcium_in_a_young_child" not in \
        rules_for(result, "immunodeficiency_disorder")


def test_a_low_cd4_beside_a_low_albumin_and_igg_ranks_protein_loss_above_hiv(assess):
    result = assess(patient={"age_years": 2, "sex": "male"},
                    labs={"alc": "low", "albumin": 2.4, "igg": 150, "cd4_pct": 10})
    assert result.ranking[0].cause == "intestinal_lymphangiectasia"
    assert (rank_of(result, "hiv") or 99) > 1


# ---- a known sarcoidosis behind a low CD4 count ------------------------------------------------

def test_a_cd4_count_of_120_in_known_sarcoidosis_without_hiv_ranks_sarcoidosis_first(assess):
    result = assess(patient={"age_years": 50, "sex": "male"}, labs={"cd4": 120},
                    findings={"known_sarcoidosis": "yes", "hiv_test": "negative",
                              "fever": "yes", "infection_site": "cns"})
    assert result.ranking[0].cause == "sarcoidosis"
    assert (rank_of(result, "sarcoidosis") or 99) < (rank_of(result, "immunodeficiency_disorder")
                                                     or 99)


def test_the_same_cd4_count_without_sarcoidosis_points_to_idiopathic_cd4_lymphopenia(assess):
    result = assess(patient={"age_years": 50, "sex": "male"}, labs={"cd4": 120},
                    findings={"known_sarcoidosis": "no", "hiv_test": "negative",
                              "fever": "yes", "infection_site": "cns"})
    assert "immunodeficiency_disorder" in top_causes(result)
    assert "low_cd4_count_in_known_sarcoidosis" not in rules_for(result, "sarcoidosis")


# ---- a transplant recipient's failed cellular immunity, for histoplasmosis -------------------

def test_fever_and_pancytopenia_in_a_kidney_recipient_from_latin_america_raise_histoplasmosis(
        assess):
    def case(transplant):
        return assess(patient={"age_years": 45, "sex": "male"},
                      labs={"wbc": 2100, "anc": 1200, "hemoglobin": 8.9, "platelets": 61000},
                      findings={"fever": "yes", "transplant": transplant,
                                "travel_region": "latin_america_caribbean"})
    recipient, no_transplant = case("solid_organ"), case("none")
    assert "fever_and_low_counts_in_the_immunosuppressed_from_latin_america" in \
        rules_for(recipient, "disseminated_histoplasmosis")
    assert (score_of(recipient, "disseminated_histoplasmosis") or -99) > \
        (score_of(no_transplant, "disseminated_histoplasmosis") or -99)


# ---- an infant's lymphopenia: the depth counts, and there has been no time for infections ----

def test_an_infant_with_214_lymphocytes_and_a_first_pneumonia_ranks_scid_first(assess):
    result = assess(patient={"age_years": 0.75, "sex": "male"},
                    labs={"anc": 860, "alc": 214, "igg": "normal"},
                    findings={"fever": "yes", "infection_site": "lung",
                              "recurrent_infections": "no"})
    assert result.ranking[0].cause == "immunodeficiency_disorder"


def test_a_normal_igg_still_weighs_against_an_immunodeficiency_in_an_adult(assess):
    def case(labs):
        return assess(patient={"age_years": 40, "sex": "female"},
                      labs={"wbc": 2600, "anc": 1200, "alc": 700, **labs},
                      findings={"recurrent_infections": "yes"})
    assert score_of(case({"igg": 1100}), "immunodeficiency_disorder") < \
        score_of(case({}), "immunodeficiency_disorder")
