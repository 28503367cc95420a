"""Autoimmune causes: lupus, rheumatoid arthritis, Felty syndrome, Sjögren syndrome and the
primary autoimmune neutropenia of infancy, told apart by the joints, the skin, the spleen, the film and the
antibodies."""

from __future__ import annotations

from experta import AND, AS, NOT, OR, P, Rule, W

from .base import (
    DETAIL,
    FOLLOW_UP,
    MODERATE_AGAINST,
    MODERATE_FOR,
    RULES_OUT,
    STRONG_AGAINST,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .conditions import SEVERAL_LINES, YOUNG_CHILD, below, number, reported_as
from .facts import (
    CellLines,
    DrugExposure,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Medication,
    Neutrophils,
    Patient,
    Smear,
    WhiteCount,
)
from .quantities import Range

UNDER_TWO = number(lambda age: age < 2)
UNDER_FIVE = number(lambda age: age < 5)
UNDER_SIX = number(lambda age: age < 6)
INFANT_OR_TODDLER = number(lambda age: 0.25 <= age < 4)
TEN_OR_OLDER = number(lambda age: age >= 10)
TEN_YEARS_OR_MORE = number(lambda years: years >= 10)
MILD_OR_NO_INFECTIONS = P(lambda severity: severity in ("none", "mild"))
SLE_CLASSIFIED = 10  # 2019 EULAR/ACR: 10 points or more, with a positive ANA


def _below(value, limit) -> bool:
    if type(value) is Range:
        return value.below(limit)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value < limit


def eular_acr_2019_points(labs: dict, findings: dict, febrile: bool) -> list[tuple[str, int]]:
    """The 2019 EULAR/ACR lupus classification items a case meets among those its vocabulary
    holds, the highest-weighted item in each domain only. Not held yet (no key):
    antiphospholipid antibodies, a renal biopsy, delirium, psychosis or seizure, alopecia,
    subacute cutaneous or discoid lupus. A complement or urine protein the case gives only as
    a word counts when the word is the item's own ("low" C3 or C4, "high" urine protein: a
    report names proteinuria in lupus when it is of the nephritis range)."""
    items: list[tuple[str, int]] = []
    if febrile:
        items.append(("fever", 2))
    haemolysis = findings.get("direct_antiglobulin_test") == "positive" and (
        labs.get("haptoglobin") is not None and _below(labs.get("haptoglobin"), 30)
        or type(labs.get("haptoglobin")) is Range and labs["haptoglobin"].text == "low")
    wbc = labs.get("wbc")
    haematologic = [(points, name) for present, points, name in (
        (haemolysis, 4, "autoimmune haemolysis"),
        (_below(labs.get("platelets"), 100_000), 4, "platelets under 100,000/µL"),
        (_below(wbc, 4000) or (type(wbc) is Range and wbc.text == "low"), 3,
         "white cells under 4,000/µL")) if present]
    if haematologic:
        points, name = max(haematologic)
        items.append((name, points))
    if findings.get("lupus_rash") == "yes":
        items.append(("acute cutaneous lupus", 6))
    elif findings.get("painless_mouth_ulcers") == "yes":
        items.append(("oral ulcers", 2))
    if findings.get("serositis") == "yes":
        items.append(("serositis", 5))
    if findings.get("joint_symptoms") == "yes":
        items.append(("joint involvement", 6))
    if findings.get("anti_dsdna_or_sm") == "positive":
        items.append(("anti-dsDNA or anti-Sm", 6))
    low_complement = [name for name, limit in (("C3", 90), ("C4", 10))
                      if _reported_low(labs.get(name.lower()), limit)]
    if len(low_complement) == 2:
        items.append(("low C3 and low C4", 4))
    elif low_complement:
        items.append((f"low {low_complement[0]}", 3))
    protein = labs.get("urine_protein")
    if (type(protein) is Range and (protein.text == "high" or protein.holds(lambda v: v > 0.5))
            or isinstance(protein, (int, float)) and not isinstance(protein, bool)
            and protein > 0.5):
        items.append(("proteinuria above 0.5 g/day", 4))
    return items


def _reported_low(value, limit) -> bool:
    """Below the lower reference limit: a number or bound wholly below it, or the word."""
    if type(value) is Range:
        return value.text == "low" or value.below(limit)
    return _below(value, limit)


class AutoimmuneRules(Conclusions):
    """Antibodies and immune diseases that destroy or hold back neutrophils."""

    # ---- questions --------------------------------------------------------------------------

    @Rule(CellLines(pattern=W()), NOT(Patient(age_years=UNDER_TWO)))
    def ask_about_joints_when_the_count_is_low(self):
        self.ask("joint_symptoms", DETAIL + 12,
                 "Inflammatory arthritis points to rheumatoid arthritis or lupus.")

    # The known immune diseases are weighed with any low count, so asked with one; of a young
    # child (under 12, in whom they are rare) only when the child is unwell: several low
    # lines, a fever, a severe neutropenia or joint pains (issue 12: a well four-year-old
    # with a mild isolated neutropenia is not asked about lupus or Sjögren's)
    @Rule(CellLines(pattern=W()), NOT(Patient(age_years=YOUNG_CHILD)))
    def ask_about_the_skin_and_known_immune_diseases_when_the_count_is_low(self):
        self.ask_about_the_skin_and_known_immune_diseases()

    @Rule(CellLines(pattern=W()), Patient(age_years=YOUNG_CHILD),
          NOT(Patient(age_years=UNDER_TWO)),
          OR(CellLines(pattern=SEVERAL_LINES), Fever(present=True),
             Neutrophils(grade="severe"), Findings(joint_symptoms="yes")))
    def ask_an_unwell_child_about_the_skin_and_known_immune_diseases(self):
        self.ask_about_the_skin_and_known_immune_diseases()

    def ask_about_the_skin_and_known_immune_diseases(self):
        self.ask("lupus_rash", DETAIL + 11,
                 "A butterfly or sun-provoked rash points to lupus.")
        # weighed with any low count (rheumatoid_arthritis_with_a_low_count), so asked with
        # one: a known diagnosis is asked directly, not only after joint pains or a big spleen
        self.ask("rheumatoid_arthritis", DETAIL + 10,
                 "Known rheumatoid arthritis with a low count raises Felty syndrome, LGL "
                 "leukaemia and the drugs that treat it.")
        self.ask("known_lupus", DETAIL + 9,
                 "Lupus lowers the white cells in about half of patients, the lymphocytes "
                 "above all.")
        self.ask("known_sjogren_syndrome", DETAIL + 8,
                 "Sjögren syndrome lowers the neutrophils or lymphocytes in about one patient "
                 "in five, and carries a risk of lymphoma.")

    @Rule(OR(Findings(joint_symptoms="yes"), Findings(splenomegaly="yes")),
          CellLines(pattern=W()))
    def ask_about_rheumatoid_arthritis(self):
        self.ask("rheumatoid_arthritis", FOLLOW_UP + 4,
                 "Rheumatoid arthritis with a low count raises Felty syndrome, LGL leukaemia "
                 "and the drugs that treat it.")

    @Rule(Findings(rheumatoid_arthritis="yes"))
    def ask_how_long_standing_and_seropositive_the_arthritis_is(self):
        self.ask("rheumatoid_serology", FOLLOW_UP + 1,
                 "Felty syndrome occurs almost only in seropositive rheumatoid arthritis.")
        self.ask("rheumatoid_arthritis_years", FOLLOW_UP,
                 "Felty syndrome usually comes after ten years or more of arthritis.")

    @Rule(OR(Findings(lupus_rash="yes"), Findings(joint_symptoms="yes")), CellLines(pattern=W()))
    def ask_about_the_other_features_of_lupus(self):
        self.ask("antinuclear_antibodies", FOLLOW_UP + 3,
                 "A negative ANA all but excludes lupus; a positive one with clinical features "
                 "supports it.")
        self.ask("painless_mouth_ulcers", FOLLOW_UP - 2, "Painless oral ulcers are a lupus feature.")
        self.ask("serositis", FOLLOW_UP - 3, "Pleurisy or pericarditis is a lupus feature.")

    @Rule(Neutrophils(status="absolute_neutropenia"), Patient(age_years=UNDER_SIX))
    def ask_about_antibodies_and_infections_in_a_young_child(self):
        self.ask("infection_severity", FOLLOW_UP + 6,
                 "Mild infections despite a very low count suggest autoimmune neutropenia of "
                 "infancy; severe bacterial infections suggest a congenital neutropenia.")
        self.ask("anti_neutrophil_antibodies", FOLLOW_UP + 2,
                 "Anti-neutrophil antibodies confirm the autoimmune neutropenia of infancy.")
        self.ask("low_count_first_noted_weeks_ago", FOLLOW_UP + 4,
                 "A count low for months in a young child is a chronic neutropenia "
                 "(autoimmune or congenital), not the passing effect of a virus.")

    # ---- rheumatoid arthritis and Felty syndrome ------------------------------------------------

    @Rule(Findings(rheumatoid_arthritis="yes"), CellLines(pattern=W()))
    def rheumatoid_arthritis_with_a_low_count(self):
        self.evidence("rheumatoid_arthritis", STRONG_FOR,
                      "Rheumatoid arthritis can lower the neutrophil count through antibodies and "
                      "marrow suppression.", "seed-001")

    # Rheumatoid arthritis not named, but its two pillars given: inflammatory joint symptoms
    # (up to 5 of the 6 points of the 2010 ACR/EULAR criteria) and rheumatoid factor or
    # anti-CCP (2-3 points; anti-CCP about 95% specific). Not with a big spleen, where the
    # same picture is Felty syndrome's triad and is weighed as such.
    @Rule(Findings(joint_symptoms="yes", rheumatoid_serology="positive"),
          NOT(Findings(rheumatoid_arthritis=W())), NOT(Findings(splenomegaly="yes")),
          CellLines(pattern=W()))
    def seropositive_inflammatory_arthritis_not_named_with_a_low_count(self):
        self.evidence("rheumatoid_arthritis", STRONG_FOR,
                      "Inflammatory joint symptoms with rheumatoid factor or anti-CCP are "
                      "rheumatoid arthritis by the 2010 ACR/EULAR criteria in all but name, and "
                      "rheumatoid arthritis can lower the neutrophils itself; ask which drugs "
                      "treat it, since they are the commoner cause.", "aletaha-ra-2010")

    # A drug linked to neutropenia (methotrexate, sulfasalazine, tocilizumab, rituximab ...) is
    # a commoner cause of a low count in rheumatoid arthritis than the arthritis itself.
    @Rule(Findings(rheumatoid_arthritis="yes"), CellLines(pattern=W()),
          DrugExposure(timing=P(lambda t: t in ("plausible", "unknown", "late"))))
    def rheumatoid_arthritis_on_a_drug_that_lowers_the_count(self):
        self.evidence("rheumatoid_arthritis", MODERATE_AGAINST,
                      "In treated rheumatoid arthritis a low count is more often the drug's "
                      "doing (or Felty syndrome) than the arthritis's own.", "gutierrez-urena-1996")

    # Only when the case names no current drug: a named one is judged by the medication rules.
    @Rule(Findings(rheumatoid_arthritis="yes"), CellLines(pattern=SEVERAL_LINES),
          NOT(Medication(stopped=False)))
    def rheumatoid_arthritis_with_several_low_lines_and_no_current_treatment_named(self):
        self.evidence("drug_immunosuppressant", MODERATE_FOR,
                      "Most people with rheumatoid arthritis take methotrexate or another "
                      "disease-modifying drug, and its marrow toxicity (methotrexate above all, "
                      "worse with renal impairment or a dosing error) is the commonest cause of "
                      "a fall in several lines in rheumatoid arthritis: ask what is being taken "
                      "now.", "gutierrez-urena-1996")
        self.ask("medications", FOLLOW_UP + 20,
                 "Pancytopenia in rheumatoid arthritis is most often methotrexate or another "
                 "disease-modifying drug: which is being taken now, at what dose?")

    @Rule(Findings(rheumatoid_arthritis="yes", splenomegaly="yes"),
          Neutrophils(status="absolute_neutropenia"))
    def rheumatoid_arthritis_with_a_big_spleen_and_neutropenia(self):
        self.evidence("felty_syndrome", VERY_STRONG_FOR,
                      "Rheumatoid arthritis, a big spleen and neutropenia are the triad of Felty "
                      "syndrome.", "seed-001")
        self.evidence("rheumatoid_arthritis", WEAK_AGAINST,
                      "With a big spleen the neutropenia is better explained by Felty syndrome "
                      "than by the arthritis alone.", "ash-2012")

    @Rule(Findings(rheumatoid_arthritis="yes", rheumatoid_serology="positive",
                   rheumatoid_arthritis_years=TEN_YEARS_OR_MORE),
          Neutrophils(status="absolute_neutropenia"))
    def long_standing_seropositive_rheumatoid_arthritis(self):
        self.evidence("felty_syndrome", MODERATE_FOR,
                      "Felty syndrome typically follows a decade or more of seropositive, "
                      "erosive rheumatoid arthritis.", "ash-2012")

    # Serology not stated: most long-standing rheumatoid arthritis is seropositive, so a decade
    # of arthritis still counts, with less weight than when the antibodies are known.
    @Rule(Findings(rheumatoid_arthritis="yes", rheumatoid_arthritis_years=TEN_YEARS_OR_MORE),
          NOT(Findings(rheumatoid_serology=W())), Neutrophils(status="absolute_neutropenia"))
    def long_standing_rheumatoid_arthritis_of_unstated_serology(self):
        self.evidence("felty_syndrome", WEAK_FOR,
                      "Felty syndrome typically follows a decade or more of rheumatoid "
                      "arthritis, nearly always seropositive; the antibodies settle it.",
                      "ash-2012")

    # Felty syndrome's neutropenia lasts for years, and comes after a decade or more of the
    # arthritis; the spleen is enlarged in most patients but not all, and is often not yet
    # described when the count is first questioned (Owlia 2014). A neutropenia known for a
    # year or more in arthritis of ten years or more, with no drug being taken to explain it
    # and the spleen not yet examined, is Felty syndrome (or its LGL overlap) before it is the
    # arthritis's own: ask about the spleen. Once the spleen is described, the triad rules
    # weigh it instead.
    @Rule(Findings(rheumatoid_arthritis="yes", rheumatoid_arthritis_years=TEN_YEARS_OR_MORE,
                   low_count_first_noted_weeks_ago=number(lambda weeks: weeks >= 52)),
          Neutrophils(status="absolute_neutropenia"),
          NOT(Findings(splenomegaly=W())), NOT(Medication(stopped=False)),
          NOT(Findings(flow_cytometry=P(lambda f: f in ("clonal_t_lgl", "clonal_nk_cells")))),
          NOT(Smear(large_granular_lymphocytes=True)))
    def lasting_neutropenia_in_long_standing_rheumatoid_arthritis(self):
        self.evidence("felty_syndrome", STRONG_FOR,
                      "A neutropenia lasting a year or more after a decade of rheumatoid "
                      "arthritis, with no drug to explain it, is Felty syndrome's course (the "
                      "spleen is enlarged in most, not all): examine or scan the spleen, and a "
                      "film and flow cytometry look for its LGL overlap.", "owlia-felty-2014")
        self.evidence("rheumatoid_arthritis", MODERATE_AGAINST,
                      "The arthritis's own effect on the count is slight; a neutropenia lasting "
                      "years in long-standing disease is Felty syndrome or an LGL clone.",
                      "owlia-felty-2014")
        self.ask("splenomegaly", FOLLOW_UP + 8,
                 "A lasting neutropenia in long-standing rheumatoid arthritis: a big spleen "
                 "completes Felty's triad.")

    @Rule(OR(Findings(rheumatoid_arthritis="yes"),
             AND(Findings(joint_symptoms="yes"), NOT(Findings(rheumatoid_arthritis=W())))),
          Findings(recurrent_infections="yes", splenomegaly="yes"),
          Neutrophils(status="absolute_neutropenia"))
    def recurrent_infections_in_rheumatoid_arthritis_with_a_big_spleen(self):
        self.evidence("felty_syndrome", WEAK_FOR,
                      "Repeated bacterial infections are the main danger of Felty syndrome.",
                      "seed-001")

    @Rule(Findings(joint_symptoms="yes", splenomegaly="yes"),
          NOT(Findings(rheumatoid_arthritis=W())), Neutrophils(status="absolute_neutropenia"))
    def inflammatory_joint_symptoms_with_a_big_spleen_and_neutropenia(self):
        self.evidence("felty_syndrome", STRONG_FOR,
                      "Joint pain and morning stiffness with a big spleen and neutropenia is "
                      "Felty's triad even before anyone has named the arthritis; the full triad "
                      "is not required once neutropenia is there.", "owlia-felty-2014")

    @Rule(Findings(rheumatoid_serology="positive", splenomegaly="yes"),
          NOT(Findings(rheumatoid_arthritis="yes")), NOT(Findings(joint_symptoms="yes")),
          Neutrophils(status="absolute_neutropenia"))
    def rheumatoid_antibodies_with_a_big_spleen_and_neutropenia(self):
        self.evidence("felty_syndrome", STRONG_FOR,
                      "Rheumatoid factor or anti-CCP with a big spleen and neutropenia points to "
                      "Felty syndrome even with quiet joints: anti-CCP is about 95% specific for "
                      "rheumatoid disease, and Felty can come when the arthritis has burnt out "
                      "or, rarely, before it.", "owlia-felty-2014")

    # Inflammatory joint symptoms not yet named as rheumatoid arthritis count too: with a big
    # spleen and neutropenia they are Felty's triad (inflammatory_joint_symptoms_with_a_big_
    # spleen_and_neutropenia), or lupus's, whose spleen is no congested one either.
    @Rule(Findings(splenomegaly="yes"), Neutrophils(status="absolute_neutropenia"),
          OR(Findings(rheumatoid_arthritis="yes"), Findings(rheumatoid_serology="positive"),
             Findings(joint_symptoms="yes")),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")))
    def rheumatoid_disease_explains_the_big_spleen(self):
        self.evidence("hypersplenism", MODERATE_AGAINST,
                      "In rheumatoid disease (or inflammatory joint disease not yet named) a "
                      "big spleen beside neutropenia is Felty syndrome's own (antibodies and "
                      "splenic pooling together); with no liver disease or portal hypertension, "
                      "congestive hypersplenism is the weaker explanation.", "owlia-felty-2014")

    # Felty's big spleen pools red cells and platelets as a congested one does (the same
    # sequestration that hypersplenism is credited with for several low lines), and the
    # inflammation adds an anaemia of chronic disease: the other low lines belong to the triad
    # rather than pointing away from it to the marrow. Not once an LGL clone or expansion is
    # shown: T-LGL leukaemia, Felty's overlapping disease, lowers the red cells itself (pure red
    # cell aplasia among them), so the other lines then speak for the clone as much.
    @Rule(Findings(splenomegaly="yes"), Neutrophils(status="absolute_neutropenia"),
          OR(Findings(rheumatoid_arthritis="yes"), Findings(rheumatoid_serology="positive"),
             AND(Findings(joint_symptoms="yes"), NOT(Findings(rheumatoid_arthritis=W())))),
          CellLines(pattern=SEVERAL_LINES),
          NOT(Findings(flow_cytometry=P(lambda f: f in ("clonal_t_lgl", "clonal_nk_cells")))),
          NOT(Smear(large_granular_lymphocytes=True)))
    def felty_triad_with_other_low_lines(self):
        self.evidence("felty_syndrome", MODERATE_FOR,
                      "In Felty syndrome the big spleen also pools red cells and platelets, "
                      "and the inflammation lowers the haemoglobin: anaemia and a mild "
                      "thrombocytopenia beside the neutropenia are part of the syndrome, not a "
                      "sign that the marrow has failed.", "owlia-felty-2014")

    @Rule(Findings(antinuclear_antibodies="positive"),
          OR(Findings(rheumatoid_arthritis="yes"), Findings(rheumatoid_serology="positive")),
          NOT(OR(Findings(lupus_rash="yes"), Findings(painless_mouth_ulcers="yes"),
                 Findings(serositis="yes"))),
          CellLines(pattern=W()))
    def positive_ana_in_rheumatoid_disease(self):
        self.evidence("systemic_lupus_erythematosus", WEAK_FOR,
                      "A positive ANA is common in rheumatoid arthritis and found in most "
                      "patients with Felty syndrome, so beside rheumatoid disease it hardly "
                      "points to lupus without lupus's own features (rash, ulcers, serositis, "
                      "anti-dsDNA).", "owlia-felty-2014")

    @Rule(Findings(rheumatoid_serology="negative"))
    def seronegative_arthritis(self):
        self.evidence("felty_syndrome", STRONG_AGAINST,
                      "Felty syndrome is almost always seropositive (rheumatoid factor or "
                      "anti-CCP).", "ash-2012")

    @Rule(Findings(rheumatoid_arthritis="yes", splenomegaly="no"))
    def rheumatoid_arthritis_with_a_normal_spleen(self):
        self.evidence("felty_syndrome", STRONG_AGAINST,
                      "Felty syndrome is defined by an enlarged spleen; without one it is rare.",
                      "seed-001")

    @Rule(Findings(rheumatoid_arthritis="no"))
    def no_rheumatoid_arthritis(self):
        self.evidence("rheumatoid_arthritis", RULES_OUT, "No rheumatoid arthritis.", "seed-001")
        self.evidence("felty_syndrome", RULES_OUT,
                      "Felty syndrome needs rheumatoid arthritis.", "seed-001")

    @Rule(Findings(joint_symptoms="no"), NOT(Findings(rheumatoid_arthritis="yes")))
    def no_joint_symptoms(self):
        self.evidence("rheumatoid_arthritis", STRONG_AGAINST,
                      "No joint pain, swelling or stiffness and no diagnosis of rheumatoid "
                      "arthritis.", "seed-001")

    # Not with rheumatoid antibodies: Felty syndrome can come when the arthritis has burnt out
    # or, rarely, before it (see rheumatoid_antibodies_with_a_big_spleen_and_neutropenia).
    @Rule(Findings(joint_symptoms="no"), NOT(Findings(rheumatoid_arthritis="yes")),
          NOT(Findings(rheumatoid_serology="positive")))
    def no_joint_symptoms_and_no_rheumatoid_antibodies(self):
        self.evidence("felty_syndrome", MODERATE_AGAINST,
                      "Felty syndrome arises in established rheumatoid arthritis.", "seed-001")

    @Rule(Findings(rheumatoid_arthritis="yes"), Smear(large_granular_lymphocytes=True),
          CellLines(pattern=W()))
    def rheumatoid_arthritis_with_an_lgl_expansion(self):
        self.evidence("lgl_leukemia", MODERATE_FOR,
                      "T-cell LGL leukaemia is commonest in rheumatoid arthritis; an LGL "
                      "expansion on the film makes the clone the likelier cause.", "ash-2012")
        self.evidence("felty_syndrome", MODERATE_AGAINST,
                      "An expansion of large granular lymphocytes points to LGL leukaemia rather "
                      "than Felty syndrome; flow cytometry and T-cell receptor studies decide.",
                      "ash-2012")

    @Rule(Findings(rheumatoid_arthritis="yes", splenomegaly="yes"), Smear(normal=True),
          NOT(Smear(large_granular_lymphocytes=W())), CellLines(pattern=W()))
    def film_without_an_lgl_expansion_in_rheumatoid_arthritis(self):
        self.evidence("felty_syndrome", WEAK_FOR,
                      "A reviewed film without an excess of large granular lymphocytes favours "
                      "Felty syndrome over LGL leukaemia.", "ash-2012")

    # ---- systemic lupus erythematosus ------------------------------------------------------------

    @Rule(Findings(lupus_rash="yes"), CellLines(pattern=W()))
    def lupus_rash_with_a_low_count(self):
        self.evidence("systemic_lupus_erythematosus", STRONG_FOR,
                      "A malar or photosensitive rash with a low white count is a typical "
                      "presentation of lupus.", "seed-000")

    @Rule(Findings(painless_mouth_ulcers="yes"), CellLines(pattern=W()))
    def painless_mouth_ulcers_with_a_low_count(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "Painless oral or nasal ulcers are one of the clinical criteria for lupus.",
                      "hematology-texts")

    @Rule(Findings(serositis="yes"), CellLines(pattern=W()))
    def serositis_with_a_low_count(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "Pleurisy or pericarditis beside a low count points to lupus.",
                      "hematology-texts")

    @Rule(Findings(antinuclear_antibodies="positive"),
          OR(Findings(lupus_rash="yes"), Findings(painless_mouth_ulcers="yes"),
             Findings(serositis="yes"), Findings(joint_symptoms="yes")),
          CellLines(pattern=W()))
    def positive_ana_with_clinical_features_of_lupus(self):
        self.evidence("systemic_lupus_erythematosus", STRONG_FOR,
                      "A positive ANA with rash, ulcers, serositis or arthritis fits lupus; "
                      "anti-dsDNA and complement would confirm it.", "seed-001")

    # Not in rheumatoid disease, where a positive ANA is common (in Felty syndrome, in most)
    # and does not point to lupus.
    @Rule(Findings(antinuclear_antibodies="positive"),
          NOT(OR(Findings(lupus_rash="yes"), Findings(painless_mouth_ulcers="yes"),
                 Findings(serositis="yes"), Findings(joint_symptoms="yes"))),
          NOT(Findings(rheumatoid_arthritis="yes")), NOT(Findings(rheumatoid_serology="positive")),
          CellLines(pattern=W()))
    def positive_ana_with_a_low_count(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "A positive ANA alone raises lupus about threefold: nearly everyone with "
                      "lupus has one, but so do many without it (older women, other connective "
                      "tissue diseases), so anti-dsDNA and complement must confirm it.",
                      "aringer-sle-2019")

    # Lupus lowers more than one line in many patients (leukopenia in about half,
    # thrombocytopenia in a fifth to a third, haemolysis in one in ten), as the marrow causes
    # of several low lines do, which are credited for it (all_three_lines_low, two_lines_low):
    # with the ANA that nearly every patient with lupus has, the other low lines count a
    # little for lupus too. Not in rheumatoid disease, where the ANA points elsewhere, nor
    # after chemotherapy, whose nadir explains the low lines (the EULAR/ACR criteria count no
    # item that something likelier than lupus explains).
    @Rule(Findings(antinuclear_antibodies="positive"), CellLines(pattern=SEVERAL_LINES),
          NOT(Findings(rheumatoid_arthritis="yes")), NOT(Findings(rheumatoid_serology="positive")),
          NOT(Findings(recent_chemotherapy="yes")),
          NOT(DrugExposure(cause="chemotherapy_myelosuppression")))
    def positive_ana_with_several_low_lines(self):
        self.evidence("systemic_lupus_erythematosus", WEAK_FOR,
                      "A positive ANA with two or three low lines: lupus lowers the white cells, "
                      "the platelets and (by haemolysis or inflammation) the red cells together "
                      "in many patients; anti-dsDNA, complement and a direct antiglobulin test "
                      "would show whether it is lupus.", "aringer-sle-2019")

    # The classification criteria count as one finding: the sum of items that are each
    # non-specific (and so held back by the cap on soft clues) is what classifies lupus.
    @Rule(AS.labs << Labs(), AS.findings << Findings(antinuclear_antibodies="positive"),
          AS.fever << Fever(), CellLines(pattern=W()))
    def lupus_classification_criteria_met(self, labs, findings, fever):
        self._lupus_criteria(labs, findings, fever["present"])

    @Rule(AS.labs << Labs(), AS.findings << Findings(antinuclear_antibodies="positive"),
          NOT(Fever()), CellLines(pattern=W()))
    def lupus_classification_criteria_met_without_a_stated_fever(self, labs, findings):
        self._lupus_criteria(labs, findings, False)

    def _lupus_criteria(self, labs, findings, fever_present: bool) -> None:
        """Both lupus-criteria rules: the points met, and the evidence once they classify."""
        items = eular_acr_2019_points(labs.as_dict(), findings.as_dict(), fever_present)
        total = sum(points for _, points in items)
        if total < SLE_CLASSIFIED:
            return
        self.evidence("systemic_lupus_erythematosus", VERY_STRONG_FOR,
                      f"With a positive ANA, {total} points of the 2019 EULAR/ACR criteria "
                      f"({', '.join(name for name, _ in items)}): 10 or more classify lupus "
                      "(96% sensitive, 93% specific).", "aringer-sle-2019")

    @Rule(Findings(antinuclear_antibodies="positive"), CellLines(pattern=W()))
    def ask_for_the_lupus_specific_antibodies_once_the_ana_is_positive(self):
        self.ask("anti_dsdna_or_sm", FOLLOW_UP + 2,
                 "A positive ANA is common; anti-dsDNA or anti-Sm is about 95% specific for "
                 "lupus.")

    # Before the ANA is known: inflammatory joint symptoms (6 points of the 2019 EULAR/ACR
    # criteria) with a low white count (3) or platelets (4) beside it reach 9 or 10 of the 10
    # points that classify lupus once the ANA, positive in 98% of patients, is back. In an
    # adult under fifty without rheumatoid disease this is lupus's common presentation; from
    # fifty on, rheumatoid arthritis (with the same joints) is far commoner, and in children
    # joint pain with falling counts is acute lymphoblastic leukaemia's presentation first.
    # Not with a big spleen, which beside joint disease and neutropenia is Felty syndrome's
    # triad.
    @Rule(Findings(joint_symptoms="yes"), CellLines(pattern=SEVERAL_LINES),
          Patient(age_years=number(lambda age: 16 <= age < 50)),
          NOT(Findings(rheumatoid_arthritis="yes")), NOT(Findings(rheumatoid_serology="positive")),
          NOT(Findings(splenomegaly="yes")), NOT(Findings(antinuclear_antibodies=W())))
    def inflammatory_joints_with_two_low_lines_before_the_ana_is_known(self):
        self.ask("antinuclear_antibodies", FOLLOW_UP + 8,
                 "Joint symptoms with two low lines in an adult: a positive ANA would make "
                 "lupus likely (2019 EULAR/ACR criteria); a negative one excludes it.")
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "Inflammatory joint symptoms (6 points) with a low white count (3) or "
                      "platelets (4) and a second low line reach 9 or 10 of the 10 points "
                      "that classify lupus by the 2019 EULAR/ACR criteria, pending the ANA "
                      "that nearly every patient with lupus has: send the ANA, anti-dsDNA and "
                      "complement.", "aringer-sle-2019")

    @Rule(Findings(joint_symptoms="yes"), CellLines(pattern=SEVERAL_LINES),
          Patient(age_years=number(lambda age: 16 <= age < 50), sex="female"),
          NOT(Findings(rheumatoid_arthritis="yes")), NOT(Findings(rheumatoid_serology="positive")),
          NOT(Findings(splenomegaly="yes")), NOT(Findings(antinuclear_antibodies="negative")))
    def inflammatory_joints_with_two_low_lines_in_a_young_woman(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "Nine in ten patients with lupus are women, most falling ill between 15 "
                      "and 45: joint symptoms with two low lines in a young woman are lupus's "
                      "textbook presentation.", "hematology-texts")

    # A leukopenia that has lasted months is not an infection's passing fall, and a mild one
    # does not itself bring fevers; a fever beside it in a woman of childbearing age is
    # lupus's presentation (fever 2 and a white count under 4,000/µL 3 of the 2019 EULAR/ACR
    # points, pending the ANA; nine in ten patients are women, most falling ill between 15
    # and 45) until the ANA says otherwise. Not when the neutropenia is severe enough to
    # explain a fever by infection, nor with a big spleen (sequestration, infiltration,
    # infection) or a lymphocytosis. Only before the ANA is known: once it is, the criteria
    # rule counts the fever and the leukopenia among its points.
    @Rule(Fever(present=True), Findings(low_count_first_noted_weeks_ago=number(lambda w: w >= 12)),
          Patient(age_years=number(lambda age: 16 <= age < 50), sex="female"),
          OR(Neutrophils(grade=P(lambda g: g in ("mild", "moderate"))),
             WhiteCount(status="low")),
          NOT(Neutrophils(grade="severe")), NOT(Findings(splenomegaly="yes")),
          NOT(Lymphocytes(status="lymphocytosis")),
          NOT(Findings(antinuclear_antibodies=W())))
    def fever_beside_a_lasting_mild_leukopenia_in_a_young_woman(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "A fever beside a white count low for months, not low enough to invite "
                      "infection, in a woman of childbearing age is how lupus often shows "
                      "(fever and leukopenia are 5 of the 10 points that, with a positive ANA, "
                      "classify it): send the ANA, anti-dsDNA and complement.",
                      "aringer-sle-2019")
        self.ask("antinuclear_antibodies", FOLLOW_UP + 6,
                 "A fever beside a lasting mild leukopenia in a young woman: the ANA decides "
                 "whether lupus is behind both.")

    @Rule(Findings(anti_dsdna_or_sm="positive"), CellLines(pattern=W()))
    def lupus_specific_antibodies_with_a_low_count(self):
        self.evidence("systemic_lupus_erythematosus", STRONG_FOR,
                      "Anti-dsDNA or anti-Sm is about 95% specific for lupus and weighs 6 points "
                      "of the 2019 EULAR/ACR criteria: beside a low count it makes lupus the "
                      "likelier cause (drugs and infection still to be excluded).",
                      "aringer-sle-2019")

    @Rule(Findings(anti_dsdna_or_sm="negative"), Findings(antinuclear_antibodies="positive"),
          CellLines(pattern=W()))
    def no_lupus_specific_antibodies(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_AGAINST,
                      "Neither anti-dsDNA nor anti-Sm: a third of patients with lupus lack "
                      "anti-dsDNA, so it lowers lupus about threefold without excluding it.",
                      "aringer-sle-2019")

    @Rule(OR(Labs(c3=reported_as("low")), Labs(c3=below(90)), Labs(c4=reported_as("low")),
             Labs(c4=below(10))),
          OR(Findings(antinuclear_antibodies="positive"), Findings(lupus_rash="yes"),
             Findings(anti_dsdna_or_sm="positive")),
          CellLines(pattern=W()))
    def low_complement_with_features_of_lupus(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "A low C3 or C4 beside a positive ANA or a lupus rash shows immune "
                      "complexes consuming complement, as in active lupus (3-4 points of the "
                      "2019 EULAR/ACR criteria).", "aringer-sle-2019")

    @Rule(Findings(antinuclear_antibodies="negative"))
    def negative_ana(self):
        self.evidence("systemic_lupus_erythematosus", RULES_OUT,
                      "Nearly everyone with lupus has a positive ANA.", "hematology-texts")

    @Rule(Lymphocytes(status="lymphopenia"),
          OR(Findings(lupus_rash="yes"), Findings(antinuclear_antibodies="positive")))
    def lymphopenia_with_features_of_lupus(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "Lupus lowers lymphocytes more than any other line.", "seed-003")

    @Rule(Findings(lupus_rash="no", joint_symptoms="no"))
    def no_rash_and_no_joint_symptoms(self):
        self.evidence("systemic_lupus_erythematosus", STRONG_AGAINST,
                      "Lupus with a low count but neither rash nor joint symptoms is unusual.",
                      "seed-001")

    @Rule(Patient(age_years=UNDER_FIVE), CellLines(pattern=W()))
    def young_child_with_a_low_count(self):
        self.evidence("systemic_lupus_erythematosus", STRONG_AGAINST,
                      "Lupus is very rare before school age.", "hematology-texts")
        self.evidence("rheumatoid_arthritis", STRONG_AGAINST,
                      "Rheumatoid arthritis is an adult disease.", "hematology-texts")
        self.evidence("felty_syndrome", RULES_OUT,
                      "Felty syndrome follows years of adult rheumatoid arthritis.", "ash-2012")

    # ---- Sjögren syndrome ----------------------------------------------------------------------
    # The 2016 ACR/EULAR criteria: anti-Ro/SSA (3 points) and a focal sialadenitis on lip biopsy
    # (3) with tests of dry eyes and mouth (1 each); 4 or more classify it. A low white count
    # (neutrophils, lymphocytes) is among its commonest systemic signs.

    @Rule(Findings(antinuclear_antibodies="positive"), CellLines(pattern=W()),
          NOT(Patient(age_years=UNDER_FIVE)))
    def ask_about_dry_eyes_and_mouth_once_the_ana_is_positive(self):
        self.ask("sicca_symptoms", DETAIL + 2,
                 "Dry eyes and mouth with a positive ANA and a low count point to Sjögren "
                 "syndrome.")

    # An adult whose count has stayed low for three months or more is asked about dryness, as
    # in the work-up of a chronic neutropenia: Sjögren syndrome is one of its commoner causes.
    @Rule(Findings(low_count_first_noted_weeks_ago=number(lambda weeks: weeks >= 12)),
          Patient(age_years=number(lambda age: age >= 16)), CellLines(pattern=W()))
    def ask_about_dry_eyes_and_mouth_in_a_chronic_low_count(self):
        self.ask("sicca_symptoms", DETAIL + 2,
                 "A count low for months in an adult: dry eyes and mouth point to Sjögren "
                 "syndrome.")

    @Rule(OR(Findings(sicca_symptoms="yes"),
             AND(Findings(antinuclear_antibodies="positive"), Lymphocytes(status="lymphopenia"))),
          CellLines(pattern=W()))
    def ask_for_anti_ro(self):
        self.ask("anti_ro_ssa", FOLLOW_UP,
                 "Anti-Ro/SSA is the antibody of Sjögren syndrome (and of some lupus).")
        self.ask("antinuclear_antibodies", FOLLOW_UP + 1,
                 "Most patients with Sjögren syndrome or lupus have a positive ANA.")

    # A diagnosis already made weighs as its classification did: leukopenia (neutrophils or
    # lymphocytes) is found in about one patient in five with Sjögren syndrome and in about
    # half with lupus, where it is one of the classification items. The low count is then
    # the disease's own unless a drug, an infection or, in Sjögren syndrome, a lymphoma
    # explains it better.
    @Rule(Findings(known_sjogren_syndrome="yes"), CellLines(pattern=W()))
    def low_count_in_known_sjogren_syndrome(self):
        self.evidence("sjogren_syndrome", VERY_STRONG_FOR,
                      "Known Sjögren syndrome lowers the neutrophils or lymphocytes in about one "
                      "patient in five, through anti-Ro/SSA and anti-neutrophil antibodies.",
                      "shiboski-sjogren-2017")

    @Rule(Findings(known_sjogren_syndrome="yes"), Lymphocytes(status="lymphopenia"),
          NOT(CellLines(pattern=W())))
    def lymphopenia_in_known_sjogren_syndrome(self):
        self.evidence("sjogren_syndrome", VERY_STRONG_FOR,
                      "A low lymphocyte count (CD4 cells above all) is common in Sjögren "
                      "syndrome.", "shiboski-sjogren-2017")

    @Rule(Findings(known_sjogren_syndrome="yes"), CellLines(pattern=W()),
          OR(Findings(lymphadenopathy="yes"), Findings(splenomegaly="yes"),
             Findings(b_symptoms="yes")))
    def nodes_spleen_or_b_symptoms_in_known_sjogren_syndrome(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Sjögren syndrome carries a many-fold risk of B-cell (MALT and diffuse "
                      "large B-cell) lymphoma: nodes, a big spleen or B symptoms beside low "
                      "counts call for a biopsy.", "hematology-texts")

    @Rule(Findings(known_lupus="yes"), OR(CellLines(pattern=W()),
                                          Lymphocytes(status="lymphopenia")))
    def low_count_in_known_lupus(self):
        self.evidence("systemic_lupus_erythematosus", STRONG_FOR,
                      "Known lupus lowers the white count in about half of patients (the "
                      "lymphocytes most, the neutrophils through antibodies), and leukopenia "
                      "is one of its classification items.", "aringer-sle-2019")

    @Rule(Findings(sicca_symptoms="yes"), CellLines(pattern=W()))
    def dry_eyes_and_mouth_with_a_low_count(self):
        self.evidence("sjogren_syndrome", MODERATE_FOR,
                      "Months of dry eyes and mouth beside a low white count point to Sjögren "
                      "syndrome, which lowers the neutrophils or lymphocytes in about one "
                      "patient in five.", "shiboski-sjogren-2017")

    @Rule(Findings(anti_ro_ssa="positive"), CellLines(pattern=W()))
    def anti_ro_with_a_low_count(self):
        self.evidence("sjogren_syndrome", STRONG_FOR,
                      "Anti-Ro/SSA beside a low white count is Sjögren syndrome's antibody (3 of "
                      "the 4 points that classify it), and anti-Ro goes with its leukopenia.",
                      "shiboski-sjogren-2017")
        self.evidence("systemic_lupus_erythematosus", WEAK_FOR,
                      "Anti-Ro/SSA is found in a third of patients with lupus too.",
                      "aringer-sle-2019")

    # The 2012 ACR criteria (the SICCA cohort) took rheumatoid factor together with an ANA
    # of 1:320 or more as the alternative to anti-Ro/SSA: the polyclonal B-cell activation of
    # Sjögren syndrome. Without arthritis, the pair points to Sjögren syndrome rather than to
    # rheumatoid arthritis.
    @Rule(Findings(rheumatoid_serology="positive", antinuclear_antibodies="positive"),
          NOT(Findings(joint_symptoms="yes")), NOT(Findings(rheumatoid_arthritis="yes")),
          CellLines(pattern=W()), NOT(Patient(age_years=number(lambda age: age < 16))))
    def rheumatoid_factor_and_ana_without_arthritis(self):
        self.evidence("sjogren_syndrome", MODERATE_FOR,
                      "Rheumatoid factor with a positive ANA and no arthritis is the serology "
                      "of Sjögren syndrome (the 2012 ACR criteria accept the pair in place of "
                      "anti-Ro/SSA): ask about dry eyes and mouth.", "shiboski-sjogren-2012")

    @Rule(Findings(anti_ro_ssa="positive", sicca_symptoms="yes"), CellLines(pattern=W()))
    def anti_ro_with_dry_eyes_and_mouth(self):
        self.evidence("sjogren_syndrome", MODERATE_FOR,
                      "Anti-Ro with the sicca symptoms is nearly the full classification (a "
                      "Schirmer test or salivary flow completes it).", "shiboski-sjogren-2017")

    @Rule(Findings(anti_ro_ssa="negative"))
    def no_anti_ro(self):
        self.evidence("sjogren_syndrome", MODERATE_AGAINST,
                      "Without anti-Ro/SSA, Sjögren syndrome needs a lip biopsy to be "
                      "classified; about a third of patients are seronegative.",
                      "shiboski-sjogren-2017")

    @Rule(Findings(sicca_symptoms="no"))
    def no_dry_eyes_or_mouth(self):
        self.evidence("sjogren_syndrome", STRONG_AGAINST,
                      "Sjögren syndrome without dry eyes or mouth is unusual.",
                      "shiboski-sjogren-2017")

    @Rule(Findings(antinuclear_antibodies="negative"))
    def negative_ana_against_sjogren(self):
        self.evidence("sjogren_syndrome", MODERATE_AGAINST,
                      "Most patients with Sjögren syndrome have a positive ANA.",
                      "hematology-texts")

    @Rule(Patient(age_years=number(lambda age: age < 16)), CellLines(pattern=W()))
    def child_with_a_low_count_against_sjogren(self):
        self.evidence("sjogren_syndrome", STRONG_AGAINST,
                      "Sjögren syndrome is a disease of adults, mostly women past forty.",
                      "hematology-texts")

    # ---- primary autoimmune neutropenia of infancy ---------------------------------------------

    @Rule(Patient(age_years=INFANT_OR_TODDLER), Neutrophils(status="absolute_neutropenia"),
          CellLines(pattern="isolated"))
    def isolated_neutropenia_in_an_infant_or_toddler(self):
        self.evidence("autoimmune_neutropenia", STRONG_FOR,
                      "Primary autoimmune neutropenia is the commonest chronic neutropenia of "
                      "infants and toddlers, with the other lines normal.", "ash-2012")

    # The age not given, but the count first found low in the first months of life: the
    # commonest chronic isolated neutropenia of that age is still the primary autoimmune one
    # (onset mostly at 5-15 months), ahead of the rare congenital neutropenias. Less weight
    # than a known age, since "the first months" also holds the neonatal onset of the
    # congenital forms.
    @Rule(Findings(age_at_onset="first_months"), NOT(Patient(age_years=W())),
          Neutrophils(status="absolute_neutropenia"), CellLines(pattern="isolated"))
    def isolated_neutropenia_first_found_in_infancy_the_age_not_given(self):
        self.evidence("autoimmune_neutropenia", MODERATE_FOR,
                      "An isolated neutropenia first found in infancy is most often the "
                      "primary autoimmune neutropenia of infancy (onset mostly at 5-15 months, "
                      "mild infections, resolving by school age); the congenital forms are far "
                      "rarer. Anti-neutrophil antibodies, repeated if negative, confirm it.",
                      "ash-2012")

    @Rule(Patient(age_years=UNDER_SIX), Neutrophils(grade="severe"),
          Findings(infection_severity=MILD_OR_NO_INFECTIONS))
    def very_low_count_but_mild_infections_in_a_young_child(self):
        self.evidence("autoimmune_neutropenia", STRONG_FOR,
                      "A count that looks severe on paper with only mild infections is typical "
                      "of autoimmune neutropenia: the marrow still releases neutrophils to "
                      "infected tissue.", "ash-2012")
        self.evidence("severe_congenital_neutropenia", MODERATE_AGAINST,
                      "Severe congenital neutropenia rarely spares an infant serious bacterial "
                      "infection.", "seed-003")

    # The primary autoimmune neutropenia of infancy is acquired and sporadic (in 240 infants,
    # Bux 1998: onset at 3-30 months, median 8, mild infections, recovery by school age): a
    # relative with neutropenia or an early death from infection points away from it, to an
    # inherited neutropenia.
    @Rule(Patient(age_years=UNDER_SIX), Findings(family_history_of_neutropenia="yes"),
          Neutrophils(status="absolute_neutropenia"))
    def neutropenia_in_the_family_of_a_young_child(self):
        self.evidence("autoimmune_neutropenia", MODERATE_AGAINST,
                      "The autoimmune neutropenia of infancy is acquired and sporadic; an "
                      "affected relative, or a sibling who died of infection, points to an "
                      "inherited neutropenia instead.", "bux-ain-1998")

    @Rule(Findings(anti_neutrophil_antibodies="positive"),
          Neutrophils(status="absolute_neutropenia"))
    def anti_neutrophil_antibodies_found(self):
        self.evidence("autoimmune_neutropenia", VERY_STRONG_FOR,
                      "Antibodies against neutrophil antigens explain their destruction.",
                      "seed-001")

    @Rule(Findings(anti_neutrophil_antibodies="negative"))
    def anti_neutrophil_antibodies_not_found(self):
        self.evidence("autoimmune_neutropenia", MODERATE_AGAINST,
                      "No antibodies found, although a single test misses a good share of cases.",
                      "ash-2012")

    @Rule(Patient(age_years=TEN_OR_OLDER), Neutrophils(status="absolute_neutropenia"))
    def neutropenia_beyond_early_childhood(self):
        self.evidence("autoimmune_neutropenia", STRONG_AGAINST,
                      "Primary autoimmune neutropenia begins in infancy and usually resolves by "
                      "school age; in older patients autoimmune neutropenia is secondary to "
                      "another disease.", "ash-2012")

    @Rule(CellLines(pattern=SEVERAL_LINES))
    def several_lines_low_against_isolated_autoimmune_neutropenia(self):
        self.evidence("autoimmune_neutropenia", STRONG_AGAINST,
                      "Primary autoimmune neutropenia lowers the neutrophils alone.", "ash-2012")
