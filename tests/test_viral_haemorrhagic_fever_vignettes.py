"""Viral haemorrhagic fever as small vignettes: fever with bleeding and a low count within 21
days of sub-Saharan Africa raises it as a must-not-miss cause whose first step is isolation;
the same illness beginning after the longest incubation, or without travel, does not."""

RETURNED_TRAVELLER = dict(
    patient={"age_years": 30, "sex": "female"},
    labs={"wbc": 1000, "neutrophils_pct": 65, "lymphocytes_pct": 20, "hemoglobin": 10,
          "platelets": 50000},
    findings={"temperature_c": 38.5, "tropical_travel": "yes",
              "travel_region": "sub_saharan_africa", "bleeding_signs": "yes"})


def with_findings(**more):
    return {**RETURNED_TRAVELLER, "findings": {**RETURNED_TRAVELLER["findings"], **more}}


def test_fever_and_bleeding_a_week_after_west_africa_flag_a_haemorrhagic_fever(assess):
    result = assess(**with_findings(travel_weeks_ago=1))
    cause = next(c for c in result.ranking if c.cause == "viral_haemorrhagic_fever")
    assert cause.must_not_miss
    assert "solat" in cause.next_steps[0].text


def test_the_same_illness_after_the_longest_incubation_is_not_a_haemorrhagic_fever(assess):
    result = assess(**with_findings(travel_weeks_ago=5))
    assert "viral_haemorrhagic_fever" not in [c.cause for c in result.ranking]


def test_bleeding_is_asked_about_when_fever_follows_sub_saharan_africa(assess):
    result = assess(patient={"age_years": 30}, labs={"wbc": 2500, "platelets": 90000},
                    findings={"temperature_c": 38.5, "tropical_travel": "yes",
                              "travel_region": "sub_saharan_africa", "travel_weeks_ago": 2})
    assert "bleeding_signs" in {question.id for question in result.questions}


def test_fever_bleeding_and_low_platelets_after_a_tick_bite_raise_a_tick_borne_haemorrhagic_fever(
        assess):
    # A 32-year-old gardener bitten by a tick four days ago: fever 40, petechiae and vaginal
    # bleeding, white cells and platelets very low. No travel: she lives where CCHF is.
    base = dict(patient={"age_years": 32, "sex": "female"},
                labs={"wbc": "low", "platelets": "low"},
                findings={"temperature_c": 40, "tick_bite_or_eschar": "yes",
                          "acute_infection_onset_days": 4})
    bleeding = assess(**{**base, "findings": {**base["findings"], "bleeding_signs": "yes"}})
    no_bleeding = assess(**{**base, "findings": {**base["findings"], "bleeding_signs": "no"}})
    cause = next(c for c in bleeding.ranking if c.cause == "viral_haemorrhagic_fever")
    assert cause.must_not_miss
    assert "solat" in cause.next_steps[0].text
    assert "viral_haemorrhagic_fever" not in [c.cause for c in no_bleeding.ranking]


def test_a_febrile_child_in_japan_with_low_white_cells_and_platelets_is_not_read_as_sfts(assess):
    # SFTS is a disease of older rural adults: the same febrile bicytopenia weighs for it at
    # 70, not at 8
    def case(age):
        return assess(patient={"age_years": age, "sex": "female"},
                      labs={"wbc": 1900, "anc": 700, "hemoglobin": 12.5, "platelets": 60000},
                      findings={"fever": "yes", "home_region": "east_asia"})
    weights = {c.cause: {e.rule for e in c.evidence} for c in case(70).ranking}
    assert "fever_low_white_cells_and_platelets_in_east_asia" in \
        weights["viral_haemorrhagic_fever"]
    child = {c.cause: {e.rule for e in c.evidence} for c in case(8).ranking}
    assert "fever_low_white_cells_and_platelets_in_east_asia" not in \
        child.get("viral_haemorrhagic_fever", set())


def test_the_same_febrile_bicytopenia_in_japan_weighs_less_for_sfts_at_29_than_at_70(assess):
    # most SFTS patients are over 50: a young adult's febrile bicytopenia raises it, an older
    # farmer's is SFTS until tested
    def weights(age):
        result = assess(patient={"age_years": age, "sex": "male"},
                        labs={"wbc": 1600, "anc": 900, "hemoglobin": 13.5, "platelets": 70000},
                        findings={"fever": "yes", "home_region": "east_asia"})
        return {e.rule: e.weight for c in result.ranking if c.cause == "viral_haemorrhagic_fever"
                for e in c.evidence}
    young, older = weights(29), weights(70)
    assert "fever_low_white_cells_and_platelets_in_east_asia_before_fifty" in young
    assert "fever_low_white_cells_and_platelets_in_east_asia" not in young
    assert older["fever_low_white_cells_and_platelets_in_east_asia"] > \
        young["fever_low_white_cells_and_platelets_in_east_asia_before_fifty"]
