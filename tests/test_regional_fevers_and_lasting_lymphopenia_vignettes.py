"""Where a fever is caught, how long a fever has lasted, and how long a lymphopenia has lasted:
the tick-borne haemorrhagic fevers weighed by their own region's likelihood, the tick's
infections by where each occurs, the slow vitamin deficiencies against a fever of days, and a
lymphopenia known for months not read as a passing viral fall."""

from conftest import top_causes


def score_of(result, cause):
    """A cause's score, or minus infinity when nothing spoke for it (so it is not ranked)."""
    return next((c.score for c in result.ranking if c.cause == cause), float("-inf"))


def rules_for(result, cause):
    return {e.rule for c in result.ranking if c.cause == cause for e in c.evidence}


FEBRILE_PANCYTOPENIA = dict(
    patient={"age_years": 50, "sex": "male"},
    labs={"wbc": 2100, "anc": 1200, "hemoglobin": 10.5, "platelets": 35000},
    medications=[],
)


def febrile(**findings):
    return dict(FEBRILE_PANCYTOPENIA,
                findings={"temperature_c": 39, "acute_infection_onset_days": 4, **findings})


def test_fever_bleeding_and_pancytopenia_in_a_resident_of_turkey_rank_cchf_first(assess):
    result = assess(**febrile(bleeding_signs="yes", home_region="balkans_eastern_europe"))
    assert top_causes(result, 1) == ["viral_haemorrhagic_fever"]


def test_the_same_fever_elsewhere_does_not_rank_a_haemorrhagic_fever(assess):
    result = assess(**febrile(bleeding_signs="yes", home_region="other"))
    assert "viral_haemorrhagic_fever" not in top_causes(result, 5)


def test_raised_enzymes_complete_the_case_definition_of_sfts_in_east_asia(assess):
    place_only = assess(**febrile(home_region="east_asia"))
    with_enzymes = dict(febrile(home_region="east_asia"))
    with_enzymes["labs"] = dict(with_enzymes["labs"], ast=180, ldh=600)
    enzymes = assess(**with_enzymes)
    assert score_of(enzymes, "viral_haemorrhagic_fever") > score_of(
        place_only, "viral_haemorrhagic_fever")
    assert "viral_haemorrhagic_fever" in top_causes(enzymes, 3)


def test_a_fever_of_a_month_in_the_region_is_not_read_as_a_haemorrhagic_fever(assess):
    days = assess(**febrile(home_region="balkans_eastern_europe"))
    month = assess(**febrile(home_region="balkans_eastern_europe",
                             acute_infection_onset_days=30))
    assert "fever_low_white_cells_and_platelets_where_crimean_congo_fever_is_caught" in \
        rules_for(days, "viral_haemorrhagic_fever")
    assert "fever_low_white_cells_and_platelets_where_crimean_congo_fever_is_caught" not in \
        rules_for(month, "viral_haemorrhagic_fever")


def test_a_tick_bite_in_the_balkans_ranks_cchf_above_ehrlichiosis(assess):
    result = assess(**febrile(tick_bite_or_eschar="yes", home_region="balkans_eastern_europe"))
    assert score_of(result, "viral_haemorrhagic_fever") > score_of(
        result, "ehrlichiosis_anaplasmosis")
    assert "viral_haemorrhagic_fever" in top_causes(result, 3)


def test_a_tick_bite_in_north_america_still_ranks_ehrlichiosis_first(assess):
    result = assess(**febrile(tick_bite_or_eschar="yes", home_region="north_america"))
    assert top_causes(result, 1) == ["ehrlichiosis_anaplasmosis"]
    assert "low_count_after_a_tick_bite" in rules_for(result, "ehrlichiosis_anaplasmosis")


def test_a_tick_bite_outside_the_range_of_ehrlichiosis_weighs_only_weakly_for_it(assess):
    america = assess(**febrile(tick_bite_or_eschar="yes", home_region="north_america"))
    asia = assess(**febrile(tick_bite_or_eschar="yes", home_region="south_asia"))
    assert "low_count_after_a_tick_bite_outside_where_ehrlichiosis_is_caught" in rules_for(
        asia, "ehrlichiosis_anaplasmosis")
    assert score_of(asia, "ehrlichiosis_anaplasmosis") < score_of(
        america, "ehrlichiosis_anaplasmosis")


def test_a_tick_bite_with_no_region_given_counts_for_ehrlichiosis_in_full(assess):
    result = assess(**febrile(tick_bite_or_eschar="yes"))
    assert "low_count_after_a_tick_bite" in rules_for(result, "ehrlichiosis_anaplasmosis")


def test_a_fever_of_days_with_several_low_lines_weighs_against_the_slow_deficiencies(assess):
    days = assess(**febrile())
    weeks = assess(**febrile(acute_infection_onset_days=40))
    for cause in ("folate_deficiency", "vitamin_b12_deficiency"):
        assert "several_low_lines_in_a_fever_of_days" in rules_for(days, cause)
        assert score_of(days, cause) < score_of(weeks, cause)


def test_normal_counts_before_a_fever_of_days_weigh_more_against_a_deficiency(assess):
    plain = assess(**febrile())
    normal_before = assess(**febrile(previous_counts_normal="yes"))
    assert score_of(normal_before, "folate_deficiency") < score_of(plain, "folate_deficiency")


def test_large_red_cells_keep_a_deficiency_in_play_despite_the_fever(assess):
    case = febrile()
    case["labs"] = dict(case["labs"], mcv=118)
    result = assess(**case)
    assert "several_low_lines_in_a_fever_of_days" not in rules_for(result, "folate_deficiency")


LYMPHOPENIC_ADULT = dict(
    patient={"age_years": 45, "sex": "female"},
    labs={"wbc": 5200, "anc": 4300, "alc": 400, "hemoglobin": 13.5, "platelets": 250000,
          "cd4": 180},
    medications=[],
)


def test_a_lymphopenia_of_unknown_duration_still_raises_a_passing_viral_fall(assess):
    result = assess(**LYMPHOPENIC_ADULT, findings={})
    assert "lymphopenia_not_known_to_last" in rules_for(result, "viral_marrow_suppression")


def test_a_lymphopenia_known_for_months_does_not_count_for_a_viral_fall(assess):
    lasting = assess(**LYMPHOPENIC_ADULT,
                     findings={"low_count_first_noted_weeks_ago": 26, "hiv_test": "negative"})
    fresh = assess(**LYMPHOPENIC_ADULT, findings={"hiv_test": "negative"})
    assert "lymphopenia_not_known_to_last" not in rules_for(lasting, "viral_marrow_suppression")
    assert score_of(lasting, "viral_marrow_suppression") < score_of(
        fresh, "viral_marrow_suppression")
    assert top_causes(lasting, 1) == ["immunodeficiency_disorder"]


def test_a_lymphopenia_beside_recurrent_infections_does_not_count_for_a_viral_fall(assess):
    recurrent = assess(**LYMPHOPENIC_ADULT, findings={"recurrent_infections": "yes"})
    assert "lymphopenia_not_known_to_last" not in rules_for(
        recurrent, "viral_marrow_suppression")
    assert "lymphopenia_with_recurrent_infections" in rules_for(
        recurrent, "immunodeficiency_disorder")
