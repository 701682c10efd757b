"""
What the command line tells the user: the exit code of each error, and a batch's summary.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from equality_docs.errors import (
    BatchError,
    CheckError,
    EqualityDocsError,
    InputError,
    InternalError,
    OutputError,
    TemplateError,
    UnknownKindError,
)

if TYPE_CHECKING:
    from equality_docs.check import Finding


#: A batch's failure: the document it stopped (None: an input file, named by the error), and the error.
Failure = tuple[Path | None, EqualityDocsError]


class Exit(enum.IntEnum):
    """The exit codes of `equality-docs`."""

    OK = 0
    CHECKS_FAILED = 1
    USAGE = 2
    INVALID_INPUT = 3
    TEMPLATE = 4
    OUTPUT = 5
    INTERNAL = 70


_CODES: tuple[tuple[type[EqualityDocsError], Exit], ...] = (
    (InputError, Exit.INVALID_INPUT),
    (CheckError, Exit.CHECKS_FAILED),
    (TemplateError, Exit.TEMPLATE),
    (OutputError, Exit.OUTPUT),
    (UnknownKindError, Exit.USAGE),
    (InternalError, Exit.INTERNAL),
)

#: Which exit code wins when a batch has failures of several kinds: the most serious.
_SEVERITY = (Exit.CHECKS_FAILED, Exit.USAGE, Exit.OUTPUT, Exit.TEMPLATE, Exit.INVALID_INPUT, Exit.INTERNAL)


def exit_code(error: EqualityDocsError) -> Exit:
    """Return the exit code of an error (of a batch's errors, the most serious one's)."""
    if isinstance(error, BatchError):
        return worst([exit_code(f) for f in error.errors])
    return next((code for kind, code in _CODES if isinstance(error, kind)), Exit.INTERNAL)


def worst(codes: Sequence[Exit]) -> Exit:
    """Return the most serious of some exit codes: a bug, then input, template, output, usage, checks."""
    return max(codes, key=lambda code: _SEVERITY.index(code) if code in _SEVERITY else -1, default=Exit.OK)


def message(error: EqualityDocsError, document: Path | None = None) -> str:
    """
    Return an error as the user reads it: an input file's problems one a line, else
    `error: ...`, after the document it stopped (unless the error names it already).
    """
    if isinstance(error, InputError):
        return str(error)
    if document is None or str(error).startswith(f"{document}: "):
        return f"error: {error}"
    return f"error: {document}: {error}"


@attrs.frozen(kw_only=True)
class Summary:
    """What a batch did: the plans checked, the documents written and those that failed."""

    out: Path
    findings: Sequence[tuple[Path, Sequence[Finding]]]
    written: int
    accessibility: int  # documents written with accessibility problems
    failures: Sequence[Failure]
    empty: Sequence[Path] = ()  # plans no kind could print

    def text(self) -> str:
        """
        Return the summary: a line for each count (the plans' checks, the documents written,
        those with accessibility problems, the failures), then each failure's message.
        """
        lines = [f"{file}: holds no data any document kind can print; nothing to render" for file in self.empty]
        if self.findings:
            lines += _checks_lines(self.findings)
        if self.written:
            lines.append(f"wrote {_count(self.written, 'document')} into {self.out}")
        elif not self.failures:
            lines.append("wrote no documents")
        if self.accessibility:
            lines.append(f"accessibility: {_count(self.accessibility, 'document')} with problems "
                         "(details: equality-docs check-output FILE)")
        if self.failures and lines:  # alone, the failures need no count
            lines.append(f"failed: {len(self.failures)}")
        lines += [message(error, document) for document, error in self.failures]
        return "\n".join(lines) + "\n"

    def exit_code(self) -> Exit:
        """Return the exit code: the most serious failure's, or 0."""
        return worst([exit_code(error) for _, error in self.failures])


def _checks_lines(findings: Sequence[tuple[Path, Sequence[Finding]]]) -> list[str]:
    """
    Return a line for the plans' own findings by severity, with how many plans have errors,
    warnings (at worst) or notes only (what `check` shows); then, if any, a line counting the
    warnings about the user's templates (which only `render` finds, each shown above it).
    """
    from equality_docs.check import Severity, summary  # load on use: keep `--help` fast
    from equality_docs.document import UNPRINTED_SECTIONS

    plans = {"with errors": 0, "with warnings": 0, "with notes only": 0}
    every: list[Finding] = []
    templates = 0
    for _, found in findings:
        own = [f for f in found if f.code != UNPRINTED_SECTIONS]
        templates += len(found) - len(own)
        every += own
        severities = {f.severity for f in own}
        if Severity.ERROR in severities:
            plans["with errors"] += 1
        elif Severity.WARNING in severities:
            plans["with warnings"] += 1
        elif severities:
            plans["with notes only"] += 1
    which = ", ".join(f"{n} {words}" for words, n in plans.items() if n)
    lines = [f"checks: {summary(every)} in {_count(len(findings), 'plan')}{f' ({which})' if which else ''}; "
             "details: equality-docs check FILE"]
    if templates:
        lines.append(f"templates: {_count(templates, 'warning')} ({UNPRINTED_SECTIONS}: a placed section a template "
                     "of yours leaves out; each is shown above, as only `render` finds them)")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
