"""
What a user's template may do, whatever document it makes: run in Jinja's immutable sandbox,
within limits on time and output size per document, the size of `range`, of repeated text and
of powers; every error a template's code raises is made a template error.

A template is the user's to write, so `{{ 1/0 }}`, a macro that calls itself forever or a loop
that never ends is the template's fault: each is reported as a `TemplateRunError` (a Jinja
template error), which the renderers turn into a `TemplateError` naming the template and line.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import signal
import threading
import time
import types
from collections.abc import Iterator
from types import FrameType
from typing import Any

import attrs
import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from equality_docs.errors import EqualityDocsError

#: Seconds one document's templates may run, unless the caller gives another limit.
DEFAULT_TIME_LIMIT = 60.0
#: Characters of text one document's templates may write (100 MB of plain text).
DEFAULT_SIZE_LIMIT = 100_000_000
#: The most numbers a template's `range` may hold (Jinja's own sandbox default).
MAX_RANGE = 100_000
#: The largest number a template may raise to a power, in bits (about 10,000 digits).
MAX_POWER_BITS = 33_220


class TemplateRunError(jinja2.TemplateRuntimeError):
    """Raised when a template's own code fails or passes a limit; its message is for the user."""


class _Expired(Exception):  # raised by the alarm, made a TemplateRunError at once
    """The time limit passed while a template was running."""


class Budget:
    """What one document's templates may still spend: until when, and how many characters."""

    def __init__(self, time_limit: float, size_limit: int) -> None:
        self.time_limit = time_limit
        self.size_limit = size_limit
        self.deadline = time.monotonic() + time_limit
        self.written = 0
        self.running = 0  # templates running now (the alarm interrupts only them)
        self.alarm = False  # whether an alarm stops a template that runs too long (else time is checked per piece)

    def expired(self) -> TemplateRunError:
        """Return the error for a template that ran out of time."""
        return TemplateRunError(
            f"the template ran longer than the time limit of {self.time_limit:g} "
            f"second{'' if self.time_limit == 1 else 's'} for a "
            "document (a loop that never ends?); the limit is set with --time-limit"
        )

    def too_big(self) -> TemplateRunError:
        """Return the error for a template that wrote too much."""
        return TemplateRunError(
            f"the template wrote more than the limit of {self.size_limit:,} characters for a document "
            "(a loop that repeats too often?)"
        )


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("equality_docs_budget", default=None)


@contextlib.contextmanager
def template_limits(
    *, time_limit: float = DEFAULT_TIME_LIMIT, size_limit: int = DEFAULT_SIZE_LIMIT
) -> Iterator[Budget]:
    """
    Hold every template rendered inside to one document's limits, together: `time_limit`
    seconds, `size_limit` characters. In the main thread an alarm also stops a template that
    loops without writing; elsewhere the time is checked as the template writes.
    """
    if time_limit <= 0 or size_limit <= 0:
        msg = "the time and size limits must be more than zero"
        raise ValueError(msg)
    budget = Budget(time_limit, size_limit)
    token = _BUDGET.set(budget)
    alarm = threading.current_thread() is threading.main_thread() and time_limit < 10**8

    def ring(_signum: int, _frame: FrameType | None) -> None:
        if budget.running:
            raise _Expired

    previous: Any = None
    budget.alarm = alarm
    if alarm:
        previous = signal.signal(signal.SIGALRM, ring)
        # Rings once the time is up, then every half second until a template is interrupted.
        signal.setitimer(signal.ITIMER_REAL, time_limit, 0.5)
    try:
        yield budget
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _BUDGET.reset(token)


def current_budget() -> Budget | None:
    """Return the limits of the document being rendered, if any."""
    return _BUDGET.get()


class LimitedTemplate(jinja2.Template):
    """A template that renders within its document's limits, its own failures made template errors."""

    @classmethod
    def _from_namespace(cls, environment: Any, namespace: Any, globals: Any) -> Any:  # noqa: A002  # Jinja's names
        """Return the template of Jinja's compiled code, escaping each value it prints with `_escape`
        (the name its code calls; a test holds that it still does)."""
        namespace["escape"] = _escape
        return super()._from_namespace(environment, namespace, globals)

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render the template to text within the limits (see `generate`)."""
        return "".join(self.generate(*args, **kwargs))

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        """
        Yield the template's text a run of pieces at a time (one, where no alarm keeps the time limit), counting it
        against the document's limits: a run ends at the piece that passes the size limit, so no more is made past it.

        Raises:
            TemplateRunError: the template's code failed, or passed a limit.
        """
        budget = _BUDGET.get()
        if budget is None:  # rendered outside a document: limits of its own
            with template_limits():
                yield from self.generate(*args, **kwargs)
            return
        if time.monotonic() > budget.deadline:
            raise budget.expired()
        pieces = super().generate(*args, **kwargs)
        while True:
            run: list[str] = []
            size, room = 0, budget.size_limit - budget.written
            budget.running += 1
            try:
                for piece in itertools.islice(pieces, _RUN if budget.alarm else 1):
                    run.append(piece)
                    size += len(piece)
                    if size > room:
                        break
            except (jinja2.TemplateError, EqualityDocsError):
                raise
            except _Expired as exc:
                raise budget.expired().with_traceback(exc.__traceback__) from None
            except Exception as exc:  # noqa: BLE001  # the template's own code failed: 1/0, a runaway macro
                raise TemplateRunError(_describe(exc)).with_traceback(exc.__traceback__) from None
            finally:
                budget.running -= 1
            if not run:
                return
            budget.written += size
            if budget.written > budget.size_limit:
                raise budget.too_big()
            if time.monotonic() > budget.deadline:
                raise budget.expired()
            yield "".join(run)


def _escape(value: Any) -> Markup:
    """Return a value escaped as markupsafe's `escape` does, a `Markup` (already escaped) as it is, not copied."""
    return value if type(value) is Markup else escape(value)


#: The most pieces of a template's text counted, checked and yielded together.
_RUN = 512


def _describe(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "the template calls itself too deeply (a macro that never stops calling itself?)"
    if isinstance(exc, MemoryError):
        return "the template needs more memory than this computer has"
    return f"the template's code failed: {type(exc).__name__}: {exc}"


def bounded_range(*args: int) -> range:
    """Return `range(*args)`, refused if it holds more than `MAX_RANGE` numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        msg = f"range() in a template may hold at most {MAX_RANGE:,} numbers, not {len(numbers):,}"
        raise TemplateRunError(msg)
    return numbers


def bounded_binop(operator: str, left: Any, right: Any) -> Any:
    """
    Return `left operator right` for `*` and `**`, refusing text or lists repeated past the
    document's size limit and powers past `MAX_POWER_BITS` (either would take the computer's
    memory or time before any limit could be checked).
    """
    if operator == "**":
        big = _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1
        if big and (abs(left).bit_length() - 1) * right > MAX_POWER_BITS:
            msg = f"the number {left} ** {right} is too large for a template"
            raise TemplateRunError(msg)
        return left**right
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and _is_int(times):
            budget = _BUDGET.get()
            limit = budget.size_limit if budget is not None else DEFAULT_SIZE_LIMIT
            if len(sequence) * times > limit:
                msg = f"repeating a value {times:,} times would pass the limit of {limit:,} characters"
                raise TemplateRunError(msg)
    return left * right


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_size(size: int, what: str) -> None:
    """Refuse a text of `size` characters past the document's size limit, before it is made."""
    budget = _BUDGET.get()
    limit = budget.size_limit if budget is not None else DEFAULT_SIZE_LIMIT
    if size > limit:
        msg = f"{what} would make a text of {size:,} characters, past the limit of {limit:,}"
        raise TemplateRunError(msg)


def _grown_size(text: str, name: str, args: tuple[Any, ...]) -> int:
    """Return the most characters a text method or filter of this name can make of `text`."""
    width = args[0] if args else 0
    if name in ("center", "ljust", "rjust", "zfill"):
        return max(len(text), width if _is_int(width) else 0)
    if name == "indent":
        prefix = len(width) if isinstance(width, str) else (width if _is_int(width) else 4)
        return len(text) + prefix * (text.count("\n") + 1)
    if name == "expandtabs":
        return len(text) + (width if _is_int(width) else 8) * text.count("\t")
    if name == "replace" and len(args) >= 2:  # old and new
        old, new = str(args[0]), str(args[1])
        times = text.count(old) if old else len(text) + 1
        return len(text) + max(0, len(new) - len(old)) * times
    return len(text)


#: Text methods and filters whose result can be far larger than their arguments.
_GROWING = frozenset({"center", "ljust", "rjust", "zfill", "indent", "expandtabs", "replace"})


def _bounded_filter(name: str, function: Any) -> Any:
    """Return a text filter that refuses, before it runs, to grow its text past the size limit."""

    context_first = hasattr(function, "jinja_pass_arg")  # replace takes the evaluation context first

    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, rest = args[int(context_first)], args[int(context_first) + 1 :]
        _check_size(_grown_size(str(value), name, rest), f"the {name} filter")
        return function(*args, **kwargs)

    return functools.update_wrapper(bounded, function)  # keeps Jinja's mark of what it passes first


class Sandbox(ImmutableSandboxedEnvironment):
    """
    Jinja's immutable sandbox, remembering its verdict on each attribute of each type.

    The sandbox's verdict depends only on the object's type and the attribute's name (no
    underscores, nothing internal to functions or frames, no method that changes a list or
    dict); a table of 10,000 rows asks about the same few attributes 100,000 times.

    Its templates render within their document's limits (above):
    time, output size, `range`, repeated text and powers.
    """

    _VERDICTS_KEPT = 4096
    template_class = LimitedTemplate
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verdicts: dict[tuple[type, str], bool] = {}
        self._fields: dict[type, frozenset[str]] = {}
        self.globals["range"] = bounded_range
        for name in ("center", "indent", "replace"):
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's names
        """Call as Jinja's sandbox does, refusing a text method that would grow past the size limit."""
        name = getattr(__obj, "__name__", "")
        if name in _GROWING and isinstance(getattr(__obj, "__self__", None), str):
            _check_size(_grown_size(__obj.__self__, name, args), f"str.{name}()")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """Work out `*` and `**` within the limits; other operators are not intercepted."""
        return bounded_binop(operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = bool(super().is_safe_attribute(obj, attr, value))
            if len(self._verdicts) < self._VERDICTS_KEPT:
                self._verdicts[key] = verdict
        return verdict

    def _allowed_fields(self, obj: Any) -> frozenset[str]:
        """Return the fields of an attrs class the sandbox allows (none for another class), kept for its type."""
        cls = type(obj)
        allowed = self.is_safe_attribute
        fields = frozenset(f.name for f in attrs.fields(cls) if allowed(obj, f.name, None)) if attrs.has(cls) else frozenset()
        if len(self._fields) < self._VERDICTS_KEPT:
            self._fields[cls] = fields
        return fields

    def getattr(self, obj: Any, attribute: str) -> Any:
        """
        Jinja's sandboxed `getattr`, with its commonest cases first: a field of an attrs class (the
        contexts' views) that the sandbox allows, holding data (nothing callable, so nothing to wrap);
        then a value that is not a method (so not `str.format`, which the sandbox wraps), of an
        attribute already judged.
        """
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)  # an item, or undefined
        fields = self._fields.get(type(obj))
        if attribute in (self._allowed_fields(obj) if fields is None else fields) and not callable(value):
            return value
        if not isinstance(value, _METHODS):
            verdict = self._verdicts.get((type(obj), attribute))
            if verdict is None:
                verdict = self.is_safe_attribute(obj, attribute, value)
            return value if verdict else self.unsafe_undefined(obj, attribute)
        wrapped = self.wrap_str_format(value)
        if wrapped is not None:
            return wrapped
        safe = self.is_safe_attribute(obj, attribute, value)
        return value if safe else self.unsafe_undefined(obj, attribute)


#: What `wrap_str_format` looks at: anything else it leaves as it is.
_METHODS = (types.MethodType, types.BuiltinMethodType)
