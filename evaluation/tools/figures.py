"""The evaluation figures the issue sets targets for, from `leukodx score DIR --format json`:
top-1 and top-3 (over cases with an expected cause id), cases that rank nothing although they
give a count or name a cytopenia, and neutropenic fever: flagged in cases with fever and a
severe or agranulocytic ANC (fever read from the case file — fever: yes, or 38.0 °C or more —
the grade from leukodx's reading), and flagged where the blind entry expected it (independent
of leukodx's reading). Top-1 and top-3 count the expected cause's position in the list (after
the deterministic order within a tie, so figures stay comparable across sets); a further line
counts the hits and misses that rest on a tie: the expected cause's score equals that of the
cause across the cut (for a hit, the first cause below the cut; for a miss, the cause at it),
so that only the order within the tie (prior, then id) put it on its side of the cut.

    uv run leukodx score evaluation/dev --format json | uv run python evaluation/tools/figures.py
"""

import json
import sys

import yaml

report = json.load(sys.stdin)
with_cause = hits1 = hits3 = 0
nothing, fever_cases, fever_flagged, fever_missed = [], 0, 0, []
on_a_tie = {"top-1 hits": 0, "top-1 misses": 0, "top-3 hits": 0, "top-3 misses": 0}
expected_fever = expected_fever_found = 0
for case in report["cases"]:
    if case["status"] != "ok":
        continue
    with open(case["file"], encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    findings = doc.get("findings") or {}
    labs = doc.get("labs") or {}
    if not case["ranking"] and (labs or case["reading"].get("cytopenias")):
        nothing.append(case["id"])
    hit = case.get("hit") or {}
    if hit.get("expected_causes"):
        with_cause += 1
        rank = hit.get("rank")
        hits1 += rank == 1
        hits3 += rank is not None and rank <= 3
        if rank is not None:
            scores = [cause["score"] for cause in case["ranking"]]
            score = scores[rank - 1]
            for cut in (1, 3):
                if rank <= cut:  # a hit: does a cause below the cut share its score?
                    on_a_tie[f"top-{cut} hits"] += len(scores) > cut and scores[cut] == score
                else:  # a miss: does the cause at the cut share its score?
                    on_a_tie[f"top-{cut} misses"] += scores[cut - 1] == score
    if "neutropenic_fever" in (hit.get("pitfalls_found") or []) + (hit.get("pitfalls_missed") or []):
        expected_fever += 1
        expected_fever_found += "neutropenic_fever" in (hit.get("pitfalls_found") or [])
    temperature = findings.get("temperature_c")
    febrile = str(findings.get("fever")).lower() in ("yes", "true") or (
        isinstance(temperature, (int, float)) and temperature >= 38.0)
    reading = case["reading"]
    severe = reading.get("grade") == "severe" or reading.get("agranulocytosis")
    if febrile and severe:
        fever_cases += 1
        if any(p["id"] == "neutropenic_fever" for p in case["pitfalls"]):
            fever_flagged += 1
        else:
            fever_missed.append(case["id"])
print(f"cases scored: {sum(c['status'] == 'ok' for c in report['cases'])}; "
      f"with an expected cause id: {with_cause}")
print(f"top-1 {hits1 / with_cause:.1%} ({hits1}); top-3 {hits3 / with_cause:.1%} ({hits3})")
print(f"resting on a tie at the cut (the expected cause's score equals the score across it): "
      f"top-1 hits {on_a_tie['top-1 hits']}, misses {on_a_tie['top-1 misses']}; "
      f"top-3 hits {on_a_tie['top-3 hits']}, misses {on_a_tie['top-3 misses']}")
print(f"rank nothing although a count or cytopenia is given: {len(nothing)} {nothing}")
print(f"neutropenic fever flagged: {fever_flagged} of {fever_cases} "
      f"(fever with a severe or agranulocytic ANC){' missed: ' + str(fever_missed) if fever_missed else ''}")
print(f"neutropenic fever where the blind entry expects it: flagged {expected_fever_found} of "
      f"{expected_fever}")
