"""
A characteristic written as a mapping of a few short texts is read once per process and its
(frozen) reference shared, as one written as text is: the same reference as reading it afresh,
within a bound on how many are kept and how long their texts are.
"""

from __future__ import annotations

import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.errors import InputError
from equality_docs.load import converter as conv
from equality_docs.load.converter import make_converter


def test_a_mapping_of_short_texts_is_read_once_and_gives_what_it_gave() -> None:
    """Two equal mappings give the one reference, equal to the one a mapping of other keys' order gives."""
    read = make_converter().structure
    first = read({"characteristic": "race", "label": "Race (ethnicity)"}, m.CharacteristicRef)
    again = read({"characteristic": "race", "label": "Race (ethnicity)"}, m.CharacteristicRef)
    other_order = read({"label": "Race (ethnicity)", "characteristic": "race"}, m.CharacteristicRef)

    assert first is again
    assert m.CharacteristicRef(characteristic=m.Characteristic.RACE, label="Race (ethnicity)") == first == other_order


def test_a_long_text_or_a_full_store_keeps_nothing_more(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mapping holding a text longer than the bound is read each time; so is any once the store is full."""
    read = make_converter().structure
    long_label = {"characteristic": "sex", "label": "S" * (conv._REF_LENGTH + 1)}
    assert read(long_label, m.CharacteristicRef) is not read(long_label, m.CharacteristicRef)
    assert read(long_label, m.CharacteristicRef) == m.CharacteristicRef(characteristic=m.Characteristic.SEX,
                                                                       label="S" * (conv._REF_LENGTH + 1))
    monkeypatch.setattr(conv, "_REFS_KEPT", 0)
    fresh = {"characteristic": "age", "label": "Age (a label no other test reads)"}
    assert read(fresh, m.CharacteristicRef) is not read(fresh, m.CharacteristicRef)


def test_a_wrong_mapping_is_refused_every_time() -> None:
    """A mapping that does not read is refused each time it is met, in the same words, never kept."""
    plan = "organisation: {name: A}\ncharacteristics:\n  - {characteristic: hair colour, label: Hair}\n"
    refusals = []
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            equality_docs.loads(plan)
        refusals.append(str(caught.value))
    assert refusals[0] == refusals[1]
    assert "characteristics[0].characteristic" in refusals[0]
