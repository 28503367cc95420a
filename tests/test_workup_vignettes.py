"""Results from later in the work-up, microbiology and serology, examination and history, and
the causes added to the catalogue, as small vignettes: a marrow or flow result that names an
infiltrate or a clone puts its cause first; a negative test weighs against its cause; each new
cause ranks in the top three on its textbook picture and falls with a feature against it;
the new questions are asked only when the picture makes them relevant."""

import pytest
from conftest import make_case, pitfall_ids, top_causes

from engine.errors import CaseFileError


def rank_of(result, cause):
    return next((c.rank for c in result.ranking if c.cause == cause), None)


def score_of(result, cause):
    """The cause's score; a cause left unranked (nothing for it) counts as far below."""
    return next((c.score for c in result.ranking if c.cause == cause), -1000)


def asked(result):
    return {question.id for question in result.questions}


PANCYTOPENIA = {"wbc": 1800, "anc": 600, "hemoglobin": 8.2, "platelets": 52000, "mcv": 92}
MIDDLE_AGED_MAN = {"age_years": 55, "sex": "male", "ancestry": "european"}


# ---- a marrow or flow result that names an infiltrate or a clone puts its cause first -------

def test_marrow_blasts_of_twenty_percent_put_acute_leukaemia_first(assess):
    result = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                    findings={"marrow_blasts_pct": 35, "splenomegaly": "no"})
    assert result.ranking[0].cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia")
    assert result.ranking[0].must_not_miss
    assert rank_of(result, "myelodysplastic_syndrome") is None or \
        rank_of(result, "myelodysplastic_syndrome") > 3


def test_myeloid_blasts_on_flow_make_it_aml_and_lymphoid_blasts_make_it_all(assess):
    myeloid = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                     findings={"marrow_blasts_pct": 40, "flow_cytometry": "myeloid_blasts"})
    lymphoid = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                      findings={"marrow_blasts_pct": 40, "flow_cytometry": "lymphoid_blasts"})
    assert myeloid.ranking[0].cause == "acute_myeloid_leukemia"
    assert lymphoid.ranking[0].cause == "acute_lymphoblastic_leukemia"


def test_hairy_cell_phenotype_on_flow_puts_hairy_cell_leukaemia_first(assess):
    result = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                    findings={"flow_cytometry": "hairy_cell_phenotype", "splenomegaly": "yes",
                              "cirrhosis": "yes"})
    assert result.ranking[0].cause == "hairy_cell_leukemia"


def test_a_clonal_t_lgl_population_puts_lgl_leukaemia_first(assess):
    result = assess(patient={"age_years": 66, "sex": "female"},
                    labs={"wbc": 3400, "anc": 700, "hemoglobin": 12.9, "platelets": 210000},
                    findings={"flow_cytometry": "clonal_t_lgl", "rheumatoid_arthritis": "yes"})
    assert result.ranking[0].cause == "lgl_leukemia"


@pytest.mark.parametrize("infiltrate, cause", [
    ("plasma_cells", "multiple_myeloma"),
    ("lymphoma", "lymphoma_marrow_infiltration"),
    ("carcinoma", "solid_tumor_marrow_infiltration"),
    ("hairy_cells", "hairy_cell_leukemia"),
    ("leishmania", "parasitic_infestation"),
])
def test_a_named_marrow_infiltrate_puts_its_cause_first(assess, infiltrate, cause):
    result = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                    findings={"marrow_infiltrate": infiltrate})
    assert result.ranking[0].cause == cause


def test_an_empty_marrow_puts_aplastic_anaemia_first_and_a_full_one_rules_it_out(assess):
    empty = assess(patient={"age_years": 28, "sex": "female"}, labs=PANCYTOPENIA,
                   findings={"marrow_cellularity": "hypocellular", "splenomegaly": "no"})
    full = assess(patient={"age_years": 28, "sex": "female"}, labs=PANCYTOPENIA,
                  findings={"marrow_cellularity": "hypercellular", "splenomegaly": "no"})
    assert empty.ranking[0].cause == "aplastic_anemia"
    assert score_of(full, "aplastic_anemia") < score_of(empty, "aplastic_anemia") - 20


def test_a_marrow_without_infiltrate_weighs_against_the_infiltrating_cancers(assess):
    before = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA)
    after = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                   findings={"marrow_infiltrate": "none"})
    for cause in ("lymphoma_marrow_infiltration", "solid_tumor_marrow_infiltration"):
        assert score_of(after, cause) < score_of(before, cause)


def test_a_jak2_mutation_with_a_scarred_marrow_puts_myelofibrosis_first(assess):
    result = assess(patient={"age_years": 68, "sex": "male"}, labs=PANCYTOPENIA,
                    smear=["teardrop_cells"],
                    findings={"marrow_dry_tap": "yes", "mpn_driver_mutation": "jak2",
                              "splenomegaly": "yes"})
    assert result.ranking[0].cause == "myelofibrosis"


def test_a_pnh_clone_puts_pnh_first_and_its_absence_rules_it_out(assess):
    clone = assess(patient={"age_years": 31, "sex": "female"}, labs=PANCYTOPENIA,
                   findings={"pnh_clone": "positive",
                             "hemoglobinuria_or_unusual_thrombosis": "yes"})
    assert clone.ranking[0].cause == "paroxysmal_nocturnal_hemoglobinuria"
    none = assess(patient={"age_years": 31, "sex": "female"}, labs=PANCYTOPENIA,
                  findings={"pnh_clone": "negative",
                            "hemoglobinuria_or_unusual_thrombosis": "yes"})
    assert rank_of(none, "paroxysmal_nocturnal_hemoglobinuria") is None or \
        rank_of(none, "paroxysmal_nocturnal_hemoglobinuria") > 3


def test_azathioprine_in_a_poor_tpmt_metaboliser_weighs_more_than_in_a_normal_one(assess):
    case = dict(patient={"age_years": 40, "sex": "female"},
                labs={"wbc": 1200, "anc": 300, "hemoglobin": 9.1, "platelets": 60000},
                medications=[{"name": "azathioprine", "started_weeks_ago": 6}])
    poor = assess(**case, findings={"thiopurine_metabolism": "poor_metabolizer"})
    normal = assess(**case, findings={"thiopurine_metabolism": "normal_metabolizer"})
    assert poor.ranking[0].cause == "drug_immunosuppressant"
    assert score_of(poor, "drug_immunosuppressant") > score_of(normal, "drug_immunosuppressant")


def test_a_duffy_null_phenotype_explains_a_mild_neutropenia_and_a_positive_one_excludes_it(
        assess):
    case = dict(patient={"age_years": 30, "sex": "male", "ancestry": "african"},
                labs={"wbc": 3300, "anc": 1100, "hemoglobin": 14.6, "platelets": 250000})
    null = assess(**case, findings={"duffy_phenotype": "duffy_null"})
    positive = assess(**case, findings={"duffy_phenotype": "duffy_positive"})
    assert null.ranking[0].cause == "duffy_null_neutrophil_count"
    assert score_of(positive, "duffy_null_neutrophil_count") <= \
        score_of(null, "duffy_null_neutrophil_count") - 30


# ---- negative results weigh against their cause -----------------------------------------------

@pytest.mark.parametrize("test, cause, findings", [
    ("hiv_test", "hiv", {"hiv_risk": "risk_factors"}),
    ("malaria_test", "malaria", {"tropical_travel": "yes", "temperature_c": 39.0}),
    ("dengue_test", "dengue", {"tropical_travel": "yes", "temperature_c": 39.0,
                               "mosquito_borne_features": "yes"}),
    ("typhoid_test", "typhoid_fever", {"tropical_travel": "yes", "temperature_c": 39.0,
                                       "enteric_features": "yes"}),
    ("ehrlichia_anaplasma_test", "ehrlichiosis_anaplasmosis",
     {"tick_bite_or_eschar": "yes", "temperature_c": 38.8}),
    ("brucella_test", "brucellosis", {"livestock_or_raw_dairy": "yes", "temperature_c": 38.5}),
    ("leishmania_test", "parasitic_infestation", {"parasite_exposure": "yes",
                                                   "splenomegaly": "yes"}),
    ("parvovirus_b19_test", "parvovirus_b19_infection", {"chronic_hemolytic_anemia": "yes"}),
])
def test_a_negative_test_weighs_against_its_cause_and_a_positive_one_for_it(
        assess, test, cause, findings):
    patient = {"age_years": 35, "sex": "male"}
    labs = {"wbc": 2600, "anc": 1100, "hemoglobin": 9.8, "platelets": 90000,
            "reticulocytes_pct": 0.3}
    untested = assess(patient=patient, labs=labs, findings=findings)
    negative = assess(patient=patient, labs=labs, findings={**findings, test: "negative"})
    positive = assess(patient=patient, labs=labs, findings={**findings, test: "positive"})
    assert score_of(negative, cause) < score_of(untested, cause) < score_of(positive, cause)
    assert rank_of(positive, cause) <= 3


def test_a_negative_hiv_test_is_not_counted_twice_beside_a_tested_negative_history(assess):
    base = dict(patient={"age_years": 35}, labs={"wbc": 2600, "anc": 1100})
    once = assess(**base, findings={"hiv_risk": "tested_negative"})
    both = assess(**base, findings={"hiv_risk": "tested_negative", "hiv_test": "negative"})
    assert [e.rule for e in both.opposed if e.cause == "hiv"] == \
        [e.rule for e in once.opposed if e.cause == "hiv"]


def test_bacteria_in_the_blood_with_fever_and_a_line_raise_sepsis(assess):
    base = dict(patient={"age_years": 62}, labs={"wbc": 1500, "anc": 400},
                findings={"temperature_c": 38.9})
    plain = assess(**base)
    cultured = assess(**{**base, "findings": {"temperature_c": 38.9,
                                              "blood_culture": "gram_negative",
                                              "central_line": "yes"}})
    assert score_of(cultured, "bacterial_sepsis") > score_of(plain, "bacterial_sepsis")
    assert "neutropenic_fever" in pitfall_ids(cultured)


# ---- each new cause: its textbook picture ranks it, a feature against lowers it ----------------

NEW_CAUSES = {
    "acute_lymphoblastic_leukemia": (
        dict(patient={"age_years": 5, "sex": "female"},
             labs={"wbc": 2900, "anc": 350, "hemoglobin": 7.0, "platelets": 30000},
             smear=["blasts"],
             findings={"bone_pain": "yes", "hepatomegaly": "yes", "splenomegaly": "yes"}),
        {"flow_cytometry": "myeloid_blasts"}),
    "post_transplant_cmv": (
        dict(patient={"age_years": 50, "sex": "male"},
             labs={"wbc": 2400, "anc": 1300, "hemoglobin": 11.8, "platelets": 95000},
             findings={"temperature_c": 38.2, "transplant": "solid_organ",
                       "transplant_months_ago": 3, "cmv_test": "positive"}),
        {"cmv_test": "negative"}),
    "parvovirus_b19_infection": (
        dict(patient={"age_years": 9, "sex": "male"},
             labs={"wbc": 3400, "anc": 1200, "hemoglobin": 5.1, "platelets": 150000,
                   "reticulocytes_pct": 0.1},
             findings={"chronic_hemolytic_anemia": "yes", "recent_viral_illness": "yes"}),
        {"parvovirus_b19_test": "negative"}),
    "ehrlichiosis_anaplasmosis": (
        dict(patient={"age_years": 58, "sex": "male"},
             labs={"wbc": 2200, "anc": 1400, "hemoglobin": 13.5, "platelets": 70000},
             findings={"temperature_c": 39.0, "tick_bite_or_eschar": "yes", "rash": "none"}),
        {"ehrlichia_anaplasma_test": "negative"}),
    "brucellosis": (
        dict(patient={"age_years": 40, "sex": "male"},
             labs={"wbc": 3000, "neutrophils_pct": 40, "lymphocytes_pct": 52,
                   "hemoglobin": 12.0, "platelets": 160000},
             findings={"temperature_c": 38.7, "livestock_or_raw_dairy": "yes",
                       "joint_symptoms": "yes", "travel_region": "mediterranean_middle_east"}),
        {"brucella_test": "negative"}),
    "chronic_idiopathic_neutropenia": (
        dict(patient={"age_years": 50, "sex": "female", "ancestry": "european"},
             labs={"wbc": 3200, "anc": 1000, "hemoglobin": 13.6, "platelets": 240000},
             smear=["normal"],
             findings={"low_count_first_noted_weeks_ago": 80, "splenomegaly": "no",
                       "marrow_cellularity": "normocellular", "marrow_infiltrate": "none",
                       "flow_cytometry": "no_clone", "anti_neutrophil_antibodies": "negative",
                       "recurrent_infections": "no", "recent_viral_illness": "no"}),
        {"anti_neutrophil_antibodies": "positive"}),
    "gata2_deficiency": (
        dict(patient={"age_years": 22, "sex": "male"},
             labs={"wbc": 2300, "anc": 1200, "monocytes_pct": 0, "hemoglobin": 11.5,
                   "platelets": 120000},
             findings={"atypical_mycobacterial_infection": "yes", "extensive_warts": "yes",
                       "recurrent_infections": "yes"}),
        {"congenital_neutropenia_gene": "none_found"}),
    "glycogen_storage_disease_1b": (
        dict(patient={"age_years": 0.6, "sex": "male"},
             labs={"wbc": 4500, "anc": 300, "hemoglobin": 10.5, "platelets": 380000},
             findings={"fasting_hypoglycemia": "yes", "hepatomegaly": "yes",
                       "age_at_onset": "first_months"}),
        {"congenital_neutropenia_gene": "none_found"}),
    "barth_syndrome": (
        dict(patient={"age_years": 1, "sex": "male"},
             labs={"wbc": 4000, "anc": 300, "hemoglobin": 11.5, "platelets": 300000},
             findings={"cardiomyopathy": "yes", "age_at_onset": "first_months"}),
        {"congenital_neutropenia_gene": "none_found"}),
    "dyskeratosis_congenita": (
        dict(patient={"age_years": 15, "sex": "male"},
             labs={"wbc": 2500, "anc": 900, "hemoglobin": 9.5, "platelets": 45000,
                   "mcv": 103},
             findings={"nail_dystrophy_or_leukoplakia": "yes",
                       "marrow_cellularity": "hypocellular"}),
        {"congenital_neutropenia_gene": "none_found"}),
    "chediak_higashi_syndrome": (
        dict(patient={"age_years": 2, "sex": "female"},
             labs={"wbc": 3500, "anc": 600, "hemoglobin": 11.4, "platelets": 200000},
             findings={"partial_albinism": "yes", "recurrent_infections": "yes",
                       "age_at_onset": "first_months"}),
        {"congenital_neutropenia_gene": "none_found"}),
    "paroxysmal_nocturnal_hemoglobinuria": (
        dict(patient={"age_years": 33, "sex": "female"},
             labs={"wbc": 3000, "anc": 1200, "hemoglobin": 8.0, "platelets": 90000,
                   "reticulocytes_pct": 3.0},
             findings={"hemoglobinuria_or_unusual_thrombosis": "yes",
                       "direct_antiglobulin_test": "negative"}),
        {"pnh_clone": "negative"}),
    "hemophagocytic_lymphohistiocytosis": (
        dict(patient={"age_years": 20, "sex": "female"},
             labs={"wbc": 1700, "anc": 700, "hemoglobin": 8.0, "platelets": 40000},
             findings={"temperature_c": 39.6, "splenomegaly": "yes",
                       "marrow_infiltrate": "hemophagocytosis"}),
        {"temperature_c": 37.0}),
}


@pytest.mark.parametrize("cause", sorted(NEW_CAUSES))
def test_each_new_cause_ranks_in_the_top_three_on_its_textbook_picture(assess, cause):
    vignette, _ = NEW_CAUSES[cause]
    result = assess(**vignette)
    assert cause in top_causes(result), (cause, top_causes(result, 5))


@pytest.mark.parametrize("cause", sorted(NEW_CAUSES))
def test_each_new_cause_falls_with_a_feature_against_it(assess, cause):
    vignette, against = NEW_CAUSES[cause]
    with_it = assess(**vignette)
    without = assess(**{**vignette, "findings": {**vignette.get("findings", {}), **against}})
    assert score_of(without, cause) < score_of(with_it, cause)


def test_a_child_with_blasts_is_ranked_lymphoblastic_and_an_older_adult_myeloid(assess):
    child = assess(patient={"age_years": 4}, labs=PANCYTOPENIA, smear=["blasts"])
    adult = assess(patient={"age_years": 67}, labs=PANCYTOPENIA, smear=["blasts"])
    assert child.ranking[0].cause == "acute_lymphoblastic_leukemia"
    assert adult.ranking[0].cause == "acute_myeloid_leukemia"


# ---- examination and history -----------------------------------------------------------------

def test_a_spleen_measured_in_centimetres_counts_as_an_enlarged_and_a_massive_spleen(assess):
    base = dict(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA)
    stated = assess(**base, findings={"splenomegaly": "yes", "massive_splenomegaly": "yes"})
    measured = assess(**base, findings={"spleen_cm_below_costal_margin": 12})
    assert top_causes(measured, 5) == top_causes(stated, 5)
    assert "splenomegaly" not in {q.id for q in measured.questions if q.status == "open"}


def test_a_spleen_length_on_imaging_counts_as_an_enlarged_spleen(assess):
    result = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                    findings={"spleen_length_cm": 16, "cirrhosis": "yes"})
    assert result.ranking[0].cause == "hypersplenism"


def test_a_spleen_said_not_enlarged_but_measured_large_is_an_error_naming_both_keys():
    with pytest.raises(AssertionError, match="splenomegaly: no contradicts "
                                             "spleen_cm_below_costal_margin"):
        make_case(findings={"splenomegaly": "no", "spleen_cm_below_costal_margin": 6})


def test_a_removed_spleen_rules_out_hypersplenism(assess):
    spleen = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA, findings={"cirrhosis": "yes"})
    removed = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                     findings={"splenectomy": "yes", "cirrhosis": "yes"})
    assert "hypersplenism" in top_causes(spleen)
    assert "hypersplenism" not in top_causes(removed)
    assert score_of(removed, "hypersplenism") <= score_of(spleen, "hypersplenism") - 20


def test_a_node_site_answers_the_lymphadenopathy_question(assess):
    result = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                    findings={"lymph_node_sites": "mediastinal_or_abdominal"})
    assert result.ranking[0].cause == "lymphoma_marrow_infiltration"


def test_fever_after_sub_saharan_africa_puts_malaria_above_dengue(assess):
    result = assess(patient={"age_years": 30}, labs={"wbc": 3000, "anc": 1800,
                                                    "platelets": 80000},
                    findings={"temperature_c": 39.2, "travel_region": "sub_saharan_africa",
                              "travel_weeks_ago": 2})
    assert result.ranking[0].cause == "malaria"


def test_fever_weeks_after_return_from_asia_is_not_dengue(assess):
    soon = assess(patient={"age_years": 30}, labs={"wbc": 3000, "platelets": 80000},
                  findings={"temperature_c": 39.2, "travel_region": "southeast_asia",
                            "travel_weeks_ago": 1})
    late = assess(patient={"age_years": 30}, labs={"wbc": 3000, "platelets": 80000},
                  findings={"temperature_c": 39.2, "travel_region": "southeast_asia",
                            "travel_weeks_ago": 8})
    assert score_of(late, "dengue") < score_of(soon, "dengue")


def test_an_unnamed_antithyroid_drug_in_graves_disease_raises_antithyroid_agranulocytosis(
        assess):
    result = assess(patient={"age_years": 35, "sex": "female"},
                    labs={"wbc": 1100, "anc": 100},
                    findings={"known_thyroid_disease": "graves",
                              "thyroid_treatment": "antithyroid_drug"})
    assert result.ranking[0].cause == "drug_antithyroid"


def test_chemotherapy_years_ago_raises_myelodysplasia_and_months_ago_does_not(assess):
    base = dict(patient={"age_years": 64, "sex": "female"}, labs=PANCYTOPENIA)
    years = assess(**base, findings={"known_cancer": "yes", "cancer_type": "breast",
                                     "past_cancer_treatment": "yes",
                                     "cancer_treatment_years_ago": 4})
    months = assess(**base, findings={"known_cancer": "yes", "cancer_type": "breast",
                                      "past_cancer_treatment": "yes",
                                      "cancer_treatment_years_ago": 0.2})
    assert score_of(years, "myelodysplastic_syndrome") > score_of(months,
                                                                  "myelodysplastic_syndrome")


# ---- the new questions are asked only when relevant ---------------------------------------------

def test_a_mild_isolated_neutropenia_is_not_asked_about_the_marrow_or_tests(assess):
    result = assess(patient={"age_years": 30, "sex": "female", "ancestry": "european"},
                    labs={"wbc": 3600, "anc": 1300, "hemoglobin": 13.5, "platelets": 250000})
    assert not asked(result) & {"marrow_infiltrate", "marrow_cellularity", "flow_cytometry",
                                "pnh_clone", "thiopurine_metabolism", "transplant",
                                "congenital_neutropenia_gene", "malaria_test", "blood_culture"}


def test_the_marrow_details_are_asked_once_a_marrow_has_been_examined(assess):
    before = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA)
    after = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                   findings={"marrow_cellularity": "normocellular"})
    assert "marrow_infiltrate" in asked(before)
    assert "marrow_blasts_pct" not in asked(before)
    assert "marrow_blasts_pct" in asked(after)


def test_thiopurine_metabolism_is_asked_only_of_a_patient_on_a_thiopurine(assess):
    on = assess(patient={"age_years": 40}, labs={"wbc": 2000, "anc": 800},
                medications=[{"name": "azathioprine", "started_weeks_ago": 6}])
    off = assess(patient={"age_years": 40}, labs={"wbc": 2000, "anc": 800},
                 medications=[{"name": "carbamazepine", "started_weeks_ago": 6}])
    assert "thiopurine_metabolism" in asked(on)
    assert "thiopurine_metabolism" not in asked(off)


def test_an_unknown_work_up_key_is_refused_with_a_suggestion():
    with pytest.raises(AssertionError, match="marrow_cellularity"):
        make_case(findings={"marrow_celularity": "hypocellular"})


def test_a_work_up_choice_outside_its_list_is_refused():
    with pytest.raises(AssertionError, match="hypocellular"):
        make_case(findings={"marrow_cellularity": "empty"})


def test_make_case_errors_are_case_file_errors():
    # the helper turns a CaseFileError into an AssertionError; this proves the error exists
    from engine.cases import load_text
    outcome = load_text("id: x\nfindings: {marrow_blasts_pct: 140}\n", "x.yaml")[0]
    assert isinstance(outcome, CaseFileError)
    assert "outside the possible range" in outcome.message


# ---- the labs the new causes lean on ------------------------------------------------------------

def test_a_ferritin_above_ten_thousand_brings_hlh_into_the_top_three_of_a_febrile_pancytopenia(
        assess):
    base = dict(patient={"age_years": 25, "sex": "male"},
                labs={"wbc": 1500, "anc": 600, "hemoglobin": 8.0, "platelets": 40000},
                findings={"fever": "yes", "splenomegaly": "yes"})
    without = assess(**base)
    with_ferritin = assess(**{**base, "labs": {**base["labs"], "ferritin": 25000}})
    assert "ferritin" in asked(without)
    assert "hemophagocytic_lymphohistiocytosis" not in top_causes(without)
    assert "hemophagocytic_lymphohistiocytosis" in top_causes(with_ferritin)
    assert next(c for c in with_ferritin.ranking
                if c.cause == "hemophagocytic_lymphohistiocytosis").must_not_miss


def test_raised_transaminases_after_a_tick_bite_raise_ehrlichiosis(assess):
    base = dict(patient={"age_years": 50}, labs={"wbc": 2400, "platelets": 80000},
                findings={"fever": "yes", "tick_bite_or_eschar": "yes"})
    plain = assess(**base)
    raised = assess(**{**base, "labs": {**base["labs"], "alt": 150}})
    assert "alt" in asked(plain)
    assert score_of(raised, "ehrlichiosis_anaplasmosis") > \
        score_of(plain, "ehrlichiosis_anaplasmosis")


def test_an_absent_absolute_monocyte_count_counts_like_an_absent_percentage(assess):
    base = dict(patient={"age_years": 23, "sex": "female"},
                findings={"atypical_mycobacterial_infection": "yes", "extensive_warts": "yes"})
    by_count = assess(**base, labs={"wbc": 2300, "anc": 1200, "monocytes": 20})
    by_percent = assess(**base, labs={"wbc": 2300, "anc": 1200, "monocytes_pct": 1})
    assert score_of(by_count, "gata2_deficiency") == score_of(by_percent, "gata2_deficiency")
    assert by_count.ranking[0].cause == "gata2_deficiency"


def test_an_empty_marrow_alone_does_not_name_radiation(assess):
    # A 70-year-old with pancytopenia and a hypocellular trephine, no radiotherapy mentioned.
    result = assess(patient={"age_years": 70, "sex": "female"},
                    labs={"wbc": 1800, "anc": 600, "hemoglobin": 8.2, "platelets": 28000},
                    findings={"marrow_cellularity": "hypocellular"})
    assert all(c.cause != "radiation_marrow_suppression" for c in result.ranking)
    irradiated = assess(patient={"age_years": 70, "sex": "female"},
                        labs={"wbc": 1800, "anc": 600, "hemoglobin": 8.2, "platelets": 28000},
                        findings={"marrow_cellularity": "hypocellular",
                                  "radiation_therapy": "yes"})
    assert "radiation_marrow_suppression" in top_causes(irradiated, 3)


# ---- what an empty marrow says about the causes that fill it ---------------------------------

def evidence_rules(result, cause):
    return {item.rule for ranked in result.ranking if ranked.cause == cause
            for item in ranked.evidence}


def test_an_empty_marrow_lowers_metastatic_cancer_and_myelofibrosis_not_lymphoma(assess):
    base = dict(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA)
    plain = assess(**base)
    empty = assess(**base, findings={"marrow_cellularity": "hypocellular"})
    for cause in ("solid_tumor_marrow_infiltration", "myelofibrosis"):
        assert score_of(empty, cause) < score_of(plain, cause)
    # lymphoma stands on both sides of the cellularity table: an empty marrow leaves it alone
    assert score_of(empty, "lymphoma_marrow_infiltration") == \
        score_of(plain, "lymphoma_marrow_infiltration")


def test_an_empty_marrow_with_a_named_carcinoma_is_weighed_by_the_infiltrate(assess):
    result = assess(patient=MIDDLE_AGED_MAN, labs=PANCYTOPENIA,
                    findings={"marrow_cellularity": "hypocellular",
                              "marrow_infiltrate": "carcinoma"})
    assert result.ranking[0].cause == "solid_tumor_marrow_infiltration"
    assert "empty_marrow_argues_against_a_marrow_packed_by_tumour_or_scar" not in \
        evidence_rules(result, "solid_tumor_marrow_infiltration")


def test_an_empty_marrow_in_a_heavy_drinker_ranks_alcohol_above_metastatic_cancer(assess):
    result = assess(patient={"age_years": 47, "sex": "male"},
                    labs={"wbc": 2100, "anc": 900, "hemoglobin": 9.1, "platelets": 41000},
                    findings={"alcohol_excess": "yes", "marrow_cellularity": "hypocellular"})
    assert "toxic_marrow_injury" in top_causes(result, 3)
    assert score_of(result, "toxic_marrow_injury") > \
        score_of(result, "solid_tumor_marrow_infiltration")


def test_an_empty_marrow_lowers_myelodysplasia_less_than_the_causes_that_always_fill_it(assess):
    base = dict(patient={"age_years": 68, "sex": "female"}, labs={**PANCYTOPENIA, "mcv": 103})
    plain = assess(**base)
    empty = assess(**base, findings={"marrow_cellularity": "hypocellular"})
    fall = {cause: score_of(plain, cause) - score_of(empty, cause)
            for cause in ("myelodysplastic_syndrome", "folate_deficiency",
                          "acute_myeloid_leukemia")}
    assert 0 < fall["myelodysplastic_syndrome"] < fall["folate_deficiency"]
    assert fall["myelodysplastic_syndrome"] < fall["acute_myeloid_leukemia"]
    # dysplasia and an MDS karyotype in the empty marrow: hypoplastic myelodysplasia first
    hypoplastic = assess(**base, findings={"marrow_cellularity": "hypocellular",
                                           "marrow_dysplasia": "yes",
                                           "leukemia_genetics": "mds_associated"})
    assert hypoplastic.ranking[0].cause == "myelodysplastic_syndrome"


def test_a_marrow_without_dysplasia_lowers_myelodysplasia_when_its_cellularity_is_not_given(
        assess):
    base = dict(patient={"age_years": 72, "sex": "female"}, labs=PANCYTOPENIA)
    unexamined = assess(**base)
    no_dysplasia = assess(**base, findings={"marrow_dysplasia": "no"})
    full_report = assess(**base, findings={"marrow_dysplasia": "no",
                                           "marrow_cellularity": "normocellular"})
    assert score_of(no_dysplasia, "myelodysplastic_syndrome") < \
        score_of(unexamined, "myelodysplastic_syndrome")
    # the full report (cellularity too) lowers it further
    assert score_of(full_report, "myelodysplastic_syndrome") < \
        score_of(no_dysplasia, "myelodysplastic_syndrome")
