"""The blind-entry kit: what an entry helper is given, and the check its files must pass.

The kit is everything a helper who enters published cases may read: the case-format
vocabulary of the hour (`leukodx kb findings|questions|drugs|causes --format json`), one
example file, the source lines of every earlier evaluation case (so that no publication is
entered twice) and the briefing (ENTRY_BRIEFING.md beside this file). It holds nothing from
`rules/`, and the helper never runs `score` or `explain`.

    uv run python evaluation/tools/entry_kit.py make /work/kit14 --set 14
    uv run python evaluation/tools/entry_kit.py check /work/kit14/E1/*.yaml --others /work/kit14

`check` refuses a file without its source, diagnosis, presentation and not-entered blocks, one
that does not validate, an unknown cause id, a file that neither gives the home
region nor says it is not stated, and a DOI, PMID, PMC id or URL that an earlier evaluation
case or another file under --others already holds.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVALUATION = ROOT / "evaluation"
IDENTIFIER = re.compile(
    r"(10\.\d{4,}/[^\s|;,\"]+|pmid[:\s]*\d{6,9}|pmc\d{5,}|https?://[^\s|;,\"]+)", re.I)
BLOCKS = ("# source:", "# diagnosis as published:", "# presentation", "# not entered")
REGION = re.compile(r"travel_region|home region is not stated|region (is )?not stated", re.I)


def header(path: Path) -> str:
    """The comment block before the first key: where the source and its identifiers stand."""
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept)


def source_block(path: Path) -> str:
    """The '# source:' line and its indented continuation lines, joined on one line."""
    lines = header(path).splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("# source:")), None)
    if start is None:
        return ""
    kept = [lines[start][len("# source:"):]]
    for line in lines[start + 1:]:
        if not line.startswith("#   "):
            break
        kept.append(line[1:])
    return " ".join(" ".join(kept).split())


def identifiers(text: str) -> set[str]:
    found = set()
    for match in IDENTIFIER.findall(text.lower()):
        match = match.rstrip(".)]")
        match = re.sub(r"pmid[:\s]*", "pmid ", match)
        match = re.sub(r"^https?://(www\.)?", "", match).rstrip("/")
        match = re.sub(r"^(dx\.)?doi\.org/", "", match)
        if "/" not in match:  # a journal's bare address names no article
            continue
        found.add(match)
    return found


def earlier_files() -> list[Path]:
    return sorted(p for p in EVALUATION.glob("*/*.yaml") if p.parent.name != "tools")


def kb_json(what: str) -> dict:
    out = subprocess.run(["uv", "run", "leukodx", "kb", what, "--format", "json"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def make(target: Path, number: int) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for what in ("findings", "questions", "drugs", "causes"):
        (target / f"kb-{what}.json").write_text(json.dumps(kb_json(what), indent=1) + "\n")
    earlier = earlier_files()
    with open(target / "earlier_sources.txt", "w", encoding="utf-8") as out:
        for path in earlier:
            ids = " ".join(sorted(identifiers(header(path))))
            out.write(f"{path.parent.name}/{path.name}\t{source_block(path)}\t{ids}\n")
    example = EVALUATION / "dev11" / "eval12-bq-all-treatment-fever-leukocytes-under-500-boy-13.yaml"
    shutil.copy(example, target / "example.yaml")
    briefing = Path(__file__).with_name("ENTRY_BRIEFING.md").read_text(encoding="utf-8")
    (target / "BRIEFING.md").write_text(briefing.replace("evalNN", f"eval{number}"),
                                        encoding="utf-8")
    print(f"{target}: vocabulary, example, briefing, {len(earlier)} earlier source lines")


def check(paths: list[Path], others: list[Path]) -> int:
    causes = {c["id"] for c in kb_json("causes")["causes"]}
    earlier: dict[str, str] = {}
    for path in earlier_files():
        for identifier in identifiers(header(path)):
            earlier[identifier] = f"{path.parent.name}/{path.name}"
    mine = {p.resolve() for p in paths}
    for folder in others:
        for path in sorted(folder.rglob("*.yaml")):
            if path.resolve() in mine:
                continue
            for identifier in identifiers(header(path)):
                earlier.setdefault(identifier, str(path))
    bad = 0
    seen: dict[str, Path] = {}
    for path in paths:
        problems = []
        text = path.read_text(encoding="utf-8")
        top = header(path)
        for block in BLOCKS:
            if block not in top:
                problems.append(f"no '{block}' block in the header")
        if not REGION.search(text):
            problems.append("give findings.travel_region (home or travel) or write "
                            "'home region is not stated' under # not entered")
        ids = identifiers(top)
        if not ids and not re.search(r"\btrain split\b", top, re.I):
            problems.append("the source names no DOI, PMID, PMC id or URL")
        for identifier in ids:
            if identifier in earlier:
                problems.append(f"{identifier} is already entered in {earlier[identifier]}")
            if identifier in seen:
                problems.append(f"{identifier} is also in {seen[identifier].name}")
            seen[identifier] = path
        expected = re.search(r"^\s+causes: \[([^\]]*)\]", text, re.M)
        if not expected:
            problems.append("no expected: causes: [...] list")
        else:
            for cause in (c.strip() for c in expected.group(1).split(",")):
                if cause and cause not in causes:
                    problems.append(f"unknown cause id {cause!r} (see kb-causes.json)")
        result = subprocess.run(["uv", "run", "leukodx", "validate", str(path)], cwd=ROOT,
                                capture_output=True, text=True)
        if result.returncode:
            problems.extend(line for line in result.stdout.splitlines() + result.stderr
                            .splitlines() if line.strip())
        for problem in problems:
            print(f"{path}: {problem}")
        if not problems:
            print(f"{path}: ok")
        bad += bool(problems)
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make_parser = sub.add_parser("make")
    make_parser.add_argument("target", type=Path)
    make_parser.add_argument("--set", type=int, required=True,
                             help="the blind set's number, for its case ids (eval14-...)")
    check_parser = sub.add_parser("check")
    check_parser.add_argument("paths", nargs="+", type=Path)
    check_parser.add_argument("--others", nargs="*", type=Path, default=[])
    args = parser.parse_args()
    if args.command == "make":
        make(args.target, args.set)
        return 0
    return check(args.paths, args.others)


if __name__ == "__main__":
    sys.exit(main())
