"""What real reports state and a case can now hold, as small vignettes: where the patient lives
(weighed for every regional infection as a recent return is), pregnancy, a thymoma, a known
Sjögren syndrome or lupus, and time outdoors or an eschar apart from a tick bite."""

from __future__ import annotations

import pytest
import yaml

from engine.cases import load_text
from engine.errors import CaseFileError
from tests.conftest import make_case, top_causes


def rules_for(result, cause: str) -> set[str]:
    """The rules that weighed for or against ``cause``, ranked or not."""
    found = next((c for c in result.ranking if c.cause == cause), None)
    ranked = set() if found is None else {e.rule for e in found.evidence}
    return ranked | {e.rule for e in result.opposed if e.cause == cause}


def score(result, cause: str):
    return next((c.score for c in result.ranking if c.cause == cause), None)


def open_questions(result) -> set[str]:
    return {q.id for q in result.questions if q.status == "open"}


def load_error(**sections) -> CaseFileError:
    sections.setdefault("id", "vignette")
    outcome = load_text(yaml.safe_dump(sections, sort_keys=False), "vignette.yaml")[0]
    assert isinstance(outcome, CaseFileError), "the vignette should not load"
    return outcome


FEVER_LOW_WHITE_CELLS_AND_PLATELETS = dict(
    patient={"age_years": 30, "sex": "male"}, labs={"wbc": 2500, "platelets": 90000})


def febrile(**findings):
    return {**FEVER_LOW_WHITE_CELLS_AND_PLATELETS, "findings": {"fever": "yes", **findings}}


# ---- where the patient lives ----------------------------------------------------------------

def test_fever_in_someone_living_in_sub_saharan_africa_weighs_malaria_as_a_return_from_there(
        assess):
    home = assess(**febrile(home_region="sub_saharan_africa"))
    returned = assess(**febrile(travel_region="sub_saharan_africa", travel_weeks_ago=1))
    assert "fever_after_sub_saharan_africa" in rules_for(home, "malaria")
    assert score(home, "malaria") == score(returned, "malaria")
    assert top_causes(home, 1) == ["malaria"]


def test_a_tropical_home_answers_tropical_travel_and_a_stated_no_contradicts_it(assess):
    home = assess(**febrile(home_region="south_asia"))
    assert "tropical_travel" not in open_questions(home)
    assert "fever_after_tropical_travel" in rules_for(home, "typhoid_fever")
    error = load_error(**febrile(home_region="south_asia", tropical_travel="no"))
    assert error.key.endswith("tropical_travel") and error.line
    assert "home_region" in error.message


def test_where_a_febrile_patient_lives_is_asked_before_where_they_have_been(assess):
    result = assess(**febrile())
    priorities = {q.id: q.priority for q in result.questions}
    assert priorities["home_region"] > priorities["travel_region"]


def test_a_trip_months_ago_does_not_argue_against_the_fevers_of_the_region_the_patient_lives_in(
        assess):
    # lives in rural Turkey, back from a holiday elsewhere ten weeks ago, tick bite, fever
    lives_there = assess(**febrile(home_region="balkans_eastern_europe", travel_region="other",
                                   travel_weeks_ago=10, tick_bite_or_eschar="yes"))
    visited = assess(**febrile(travel_region="balkans_eastern_europe", travel_weeks_ago=10,
                               tick_bite_or_eschar="yes"))
    assert "back_longer_than_a_haemorrhagic_fever_incubates" not in rules_for(
        lives_there, "viral_haemorrhagic_fever")
    assert "tick_bite_where_a_tick_borne_haemorrhagic_fever_is_caught" in rules_for(
        lives_there, "viral_haemorrhagic_fever")
    assert (score(visited, "viral_haemorrhagic_fever") or -99) < score(
        lives_there, "viral_haemorrhagic_fever")


def test_fever_bleeding_and_low_platelets_in_a_resident_of_a_cchf_region_raise_it_without_a_bite(
        assess):
    # pancytopenia, fever and bleeding in someone living in Anatolia, no tick bite recalled
    base = dict(labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"})
    lives_there = assess(**base, findings={"fever": "yes", "bleeding_signs": "yes",
                                           "tick_bite_or_eschar": "no",
                                           "home_region": "balkans_eastern_europe"})
    elsewhere = assess(**base, findings={"fever": "yes", "bleeding_signs": "yes",
                                         "tick_bite_or_eschar": "no", "home_region": "other"})
    cause = next(c for c in lives_there.ranking if c.cause == "viral_haemorrhagic_fever")
    assert cause.must_not_miss
    assert "fever_bleeding_and_low_platelets_where_a_tick_borne_haemorrhagic_fever_is_caught" in {
        e.rule for e in cause.evidence}
    assert (score(elsewhere, "viral_haemorrhagic_fever") or -99) < cause.score


def test_field_work_in_east_asia_then_fever_and_low_counts_raises_sfts(assess):
    field = assess(**febrile(home_region="east_asia", outdoor_exposure="yes"))
    indoors = assess(**febrile(home_region="east_asia", outdoor_exposure="no"))
    assert (score(indoors, "viral_haemorrhagic_fever") or -99) < score(field,
                                                                       "viral_haemorrhagic_fever")


def test_a_mediterranean_home_does_not_argue_against_malaria_after_a_trip_to_africa(assess):
    both = assess(**febrile(home_region="mediterranean_middle_east",
                            travel_region="sub_saharan_africa", travel_weeks_ago=2))
    only_home = assess(**febrile(home_region="mediterranean_middle_east"))
    assert "malaria_is_not_caught_around_the_mediterranean" not in rules_for(both, "malaria")
    assert "malaria_is_not_caught_around_the_mediterranean" in rules_for(only_home, "malaria")
    assert "low_count_after_the_mediterranean_or_middle_east" in rules_for(both, "brucellosis")


def test_features_of_tuberculosis_in_someone_living_where_it_is_common_weigh_more(assess):
    base = dict(patient={"age_years": 40, "sex": "male"},
                labs={"wbc": 2600, "hemoglobin": 9, "platelets": 110000})
    home = assess(**base, findings={"tb_features": "yes", "home_region": "south_asia"})
    elsewhere = assess(**base, findings={"tb_features": "yes", "home_region": "other"})
    assert "features_of_tuberculosis_where_it_is_common" in rules_for(home, "tuberculosis")
    assert score(home, "tuberculosis") > score(elsewhere, "tuberculosis")


def test_fever_a_big_spleen_and_pancytopenia_in_a_mediterranean_resident_raise_leishmaniasis(
        assess):
    result = assess(patient={"age_years": 35, "sex": "male"},
                    labs={"wbc": 2100, "hemoglobin": 8.1, "platelets": 70000},
                    findings={"fever": "yes", "splenomegaly": "yes",
                              "acute_infection_onset_days": 30,
                              "home_region": "mediterranean_middle_east"})
    assert "suspected_visceral_leishmaniasis" in rules_for(result, "parasitic_infestation")
    assert "parasitic_infestation" in top_causes(result)


def test_fever_and_low_counts_in_advanced_hiv_living_in_latin_america_raise_histoplasmosis(
        assess):
    result = assess(patient={"age_years": 38, "sex": "male"},
                    labs={"wbc": 1900, "hemoglobin": 8.5, "platelets": 60000},
                    findings={"fever": "yes", "hiv_test": "positive",
                              "home_region": "latin_america_caribbean"})
    assert "fever_and_low_counts_in_the_immunosuppressed_from_latin_america" in rules_for(
        result, "disseminated_histoplasmosis")


def test_a_misspelt_home_region_is_an_error_with_a_suggestion():
    error = load_error(**febrile(home_region="south_asiaa"))
    assert error.key.endswith("home_region") and error.line
    assert "did you mean 'south_asia'" in error.message


# ---- pregnancy --------------------------------------------------------------------------------

PANCYTOPENIA = dict(patient={"age_years": 29, "sex": "female"},
                    labs={"wbc": 2400, "anc": 900, "hemoglobin": 8.2, "platelets": 60000})


def test_pancytopenia_in_pregnancy_raises_folate_deficiency_and_aplastic_anaemia(assess):
    pregnant = assess(**PANCYTOPENIA, findings={"pregnant": "yes"})
    not_pregnant = assess(**PANCYTOPENIA, findings={"pregnant": "no"})
    assert score(pregnant, "folate_deficiency") > score(not_pregnant, "folate_deficiency")
    assert "pancytopenia_in_pregnancy" in rules_for(pregnant, "aplastic_anemia")


def test_folic_acid_taken_in_pregnancy_takes_away_pregnancy_s_weight_for_folate_deficiency(
        assess):
    result = assess(**PANCYTOPENIA, findings={"pregnant": "yes"},
                    medications=[{"name": "folic acid", "started_weeks_ago": 12}])
    assert "several_low_lines_in_pregnancy_without_folic_acid" not in rules_for(
        result, "folate_deficiency")


def test_large_red_cells_with_low_counts_in_pregnancy_point_to_folate(assess):
    labs = {**PANCYTOPENIA["labs"], "mcv": 110}
    result = assess(patient=PANCYTOPENIA["patient"], labs=labs, findings={"pregnant": "yes"})
    assert "megaloblastic_picture_in_pregnancy" in rules_for(result, "folate_deficiency")
    assert "pancytopenia_in_pregnancy" not in rules_for(result, "aplastic_anemia")


def test_pregnancy_is_asked_of_a_woman_of_childbearing_age_with_several_low_lines(assess):
    assert "pregnant" in open_questions(assess(**PANCYTOPENIA))
    man = assess(patient={"age_years": 29, "sex": "male"}, labs=PANCYTOPENIA["labs"])
    assert "pregnant" not in open_questions(man)


def test_a_pregnant_man_is_an_error_naming_the_line_and_key():
    error = load_error(patient={"age_years": 29, "sex": "male"}, labs={"wbc": 2400},
                       findings={"pregnant": "yes"})
    assert error.key.endswith("pregnant") and error.line
    assert "sex: male" in error.message


def test_the_drugs_of_pregnancy_load_without_warnings():
    case = make_case(labs={"wbc": 3000}, medications=[
        {"name": n} for n in ("prenatal vitamins", "Diclegis", "labetalol", "nifedipine",
                              "methyldopa", "enoxaparin", "ferrous sulfate", "folic acid")])
    assert case.warnings == ()


# ---- thymoma ----------------------------------------------------------------------------------

def test_a_severe_isolated_neutropenia_beside_a_thymoma_is_an_immune_neutropenia_first(assess):
    result = assess(patient={"age_years": 58, "sex": "female"},
                    labs={"wbc": 2000, "anc": 300, "hemoglobin": 13, "platelets": 230000},
                    findings={"known_cancer": "yes", "cancer_type": "thymoma"})
    assert top_causes(result, 1) == ["paraneoplastic_neutropenia"]
    assert "the_known_cancer_is_a_thymoma" in rules_for(result,
                                                        "solid_tumor_marrow_infiltration")


def test_a_thymoma_with_low_antibodies_and_few_lymphocytes_is_good_syndrome(assess):
    result = assess(patient={"age_years": 61, "sex": "male"},
                    labs={"wbc": 3200, "anc": 2100, "alc": 500, "igg": 250},
                    findings={"known_cancer": "yes", "cancer_type": "thymoma",
                              "recurrent_infections": "yes"})
    assert "good_syndrome" in rules_for(result, "immunodeficiency_disorder")
    assert top_causes(result, 1) == ["immunodeficiency_disorder"]


# ---- known autoimmune diagnoses ------------------------------------------------------------

MILD_NEUTROPENIA = dict(patient={"age_years": 52, "sex": "female"},
                        labs={"wbc": 2900, "anc": 1100, "hemoglobin": 12.8,
                              "platelets": 210000})


def test_a_low_count_in_known_sjogren_syndrome_ranks_sjogren_first(assess):
    result = assess(**MILD_NEUTROPENIA, findings={"known_sjogren_syndrome": "yes"})
    assert top_causes(result, 1) == ["sjogren_syndrome"]


def test_nodes_beside_known_sjogren_syndrome_raise_a_lymphoma(assess):
    with_nodes = assess(**MILD_NEUTROPENIA, findings={"known_sjogren_syndrome": "yes",
                                                      "lymphadenopathy": "yes"})
    without = assess(**MILD_NEUTROPENIA, findings={"known_sjogren_syndrome": "yes",
                                                   "lymphadenopathy": "no"})
    assert (score(without, "lymphoma_marrow_infiltration") or -99) < score(
        with_nodes, "lymphoma_marrow_infiltration")


def test_a_lymphopenia_in_known_lupus_ranks_lupus_first(assess):
    result = assess(patient={"age_years": 32, "sex": "female"},
                    labs={"wbc": 4500, "anc": 3500, "alc": 600},
                    findings={"known_lupus": "yes"})
    assert top_causes(result, 1) == ["systemic_lupus_erythematosus"]


def test_known_lupus_and_sjogren_syndrome_are_asked_with_a_low_count(assess):
    result = assess(**MILD_NEUTROPENIA)
    assert {"known_lupus", "known_sjogren_syndrome"} <= open_questions(result)


# ---- time outdoors and the eschar -----------------------------------------------------------

def test_fever_with_an_eschar_in_south_east_asia_is_a_rickettsial_infection_first(assess):
    result = assess(**febrile(eschar="yes", home_region="southeast_asia"))
    assert top_causes(result, 1) == ["rickettsial_infection"]
    assert "fever_with_an_eschar_or_rural_exposure_in_the_asia_pacific" in rules_for(
        result, "rickettsial_infection")


def test_an_eschar_answers_the_shared_tick_bite_question_and_argues_against_ehrlichiosis(assess):
    eschar = assess(**febrile(eschar="yes"))
    tick_bite = assess(**febrile(tick_bite_or_eschar="yes"))
    assert "tick_bite_or_eschar" not in open_questions(eschar)
    assert "tick_bite_or_eschar" in rules_for(eschar, "rickettsial_infection")
    assert score(eschar, "ehrlichiosis_anaplasmosis") < score(tick_bite,
                                                              "ehrlichiosis_anaplasmosis")
    error = load_error(**febrile(eschar="yes", tick_bite_or_eschar="no"))
    assert error.key.endswith("tick_bite_or_eschar") and error.line


def test_time_outdoors_without_a_noticed_bite_raises_the_tick_borne_infections(assess):
    outdoors = assess(**febrile(outdoor_exposure="yes"))
    indoors = assess(**febrile(outdoor_exposure="no"))
    for cause in ("ehrlichiosis_anaplasmosis", "rickettsial_infection"):
        assert (score(indoors, cause) or -99) < score(outdoors, cause)
    assert "tick_bite_or_eschar" in open_questions(outdoors)


@pytest.mark.parametrize("key", ["outdoor_exposure", "eschar"])
def test_outdoor_exposure_and_the_eschar_are_asked_of_a_febrile_patient(assess, key):
    result = assess(**febrile(home_region="south_asia"))
    assert key in open_questions(result)
