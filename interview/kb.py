"""`leukodx kb`: look into the knowledge base (causes, questions, case-file keys, drugs),
check it, and write the trainee's handbook. Rendering only: the reading and the checks are
in engine/kb_check.py."""

from __future__ import annotations

import io
import json
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from engine import kb_check
from engine.assessment import NO_DRUG_NAMED
from engine.kb_check import CaseKey, EvidenceCall, KnowledgeBaseReport, RuleBook
from engine.units import COMMA_RULE
from rules.catalogue import CATEGORIES, TIER_PRIORS, Catalogue, load_catalogue

from .render import DISCLAIMER, add_plain_row, rationale_in_words

EXIT_OK, EXIT_FAILED = 0, 1


def run(args) -> int:
    """Dispatch ``leukodx kb WHAT``; returns the exit status."""
    from .cli import console, write_atomically

    what, fmt, output = args.what, getattr(args, "format", "table"), getattr(args, "output",
                                                                               None)
    catalogue = load_catalogue()
    if what == "handbook":
        text = handbook_markdown(catalogue, kb_check.read_rules(catalogue=catalogue))
        if output:
            write_atomically(output, text)
            print(f"handbook written to {output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return EXIT_OK

    status = EXIT_OK
    if what == "check":
        report = kb_check.check_knowledge_base(catalogue=catalogue)
        status = EXIT_OK if report.ok else EXIT_FAILED
        data, draw = (lambda: check_dict(report)), (lambda c: render_check(c, report))
    else:
        book = kb_check.read_rules(catalogue=catalogue)
        data, draw = {
            "causes": (lambda: causes_dict(catalogue, book), lambda c: render_causes(
                c, catalogue, book)),
            "questions": (lambda: questions_dict(catalogue, book), lambda c: render_questions(
                c, catalogue, book)),
            "findings": (lambda: findings_dict(catalogue), lambda c: render_findings(
                c, catalogue)),
            "drugs": (lambda: drugs_dict(catalogue), lambda c: render_drugs(c, catalogue)),
        }[what]

    if fmt == "json":
        text = json.dumps({"disclaimer": DISCLAIMER, **data()}, indent=2,
                          ensure_ascii=False) + "\n"
    else:
        buffer = io.StringIO() if output else None
        out = Console(file=buffer, width=140, highlight=False) if buffer else console()
        out.print(Text(DISCLAIMER, style="italic dim"))
        draw(out)
        text = buffer.getvalue() if buffer else None
    if text is not None:
        if output:
            write_atomically(output, text)
        else:
            sys.stdout.write(text)
    return status


# ---- causes -----------------------------------------------------------------------------

def causes_dict(catalogue: Catalogue, book: RuleBook) -> dict:
    causes = []
    for cause in _causes_in_order(catalogue):
        evidence = book.evidence_for(cause.id)
        causes.append({
            "id": cause.id, "name": cause.name, "category": cause.category,
            "category_name": CATEGORIES.get(cause.category, cause.category),
            "tier": cause.tier, "prior": cause.prior, "must_not_miss": cause.must_not_miss,
            "summary": cause.summary, "sources": list(cause.sources),
            "synonyms": list(cause.synonyms),
            "rules_for": _rule_names(e for e in evidence if e.direction == "for"),
            "rules_against": _rule_names(e for e in evidence if e.direction == "against"),
        })
    return {"causes": causes}


# the columns of `kb causes`, and the narrowest screen that shows each (ids never wrap;
# on a narrow screen the wide columns go and the caption says where to find them)
CAUSE_COLUMNS = (("Id", 0), ("Name", 0), ("Category", 90), ("Prior", 100),
                 ("Must not miss", 0), ("Rules for / against", 110), ("Sources", 130),
                 ("Synonyms", 180))


RATIOS = {"Name": 2, "Synonyms": 1}


def render_causes(out: Console, catalogue: Catalogue, book: RuleBook) -> None:
    shown = [(name, narrowest) for name, narrowest in CAUSE_COLUMNS if out.width >= narrowest]
    left_out = [name for name, narrowest in CAUSE_COLUMNS if out.width < narrowest]
    table = Table(title=f"Causes ({len(catalogue.causes)})", title_justify="left",
                  header_style="bold", show_lines=False, expand=True,
                  caption=(f"Not shown at this width: {', '.join(left_out)} (a wider screen, "
                           "or kb causes --format json)") if left_out else None,
                  caption_justify="left")
    widths = {"Id": max(len(c) for c in catalogue.causes), "Prior": 14, "Must not miss": 4,
              "Category": max(len(word) for label in CATEGORIES.values()
                              for word in label.split()),
              "Rules for / against": 8, "Sources": 16}
    for name, _ in shown:
        # an id never wraps; other text wraps between words in a column wide enough for
        # its longest word; Name and Synonyms share what is left
        table.add_column(name, no_wrap=name in ("Id", "Prior"), overflow="fold",
                         width=widths.get(name), ratio=RATIOS.get(name))
    for cause in _causes_in_order(catalogue):
        evidence = book.evidence_for(cause.id)
        backing = (f"{len(_rule_names(e for e in evidence if e.direction == 'for'))}/"
                   f"{len(_rule_names(e for e in evidence if e.direction == 'against'))}")
        cells = {"Id": cause.id, "Name": cause.name,
                 "Category": CATEGORIES.get(cause.category, cause.category),
                 "Prior": f"{cause.tier.replace('_', ' ')} ({cause.prior:+d})",
                 "Must not miss": Text("yes", style="bold red") if cause.must_not_miss else "",
                 "Rules for / against": backing, "Sources": ", ".join(cause.sources),
                 "Synonyms": ", ".join(cause.synonyms)}
        add_plain_row(table, *(cells[name] for name, _ in shown))
    out.print(table)


def _causes_in_order(catalogue: Catalogue):
    order = list(CATEGORIES)
    return sorted(catalogue.causes.values(),
                  key=lambda c: (order.index(c.category) if c.category in order else 99,
                                 c.name.lower()))


def _rule_names(calls) -> list[str]:
    return list(dict.fromkeys(call.rule for call in calls))


# ---- questions ---------------------------------------------------------------------------

def questions_dict(catalogue: Catalogue, book: RuleBook) -> dict:
    return {"questions": [
        {"id": q.id, "text": q.text, "section": q.section, "area": q.area, "kind": q.kind,
         "choices": list(q.choices), "unit": q.unit, "minimum": q.minimum,
         "maximum": q.maximum, "help": q.help, "asked_by": book.rules_asking(q.id)}
        for q in catalogue.questions.values()]}


def _answers(question) -> str:
    if question.kind == "yesno":
        return "yes / no / unknown"
    if question.kind == "choice":
        return " / ".join((*question.choices, "unknown"))
    if question.kind == "number":
        span = ""
        if question.minimum is not None and question.maximum is not None:
            span = f" {question.minimum:g}-{question.maximum:g}"
        return f"number{span} {question.unit or ''}".strip()
    return {"lab": "lab value (see kb findings)", "smear": "film finding ids",
            "medications": "list of drugs"}.get(question.kind, question.kind)


def render_questions(out: Console, catalogue: Catalogue, book: RuleBook) -> None:
    table = Table(title=f"Questions ({len(catalogue.questions)})", title_justify="left",
                  header_style="bold")
    for column in ("Id", "Question", "Section", "Answers", "Asked by"):
        table.add_column(column, overflow="fold")
    for question in catalogue.questions.values():
        asked = book.rules_asking(question.id)
        add_plain_row(table, question.id, question.text, question.section, _answers(question),
                      ", ".join(asked) if asked else Text("no rule", style="bold red"))
    out.print(table)


# ---- findings (the case-file format) -------------------------------------------------------

SECTION_NOTES = {
    "case": "top level of each case; several cases may share a file under a top-level "
            "`cases:` list",
    "patient": "`patient:` mapping",
    "labs": "`labs:` mapping; a value may be a bare number in the unit shown, a string "
            "with a unit (\"2.1 x10^9/L\"), a bound (\"<500\", \"<= 1000\", \"> 12000\", "
            "with or without a unit) or, where a reference range is shown, low / normal / "
            "high; unknown or null means not measured; commas: " + COMMA_RULE,
    "earlier_counts": "`earlier_counts:` list of dated counts beside the index count under "
                      "labs:, each with one time (weeks_ago or days_ago; hours_later, "
                      "days_later or weeks_later for a repeat) and its labs: mapping",
    "smear": "`smear:` list of film finding ids (or `unknown`)",
    "medications": "`medications:` list, each `- name: ...` or just the name as text; an "
                   "empty list means no medications. A name may be a regimen (R-CHOP, "
                   "FOLFOX), `chemotherapy`, or drugs joined by + / and (\"carboplatin + "
                   "paclitaxel\"). Besides the start and stop: `stopped: yes` (stopped, date "
                   "not known), `days_since_last_dose` (days; for chemotherapy the nadir, for "
                   "rituximab the clock of late-onset neutropenia), `dose_changed_weeks_ago` "
                   "(weeks) with `dose_change: increased|decreased|overdose` (overdose: a "
                   "toxic amount taken at once, accidental or deliberate). Where the case "
                   "does not name the drug, only what it is for, `- for: "
                   "treatment_resistant_schizophrenia` (an indication id; see `for` below and "
                   "`leukodx kb drugs`) stands for the drug that indication points to",
    "findings": "`findings:` mapping of question id to answer (yes / no / unknown, a number "
                "or a choice)",
    "expected": "`expected:` what the case should produce, for scoring",
    "teaching": "`teaching:` for study mode",
}


def _key_dict(key: CaseKey) -> dict:
    return {"key": key.key, "type": key.type, "description": key.description,
            "allowed": list(key.allowed), "unit": key.unit,
            "accepted_units": list(key.accepted_units), "minimum": key.minimum,
            "maximum": key.maximum, "required": key.required}


def findings_dict(catalogue: Catalogue) -> dict:
    sections: dict[str, dict] = {}
    for key in kb_check.case_file_keys(catalogue):
        section = sections.setdefault(key.section, {"note": SECTION_NOTES.get(key.section, ""),
                                                     "keys": []})
        section["keys"].append(_key_dict(key))
    return {"sections": sections}


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _range(key: CaseKey) -> str:
    if key.minimum is None and key.maximum is None:
        return ""
    if key.maximum is None:
        return f"≥ {_number(key.minimum)}"
    return f"{_number(key.minimum or 0)}-{_number(key.maximum)}"


def _allowed_text(key: CaseKey, limit: int = 12) -> str:
    if key.section == "expected" and key.key == "causes":
        return "cause ids: see `leukodx kb causes`"
    if key.section == "expected" and key.key == "pitfalls":
        return "pitfall ids: " + ", ".join(key.allowed)
    if key.allowed:
        shown = list(key.allowed[:limit])
        return ", ".join(shown) + (" …" if len(key.allowed) > limit else "")
    if key.accepted_units:
        shown = ", ".join(key.accepted_units[:limit])
        more = len(key.accepted_units) - limit
        return "units: " + shown + (f" (+{more} more spellings: --format json)"
                                    if more > 0 else "")
    return ""


FINDINGS_TABLE_WIDTH = 140  # narrower, a table would cut ids (known_sjogren_/syndrome)


def render_findings(out: Console, catalogue: Catalogue) -> None:
    keys = kb_check.case_file_keys(catalogue)
    if out.width < FINDINGS_TABLE_WIDTH:
        _render_findings_as_blocks(out, keys)
        return
    for section in dict.fromkeys(k.section for k in keys):
        table = Table(title=f"{section}: {SECTION_NOTES.get(section, '')}",
                      title_justify="left", header_style="bold")
        for column in ("Key", "Type", "Unit", "Range", "Allowed / accepted", "Meaning"):
            table.add_column(column, overflow="fold")
        for key in keys:
            if key.section != section:
                continue
            add_plain_row(table, key.key + (" (required)" if key.required else ""), key.type,
                          key.unit or "", _range(key), _allowed_text(key), key.description)
        out.print(table)


def _render_findings_as_blocks(out: Console, keys: list[CaseKey]) -> None:
    """Each key as a short block (its id whole on its own line, to copy into a case file;
    then its type, unit and range, what it accepts and what it means), for a screen too
    narrow for the table."""
    for section in dict.fromkeys(k.section for k in keys):
        out.print(Text(f"{section}: {SECTION_NOTES.get(section, '')}", style="bold"))
        for key in keys:
            if key.section != section:
                continue
            head = Text("  ")
            head.append(key.key, style="bold")
            facts = [key.type + (" (required)" if key.required else ""), key.unit or "",
                     _range(key)]
            head.append("  " + " · ".join(fact for fact in facts if fact), style="dim")
            out.print(head, overflow="fold")
            grid = Table.grid(padding=(0, 0))
            grid.add_column(width=6, no_wrap=True)
            grid.add_column()
            allowed = _allowed_text(key)
            if allowed:
                grid.add_row("", Text(allowed, style="cyan"))
            if key.description:
                grid.add_row("", key.description)
            out.print(grid)


# ---- drugs ---------------------------------------------------------------------------------

def drugs_dict(catalogue: Catalogue) -> dict:
    classes = [{"id": c.id, "name": c.name, "cause": c.cause, "mechanism": c.mechanism,
                "risk": c.risk, "onset": c.onset_text,
                "onset_weeks": list(c.onset_weeks) if c.onset_weeks else None,
                "sources": list(c.sources)} for c in catalogue.drug_classes.values()]
    drugs = []
    for drug in catalogue.drugs.values():
        drug_class = catalogue.drug_classes.get(drug.drug_class)
        drugs.append({"generic": drug.generic, "brands": list(drug.brands),
                      "synonyms": list(drug.synonyms), "class": drug.drug_class,
                      "class_name": drug_class.name if drug_class else None,
                      "cause": drug_class.cause if drug_class else None,
                      "onset": drug_class.onset_text if drug_class else None})
    indications = [{"id": i.id, "name": i.name, "aliases": list(i.aliases),
                    "drug": i.drug, "inference": i.inference, "rationale": i.rationale,
                    "sources": list(i.sources)} for i in catalogue.indications.values()]
    return {"classes": classes, "drugs": drugs, "indications": indications,
            "names": len(kb_check.drug_names(catalogue))}


def render_drugs(out: Console, catalogue: Catalogue) -> None:
    names = kb_check.drug_names(catalogue)
    table = Table(title=f"Drug dictionary ({len(catalogue.drugs)} drugs, {len(names)} names)",
                  title_justify="left", header_style="bold")
    for column in ("Generic", "Brands", "Synonyms", "Class", "Cause", "Onset"):
        table.add_column(column, overflow="fold")
    for drug_class in catalogue.drug_classes.values():
        for drug in catalogue.drugs.values():
            if drug.drug_class != drug_class.id:
                continue
            add_plain_row(table, drug.generic, ", ".join(drug.brands), ", ".join(drug.synonyms),
                          drug_class.name, drug_class.cause or "(none)",
                          drug_class.onset_text)
    out.print(table)
    table = Table(title="What an unnamed drug may be given as (`- for: ID` in a case's "
                        "medications): certain = weighed as the drug, likely = one step weaker, "
                        "none = weighs for nothing",
                  title_justify="left", header_style="bold")
    for column in ("Id", "Also written", "Indication", "Weighed as", "Inference", "Why"):
        table.add_column(column, overflow="fold")
    for indication in catalogue.indications.values():
        add_plain_row(table, indication.id, ", ".join(indication.aliases), indication.name,
                      indication.drug or "(nothing)", indication.inference,
                      indication.rationale)
    out.print(table)


# ---- check -------------------------------------------------------------------------------

def _problem_dict(problem) -> dict:
    return {"check": problem.check, "severity": problem.severity, "where": problem.where,
            "id": problem.subject, "message": problem.message}


def _counts(report: KnowledgeBaseReport) -> dict:
    catalogue, book = report.catalogue, report.book
    counts = {"causes": len(catalogue.causes), "questions": len(catalogue.questions),
              "pitfalls": len(catalogue.pitfalls), "rules": len(book.rules),
              "evidence_calls": sum(len(r.evidence) for r in book.rules),
              "sources": len(catalogue.sources), "drugs": len(catalogue.drugs),
              "drug_names": len(kb_check.drug_names(catalogue)),
              "appraisals": len(catalogue.appraisals)}
    if report.coverage is not None:
        counts["cases"] = report.coverage.cases
        counts["causes_taught"] = sum(1 for c in catalogue.causes if c in report.coverage.covered)
    return counts


def check_dict(report: KnowledgeBaseReport) -> dict:
    return {"ok": report.ok, "counts": _counts(report),
            "errors": [_problem_dict(p) for p in report.errors],
            "warnings": [_problem_dict(p) for p in report.warnings]}


def render_check(out: Console, report: KnowledgeBaseReport) -> None:
    counts = _counts(report)
    out.print(", ".join(f"{value} {name.replace('_', ' ')}" for name, value in counts.items()))
    if report.problems:
        table = Table(header_style="bold")
        for column in ("Severity", "Check", "Where", "Problem"):
            table.add_column(column, overflow="fold")
        for problem in report.problems:
            style = "bold red" if problem.severity == "error" else "yellow"
            add_plain_row(table, Text(problem.severity, style=style), problem.check, problem.where,
                          problem.message)
        out.print(table)
    verdict = (Text("knowledge base OK", style="bold green") if report.ok else
               Text(f"{len(report.errors)} error(s)", style="bold red"))
    if report.warnings:
        verdict.append(f", {len(report.warnings)} warning(s)", style="yellow")
    out.print(verdict)


# ---- the handbook --------------------------------------------------------------------------

def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _anchor(text: str) -> str:
    return "".join(ch for ch in text.lower().replace(" ", "-") if ch.isalnum() or ch in "-_")


def _weight(call: EvidenceCall) -> str:
    if call.weight is not None:
        name = call.weight_text if call.weight_text and not call.weight_text.lstrip(
            "-").isdigit() else ""
        return f"{call.weight:+d}" + (f" ({name})" if name else "")
    return call.weight_text


def _source_labels(catalogue: Catalogue, ids) -> str:
    return "; ".join(f"[{s}](#source-{_anchor(s)})" if s in catalogue.sources else f"{s} (?)"
                     for s in ids)


def _evidence_table(catalogue: Catalogue, calls: list[EvidenceCall]) -> list[str]:
    lines = ["| Weight | Rule | Rationale | Source |", "|---:|---|---|---|"]
    order = sorted(calls, key=lambda c: (-c.strength, c.rule))
    for call in order:
        lines.append(f"| {_weight(call)} | `{call.rule}` ({call.module}) | "
                     f"{_cell(rationale_in_words(call.rationale or '(no rationale)'))} | "
                     f"{_source_labels(catalogue, call.sources)} |")
    return lines


def _step_condition(catalogue: Catalogue, step) -> str:
    """When a step applies, for the handbook (empty when always)."""
    def names(labs):
        return " and ".join(catalogue.labs[lab].name if lab in catalogue.labs else
                            _finding_name(catalogue, lab) for lab in labs)
    def results(keys, normal: bool) -> str:
        # a lab is normal or abnormal, a test finding negative or positive
        words = [("a normal " if normal else "an abnormal ") + names((key,))
                 if key in catalogue.labs else
                 ("a negative " if normal else "a positive ") + names((key,)) for key in keys]
        return " and ".join(words)
    said = []
    if step.unless_normal and set(step.unless_normal) == set(step.unless_abnormal):
        said.append(f"left out when the case already gives {names(step.unless_normal)}, "
                    "either way")
    else:
        if step.unless_normal:
            said.append(f"left out when the case already gives {results(step.unless_normal, True)}")
        if step.unless_abnormal:
            said.append("left out when the case already gives "
                        + results(step.unless_abnormal, False))
    if step.only_if_normal:
        said.append(f"shown once {results(step.only_if_normal, True)} is given")
    if step.only_if_abnormal:
        said.append(f"shown once {results(step.only_if_abnormal, False)} is given")
    return f" *({'; '.join(said)})*" if said else ""


def _finding_name(catalogue: Catalogue, key: str) -> str:
    """A test finding named by its question, without the answers it takes: "Antinuclear
    antibodies (ANA)"."""
    question = catalogue.questions.get(key)
    if question is None:
        return key
    return question.text.split(":")[0].split("?")[0].strip()


def handbook_markdown(catalogue: Catalogue, book: RuleBook) -> str:
    """The trainee's handbook: every cause, pitfall and question with the rules and sources
    behind it, the drug dictionary, the appraisal notes and the scoring method."""
    from engine import scoring
    from rules.base import WEIGHTS

    md: list[str] = ["# leukodx handbook: the knowledge base behind the differential", "",
                     f"*{DISCLAIMER}*", ""]
    md += [f"{len(catalogue.causes)} causes, {len(catalogue.pitfalls)} pitfalls, "
           f"{len(catalogue.questions)} questions, {len(book.rules)} rules, "
           f"{len(catalogue.drugs)} drugs ({len(kb_check.drug_names(catalogue))} names), "
           f"{len(catalogue.sources)} sources.", "",
           "## Contents", "", "1. [How the scores work](#how-the-scores-work)",
           "2. [Causes by category](#causes-by-category)", "3. [Pitfalls](#pitfalls)",
           "4. [Questions](#questions)", "5. [Drug dictionary](#drug-dictionary)",
           "6. [Appraisal notes](#appraisal-notes)", "7. [Sources](#sources)", ""]

    # scoring
    md += ["## How the scores work", ""]
    doc = (scoring.__doc__ or "").strip().split("\n\n")
    md += [" ".join(paragraph.split()) + "\n" for paragraph in doc[1:] or doc]
    md += ["Prior by prevalence tier:", "", "| Tier | Prior (decibans) |", "|---|---:|"]
    md += [f"| {tier.replace('_', ' ')} | {prior:+d} |" for tier, prior in TIER_PRIORS.items()]
    md += ["", "Weights of evidence:", "", "| Name | Decibans | Likelihood ratio about |",
           "|---|---:|---:|"]
    for name, value in WEIGHTS.items():
        ratio = 10 ** (abs(value) / 10)
        shown = f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}"
        md.append(f"| {name} | {value:+d} | {shown if value > 0 else '1/' + shown} |")
    bands = ", ".join(f"{label} from {floor:+d}" if floor != float("-inf") else
                      f"{label} below" for floor, label in scoring.BANDS)
    md += ["", f"Bands shown beside a score: {bands}. Must-not-miss causes are flagged "
               "whatever their rank.", ""]

    # causes
    md += ["## Causes by category", "",
           "Each cause lists the rules that argue for and against it, strongest first. Words "
           "in *italics* in a rationale are filled in from the case when the rule fires: "
           "*the drug* is the case's drug by name, *N* and *M* are the case's numbers (weeks, "
           "days, a count).", ""]
    for category, label in CATEGORIES.items():
        causes = [c for c in _causes_in_order(catalogue) if c.category == category]
        if not causes:
            continue
        md += [f"### {label}", ""]
        for cause in causes:
            flag = " — **must not miss**" if cause.must_not_miss else ""
            md += [f"#### {cause.name} (`{cause.id}`){flag}", "", cause.summary.strip(), "",
                   f"- Prior: {cause.tier.replace('_', ' ')} ({cause.prior:+d} decibans)"]
            if cause.synonyms:
                md.append(f"- Also called: {', '.join(cause.synonyms)}")
            md += [f"- Sources: {_source_labels(catalogue, cause.sources)}", ""]
            steps = catalogue.steps_for(cause.id)
            if steps:
                md += ["**Next steps**", ""]
                md += [f"- {'Test' if step.kind == 'test' else 'Do'}: "
                       f"{_cell(step.text.replace('{drug}', NO_DRUG_NAMED))}"
                       f"{_step_condition(catalogue, step)} "
                       f"({_source_labels(catalogue, (step.source,))})" for step in steps]
                md.append("")
            evidence = book.evidence_for(cause.id)
            for title, direction in (("Evidence for", "for"), ("Evidence against", "against")):
                calls = [e for e in evidence if e.direction == direction]
                md.append(f"**{title}**" + ("" if calls else ": none"))
                md.append("")
                if calls:
                    md += _evidence_table(catalogue, calls) + [""]
            for appraisal in catalogue.appraisals.values():
                if cause.id in appraisal.causes:
                    md += [f"> Appraisal ({appraisal.topic}): {_cell(appraisal.assessment)} "
                           f"[more](#appraisal-{_anchor(appraisal.id)})", ""]

    if catalogue.interaction_steps:
        md += ["### Next steps for a marrow toxin with a drug that makes it more toxic", "",
               "When both drugs of a pair are in the case, these come first for the cause of "
               "either, and their repeat count replaces the usual one.", ""]
        for pair in catalogue.interaction_steps:
            md += [f"#### {', '.join(pair.toxins)} with {', '.join(pair.partners)}", ""]
            for step in pair.steps:
                text = step.text.replace("{toxin}", "the marrow toxin").replace(
                    "{partner}", "the second drug")
                md.append(f"- {'Test' if step.kind == 'test' else 'Do'}: {_cell(text)} "
                          f"({_source_labels(catalogue, (step.source,))})")
            md.append("")

    # pitfalls
    md += ["## Pitfalls", ""]
    for pitfall in catalogue.pitfalls.values():
        rules = _rule_names(book.pitfall_calls(pitfall.id))
        md += [f"### {pitfall.summary} (`{pitfall.id}`)", "",
               f"- Indicator: **{pitfall.indicator}**",
               f"- Raised by: {', '.join(f'`{r}`' for r in rules) if rules else 'no rule'}",
               f"- Source: {_source_labels(catalogue, [pitfall.source])}", "",
               " ".join(pitfall.detail.split()), ""]

    # questions
    md += ["## Questions", "",
           "The interview asks these one at a time, highest priority first; a case file "
           "answers them by id (see `leukodx kb findings`).", ""]
    areas = list(dict.fromkeys(q.area for q in catalogue.questions.values()))
    for area in areas:
        md += [f"### {area.replace('_', ' ').capitalize()}", "",
               "| Id | Question | Answers | Asked by |", "|---|---|---|---|"]
        for question in catalogue.questions.values():
            if question.area != area:
                continue
            asked = book.rules_asking(question.id)
            md.append(f"| `{question.id}` | {_cell(question.text)} | "
                      f"{_cell(_answers(question))} | "
                      f"{_cell(', '.join(asked)) if asked else 'no rule'} |")
        md.append("")

    # drugs
    md += ["## Drug dictionary", "",
           "A medication in a case is looked up by generic name, brand or synonym; a name not "
           "found here is reported as a warning with the closest match, never weighed "
           "silently.", ""]
    for drug_class in catalogue.drug_classes.values():
        cause = catalogue.causes.get(drug_class.cause) if drug_class.cause else None
        md += [f"### {drug_class.name}", "",
               f"- Cause: {f'{cause.name} (`{cause.id}`)' if cause else 'none (not a cause)'}",
               f"- Mechanism: {drug_class.mechanism.replace('_', ' ')}; risk: "
               f"{drug_class.risk}",
               f"- Onset: {drug_class.onset_text}",
               f"- Sources: {_source_labels(catalogue, drug_class.sources)}", "",
               "| Generic | Brands | Synonyms |", "|---|---|---|"]
        for drug in catalogue.drugs.values():
            if drug.drug_class == drug_class.id:
                md.append(f"| {_cell(drug.generic)} | {_cell(', '.join(drug.brands))} | "
                          f"{_cell(', '.join(drug.synonyms))} |")
        md.append("")
    md += ["### A drug given by what it is for", "",
           "A case that does not name a drug may say what it is for (`- for: ID` in its "
           "medications); the entry is weighed as the drug the indication points to: *certain* "
           "as that drug named, *likely* one step weaker, *none* for nothing.", "",
           "| Id (also written) | Indication | Weighed as | Inference | Why | Sources |",
           "|---|---|---|---|---|---|"]
    for indication in catalogue.indications.values():
        written = indication.id + (f" ({', '.join(indication.aliases)})"
                                   if indication.aliases else "")
        md.append(f"| {_cell(written)} | {_cell(indication.name)} | "
                  f"{_cell(indication.drug or '(nothing)')} | {indication.inference} | "
                  f"{_cell(indication.rationale)} | "
                  f"{_source_labels(catalogue, indication.sources)} |")
    md.append("")

    # appraisals
    md += ["## Appraisal notes", "",
           "Where the source documents are wrong or disagree, the knowledge base follows "
           "established clinical knowledge. Each note says what was claimed and how the rules "
           "treat it.", ""]
    if not catalogue.appraisals:
        md += ["(none recorded)", ""]
    for appraisal in catalogue.appraisals.values():
        md += [f"<a id=\"appraisal-{_anchor(appraisal.id)}\"></a>", "",
               f"### {appraisal.topic}", "",
               f"- Claim: {' '.join(appraisal.claim.split())} "
               f"({_source_labels(catalogue, appraisal.sources)})",
               f"- Assessment: {' '.join(appraisal.assessment.split())}",
               f"- How leukodx handles it: {' '.join(appraisal.handling.split())}"]
        if appraisal.references:
            md.append(f"- References: {_source_labels(catalogue, appraisal.references)}")
        if appraisal.causes:
            md.append(f"- Causes: {', '.join(f'`{c}`' for c in appraisal.causes)}")
        md.append("")

    # sources
    md += ["## Sources", ""]
    for source in catalogue.sources.values():
        line = f"- <a id=\"source-{_anchor(source.id)}\"></a>**{source.id}**: {source.label}"
        if source.url:
            line += f" <{source.url}>"
        if source.file:
            line += f" (file `{source.file}`)"
        md.append(line)
    md.append("")
    return "\n".join(md)
