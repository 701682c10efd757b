"""`characteristics: all` in the JSON Schema and the loader: the word alone stands for the nine, `[all]` is refused."""

from __future__ import annotations

import re
from typing import Any

import pytest

import equality_docs
from equality_docs.errors import InputError


def _text_choice(schema: dict[str, Any]) -> dict[str, Any]:
    """Return the one text alternative a `characteristics` property's `anyOf` gives beside the list."""
    [text] = [option for option in schema["anyOf"] if option.get("type") == "string"]
    return text


def test_the_schema_takes_plan_level_characteristics_all() -> None:
    """The plan's `characteristics` may be text (`all`) as well as a list, as the loader reads it."""
    schema = equality_docs.json_schema()

    assert _text_choice(schema["properties"]["characteristics"])["type"] == "string"


def test_the_schema_refuses_all_as_an_item_of_the_list() -> None:
    """A characteristic named in a list (or a mapping's `characteristic`) may not be "all" in any case or spacing."""
    schema = equality_docs.json_schema()
    item = schema["properties"]["characteristics"]["anyOf"][0]["items"]
    [name] = [option for option in item["anyOf"] if option.get("type") == "string"]
    characteristic = schema["$defs"]["CharacteristicRef"]["properties"]["characteristic"]
    for refused in (name, characteristic):
        pattern = refused["not"]["pattern"]
        assert re.search(pattern, "all") and re.search(pattern, " All  Protected characteristics")
        assert not re.search(pattern, "race") and not re.search(pattern, "allies")


def test_loading_all_in_brackets_says_to_write_it_without() -> None:
    """`characteristics: [all]` is refused at its line with the fix: `characteristics: all`, without the brackets."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads("organisation: {name: X}\nobjectives:\n  - text: t\n    characteristics: [all]\n")

    assert str(caught.value) == (
        '<input>:4: objectives[0].characteristics[0]: expected a protected characteristic, got "all" '
        "(for all nine, write `characteristics: all` on its own, without the brackets)"
    )
