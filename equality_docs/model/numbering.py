"""Printed numbering of sections: a style written once ("1.", "1.1", "(i)", "A)", "Objective one")."""

from __future__ import annotations

import re

#: A style: any words before, one counter, punctuation after. "1.1" numbers under the parent's number.
_STYLE = re.compile(r"^(?P<prefix>.*?)(?P<counter>1\.1|1|i|I|a|A|one|One|ONE)(?P<suffix>[^\w]*)$", re.DOTALL)
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
    (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
EXAMPLES = '"1.", "1.1", "(i)", "A)", "a.", "Objective one", "Stage One"'


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


class NumberStyle(str):
    """
    How sections are numbered when printed: one counter with any words before it and punctuation
    after it. The counter is 1 (figures), i or I (roman), a or A (letters), one, One or ONE (words,
    figures after twenty); "1.1" numbers each section under its parent's number ("3", "3.1", "3.1.2").
    """

    __slots__ = ()

    def __new__(cls, text: str) -> NumberStyle:
        """
        Return a numbering style read from its text.

        Raises:
            ValueError: the text holds no counter.
        """
        if _STYLE.match(str(text)) is None:
            raise ValueError(f'"{text}" is not a numbering style; write one such as {EXAMPLES}')
        return super().__new__(cls, text)

    def __repr__(self) -> str:
        return f"NumberStyle({str.__repr__(self)})"

    def number(self, index: int, parent: str = "") -> str:
        """Return the number printed for the `index`th (from 1) section under a parent numbered `parent`."""
        found = _STYLE.match(self)
        if found is None:  # pragma: no cover - refused when made
            raise ValueError(self)
        counter = found["counter"]
        if counter == "1.1":
            base = parent.rstrip(".) ").lstrip("(")
            count = f"{base}.{index}" if base else str(index)
        elif counter == "1":
            count = str(index)
        elif counter in ("i", "I"):
            count = _roman(index)
            count = count.upper() if counter == "I" else count
        elif counter in ("a", "A"):
            count = _letters(index)
            count = count.upper() if counter == "A" else count
        else:
            count = _WORDS[index] if index < len(_WORDS) else str(index)
            count = count.upper() if counter == "ONE" else count.capitalize() if counter == "One" else count
        return f"{found['prefix']}{count}{found['suffix']}"
