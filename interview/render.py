"""Rendering results for people and programs: rich tables, JSON (the stable contract in
design.md), CSV and the step-by-step explanation. Nothing here decides anything clinical."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from engine.batch import CaseOutcome, Summary, display_id
from engine.result import PitfallAlert, RankedCause, Result, tied_beyond
from engine.scoring import SOFT_CLUES_RULE
from rules.catalogue import CATEGORIES, load_catalogue
from rules.words import in_words

# rich is imported where a screen is drawn, not with the module: a JSON batch report (and
# each batch worker) never draws one, and importing rich is some 20 ms of every start
if TYPE_CHECKING:
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

DISCLAIMER = ("leukodx teaches and supports clinical reasoning; it does not diagnose. "
              "Every output needs a clinician's judgement.")
INDICATOR_STYLE = {"critical": "bold white on red", "warning": "bold yellow", "info": "cyan"}
INDICATOR_LABEL = {"critical": "EMERGENCY", "warning": "WARNING", "info": "NOTE"}


# ---- text as written ------------------------------------------------------------------------
# rich reads square brackets in a str as markup: a vignette holding "[/bold]" raises
# MarkupError and "[reference range 1.5-8.0]" silently vanishes. Text from case files, typed
# answers, file names and the catalogue is therefore always handed to rich as a Text.

def add_plain_row(table: Table, *cells) -> None:
    """Add a table row showing every str cell exactly as written (renderables pass)."""
    from rich.text import Text

    table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in cells))


# ---- ties ---------------------------------------------------------------------------------
# Equal scores are equally likely: a cause shares its place with every cause of the same score
# (competition ranking), and a list cut inside a tie says how many more share the last place.

TIED_NAMES_SHOWN = 6
TIE_NOTE = ("= marks a place shared by equal scores (equally likely); within it causes are "
            "listed by prevalence tier, then alphabetically, which is no clinical order.")


def place(cause: RankedCause) -> str:
    """A cause's place as shown: "=2" when it shares the place with an equal score."""
    return f"={cause.shared_rank}" if cause.tied_with else str(cause.shared_rank or cause.rank)


def at_place(cause: RankedCause) -> str:
    """"#8", or "=8" for a shared place (inside a sentence)."""
    return place(cause) if cause.tied_with else f"#{place(cause)}"


def any_tied(causes) -> bool:
    return any(cause.tied_with for cause in causes)


def more_at_the_same_score(ranking, cut: int, names: bool = True) -> str:
    """"and 4 more at the same score (-10): A, B, ..." when the first ``cut`` causes end
    inside a tie, else ""; without ``names``, only the count and the score."""
    more = tied_beyond(tuple(ranking), cut)
    if not more:
        return ""
    if not names:
        return f"and {len(more)} more at the same score ({more[0].score:+d})"
    names = ", ".join(c.name for c in more[:TIED_NAMES_SHOWN])
    if len(more) > TIED_NAMES_SHOWN:
        names += f" and {len(more) - TIED_NAMES_SHOWN} others"
    return f"and {len(more)} more at the same score ({more[0].score:+d}): {names}"


def tied_with_words(cause: RankedCause, ranking) -> str:
    """"tied with A, B and 3 more" for a cause that shares its place, else ""."""
    if not cause.tied_with:
        return ""
    others = [c for c in ranking if c.score == cause.score and c.cause != cause.cause]
    shown = [c.name for c in others[:2]]
    rest = cause.tied_with - len(shown)
    words = ", ".join(shown) + (f" and {rest} more" if rest > 0 else "")
    return f"tied with {words}"


def tie_lines(ranking, cut: int) -> list[Text]:
    """What a list of the first ``cut`` causes needs beneath it: the causes beyond the cut at
    the same score, and what "=" means, where any shown place is shared."""
    from rich.text import Text

    lines = []
    more = more_at_the_same_score(ranking, cut)
    if more:
        lines.append(Text(more[0].upper() + more[1:] + ".", style="yellow"))
    if any_tied(ranking[:cut]):
        lines.append(Text(TIE_NOTE, style="dim"))
    return lines


# ---- JSON ---------------------------------------------------------------------------------

def source_dict(source_id: str) -> dict:
    source = load_catalogue().sources[source_id]
    return {"id": source_id, "label": source.label, "url": source.url}


def cause_dict(cause: RankedCause) -> dict:
    return {
        "rank": cause.rank, "shared_rank": cause.shared_rank, "tied_with": cause.tied_with,
        "cause": cause.cause, "name": cause.name,
        "category": cause.category, "score": cause.score, "band": cause.band,
        "prior": cause.prior, "must_not_miss": cause.must_not_miss,
        "evidence": [{"rule": e.rule, "weight": e.weight, "rationale": e.rationale,
                      "source": source_dict(e.source)} for e in cause.evidence],
        "next_steps": [{"kind": step.kind, "text": step.text,
                        "source": {"id": step.source_id, "label": step.source.label,
                                   "url": step.source.url}}
                       for step in cause.next_steps],
        "drugs": list(cause.drugs),
    }


def pitfall_dict(pitfall: PitfallAlert) -> dict:
    return {"id": pitfall.id, "indicator": pitfall.indicator, "summary": pitfall.summary,
            "detail": pitfall.detail,
            "source": {"label": pitfall.source.label, "url": pitfall.source.url},
            "rule": pitfall.rule}


def outcome_dict(outcome: CaseOutcome, top: int | None = None) -> dict:
    """One case in the JSON contract."""
    data: dict = {"id": display_id(outcome), "file": outcome.file, "status": outcome.status,
                  "error": outcome.error}
    result = outcome.result
    if result is None:
        data.update(ranking=[], pitfalls=[], next_questions=[])
        return data
    ranking = result.ranking[:top] if top else result.ranking
    data.update(
        ranking=[cause_dict(c) for c in ranking],
        must_not_miss=[c.cause for c in result.ranking if c.must_not_miss],
        pitfalls=[pitfall_dict(p) for p in result.pitfalls],
        next_questions=[{"id": q.id, "text": q.text, "priority": q.priority,
                         "asked_by": list(q.asked_by), "why": list(q.reasons),
                         "answered_unknown": q.status == "unknown"}
                        for q in result.next_questions],
        reading=dict(vars(result.reading)),
        warnings=list(result.warnings),
    )
    if result.hit is not None:
        data["hit"] = dict(vars(result.hit))
    return data


def summary_dict(summary: Summary) -> dict:
    data = {"cases": summary.cases, "scored": summary.scored, "errors": summary.errors}
    if summary.with_expected:
        data.update(with_expected=summary.with_expected, top1=summary.top1, top3=summary.top3,
                    mrr=summary.mrr, pitfall_recall=summary.pitfall_recall,
                    pitfall_precision=summary.pitfall_precision)
    return data


JSON_INDENTED_UP_TO = 50  # cases; larger reports put one case on each line


def case_json(outcome: CaseOutcome, top: int | None = None) -> str:
    """One case's JSON on one line (what large reports hold; batch workers render it):
    ``json.dumps(outcome_dict(outcome, top), ensure_ascii=False)``, character for
    character. The evidence items, next steps and questions are shared from case to case
    (the assessor builds each once), and they are most of a case's text (some 29 kB), so
    each one's JSON is made once and the case's text is put together from them with the
    separators ``json.dumps`` writes (", " and ": ")."""
    result = outcome.result
    if result is None:
        return _dumps(outcome_dict(outcome, top))
    ranking = result.ranking[:top] if top else result.ranking
    head, middle, tail = _case_json_ends(outcome, result)
    return "".join((
        head[:-1], ', "ranking": [', ", ".join([_cause_json(c) for c in ranking]), "], ",
        middle[1:-1], ', "next_questions": [',
        ", ".join([_shared_json(q, _question_json) for q in result.next_questions]), "], ",
        tail[1:]))


def case_json_bytes(outcome: CaseOutcome, top: int | None = None) -> bytes:
    """``case_json(outcome, top)`` as UTF-8 (what batch workers send and a report file
    holds), put together from pieces kept as UTF-8: the shared pieces are encoded once,
    not again in every case's 30 kB of text (UTF-8 of a text is the UTF-8 of its pieces
    one after another)."""
    result = outcome.result
    if result is None:
        return _utf8(case_json(outcome, top))
    ranking = result.ranking[:top] if top else result.ranking
    head, middle, tail = _case_json_ends(outcome, result)
    return b"".join((
        _utf8(head[:-1]), b', "ranking": [', b", ".join([_cause_utf8(c) for c in ranking]),
        b"], ", _utf8(middle[1:-1]), b', "next_questions": [',
        b", ".join(_shared_pieces(result.next_questions, _question_json)),
        b"], ", _utf8(tail[1:])))


def _case_json_ends(outcome: CaseOutcome, result: Result) -> tuple[str, str, str]:
    """The parts of a case's JSON made for that case alone: its head (id, file, status,
    error), the middle (must-not-miss causes, pitfalls) and the tail (reading, warnings,
    hit), each a JSON object."""
    head = _dumps({"id": display_id(outcome), "file": outcome.file, "status": outcome.status,
                   "error": outcome.error})
    middle = _dumps({"must_not_miss": [c.cause for c in result.ranking if c.must_not_miss],
                     "pitfalls": [pitfall_dict(p) for p in result.pitfalls]})
    tail = {"reading": dict(vars(result.reading)), "warnings": list(result.warnings)}
    if result.hit is not None:
        tail["hit"] = dict(vars(result.hit))
    return head, middle, _dumps(tail)


def _plain_encoder():
    """``json.dumps(value, ensure_ascii=False)`` for the acyclic data a report holds: the C
    encoder made once instead of at every call (``JSONEncoder.encode`` makes one anew each
    time, about half the cost of encoding a cause's head), giving the same text. Without
    the C encoder (another Python), the standard one."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = json.encoder.c_make_encoder
    if make is None:
        return encoder.encode
    # what JSONEncoder.iterencode(value, _one_shot=True) makes, but with no check for
    # circular references (a report's data is a tree: the check would only cost time)
    encode = make(None, encoder.default, json.encoder.encode_basestring, None,
                  encoder.key_separator, encoder.item_separator, encoder.sort_keys,
                  encoder.skipkeys, encoder.allow_nan)
    join = "".join

    def dumps(value) -> str:
        return join(encode(value, 0))

    return dumps


_dumps = _plain_encoder()  # json.dumps(value, ensure_ascii=False)
_SHARED_LIMIT = 50_000  # pieces of JSON kept for reuse
_shared: dict[int, tuple[object, str]] = {}  # id of an object -> (the object, its JSON)
_shared_bytes: dict[int, tuple[object, bytes]] = {}  # the same as UTF-8


def _shared_json(thing, make) -> str:
    """``make(thing)``, made once for an object met again (kept with the object itself, so
    that its id cannot be taken by another while the JSON is kept)."""
    entry = _shared.get(id(thing))
    if entry is not None and entry[0] is thing:
        return entry[1]
    text = make(thing)
    if len(_shared) < _SHARED_LIMIT:
        _shared[id(thing)] = (thing, text)
    return text


def _shared_pieces(things, make) -> list[bytes]:
    """``[_shared_utf8(thing, make) for thing in things]``, each piece kept before taken
    from the dict without a call (some seventy pieces in every case's report line)."""
    get = _shared_bytes.get
    return [entry[1] if (entry := get(id(thing))) is not None and entry[0] is thing
            else _shared_utf8(thing, make) for thing in things]


def _shared_utf8(thing, make) -> bytes:
    """``_shared_json(thing, make)`` as UTF-8, encoded once."""
    entry = _shared_bytes.get(id(thing))
    if entry is not None and entry[0] is thing:
        return entry[1]
    text = _utf8(make(thing))
    if len(_shared_bytes) < _SHARED_LIMIT:
        _shared_bytes[id(thing)] = (thing, text)
    return text


_text_json = json.encoder.encode_basestring  # a text's JSON, as json.dumps writes it
_BOOL_JSON = {True: "true", False: "false"}


def _cause_head(cause: RankedCause) -> str:
    """The JSON of a cause's own fields (nine of them, in every ranked cause of every case),
    written out directly when they are of the types a ranking makes (whole numbers, texts,
    a yes/no), as ``_dumps`` writes them; otherwise by ``_dumps``."""
    rank, shared, tied, score, prior = (cause.rank, cause.shared_rank, cause.tied_with,
                                        cause.score, cause.prior)
    name, category, band, key = cause.name, cause.category, cause.band, cause.cause
    must = cause.must_not_miss
    if type(rank) is type(shared) is type(tied) is type(score) is type(prior) is int \
            and type(key) is type(name) is type(category) is type(band) is str \
            and type(must) is bool:
        return "".join((
            '{"rank": ', str(rank), ', "shared_rank": ', str(shared), ', "tied_with": ',
            str(tied), ', "cause": ', _text_json(key), ', "name": ', _text_json(name),
            ', "category": ', _text_json(category), ', "score": ', str(score),
            ', "band": ', _text_json(band), ', "prior": ', str(prior),
            ', "must_not_miss": ', _BOOL_JSON[must], "}"))
    return _dumps({"rank": rank, "shared_rank": shared, "tied_with": tied, "cause": key,
                   "name": name, "category": category, "score": score, "band": band,
                   "prior": prior, "must_not_miss": must})


def _cause_json(cause: RankedCause) -> str:
    """``_dumps(cause_dict(cause))``, from the shared pieces."""
    return "".join((
        _cause_head(cause)[:-1], ', "evidence": [',
        ", ".join([_shared_json(e, _evidence_json) for e in cause.evidence]),
        '], "next_steps": ', _shared_json(cause.next_steps, _steps_json),
        ', "drugs": ', _dumps(list(cause.drugs)), "}"))


def _cause_utf8(cause: RankedCause) -> bytes:
    """``_cause_json(cause)`` as UTF-8, from the shared pieces kept as UTF-8."""
    return b"".join((
        _utf8(_cause_head(cause)[:-1]), b', "evidence": [',
        b", ".join(_shared_pieces(cause.evidence, _evidence_json)),
        b'], "next_steps": ', _shared_utf8(cause.next_steps, _steps_json),
        b', "drugs": ', _utf8(_dumps(list(cause.drugs))), b"}"))


def _evidence_json(item) -> str:
    return _dumps({"rule": item.rule, "weight": item.weight, "rationale": item.rationale,
                   "source": source_dict(item.source)})


def _steps_json(steps) -> str:
    return _dumps([{"kind": step.kind, "text": step.text,
                    "source": {"id": step.source_id, "label": step.source.label,
                               "url": step.source.url}}
                   for step in steps])


def _question_json(question) -> str:
    return _dumps({"id": question.id, "text": question.text, "priority": question.priority,
                   "asked_by": list(question.asked_by), "why": list(question.reasons),
                   "answered_unknown": question.status == "unknown"})


def render_json(outcomes: list[CaseOutcome], summary: Summary, top: int | None = None,
                run: dict | None = None) -> str:
    """The JSON contract; ``run`` (interrupted, files, timing) is added to the summary."""
    return "".join(json_chunks(outcomes, summary, top, run))


def json_chunks(outcomes: list[CaseOutcome], summary: Summary, top: int | None = None,
                run: dict | None = None) -> Iterator[str]:
    """The JSON document in pieces, to be written one after another: a large report is
    never held whole in memory (10,000 cases make about 90 MB of JSON)."""
    for piece in json_utf8_chunks(outcomes, summary, top, run):
        yield piece.decode("utf-8", "surrogatepass")


def json_utf8_chunks(outcomes: list[CaseOutcome], summary: Summary, top: int | None = None,
                     run: dict | None = None) -> Iterator[bytes]:
    """``json_chunks`` as UTF-8, the pieces a report file is written from: a case rendered
    where it was scored is passed on as the bytes it came back in (decoding some 29 kB a
    case only to encode it again was most of the cost of writing a large report)."""
    summary_data = {**summary_dict(summary), **(run or {})}
    if len(outcomes) <= JSON_INDENTED_UP_TO:
        # a case rendered where it was scored is read back (its outcome no longer holds
        # the whole result)
        cases = []
        for outcome in outcomes:
            text = outcome.rendered
            cases.append(json.loads(text) if text is not None else outcome_dict(outcome, top))
        document = {"disclaimer": DISCLAIMER, "cases": cases, "summary": summary_data}
        yield _utf8(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    # one case per line: the same document, written by json's fast C encoder (indenting
    # thousands of cases takes longer than scoring them), one case's dict at a time
    yield JSON_LINES_HEAD
    for index, outcome in enumerate(outcomes):
        if index:
            yield b",\n"
        yield case_json_utf8(outcome, top)
    yield json_lines_tail(summary, run)


def case_json_utf8(outcome: CaseOutcome, top: int | None = None) -> bytes:
    """One case's line of a large report, as UTF-8: as it was rendered where it was scored,
    or rendered here (an outcome the parent made, such as a worker's death)."""
    text = outcome.rendered_utf8
    return text if text is not None else _utf8(case_json(outcome, top))


def json_lines_tail(summary: Summary, run: dict | None = None) -> bytes:
    """What follows a large report's last case: the summary, and the end of the document."""
    summary_data = {**summary_dict(summary), **(run or {})}
    return _utf8('\n],\n"summary": ' + json.dumps(summary_data, indent=2, ensure_ascii=False)
                 + "}\n")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# a large report (more than JSON_INDENTED_UP_TO cases, one a line) up to its first case
JSON_LINES_HEAD = _utf8('{"disclaimer": ' + json.dumps(DISCLAIMER, ensure_ascii=False)
                        + ',\n"cases": [\n')


# ---- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = ("id", "file", "status", "error", "emergency", "pitfalls", "top_causes",
               "must_not_miss", "expected_rank", "next_questions", "notes")


def render_csv(outcomes: list[CaseOutcome], top: int | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            writer.writerow([display_id(outcome), outcome.file, outcome.status, outcome.error,
                             "", "", "", "", "", "", ""])
            continue
        ranking = result.ranking[:top] if top else result.ranking
        writer.writerow([
            display_id(outcome), outcome.file, outcome.status, "",
            "yes" if result.emergencies else "no",
            "; ".join(f"{p.indicator}:{p.id}" for p in result.pitfalls),
            "; ".join(f"{c.cause} ({c.score:+d})" for c in ranking),
            "; ".join(c.cause for c in result.ranking if c.must_not_miss),
            "" if result.hit is None or result.hit.rank is None else result.hit.rank,
            "; ".join(q.id for q in result.next_questions[:5]),
            "; ".join(result.warnings),
        ])
    return buffer.getvalue()


# ---- Markdown -------------------------------------------------------------------------------

def _md(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(outcomes: list[CaseOutcome], summary: Summary, top: int = 3,
                    run: dict | None = None) -> str:
    """A report a teacher can hand out: the summary figures, expected against first-ranked
    cause by category, the misses, the errors, then every case in brief."""
    lines = ["# leukodx case report", "", f"_{DISCLAIMER}_", ""]
    if run and run.get("interrupted"):
        lines += [f"**Interrupted:** {run['files_scored']} of {run['files']} files scored.", ""]
    lines += ["## Summary", "", "| Measure | Value |", "| --- | --- |",
              f"| Cases | {summary.cases} |", f"| Scored | {summary.scored} |",
              f"| Errors | {summary.errors} |"]
    labels = {"top1": "Expected cause ranked first", "top3": "Expected cause in the top 3",
              "mrr": "Mean reciprocal rank", "pitfall_recall": "Pitfalls found (recall)",
              "pitfall_precision": "Pitfalls flagged that were expected (precision)"}
    if summary.with_expected:
        lines.append(f"| Cases stating an expected answer | {summary.with_expected} |")
        for name, label in labels.items():
            value = getattr(summary, name)
            lines.append(f"| {label} | {'-' if value is None else f'{value:.3f}'} |")
    lines.append("")
    judged = [o for o in outcomes if o.result is not None and o.case is not None
              and o.case.expected is not None and o.case.expected.causes]
    if judged:
        lines += _confusion(judged) + _misses(judged)
    errors = [o for o in outcomes if o.result is None]
    if errors:
        lines += ["## Cases that could not be scored", ""]
        lines += [f"- `{_md(o.error)}`" for o in errors] + [""]
    lines += ["## Cases", "", f"| Case | Top {top} | Pitfalls | Expected rank |",
              "| --- | --- | --- | --- |"]
    tie_legend = len(lines)
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            lines.append(f"| {_md(display_id(outcome))} | not scored | | |")
            continue
        causes = "; ".join(f"{place(c)}. {_md(c.name)} ({c.score:+d})"
                           for c in result.ranking[:top]) or "none ranked"
        more = more_at_the_same_score(result.ranking, top)
        if more:
            causes += f"; {_md(more)}"
        pitfalls = "; ".join(("**" + p.id + "**") if p.indicator == "critical" else p.id
                             for p in result.pitfalls)
        rank = "" if result.hit is None else _expected_at(result.hit).removeprefix("#")
        lines.append(f"| {_md(display_id(outcome))} | {causes} | {pitfalls} | {rank} |")
    if any(o.result is not None and any_tied(o.result.ranking[:top]) for o in outcomes):
        lines[tie_legend - 2:tie_legend - 2] = [f"_{TIE_NOTE}_", ""]
    notes = [(display_id(o), warning) for o in outcomes if o.result is not None
             for warning in o.result.warnings]
    if notes:  # e.g. a drug name not in the dictionary: kept, weighed for nothing
        lines += ["", "## Notes", ""] + [f"- {_md(case)}: {_md(note)}" for case, note in notes]
    advised = [o for o in outcomes if o.result is not None and o.result.ranking]
    if advised:
        lines += ["", "## Next steps", "",
                  f"For the first {min(top, 3)} causes of each case: a test that would "
                  "confirm or exclude it, or what to do, with its source.", ""]
        for outcome in advised:
            lines += [f"### {_md(display_id(outcome))}", "",
                      *next_steps_markdown(outcome.result.ranking[:min(top, 3)])]
            more = more_at_the_same_score(outcome.result.ranking, min(top, 3))
            lines += [f"- _({_md(more)})_", ""] if more else [""]
    return "\n".join(lines) + "\n"


def _expected_at(hit) -> str:
    """Where the expected cause stands: "#4", with its shared place when its score is tied
    ("#4 (=1, tied with 6)"), or "not ranked"."""
    if not hit.rank:
        return "not ranked"
    if hit.tied_with:
        return f"#{hit.rank} (={hit.shared_rank}, tied with {hit.tied_with})"
    return f"#{hit.rank}"


def _category_label(category: str) -> str:
    return CATEGORIES.get(category, category)


def _confusion(judged: list[CaseOutcome]) -> list[str]:
    """Rows: the category of the expected cause; columns: the category ranked first."""
    catalogue = load_catalogue()
    counts: dict[tuple[str, str], int] = {}
    for outcome in judged:
        expected = catalogue.causes[outcome.case.expected.causes[0]].category
        ranking = outcome.result.ranking
        first = ranking[0].category if ranking else "none"
        counts[expected, first] = counts.get((expected, first), 0) + 1
    order = [c for c in CATEGORIES if any(key[0] == c for key in counts)]
    columns = [c for c in [*CATEGORIES, "none"] if any(key[1] == c for key in counts)]
    lines = ["## Expected cause against the cause ranked first, by category", "",
             "Rows are the category of the expected cause, columns the category of the cause "
             "leukodx ranked first; the diagonal is agreement.", "",
             "| Expected \\ ranked first | " + " | ".join(
                 "nothing ranked" if c == "none" else _category_label(c) for c in columns)
             + " | Cases |",
             "| --- |" + " --- |" * (len(columns) + 1)]
    for row in order:
        cells = [counts.get((row, column), 0) for column in columns]
        if not sum(cells):
            continue
        shown = [f"**{n}**" if column == row and n else (str(n) if n else "·")
                 for n, column in zip(cells, columns, strict=True)]
        lines.append(f"| {_category_label(row)} | " + " | ".join(shown) + f" | {sum(cells)} |")
    return lines + [""]


def _misses(judged: list[CaseOutcome]) -> list[str]:
    catalogue = load_catalogue()
    misses = [o for o in judged if o.result.hit.rank != 1 or o.result.hit.pitfalls_missed]
    lines = ["## Misses", ""]
    if not misses:
        return lines + ["Every expected cause was ranked first and no expected pitfall was "
                        "missed.", ""]
    lines += ["| Case | Expected | Ranked first | Expected at | Pitfalls missed |",
              "| --- | --- | --- | --- | --- |"]
    for outcome in misses:
        result, expected = outcome.result, outcome.case.expected
        first = result.ranking[0] if result.ranking else None
        lines.append(" | ".join([
            f"| {_md(display_id(outcome))}",
            ", ".join(_md(catalogue.causes[c].name) for c in expected.causes),
            f"{_md(first.name)} ({first.score:+d})" if first else "nothing ranked",
            _expected_at(result.hit),
            ", ".join(result.hit.pitfalls_missed) or "-"]) + " |")
    return lines + [""]


# ---- tables -------------------------------------------------------------------------------

def pitfall_panel(pitfall: PitfallAlert, with_rule: bool = False) -> Panel:
    from rich.panel import Panel
    from rich.text import Text

    style = INDICATOR_STYLE[pitfall.indicator]
    title = Text(f" {INDICATOR_LABEL[pitfall.indicator]} ", style=style)
    body = Text(pitfall.summary + "\n", style="bold")
    body.append(pitfall.detail)
    body.append(f"\nSource: {pitfall.source.label}", style="dim")
    if with_rule:
        body.append(f"\n[{pitfall.id}, raised by rule {pitfall.rule}]", style="dim")
    border = "red" if pitfall.indicator == "critical" else \
        "yellow" if pitfall.indicator == "warning" else "cyan"
    return Panel(body, title=title, title_align="left", border_style=border)


def reading_line(result: Result, width: int | None = None) -> Text:
    """The reading of the counts on one line: the ANC and its grade, the white count for age,
    the pattern of lines, the lymphocytes; one part a line where they do not fit ``width``
    (a part is never broken between two lines where it fits one)."""
    from rich.text import Text

    r = result.reading
    parts: list[tuple[str, str]] = []
    if r.anc is not None or r.anc_stated:
        grade = ", neutropenia of unknown grade" if r.grade == "unknown" and \
            r.neutrophil_status == "absolute_neutropenia" else \
            f", {r.grade} neutropenia" if r.grade not in (None, "none", "unknown") else ""
        if r.agranulocytosis:
            grade += " (agranulocytosis range)"
        status = {"absolute_neutropenia": "", "relative_neutropenia": " (relative neutropenia "
                  "only: absolute count normal)", "normal": " (normal)",
                  "high": " (high)"}.get(r.neutrophil_status, "")
        value = f"{r.anc:,.0f}/µL" if r.anc is not None else r.anc_stated
        parts.append((f"ANC {value} ({r.anc_source}){grade}{status}", ""))
    if r.white_count_status:
        parts.append((f"WBC {r.white_count_status} for age, normal {r.white_count_range}", ""))
    if r.cell_line_pattern and r.cell_line_pattern != "isolated":
        parts.append((r.cell_line_pattern, "bold"))
    if r.lymphocyte_status and r.lymphocyte_status != "normal":
        parts.append((r.lymphocyte_status, ""))
    between = "   "
    if width is not None and sum(len(p) for p, _ in parts) + len(between) * (len(parts) - 1) \
            > width:
        between = "\n"
    text = Text()
    for index, (part, style) in enumerate(parts):
        text.append(("" if index == 0 else between) + part, style=style)
    return text


def ranking_table(result: Result, top: int) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Cause", ratio=1)
    table.add_column("Category")
    table.add_column("Score", justify="right")
    table.add_column("Band")
    table.add_column("Findings", justify="right")
    for cause in result.ranking[:top]:
        name = Text(cause.name)
        if cause.must_not_miss:
            name.append(" [must not miss]", style="bold red")
        supporting = sum(1 for item in cause.evidence if item.weight > 0)
        opposing = len(cause.evidence) - supporting
        add_plain_row(table, place(cause), name, CATEGORIES.get(cause.category, cause.category),
                      f"{cause.score:+d}", cause.band,
                      f"{supporting} for" + (f", {opposing} against" if opposing else ""))
    return table


NEXT_STEP_LABEL = {"test": "test", "act": "do"}


def next_steps_text(causes) -> Table:
    """Each cause's next steps, one row each: a test that would confirm or exclude it, or
    what to do, with the source id (wrapped text keeps its indent)."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for cause in causes:
        if not cause.next_steps:
            continue
        grid.add_row("", Text(f"{place(cause)}.", style="bold"), Text(cause.name, style="bold"))
        for step in cause.next_steps:
            line = Text(step.text)
            line.append(f"  [{step.source_id}]", style="dim")
            grid.add_row("", Text(NEXT_STEP_LABEL.get(step.kind, step.kind),
                                  style="cyan" if step.kind == "test" else "green"), line)
    return grid


def next_steps_markdown(causes) -> list[str]:
    lines = []
    for cause in causes:
        if cause.next_steps:
            lines.append(f"- **{_md(cause.name)}**")
            lines += [f"  - {NEXT_STEP_LABEL.get(s.kind, s.kind)}: {_md(s.text)} "
                      f"({_md(s.source.label)})" for s in cause.next_steps]
    return lines


def key_findings(result: Result, top: int) -> Table:
    """The strongest finding behind each of the first causes, one each, a long one wrapped
    under its own text (not under its number)."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column()
    for cause in result.ranking[:top]:
        strongest = max(cause.evidence, key=lambda item: item.weight)
        grid.add_row(Text(f"  {place(cause)}.", style="bold"),
                     Text(f"{strongest.rationale} ({strongest.weight:+d})"))
    return grid


def also_must_not_miss(ranking, shown: int) -> Text | None:
    """The must-not-miss causes below the ``shown`` first, with their places: "not shown
    above" rather than "ranked lower", since one may share the last shown place (=4)."""
    from rich.text import Text

    hidden = [c for c in ranking[shown:] if c.must_not_miss]
    if not hidden:
        return None
    return Text("Also must not miss (not shown above): " +
                ", ".join(f"{c.name} ({at_place(c)})" for c in hidden), style="red")


def render_result(console: Console, result: Result, title: str = "", top: int = 5,
                  questions: int = 3, steps: int = 3) -> None:
    """One assessed case: emergencies first, then the reading, ranking and other pitfalls."""
    from rich.text import Text

    heading = Text(f"Case {result.case_id}", style="bold")
    if title:
        heading.append(f" — {title}")
    console.print(heading)
    for pitfall in result.pitfalls:
        if pitfall.indicator == "critical":
            console.print(pitfall_panel(pitfall))
    line = reading_line(result, console.width)
    if line:
        console.print(line)
    if result.ranking:
        console.print(ranking_table(result, top))
        for line in tie_lines(result.ranking, top):
            console.print(line)
        console.print(Text("Strongest finding for each:", style="bold"))
        console.print(key_findings(result, min(top, 3)))
        hidden = also_must_not_miss(result.ranking, top)
        if hidden:
            console.print(hidden)
        if steps:
            console.print(Text("Next steps:", style="bold"))
            console.print(next_steps_text(result.ranking[:steps]))
            more = more_at_the_same_score(result.ranking, steps, names=False)
            if more:
                console.print(Text(f"  (for the first {steps}, {more} as the last of "
                                   "them)", style="dim"))
    elif result.reading.scope_note:
        console.print(result.reading.scope_note)
    else:
        console.print("No cause has evidence in its favour yet: answer more questions.")
    for pitfall in result.pitfalls:
        if pitfall.indicator != "critical":
            console.print(pitfall_panel(pitfall))
    if result.next_questions and questions:
        console.print(Text("Would help most next: ", style="bold") +
                      Text("; ".join(q.text for q in result.next_questions[:questions])))
    for warning in result.warnings:
        console.print(Text(f"Note: {warning}", style="yellow"))
    if result.hit is not None:
        console.print(Text(_hit_line(result), style="dim"))


def _hit_line(result: Result) -> str:
    hit = result.hit
    if not hit.expected_causes:
        rank = "no cause expected"
    else:
        rank = f"expected cause ranked {_expected_at(hit)}" if hit.rank else \
            "expected cause not ranked"
    parts = [rank]
    if hit.pitfalls_missed:
        parts.append("missed pitfalls: " + ", ".join(hit.pitfalls_missed))
    if hit.pitfalls_unexpected:
        parts.append("unexpected pitfalls: " + ", ".join(hit.pitfalls_unexpected))
    return "Check: " + "; ".join(parts)


def render_table(console: Console, outcomes: list[CaseOutcome], summary: Summary,
                 top: int = 5) -> None:
    from rich.text import Text

    console.print(Text(DISCLAIMER, style="italic dim"))
    for outcome in outcomes:
        console.print()
        if outcome.result is None:
            console.print(Text(f"ERROR {outcome.error}", style="bold red"), soft_wrap=True)
            continue
        render_result(console, outcome.result, outcome.case.title if outcome.case else "", top)
    console.print()
    console.print(summary_table(summary))


def summary_table(summary: Summary) -> Table:
    from rich.table import Table

    table = Table(title="Summary", show_header=False, title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    add_plain_row(table, "cases", str(summary.cases))
    add_plain_row(table, "scored", str(summary.scored))
    add_plain_row(table, "errors", str(summary.errors))
    if summary.with_expected:
        for name in ("top1", "top3", "mrr", "pitfall_recall", "pitfall_precision"):
            value = getattr(summary, name)
            add_plain_row(table, name.replace("_", " "), "-" if value is None else f"{value:.3f}")
    return table


# ---- explain ------------------------------------------------------------------------------

def evidence_table(cause: RankedCause, catalogue) -> Table:
    """How one cause's score was built: its prior, then each rule firing with its weight,
    rationale and source."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"How {cause.name} scored {cause.score:+d} ({cause.band}; "
                             f"{CATEGORIES.get(cause.category, cause.category)})"),
                  title_justify="left", show_header=True, header_style="bold",
                  caption="Weights in decibans: +10 = ten times likelier, -10 = ten times "
                          "less likely.", caption_justify="left")
    table.add_column("Weight", justify="right")
    table.add_column("Evidence (rule · source)")
    tier = catalogue.causes[cause.cause].tier.replace("_", " ")
    article = "an" if tier[0] in "aeiou" else "a"
    add_plain_row(table, f"{cause.prior:+d}", f"Starting point: {article} {tier} cause.")
    for item in cause.evidence:
        if is_adjustment(item):  # how the clues were added up, not a finding against it
            add_plain_row(table, Text(f"{item.weight:+d}", style="dim"),
                          Text(adjustment_words(item), style="dim"))
            continue
        why = Text(item.rationale)
        why.append(f"\nrule {item.rule} · {catalogue.sources[item.source].label}", style="dim")
        add_plain_row(table, Text(f"{item.weight:+d}", style="green" if item.weight > 0 else "red"),
                      why)
    return table


def is_adjustment(item) -> bool:
    """Whether an evidence item is the scoring's own adjustment (further soft clues count
    half), not a finding of the case that speaks for or against the cause."""
    return item.rule == SOFT_CLUES_RULE


def adjustment_words(item) -> str:
    """The soft-clue adjustment said as what it is: a step of the adding up."""
    return (f"Adjustment, not a finding: {-item.weight} decibans of its weaker clues are "
            "not counted, since non-specific clues go together more often than chance "
            f"(after the strongest, each counts half). [{item.source}]")


def render_explanation(console: Console, result: Result, title: str = "", top: int = 5,
                       trace: bool = False, case=None, evidence_for: int = 3) -> None:
    """How the top causes scored, rule by rule with sources, the pitfalls and the next
    steps; the questions the case leaves unknown. With ``trace``: every question the rules
    asked with its answer, and the rule firings in order."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    catalogue = load_catalogue()
    console.print(Text(DISCLAIMER, style="italic dim"))
    heading = Text(f"Case {result.case_id}", style="bold")
    if title:
        heading.append(f" — {title}")
    console.print(heading)
    for pitfall in result.emergencies:
        console.print(pitfall_panel(pitfall, with_rule=True))
    line = reading_line(result, console.width)
    if line:
        console.print(line)
    if result.ranking:
        console.print(ranking_table(result, top))
        for line in tie_lines(result.ranking, top):
            console.print(line)
        hidden = also_must_not_miss(result.ranking, top)
        if hidden:
            console.print(hidden)
    elif result.reading.scope_note:
        console.print(result.reading.scope_note)
    else:
        console.print("No cause has evidence in its favour yet.")
    cited: dict[str, None] = {}
    shown = result.ranking[:min(top, evidence_for)]
    if shown:
        console.print()
        console.print(Text("How each score was built", style="bold underline"))
        console.print(Text("Prior for how common the cause is, plus each finding's weight in "
                           "decibans (+10 = ten times likelier, -10 = ten times less likely); "
                           "[rule · source].", style="dim"))
    for cause in shown:
        title = Text(f"{place(cause)}. {cause.name}", style="bold")
        title.append(f"  {cause.score:+d} ({cause.band}; "
                     f"{CATEGORIES.get(cause.category, cause.category)})")
        tied = tied_with_words(cause, result.ranking)
        if tied:
            title.append(f"; {tied}", style="yellow")
        console.print(title)
        console.print(evidence_grid(cause, catalogue, cited))
        for appraisal in catalogue.appraisals.values():
            if cause.cause in appraisal.causes:
                console.print(Text(f"   Appraisal: {appraisal.topic}. {appraisal.assessment}",
                                   style="magenta"))
    more = more_at_the_same_score(result.ranking, len(shown)) if shown else ""
    if more:
        console.print(Text(f"Evidence shown for the first {len(shown)}, {more}.",
                           style="yellow"))
    elif len(result.ranking) > len(shown) and shown:
        console.print(Text(f"(Evidence shown for the first {len(shown)} causes; "
                           "`leukodx score --format json` lists it for every one.)",
                           style="dim"))
    if result.ranking:
        console.print(Text("Next steps:", style="bold"))
        console.print(next_steps_text(result.ranking[:3]))
        more = more_at_the_same_score(result.ranking, 3, names=False)
        if more:
            console.print(Text(f"  (for the first 3, {more} as the third)", style="dim"))
        for cause in result.ranking[:3]:
            cited.update((step.source_id, None) for step in cause.next_steps)
    for pitfall in result.pitfalls:
        if pitfall.indicator != "critical":
            console.print(pitfall_panel(pitfall, with_rule=True))
    unknown = result.next_questions
    asked = len(result.questions)
    console.print(Text(f"Questions the rules asked: {asked - len(unknown)} answered by the "
                       f"case, {len(unknown)} unknown", style="bold"))
    if trace:
        console.print(questions_table(result, case, catalogue))
    elif unknown:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for question in unknown[:3]:
            row = Text(question.text)
            row.append(f" [{', '.join(question.asked_by)}]", style="dim")
            grid.add_row("  unknown", row)
        console.print(Text("Would help most next:"))
        console.print(grid)
    for warning in result.warnings:
        console.print(Text(f"Note: {warning}", style="yellow"))
    if result.hit is not None:
        console.print(Text(_hit_line(result), style="dim"))
    if cited:
        console.print(Text("Sources", style="bold underline"))
        sources = Table.grid(padding=(0, 1))
        sources.add_column(no_wrap=True)
        sources.add_column(ratio=1)
        for source_id in cited:
            source = catalogue.sources.get(source_id)
            sources.add_row(Text(f"  {source_id}", style="dim"),
                            Text(source.label if source else source_id, style="dim"))
        console.print(sources)
    if trace:
        console.print(Text("Rule firings in order", style="bold underline"))
        firings = Table(show_header=True, header_style="bold")
        firings.add_column("#", justify="right")
        firings.add_column("Rule", overflow="fold")
        firings.add_column("Matched", overflow="fold")
        for index, firing in enumerate(result.trace, start=1):
            add_plain_row(firings, str(index), firing.rule, ", ".join(firing.facts))
        console.print(Group(firings))
    else:
        console.print(Text(f"--trace adds all {asked} questions with the case's answers, in "
                           f"the order asked, and the {len(result.trace)} rule firings.",
                           style="dim"))


def evidence_grid(cause: RankedCause, catalogue, cited: dict) -> Table:
    """One cause's score as its prior and each finding's weight, a row each, with the rule
    and the source id (collected in ``cited`` for the list of sources)."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, min_width=4)
    grid.add_column(ratio=1)
    tier = catalogue.causes[cause.cause].tier.replace("_", " ")
    article = "an" if tier[0] in "aeiou" else "a"
    grid.add_row(f"{cause.prior:+d}", Text(f"prior: {article} {tier} cause"))
    for item in cause.evidence:
        cited[item.source] = None
        why = Text(item.rationale)
        why.append(f" [{item.rule} · {item.source}]", style="dim")
        grid.add_row(Text(f"{item.weight:+d}", style="green" if item.weight > 0 else "red"),
                     why)
    return grid


def questions_in_order_asked(result: Result) -> list:
    """The questions in the order the rules asked them (the first firing of a rule that
    asks each); without a trace, as the result lists them."""
    first = {}
    for index, firing in enumerate(result.trace):
        first.setdefault(firing.rule, index)
    if not first:
        return list(result.questions)
    end = len(result.trace)
    return sorted(result.questions,
                  key=lambda q: min((first.get(rule, end) for rule in q.asked_by), default=end))


def questions_table(result: Result, case, catalogue) -> Table:
    """Every question the rules asked, in the order asked, with the case's answer (or
    unknown, whether the case says so or is silent) and the rules that asked."""
    from rich.table import Table

    table = Table(show_header=True, header_style="bold")
    table.add_column("Question")
    table.add_column("Answer")
    table.add_column("Asked by", overflow="fold")
    for question in questions_in_order_asked(result):
        answer = "unknown"
        if not question.is_open and case is not None:
            entry = catalogue.questions.get(question.id)
            lab = catalogue.labs.get(question.id)
            answer = answer_text(case.answer_for(question.id, entry.section) if entry else None,
                                 entry, lab.unit if lab else None)
        add_plain_row(table, question.text, answer, ", ".join(question.asked_by))
    return table


def answer_text(value: object, question=None, unit: str | None = None) -> str:
    """A case's answer as a short phrase: a number with its unit, a list of film findings
    or drug names, yes/no or a choice."""
    if value is None or value == "unknown":
        return "unknown"
    if isinstance(value, (list, tuple)):
        names = [getattr(item, "name", item) for item in value]
        return ", ".join(str(name) for name in names) or "none"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = unit or (getattr(question, "unit", None) if question is not None else None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        unit = "/µL" if unit == "cells/µL" else f" {unit}" if unit else ""
        return f"{value:,}{unit}"
    return in_words(value)


# What a rationale's f-string fields stand for, in the words a reader of the handbook needs
# (the rule fills them from the case when it fires): numbers as N and M, the drug as "the drug"
FIELD_WORDS = {
    "generic": "the drug", "shown": "the drug",
    "because": " (where the case gives only what the drug is for: why that points to it)",
    "when": "started (or last given) so many weeks ago",
    "timing": "inside the usual window for its effect on the count, later than usual, too "
              "recently, long ago, or not known",
    "onset": "the usual onset for its class",
    "weeks": "N", "weeks * 7": "N", "normal": "N", "low": "N", "started": "M",
    "cd4": "N/µL or N %", "bmi": "N",
    "why": "for N weeks (strong from 12 weeks, weak before, moderate when not known)",
}
_FIELD = re.compile(r"\{([^{}]*)\}")
_IN_WORDS = re.compile(r"weeks_in_words\((\w+)\)")


def rationale_in_words(text: str, emphasis: str = "*") -> str:
    """A rationale as read from the rule, its f-string fields ({generic}, {weeks}) replaced
    by what they stand for, marked with ``emphasis`` (Markdown italics; "" on a terminal):
    a trainee never meets a raw placeholder."""
    def fill(match: re.Match) -> str:
        field = match.group(1).strip()
        in_words = _IN_WORDS.fullmatch(field)  # a time the rule says in days to years
        if in_words:
            field = in_words.group(1)
            words = f"{FIELD_WORDS.get(field, 'N')} weeks"
        else:
            words = FIELD_WORDS.get(field) or " ".join(re.sub(r"[^A-Za-z0-9]+", " ",
                                                              field).split()) or "a value"
        before = text[: match.start()].rstrip()
        if not before or before.endswith((".", "!", "?")):
            words = words[0].upper() + words[1:]
        return f"{emphasis}{words}{emphasis}"

    return _FIELD.sub(fill, text)


def plain_screen() -> bool:
    """The screen cannot show questionary's pointer and tick marks (»●○): an ASCII terminal
    (PYTHONIOENCODING=ascii, LANG=C), where they would all be drawn as "?"."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "»●○…".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False
