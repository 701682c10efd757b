"""
The limits one document's templates run within (the `Budget`: time and characters), and how much
text a template's operations may make. Where one operation could make far more than its values
hold (a width such as `"%300000000s" % ""`, a text repeated, padded or joined many times) it is
worked out before it runs, an upper bound from the operation's numbers and its values' lengths,
and refused past the document's size limit instead of taking the computer's memory; every result
of an operator, a call and a Jinja filter is checked too, so a chain of operations that each grow
a text a few times over is refused at its first step past the limit. `sandbox.py` wires these in.
"""

from __future__ import annotations

import contextvars
import functools
import json
import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter

#: Characters of text one document's templates may write (100 MB of plain text).
DEFAULT_SIZE_LIMIT = 100_000_000
#: The most numbers a template's `range` may hold (Jinja's own sandbox default).
MAX_RANGE = 100_000
#: The largest number a template may raise to a power, in bits (about 10,000 digits).
MAX_POWER_BITS = 33_220


class TemplateRunError(jinja2.TemplateRuntimeError):
    """Raised when a template's own code fails or passes a limit; its message is for the user."""


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


BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("equality_docs_budget", default=None)


def current_budget() -> Budget | None:
    """Return the limits of the document being rendered, if any."""
    return BUDGET.get()


#: A printf-style conversion (`%-8.2f`, `%(name)s`, `%*d`): its key, width, precision and kind.
_PRINTF = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])")
#: Past this many digits a width is taken as too large, whatever it is (and never converted).
_DIGITS = 12
#: The most characters a number of any kind prints as beside its width and precision (`%f` of 1e308).
_NUMBER = 330


#: The most items a list a template makes may hold (each costs memory beyond its characters; ten times `range`'s).
MAX_ITEMS = 1_000_000
_CONTAINERS = (list, tuple, set, frozenset, dict)


def text_size(value: Any, cap: int = 10**12) -> int:
    """Return how many characters a value prints as, never making its text: a text's length; a whole
    number's digits (as many as its bits allow); a list's, tuple's, set's or mapping's items, each
    four times its own size (as a repr escapes it) and its punctuation, counted up to `cap` at most;
    anything else's text."""
    size, waiting = 0, [value]
    while waiting and size <= cap:
        item = waiting.pop()
        if isinstance(item, str):
            size += len(item) if item is value else 4 * len(item) + 2
        elif _is_int(item):
            size += item.bit_length() // 3 + 2
        elif isinstance(item, _CONTAINERS):
            size += 2 + 2 * len(item)
            waiting.extend(item.items() if isinstance(item, dict) else item)
        else:
            size += len(str(item))
    return size


def _number(digits: str) -> int:
    return 10**_DIGITS if len(digits) > _DIGITS else int(digits or 0)


def percent_size(fmt: str, values: Any) -> int:
    """Return the most characters `fmt % values` can make: the format, each value it names (a repr
    ten times its text; five times, escaped, into markup), and each conversion's width and precision,
    `*` ones taken from the values."""
    conversions = _PRINTF.findall(fmt)
    if isinstance(values, Mapping):  # each conversion naming a key prints its value
        args: Sequence[Any] = [values[key] for key, *_ in conversions if key and key in values]
    else:
        args = values if isinstance(values, tuple) else (values,)
    times = (10 if any(kind in "ra" for *_, kind in conversions) else 1) * (5 if hasattr(fmt, "__html__") else 1)
    size = len(fmt) + sum(times * text_size(a) + 2 for a in args)
    stars = sum(a for a in args if _is_int(a) and a > 0)
    for _, width, precision, _ in conversions:
        size += _NUMBER + sum(stars if n == "*" else _number(n) for n in (width, precision))
    return size


def spec_size(spec: str) -> int:
    """Return the most characters one field of `str.format` adds beside its value's own text, from
    its format spec (nested fields already filled in): its width, precision and a number's digits."""
    return _NUMBER + sum(_number(n) for n in re.findall(r"\d+", spec))


def joined_size(items: Sequence[Any], separator: str = "", *, escaped: bool = False) -> int:
    """Return the most characters of `items` joined with `separator`; `escaped`: where any item is
    escaped already (`Markup`), the others are escaped as they are joined (`&` becomes `&amp;`)."""
    times = 5 if escaped and (hasattr(separator, "__html__") or any(hasattr(i, "__html__") for i in items)) else 1
    return (sum(text_size(i) * (1 if hasattr(i, "__html__") else times) for i in items)
            + len(separator) * max(0, len(items) - 1))


def grown_size(text: str, name: str, args: tuple[Any, ...]) -> int:
    """Return the most characters a text method or filter of this name can make of `text`."""
    width = args[0] if args else 0
    if name in ("center", "ljust", "rjust", "zfill"):
        return max(len(text), width if _is_int(width) else 0)
    if name == "indent":
        prefix = len(width) if isinstance(width, str) else (width if _is_int(width) else 4)
        return len(text) + prefix * (text.count("\n") + 1)
    if name == "expandtabs":
        return len(text) + (width if _is_int(width) else 8) * text.count("\t")
    if name == "replace" and len(args) >= 2:  # old and new (escaped, five times as long, into markup)
        old, new = str(args[0]), str(args[1])
        times = text.count(old) if old else len(text) + 1
        return len(text) + max(0, (5 if hasattr(text, "__html__") else 1) * len(new) - len(old)) * times
    if name == "wordwrap":  # a wrapstring after each character at worst
        return len(text) * (1 + (len(str(args[2])) if len(args) > 2 and args[2] is not None else 1))
    if name in ("urlencode", "escape", "forceescape", "e"):
        return 12 * text_size(text)  # a character past U+FFFF is twelve (%F0%9F%98%80); an escape five
    return len(text)


def _bounded_join(join: Any, *, escaped: bool) -> Any:
    def bounded(seq: Any) -> Any:
        items = list(seq)
        check_size(joined_size(items, escaped=escaped), "joining values with ~")
        return join([i if isinstance(i, str) else str(i) for i in items])  # as `join` itself takes them

    return bounded


markup_join = _bounded_join(jinja2.runtime.markup_join, escaped=True)
str_join = _bounded_join(jinja2.runtime.str_join, escaped=False)


def bounded_concat(pieces: Any) -> str:
    """Join the text of a macro, `{% set %}` or `{% filter %}` block, refused past the size limit."""
    items = list(pieces)
    check_size(sum(map(len, items)), "a block's text")
    return "".join(items)


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
            check_size(len(left) + len(right), "joining two values with +", items=not isinstance(left, str))
        return left + right
    if operator == "%":
        if isinstance(left, str):
            check_size(percent_size(left, right), "formatting text with %")
        return checked(left % right, "formatting text with %")
    if operator == "*" and _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_POWER_BITS:
        msg = "the numbers multiplied are too large for a template"
        raise TemplateRunError(msg)
    if operator == "**":
        big = _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1
        if big and (abs(left).bit_length() - 1) * right > MAX_POWER_BITS:
            msg = f"the number {left} ** {right} is too large for a template"
            raise TemplateRunError(msg)
        return left**right
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and _is_int(times):
            budget = BUDGET.get()
            limit = (budget.size_limit if budget is not None else DEFAULT_SIZE_LIMIT) if isinstance(sequence, str) else MAX_ITEMS
            if len(sequence) * times > limit:
                msg = f"repeating a value {times:,} times would pass the limit of {limit:,} characters"
                raise TemplateRunError(msg)
    return left * right


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def size_limit() -> int:
    """Return the size limit of the document being rendered (the default outside one)."""
    budget = BUDGET.get()
    return budget.size_limit if budget is not None else DEFAULT_SIZE_LIMIT


def check_size(size: int, what: str, *, items: bool = False) -> None:
    """Refuse a text of `size` characters past the document's size limit (with `items`, a list of
    `size` items past `MAX_ITEMS`), before it is made."""
    limit = MAX_ITEMS if items else size_limit()
    if size > limit:
        made = "a list of" if items else "a text of"
        msg = f"{what} would make {made} {size:,} {'items' if items else 'characters'}, past the limit of {limit:,}"
        raise TemplateRunError(msg)


def checked(result: Any, what: str) -> Any:
    """Return an operation's result, refused if it is a text or list past the size limit (a step of
    a chain that grows a value a few times over at each step, refused at the first step past it)."""
    if isinstance(result, str | bytes | list | tuple):
        limit = size_limit() if isinstance(result, str | bytes) else MAX_ITEMS
        if len(result) > limit:
            msg = f"{what} made a value of {len(result):,} characters or items, past the limit of {limit:,}"
            raise TemplateRunError(msg)
    return result


def check_printed(value: Any) -> Any:
    """Return a value about to be printed, refused first if it is a list, tuple, set or mapping whose
    text would pass the size limit (measured without making it)."""
    if isinstance(value, _CONTAINERS):
        limit = size_limit()
        check_size(text_size(value, cap=limit), "printing a list or mapping")
    return value


#: Text methods and filters whose result can be far larger than their arguments.
GROWING = frozenset({"center", "ljust", "rjust", "zfill", "indent", "expandtabs", "replace"})


def bounded_filter(name: str, function: Any, size: Any = None) -> Any:
    """Return a filter whose result is refused past the size limit, and, with `size` (its most
    characters from its arguments), refused before it runs if it would pass it."""
    context_first = hasattr(function, "jinja_pass_arg")  # replace and join take the evaluation context first
    what = f"the {name} filter"

    def bounded(*args: Any, **kwargs: Any) -> Any:
        if size is not None:
            check_size(size(*args[int(context_first) :], **kwargs), what)
        return checked(function(*args, **kwargs), what)

    return functools.update_wrapper(bounded, function)  # keeps Jinja's mark of what it passes first


#: The arguments of the text methods and filters `grown_size` measures, in order (a keyword argument put in its place).
ARGUMENTS = {"center": ("width",), "ljust": ("width",), "rjust": ("width",), "zfill": ("width",),
             "indent": ("width",), "expandtabs": ("tabsize",), "replace": ("old", "new", "count"),
             "wordwrap": ("width", "break_long_words", "wrapstring")}


def in_order(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Return a call's arguments as `grown_size` reads them: positional, then keywords in their places."""
    return args + tuple(kwargs.get(k) for k in ARGUMENTS.get(name, ())[len(args) :])


def grown(name: str) -> Any:
    def size(value: Any, *args: Any, **kwargs: Any) -> int:
        return grown_size(value if isinstance(value, str) else str(value), name, in_order(name, args, kwargs))

    return size


def counted(name: str) -> Any:
    """Return the check of a filter making lists (`batch`, `slice`, `list`): at most `MAX_RANGE` lists
    filled or sliced, and no more than `MAX_ITEMS` lists or items in all."""
    def size(value: Any, *args: Any, **kwargs: Any) -> int:
        count = args[0] if args else kwargs.get("linecount", kwargs.get("slices", 1))
        filled = (args[1] if len(args) > 1 else kwargs.get("fill_with")) is not None
        if (name == "slice" or filled) and _is_int(count) and count > MAX_RANGE:
            msg = f"{name}() in a template may make at most {MAX_RANGE:,} lists, not {count:,}"
            raise TemplateRunError(msg)
        made = len(value) if hasattr(value, "__len__") else 0
        if name == "batch" and _is_int(count) and count > 0:
            made //= count
        if made > MAX_ITEMS:
            msg = f"{name}() in a template may make at most {MAX_ITEMS:,} lists or items, not {made:,}"
            raise TemplateRunError(msg)
        return 0

    return size


def bounded_filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    """Return Jinja's filters each with its result checked; those that can make far more than their
    values hold (padding, replacing, `%` formatting, joining, filled batches and slices) checked
    before they run too."""
    sizes: dict[str, Any] = {name: grown(name) for name in ("center", "indent", "replace", "wordwrap", "urlencode",
                                                             "escape", "forceescape", "e")}
    sizes |= {name: counted(name) for name in ("batch", "slice", "list")}
    sizes |= {"string": text_size, "pprint": lambda value: 2 * text_size(value),
              "format": lambda value, *args, **kwargs: percent_size(str(value), kwargs or args)}
    bounded = {name: bounded_filter(name, function, sizes.get(name)) for name, function in filters.items()}
    bounded["join"] = bounded_join_filter(jinja2.filters.do_join)
    return bounded


def bounded_join_filter(function: Any) -> Any:
    """Return the join filter, refusing to join past the size limit before it joins."""

    def bounded(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        if attribute is not None:  # as the filter takes each item's attribute
            value = map(jinja2.filters.make_attrgetter(eval_ctx.environment, attribute), value)
        items = list(value)
        check_size(joined_size(items, str(d), escaped=eval_ctx.autoescape), "the join filter")
        return function(eval_ctx, items, d)

    return functools.update_wrapper(bounded, function)  # keeps Jinja's mark of what it passes first


def bounded_dumps(value: Any, **kwargs: Any) -> str:
    """`json.dumps` for the tojson filter, made a piece at a time and refused at the size limit (with
    the five characters each of `<`, `>`, `&` and `'` gain as the filter makes them safe for HTML)."""
    budget = BUDGET.get()
    limit = budget.size_limit if budget is not None else DEFAULT_SIZE_LIMIT
    pieces, size = [], 0
    for piece in (kwargs.pop("cls", None) or json.JSONEncoder)(**kwargs).iterencode(value):
        size += len(piece) + 5 * sum(piece.count(c) for c in "<>&'")
        if size > limit:
            msg = f"the tojson filter would make more than the limit of {limit:,} characters"
            raise TemplateRunError(msg)
        pieces.append(piece)
    return "".join(pieces)


class _Bounded:
    """A sandboxed formatter (`str.format`) refusing a field whose width or precision would pass the
    size limit (nested fields filled in), and a text past it as its fields are made."""

    made = 0
    what = "str.format()"

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        check_size(text_size(value, cap=size_limit()) * (10 if conversion in ("r", "a") else 1) + self.made, self.what)
        return super().convert_field(value, conversion)  # type: ignore[misc]

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_size(spec_size(format_spec) + text_size(value, cap=size_limit()) + self.made, self.what)
        field = super().format_field(value, format_spec)  # type: ignore[misc]
        self.made += len(field)
        check_size(self.made, self.what)
        return field


class BoundedFormatter(_Bounded, SandboxedFormatter):
    pass


class BoundedEscapeFormatter(_Bounded, SandboxedEscapeFormatter):
    pass


#: Text methods a template has no use for that make bytes or tables of replacements, beyond the checks above.
REFUSED = frozenset({"encode", "translate", "maketrans"})
