"""Secondary HLH as small vignettes: once the HLH picture is in view (haemophagocytes in the
marrow with fever and two or three low lines, a ferritin above 10,000, or five HLH-2004
criteria), the trigger the case points to ranks beside the HLH, not far below it; without a
clue of its own a trigger is not raised, and the HLH's own big spleen is no longer put down
to portal hypertension."""

from tests.conftest import top_causes

# Fever, three low lines given only in words, a high ferritin and haemophagocytes in the marrow
HLH_PICTURE = dict(
    patient={"age_years": 40, "sex": "female"},
    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low", "ferritin": "high"},
    findings={"fever": "yes", "marrow_infiltrate": "hemophagocytosis"})


def vignette(patient=None, labs=None, **findings):
    return dict(patient=patient or HLH_PICTURE["patient"],
                labs={**HLH_PICTURE["labs"], **(labs or {})},
                findings={**HLH_PICTURE["findings"], **findings})


def rank_of(result, cause):
    ranked = [c.cause for c in result.ranking]
    return ranked.index(cause) + 1 if cause in ranked else None


def rules_for(result, cause):
    return {e.rule for c in result.ranking if c.cause == cause for e in c.evidence}


def test_weeks_of_fever_with_the_hlh_picture_in_south_asia_rank_tuberculosis_beside_it(assess):
    # A woman of 40 in Sri Lanka: three weeks of fever, then pancytopenia (no numbers given)
    # and haemophagocytes in the marrow.
    result = assess(**vignette(travel_region="south_asia", acute_infection_onset_days=21))
    assert top_causes(result, 2) == ["hemophagocytic_lymphohistiocytosis", "tuberculosis"]


def test_without_a_clue_to_tuberculosis_the_hlh_picture_does_not_raise_it(assess):
    result = assess(**vignette())
    assert "tuberculosis_behind_the_haemophagocytic_picture" not in rules_for(result, "tuberculosis")
    assert "tuberculosis" not in top_causes(result)


def test_the_same_picture_with_numbers_ranks_tuberculosis_as_the_words_do(assess):
    numbers = vignette(labs={"wbc": 1800, "anc": 700, "hemoglobin": 7.9, "platelets": 41000,
                             "ferritin": 3200},
                       travel_region="south_asia", acute_infection_onset_days=21)
    words = vignette(travel_region="south_asia", acute_infection_onset_days=21)
    assert rank_of(assess(**numbers), "tuberculosis") == rank_of(assess(**words), "tuberculosis") \
        == 2


def test_dengue_ranks_beside_hlh_in_a_child_febrile_for_days_in_south_east_asia(assess):
    child = dict(patient={"age_years": 6, "sex": "male"},
                 labs={"wbc": "low", "hemoglobin": "normal", "platelets": "low",
                       "ferritin": 15000},
                 findings={"fever": "yes", "acute_infection_onset_days": 5,
                           "hepatomegaly": "yes", "splenomegaly": "yes"})
    there = assess(**{**child, "findings": {**child["findings"],
                                            "travel_region": "southeast_asia"}})
    elsewhere = assess(**child)
    assert {"hemophagocytic_lymphohistiocytosis", "dengue"} <= set(top_causes(there))
    assert "dengue" not in top_causes(elsewhere)


def test_sfts_ranks_beside_hlh_in_east_asia(assess):
    # A farmer of 62 in Korea: fever, low white cells and platelets, haemophagocytes.
    result = assess(**vignette(patient={"age_years": 62, "sex": "male"},
                               labs={"hemoglobin": "normal"}, travel_region="east_asia"))
    assert "viral_haemorrhagic_fever" in top_causes(result)


def test_kala_azar_ranks_beside_hlh_with_a_big_spleen_from_where_it_is_caught(assess):
    result = assess(**vignette(travel_region="mediterranean_middle_east", splenomegaly="yes"))
    assert "parasitic_infestation" in top_causes(result)
    assert "visceral_leishmaniasis_behind_the_haemophagocytic_picture" in rules_for(
        result, "parasitic_infestation")


def test_brucellosis_ranks_beside_hlh_after_raw_dairy(assess):
    # A boy of 3 in Iran: fever, a big liver and spleen, pancytopenia in words, triglycerides
    # 338 and a high ferritin (five HLH-2004 criteria, no marrow yet), raw milk at home.
    boy = dict(patient={"age_years": 3, "sex": "male"},
               labs={"wbc": "low", "hemoglobin": "low", "platelets": "low",
                     "triglycerides": 338, "ferritin": "high"},
               findings={"fever": "yes", "hepatomegaly": "yes", "splenomegaly": "yes"})
    with_dairy = assess(**{**boy, "findings": {**boy["findings"], "livestock_or_raw_dairy": "yes"}})
    assert top_causes(with_dairy, 2) == ["hemophagocytic_lymphohistiocytosis", "brucellosis"]
    assert "brucellosis" not in top_causes(assess(**boy))


def test_a_tick_bite_with_the_hlh_picture_ranks_the_tick_borne_infections_beside_it(assess):
    result = assess(**vignette(tick_bite_or_eschar="yes"))
    assert {"rickettsial_infection", "ehrlichiosis_anaplasmosis"} <= set(top_causes(result))


def test_haemophagocytes_and_a_high_ferritin_without_a_stated_fever_still_show_the_picture(
        assess):
    case = vignette(hiv_test="positive", splenomegaly="yes")
    del case["findings"]["fever"]
    result = assess(**case)
    assert "opportunistic_infection_behind_the_haemophagocytic_picture" in rules_for(
        result, "disseminated_histoplasmosis")


def test_haemophagocytes_beside_one_low_line_are_not_the_picture(assess):
    result = assess(patient={"age_years": 40, "sex": "female"},
                    labs={"wbc": "low", "hemoglobin": "normal", "platelets": "normal"},
                    findings={"fever": "yes", "marrow_infiltrate": "hemophagocytosis",
                              "travel_region": "south_asia", "acute_infection_onset_days": 21})
    assert "tuberculosis_behind_the_haemophagocytic_picture" not in rules_for(result, "tuberculosis")


def test_the_hlh_picture_explains_the_big_spleen_instead_of_portal_hypertension(assess):
    result = assess(**vignette(splenomegaly="yes"))
    hypersplenism = next(c for c in result.ranking if c.cause == "hypersplenism")
    assert "the_haemophagocytic_picture_explains_the_big_spleen" in {
        e.rule for e in hypersplenism.evidence}
    assert "hypersplenism" not in top_causes(result)


def test_living_where_sfts_is_caught_counts_as_a_recent_return_does(assess):
    result = assess(**vignette(patient={"age_years": 70, "sex": "male"},
                               labs={"hemoglobin": "normal"}, home_region="east_asia"))
    assert "viral_haemorrhagic_fever" in top_causes(result)


def test_a_return_from_south_east_asia_months_ago_does_not_make_dengue_the_trigger(assess):
    result = assess(**vignette(labs={"hemoglobin": "normal"}, travel_region="southeast_asia",
                               travel_weeks_ago=20))
    assert "dengue_behind_the_haemophagocytic_picture" not in rules_for(result, "dengue")
