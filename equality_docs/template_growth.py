"""
The most characters a template's operation on text can make, worked out before it runs, so
that one operation (`"%300000000s" % ""`, `"{:>300000000}".format("")`, a text joined to itself
again and again) is refused at the document's size limit instead of taking the computer's memory.
An upper bound, never less than the text made: what the operation's values print as, plus every
width and precision its format names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

#: A printf-style conversion (`%-8.2f`, `%(name)s`, `%*d`): its width and precision.
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])")
#: A replacement field of `str.format` (`{0:>12}`), one not holding another.
_FIELD = re.compile(r"\{([^{}]*)\}")
#: Past this many digits a width is taken as too large, whatever it is (and never converted).
_DIGITS = 12


def text_size(value: Any) -> int:
    """Return how many characters a value prints as, at most (its repr may be four times longer)."""
    return len(value) if isinstance(value, str) else len(str(value))


def _number(digits: str) -> int:
    return 10**_DIGITS if len(digits) > _DIGITS else int(digits or 0)


def _values(values: Any) -> Sequence[Any]:
    if isinstance(values, tuple):
        return values
    return tuple(values.values()) if isinstance(values, Mapping) else (values,)


def _printed(values: Sequence[Any], *, reprs: bool) -> int:
    """The characters the values print as; four times that (and quotes) where a repr is asked for."""
    return sum((4 if reprs else 1) * text_size(v) + 2 for v in values)


def percent_size(fmt: str, values: Any) -> int:
    """Return the most characters `fmt % values` can make."""
    args = _values(values)
    stars = sum(a for a in args if isinstance(a, int) and a > 0)  # a `*` width is taken from the values
    conversions = _PRINTF.findall(fmt)
    size = len(fmt) + _printed(args, reprs=any(kind in "ra" for _, _, kind in conversions))
    for width, precision, _ in conversions:
        size += sum(stars if n == "*" else _number(n) for n in (width, precision))
    return size


def format_size(fmt: str, values: Sequence[Any]) -> int:
    """Return the most characters `fmt.format(...)` of these values (positional and named) can make."""
    fields = _FIELD.findall(fmt)
    size = len(fmt) + _printed(values, reprs=any("!r" in f or "!a" in f for f in fields))
    if re.search(r"\{[^{}]*\{", fmt):  # a width given by another field: any number among the values
        size += sum(v for v in values if isinstance(v, int) and v > 0)
    for field in fields:
        spec = field.partition(":")[2]
        size += sum(_number(n) for n in re.findall(r"\d+", spec))
    return size


def json_size(value: Any, indent: Any = None) -> int:
    """
    Return the most characters `value|tojson(indent)` can make: each character escaped to at most
    twelve (a character past U+FFFF as two `\\u` escapes), each line indented by `indent` once (a
    value nested deeper may make more, but only once: the text it makes is bounded again if it is
    made into JSON again).
    """
    width = len(indent) if isinstance(indent, str) else indent if _is_int(indent) and indent > 0 else 0
    return (12 * text_size(value) + 2) * (1 + width)


def joined_size(items: Sequence[Any], separator: str = "") -> int:
    """Return the characters of `items` joined with `separator`."""
    return sum(text_size(i) for i in items) + len(separator) * max(0, len(items) - 1)


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
    if name == "replace" and len(args) >= 2:  # old and new
        old, new = str(args[0]), str(args[1])
        times = text.count(old) if old else len(text) + 1
        return len(text) + max(0, len(new) - len(old)) * times
    return len(text)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
