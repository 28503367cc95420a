"""``leukodx convert``: FHIR R4 (a Bundle or Bulk Data NDJSON) written as YAML case files a
clinician can read, check and extend; ``score`` on the result gives what it gives on the
FHIR itself. What could not be used is listed at the top of the file."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import yaml


def yaml_text(source: str, records: list, outcomes: list) -> str:
    """The YAML for the patients read from ``source``: one case, or a ``cases:`` list."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# Converted by leukodx from {source} on {stamp}.",
             "# Check every value against the record before you rely on it; "
             "add what the record does not say",
             "# (examination, history, smear) under findings: and smear: "
             "(see `leukodx kb findings`)."]
    for record, outcome in zip(records, outcomes, strict=True):
        problem = getattr(outcome, "message", None)
        if problem:
            lines.append(f"# {record.key} does NOT load as it is: {_one_line(problem)}")
        for warning in record.warnings:
            lines.append(f"# {_one_line(warning)}")
    documents = [record.document for record in records]
    body = documents[0] if len(documents) == 1 else {"cases": documents}
    text = yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(lines) + "\n" + text


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def run(args) -> int:
    from engine.fhir import case_from_record, read_patients
    from interview.cli import EXIT_FAILED, EXIT_OK, write_atomically

    records = read_patients(args.fhirfile)
    outcomes = [case_from_record(record, args.fhirfile) for record in records]
    text = yaml_text(args.fhirfile, records, outcomes)
    if args.output:
        write_atomically(args.output, text)
    else:
        sys.stdout.write(text)
    failed = 0
    for record, outcome in zip(records, outcomes, strict=True):
        problem = getattr(outcome, "message", None)
        if problem:
            failed += 1
            print(f"error {problem}", file=sys.stderr)
        for warning in record.warnings:
            print(f"warning {args.fhirfile}: {warning}", file=sys.stderr)
    if args.output:
        print(f"wrote {len(records)} case{'s' if len(records) != 1 else ''} to {args.output}"
              + (f" ({failed} that do not load as they are)" if failed else ""),
              file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK
