"""Presentations the thirteenth blind set's dev half brought, as small vignettes: the
glandular-fever picture (fever, a sore throat and enlarged nodes in a young person) before its
EBV test is back, a radiation accident whose first report gives only a lymphocyte count, and a
big spleen years after a life in the tropics, whose parasites the interview must ask about."""

from conftest import evidence_rules, top_causes

STUDENT = dict(patient={"age_years": 18, "sex": "male"},
               labs={"wbc": 1400, "neutrophils_pct": 15, "lymphocytes_pct": 78,
                     "hemoglobin": 13.8, "platelets": 160000},
               medications=[])


def test_fever_a_sore_throat_and_neck_nodes_at_eighteen_rank_a_passing_viral_fall_first(assess):
    result = assess(**STUDENT, findings={"fever": "yes", "temperature_c": 39.4,
                                         "sore_throat_or_mouth_ulcers": "yes",
                                         "lymphadenopathy": "yes",
                                         "lymph_node_sites": "cervical"})
    assert "fever_a_sore_throat_and_nodes_in_a_young_person" in \
        evidence_rules(result, "viral_marrow_suppression")
    assert top_causes(result, 1) == ["viral_marrow_suppression"]


def test_the_same_picture_at_sixty_is_not_called_glandular_fever(assess):
    older = dict(STUDENT, patient={"age_years": 60, "sex": "male"})
    result = assess(**older, findings={"fever": "yes", "sore_throat_or_mouth_ulcers": "yes",
                                       "lymphadenopathy": "yes"})
    assert "fever_a_sore_throat_and_nodes_in_a_young_person" not in \
        evidence_rules(result, "viral_marrow_suppression")


def test_a_known_ebv_test_decides_instead_of_the_picture(assess):
    result = assess(**STUDENT, findings={"fever": "yes", "sore_throat_or_mouth_ulcers": "yes",
                                         "lymphadenopathy": "yes", "ebv_test": "negative"})
    assert "fever_a_sore_throat_and_nodes_in_a_young_person" not in \
        evidence_rules(result, "viral_marrow_suppression")


def test_a_lymphocyte_count_of_100_two_days_after_a_radiation_accident_ranks_radiation(assess):
    # the first report of an irradiation-plant accident gives only the lymphocytes
    result = assess(patient={"age_years": 40, "sex": "male"}, labs={"alc": "0.1 x10^9/L"},
                    findings={"radiation_exposure": "yes"})
    assert top_causes(result, 1) == ["radiation_marrow_suppression"]
    assert evidence_rules(result, "radiation_marrow_suppression") == {
        "lymphopenia_after_a_radiation_accident": 15}


def test_low_counts_after_a_radiation_accident_are_weighed_once_not_again_for_the_lymphocytes(
        assess):
    result = assess(patient={"age_years": 40, "sex": "male"},
                    labs={"wbc": 1800, "alc": 300, "platelets": 90000},
                    findings={"radiation_exposure": "yes"})
    rules = evidence_rules(result, "radiation_marrow_suppression")
    assert "low_counts_after_a_radiation_accident" in rules
    assert "lymphopenia_after_a_radiation_accident" not in rules


def test_a_lymphopenia_given_alone_is_asked_about_a_radiation_accident(assess):
    # the interview can only reach the radiation rule if the question is open
    result = assess(patient={"age_years": 40, "sex": "male"}, labs={"alc": 400},
                    medications=[])
    open_questions = {q.id for q in result.questions if q.status == "open"}
    assert "radiation_exposure" in open_questions


def test_a_big_spleen_years_after_living_in_the_tropics_is_asked_about_parasites(assess):
    # a man of 25 in North America who grew up in Sudan, a big spleen and low counts: the
    # schistosomiasis behind a portal hypertension is caught years before
    result = assess(patient={"age_years": 25, "sex": "male"},
                    labs={"wbc": 2450, "platelets": 41000},
                    findings={"home_region": "north_america",
                              "travel_region": "sub_saharan_africa", "travel_weeks_ago": 208,
                              "splenomegaly": "yes"})
    open_questions = {q.id for q in result.questions if q.status == "open"}
    assert "parasite_exposure" in open_questions
