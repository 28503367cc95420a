"""Lupus, HLH and the thyroid as small vignettes: what in a presentation should move each of
them, and what should not."""

from conftest import top_causes


def score_of(result, cause):
    """A cause's score, or minus infinity when nothing spoke for it (so it is not ranked)."""
    return next((c.score for c in result.ranking if c.cause == cause), float("-inf"))


# A young woman with months of painful joints and two low lines, the ANA not yet sent.
JOINTS_AND_TWO_LOW_LINES = dict(
    patient={"age_years": 27, "sex": "female"},
    labs={"wbc": 2500, "hemoglobin": 9.0, "platelets": 107000},
    findings={"joint_symptoms": "yes"},
)


def test_painful_joints_with_two_low_lines_in_a_young_woman_rank_lupus_first(assess):
    result = assess(**JOINTS_AND_TWO_LOW_LINES)
    assert top_causes(result, 1) == ["systemic_lupus_erythematosus"]
    assert "antinuclear_antibodies" in {question.id for question in result.questions}


def test_a_negative_ana_takes_lupus_out_of_the_same_picture(assess):
    negative = assess(**{**JOINTS_AND_TWO_LOW_LINES,
                         "findings": {"joint_symptoms": "yes", "antinuclear_antibodies": "negative"}})
    assert "systemic_lupus_erythematosus" not in top_causes(negative, 3)


def test_joints_with_two_low_lines_in_a_child_do_not_count_for_lupus(assess):
    # in a child joint pain with falling counts is acute lymphoblastic leukaemia's picture
    adult = assess(**JOINTS_AND_TWO_LOW_LINES)
    child = assess(**{**JOINTS_AND_TWO_LOW_LINES, "patient": {"age_years": 8, "sex": "female"}})
    assert score_of(child, "systemic_lupus_erythematosus") < \
        score_of(adult, "systemic_lupus_erythematosus")


def test_joints_a_big_spleen_and_neutropenia_are_not_counted_for_lupus(assess):
    # joint disease, a big spleen and neutropenia are Felty syndrome's triad
    without = assess(**JOINTS_AND_TWO_LOW_LINES)
    spleen = assess(**{**JOINTS_AND_TWO_LOW_LINES,
                       "findings": {"joint_symptoms": "yes", "splenomegaly": "yes"}})
    assert score_of(spleen, "systemic_lupus_erythematosus") < \
        score_of(without, "systemic_lupus_erythematosus")
