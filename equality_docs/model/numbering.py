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


_ROMAN_NUMBER = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_WORD_VALUES = {word: n for n, word in enumerate(_WORDS)} | {
    word: 10 * n for n, word in enumerate(_TENS) if word
}


def _from_roman(text: str) -> int:
    """Return the value of lower-case roman numerals (0 where they are not roman numerals)."""
    if not text or _ROMAN_NUMBER.match(text) is None:
        return 0
    total, last = 0, 0
    for letter in reversed(text):
        value = next(v for v, letters in _ROMAN if letters == letter)
        total, last = (total - value, last) if value < last else (total + value, value)
    return total


def _from_letters(text: str) -> int:
    """Return the value of a lettered number ("c" 3, "aa" 27): 0 where it is longer than two letters."""
    if not 0 < len(text) <= 2 or not text.isascii() or not text.isalpha():
        return 0
    value = 0
    for letter in text:
        value = value * 26 + ord(letter) - ord("a") + 1
    return value


def _from_words(words: list[str]) -> int:
    """Return the value of the number in words that ends `words` ("three", "twenty-one"), else 0."""
    value, hundreds, found = 0, 0, False
    tail: list[str] = []
    for word in reversed(words):
        parts = word.split("-")
        if not all(part in _WORD_VALUES or part in ("hundred", "thousand", "and") for part in parts):
            break
        tail[:0] = parts
    tail = [part for part in tail if part != "and"]
    for part in tail:
        if part == "hundred":
            value, hundreds = 0, hundreds + max(value, 1) * 100
        elif part == "thousand":
            value, hundreds = 0, (hundreds + max(value, 1)) * 1000
        else:
            value, found = value + _WORD_VALUES[part], True
    return hundreds + value if found or hundreds else 0


def _value(number: str, position: int) -> int:
    """
    Return the value of a number written in roman numerals ("(iii)"), letters ("C)") or words
    ("Objective three", "Stage Two"), else 0. A letter that is also a roman numeral ("i", "v",
    "x", "c") takes the value that is the section's `position`, else its roman value for i, v and x.
    """
    words = number.lower().replace(",", " ").split()
    if not words:
        return 0
    in_words = _from_words(words)
    if in_words:
        return in_words
    last = words[-1]
    roman, letters = _from_roman(last), _from_letters(last)
    if position in (roman, letters) and position > 0:
        return position
    if roman and (len(last) > 1 or last in ("i", "v", "x")):
        return roman
    return letters


def _under(parent: str, position: int) -> str:
    """
    Return the number a "1.1" section numbers under: its parent's number where that ends in
    figures ("3", "3.2.", "Section 3"), else the value of the parent's number in roman numerals,
    letters or words ("(iii)", "C)", "Objective three" give "3"), else the parent's position among
    its siblings where its number carries no value, or "" under a parent with no number.
    """
    base = parent.strip().rstrip(".):").lstrip("(")
    found = _FIGURES_AT_END.search(base)
    if found is not None:
        return found[1]
    value = _value(base, position)
    if value:
        return str(value)
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
    ("3", "3.1", "3.1.2"), or under the value of a parent's number in roman numerals, letters or
    words (the sections inside "Objective three", "(iii)" or "C)" are "3.1", "3.2"), or under its
    position among its siblings where its number carries no value.
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
