"""The report's lines under the ranking, read at 80 columns: a long strongest finding wraps
under its own text, not under its number; the must-not-miss causes outside the table are
"not shown above" (one may share the table's last place, "=4"), never "ranked lower"."""

from __future__ import annotations

import io

from rich.console import Console

from interview.render import also_must_not_miss, render_result

METHOTREXATE_WITH_COTRIMOXAZOLE = dict(
    patient={"age_years": 68, "sex": "female"},
    labs={"wbc": 2100, "anc": 1100, "hemoglobin": 9.8, "mcv": 108, "platelets": 85000,
          "vitamin_b12": 474, "creatinine": 2.4},
    smear=["hypersegmented_neutrophils", "macro_ovalocytes"],
    medications=[{"name": "methotrexate", "started_weeks_ago": 208},
                 {"name": "co-trimoxazole", "started_weeks_ago": 0.7}],
    findings={"temperature_c": 37.2, "renal_impairment": "yes", "joint_symptoms": "yes"})


def report(result) -> str:
    shown = io.StringIO()
    render_result(Console(file=shown, width=80), result)
    return shown.getvalue()


def test_a_long_strongest_finding_wraps_under_its_own_text(assess):
    lines = report(assess(**METHOTREXATE_WITH_COTRIMOXAZOLE)).splitlines()
    start = lines.index("Strongest finding for each:")
    block = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        block.append(line)
    numbered = [line for line in block if line.lstrip()[:1].isdigit() or
                line.lstrip()[:1] == "="]
    assert len(numbered) == 3 and len(block) > 3  # a finding took more than one line
    indent = len(numbered[0]) - len(numbered[0].lstrip()) + len(numbered[0].split()[0]) + 1
    for line in block:
        if line not in numbered:
            assert len(line) - len(line.lstrip()) == indent


def test_a_must_not_miss_cause_sharing_the_last_shown_place_is_not_called_ranked_lower(
        assess):
    result = assess(**METHOTREXATE_WITH_COTRIMOXAZOLE)
    shown_places = {cause.shared_rank for cause in result.ranking[:5]}
    sharing = [c for c in result.ranking[5:] if c.must_not_miss and c.shared_rank in shown_places]
    assert sharing  # this vignette has one: the premise of the test
    line = also_must_not_miss(result.ranking, 5).plain
    assert line.startswith("Also must not miss (not shown above): ")
    assert sharing[0].name in line
