"""Inherited and immune causes told from acquired ones, as small vignettes: a neutropenia that
dates from early life is not the present infection's, the autoimmune neutropenia of infancy is
not familial, an isolated neutropenia explains its own infections, a child's marrow failure
may be inherited (not an infant's), the mucocutaneous triad makes a marrow failure
constitutional, and partial albinism names the familial HLH."""

from __future__ import annotations

from tests.conftest import top_causes


def rules_for(result, cause: str) -> set[str]:
    """The rules that weighed for or against ``cause``, ranked or not."""
    found = next((c for c in result.ranking if c.cause == cause), None)
    ranked = set() if found is None else {e.rule for e in found.evidence}
    return ranked | {e.rule for e in result.opposed if e.cause == cause}


def score(result, cause: str):
    return next((c.score for c in result.ranking if c.cause == cause), -99)


PANCYTOPENIA_IN_WORDS = {"wbc": "low", "hemoglobin": "low", "platelets": "low"}


# ---- a neutropenia from early life and the infection of the day ----------------------------

def test_a_toddlers_neutropenia_since_the_first_months_is_not_the_present_sepsis(assess):
    case = dict(patient={"age_years": 1.5, "sex": "male"}, labs={"wbc": 6000, "anc": 40},
                findings={"fever": "yes", "infection_site": "lung",
                          "recurrent_infections": "yes"})
    from_infancy = assess(**{**case, "findings": {**case["findings"],
                                                 "age_at_onset": "first_months"}})
    onset_unknown = assess(**case)
    assert "neutropenia_dating_from_early_life_is_not_the_present_infections" in rules_for(
        from_infancy, "bacterial_sepsis")
    assert score(from_infancy, "bacterial_sepsis") < score(onset_unknown, "bacterial_sepsis")
    assert score(from_infancy, "severe_congenital_neutropenia") > \
        score(from_infancy, "bacterial_sepsis")


def test_a_young_infants_neutropenia_from_the_first_months_still_leaves_the_infection_open(
        assess):
    # at two months "since the first months" is no time at all: the infection may be the cause
    result = assess(patient={"age_years": 0.2, "sex": "female"}, labs={"anc": 300},
                    findings={"fever": "yes", "age_at_onset": "first_months"})
    assert "neutropenia_dating_from_early_life_is_not_the_present_infections" not in \
        rules_for(result, "bacterial_sepsis")


def test_a_relative_with_neutropenia_weighs_against_the_autoimmune_neutropenia_of_infancy(
        assess):
    case = dict(patient={"age_years": 1, "sex": "male"}, labs={"wbc": 6000, "anc": 300})
    familial = assess(**case, findings={"family_history_of_neutropenia": "yes"})
    sporadic = assess(**case, findings={"family_history_of_neutropenia": "no"})
    assert "neutropenia_in_the_family_of_a_young_child" in rules_for(
        familial, "autoimmune_neutropenia")
    assert score(familial, "autoimmune_neutropenia") < score(sporadic, "autoimmune_neutropenia")


def test_an_isolated_neutropenia_explains_its_own_infections_not_an_immune_deficiency(assess):
    case = dict(patient={"age_years": 10, "sex": "male"},
                findings={"recurrent_infections": "yes", "age_at_onset": "first_months",
                          "low_count_first_noted_weeks_ago": 470})
    neutropenia = assess(**case, labs={"anc": "low"})
    with_low_igg = assess(**case, labs={"anc": "low", "igg": 300})
    assert "recurrent_infections_from_youth" not in rules_for(
        neutropenia, "immunodeficiency_disorder")
    assert "recurrent_infections_from_youth" in rules_for(
        with_low_igg, "immunodeficiency_disorder")
    assert top_causes(neutropenia, 1) == ["severe_congenital_neutropenia"]


# ---- a child's marrow failure ---------------------------------------------------------------

def test_a_childs_pancytopenia_makes_fanconi_anaemia_a_fraction_of_acquired_aplasia(assess):
    child = assess(patient={"age_years": 9, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS)
    gap = score(child, "aplastic_anemia") - score(child, "fanconi_anemia")
    # a quarter to a third of childhood marrow failures are inherited, Fanconi the commonest:
    # a fifth to a quarter as likely as acquired aplasia, not a tenth
    assert 0 < gap <= 7


def test_an_infants_pancytopenia_is_not_weighed_as_an_inherited_marrow_failure(assess):
    infant = assess(patient={"age_years": 0.2, "sex": "female"}, labs=PANCYTOPENIA_IN_WORDS,
                    findings={"fever": "yes", "splenomegaly": "yes"})
    assert "pancytopenia_in_a_child" not in rules_for(infant, "fanconi_anemia")


def test_a_childs_pancytopenia_with_a_big_spleen_is_not_weighed_as_a_failing_marrow(assess):
    result = assess(patient={"age_years": 5, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS,
                    findings={"fever": "yes", "splenomegaly": "yes"})
    assert "pancytopenia_in_a_child" not in rules_for(result, "fanconi_anemia")


def test_the_mucocutaneous_triad_with_an_empty_marrow_ranks_the_telomere_disorder_first(
        assess):
    result = assess(patient={"age_years": 16, "sex": "male"},
                    labs={"wbc": 2400, "anc": 900, "hemoglobin": 9.6, "platelets": 41000},
                    findings={"nail_dystrophy_or_leukoplakia": "yes",
                              "marrow_cellularity": "hypocellular"})
    assert top_causes(result, 1) == ["dyskeratosis_congenita"]


# ---- partial albinism and HLH ---------------------------------------------------------------

def test_partial_albinism_with_the_hlh_phase_raises_griscelli_syndrome(assess):
    case = dict(patient={"age_years": 6, "sex": "female"},
                labs={"wbc": 1000, "anc": 480, "hemoglobin": 6.2, "platelets": 31000},
                findings={"fever": "yes", "hepatomegaly": "yes", "splenomegaly": "yes"})
    albinism = assess(**{**case, "findings": {**case["findings"], "partial_albinism": "yes"}})
    without = assess(**case)
    assert score(albinism, "immunodeficiency_disorder") > \
        score(without, "immunodeficiency_disorder")
    assert {"chediak_higashi_syndrome", "hemophagocytic_lymphohistiocytosis"} <= \
        set(top_causes(albinism, 2))


def test_an_infants_familial_hlh_named_by_partial_albinism_is_not_counted_twice(assess):
    case = dict(patient={"age_years": 0.25},
                labs={"wbc": "low", "anc": "low", "hemoglobin": "low"},
                findings={"fever": "yes", "hepatomegaly": "yes", "splenomegaly": "yes"})
    albinism = assess(**{**case, "findings": {**case["findings"], "partial_albinism": "yes"}})
    without = assess(**case)
    assert "fever_organs_and_falling_lines_in_an_infant" in rules_for(
        without, "hemophagocytic_lymphohistiocytosis")
    assert "fever_organs_and_falling_lines_in_an_infant" not in rules_for(
        albinism, "hemophagocytic_lymphohistiocytosis")
    assert "partial_albinism_with_organs_and_falling_lines" in rules_for(
        albinism, "hemophagocytic_lymphohistiocytosis")


# ---- an idiopathic neutropenia is what nothing else explains --------------------------------

def test_a_known_rheumatoid_arthritis_weighs_against_calling_the_neutropenia_idiopathic(assess):
    case = dict(patient={"age_years": 53, "sex": "female"}, labs={"anc": 400},
                findings={"low_count_first_noted_weeks_ago": 208})
    with_ra = assess(**{**case, "findings": {**case["findings"], "rheumatoid_arthritis": "yes"}})
    without = assess(**case)
    assert "a_known_autoimmune_disease_explains_the_neutropenia" in rules_for(
        with_ra, "chronic_idiopathic_neutropenia")
    assert score(with_ra, "chronic_idiopathic_neutropenia") < \
        score(without, "chronic_idiopathic_neutropenia")
