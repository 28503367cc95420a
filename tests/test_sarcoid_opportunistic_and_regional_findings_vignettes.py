"""The findings that settle sarcoidosis (Löfgren syndrome, non-caseating granulomas, the
serum ACE), an opportunistic infection beside a low CD4 count, and the places where the
tick-borne causes of fever with low white cells and platelets are caught, as small vignettes."""

from conftest import top_causes


def rank_of(result, cause):
    return next((c.rank for c in result.ranking if c.cause == cause), None)


def score_of(result, cause):
    """The cause's score, or a floor below every score where it is not ranked at all."""
    return next((c.score for c in result.ranking if c.cause == cause), -99)


def rules_for(result, cause):
    return {item.rule for c in result.ranking if c.cause == cause for item in c.evidence}


# ---- sarcoidosis ----------------------------------------------------------------------------

def test_erythema_nodosum_with_hilar_nodes_and_lymphopenia_ranks_sarcoidosis_first(assess):
    result = assess(patient={"age_years": 30, "sex": "female"}, labs={"alc": 700},
                    findings={"erythema_nodosum": "yes", "hilar_lymphadenopathy": "yes"})
    assert result.ranking[0].cause == "sarcoidosis"


def test_non_caseating_granulomas_on_a_node_biopsy_rank_sarcoidosis_first(assess):
    result = assess(patient={"age_years": 40, "sex": "female"},
                    labs={"wbc": 2500, "anc": 1400, "alc": 600},
                    findings={"tissue_granulomas": "non_caseating"})
    assert result.ranking[0].cause == "sarcoidosis"


def test_caseating_granulomas_raise_tuberculosis_above_sarcoidosis(assess):
    result = assess(patient={"age_years": 40, "sex": "female"},
                    labs={"wbc": 2500, "anc": 1400, "alc": 600},
                    findings={"tissue_granulomas": "caseating", "hilar_lymphadenopathy": "yes"})
    assert (rank_of(result, "tuberculosis") or 99) < (rank_of(result, "sarcoidosis") or 99)


def test_a_raised_serum_ace_weighs_for_sarcoidosis_and_a_normal_one_a_little_against(assess):
    def case(ace):
        return assess(patient={"age_years": 40, "sex": "female"},
                      labs={"wbc": 2500, "anc": 1400, "alc": 600, "ace": ace},
                      findings={"hilar_lymphadenopathy": "yes"})
    raised, normal = case(95), case(30)
    assert score_of(raised, "sarcoidosis") > score_of(normal, "sarcoidosis")


# ---- an opportunistic infection beside a low CD4 count ------------------------------------------

def test_pneumocystis_with_a_cd4_of_90_and_a_negative_hiv_test_ranks_icl_first(assess):
    result = assess(patient={"age_years": 65, "sex": "male"}, labs={"cd4": 90},
                    findings={"hiv_test": "negative", "opportunistic_infection": "yes",
                              "fever": "yes"})
    assert result.ranking[0].cause == "immunodeficiency_disorder"


def test_an_opportunistic_infection_with_a_low_cd4_and_no_hiv_test_ranks_hiv_first(assess):
    result = assess(patient={"age_years": 35, "sex": "male"}, labs={"alc": 600, "cd4": 150},
                    findings={"opportunistic_infection": "yes"})
    assert result.ranking[0].cause == "hiv"
    assert "viral_marrow_suppression" not in top_causes(result, 2)


def test_an_opportunistic_infection_on_prednisolone_is_left_to_the_drug(assess):
    result = assess(patient={"age_years": 60, "sex": "female"}, labs={"alc": 500, "cd4": 150},
                    findings={"opportunistic_infection": "yes", "hiv_test": "negative"},
                    medications=[{"name": "prednisolone", "started_weeks_ago": 30}])
    assert "glucocorticoid_lymphopenia" in top_causes(result)
    rules = {item.rule for c in result.ranking for item in c.evidence}
    assert "opportunistic_infection_with_a_low_count_and_a_negative_hiv_test" not in rules


# ---- where the patient was: the tick-borne fevers -------------------------------------------------

def _fever_low_whites_and_platelets(region, **findings):
    return {"patient": {"age_years": 45, "sex": "male"},
            "labs": {"wbc": 2100, "platelets": 61000},
            "findings": {"fever": "yes", "travel_region": region, **findings}}


def test_fever_with_low_whites_and_platelets_in_the_balkans_raises_a_haemorrhagic_fever(assess):
    balkans = assess(**_fever_low_whites_and_platelets("balkans_eastern_europe",
                                                       tropical_travel="no"))
    elsewhere = assess(**_fever_low_whites_and_platelets("other", tropical_travel="no"))
    assert "fever_low_white_cells_and_platelets_where_crimean_congo_fever_is_caught" in \
        rules_for(balkans, "viral_haemorrhagic_fever")
    assert score_of(balkans, "viral_haemorrhagic_fever") > \
        score_of(elsewhere, "viral_haemorrhagic_fever")


def test_a_tick_bite_in_east_asia_with_fever_and_low_counts_ranks_sfts_in_the_top_three(assess):
    result = assess(**_fever_low_whites_and_platelets("east_asia", tick_bite_or_eschar="yes",
                                                      bleeding_signs="yes"))
    assert "viral_haemorrhagic_fever" in top_causes(result)


def test_fever_with_low_whites_and_platelets_in_north_america_raises_ehrlichiosis(assess):
    north_america = assess(**_fever_low_whites_and_platelets("north_america"))
    elsewhere = assess(**_fever_low_whites_and_platelets("other"))
    assert "fever_low_white_cells_and_platelets_in_north_america" in \
        rules_for(north_america, "ehrlichiosis_anaplasmosis")
    assert score_of(north_america, "ehrlichiosis_anaplasmosis") > \
        score_of(elsewhere, "ehrlichiosis_anaplasmosis")


def test_a_stay_in_the_balkans_months_ago_does_not_raise_a_haemorrhagic_fever(assess):
    recent = assess(**_fever_low_whites_and_platelets("balkans_eastern_europe",
                                                      travel_weeks_ago=1))
    long_ago = assess(**_fever_low_whites_and_platelets("balkans_eastern_europe",
                                                        travel_weeks_ago=20))
    assert "fever_low_white_cells_and_platelets_where_crimean_congo_fever_is_caught" in \
        rules_for(recent, "viral_haemorrhagic_fever")
    assert "fever_low_white_cells_and_platelets_where_crimean_congo_fever_is_caught" not in \
        rules_for(long_ago, "viral_haemorrhagic_fever")
