"""A finding an evidence rule weighs is asked where that rule can fire, also when the notes are
sparse (counts in words, no age, no grade): otherwise the interview of a clinician holding the
finding never reaches it and ranks otherwise than batch scoring of the same notes (issue 12
§1). Each vignette: the setting in which the question must now be open, and, where the rules
keep it narrow on purpose, a setting in which it stays closed; then an interview answered from
the notes that reaches batch scoring's top three."""

from __future__ import annotations

from engine.result import tied_places
from engine.unasked_findings import interview
from tests.conftest import make_case


def open_questions(result) -> set[str]:
    return {q.id for q in result.questions if q.status == "open"}


def interviewed_as_batch(assessor, **sections) -> tuple[bool, object]:
    case = make_case(**sections)
    session, _, _ = interview(assessor, case)
    batch = assessor.assess(case)
    return tied_places(batch.ranking, 3) == tied_places(session.result().ranking, 3), batch


def test_a_lymphopenic_infant_is_asked_how_severe_the_infection_is(assess, assessor):
    infant = assess(patient={"age_years": 0.1, "sex": "male"}, labs={"alc": "low"})
    assert "infection_severity" in open_questions(infant)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 0.06, "sex": "male"}, labs={"alc": "low"},
        findings={"infection_severity": "severe", "age_at_onset": "first_months"})
    assert batch.ranking[0].cause == "immunodeficiency_disorder"
    assert same


def test_the_head_is_asked_in_a_neutropenia_from_early_life_given_in_words(assess, assessor):
    early = assess(patient={"age_years": 10, "sex": "male"}, labs={"anc": "low"},
                   findings={"age_at_onset": "first_months"})
    assert "microcephaly" in open_questions(early)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 10, "sex": "male"}, labs={"anc": "low"},
        findings={"recurrent_infections": "yes", "age_at_onset": "first_months",
                  "microcephaly": "yes"})
    assert "fanconi_anemia" in {c.cause for c in batch.ranking}
    assert same


def test_an_adult_with_recurring_infections_is_asked_about_the_family(assess):
    adult = assess(patient={"age_years": 29, "sex": "female"}, labs={"anc": "low"},
                   findings={"recurrent_infections": "yes"})
    assert {"family_history_of_neutropenia", "parental_consanguinity"} <= open_questions(adult)
    once_well = assess(patient={"age_years": 29, "sex": "female"}, labs={"anc": "low"},
                       findings={"recurrent_infections": "no"})
    assert "parental_consanguinity" not in open_questions(once_well)


def test_related_parents_open_the_signs_of_the_syndromes_at_any_age(assess):
    related = assess(patient={"age_years": 29, "sex": "female"}, labs={"anc": "low"},
                     findings={"parental_consanguinity": "yes"})
    assert {"short_stature", "microcephaly", "skeletal_anomalies"} <= open_questions(related)


def test_a_known_graves_disease_is_asked_beside_a_mild_isolated_neutropenia(assess, assessor):
    mild = assess(patient={"age_years": 24, "sex": "male"}, labs={"anc": 890})
    assert "known_thyroid_disease" in open_questions(mild)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 24, "sex": "male"}, labs={"anc": 890},
        findings={"known_thyroid_disease": "graves", "thyroid_treatment": "none"},
        medications=[])
    assert batch.ranking[0].cause == "hyperthyroidism"
    assert same


def test_anorexia_is_asked_with_several_low_lines_when_no_age_is_given(assess):
    ageless = assess(labs={"wbc": 1600, "anc": 800, "platelets": 44000})
    assert "anorexia_nervosa" in open_questions(ageless)


def test_weight_loss_with_a_low_count_opens_the_questions_of_thinness(assess):
    thin = assess(patient={"age_years": 55, "sex": "female"}, labs={"wbc": 2500, "anc": 900},
                  findings={"weight_loss": "yes"})
    assert {"anorexia_nervosa", "body_mass_index"} <= open_questions(thin)


def test_an_antibiotic_on_the_list_asks_for_the_infection_it_treats(assess, assessor):
    treated = assess(patient={"age_years": 32, "sex": "male"},
                     labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                     medications=[{"name": "linezolid", "started_weeks_ago": 2}])
    assert "infection_site" in open_questions(treated)
    untreated = assess(patient={"age_years": 32, "sex": "male"},
                       labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                       medications=[{"name": "omeprazole", "started_weeks_ago": 2}])
    assert "infection_site" not in open_questions(untreated)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 32, "sex": "male"},
        labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
        findings={"sepsis_signs": "yes", "infection_site": "lung"},
        medications=[{"name": "linezolid", "started_weeks_ago": 2}])
    assert "bacterial_sepsis" in [c.cause for c in batch.ranking[:3]]
    assert same


def test_parasites_are_asked_beside_a_big_spleen_in_someone_from_the_tropics(assess):
    tropics = assess(patient={"age_years": 12, "sex": "male"},
                     labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                     findings={"splenomegaly": "yes", "home_region": "southeast_asia"})
    assert "parasite_exposure" in open_questions(tropics)
    europe = assess(patient={"age_years": 12, "sex": "male"},
                    labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                    findings={"splenomegaly": "yes", "home_region": "north_america",
                              "tropical_travel": "no"})
    assert "parasite_exposure" not in open_questions(europe)


def test_a_haemolytic_anaemia_is_asked_after_a_virus_beside_an_anaemia(assess, assessor):
    after_a_virus = assess(patient={"age_years": 13, "sex": "male"},
                           labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                           findings={"recent_viral_illness": "yes"})
    assert "chronic_hemolytic_anemia" in open_questions(after_a_virus)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 13, "sex": "male"},
        labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
        findings={"chronic_hemolytic_anemia": "yes", "jaundice": "yes",
                  "recent_viral_illness": "yes"})
    assert batch.ranking[0].cause == "parvovirus_b19_infection"
    assert same


def test_low_monocytes_alone_ask_for_the_monomac_infections(assess, assessor):
    monocytes = assess(patient={"age_years": 18, "sex": "female"}, labs={"monocytes": "low"})
    assert "atypical_mycobacterial_infection" in open_questions(monocytes)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 18, "sex": "female"}, labs={"monocytes": "low"},
        findings={"atypical_mycobacterial_infection": "yes", "recurrent_infections": "yes",
                  "age_at_onset": "childhood"})
    assert batch.ranking[0].cause == "gata2_deficiency"
    assert same


def test_a_young_child_with_a_moderate_neutropenia_is_asked_whether_it_stays_low(
        assess, assessor):
    infant = assess(patient={"age_years": 0.6, "sex": "male"}, labs={"anc": "<= 810"})
    assert "serial_counts" in open_questions(infant)
    older = assess(patient={"age_years": 30, "sex": "male"}, labs={"anc": 810})
    assert "serial_counts" not in open_questions(older)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 0.58, "sex": "male"}, labs={"anc": "<= 810"},
        findings={"serial_counts": "persistently_low",
                  "anti_neutrophil_antibodies": "negative"})
    assert "viral_marrow_suppression" not in [c.cause for c in batch.ranking[:3]]
    assert same


def test_sarcoidosis_is_asked_of_a_patient_on_glucocorticoids(assess, assessor):
    steroids = assess(patient={"age_years": 51, "sex": "male"},
                      labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                      medications=[{"name": "corticosteroid"}])
    assert "known_sarcoidosis" in open_questions(steroids)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 51, "sex": "male"},
        labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
        findings={"fever": "yes", "known_sarcoidosis": "yes"},
        medications=[{"name": "corticosteroid"}])
    assert "sarcoidosis" in {c.cause for c in batch.ranking}
    assert same


def test_a_region_travelled_to_asks_when_the_patient_came_back(assess, assessor):
    been = assess(patient={"age_years": 18, "sex": "male"},
                  labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
                  findings={"fever": "yes", "travel_region": "mediterranean_middle_east"})
    assert "travel_weeks_ago" in open_questions(been)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 18, "sex": "male"},
        labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"},
        findings={"fever": "yes", "acute_infection_onset_days": 14,
                  "travel_region": "mediterranean_middle_east", "travel_weeks_ago": 52})
    assert "viral_haemorrhagic_fever" not in [c.cause for c in batch.ranking[:3]]
    assert same


def test_a_neutropenia_given_in_words_asks_the_sepsis_signs_as_a_severe_one_does(
        assess, assessor):
    in_words = assess(patient={"age_years": 70, "sex": "male"}, labs={"anc": "low"})
    assert "sepsis_signs" in open_questions(in_words)
    mild = assess(patient={"age_years": 70, "sex": "male"}, labs={"anc": 1200})
    assert "sepsis_signs" not in open_questions(mild)
    same, batch = interviewed_as_batch(
        assessor, patient={"age_years": 70, "sex": "male"}, labs={"anc": "low"},
        findings={"rheumatoid_arthritis": "yes", "sepsis_signs": "yes",
                  "serial_counts": "persistently_low", "flow_cytometry": "clonal_t_lgl"})
    assert "bacterial_sepsis" in {c.cause for c in batch.ranking}
    assert same
