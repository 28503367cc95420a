"""What marks a case file the interview saved, and the check that it was saved whole: a file
cut short (a disk that filled, a copy interrupted) must be refused, never half-read.

A save declares itself in its opening comments and ends with an end line. Only files that
declare it are checked, so case files written by hand (and saves from before the end line)
load as they always did; and since the check is a line, not a checksum, a clinician who edits
a saved file by hand (a value corrected, a note added) can still load it.
"""

from __future__ import annotations

from .errors import CaseFileError

HEADER = "# A leukodx interview, saved as a case file."
END = "# end of leukodx interview save"
DECLARES_END = f"# A complete save ends with the line: {END}"


def cut_short(text: str, declares_end: str, end: str) -> bool:
    """Whether ``text`` declares, in its opening comments, that it ends with the line ``end``
    and yet lacks that line: it was cut short. Files that do not declare it never are."""
    lines = text.lstrip("\ufeff").splitlines()
    opening = []
    for line in lines:
        if not line.startswith("#"):
            break
        opening.append(line.rstrip())
    return declares_end in opening and end not in (line.rstrip() for line in lines)


def refuse_if_cut_short(file: str, text: str) -> None:
    """Raise ``CaseFileError`` when ``text`` declares itself a leukodx interview save that
    has an end line but the end line is missing: the file was cut short."""
    if not cut_short(text, DECLARES_END, END):
        return
    lines = text.splitlines()
    raise CaseFileError(file, len(lines) or None, None,
                        "is a saved interview cut short (its end line is missing), so it "
                        "is not read: values near the end may be incomplete",
                        "resume from a copy or save the interview again; if you removed the "
                        f"last line by hand, add back: {END}")
