"""Values given as words or bounded by another count, as small vignettes: a vitamin or copper
level reported only as "normal" weighs against its deficiency (and an MCV reported "normal"
against the megaloblastic causes of several low lines), and a white count below the
neutropenia limit bounds the ANC, so fever with a very low white count is neutropenic fever
before any differential is done."""

from conftest import pitfall_ids

MEGALOBLASTIC_PICTURE = dict(patient={"age_years": 55, "sex": "female"},
                             labs={"wbc": 2800, "anc": 1200, "hemoglobin": 9.1,
                                   "platelets": 110000, "mcv": 108})


def score_of(result, cause):
    return next((c.score for c in result.ranking if c.cause == cause), None)


def test_b12_and_folate_reported_normal_weigh_against_megaloblastic_deficiency(assess):
    unmeasured = assess(**MEGALOBLASTIC_PICTURE)
    normal = assess(**{**MEGALOBLASTIC_PICTURE,
                       "labs": {**MEGALOBLASTIC_PICTURE["labs"], "vitamin_b12": "normal",
                                "folate": "normal"}})
    for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
        assert score_of(normal, cause) < score_of(unmeasured, cause)


def test_a_b12_reported_normal_weighs_less_than_a_clearly_normal_number(assess):
    word = assess(**{**MEGALOBLASTIC_PICTURE,
                     "labs": {**MEGALOBLASTIC_PICTURE["labs"], "vitamin_b12": "normal"}})
    number = assess(**{**MEGALOBLASTIC_PICTURE,
                       "labs": {**MEGALOBLASTIC_PICTURE["labs"], "vitamin_b12": 650}})
    assert score_of(number, "vitamin_b12_deficiency") < score_of(word, "vitamin_b12_deficiency")


def test_an_mcv_reported_normal_weighs_against_megaloblastic_deficiency_like_a_number(assess):
    pancytopenia = dict(patient={"age_years": 55, "sex": "female"},
                        labs={"wbc": 2200, "anc": 900, "hemoglobin": 8.8, "platelets": 62000})
    unmeasured = assess(**pancytopenia)
    word = assess(**{**pancytopenia, "labs": {**pancytopenia["labs"], "mcv": "normal"}})
    number = assess(**{**pancytopenia, "labs": {**pancytopenia["labs"], "mcv": 90}})
    for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
        assert score_of(word, cause) < score_of(unmeasured, cause)
        assert score_of(word, cause) == score_of(number, cause)


def test_copper_reported_normal_weighs_against_copper_deficiency(assess):
    case = dict(patient={"age_years": 50, "sex": "female"},
                labs={"wbc": 2500, "anc": 900, "hemoglobin": 9.5},
                findings={"bariatric_or_gastric_surgery": "yes"})
    unmeasured = assess(**case)
    normal = assess(**{**case, "labs": {**case["labs"], "copper": "normal"}})
    assert score_of(normal, "copper_deficiency") < score_of(unmeasured, "copper_deficiency")


def test_fever_with_a_white_count_of_400_and_no_differential_is_neutropenic_fever(assess):
    result = assess(patient={"age_years": 40, "sex": "male"}, labs={"wbc": 400},
                    findings={"temperature_c": 38.6})
    assert "neutropenic_fever" in pitfall_ids(result)
    assert result.reading.grade == "severe"


def test_a_white_count_bound_below_1000_with_fever_is_managed_as_neutropenic_fever(assess):
    result = assess(patient={"age_years": 40, "sex": "male"}, labs={"wbc": "<1000"},
                    findings={"fever": "yes"})
    assert "neutropenic_fever" in pitfall_ids(result)
    assert result.reading.neutrophil_status == "absolute_neutropenia"


def test_a_white_count_of_3000_says_nothing_about_the_grade(assess):
    result = assess(patient={"age_years": 40, "sex": "male"}, labs={"wbc": 3000},
                    findings={"fever": "yes"})
    assert "neutropenic_fever" not in pitfall_ids(result)
    assert result.reading.neutrophil_status is None


def test_a_differential_still_gives_the_anc_its_number(assess):
    result = assess(patient={"age_years": 40, "sex": "male"},
                    labs={"wbc": 1200, "neutrophils_pct": 70}, findings={"fever": "yes"})
    assert result.reading.anc == 840
    assert "neutropenic_fever" not in pitfall_ids(result)
