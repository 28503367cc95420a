"""Errors a user can cause. The CLI prints them in one line, without a traceback."""

from __future__ import annotations


class LeukodxError(Exception):
    """A problem the user can fix; the message says what and, where possible, how."""


class CaseFileError(LeukodxError):
    """A case file that cannot be read or does not follow the format. A case with several
    errors is its first error, with the rest in ``more`` (``validate`` lists them all)."""

    def __init__(self, file: str, line: int | None, key: str | None, problem: str,
                 hint: str | None = None):
        self.file, self.line, self.key, self.problem, self.hint = file, line, key, problem, hint
        self.more: tuple[CaseFileError, ...] = ()
        self.across = False  # found by comparing the value with others (ANC above the WBC)
        super().__init__(self.line_message)

    @property
    def line_message(self) -> str:
        """This one error in one line: file:line: key: problem (hint)."""
        where = self.file + (f":{self.line}" if self.line else "")
        what = f"{self.key}: {self.problem}" if self.key else self.problem
        return f"{where}: {what}" + (f" ({self.hint})" if self.hint else "")

    @property
    def message(self) -> str:
        """The first error, saying how many more the case has (a batch shows one line)."""
        if not self.more:
            return self.line_message
        count = len(self.more)
        return (f"{self.line_message}; and {count} more error{'s' if count > 1 else ''} in "
                f"this case (leukodx validate {self.file} lists every one)")

    @property
    def every_error(self) -> tuple[CaseFileError, ...]:
        return (self, *self.more)

    def __str__(self) -> str:
        return self.message


class CaseWarning(str):
    """A warning about a case (a drug the dictionary does not know): its text, as every
    output shows it, with the file, line and key it is about for ``validate``."""

    file: str | None = None
    line: int | None = None
    key: str | None = None

    def __new__(cls, text: str, file: str | None = None, line: int | None = None,
                key: str | None = None):
        warning = super().__new__(cls, text)
        warning.file, warning.line, warning.key = file, line, key
        return warning

    def __reduce__(self):  # batch workers send results to the parent process
        return (CaseWarning, (str(self), self.file, self.line, self.key))
