"""Infections as small vignettes: how much a fever with a fast pulse says for bacterial sepsis,
a named infection that explains a septic picture, and a fever that has lasted for weeks."""

from conftest import pitfall_ids, top_causes


def score_of(result, cause):
    """A cause's score, or minus infinity when nothing spoke for it (so it is not ranked)."""
    return next((c.score for c in result.ranking if c.cause == cause), float("-inf"))


LEUKOPENIC_ADULT = dict(
    patient={"age_years": 45, "sex": "male"},
    labs={"wbc": 2500, "anc": 900, "hemoglobin": 13.5, "platelets": 180000},
    medications=[],
)


def test_fever_with_a_fast_pulse_alone_weighs_less_for_sepsis_than_low_pressure_and_fast_breaths(
        assess):
    # the same febrile, leukopenic man: a systemic response only (pulse 112) against two qSOFA
    # signs of organ dysfunction (breathing 26/min, systolic 94 mmHg)
    response_only = assess(**LEUKOPENIC_ADULT,
                           findings={"temperature_c": 38.7, "heart_rate": 112})
    organ_dysfunction = assess(**LEUKOPENIC_ADULT,
                               findings={"temperature_c": 38.7, "heart_rate": 112,
                                         "respiratory_rate": 26, "systolic_bp": 94})
    assert score_of(response_only, "bacterial_sepsis") < \
        score_of(organ_dysfunction, "bacterial_sepsis")
    # both stay an emergency: the weight changes, the sepsis card does not
    for result in (response_only, organ_dysfunction):
        assert "sepsis_with_any_white_count" in pitfall_ids(result)


def test_a_positive_ehrlichia_pcr_explains_a_septic_picture_after_a_tick_bite(assess):
    # a retired hiker, febrile and hypotensive a week after a tick bite, white cells and
    # platelets low, transaminases raised
    case = dict(patient={"age_years": 66, "sex": "male"},
                labs={"wbc": 2100, "platelets": 70000, "hemoglobin": 13.0, "alt": 140},
                medications=[])
    findings = {"temperature_c": 39.2, "heart_rate": 118, "respiratory_rate": 24,
                "systolic_bp": 96, "tick_bite_or_eschar": "yes"}
    untested = assess(**case, findings=findings)
    confirmed = assess(**case, findings={**findings, "ehrlichia_anaplasma_test": "positive"})
    assert confirmed.ranking[0].cause == "ehrlichiosis_anaplasmosis"
    assert score_of(confirmed, "bacterial_sepsis") < score_of(untested, "bacterial_sepsis")
    # bacteria grown from the blood bring a second, pyogenic sepsis back into play
    with_bacteraemia = assess(**case, findings={**findings, "ehrlichia_anaplasma_test": "positive",
                                                "blood_culture": "gram_negative"})
    assert score_of(with_bacteraemia, "bacterial_sepsis") > score_of(confirmed, "bacterial_sepsis")


def test_a_month_of_fever_and_night_sweats_with_low_counts_ranks_tuberculosis_above_sepsis(
        assess):
    # four weeks of evening fevers, sweats and weight loss, pulse 104; anaemic and leukopenic
    case = dict(patient={"age_years": 38, "sex": "male"},
                labs={"wbc": 2600, "hemoglobin": 9.8, "platelets": 210000}, medications=[])
    findings = {"temperature_c": 39.0, "heart_rate": 104, "tb_features": "yes"}
    weeks = assess(**case, findings={**findings, "acute_infection_onset_days": 28})
    days = assess(**case, findings={**findings, "acute_infection_onset_days": 2})
    assert score_of(weeks, "tuberculosis") > score_of(weeks, "bacterial_sepsis")
    assert score_of(weeks, "tuberculosis") > score_of(days, "tuberculosis")
    assert score_of(weeks, "bacterial_sepsis") < score_of(days, "bacterial_sepsis")


def test_fever_with_an_anc_below_500_ranks_bacterial_infection_even_before_the_drugs_are_known(
        assess):
    # a young man, febrile at 38.5 °C, neutrophils 60/µL, haemoglobin and platelets normal, no
    # sign of sepsis on the vital signs and no medication list yet
    case = dict(patient={"age_years": 30, "sex": "male"},
                labs={"wbc": 1100, "anc": 60, "hemoglobin": 13.5, "platelets": 260000})
    febrile = assess(**case, findings={"temperature_c": 38.5})
    assert "bacterial_sepsis" in [c.cause for c in febrile.ranking]
    assert "neutropenic_fever" in pitfall_ids(febrile)
    afebrile = assess(**case, findings={"temperature_c": 36.8})
    assert score_of(afebrile, "bacterial_sepsis") < score_of(febrile, "bacterial_sepsis")


def test_a_well_four_year_old_with_a_moderate_neutropenia_alone_is_not_left_unranked(assess):
    # no fever, no drugs, no viral illness remembered: the commonest cause in a child is still
    # the short-lived fall after an infection, and the report should say so
    result = assess(patient={"age_years": 4}, labs={"wbc": 4200, "anc": 700, "hemoglobin": 12.1,
                                                    "platelets": 260000},
                    medications=[], findings={"temperature_c": 36.8})
    assert result.ranking and result.ranking[0].cause == "viral_marrow_suppression"


def test_a_febrile_child_gets_no_credit_for_being_well(assess):
    result = assess(patient={"age_years": 4}, labs={"wbc": 4200, "anc": 700, "hemoglobin": 12.1,
                                                    "platelets": 260000},
                    findings={"temperature_c": 38.9})
    rules = {item.rule for c in result.ranking for item in c.evidence}
    assert "a_well_child_with_a_mild_or_moderate_neutropenia" not in rules


def test_a_child_with_recurrent_infections_is_not_counted_as_well(assess):
    result = assess(patient={"age_years": 4}, labs={"wbc": 4200, "anc": 700},
                    findings={"temperature_c": 36.8, "recurrent_infections": "yes"})
    rules = {item.rule for c in result.ranking for item in c.evidence}
    assert "a_well_child_with_a_mild_or_moderate_neutropenia" not in rules


def test_a_low_count_in_the_first_days_of_a_fever_in_an_infant_ranks_a_viral_fall_first(assess):
    # An 11-month-old with two days of fever (38.9): white cells, neutrophils and platelets low.
    base = dict(patient={"age_years": 0.9, "sex": "female"},
                labs={"wbc": "low", "anc": "low", "platelets": "low"})
    early = assess(**base, findings={"temperature_c": 38.9, "acute_infection_onset_days": 2})
    assert early.ranking[0].cause == "viral_marrow_suppression"
    assert "neutropenic_fever" in pitfall_ids(early)
    # the same counts three weeks into the fever are not the first days of a viral illness
    late = assess(**base, findings={"temperature_c": 38.9, "acute_infection_onset_days": 21})
    assert score_of(late, "viral_marrow_suppression") < score_of(early, "viral_marrow_suppression")
    # nor is a pancytopenia, which wants a marrow whatever the fever
    pancytopenia = assess(**{**base, "labs": {**base["labs"], "hemoglobin": "low"}},
                          findings={"temperature_c": 38.9, "acute_infection_onset_days": 2})
    assert all(item.rule != "a_low_count_in_the_first_week_of_a_febrile_illness_in_a_young_child"
               for cause in pancytopenia.ranking for item in cause.evidence)


def test_joint_pains_after_a_viral_illness_raise_parvovirus_b19(assess):
    # A 6-year-old, neutrophils low two weeks after a rash with sore feet.
    base = dict(patient={"age_years": 6, "sex": "male"}, labs={"anc": "low"})
    joints = assess(**base, findings={"recent_viral_illness": "yes", "joint_symptoms": "yes"})
    no_joints = assess(**base, findings={"recent_viral_illness": "yes", "joint_symptoms": "no"})
    assert score_of(joints, "parvovirus_b19_infection") > \
        score_of(no_joints, "parvovirus_b19_infection")
    assert "parvovirus_b19_infection" in [c.cause for c in joints.ranking[:3]]


def test_a_severe_neutropenia_found_on_its_own_in_a_well_adult_is_not_left_unranked(assess):
    # WBC 2,100, ANC 355 found by chance in a young man who is well and afebrile, no drugs.
    base = dict(patient={"age_years": 20, "sex": "male"}, labs={"wbc": 2100, "anc": 355})
    well = assess(**base, findings={"fever": "no"})
    assert well.ranking and well.ranking[0].cause == "viral_marrow_suppression"
    # not once a recent viral illness is denied
    denied = assess(**base, findings={"fever": "no", "recent_viral_illness": "no"})
    assert all(item.rule != "a_severe_neutropenia_found_on_its_own_in_a_well_patient"
               for cause in denied.ranking for item in cause.evidence)
    # a drug linked to agranulocytosis takes the place of the guess
    on_a_drug = assess(**base, findings={"fever": "no"},
                       medications=[{"name": "carbimazole", "started_weeks_ago": 6}])
    assert on_a_drug.ranking[0].cause == "drug_antithyroid"
    assert all(item.rule != "a_severe_neutropenia_found_on_its_own_in_a_well_patient"
               for cause in on_a_drug.ranking for item in cause.evidence)


def test_features_of_tuberculosis_with_fever_a_big_spleen_and_pancytopenia_rank_it_first(assess):
    # A 63-year-old from eastern India: a month of fever, weight loss and sweats, a big spleen,
    # all three lines low.
    base = dict(patient={"age_years": 63, "sex": "male"},
                labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                findings={"fever": "yes", "weight_loss": "yes", "splenomegaly": "yes",
                          "tb_features": "yes"})
    at_home = assess(**base)
    from_india = assess(**{**base, "findings": {**base["findings"],
                                                "travel_region": "south_asia"}})
    assert "tuberculosis" in [c.cause for c in at_home.ranking[:3]]
    assert from_india.ranking[0].cause == "tuberculosis"
    assert score_of(from_india, "tuberculosis") > score_of(at_home, "tuberculosis")
    # without a big liver or spleen the picture of disseminated disease is not there
    no_organs = assess(**{**base, "findings": {**base["findings"], "splenomegaly": "no"}})
    assert score_of(no_organs, "tuberculosis") < score_of(at_home, "tuberculosis")


def test_a_clone_on_flow_cytometry_explains_the_low_count_behind_a_neutropenic_sepsis(assess):
    # A 57-year-old with rheumatoid arthritis, septic and febrile with an ANC of 0; flow
    # cytometry finds a clonal T-LGL population.
    base = dict(patient={"age_years": 57, "sex": "male"},
                labs={"anc": 0, "hemoglobin": "low"},
                findings={"rheumatoid_arthritis": "yes", "fever": "yes", "sepsis_signs": "yes",
                          "splenomegaly": "yes"})
    before = assess(**base)
    clone = assess(**{**base, "findings": {**base["findings"], "flow_cytometry": "clonal_t_lgl"}})
    assert clone.ranking[0].cause == "lgl_leukemia"
    assert score_of(clone, "bacterial_sepsis") < score_of(before, "bacterial_sepsis")
    # the emergency is still flagged
    assert "neutropenic_fever" in pitfall_ids(clone)


def test_an_aplastic_crisis_in_spherocytosis_ranks_parvovirus_above_a_passing_viral_fall(assess):
    # A 7-year-old with spherocytosis (spleen tip palpable) after a viral illness her brother
    # had too: haemoglobin 4.8 with reticulocytes 0.2 %, white cells 3,300, ANC 1,100.
    base = dict(patient={"age_years": 7, "sex": "female"},
                labs={"wbc": 3300, "anc": 1100, "hemoglobin": 4.8, "platelets": 138000,
                      "reticulocytes_pct": 0.2},
                findings={"temperature_c": 38.2, "recent_viral_illness": "yes",
                          "sick_contacts": "yes", "splenomegaly": "yes"})
    without = assess(**base)
    crisis = assess(**{**base, "findings": {**base["findings"],
                                            "chronic_hemolytic_anemia": "yes"}})
    assert score_of(crisis, "parvovirus_b19_infection") > \
        score_of(crisis, "viral_marrow_suppression")
    assert score_of(crisis, "viral_marrow_suppression") < \
        score_of(without, "viral_marrow_suppression")


def test_a_low_count_in_the_first_days_of_a_fever_in_an_adult_raises_a_viral_fall(assess):
    # A man of 35, four days of fever at 39.4 °C: white cells 2,800, neutrophils 1,200,
    # platelets 95,000, haemoglobin normal; no viral illness asked about yet.
    base = dict(patient={"age_years": 35, "sex": "male"},
                labs={"wbc": 2800, "anc": 1200, "hemoglobin": 14.1, "platelets": 95000})
    early = assess(**base, findings={"temperature_c": 39.4, "acute_infection_onset_days": 4})
    assert "viral_marrow_suppression" in top_causes(early)
    rule = "a_low_count_in_the_first_week_of_a_febrile_illness_beyond_early_childhood"

    def weighed(result):
        return any(item.rule == rule for cause in result.ranking for item in cause.evidence)

    assert weighed(early)
    # three weeks into the fever it is no longer the first days of a viral illness
    assert not weighed(assess(**base, findings={"temperature_c": 39.4,
                                                "acute_infection_onset_days": 21}))
    # nor a pancytopenia, nor neutrophils below 500, which want a marrow or cultures first
    assert not weighed(assess(**{**base, "labs": {**base["labs"], "hemoglobin": 8.9}},
                              findings={"temperature_c": 39.4, "acute_infection_onset_days": 4}))
    assert not weighed(assess(**{**base, "labs": {**base["labs"], "anc": 300}},
                              findings={"temperature_c": 39.4, "acute_infection_onset_days": 4}))
    # nor an afebrile patient
    assert not weighed(assess(**base, findings={"temperature_c": 36.9,
                                                "acute_infection_onset_days": 4}))


def test_fever_with_a_massive_spleen_and_pancytopenia_raises_leishmaniasis_without_a_region(
        assess):
    # A young woman, two weeks of fever, a spleen 8 cm below the costal margin, pancytopenia;
    # where she has lived is not recorded.
    base = dict(patient={"age_years": 21, "sex": "female"},
                labs={"wbc": 2200, "hemoglobin": 8.9, "platelets": 76000})
    massive = assess(**base, findings={"fever": "yes", "spleen_cm_below_costal_margin": 8})
    assert "parasitic_infestation" in [c.cause for c in massive.ranking]
    # a spleen just felt is not the picture
    small = assess(**base, findings={"fever": "yes", "spleen_cm_below_costal_margin": 2})
    assert score_of(small, "parasitic_infestation") < score_of(massive, "parasitic_infestation")
    # nor once she has never been where the parasite is caught
    never = assess(**base, findings={"fever": "yes", "spleen_cm_below_costal_margin": 8,
                                     "parasite_exposure": "no"})
    assert score_of(never, "parasitic_infestation") < score_of(massive, "parasitic_infestation")


# A woman of 22 with a known low white count has had a fever for three weeks; the letter gives
# the count only as "leukopenia" and nothing else yet.
FEVER_AND_A_LOW_WHITE_COUNT_ONLY = dict(
    patient={"age_years": 22, "sex": "female"},
    labs={"wbc": "low"},
    findings={"fever": "yes"},
)


def test_a_fever_with_a_low_white_count_and_nothing_else_ranks_infection_first(assess):
    result = assess(**FEVER_AND_A_LOW_WHITE_COUNT_ONLY)
    assert set(top_causes(result, 2)) == {"viral_marrow_suppression", "bacterial_sepsis"}


def test_a_second_low_line_beside_the_fever_is_not_read_as_nothing_else(assess):
    with_anaemia = dict(FEVER_AND_A_LOW_WHITE_COUNT_ONLY,
                        labs={"wbc": "low", "hemoglobin": "low"})
    result = assess(**with_anaemia)
    rules = {item.rule for cause in result.ranking for item in cause.evidence}
    assert "a_low_count_with_a_fever_and_nothing_else_known" not in rules


# ---- a big spleen with fever from a malarious region --------------------------------------

def _returned_traveller(assess, **findings):
    return assess(patient={"age_years": 25, "sex": "male"}, labs={"wbc": "low"},
                  findings={"temperature_c": 39.4, "tropical_travel": "yes",
                            "travel_weeks_ago": 1, **findings})


def test_a_big_spleen_in_a_febrile_traveller_from_africa_puts_malaria_at_the_top(assess):
    with_spleen = _returned_traveller(assess, travel_region="sub_saharan_africa",
                                      splenomegaly="yes")
    assert "fever_and_a_big_spleen_from_a_malarious_region" in {
        item.rule for cause in with_spleen.ranking for item in cause.evidence}
    leader = with_spleen.ranking[0]
    malaria = next(c for c in with_spleen.ranking if c.cause == "malaria")
    assert malaria.score >= leader.score


def test_a_big_spleen_after_a_trip_outside_the_malarious_regions_is_not_counted_for_malaria(
        assess):
    result = _returned_traveller(assess, travel_region="north_america", tropical_travel="no",
                                 splenomegaly="yes")
    assert "fever_and_a_big_spleen_from_a_malarious_region" not in {
        item.rule for cause in result.ranking for item in cause.evidence}


def _low_count_normal_again_hours_later(**findings):
    return dict(patient={"age_years": 33, "sex": "female"},
                labs={"wbc": 2900, "anc": 1300},
                earlier_counts=[{"weeks_later": 0.04, "labs": {"wbc": 4900, "anc": 3300}}],
                medications=[{"name": "risperidone", "started_weeks_ago": 6}],
                findings=findings)


def test_a_count_normal_again_within_hours_is_margination_only_once_an_infection_has_begun(
        assess):
    # The same low morning count, normal again that afternoon: with a fever that began this
    # morning it is the margination of an infection's first hours; with nothing to show an
    # infection, margination does not lead the differential.
    no_infection = assess(**_low_count_normal_again_hours_later())
    infection_begun = assess(**_low_count_normal_again_hours_later(
        temperature_c=38.6, acute_infection_onset_days=0))
    assert top_causes(infection_begun, 1) == ["early_infection_margination"]
    assert top_causes(no_infection, 1) != ["early_infection_margination"]
    assert score_of(no_infection, "early_infection_margination") < \
        score_of(infection_begun, "early_infection_margination")


def test_positive_ebv_and_cmv_tests_count_once_for_a_passing_viral_suppression(assess):
    # a student of 19 with a sore throat, a low count and both EBV and CMV IgM positive (the
    # CMV IgM often cross-reacts in mononucleosis): one current viral infection, not two
    case = dict(patient={"age_years": 19, "sex": "female"},
                labs={"wbc": 2900, "anc": 1100, "hemoglobin": 13.2, "platelets": 190000},
                medications=[])
    ebv_only = assess(**case, findings={"ebv_test": "positive"})
    both = assess(**case, findings={"ebv_test": "positive", "cmv_test": "positive"})
    cmv_only = assess(**case, findings={"cmv_test": "positive"})
    assert score_of(both, "viral_marrow_suppression") == \
        score_of(ebv_only, "viral_marrow_suppression")
    assert score_of(cmv_only, "viral_marrow_suppression") > float("-inf")
    assert top_causes(both, 1) == ["viral_marrow_suppression"]
