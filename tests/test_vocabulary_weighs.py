"""Every answer a case can give is weighed somewhere, or is on a commented list of answers
that rightly weigh nothing on their own (issue 11: a decisive work-up result that changes
nothing is a silent loss). Each findings answer (every choice of every choice key, yes and
no, a few numbers), each film finding and each lab written as ``low`` or ``high`` is added
to a few small base cases in turn; it must change some evidence in at least one of them.

A new vocabulary key or choice that no rule weighs fails here until a rule weighs it or it
is added to RIGHTLY_WEIGHS_NOTHING with the reason."""

from __future__ import annotations

import copy

from engine.inference import run_rules
from engine.kb_check import case_file_keys
from tests.conftest import make_case

# Small cases the answers are added to: the common presentations whose rules gate the rest.
BASES = (
    {"patient": {"age_years": 45, "sex": "female"},
     "labs": {"wbc": 2800, "anc": 800, "hemoglobin": 13.5, "platelets": 250000}},
    {"patient": {"age_years": 62, "sex": "male"},
     "labs": {"wbc": 1800, "anc": 600, "hemoglobin": 8.5, "platelets": 60000}},
    {"patient": {"age_years": 4, "sex": "male"},
     "labs": {"wbc": 3500, "anc": 700, "hemoglobin": 12, "platelets": 250000}},
    {"patient": {"age_years": 50, "sex": "female"},
     "labs": {"wbc": 1200, "anc": 300, "hemoglobin": 12, "platelets": 200000},
     "findings": {"temperature_c": 38.8}},
    {"patient": {"age_years": 40, "sex": "male"},
     "labs": {"wbc": 4500, "anc": 3200, "alc": 600, "cd4": 150, "hemoglobin": 13,
              "platelets": 220000}},
    {"patient": {"age_years": 55, "sex": "male"},
     "labs": {"wbc": 2500, "anc": 1000, "hemoglobin": 10, "platelets": 90000},
     "findings": {"splenomegaly": "yes"}},
)

# Numbers tried for the numeric findings (others: their minimum, maximum and midpoint).
PROBE_NUMBERS = {
    "temperature_c": (36.8, 38.5, 40), "rheumatoid_arthritis_years": (1, 12),
    "acute_infection_onset_days": (1, 5, 25), "travel_weeks_ago": (1, 4, 30),
    "transplant_months_ago": (1, 6, 36), "cancer_treatment_years_ago": (0.5, 3, 10),
    "days_since_chemotherapy": (3, 10, 21, 60), "body_mass_index": (14, 22, 40),
    "low_count_first_noted_weeks_ago": (1, 8, 104), "spleen_cm_below_costal_margin": (2, 10),
    "spleen_length_cm": (11, 15, 22), "heart_rate": (70, 125), "systolic_bp": (80, 120),
    "respiratory_rate": (14, 28), "spo2": (88, 98), "marrow_blasts_pct": (2, 10, 40),
    "marrow_plasma_cells_pct": (3, 30),
}

_NO_SIGN = "the absence of a sign or history that is rare in the causes it would raise"
_GATED = "weighs only beside another answer it refines (a follow-up question)"
_VITAL = "one vital sign alone is not a sepsis sign: qSOFA and SIRS count two or more"
_WORD = "a value outside the range, but not far enough to move a cause (the rules weigh " \
        "thresholds well beyond the reference limit, or the lab only refines another)"

# Answers that rightly weigh nothing in these base cases, with the reason.
RIGHTLY_WEIGHS_NOTHING = {
    # -- findings answered "no": absent signs that no cause is defined by
    **{f"findings.{key}=no": _NO_SIGN for key in (
        "lupus_rash", "painless_mouth_ulcers", "serositis", "family_history_of_neutropenia",
        "parental_consanguinity", "short_stature", "skeletal_anomalies",
        "thumb_or_radial_anomalies", "cafe_au_lait_spots", "microcephaly",
        "atypical_mycobacterial_infection", "sick_contacts", "central_line",
        "chronic_hemolytic_anemia", "oral_thrush", "weight_loss", "b_symptoms", "bone_pain",
        "hypercalcemia", "renal_impairment", "past_cancer_treatment", "known_mpn",
        "bleeding_signs", "recent_hepatitis", "radiation_exposure",
        "sore_throat_or_mouth_ulcers", "bariatric_or_gastric_surgery", "malabsorption",
        "copper_poor_feeding",
        "neuropathy_or_ataxia", "pernicious_anemia", "anorexia_nervosa", "glossitis",
        "hilar_lymphadenopathy", "known_immunodeficiency", "automated_differential_normal",
        "massive_splenomegaly", "portal_hypertension", "alcohol_excess", "splenectomy",
        "jaundice", "confusion", "marrow_dry_tap", "marrow_granulomas", "marrow_dysplasia",
        "marrow_megaloblastic", "opportunistic_infection", "erythema_nodosum",
        "reticulate_skin_pigmentation", "family_history_of_aplastic_anemia_or_mds",
        "known_sjogren_syndrome", "known_lupus", "eschar", "outdoor_exposure",
        "miliary_chest_imaging")},
    "findings.pregnant=no": "not pregnant: the usual adult ranges and causes stand",
    "findings.pregnant=yes": _GATED + " (several low lines or large red cells: folate "
        "deficiency, aplastic anaemia)",
    "findings.tissue_granulomas=none": _NO_SIGN,
    "findings.previous_counts_normal=no": "earlier low counts: the time course "
        "(earlier_counts) carries it, with dates",
    "findings.known_thyroid_disease=none": _NO_SIGN,
    "findings.rash=none": "weighs only beside a tick bite (rickettsiae nearly always bring a "
        "rash), which these base cases do not have",
    **{f"findings.{key}=other": "no region with a travel-related cause of its own"
       for key in ("travel_region", "home_region")},
    **{f"findings.{key}={region}": _GATED + " (fever with low platelets: the "
       "tick-borne fevers caught there)" for region in (
           "balkans_eastern_europe", "east_asia", "north_america")
       for key in ("travel_region", "home_region")},
    "findings.leukemia_genetics=normal": "a normal karyotype is common in AML and MDS alike",
    "findings.bcr_abl=negative": "excludes chronic myeloid leukaemia, not a cause here",
    "findings.ebv_test=negative": "one virus among many; weighs with a negative CMV test",
    "findings.hepatitis_b_test=negative": "weighs with a negative hepatitis C test after a "
        "hepatitis (seronegative hepatitis-associated aplasia)",
    "findings.hepatitis_c_test=negative": "weighs with a negative hepatitis B test after a "
        "hepatitis (seronegative hepatitis-associated aplasia)",
    "findings.blood_culture=fungal": "a fungaemia in a neutropenic patient is a consequence of "
        "the low count, not a cause the catalogue holds",
    "findings.days_since_chemotherapy=3": "too early for the nadir, too late to exclude it",
    # -- follow-ups that refine an earlier answer
    **{f"findings.rheumatoid_arthritis_years={value}": _GATED for value in (1, 12)},
    **{f"findings.infection_severity={value}": _GATED for value in ("none", "mild")},
    "findings.infection_severity=severe": _GATED + " (a young child's severe count, or "
        "Duffy-prone ancestry)",
    "findings.mosquito_borne_features=yes": _GATED + " (tropical travel)",
    "findings.enteric_features=yes": _GATED + " (tropical travel)",
    "findings.travel_weeks_ago=1": _GATED + " (travel)",
    **{f"findings.transplant_months_ago={value}": _GATED + " (a transplant)"
       for value in (1, 6)},
    **{f"findings.cancer_type={value}": _GATED + " (a known cancer with several low lines)"
       for value in ("breast", "prostate", "lung", "gastrointestinal", "other_solid")},
    **{f"findings.cancer_treatment_years_ago={value}": _GATED + " (past cancer treatment)"
       for value in (0.5, 3, 10)},
    "findings.sore_throat_or_mouth_ulcers=yes": _GATED + " (a drug that causes "
        "agranulocytosis, or neck nodes)",
    "findings.count_fell_again_on_re_exposure=yes": _GATED + " (a suspect drug)",
    "findings.count_fell_again_on_re_exposure=no": "a count that stayed up on re-exposure is "
        "not weighed against the drug: the re-exposure may have been short or at a lower dose",
    **{f"findings.thiopurine_metabolism={value}": _GATED + " (a thiopurine)" for value in (
        "poor_metabolizer", "intermediate_metabolizer", "normal_metabolizer")},
    "findings.spleen_length_cm=11": "a spleen of normal length",
    # -- single vital signs
    **{f"findings.{key}": _VITAL for key in (
        "heart_rate=70", "systolic_bp=120", "respiratory_rate=14", "spo2=88", "spo2=98",
        "confusion=yes")},
    # -- percentages whose absolute count carries the weight
    **{f"labs.{key}={word}": "a percentage: the absolute count made from it weighs"
       for key in ("neutrophils_pct", "bands_pct", "lymphocytes_pct", "eosinophils_pct")
       for word in ("low", "high")},
    "labs.blasts_pct=low": "no reference range is kept (the word is refused)",
    "labs.blasts_pct=high": "no reference range is kept (the word is refused)",
    # -- lab words: nonspecific, or below thresholds that mean something
    **{f"labs.{key}": _WORD for key in (
        "crp=low", "crp=high", "eosinophils=low", "basophils=low", "atypical_lymphocytes_pct=low",
        "lgl=high", "cd4_pct=high", "reticulocytes=high", "hematocrit=low", "hematocrit=high",
        "ldh=low", "ldh=high", "haptoglobin=low", "bilirubin=low", "bilirubin=high", "alt=low",
        "ast=low", "esr=low", "esr=high", "ferritin=high", "creatinine=low", "creatinine=high",
        "calcium=low", "total_protein=low", "iga=low", "iga=high", "igm=low", "igm=high")},
    # -- HLH-2004 items: they weigh beside a fever and two low lines, or in the criteria set
    **{f"labs.{key}": _GATED + " (an HLH-2004 item: fever and two or more low lines)"
       for key in ("triglycerides=high", "fibrinogen=low", "soluble_cd25=high")},
    "labs.triglycerides=low": "low triglycerides point to no cause of a low count",
    "labs.fibrinogen=high": "fibrinogen is an acute-phase protein: high in any inflammation",
    # -- EULAR/ACR lupus items: they weigh beside a positive ANA (or a lupus rash)
    **{f"labs.{key}": _GATED + " (a lupus criterion: a positive ANA or a lupus rash)"
       for key in ("c3=low", "c4=low", "urine_protein=high")},
    "findings.anti_dsdna_or_sm=negative": _GATED + " (a positive ANA)",
    "labs.c3=high": "complement is an acute-phase protein: high in any inflammation",
    "labs.c4=high": "complement is an acute-phase protein: high in any inflammation",
    "labs.urine_protein=low": "no urine protein is normal and points to no cause",
    "labs.albumin=low": _GATED + " (a lymphopenia with a low IgG or malabsorption)",
    "labs.globulin=low": "a low globulin points to an antibody deficiency, which the "
        "immunoglobulins themselves weigh",
    "findings.nk_cell_activity=normal": "normal NK-cell activity is usual in secondary HLH "
        "and does not exclude it",
}


def _probes():
    for key in case_file_keys():
        if key.section == "findings":
            if key.type == "yes/no":
                values = ("yes", "no")
            elif key.type == "choice":
                values = tuple(v for v in key.allowed if v != "unknown")
            else:
                low, high = key.minimum, key.maximum
                values = PROBE_NUMBERS.get(key.key) or tuple(sorted({
                    v for v in (low, high, None if low is None or high is None
                                else (low + high) / 2) if v is not None}))
            for value in values:
                yield "findings", key.key, value
        elif key.section == "smear" and key.key not in ("unknown",):
            yield "smear", key.key, True
        elif key.section == "labs" and key.type in ("count", "percent", "number"):
            for word in ("low", "high"):
                yield "labs", key.key, word


def _evidence(assessor, sections):
    try:
        case = make_case(**sections)
    except AssertionError:
        return None  # a word refused for a lab without a reference range
    return {(e["rule"], e["cause"], e["weight"]) for e in run_rules(assessor.reasoner,
                                                                    case).evidence}


def test_every_answer_a_case_can_give_weighs_or_is_listed_as_rightly_weighing_nothing(assessor):
    bases = [(base, _evidence(assessor, copy.deepcopy(base))) for base in BASES]
    silent = []
    for section, key, value in _probes():
        name = f"{section}.{key}={value}"
        weighs = False
        for base, before in bases:
            sections = copy.deepcopy(base)
            if section == "smear":
                sections["smear"] = [key]
            elif key not in ("wbc", "anc", "alc", "hemoglobin", "platelets", "cd4") \
                    or section != "labs":
                sections.setdefault(section, {})[key] = value
            else:
                sections = {**sections, "labs": {key: value}}
            after = _evidence(assessor, sections)
            if after is not None and after != before:
                weighs = True
                break
        if not weighs and name not in RIGHTLY_WEIGHS_NOTHING:
            silent.append(name)
    assert not silent, ("answers that weigh nothing (add a rule, or list them with the reason "
                        f"in RIGHTLY_WEIGHS_NOTHING): {silent}")


def test_the_rightly_weighs_nothing_list_names_only_real_answers():
    known = {(k.section, k.key) for k in case_file_keys()}
    unknown = [name for name in RIGHTLY_WEIGHS_NOTHING
               if tuple(name.split("=", 1)[0].split(".", 1)) not in known]
    assert not unknown, f"listed but not in the vocabulary: {unknown}"
