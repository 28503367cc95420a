"""The check that every cause in the catalogue says what to do next: at least one test that
would confirm or exclude it and one action, each with a known source, from its own entry in
rules/data/next_steps.yaml or its category's; no entry for a cause that does not exist; and
the interacting pairs and the labs a step depends on named as the dictionary names them."""

from __future__ import annotations

from rules.catalogue import NEXT_STEP_KINDS, STEP_CONDITIONS, Catalogue

from .kb_check import Problem

WHERE = "rules/data/next_steps.yaml"


def check_next_steps(catalogue: Catalogue) -> list[Problem]:
    """Problems with the next steps, as ``kb check`` reports them (errors)."""
    problems = []

    def problem(check: str, subject: str, message: str) -> None:
        problems.append(Problem(check=check, severity="error", where=WHERE, subject=subject,
                                message=message))

    for cause_id in sorted(catalogue.causes):
        steps = catalogue.steps_for(cause_id)
        kinds = {step.kind for step in steps}
        missing = [kind for kind in NEXT_STEP_KINDS if kind not in kinds]
        if not steps:
            problem("cause_without_next_steps", cause_id,
                    f"cause {cause_id!r} has no next steps: add a 'test' (what would confirm "
                    "or exclude it) and an 'act' (what to do), each with a source, under "
                    f"causes: {cause_id}:")
        elif missing:
            problem("cause_without_next_steps", cause_id,
                    f"cause {cause_id!r} has no {' and no '.join(missing)} step: add one "
                    f"under causes: {cause_id}:")
    owners = [("causes", cid, steps) for cid, steps in catalogue.next_steps.items()] + \
        [("categories", cat, steps) for cat, steps in catalogue.category_next_steps.items()]
    for number, pair in enumerate(catalogue.interaction_steps, start=1):
        owner = " + ".join(pair.toxins) or f"interaction {number}"
        if not pair.toxins or not pair.partners or not pair.steps:
            problem("malformed_interaction_steps", owner,
                    f"interactions: {owner} needs toxins:, partners: and steps:")
        for generic in (*pair.toxins, *pair.partners):
            if generic not in catalogue.drugs:
                problem("interaction_with_unknown_drug", owner,
                        f"interactions: {owner} names {generic!r}, which is not a generic "
                        "name in drugs.yaml")
        owners.append(("interactions", owner, pair.steps))
    for section, owner, steps in owners:
        if section == "causes" and owner not in catalogue.causes:
            problem("next_steps_for_unknown_cause", owner,
                    f"next steps for {owner!r}, which is not a cause in the catalogue")
        for number, step in enumerate(steps, start=1):
            where = f"{section}: {owner}: step {number}"
            if not step.kind or not step.text.strip():
                problem("malformed_next_step", owner,
                        f"{where} needs exactly one of 'test:' or 'act:' with its text")
            if not step.source:
                problem("next_step_without_source", owner, f"{where} has no source")
            elif step.source not in catalogue.sources:
                problem("unknown_source", owner,
                        f"{where} cites {step.source!r}, which is not in sources.yaml")
            for key in STEP_CONDITIONS:
                for lab in getattr(step, key):
                    if lab in catalogue.labs and catalogue.labs[lab].normal is not None or \
                            _is_test_finding(catalogue, lab):
                        continue
                    problem("step_names_unknown_lab", owner,
                            f"{where}: {key} names {lab!r}, which is neither a lab with a "
                            "reference range in labs.yaml nor a finding with a result "
                            "(positive / negative, or yes / no)")
    for cause_id in catalogue.own_steps_only:
        if cause_id not in catalogue.causes:
            problem("next_steps_for_unknown_cause", cause_id,
                    f"own_steps_only names {cause_id!r}, which is not a cause in the catalogue")
    return problems


def _is_test_finding(catalogue: Catalogue, key: str) -> bool:
    """A finding whose answer is a normal or an abnormal result: a test positive or negative,
    or a yes / no finding."""
    question = catalogue.questions.get(key)
    return question is not None and question.section == "findings" and (
        question.kind == "yesno" or
        question.kind == "choice" and tuple(question.choices) == ("positive", "negative"))
