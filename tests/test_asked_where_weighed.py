"""A finding an evidence rule weighs is asked where that rule can fire (issue 12): otherwise a
clinician whose notes hold it is never asked, and the interview ranks without what batch
scoring of the same notes weighs. And a rule meant for "not answered" still fires when an
interview asked and recorded "unknown"."""

from __future__ import annotations


def open_questions(result) -> set[str]:
    return {q.id for q in result.questions if q.status == "open"}


def score(result, cause: str):
    return next((c.score for c in result.ranking if c.cause == cause), None)


def test_bleeding_is_asked_in_pancytopenia_even_with_a_platelet_count(assess):
    result = assess(patient={"age_years": 32}, labs={"wbc": 2200, "hemoglobin": 8.2,
                                                      "platelets": 88000})
    assert "bleeding_signs" in open_questions(result)


def test_albinism_is_asked_in_a_child_with_repeated_infections_whatever_the_count(assess):
    result = assess(patient={"age_years": 7}, findings={"recurrent_infections": "yes"})
    assert "partial_albinism" in open_questions(result)
    assert "partial_albinism" not in open_questions(
        assess(patient={"age_years": 40}, findings={"recurrent_infections": "yes"}))


def test_cycles_are_asked_of_an_adult_with_neutropenia_and_fever(assess):
    result = assess(patient={"age_years": 22}, labs={"anc": "low"}, findings={"fever": "yes"})
    assert "periodic_symptoms" in open_questions(result)


def test_the_rhythm_of_the_count_is_asked_in_an_early_neutropenia_of_any_grade(assess):
    result = assess(patient={"age_years": 10}, labs={"wbc": 3000, "anc": 1200},
                    findings={"age_at_onset": "childhood"})
    assert "serial_counts" in open_questions(result)


def test_a_sore_throat_is_asked_beside_neck_nodes(assess):
    result = assess(patient={"age_years": 8}, labs={"wbc": 2500, "anc": 600},
                    findings={"lymphadenopathy": "yes", "lymph_node_sites": "cervical"})
    assert "sore_throat_or_mouth_ulcers" in open_questions(result)


def test_alcohol_is_asked_with_an_isolated_low_white_count(assess):
    result = assess(patient={"age_years": 45}, labs={"wbc": 2000, "anc": 400,
                                                      "hemoglobin": 14, "platelets": 250000})
    assert "alcohol_excess" in open_questions(result)


def test_recovery_off_a_suspect_drug_is_asked_when_no_drug_is_marked_stopped(assess):
    result = assess(patient={"age_years": 48}, labs={"wbc": 1500, "anc": 300},
                    medications=[{"name": "carbamazepine", "started_weeks_ago": 10}])
    assert "count_recovered_after_stopping" in open_questions(result)
    chemotherapy = assess(patient={"age_years": 58}, labs={"wbc": 600, "anc": 100},
                          medications=[{"name": "docetaxel"}])
    assert "count_recovered_after_stopping" not in open_questions(chemotherapy)


def test_a_rash_is_asked_with_fever_and_a_low_count_without_travel(assess):
    result = assess(patient={"age_years": 65}, labs={"anc": "low"}, findings={"fever": "yes"})
    assert "rash" in open_questions(result)


def test_feltys_triad_before_the_arthritis_is_named_counts_when_an_interview_left_it_unknown(
        assess):
    notes = {"splenomegaly": "yes", "joint_symptoms": "yes"}
    silent = assess(patient={"age_years": 39}, labs={"anc": "low"}, findings=notes)
    asked = assess(patient={"age_years": 39}, labs={"anc": "low"},
                   findings={**notes, "rheumatoid_arthritis": "unknown"})
    assert score(silent, "felty_syndrome") is not None
    assert score(asked, "felty_syndrome") == score(silent, "felty_syndrome")


def test_the_vital_signs_are_asked_with_fever_when_sepsis_is_not_known_as_a_whole(assess):
    # an "unknown" answer weighs as silence (engine/inference.py), so the rule asking the
    # vital signs cannot wait for sepsis_signs to be "unknown": it asks them with the fever
    vitals = {"heart_rate", "systolic_bp", "respiratory_rate", "spo2", "confusion"}
    for sepsis in ({}, {"sepsis_signs": "unknown"}):
        result = assess(patient={"age_years": 39}, labs={"anc": "low"},
                        findings={"temperature_c": 38.4, **sepsis})
        assert vitals <= open_questions(result)
    stated = assess(patient={"age_years": 39}, labs={"anc": "low"},
                    findings={"temperature_c": 38.4, "sepsis_signs": "no"})
    assert not vitals & open_questions(stated)


def test_known_rheumatoid_arthritis_is_asked_with_a_low_count_before_any_joint_pains(assess):
    # weighed with any low count; asked only after joint pains or a big spleen before, so a
    # known arthritis left those "not known" was never asked (two dev cases)
    result = assess(patient={"age_years": 53, "sex": "female"}, labs={"anc": "low"},
                    findings={"fever": "yes"})
    assert "rheumatoid_arthritis" in open_questions(result)
    infant = assess(patient={"age_years": 1}, labs={"anc": "low"})
    assert "rheumatoid_arthritis" not in open_questions(infant)


def test_a_tick_bite_is_asked_when_several_lines_are_low_without_fever(assess):
    result = assess(patient={"age_years": 52}, labs={"wbc": "low", "hemoglobin": "low",
                                                      "platelets": "low"})
    assert "tick_bite_or_eschar" in open_questions(result)


def test_known_thyroid_disease_is_asked_where_the_picture_is_megaloblastic(assess):
    # hypothyroidism (or Graves') weighs for B12 deficiency with any low count; asked with
    # large red cells, not in every pancytopenia (a chemotherapy nadir was asked it)
    result = assess(patient={"age_years": 39, "sex": "female"},
                    labs={"wbc": "low", "hemoglobin": 8.8, "platelets": 92000, "mcv": 112})
    assert {"vitamin_b12", "known_thyroid_disease"} <= open_questions(result)
    nadir = assess(patient={"age_years": 61}, labs={"wbc": 700, "anc": 100,
                                                     "hemoglobin": 9.8, "platelets": 70000})
    assert "known_thyroid_disease" not in open_questions(nadir)


def test_portal_hypertension_is_asked_in_cirrhosis_before_the_spleen_is_known(assess):
    result = assess(patient={"age_years": 43}, labs={"wbc": 1800, "anc": 250},
                    findings={"cirrhosis": "yes"})
    assert "portal_hypertension" in open_questions(result)
    small = assess(patient={"age_years": 43}, labs={"wbc": 1800, "anc": 250},
                   findings={"cirrhosis": "yes", "splenomegaly": "no"})
    assert "portal_hypertension" not in open_questions(small)


def test_the_nails_and_mouth_are_asked_when_several_lines_are_low_in_a_young_person(assess):
    low = {"wbc": 2000, "hemoglobin": 7.5, "platelets": 30000}
    assert "nail_dystrophy_or_leukoplakia" in open_questions(
        assess(patient={"age_years": 12}, labs=low))
    assert "nail_dystrophy_or_leukoplakia" not in open_questions(
        assess(patient={"age_years": 70}, labs=low))


def test_anorexia_nervosa_is_asked_when_several_lines_are_low_in_a_young_person(assess):
    low = {"wbc": 1600, "anc": 800, "platelets": 44000}
    assert "anorexia_nervosa" in open_questions(
        assess(patient={"age_years": 19, "sex": "female"}, labs=low))
    assert "anorexia_nervosa" not in open_questions(
        assess(patient={"age_years": 4}, labs=low))


def priority_of(result, question_id: str) -> int | None:
    return next((q.priority for q in result.questions
                 if q.id == question_id and q.status == "open"), None)


def test_a_reported_fever_is_asked_beside_a_normal_temperature_at_once_when_the_anc_is_low(
        assess):
    from rules.base import ESSENTIAL
    # a reported fever outweighs a normal temperature taken later, and with an ANC of 200 it
    # is the emergency: asked with the counts' urgency, not left for later
    severe = assess(patient={"age_years": 52}, labs={"wbc": 1500, "anc": 200},
                    findings={"temperature_c": 37.7})
    assert priority_of(severe, "fever") > ESSENTIAL
    mild = assess(patient={"age_years": 52}, labs={"wbc": 3000, "anc": 1200},
                  findings={"temperature_c": 36.9})
    assert priority_of(mild, "fever") < ESSENTIAL
    febrile = assess(patient={"age_years": 52}, labs={"wbc": 1500, "anc": 200},
                     findings={"temperature_c": 38.7})
    assert priority_of(febrile, "fever") is None  # a fever measured needs no report
    reported = assess(patient={"age_years": 52}, labs={"wbc": 1500, "anc": 200},
                      findings={"temperature_c": 37.7, "fever": "yes"})
    assert "neutropenic_fever" in {p.id for p in reported.emergencies}


def test_weight_loss_is_asked_with_a_fever_when_the_b_symptoms_are_not_known(assess):
    febrile = assess(patient={"age_years": 60}, labs={"wbc": 2500, "anc": 900},
                     findings={"fever": "yes"})
    assert "weight_loss" in open_questions(febrile)
    stated = assess(patient={"age_years": 60}, labs={"wbc": 2500, "anc": 900},
                    findings={"fever": "yes", "b_symptoms": "no"})
    assert "weight_loss" not in open_questions(stated)


def test_where_a_febrile_patient_lives_or_has_been_is_asked_without_tropical_travel(assess):
    # leishmaniasis around the Mediterranean is weighed by region, and the Mediterranean is
    # not the tropics
    result = assess(patient={"age_years": 30}, labs={"wbc": 2500, "anc": 900},
                    findings={"fever": "yes"})
    assert "travel_region" in open_questions(result)


def test_a_patient_on_an_antithyroid_drug_is_not_asked_whether_the_thyroid_is_diseased(assess):
    sections = dict(patient={"age_years": 34, "sex": "female"},
                    labs={"wbc": 1800, "anc": 100},
                    medications=[{"name": "carbimazole", "started_weeks_ago": 6}])
    on_the_drug = assess(**sections)
    assert "known_thyroid_disease" not in open_questions(on_the_drug)
    # the drug says the thyroid is overactive: weighed as Graves' disease named would be
    named = assess(**sections, findings={"known_thyroid_disease": "graves"})
    assert score(on_the_drug, "hyperthyroidism") == score(named, "hyperthyroidism") is not None
    # without the drug, an overactive thyroid's signs still bring the question
    signs = assess(patient={"age_years": 34, "sex": "female"}, labs={"wbc": 1800, "anc": 100},
                   findings={"thyroid_symptoms": "yes"})
    assert "known_thyroid_disease" in open_questions(signs)


def rules_fired(result) -> set[str]:
    return {e.rule for c in result.ranking for e in c.evidence}


def test_a_raised_creatinine_is_kidney_impairment_where_kidney_impairment_is_weighed(assess):
    anaemic = {"patient": {"age_years": 66}, "labs": {"wbc": 2600, "hemoglobin": 8.7}}
    for creatinine in (2.1, "186 µmol/L"):
        result = assess(patient=anaemic["patient"],
                        labs={**anaemic["labs"], "creatinine": creatinine})
        assert "kidney_injury_with_anaemia_and_a_low_count" in rules_fired(result), creatinine
        assert "renal_impairment" not in open_questions(result)  # the creatinine answers it
    normal = assess(patient=anaemic["patient"], labs={**anaemic["labs"], "creatinine": 0.9})
    assert "kidney_injury_with_anaemia_and_a_low_count" not in rules_fired(normal)
    said_no = assess(patient=anaemic["patient"], labs={**anaemic["labs"], "creatinine": 2.1},
                     findings={"renal_impairment": "no"})
    assert "kidney_injury_with_anaemia_and_a_low_count" not in rules_fired(said_no)


def test_the_myeloma_kidney_question_is_asked_only_from_forty(assess):
    bone_pain = {"labs": {"wbc": 2600, "hemoglobin": 9.1}, "findings": {"bone_pain": "yes"}}
    assert "renal_impairment" in open_questions(assess(patient={"age_years": 63}, **bone_pain))
    assert "renal_impairment" not in open_questions(
        assess(patient={"age_years": 24}, **bone_pain))


WELL_CHILD_IS_NOT_ASKED = {"alcohol_excess", "rheumatoid_arthritis", "known_lupus", "lupus_rash",
                           "known_sjogren_syndrome", "recent_chemotherapy", "radiation_therapy",
                           "past_cancer_treatment", "transplant"}


def test_a_well_four_year_old_with_a_mild_isolated_neutropenia_is_asked_none_of_the_adult_history(
        assess):
    result = assess(patient={"age_years": 4}, labs={"wbc": 4300, "anc": 1100,
                                                     "hemoglobin": 12.2, "platelets": 270000},
                    findings={"temperature_c": 36.7})
    assert not WELL_CHILD_IS_NOT_ASKED & open_questions(result)


def test_a_transplant_is_asked_where_one_could_be_behind_the_count(assess):
    for findings, labs in (({"temperature_c": 38.8},
                            {"wbc": 2100, "hemoglobin": 8.4, "platelets": 70000}),
                           ({}, {"wbc": 2100, "alc": 400}),
                           ({"known_cancer": "yes"}, {"wbc": 2100, "anc": 600})):
        result = assess(patient={"age_years": 52}, labs=labs, findings=findings)
        assert "transplant" in open_questions(result), findings or labs
    mild = assess(patient={"age_years": 52}, labs={"wbc": 3600, "anc": 1300,
                                                    "hemoglobin": 13.8, "platelets": 240000})
    assert "transplant" not in open_questions(mild)


def test_jaundice_is_asked_with_anaemia_and_a_low_white_count(assess):
    assert "jaundice" in open_questions(assess(patient={"age_years": 48},
                                               labs={"wbc": 2600, "hemoglobin": 8.6}))
    assert "jaundice" not in open_questions(assess(patient={"age_years": 48},
                                                   labs={"wbc": 2600, "hemoglobin": 14.1}))


def test_the_spleen_is_asked_after_a_tick_bite_with_fever(assess):
    result = assess(patient={"age_years": 70}, labs={"wbc": 3100, "platelets": 80000},
                    findings={"temperature_c": 38.9, "tick_bite_or_eschar": "yes"})
    assert {"splenectomy", "jaundice"} <= open_questions(result)


def test_sepsis_is_asked_beside_a_documented_infection_without_fever(assess):
    result = assess(patient={"age_years": 57}, labs={"wbc": 2200, "anc": 900},
                    findings={"fever": "no", "infection_site": "skin_soft_tissue"})
    assert "sepsis_signs" in open_questions(result)


def test_the_age_at_onset_is_asked_without_an_age_and_of_an_adult_whose_family_has_it(assess):
    assert "age_at_onset" in open_questions(assess(labs={"wbc": 2600, "anc": 400}))
    adult = {"patient": {"age_years": 29}, "labs": {"wbc": 2600, "anc": 900}}
    assert "age_at_onset" not in open_questions(assess(**adult))
    assert "age_at_onset" in open_questions(
        assess(**adult, findings={"family_history_of_neutropenia": "yes"}))


def test_related_parents_are_asked_of_a_child_not_of_an_adult(assess):
    low = {"wbc": 2400, "anc": 300}
    assert "parental_consanguinity" in open_questions(assess(patient={"age_years": 3}, labs=low))
    assert "parental_consanguinity" not in open_questions(
        assess(patient={"age_years": 45}, labs=low))


def test_the_site_of_an_infection_is_asked_where_it_is_weighed_without_fever(assess):
    b_symptoms = assess(patient={"age_years": 62}, labs={"wbc": 2600, "anc": 1100},
                        findings={"b_symptoms": "yes", "fever": "no"})
    assert "infection_site" in open_questions(b_symptoms)
    on_a_drug = assess(patient={"age_years": 44}, labs={"wbc": 1500, "anc": 100},
                       medications=[{"name": "carbimazole", "started_weeks_ago": 6}],
                       findings={"fever": "no"})
    assert "infection_site" in open_questions(on_a_drug)
    assert "thyroid_symptoms" in open_questions(on_a_drug)


def test_a_known_myeloproliferative_neoplasm_is_asked_of_a_patient_on_hydroxyurea(assess):
    result = assess(patient={"age_years": 74}, labs={"wbc": 2300, "anc": 1100},
                    medications=[{"name": "hydroxyurea", "started_weeks_ago": 200}])
    assert "known_mpn" in open_questions(result)


def test_earlier_cancer_treatment_is_asked_in_an_adult_with_few_lymphocytes(assess):
    result = assess(patient={"age_years": 58}, labs={"wbc": 3900, "alc": 400})
    assert "past_cancer_treatment" in open_questions(result)


def test_the_kidneys_are_asked_of_an_anaemic_adult_from_forty(assess):
    anaemia = {"wbc": 2900, "hemoglobin": 9.4}
    assert "renal_impairment" in open_questions(assess(patient={"age_years": 64}, labs=anaemia))
    assert "renal_impairment" not in open_questions(
        assess(patient={"age_years": 27}, labs=anaemia))


def test_growth_the_head_and_the_counts_course_are_asked_of_a_child_with_a_severe_neutropenia(
        assess):
    child = assess(patient={"age_years": 6}, labs={"wbc": 2200, "anc": 200})
    assert {"short_stature", "microcephaly", "serial_counts"} <= open_questions(child)
    adult = assess(patient={"age_years": 46}, labs={"wbc": 2200, "anc": 200})
    assert not {"short_stature", "microcephaly"} & open_questions(adult)


def test_earlier_counts_are_asked_of_an_adult_with_several_low_lines(assess):
    result = assess(patient={"age_years": 57}, labs={"wbc": 2100, "hemoglobin": 8.3,
                                                      "platelets": 40000})
    assert "previous_counts_normal" in open_questions(result)


def test_the_liver_is_asked_with_fever_and_several_low_lines(assess):
    result = assess(patient={"age_years": 33}, labs={"wbc": 2100, "platelets": 60000},
                    findings={"temperature_c": 39.1})
    assert "hepatomegaly" in open_questions(result)


def test_weight_and_infections_are_asked_where_a_lymphopenia_weighs_them(assess):
    thin = assess(patient={"age_years": 31}, labs={"wbc": 3200, "alc": 500},
                  findings={"weight_loss": "yes"})
    assert "body_mass_index" in open_questions(thin)
    cd4 = assess(patient={"age_years": 31}, labs={"wbc": 3200, "alc": 500, "cd4": 90})
    assert "infection_severity" in open_questions(cd4)


def test_the_ancestry_is_asked_with_a_severe_isolated_neutropenia_too(assess):
    result = assess(patient={"age_years": 38}, labs={"wbc": 2300, "anc": 300,
                                                      "hemoglobin": 13.9, "platelets": 230000})
    assert "ancestry" in open_questions(result)


def test_albinism_is_asked_of_a_febrile_child_with_several_low_lines(assess):
    result = assess(patient={"age_years": 3}, labs={"wbc": 2100, "platelets": 40000},
                    findings={"temperature_c": 39.2})
    assert "partial_albinism" in open_questions(result)


def test_the_heart_is_asked_of_a_boy_with_a_severe_neutropenia(assess):
    boy = assess(patient={"age_years": 5, "sex": "male"}, labs={"wbc": 2500, "anc": 250})
    girl = assess(patient={"age_years": 5, "sex": "female"}, labs={"wbc": 2500, "anc": 250})
    assert "cardiomyopathy" in open_questions(boy)
    assert "cardiomyopathy" not in open_questions(girl)


def test_no_weight_loss_question_after_no_to_fevers_sweats_and_weight_loss(assess):
    # a lymphopenic woman who has said no to the B symptoms has said no to weight loss
    sections = dict(patient={"age_years": 34, "sex": "female"},
                    labs={"wbc": 2900, "anc": 900, "alc": 800})
    assert "weight_loss" in open_questions(assess(**sections))
    assert "weight_loss" not in open_questions(assess(**sections, findings={"b_symptoms": "no"}))
    assert "weight_loss" in open_questions(assess(**sections, findings={"b_symptoms": "yes"}))


def test_a_drug_off_the_lists_started_weeks_before_the_fall_asks_whether_the_count_recovered(
        assess):
    amiodarone = [{"name": "amiodarone", "started_weeks_ago": 2}]
    result = assess(patient={"age_years": 62}, labs={"anc": "low"}, medications=amiodarone)
    assert "count_recovered_after_stopping" in open_questions(result)
    recovered = assess(patient={"age_years": 62}, labs={"anc": "low"}, medications=amiodarone,
                       findings={"count_recovered_after_stopping": "yes"})
    assert recovered.ranking[0].cause == "drug_other"
    # started years before the fall: no reaction's timing, not asked
    long_ago = assess(patient={"age_years": 62}, labs={"anc": "low"},
                      medications=[{"name": "amiodarone", "started_weeks_ago": 200}])
    assert "count_recovered_after_stopping" not in open_questions(long_ago)


def test_a_positive_chromosome_breakage_test_asks_the_signs_of_fanconi_anaemia(assess):
    result = assess(patient={"age_years": 30}, labs={"wbc": "low", "mcv": "high"},
                    findings={"chromosome_breakage": "positive"})
    assert {"thumb_or_radial_anomalies", "cafe_au_lait_spots", "short_stature"} <= \
        open_questions(result)


def test_livestock_without_fever_does_not_weigh_for_brucellosis_and_with_fever_does(assess):
    shepherd = dict(patient={"age_years": 33},
                    labs={"wbc": 2600, "hemoglobin": 9.1, "platelets": 70000})
    afebrile = assess(**shepherd, findings={"livestock_or_raw_dairy": "yes"})
    assert "low_count_with_fever_after_livestock_or_raw_dairy" not in rules_fired(afebrile)
    febrile = assess(**shepherd, findings={"livestock_or_raw_dairy": "yes", "fever": "yes"})
    assert "low_count_with_fever_after_livestock_or_raw_dairy" in rules_fired(febrile)
    score = {id(r): next((c.score for c in r.ranking if c.cause == "brucellosis"), -99)
             for r in (afebrile, febrile)}
    assert score[id(febrile)] > score[id(afebrile)]


def test_recurring_infections_without_a_count_ask_when_they_began(assess):
    result = assess(patient={"age_years": 1}, findings={"recurrent_infections": "yes"})
    assert "age_at_onset" in open_questions(result)


def test_an_opportunistic_infection_is_asked_before_any_lymphocyte_count(assess):
    febrile = assess(patient={"age_years": 32}, findings={"fever": "yes", "hiv_test": "negative"})
    assert "opportunistic_infection" in open_questions(febrile)
    recurring = assess(patient={"age_years": 3}, labs={"anc": "low"},
                       findings={"recurrent_infections": "yes"})
    assert "opportunistic_infection" in open_questions(recurring)
    counted = assess(patient={"age_years": 32}, labs={"wbc": 5200, "alc": 1900},
                     findings={"fever": "yes"})
    assert "opportunistic_infection" not in open_questions(counted)


def test_zinc_beside_a_low_count_asks_whether_the_count_recovered_off_it(assess):
    result = assess(patient={"age_years": 59}, labs={"wbc": "low", "hemoglobin": "low"},
                    medications=[{"name": "zinc", "started_weeks_ago": 17}])
    assert "count_recovered_after_stopping" in open_questions(result)


def test_an_adult_with_several_low_lines_is_asked_about_the_thyroid(assess):
    result = assess(patient={"age_years": 33}, labs={"wbc": 3400, "anc": 1700,
                                                      "hemoglobin": 9.7, "platelets": 74000})
    assert {"thyroid_symptoms", "known_thyroid_disease"} <= open_questions(result)
    severe = assess(patient={"age_years": 33}, labs={"wbc": 1400, "anc": 300,
                                                      "hemoglobin": 9.7, "platelets": 74000})
    assert "thyroid_symptoms" not in open_questions(severe)


def test_a_male_patient_with_neutropenia_and_no_age_is_asked_about_the_heart_and_growth(
        assess):
    result = assess(patient={"sex": "male"}, labs={"anc": "low"})
    assert {"cardiomyopathy", "short_stature"} <= open_questions(result)
    adult = assess(patient={"sex": "male", "age_years": 45}, labs={"anc": "low"})
    assert "cardiomyopathy" not in open_questions(adult)


def test_a_recent_hepatitis_is_asked_in_pancytopenia_with_a_big_spleen_too(assess):
    result = assess(patient={"age_years": 26}, labs={"wbc": "low", "hemoglobin": "low",
                                                      "platelets": "low"},
                    findings={"splenomegaly": "yes"})
    assert "recent_hepatitis" in open_questions(result)


def test_a_tissue_biopsy_for_granulomas_is_asked_once_the_marrow_shows_them(assess):
    result = assess(patient={"age_years": 58}, labs={"wbc": 2100, "hemoglobin": 8.8,
                                                      "platelets": 71000},
                    findings={"temperature_c": 38.5, "marrow_granulomas": "yes"})
    assert "tissue_granulomas" in open_questions(result)


def test_mouth_ulcers_are_asked_of_a_patient_on_methotrexate_with_a_low_count(assess):
    result = assess(patient={"age_years": 68}, labs={"wbc": 2200, "hemoglobin": 9.4,
                                                      "platelets": 88000},
                    medications=[{"name": "methotrexate", "started_weeks_ago": 150}])
    assert "sore_throat_or_mouth_ulcers" in open_questions(result)
