"""Errors a user can cause. The CLI prints them in one line, without a traceback."""

from __future__ import annotations


class LeukodxError(Exception):
    """A problem the user can fix; the message says what and, where possible, how."""


class CaseFileError(LeukodxError):
    """A case file that cannot be read or does not follow the format."""

    def __init__(self, file: str, line: int | None, key: str | None, problem: str,
                 hint: str | None = None):
        self.file, self.line, self.key, self.problem, self.hint = file, line, key, problem, hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f"{self.key}: {self.problem}" if self.key else self.problem
        return f"{where}: {what}" + (f" ({self.hint})" if self.hint else "")
