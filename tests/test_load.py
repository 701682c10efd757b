"""Loading plans: valid files, the catalogue of bad ones, and the round trip through dump."""

from __future__ import annotations

import codecs
import importlib
import json
from pathlib import Path

import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.errors import InputError

from .conftest import EXAMPLES, FIXTURES

BAD = FIXTURES / "input" / "bad"

#: Every bad input file, with the exact message(s) it must give (after "FILE:").
CATALOGUE = {
    "bad_column_entry.yaml": [
        '7: tables.measures.columns[1]: expected a field name, "field: header text" or '
        "{field:, header:, note:}, got a list"
    ],
    "bad_date.yaml": [
        '4: document.approved_on: expected a date such as 30/09/2025 or 2025-09-30, got "spring"'
    ],
    "bad_review_years.yaml": [
        '5: document.review.every_years: expected a whole number, got "four"'
    ],
    "bad_risk_impact.yaml": [
        "11: appendices[0].outcomes[0].objectives[0].risks[0].impact: "
        'expected a whole number, got "high"'
    ],
    "bad_targets.yaml": [
        "7: objectives[0].measures[0].targets: expected values by period, got a list "
        '(write one line per period, such as  2012/13: "51%")'
    ],
    "bad_when.yaml": [
        "7: objectives[0].finish: expected a date or period such as 30/09/2025, "
        '"Apr 2012", "2012/13" or "Spring 2", got a list'
    ],
    "bad_uk_date.yaml": [
        "4: document.approved_on: 31/09/2025 is not a date: September has 30 days "
        "(did you mean 30/09/2025?)"
    ],
    "duplicate_key.yaml": [
        '4: title: the key "title" is given twice in this mapping (keep one; the other is at line 3)'
    ],
    "empty.yaml": ["1: the file is empty (start from `equality-docs new`)"],
    "invalid_yaml.yaml": [
        "3: this is not valid YAML: mapping values are not allowed here "
        "(check the indentation and that text with a colon is in quotes)"
    ],
    "latin1.yaml": [
        "2: the file is not UTF-8 text (byte 0xE9 cannot be read) "
        "(save it as UTF-8: in most editors, Save As > Encoding > UTF-8)"
    ],
    "list_for_text.yaml": ["4: objectives[0].text: expected text, got a list"],
    "mapping_for_list.yaml": [
        "3: objectives: expected a list (lines starting with -), got a mapping (key: value pairs)"
    ],
    "missing_name.yaml": [
        "1: organisation.name: this required field is missing "
        "(an organisation needs its name: `name: Directorate of Children's Services`)"
    ],
    "missing_organisation.yaml": [
        "1: organisation: this required field is missing "
        "(a plan needs its organisation: `organisation: {name: InMAT Academies Trust, type: academy trust}`)"
    ],
    "not_a_mapping.yaml": ["1: the file must be a mapping of fields (title:, organisation:, ...)"],
    "python_tag.yaml": [
        "3: title: the tag !!python/object:os.system is not supported "
        "(remove the tag before the value)"
    ],
    "unknown_aim.yaml": [
        '5: objectives[0].aims[1]: expected one of: eliminate, advance, foster, got "abolish"'
    ],
    "unknown_characteristic.yaml": [
        '5: characteristics[1]: expected a protected characteristic, got "Wizardry" '
        "(valid names: age, disability, gender reassignment, marriage and civil partnership, "
        "pregnancy and maternity, race, religion or belief, sex, sexual orientation; "
        "local groups such as SEND go under groups)"
    ],
    "unknown_column.yaml": [
        '5: tables.actions.columns[2]: the actions table has no column "finsh" (did you mean "finish"? '
        "its columns are: ref, text, owner, division, start, finish, dates, linkages, status, completed, "
        "outcome, progress, milestones)"
    ],
    "unknown_table.yaml": ['4: tables.action: unknown field (did you mean "actions"?)'],
    "unknown_key.yaml": [
        "5: objectives[0].titel: unknown field (valid fields: id, ref, text, service_area, aims, "
        "aims_label, characteristics, characteristics_label, groups, scope, tags, aim, target_groups, outcome, "
        "owner, division, start, finish, linkages, actions, evidence, themes, success_criteria, impact, "
        "measures, targets, risks, milestones, progress, order, retired, superseded_by, retired_reason)"
    ],
    "unknown_nation.yaml": [
        '3: organisation.nation: expected one of: england, wales, scotland, got "France"'
    ],
    "unknown_org_type.yaml": [
        "3: organisation.type: expected one of: council, directorate, school, academy trust, "
        'other, got "university"'
    ],
    "yes_for_bool.yaml": ['5: objectives[0].retired: expected true or false, got "yes"'],
}


def test_catalogue_covers_every_bad_file() -> None:
    """Every file in the bad-input folder has its expected message here, and no more."""
    assert sorted(CATALOGUE) == sorted(p.name for p in BAD.glob("*.yaml"))


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Read through libyaml, then again as where PyYAML was built without it."""
    from equality_docs.load import composer as compose

    if request.param == "pure-python":
        monkeypatch.setattr(compose, "WITH_LIBYAML", False)
    return str(request.param)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_bad_input_is_reported_with_file_line_and_field(name: str, parser: str) -> None:
    """Each bad file gives exactly its catalogued message(s), with file and line, whichever parser reads it."""
    path = BAD / name

    with pytest.raises(InputError) as caught:
        equality_docs.load(path)

    assert [f"{path}:{line}" for line in CATALOGUE[name]] == str(caught.value).splitlines()


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    """A file with several faults reports all of them, in line order."""
    text = (
        "organisation:\n  name: A\n  type: castle\n"
        "objectives:\n  - text: x\n    aims: [foster, nope]\n    colour: red\n"
    )

    with pytest.raises(InputError) as caught:
        equality_docs.loads(text, file="plan.yaml")

    assert [3, 6, 7] == [p.line for p in caught.value.problems]


def test_minimal_file_loads() -> None:
    """An organisation and one objective written as plain text is a whole plan."""
    plan = equality_docs.load(FIXTURES / "input" / "minimal.yaml")

    assert (m.OrganisationType.SCHOOL, 1) == (plan.organisation.type, len(plan.objectives))


def test_shorthand_strings_fill_the_main_field() -> None:
    """An action, objective or milestone written as a string is its text."""
    plan = equality_docs.loads(
        "organisation: {name: A}\nobjectives:\n  - text: x\n    actions: [Assemblies]\n"
        "    milestones: [Drafted by GB Nov 2019]\n"
    )

    objective = plan.objectives[0]
    assert ("Assemblies", "Drafted by GB Nov 2019") == (
        objective.actions[0].text,
        objective.milestones[0].text,
    )


def test_common_characteristic_labels_are_mapped_and_kept() -> None:
    """A label such as "Sex (gender)" is read as sex, and the label is kept for printing."""
    plan = equality_docs.loads(
        "organisation: {name: A}\ncharacteristics: [Sex (gender), race, Transgender]\n"
    )

    assert [
        (m.Characteristic.SEX, "Sex (gender)"),
        (m.Characteristic.RACE, None),
        (m.Characteristic.GENDER_REASSIGNMENT, "Transgender"),
    ] == [(c.characteristic, c.label) for c in plan.characteristics]


def test_a_characteristic_named_again_reads_as_before_and_a_wrong_one_is_refused_each_time() -> None:
    """Texts naming characteristics read the same on every objective and in every file; a text naming none is refused at each place."""
    text = (
        "organisation: {name: A}\nobjectives:\n  - {text: x, characteristics: [Sex (gender), race]}\n"
        "  - {text: y, characteristics: [race, Sex (gender)]}\n"
    )
    first, again = equality_docs.loads(text), equality_docs.loads(text)

    assert [(m.Characteristic.SEX, "Sex (gender)"), (m.Characteristic.RACE, None)] == [
        (c.characteristic, c.label) for c in first.objectives[0].characteristics
    ]
    assert first.objectives[0].characteristics == first.objectives[1].characteristics[::-1]
    assert first == again
    with pytest.raises(InputError) as caught:
        equality_docs.loads("organisation: {name: A}\nobjectives:\n  - {text: x, characteristics: [Wizardry]}\n"
                            "  - {text: y, characteristics: [Wizardry]}\n")
    assert ["objectives[0].characteristics[0]", "objectives[1].characteristics[0]"] == [
        p.path for p in caught.value.problems
    ]


def test_a_long_characteristic_text_is_read_again_not_remembered() -> None:
    """A characteristic's short text is read once per process; a long one (padding around "age") is not kept for later files."""
    short = "organisation: {name: A}\nobjectives:\n  - {text: x, characteristics: [age]}\n"
    padded = short.replace("[age]", f"['{' ' * 500}age']")
    first, again = (equality_docs.loads(short).objectives[0].characteristics[0] for _ in range(2))
    long_first, long_again = (equality_docs.loads(padded).objectives[0].characteristics[0] for _ in range(2))

    assert first is again
    assert long_first == long_again
    assert long_first is not long_again
    assert long_first.characteristic is m.Characteristic.AGE


def test_an_aim_written_in_any_case_or_spacing_is_read() -> None:
    """An aim written as compared ("advance") or as a user may write it ("Foster ", "ADVANCE") names its member."""
    plan = equality_docs.loads(
        "organisation: {name: A}\nobjectives:\n  - {text: x, aims: [advance, 'Foster ', ADVANCE, eliminate]}\n"
    )

    assert (m.Aim.ADVANCE, m.Aim.FOSTER, m.Aim.ADVANCE, m.Aim.ELIMINATE) == plan.objectives[0].aims


def test_numbers_where_text_belongs_keep_their_written_form() -> None:
    """A reference written 1.10 stays "1.10", not the float 1.1."""
    plan = equality_docs.loads("organisation: {name: A}\nobjectives:\n  - {ref: 1.10, text: x}\n")

    assert "1.10" == plan.objectives[0].ref


def test_targets_may_be_a_mapping_of_periods() -> None:
    """Targets written `2012/13: 869` become one target per period, in order."""
    plan = equality_docs.loads(
        "organisation: {name: A}\nobjectives:\n  - text: x\n    measures:\n"
        "      - description: First time entrants\n        targets: {2012/13: 869, 2013/14: 860}\n"
    )

    measure = plan.objectives[0].measures[0]
    assert [("2012/13", "869"), ("2013/14", "860")] == [
        (t.period, str(t.value)) for t in measure.targets
    ]


def test_json_input_is_read_with_lines() -> None:
    """A JSON file is read like YAML, and its problems carry lines too."""
    text = json.dumps({"organisation": {"name": "A", "type": "castle"}}, indent=2)

    with pytest.raises(InputError) as caught:
        equality_docs.loads(text, file="plan.json")

    assert "plan.json:4: organisation.type: expected one of" in str(caught.value)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["utf-8 with BOM", "utf-16 with BOM"],
)
def test_files_saved_by_windows_editors_are_read(tmp_path: Path, encode: object) -> None:
    """UTF-8 with a byte-order mark and UTF-16 (Notepad's "Unicode") are read."""
    path = tmp_path / "plan.yaml"
    path.write_bytes(encode("organisation:\n  name: Café School\n"))  # type: ignore[operator]

    assert "Café School" == equality_docs.load(path).organisation.name


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    """A file that cannot be read is reported, not raised as an OSError."""
    with pytest.raises(InputError, match="cannot read the file"):
        equality_docs.load(tmp_path / "nope.yaml")


def test_alias_bomb_is_refused_quickly() -> None:
    """A file that expands exponentially through aliases is refused, not expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    text = "\n".join(lines) + "\norganisation: {name: A}\n"

    with pytest.raises(InputError, match="expands to more than"):
        equality_docs.loads(text)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_round_trip_through_dump(example: Path) -> None:
    """Dumping a plan and loading the result gives an equal plan."""
    plan = equality_docs.load(example)

    assert plan == equality_docs.loads(equality_docs.dumps(plan))


def test_schema_describes_every_plan_field() -> None:
    """The JSON Schema lists every field of the plan and forbids unknown keys."""
    schema = equality_docs.json_schema()

    assert sorted(a.name for a in m.EqualityPlan.__attrs_attrs__) == sorted(schema["properties"])
    assert schema["additionalProperties"] is False
    assert "Objective" in schema["$defs"]


def test_a_text_past_the_limit_is_refused_in_a_list_and_in_a_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text longer than the longest allowed is refused at its own path and line, as a list's item as in a mapping."""
    monkeypatch.setattr(importlib.import_module("equality_docs.load"), "MAX_TEXT", 5)
    with pytest.raises(InputError) as caught:
        equality_docs.loads("organisation: {name: A}\nobjectives:\n  - text: short\n    evidence: [ok, too long]\n"
                            "  - text: far too long\n")
    assert [("objectives[0].evidence[1]", 4), ("objectives[1].text", 5)] == [
        (p.path, p.line) for p in caught.value.problems
    ]
    assert all(p.message == "a text of 8 characters is longer than the 5 allowed"
               for p in caught.value.problems[:1])


def test_a_list_or_mapping_tagged_as_text_is_read_as_what_it_is() -> None:
    """`!!str` before a list or a mapping does not make it text: where text belongs it is refused as a list or mapping."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads("title: !!str [a, b]\norganisation: {name: !!str {a: 1}}\n")
    assert [
        ("title", 1, "expected text, got a list"),
        ("organisation.name", 2, "expected text, got a mapping (key: value pairs)"),
    ] == [(p.path, p.line, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(("written", "got"), [("5", "the number 5"), ("[a]", "a list")])
def test_labels_that_are_not_a_mapping_are_refused_in_plain_words(written: str, got: str) -> None:
    """`labels:` given a number or a list is refused as every other mapping field is, not with Python's words."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads(f"organisation: {{name: A}}\nlabels: {written}\n")

    assert [(p.path, p.line, p.message) for p in caught.value.problems] == [
        ("labels", 2, f"expected a mapping of labels fields, got {got}")
    ]


@pytest.mark.parametrize("pure", [False, True])
def test_a_text_with_half_a_character_is_refused_at_its_line(pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python text given to `loads` may hold a lone surrogate, which no file can: it is an input
    error at its line (libyaml failed to encode it, with a UnicodeEncodeError), with either parser."""
    if pure:
        monkeypatch.setattr(importlib.import_module("equality_docs.load.composer"), "WITH_LIBYAML", False)
    with pytest.raises(InputError) as caught:
        equality_docs.loads("organisation:\n  name: A\ud800B\n  type: school\n")

    assert "\\ud800" in str(caught.value) or "#xd800" in str(caught.value)  # the character, named
    assert caught.value.problems[0].line == (None if pure else 2)  # the pure parser tells only its place
