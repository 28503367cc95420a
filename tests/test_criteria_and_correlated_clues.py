"""Soft clues that go together, and diagnostic criteria that count as one finding, as small
vignettes: after the strongest, each further non-specific finding for a cause counts half (a big
spleen, the counts it pools and the nodes beside it are one picture), and the published
criteria sets (HLH-2004, the 2019 EULAR/ACR lupus criteria), whose items are each
non-specific, weigh as a finding once enough of them are met."""

from conftest import top_causes

from engine.scoring import SOFT_CLUE_LIMIT, SOFT_CLUES_RULE


def cause_of(result, cause):
    return next((c for c in result.ranking if c.cause == cause), None)


# ---- correlated soft clues ------------------------------------------------------------------

def test_further_soft_clues_for_lymphoma_count_half(assess):
    # pancytopenia, a big spleen and deep nodes in a 50-year-old: each a moderate clue to
    # lymphoma in the marrow, but one picture, not three independent findings
    result = assess(patient={"age_years": 50, "sex": "male"},
                    labs={"wbc": 2100, "anc": 1100, "hemoglobin": 9.5, "platelets": 80000},
                    findings={"splenomegaly": "yes", "lymphadenopathy": "yes",
                              "lymph_node_sites": "mediastinal_or_abdominal"})
    lymphoma = cause_of(result, "lymphoma_marrow_infiltration")
    soft = sorted((item.weight for item in lymphoma.evidence
                   if 0 < item.weight < SOFT_CLUE_LIMIT), reverse=True)
    assert len(soft) >= 3
    held_back = [item for item in lymphoma.evidence if item.rule == SOFT_CLUES_RULE]
    assert len(held_back) == 1 and held_back[0].weight == -((sum(soft) - soft[0]) // 2)
    # the score still decomposes exactly into its prior and the items shown
    assert lymphoma.score == lymphoma.prior + sum(item.weight for item in lymphoma.evidence)


def test_a_single_soft_clue_is_counted_in_full(assess):
    result = assess(patient={"age_years": 50, "sex": "male"},
                    labs={"wbc": 2100, "anc": 1100, "hemoglobin": 9.5, "platelets": 80000})
    for cause in result.ranking:
        soft = [i.weight for i in cause.evidence if 0 < i.weight < SOFT_CLUE_LIMIT]
        if len(soft) < 2:
            assert all(item.rule != SOFT_CLUES_RULE for item in cause.evidence)


# ---- HLH-2004 -------------------------------------------------------------------------------

def test_four_hlh_2004_criteria_put_hlh_in_the_top_three(assess):
    # fever, a big spleen, haemoglobin 8.5 g/dL and platelets 70,000/µL, ferritin 3,000 µg/L
    # in a young adult: four of the eight criteria, the rest not yet sent
    result = assess(patient={"age_years": 30, "sex": "female"},
                    labs={"wbc": 2500, "anc": 1200, "hemoglobin": 8.5, "platelets": 70000,
                          "ferritin": 3000},
                    findings={"temperature_c": 39.2, "splenomegaly": "yes"})
    assert "hemophagocytic_lymphohistiocytosis" in top_causes(result)
    hlh = cause_of(result, "hemophagocytic_lymphohistiocytosis")
    assert any(item.rule == "hlh_2004_criteria" and "4 of the HLH-2004" in item.rationale
               for item in hlh.evidence)


def test_five_hlh_2004_criteria_put_hlh_first(assess):
    result = assess(patient={"age_years": 30, "sex": "female"},
                    labs={"wbc": 2500, "anc": 800, "hemoglobin": 8.5, "platelets": 70000,
                          "ferritin": 3000},
                    findings={"temperature_c": 39.2, "splenomegaly": "yes",
                              "marrow_infiltrate": "hemophagocytosis"})
    assert result.ranking[0].cause == "hemophagocytic_lymphohistiocytosis"


def test_three_hlh_2004_criteria_are_not_yet_the_criteria(assess):
    result = assess(patient={"age_years": 30, "sex": "female"},
                    labs={"wbc": 2500, "anc": 1200, "hemoglobin": 8.5, "platelets": 70000},
                    findings={"temperature_c": 39.2, "splenomegaly": "yes"})
    hlh = cause_of(result, "hemophagocytic_lymphohistiocytosis")
    assert hlh is None or all(item.rule != "hlh_2004_criteria" for item in hlh.evidence)


# ---- 2019 EULAR/ACR lupus -------------------------------------------------------------------

def test_lupus_classified_by_the_2019_criteria_comes_first(assess):
    # ANA positive; fever (2), platelets 80,000/µL (4, the highest haematologic item) and
    # pleurisy (5): 11 points
    result = assess(patient={"age_years": 34, "sex": "female"},
                    labs={"wbc": 3200, "anc": 1800, "hemoglobin": 11.5, "platelets": 80000},
                    findings={"temperature_c": 38.4, "antinuclear_antibodies": "positive",
                              "serositis": "yes"})
    assert result.ranking[0].cause == "systemic_lupus_erythematosus"
    lupus = cause_of(result, "systemic_lupus_erythematosus")
    assert any(item.source == "aringer-sle-2019" and "11 points" in item.rationale
               for item in lupus.evidence)


def test_lupus_below_ten_points_is_not_classified(assess):
    # ANA positive with a white count of 3,200/µL alone: 3 points
    result = assess(patient={"age_years": 34, "sex": "female"},
                    labs={"wbc": 3200, "anc": 1800, "hemoglobin": 12.5, "platelets": 200000},
                    findings={"antinuclear_antibodies": "positive"})
    lupus = cause_of(result, "systemic_lupus_erythematosus")
    assert all("EULAR/ACR criteria" not in item.rationale for item in lupus.evidence)


# ---- what a systemic picture points to ------------------------------------------------------

def score_of(result, cause):
    return next((c.score for c in result.ranking if c.cause == cause), None)


def test_a_big_spleen_with_a_fever_is_not_first_a_congested_spleen(assess):
    counts = {"wbc": 2600, "anc": 1200, "hemoglobin": 10.2, "platelets": 90000}
    quiet = assess(patient={"age_years": 45, "sex": "male"}, labs=counts,
                   findings={"splenomegaly": "yes", "fever": "no"})
    febrile = assess(patient={"age_years": 45, "sex": "male"}, labs=counts,
                     findings={"splenomegaly": "yes", "temperature_c": 38.9})
    assert score_of(febrile, "hypersplenism") < score_of(quiet, "hypersplenism")
    # known cirrhosis keeps the congested spleen in play, fever or not
    cirrhotic = assess(patient={"age_years": 45, "sex": "male"}, labs=counts,
                       findings={"splenomegaly": "yes", "temperature_c": 38.9,
                                 "cirrhosis": "yes"})
    assert "hypersplenism" in top_causes(cirrhotic)


def test_fever_with_big_organs_and_pancytopenia_lowers_myelodysplasia(assess):
    counts = {"wbc": 2100, "anc": 900, "hemoglobin": 8.9, "platelets": 60000}
    patient = {"age_years": 72, "sex": "female"}
    fever_alone = assess(patient=patient, labs=counts, findings={"temperature_c": 38.6})
    with_organs = assess(patient=patient, labs=counts,
                         findings={"temperature_c": 38.6, "splenomegaly": "yes",
                                   "hepatomegaly": "yes"})
    assert score_of(with_organs, "myelodysplastic_syndrome") < \
        score_of(fever_alone, "myelodysplastic_syndrome")
    assert score_of(with_organs, "folate_deficiency") < score_of(fever_alone, "folate_deficiency")
    with_a_rash = assess(patient=patient, labs=counts,
                         findings={"temperature_c": 38.6, "rash": "maculopapular"})
    assert score_of(with_a_rash, "myelodysplastic_syndrome") < \
        score_of(fever_alone, "myelodysplastic_syndrome")


# ---- Felty syndrome, hairy cell leukaemia, severe aplastic anaemia ---------------------------

def test_felty_syndrome_with_quiet_joints_and_rheumatoid_antibodies(assess):
    # rheumatoid factor positive, a big spleen and ANC 400/µL in a 68-year-old whose joints are
    # quiet; the ANA is positive too, as it is in most Felty syndrome
    result = assess(patient={"age_years": 68, "sex": "female"},
                    labs={"wbc": 1500, "anc": 400, "hemoglobin": 12.6, "platelets": 210000},
                    findings={"rheumatoid_serology": "positive", "splenomegaly": "yes",
                              "joint_symptoms": "no", "antinuclear_antibodies": "positive"})
    assert "felty_syndrome" in top_causes(result)
    felty = cause_of(result, "felty_syndrome")
    assert all(item.weight >= 0 for item in felty.evidence)


def test_few_monocytes_a_big_spleen_and_no_nodes_is_hairy_cell_leukaemia(assess):
    # a woman, so the middle-aged-man clue does not apply; the monocytes reported "low" in
    # words, a clue of moderate weight alone
    result = assess(patient={"age_years": 58, "sex": "female"},
                    labs={"wbc": 1800, "anc": 700, "monocytes": "low", "hemoglobin": 9.8,
                          "platelets": 70000},
                    findings={"splenomegaly": "yes", "lymphadenopathy": "no"})
    assert "hairy_cell_leukemia" in top_causes(result)
    assert score_of(result, "hairy_cell_leukemia") > score_of(result, "acute_myeloid_leukemia")


def test_an_empty_marrow_with_camitta_counts_weighs_more_for_aplastic_anaemia(assess):
    patient = {"age_years": 30, "sex": "male"}
    findings = {"marrow_cellularity": "hypocellular"}
    severe = assess(patient=patient, findings=findings,
                    labs={"wbc": 1200, "anc": 300, "hemoglobin": 7.5, "platelets": 12000,
                          "reticulocytes": 15000})
    moderate = assess(patient=patient, findings=findings,
                      labs={"wbc": 2400, "anc": 1100, "hemoglobin": 8.5, "platelets": 40000,
                            "reticulocytes": 70000})
    assert score_of(severe, "aplastic_anemia") > score_of(moderate, "aplastic_anemia")
    dysplastic = assess(patient=patient, findings={**findings, "marrow_dysplasia": "yes"},
                        labs={"wbc": 1200, "anc": 300, "hemoglobin": 7.5, "platelets": 12000,
                              "reticulocytes": 15000})
    assert score_of(dysplastic, "aplastic_anemia") < score_of(severe, "aplastic_anemia")


def test_haemolysis_in_an_empty_marrow_raises_pnh_beside_aplastic_anaemia(assess):
    result = assess(patient={"age_years": 35, "sex": "female"},
                    labs={"wbc": 2100, "anc": 800, "hemoglobin": 7.2, "platelets": 35000,
                          "ldh": 900, "haptoglobin": 10},
                    findings={"marrow_cellularity": "hypocellular"})
    assert {"aplastic_anemia", "paroxysmal_nocturnal_hemoglobinuria"} == \
        set(top_causes(result, 2))


# ---- visceral leishmaniasis: the WHO suspected case ------------------------------------------

def test_weeks_of_fever_and_a_big_spleen_from_an_endemic_area_is_suspected_kala_azar(assess):
    result = assess(patient={"age_years": 28, "sex": "male"},
                    labs={"wbc": 2200, "anc": 900, "hemoglobin": 8.4, "platelets": 65000},
                    findings={"temperature_c": 38.7, "acute_infection_onset_days": 24,
                              "splenomegaly": "yes", "travel_region": "south_asia",
                              "travel_weeks_ago": 2})
    assert "parasitic_infestation" in top_causes(result)


def test_a_fever_of_three_weeks_after_travel_is_not_dengue(assess):
    def dengue_after(days):
        result = assess(patient={"age_years": 28, "sex": "male"},
                        labs={"wbc": 2200, "anc": 900, "hemoglobin": 13.4, "platelets": 65000},
                        findings={"temperature_c": 38.7, "acute_infection_onset_days": days,
                                  "travel_region": "southeast_asia", "travel_weeks_ago": 1})
        return score_of(result, "dengue")
    assert dengue_after(21) < dengue_after(4)


# ---- a negative finding counts ---------------------------------------------------------------

def test_a_film_reviewed_as_normal_argues_against_megaloblastic_pancytopenia(assess):
    counts = {"wbc": 2300, "anc": 1000, "hemoglobin": 8.1, "platelets": 70000, "mcv": 104}
    patient = {"age_years": 45, "sex": "female"}
    unreviewed = assess(patient=patient, labs=counts)
    normal_film = assess(patient=patient, labs=counts, smear=["normal"])
    assert score_of(normal_film, "vitamin_b12_deficiency") < \
        score_of(unreviewed, "vitamin_b12_deficiency")


def test_dark_morning_urine_in_an_empty_marrow_makes_pnh_likely(assess):
    result = assess(patient={"age_years": 34, "sex": "female"},
                    labs={"wbc": 2900, "anc": 1200, "hemoglobin": 8.2, "platelets": 88000},
                    findings={"marrow_cellularity": "hypocellular",
                              "hemoglobinuria_or_unusual_thrombosis": "yes"})
    # the aplastic anaemia-PNH syndrome: both at the top, PNH no longer merely possible
    assert set(top_causes(result, 2)) == {"aplastic_anemia", "paroxysmal_nocturnal_hemoglobinuria"}
    assert cause_of(result, "paroxysmal_nocturnal_hemoglobinuria").band == "likely"


# ---- which came first: the drug's fall or the sepsis -----------------------------------------

def test_septic_shock_on_carbimazole_is_the_agranulocytosis_showing_itself(assess):
    result = assess(patient={"age_years": 41, "sex": "female"},
                    labs={"wbc": 900, "anc": 100, "hemoglobin": 12.8, "platelets": 210000},
                    medications=[{"name": "carbimazole", "started_weeks_ago": 6}],
                    findings={"temperature_c": 39.4, "systolic_bp": 84, "heart_rate": 128,
                              "respiratory_rate": 26, "infection_site": "lung"})
    assert result.ranking[0].cause == "drug_antithyroid"
    assert "neutropenic_fever" in [p.id for p in result.pitfalls]


def test_hlh_2004_reads_the_neutrophils_from_the_differential(assess):
    # haemoglobin 10.5 g/dL is above the criterion; platelets 70,000/µL and neutrophils
    # 2,500 x 30% = 750/µL make the two low lines
    result = assess(patient={"age_years": 30, "sex": "female"},
                    labs={"wbc": 2500, "neutrophils_pct": 30, "hemoglobin": 10.5,
                          "platelets": 70000, "ferritin": 3000},
                    findings={"temperature_c": 39.2, "splenomegaly": "yes"})
    hlh = cause_of(result, "hemophagocytic_lymphohistiocytosis")
    assert any(item.rule == "hlh_2004_criteria" for item in hlh.evidence)


def test_a_week_of_fever_after_the_tropics_is_enteric_fever_before_dengue(assess):
    result = assess(patient={"age_years": 25, "sex": "male"},
                    labs={"wbc": 3100, "anc": 1700, "hemoglobin": 13.1, "platelets": 160000},
                    findings={"temperature_c": 39.1, "acute_infection_onset_days": 9,
                              "travel_region": "southeast_asia", "travel_weeks_ago": 1})
    assert score_of(result, "typhoid_fever") > (score_of(result, "dengue") or -99)
    assert "typhoid_fever" in top_causes(result)
