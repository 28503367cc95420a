"""The interview asks what bears on this patient and reaches what batch scoring of the whole
notes reaches (issue 12): small vignettes, each interviewed screen by screen as a clinician
holding the notes would answer ("unknown" where they are silent), then compared with
scoring the same notes at once."""

from __future__ import annotations

from conftest import make_case, top_causes

from engine.session import InterviewSession, answers_from_case


def interviewed(assessor, case) -> InterviewSession:
    session = InterviewSession(assessor, case_id=case.id)
    while (screen := session.next_screen()) is not None:
        outcome = session.answer_screen(answers_from_case(session, screen, case))
        assert not outcome.refused, outcome.refused
    return session


def open_questions(result) -> set[str]:
    return {q.id for q in result.questions if q.status == "open"}


def test_b12_and_copper_are_asked_when_only_the_red_cells_and_platelets_are_low(assess):
    # a white count of 4,300 is not low: anaemia and low platelets alone
    result = assess(patient={"age_years": 54, "sex": "male"},
                    labs={"wbc": 4300, "hemoglobin": 10.1, "platelets": 110000},
                    findings={"bariatric_or_gastric_surgery": "yes"})
    assert {"vitamin_b12", "copper", "folate", "glossitis"} <= open_questions(result)


def test_b12_deficiency_after_a_gastrectomy_ranks_as_batch_scoring_ranks_it(assessor):
    case = make_case(
        patient={"age_years": 54, "sex": "male"},
        labs={"wbc": 4300, "hemoglobin": 10.1, "platelets": 110000},
        medications=["amlodipine"],
        findings={"temperature_c": 37.0, "bariatric_or_gastric_surgery": "yes",
                  "neuropathy_or_ataxia": "yes", "glossitis": "yes"})
    session = interviewed(assessor, case)
    assert "glossitis" in session.answers
    assert top_causes(session.result()) == top_causes(assessor.assess(case))
    assert top_causes(session.result(), 1) == ["vitamin_b12_deficiency"]


# ---- chemotherapy: the day of the cycle, early ---------------------------------------------

def test_the_day_of_the_cycle_is_asked_right_after_the_drugs_when_a_cytotoxic_is_listed(
        assessor):
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "700"), ("anc", "100")])
    asked = []
    while (question := session.next_question()) is not None \
            and question.id != "days_since_chemotherapy":
        asked.append(question.id)
        value = {"medications": [{"name": "docetaxel", "started_weeks_ago": 6}],
                 "temperature_c": "38.6", "age_years": "61"}.get(question.id, "unknown")
        session.answer(question.id, value)
    assert question is not None and question.chosen_for == "urgent"
    assert "medications" in asked
    # before the film, the offer of later results and every finding of the history
    assert "smear" not in asked and not session.workup_offered
    assert all(session.entry(q).section in ("patient", "labs", "medications")
               or q in ("temperature_c", "sepsis_signs", "heart_rate", "systolic_bp",
                        "respiratory_rate", "spo2", "confusion") for q in asked)


def test_the_day_of_the_cycle_is_not_asked_without_an_anticancer_drug(assessor):
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "1500"), ("anc", "300"), ("age_years", "40")])
    session.answer("medications", [{"name": "carbimazole", "started_weeks_ago": 6}])
    assert "days_since_chemotherapy" not in open_questions(session.result())


# ---- a result that settles the diagnosis ---------------------------------------------------

def test_marrow_blasts_of_twenty_percent_or_more_settle_acute_leukaemia(assess):
    result = assess(patient={"age_years": 67}, labs={"wbc": 1800, "anc": 300},
                    findings={"marrow_blasts_pct": 45})
    assert {c for s in result.settled for c in s.causes} == {
        "acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"}
    assert all(s.source_id == "who-haem-2022" for s in result.settled)
    below = assess(patient={"age_years": 67}, labs={"wbc": 1800, "anc": 300},
                   findings={"marrow_blasts_pct": 12})
    assert below.settled == ()


def test_once_settled_only_the_leader_a_must_not_miss_cause_or_a_pitfall_is_worth_asking():
    from engine.question_choice import Standing, change

    def standing(top, settled=(), must_not_miss=()):
        return Standing(top=top, must_not_miss=frozenset(must_not_miss),
                        pitfalls=frozenset(), emergencies=frozenset(),
                        scores={c: 10 - i for i, c in enumerate(top)},
                        settled=frozenset(settled))

    leukaemia = ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia")
    before = standing(("acute_myeloid_leukemia", "folate_deficiency", "hiv"), leukaemia)
    reordered = standing(("acute_myeloid_leukemia", "hiv", "folate_deficiency"), leukaemia)
    assert change(before, reordered) == (0, ())  # behind the settled leader: not worth it
    unsettled = (standing(before.top), standing(reordered.top))
    assert change(*unsettled)[1] == ("the order of the top 3",)
    new_leader = standing(("acute_lymphoblastic_leukemia", "acute_myeloid_leukemia", "hiv"),
                          leukaemia)
    assert "the leading cause" in change(before, new_leader)[1]
    flagged = standing(reordered.top, leukaemia, must_not_miss=("hiv",))
    assert "the must-not-miss causes" in change(before, flagged)[1]
    # a cause brought in behind the settled leader: worth a question only by a likely answer
    # (no viral illness of late), not by an unlikely one (a poor diet in a chemotherapy nadir)
    entered = standing(("acute_myeloid_leukemia", "folate_deficiency", "lymphoma"), leukaemia)
    assert change(before, entered) == (0, ())
    assert "the top 3" in change(before, entered, likely=True)[1]
    assert change(before, reordered, likely=True) == (0, ())  # the order behind it: never


def test_a_febrile_nadir_after_docetaxel_asks_only_what_must_not_be_missed(assessor):
    case = make_case(
        patient={"age_years": 61, "sex": "male"},
        labs={"wbc": 700, "anc": 100, "hemoglobin": 9.8, "platelets": 70000},
        medications=[{"name": "docetaxel", "started_weeks_ago": 6}],
        findings={"temperature_c": 38.6, "known_cancer": "yes", "days_since_chemotherapy": 9})
    session = interviewed(assessor, case)
    result = session.result()
    assert [c for s in result.settled for c in s.causes] == ["chemotherapy_myelosuppression"]
    # a diet, pernicious anaemia or a lupus rash could only reorder the causes behind it
    assert not {"diet", "pernicious_anemia", "lupus_rash", "joint_symptoms"} & set(
        session.answers)
    assert top_causes(result) == top_causes(assessor.assess(case))
    assert {c.cause for c in result.ranking if c.must_not_miss} == \
        {c.cause for c in assessor.assess(case).ranking if c.must_not_miss}


# ---- sepsis without fever ------------------------------------------------------------------

def test_signs_of_sepsis_are_asked_in_a_severe_neutropenia_without_fever(assessor):
    # an ANC of 60 a week after capecitabine, no fever, hypotensive: few neutrophils may bring
    # no fever, and the signs of sepsis are asked (by what their answer could change: a new
    # emergency), not only with a fever
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "unknown"), ("anc", "60")])
    session.answer_screen([("temperature_c", "unknown")])
    session.answer_screen([("fever", "no")])
    asked = []
    while (question := session.next_question()) is not None and question.id != "sepsis_signs":
        asked.append(question.id)
        session.answer(question.id, "unknown")
    assert question is not None and "a new emergency" in question.could_change
    outcome = session.answer("sepsis_signs", "yes")
    assert outcome.emergencies
    moderate = InterviewSession(assessor)
    moderate.answer_screen([("wbc", "2500"), ("anc", "900"), ("fever", "no")])
    assert "sepsis_signs" not in {q.id for q in moderate.result().questions}


def test_a_temperature_below_36_brings_the_signs_of_sepsis_first(assessor):
    # confusion, hypotension and 35.4 °C in a man with cirrhosis, WBC 1,200
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "1200"), ("platelets", "31000"), ("age_years", "55"),
                           ("sex", "male"), ("temperature_c", "35.4")])
    while (question := session.next_question()).chosen_for == "core":  # the rest of the count
        session.answer(question.id, "unknown")
    assert (question.id, question.chosen_for) == ("sepsis_signs", "sepsis")
    assert {"systolic_bp", "confusion"} <= {q.id for q in session.next_screen().questions}
    warm = InterviewSession(assessor)
    warm.answer_screen([("wbc", "1200"), ("age_years", "55"), ("temperature_c", "36.8")])
    assert "sepsis_signs" not in {q.id for q in warm.result().questions}


# ---- the report's questions: chosen as the interview chooses -------------------------------

def carbimazole_agranulocytosis(assessor) -> InterviewSession:
    """A 34-year-old woman on carbimazole for six weeks, 38.9 °C, ANC 100/µL: the counts,
    the patient, the fever and the drug given, nothing else yet."""
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "1800"), ("anc", "100"), ("hemoglobin", "13.1"),
                           ("platelets", "250000")])
    session.answer_screen([("age_years", "34"), ("sex", "female")])
    session.answer("temperature_c", "38.9")
    session.answer("medications", [{"name": "carbimazole", "started_weeks_ago": 6}])
    return session


def test_the_reports_questions_are_those_that_could_change_what_it_concludes(assessor):
    session = carbimazole_agranulocytosis(assessor)
    named = session.informative_questions(3)
    # febrile agranulocytosis: the signs of sepsis (a new emergency) before anything, and
    # nothing that could only move the scores of causes far behind (diet, HIV, a tick bite)
    assert named and "a new emergency" in named[0].changes
    assert not {"diet", "hiv_risk", "tick_bite_or_eschar"} & {q.question.id for q in named}
    assert all(q.changes for q in named)


def test_once_the_interview_stops_the_report_names_no_question_as_able_to_change_it(assessor):
    session = carbimazole_agranulocytosis(assessor)
    while (screen := session.next_screen()) is not None:
        session.answer_screen([(q.id, "unknown") for q in screen.questions])
    assert session.settled  # it stopped with questions left that could not change it
    assert session.informative_questions(3) == []


# ---- two answers that matter only together: on one screen ----------------------------------

def test_two_findings_that_could_change_the_top_three_only_together_share_a_screen(assessor):
    # a 68-year-old on trimethoprim for ten days, a macrocytic pancytopenia with a normal B12
    # and folate (no arthritis): near the end, malabsorption and a
    # sore smooth tongue each matter only beside the other (together they point to a
    # malabsorbed nutrient); asked one screen after the other they took a screen each. (Where
    # rheumatoid arthritis tied acute leukaemia at the third place, gastric surgery and
    # malabsorption seemed to matter only together because the alphabet put the leukaemia
    # inside the top 3; the tie shown as a tie, each answer alone changes it.)
    # The creatinine is normal: a raised one (1.9 before) now reads as kidney impairment, which
    # weighs myeloma's kidney and changes the picture. (On methotrexate for psoriasis too, as
    # this vignette was, the drug leads 28 decibans or more ahead of every other cause: a
    # malabsorbed nutrient brought into the top 3 that far behind is no contender, and the
    # pair is rightly not asked.)
    case = make_case(
        patient={"age_years": 68, "sex": "male"},
        labs={"wbc": 2100, "anc": 900, "hemoglobin": 9.8, "platelets": 85000, "mcv": 108,
              "vitamin_b12": 450, "folate": 9, "creatinine": 1.1},
        medications=[{"name": "trimethoprim", "started_weeks_ago": 1.4}],
        findings={"temperature_c": 37.2, "fever": "no",
                  "splenomegaly": "no", "lymphadenopathy": "no", "known_cancer": "no",
                  "joint_symptoms": "no", "rheumatoid_arthritis": "no", "diet": "varied",
                  "bariatric_or_gastric_surgery": "no", "malabsorption": "no",
                  "painless_mouth_ulcers": "no", "automated_differential_normal": "yes"})
    session = InterviewSession(assessor, case_id=case.id)
    together = []
    while (screen := session.next_screen()) is not None:
        if any(c.startswith("together with one more answer") for c in screen.first.could_change):
            together.append([q.id for q in screen.questions])
        session.answer_screen(answers_from_case(session, screen, case))
    assert together, "no pair was asked"
    assert all(len(ids) >= 2 for ids in together), together
    assert any({"malabsorption", "glossitis"} <= set(ids) for ids in together)


# ---- nothing asked that an answer already given settles ------------------------------------

def test_the_travel_region_is_not_asked_after_no_travel(assess):
    febrile = {"patient": {"age_years": 41}, "labs": {"wbc": 2400, "anc": 700}}
    asked = open_questions(assess(**febrile, findings={"temperature_c": 38.7}))
    assert {"travel_region", "home_region"} <= asked
    stayed = open_questions(assess(**febrile, findings={"temperature_c": 38.7,
                                                        "tropical_travel": "no"}))
    assert "travel_region" not in stayed and "home_region" in stayed


def test_an_hiv_test_is_not_asked_after_the_status_is_given(assess):
    pancytopenia = {"patient": {"age_years": 35},
                    "labs": {"wbc": 2100, "hemoglobin": 8.9, "platelets": 61000, "alc": 1400}}
    assert "hiv_test" in open_questions(assess(**pancytopenia))
    for status in ("none", "tested_negative", "known_positive"):
        assert "hiv_test" not in open_questions(
            assess(**pancytopenia, findings={"hiv_risk": status})), status
    # with few lymphocytes HIV must be excluded by a test whatever the history says
    lymphopenic = assess(patient={"age_years": 35}, labs={"wbc": 2100, "alc": 300},
                         findings={"hiv_risk": "none"})
    assert "hiv_test" in open_questions(lymphopenic)


def test_leishmaniasis_country_is_not_asked_once_the_home_region_is_known(assess):
    traveller = {"patient": {"age_years": 30}, "labs": {"wbc": 2400, "anc": 700}}
    assert "parasite_exposure" in open_questions(
        assess(**traveller, findings={"tropical_travel": "yes"}))
    assert "parasite_exposure" not in open_questions(
        assess(**traveller, findings={"tropical_travel": "yes", "home_region": "south_asia"}))


def test_one_question_asks_the_size_of_a_big_spleen(assess):
    big = {"patient": {"age_years": 60}, "labs": {"wbc": 2400, "platelets": 90000}}
    sizes = {"massive_splenomegaly", "spleen_cm_below_costal_margin", "spleen_length_cm"}
    for massive in ("yes", "no"):
        result = assess(**big, findings={"splenomegaly": "yes", "massive_splenomegaly": massive})
        assert not sizes & open_questions(result), massive
    felt = assess(**big, findings={"splenomegaly": "yes", "spleen_cm_below_costal_margin": 3})
    assert "spleen_length_cm" not in open_questions(felt)


def test_the_marrow_details_are_not_asked_after_the_marrow_is_not_known(assessor):
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "1900"), ("anc", "600"), ("hemoglobin", "8.1"),
                           ("platelets", "52000"), ("age_years", "58")])
    asked = []
    while (question := session.next_question()) is not None:
        asked.append(question.id)
        session.answer(question.id, "unknown")
        if question.id in ("marrow_infiltrate", "marrow_cellularity"):
            break
    assert question is not None, "the marrow was never asked"
    session.ask_remaining()
    later = []
    while (question := session.next_question()) is not None:
        later.append(question.id)
        session.answer(question.id, "unknown")
    marrow = {"marrow_infiltrate", "marrow_cellularity", "marrow_cellularity_pct",
              "marrow_neutrophil_maturation", "marrow_blasts_pct"}
    assert not marrow & set(later), marrow & set(later)
