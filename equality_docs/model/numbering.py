"""Printed numbering of sections: a style written once ("1.", "1.1", "(i)", "A)", "Objective one")."""

from __future__ import annotations

import re

#: A style: any words before, one counter, punctuation after. "1.1" numbers under the parent's number.
_STYLE = re.compile(r"^(?P<prefix>.*?)(?P<counter>1\.1|1|i|I|a|A|one|One|ONE)(?P<suffix>[^\w]*)$", re.DOTALL)
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: A parent's number ending in figures ("3", "3.2", "Section 3"): the figures a "1.1" child numbers under.
_FIGURES_AT_END = re.compile(r"(\d+(?:\.\d+)*)$")
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


def _words(n: int) -> str:
    """Return a number in British English words: "twenty-one", "one hundred and five" (figures from a million)."""
    if n < 20:
        return _WORDS[n]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _TENS[tens] + (f"-{_WORDS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_WORDS[hundreds]} hundred" + (f" and {_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        joint = "" if not rest else " and " if rest < 100 else " "
        return f"{_words(thousands)} thousand" + (f"{joint}{_words(rest)}" if rest else "")
    return str(n)


def _under(parent: str, position: int) -> str:
    """
    Return the number a "1.1" section numbers under: its parent's number where that ends in
    figures ("3", "3.2.", "Section 3"), else the parent's position among its siblings (a parent
    numbered "Objective three", "(iii)" or "C)" gives "3"), or "" under a parent with no number.
    """
    base = parent.strip().rstrip(".):").lstrip("(")
    found = _FIGURES_AT_END.search(base)
    if found is not None:
        return found[1]
    return str(position) if base and position > 0 else ""


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


class NumberStyle(str):
    """
    How sections are numbered when printed: one counter with any words before it and punctuation
    after it. The counter is 1 (figures), i or I (roman), a or A (letters), one, One or ONE (words:
    "twenty-one", "one hundred and five"); "1.1" numbers each section under its parent's number
    ("3", "3.1", "3.1.2"), or under its parent's position where the parent is numbered other than in
    figures (the sections inside "Objective three" or "C)" are "3.1", "3.2").
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

    def number(self, index: int, parent: str = "", position: int = 0) -> str:
        """
        Return the number printed for the `index`th (from 1) section under a parent numbered
        `parent`, the `position`th (from 1; 0 not known) among its own siblings.
        """
        found = _STYLE.match(self)
        if found is None:  # pragma: no cover - refused when made
            raise ValueError(self)
        counter = found["counter"]
        if counter == "1.1":
            base = _under(parent, position)
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
            count = _words(index)
            count = count.upper() if counter == "ONE" else count[:1].upper() + count[1:] if counter == "One" else count
        return f"{found['prefix']}{count}{found['suffix']}"
