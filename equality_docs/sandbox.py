"""
What a user's template may do, whatever document it makes: run in Jinja's immutable sandbox,
within limits on time and output size per document, and on how much one operation may make
(`bounds.py`: `range`, powers, text repeated, padded, joined or formatted); every error a
template's code raises is made a template error.

A template is the user's to write, so `{{ 1/0 }}`, a macro that calls itself forever or a loop
that never ends is the template's fault: each is reported as a `TemplateRunError` (a Jinja
template error), which the renderers turn into a `TemplateError` naming the template and line.
"""

from __future__ import annotations

import contextlib
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

from equality_docs.bounds import (
    BUDGET,
    DEFAULT_SIZE_LIMIT,
    GROWING,
    MAX_POWER_BITS,
    MAX_RANGE,
    REFUSED,
    BoundedEscapeFormatter,
    BoundedFormatter,
    Budget,
    TemplateRunError,
    bounded_binop,
    bounded_concat,
    bounded_dumps,
    bounded_filters,
    bounded_range,
    check_printed,
    check_size,
    checked,
    current_budget,
    grown_size,
    in_order,
    joined_size,
    markup_join,
    str_join,
)
from equality_docs.errors import EqualityDocsError

#: Seconds one document's templates may run, unless the caller gives another limit.
DEFAULT_TIME_LIMIT = 60.0


class _Expired(Exception):  # raised by the alarm, made a TemplateRunError at once
    """The time limit passed while a template was running."""


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
    token = BUDGET.set(budget)
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
        BUDGET.reset(token)


class LimitedTemplate(jinja2.Template):
    """A template that renders within its document's limits, its own failures made template errors."""

    @classmethod
    def _from_namespace(cls, environment: Any, namespace: Any, globals: Any) -> Any:  # noqa: A002  # Jinja's names
        """Return the template of Jinja's compiled code, escaping each value it prints with `_escape`
        (the name its code calls; a test holds that it still does)."""
        namespace["escape"] = _escape
        namespace["markup_join"], namespace["str_join"] = markup_join, str_join  # `~`, within the size limit
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
        budget = BUDGET.get()
        if budget is None:  # rendered outside a document: limits of its own, left before a piece is given
            with template_limits():
                made = list(self.generate(*args, **kwargs))
            yield from made
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


class Sandbox(ImmutableSandboxedEnvironment):
    """
    Jinja's immutable sandbox, remembering its verdict on each attribute of each type.

    The sandbox's verdict depends only on the object's type and the attribute's name (no
    underscores, nothing internal to functions or frames, no method that changes a list or
    dict); a table of 10,000 rows asks about the same few attributes 100,000 times.

    Its templates render within their document's limits (above): time, output size, `range`,
    powers, and text repeated, padded, joined, formatted or made JSON (see `bounds.py`):
    refused before it is made where one operation could make far more than its values hold, and
    every result of an operator, a call or a Jinja filter checked.
    """

    _VERDICTS_KEPT = 4096
    template_class = LimitedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    concat = staticmethod(bounded_concat)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verdicts: dict[tuple[type, str], bool] = {}
        self._fields: dict[type, frozenset[str]] = {}
        self.globals["range"] = bounded_range
        self.filters.update(bounded_filters(self.filters))  # Jinja's own: each result checked
        finalize = self.finalize  # a list or mapping printed is measured before it is made text
        self.finalize = check_printed if finalize is None else lambda value: finalize(check_printed(value))
        self.policies["json.dumps_function"] = bounded_dumps

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's names
        """Call as Jinja's sandbox does, refusing a text method that would grow past the size limit."""
        name = getattr(__obj, "__name__", "")
        if name in GROWING and isinstance(getattr(__obj, "__self__", None), str):
            check_size(grown_size(__obj.__self__, name, in_order(name, args, kwargs)), f"str.{name}()")
        if name == "join" and args and isinstance(getattr(__obj, "__self__", None), str):
            args = (list(args[0]), *args[1:])
            check_size(joined_size(args[0], __obj.__self__, escaped=True), "str.join()")
        return checked(super().call(__context, __obj, *args, **kwargs), f"{name or 'a call'}()")

    def wrap_str_format(self, value: Any) -> Any:
        """Jinja's sandboxed `str.format` and `format_map` (as Jinja wraps them), each field refused
        before it is made if its width or precision would pass the size limit, and the text as it grows."""
        if not isinstance(value, _METHODS) or value.__name__ not in ("format", "format_map"):
            return None
        text = value.__self__
        if not isinstance(text, str):
            return None
        mapped = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if mapped and (kwargs or len(args) != 1):
                msg = "format_map() takes exactly one argument and no keyword arguments"
                raise TypeError(msg)
            formatter = (BoundedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup)
                         else BoundedFormatter(self))
            formatter.what = f"str.{value.__name__}()"
            return type(text)(formatter.vformat(text, (), args[0]) if mapped else formatter.vformat(text, args, kwargs))

        return functools.update_wrapper(wrapper, value)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """Work out `*`, `**`, `+` and `%` within the limits; other operators are not intercepted."""
        return bounded_binop(operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr in REFUSED and isinstance(obj, str | bytes):
            return False
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


#: The limits and errors other modules take from here, with the sandbox (they live in `bounds.py`).
__all__ = [
    "DEFAULT_SIZE_LIMIT", "DEFAULT_TIME_LIMIT", "MAX_POWER_BITS", "MAX_RANGE", "Budget", "LimitedTemplate", "Sandbox",
    "TemplateRunError", "bounded_binop", "bounded_range", "current_budget", "template_limits",
]
