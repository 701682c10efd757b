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
from collections.abc import Iterator, Mapping
from types import FrameType
from typing import Any

import attrs
import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from equality_docs.errors import EqualityDocsError
from equality_docs.template_growth import format_size, grown_size, joined_size, json_size, percent_size

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
        namespace["markup_join"], namespace["str_join"] = _MARKUP_JOIN, _STR_JOIN  # `~`, within the size limit
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


def _bounded_join(join: Any) -> Any:
    def bounded(seq: Any) -> Any:
        items = list(seq)
        _check_size(joined_size(items), "joining values with ~")
        return join(items)

    return bounded


_MARKUP_JOIN, _STR_JOIN = _bounded_join(jinja2.runtime.markup_join), _bounded_join(jinja2.runtime.str_join)


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
    Return `left operator right` for `*`, `**`, `+` and `%`, refusing text or lists repeated or
    joined past the document's size limit, text formatted past it, and powers past `MAX_POWER_BITS`
    (any would take the computer's memory or time before any limit could be checked).
    """
    if operator == "+":
        if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            _check_size(len(left) + len(right), "joining two values with +")
        return left + right
    if operator == "%":
        if isinstance(left, str):
            _check_size(percent_size(left, right), "formatting text with %")
        return left % right
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


#: Text methods and filters whose result can be far larger than their arguments.
_GROWING = frozenset({"center", "ljust", "rjust", "zfill", "indent", "expandtabs", "replace"})


def _bounded_filter(name: str, function: Any) -> Any:
    """Return a text filter that refuses, before it runs, to grow its text past the size limit."""

    context_first = hasattr(function, "jinja_pass_arg")  # replace takes the evaluation context first

    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, rest = args[int(context_first)], args[int(context_first) + 1 :]
        _check_size(grown_size(str(value), name, rest), f"the {name} filter")
        return function(*args, **kwargs)

    return functools.update_wrapper(bounded, function)  # keeps Jinja's mark of what it passes first


def _bounded_join_filter(function: Any) -> Any:
    """Return the join filter, refusing to join past the size limit."""

    def bounded(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        items = list(value)
        _check_size(joined_size(items, str(d)), "the join filter")
        return function(eval_ctx, items, d, attribute)

    return functools.update_wrapper(bounded, function)  # keeps Jinja's mark of what it passes first


def _bounded_format_filter(function: Any) -> Any:
    """Return the format filter (`%` formatting), refusing to format past the size limit."""

    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_size(percent_size(str(value), kwargs or args), "the format filter")
        return function(value, *args, **kwargs)

    return functools.update_wrapper(bounded, function)


def _bounded_json_filter(function: Any) -> Any:
    """Return the tojson filter, refusing to make JSON past the size limit."""

    def bounded(eval_ctx: Any, value: Any, indent: Any = None) -> Any:
        _check_size(json_size(value, indent), "the tojson filter")
        return function(eval_ctx, value, indent)

    return functools.update_wrapper(bounded, function)


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
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verdicts: dict[tuple[type, str], bool] = {}
        self._fields: dict[type, frozenset[str]] = {}
        self.globals["range"] = bounded_range
        for name in ("center", "indent", "replace"):
            self.filters[name] = _bounded_filter(name, self.filters[name])
        self.filters["join"] = _bounded_join_filter(self.filters["join"])
        self.filters["format"] = _bounded_format_filter(self.filters["format"])
        self.filters["tojson"] = _bounded_json_filter(self.filters["tojson"])

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's names
        """Call as Jinja's sandbox does, refusing a text method that would grow past the size limit."""
        name = getattr(__obj, "__name__", "")
        if name in _GROWING and isinstance(getattr(__obj, "__self__", None), str):
            _check_size(grown_size(__obj.__self__, name, args), f"str.{name}()")
        if name == "join" and args and isinstance(getattr(__obj, "__self__", None), str):
            args = (list(args[0]), *args[1:])
            _check_size(joined_size(args[0], __obj.__self__), "str.join()")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        """Jinja's sandboxed `str.format` and `format_map`, refusing to format past the size limit."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None

        def bounded(*args: Any, **kwargs: Any) -> Any:
            mapping = args[0] if value.__name__ == "format_map" and args and isinstance(args[0], Mapping) else {}
            values = (*args, *kwargs.values(), *mapping.values())
            _check_size(format_size(value.__self__, values), f"str.{value.__name__}()")
            return wrapped(*args, **kwargs)

        return functools.update_wrapper(bounded, wrapped)

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
