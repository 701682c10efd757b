"""
Every exception equality_docs raises on purpose, in one module so that any layer can raise
them without import loops. The command line turns each into a message and an exit code.
"""

from __future__ import annotations

from pathlib import Path

import attrs


class EqualityDocsError(Exception):
    """Base of every error caused by input, templates or output rather than by a bug."""


@attrs.frozen(kw_only=True)
class Problem:
    """One fault in an input file: where it is, what is wrong, and how to put it right."""

    path: str
    line: int | None
    message: str
    hint: str | None = None

    def format(self, file: Path | str | None) -> str:
        """Return the problem as one line: `file:line: field: message (hint)`."""
        where = str(file) if file is not None else "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        field = f" {self.path}:" if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"


class InputError(EqualityDocsError):
    """Raised when an input file cannot be read into a plan; carries every problem found."""

    def __init__(self, file: Path | str | None, problems: tuple[Problem, ...]) -> None:
        self.file = file
        self.problems = problems
        super().__init__("\n".join(p.format(file) for p in problems))

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields in another process (the message is made from them again),
        # keeping a message set afterwards (several files' problems told together).
        return (type(self), (self.file, self.problems), {"args": self.args})


class CheckError(EqualityDocsError):
    """Raised when a plan's checks found errors and the caller asked for strictness."""

    def __init__(self, file: Path | str | None, findings: tuple[object, ...]) -> None:
        self.file = file
        self.findings = findings
        super().__init__(
            f"{file}: the checks found errors, so with --strict nothing was written "
            "(see equality-docs check)"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.file, self.findings))


class TemplateError(EqualityDocsError):
    """Raised when a template cannot be found, parsed or rendered."""

    def __init__(self, template: str, message: str = "", line: int | None = None) -> None:
        self.template = template
        self.line = line
        self.message = message
        where = template if line is None else f"{template}:{line}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.template, self.message, self.line))


class OutputError(EqualityDocsError):
    """Raised when a document cannot be written where it was asked for."""

    def __init__(self, path: Path | str, message: str = "") -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.message))


class UnknownKindError(EqualityDocsError):
    """Raised when a document kind or format is asked for that does not exist."""


class BatchError(EqualityDocsError):
    """
    Raised by `render_all` after every document that could be made was written, when some
    could not: `failures` holds each one's path and its own error (a TemplateError, an
    OutputError, ...), in the order of the documents.
    """

    def __init__(self, failures: tuple[tuple[Path, EqualityDocsError], ...]) -> None:
        self.failures = failures
        count = len(failures)
        lines = [f"{count} document{'s' if count != 1 else ''} could not be made:"]
        lines += [f"  {path}: {error}" for path, error in failures]
        super().__init__("\n".join(lines))

    @property
    def errors(self) -> tuple[EqualityDocsError, ...]:
        """Return each failure's error."""
        return tuple(error for _, error in self.failures)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.failures,))


class InternalError(EqualityDocsError):
    """
    Raised in place of an unforeseen exception (a bug in equality_docs, or no memory left) while
    making one document or reading one plan of a batch, so that the others are still made.
    """

    def __init__(self, where: Path | str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")

    @classmethod
    def of(cls, exc: BaseException, where: Path | str) -> InternalError:
        """Return the error standing for an unforeseen exception raised at `where`."""
        if out_of_resources(exc):
            return cls(where, "there was not enough memory to make this document")
        return cls(where, f"internal error: {type(exc).__name__}: {exc} (a bug in equality-docs; please report it)")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.where, self.message))


class ModelError(EqualityDocsError, ValueError):
    """
    Raised when a model object is built in Python with a value that cannot be converted.

    The message names the class, the field's path and the fix, as loading a file does:
    `Objective.aims[0]: "advanse" is not a general-duty aim; use one of: eliminate, advance, foster`.
    """

    def __init__(
        self, owner: str, path: tuple[str | int, ...], problem: str, more: tuple[ModelError, ...] = (),
        hint: str | None = None,
    ) -> None:
        self.owner = owner
        self.path = path
        self.problem = problem
        #: Further refusals of the same object found by the same check (the message names the first).
        self.more = more
        #: The fix alone, where the problem ends with it ("what is wrong; how to mend it").
        self.hint = hint
        where = owner + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.owner, self.path, self.problem, self.more, self.hint))


def out_of_resources(exc: BaseException) -> bool:
    """Return whether an exception says the computer ran out of memory (or of threads, for want of it)."""
    return isinstance(exc, MemoryError) or (
        isinstance(exc, RuntimeError) and "can't start new thread" in str(exc)
    )
