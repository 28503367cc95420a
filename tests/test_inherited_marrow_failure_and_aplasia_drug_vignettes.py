"""When a marrow failure is inherited, and when a drug emptied it, as small vignettes: a
child's pancytopenia (Fanconi anaemia and the telomere disorders), repeated infections with a
failing marrow in the young and low monocytes with the MonoMAC infections (GATA2 deficiency), an empty marrow beside unexplained liver
disease (a telomere disorder), and several low lines on a drug known to cause aplasia or on
interferon."""

from __future__ import annotations

from tests.conftest import top_causes


def rules_for(result, cause: str) -> set[str]:
    """The rules that weighed for or against ``cause``, ranked or not."""
    found = next((c for c in result.ranking if c.cause == cause), None)
    ranked = set() if found is None else {e.rule for e in found.evidence}
    return ranked | {e.rule for e in result.opposed if e.cause == cause}


def score(result, cause: str):
    return next((c.score for c in result.ranking if c.cause == cause), None)


PANCYTOPENIA_IN_WORDS = {"wbc": "low", "hemoglobin": "low", "platelets": "low"}


# ---- a child's marrow failure ---------------------------------------------------------------

def test_a_childs_pancytopenia_puts_fanconi_anaemia_and_the_telomere_disorders_on_the_list(
        assess):
    child = assess(patient={"age_years": 9, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS)
    adult = assess(patient={"age_years": 35, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS)
    assert "pancytopenia_in_a_child" in rules_for(child, "fanconi_anemia")
    assert "pancytopenia_in_a_child" in rules_for(child, "dyskeratosis_congenita")
    assert "pancytopenia_in_a_child" not in rules_for(adult, "fanconi_anemia")


def test_a_childs_pancytopenia_on_chemotherapy_is_not_weighed_as_inherited(assess):
    result = assess(patient={"age_years": 9, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS,
                    findings={"recent_chemotherapy": "yes"})
    assert "pancytopenia_in_a_child" not in rules_for(result, "fanconi_anemia")


# ---- GATA2 deficiency -----------------------------------------------------------------------

def test_repeated_infections_with_several_low_lines_in_a_young_adult_weigh_for_gata2(assess):
    case = dict(patient={"age_years": 22, "sex": "female"},
                labs={"wbc": 2100, "anc": 900, "platelets": 70000})
    with_infections = assess(**case, findings={"recurrent_infections": "yes"})
    without = assess(**case, findings={"recurrent_infections": "no"})
    assert "repeated_infections_with_marrow_failure_in_the_young" in rules_for(
        with_infections, "gata2_deficiency")
    assert (score(with_infections, "gata2_deficiency") or -99) > \
        (score(without, "gata2_deficiency") or -99)


def test_repeated_infections_with_low_lines_and_hiv_are_not_weighed_for_gata2(assess):
    result = assess(patient={"age_years": 22, "sex": "female"},
                    labs={"wbc": 2100, "anc": 900, "platelets": 70000},
                    findings={"recurrent_infections": "yes", "hiv_test": "positive"})
    assert "repeated_infections_with_marrow_failure_in_the_young" not in rules_for(
        result, "gata2_deficiency")


def test_low_monocytes_with_disseminated_mycobacteria_rank_gata2_first_with_no_other_low_line(
        assess):
    result = assess(patient={"age_years": 19, "sex": "female"}, labs={"monocytes": "low"},
                    findings={"atypical_mycobacterial_infection": "yes"})
    assert top_causes(result, 1) == ["gata2_deficiency"]


def test_low_monocytes_with_extensive_warts_weigh_for_gata2(assess):
    result = assess(patient={"age_years": 30, "sex": "male"}, labs={"monocytes": 40},
                    findings={"extensive_warts": "yes"})
    assert "monocytopenia_with_the_monomac_infections_and_no_other_low_line" in rules_for(
        result, "gata2_deficiency")


def test_low_monocytes_alone_are_not_weighed_as_monomac(assess):
    result = assess(patient={"age_years": 30, "sex": "male"}, labs={"monocytes": "low"},
                    findings={"atypical_mycobacterial_infection": "no"})
    assert "monocytopenia_with_the_monomac_infections_and_no_other_low_line" not in rules_for(
        result, "gata2_deficiency")


# ---- telomere disorder with liver disease ---------------------------------------------------

LIVER_DISEASE_AND_PANCYTOPENIA = dict(
    patient={"age_years": 38, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS)


def test_an_empty_marrow_beside_unexplained_cirrhosis_points_to_a_telomere_disorder(assess):
    empty = assess(**LIVER_DISEASE_AND_PANCYTOPENIA,
                   findings={"cirrhosis": "yes", "splenomegaly": "yes",
                             "marrow_cellularity": "hypocellular"})
    full = assess(**LIVER_DISEASE_AND_PANCYTOPENIA,
                  findings={"cirrhosis": "yes", "splenomegaly": "yes",
                            "marrow_cellularity": "hypercellular"})
    assert "empty_marrow_beside_unexplained_liver_disease" in rules_for(
        empty, "dyskeratosis_congenita")
    assert "empty_marrow_beside_unexplained_liver_disease" not in rules_for(
        full, "dyskeratosis_congenita")
    assert "dyskeratosis_congenita" in [c.cause for c in empty.ranking[:5]]


def test_an_empty_marrow_beside_alcoholic_cirrhosis_is_not_weighed_as_a_telomere_disorder(
        assess):
    result = assess(**LIVER_DISEASE_AND_PANCYTOPENIA,
                    findings={"cirrhosis": "yes", "alcohol_excess": "yes",
                              "marrow_cellularity": "hypocellular"})
    assert "empty_marrow_beside_unexplained_liver_disease" not in rules_for(
        result, "dyskeratosis_congenita")


# ---- drugs that empty the marrow -------------------------------------------------------------

def test_pancytopenia_on_acetazolamide_weighs_for_the_drug(assess):
    pancytopenia = assess(patient={"age_years": 66, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS,
                          medications=[{"name": "acetazolamide", "started_weeks_ago": 15}])
    neutropenia = assess(patient={"age_years": 66, "sex": "male"}, labs={"anc": 400},
                         medications=[{"name": "acetazolamide", "started_weeks_ago": 15}])
    assert "several_low_lines_on_a_drug_known_to_cause_aplasia" in rules_for(
        pancytopenia, "drug_other")
    assert "several_low_lines_on_a_drug_known_to_cause_aplasia" not in rules_for(
        neutropenia, "drug_other")
    assert "drug_other" in top_causes(pancytopenia)


def test_pancytopenia_on_a_drug_without_a_link_to_aplasia_gets_no_such_weight(assess):
    result = assess(patient={"age_years": 66, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS,
                    medications=[{"name": "clozapine", "started_weeks_ago": 8}])
    assert "several_low_lines_on_a_drug_known_to_cause_aplasia" not in rules_for(
        result, "drug_clozapine")


def test_pancytopenia_on_peginterferon_puts_the_interferon_first(assess):
    result = assess(patient={"age_years": 46, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS,
                    findings={"hepatitis_c_test": "positive"},
                    medications=[{"name": "peginterferon alfa-2a", "started_weeks_ago": 12}])
    assert "several_low_lines_on_interferon" in rules_for(result, "drug_interferon")
    assert top_causes(result, 1) == ["drug_interferon"]


def test_interferon_stopped_is_not_weighed_as_its_ongoing_effect(assess):
    result = assess(patient={"age_years": 46, "sex": "male"}, labs=PANCYTOPENIA_IN_WORDS,
                    medications=[{"name": "peginterferon alfa-2a", "started_weeks_ago": 40,
                                  "stopped_weeks_ago": 30}])
    assert "several_low_lines_on_interferon" not in rules_for(result, "drug_interferon")


# ---- congenital neutropenia first seen with a fever ------------------------------------------

def test_a_fever_in_an_infant_neutropenic_from_the_first_months_weighs_for_kostmann(assess):
    febrile = assess(patient={"age_years": 0.2, "sex": "female"}, labs={"anc": "low"},
                     findings={"fever": "yes", "age_at_onset": "first_months"})
    afebrile = assess(patient={"age_years": 0.2, "sex": "female"}, labs={"anc": "low"},
                      findings={"fever": "no", "age_at_onset": "first_months"})
    rule = "fever_with_a_neutropenia_from_the_first_months_the_count_not_given"
    assert rule in rules_for(febrile, "severe_congenital_neutropenia")
    assert rule not in rules_for(afebrile, "severe_congenital_neutropenia")
