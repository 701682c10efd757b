"""Composing YAML through libyaml, counting values as they are made, and the pure-Python fallback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from equality_docs.errors import InputError
from equality_docs.load import MAX_VALUES, decode, parse
from equality_docs.load import composer as compose

from .conftest import EXAMPLES, FIXTURES

#: Every text the catalogues hold, good and bad.
TEXTS = sorted(
    [*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("progress/*.yaml"), *(FIXTURES / "input").glob("*/*.yaml")],
    key=str,
)


def _outcome(data: bytes, *, pure: bool) -> Any:
    try:
        return parse(decode(data), pure=pure)
    except InputError as exc:
        return str(exc)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_libyaml_and_pure_python_read_alike(path: Path) -> None:
    """Both parsers give the same values, lines and messages for every example and catalogued file."""
    data = path.read_bytes()

    assert _outcome(data, pure=True) == _outcome(data, pure=False)


def test_plans_are_read_through_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML has libyaml (as here), its C parser reads the plan."""
    made: list[str] = []

    class Spy(yaml.CSafeLoader):  # type: ignore[misc]  # untyped
        def __init__(self, stream: str) -> None:
            made.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(yaml, "CSafeLoader", Spy)

    assert (compose.WITH_LIBYAML, ({"a": "1"}, {(): 1, ("a",): 1})) == (True, parse('a: "1"\n'))
    assert ['a: "1"\n'] == made


def test_a_libyaml_error_is_told_in_the_usual_words() -> None:
    """libyaml says "in this context" where PyYAML says "here": the usual words and line are given."""
    with pytest.raises(InputError) as caught:
        parse("title: a\n  b: c\n")

    assert ":2: this is not valid YAML: mapping values are not allowed here" in str(caught.value)


def test_too_many_plain_values_are_refused_at_the_limit() -> None:
    """A list of more values than allowed is refused at the first value past the limit, with its path and line."""
    text = "x:\n" + "- 1\n" * (MAX_VALUES + 5)

    with pytest.raises(InputError) as caught:
        parse(text)

    assert f":{MAX_VALUES}: x[{MAX_VALUES - 2}]: the file expands to more than" in str(caught.value)


def test_values_are_counted_while_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The count stops the composer itself: a file is refused before the rest of it is composed."""
    seen: list[int] = []
    real = compose.Node.__init__

    def counting(self: compose.Node, *args: Any) -> None:
        seen.append(1)
        real(self, *args)

    monkeypatch.setattr(compose.Node, "__init__", counting)
    with pytest.raises(compose.TooMany):
        compose.compose("x:\n" + "- 1\n" * 1000, max_values=10, max_depth=10)

    assert len(seen) <= 13  # the root, the key, the list and its first items; not the thousand


def test_keys_skipped_by_the_reader_do_not_count() -> None:
    """A repeated key's value is not counted (the reader reports it), so the count matches the reader's."""
    node = compose.compose("a: [1, 2]\na: [3, 4, 5]\nb: 1\n", max_values=20, max_depth=10)

    assert node is not None
    assert 5 == node.size  # the mapping, a's list and its two items, b


def test_keys_count_towards_the_limit_as_they_are_made() -> None:
    """A mapping of many keys is refused once keys and values made pass the limit, not after it is whole."""
    text = "".join(f"k{i}: {i}\n" for i in range(100))

    with pytest.raises(compose.TooMany):
        compose.compose(text, max_values=150, max_depth=10)


def test_an_alias_inside_itself_is_refused() -> None:
    """`&a [*a]` expands for ever: refused as nested too deeply."""
    with pytest.raises(InputError, match="nested too deeply"):
        parse("a: &a [*a]\n")


def test_nesting_is_limited_without_recursion() -> None:
    """Nesting past the limit is refused as too deep, whatever Python's recursion limit."""
    with pytest.raises(InputError, match=r"nested too deeply to read \(at most 100 levels\)"):
        parse("a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_a_huge_alias_bomb_is_refused_where_the_reader_would_stop() -> None:
    """Fifteen levels of tenfold aliases (10^15 values) are refused from their sizes, at the value past the limit."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 16)]

    with pytest.raises(InputError) as caught:
        parse("\n".join(lines) + "\n")

    assert ":1: a5[3][3][8][8][8][8]: the file expands to more than 500,000 values" in str(caught.value)


def test_the_resolver_is_asked_once_per_text_for_every_file_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process reading many plans asks the resolver about each short plain text once, not once per file."""
    asked: list[str] = []
    resolve = yaml.CSafeLoader.resolve

    def counted(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            asked.append(value)
        return resolve(self, kind, value, implicit)

    monkeypatch.setattr(yaml.CSafeLoader, "resolve", counted)
    monkeypatch.setattr(compose, "_RESOLVED", {})
    first = parse("title: Tidy\nnumber: 12\nflag: true\n")
    again = parse("title: Neat\nnumber: 12\nflag: true\n")

    assert (first[0], again[0]) == ({"title": "Tidy", "number": 12, "flag": True},
                                    {"title": "Neat", "number": 12, "flag": True})
    assert sorted(asked) == ["12", "Neat", "Tidy", "flag", "number", "title", "true"]  # each once
