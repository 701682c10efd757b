"""Model objects built in Python are checked and converted as loading a file does."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.errors import EqualityDocsError, ModelError
from equality_docs.load.converter import make_converter
from equality_docs.model._checked import checked_fields
from equality_docs.model.assessment import Result
from equality_docs.model.information import Cell, SafeTable

from .strategies import BY_CLASS


class _Alien:
    """A value no field of the model accepts."""


@pytest.mark.parametrize("cls", list(BY_CLASS), ids=lambda c: c.__name__)
def test_every_field_refuses_a_wrong_value_naming_class_and_field(cls: type) -> None:
    """For every model class and field, a value of no sensible kind raises ModelError at once, naming both."""

    @given(BY_CLASS[cls])
    @settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    def check(value: object) -> None:
        for field in attrs.fields(cls):
            with pytest.raises(ModelError) as caught:
                attrs.evolve(value, **{field.name: _Alien()})  # type: ignore[misc]
            assert str(caught.value).startswith(f"{cls.__name__}.{field.name}")
            assert "_Alien" in str(caught.value)

    check()


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: m.Assessment(period="2024/25", target=None, actual=None, result="met!", reason="x"),
         'Assessment.result: "met!" is not a result; use one of: met, not met, no result yet, not assessed'),
        (lambda: Cell(value="12", suppressed=False), 'Cell.value: expected a number, got "12"'),
        (lambda: SafeTable(rows=(), row_totals=(), column_totals=(), grand_total=None, suppressed="3"),
         'SafeTable.suppressed: expected a whole number, got "3"'),
    ],
)
def test_derived_classes_are_checked_too(build: object, message: str) -> None:
    """The classes computed from a plan (assessments, suppressed tables) are checked like the rest."""
    with pytest.raises(ModelError) as caught:
        build()  # type: ignore[operator]
    assert message == str(caught.value)


def test_a_misspelt_aim_names_the_field_and_the_valid_aims() -> None:
    """A misspelt aim is refused when the objective is built, with the path and the three aims."""
    with pytest.raises(ModelError) as caught:
        m.Objective(text="x", aims=("advanse",))  # type: ignore[arg-type]

    assert 'Objective.aims[0]: "advanse" is not a general-duty aim; use one of: eliminate, advance, foster' == str(
        caught.value
    )


def test_model_error_is_a_value_error_and_a_library_error() -> None:
    """ModelError is caught by `except ValueError` and by `except EqualityDocsError`."""
    with pytest.raises(ModelError) as caught:
        m.Risk(description="r", impact="high")  # type: ignore[arg-type]

    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, EqualityDocsError)
    assert 'Risk.impact: expected a whole number, got "high"' == str(caught.value)


def test_a_fault_deep_inside_a_mapping_names_the_whole_path() -> None:
    """A wrong value inside nested mappings is reported with the path from the outer class."""
    with pytest.raises(ModelError) as caught:
        m.Objective(text="x", measures=[{"description": "d", "targets": {"2024/25": ["51%"]}}])  # type: ignore[list-item]

    assert str(caught.value).startswith("Objective.measures[0].targets[0].value: expected a number")


def test_an_unknown_key_in_a_mapping_is_refused_with_the_fields() -> None:
    """A misspelt key in a nested mapping names the key, the field likely meant, and lists the class's fields."""
    with pytest.raises(
        ModelError,
        match=r"^Objective\.actions\[0\]: unknown field 'txt'; did you mean \"text\"\? the fields are: completed, division",
    ):
        m.Objective(text="x", actions=[{"txt": "Breakfast club"}])  # type: ignore[list-item]


def test_a_missing_field_in_a_mapping_is_refused() -> None:
    """A nested mapping without a required field says which field to give."""
    with pytest.raises(ModelError, match=r"^Objective\.actions\[0\]: 'text' is required"):
        m.Objective(text="x", actions=[{"owner": "Head"}])  # type: ignore[list-item]


def test_loader_style_values_are_converted() -> None:
    """Names, written dates, lists, mappings and plain text become the model's own types."""
    objective = m.Objective(
        text="Narrow the gap",
        aims=["Advance", "foster"],  # type: ignore[list-item]
        characteristics=["race", "Sex (gender)"],  # type: ignore[list-item]
        start="Apr 2024",  # type: ignore[arg-type]
        outcome="More *pupils* attend",  # type: ignore[arg-type]
        actions=["Breakfast club", {"text": "Mentoring", "finish": dt.date(2025, 7, 31)}],  # type: ignore[list-item]
        measures=[{"description": "Attendance", "targets": {"2024/25": "95%", "2025/26": 96}}],  # type: ignore[list-item]
        progress=[{"on": "30/09/2025", "status": "on track"}],  # type: ignore[list-item]
    )

    assert (m.Aim.ADVANCE, m.Aim.FOSTER) == objective.aims
    assert m.CharacteristicRef(characteristic=m.Characteristic.SEX, label="Sex (gender)") == objective.characteristics[1]
    assert m.When("Apr 2024") == objective.start
    assert isinstance(objective.outcome, m.Prose)
    assert (m.Action(text="Breakfast club"), m.Action(text="Mentoring", finish=m.When("2025-07-31"))) == objective.actions
    assert m.Quantity("96") == objective.measures[0].target_for("2025/26")
    assert m.ProgressNote(on=m.When("30/09/2025"), status=m.Status.ON_TRACK) == objective.progress[0]


def test_a_single_item_where_a_list_belongs_is_a_list_of_one() -> None:
    """As in a file, `aims="advance"` is read as a list of one aim."""
    assert (m.Aim.ADVANCE,) == m.Objective(text="x", aims="advance").aims  # type: ignore[arg-type]


def test_a_tuple_of_the_fields_item_type_is_kept_and_any_other_item_still_read() -> None:
    """Once a list field has taken a tuple of its own item type as it is, a tuple mixing in text is still converted, and a wrong item refused."""
    aims = (m.Aim.ADVANCE, m.Aim.FOSTER)
    assert m.Objective(text="x", aims=aims).aims is aims
    assert (m.Aim.ADVANCE, m.Aim.FOSTER) == m.Objective(text="x", aims=(m.Aim.ADVANCE, "foster")).aims  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"^Objective\.aims\[1\]: "):
        m.Objective(text="x", aims=(m.Aim.ADVANCE, "sideways"))  # type: ignore[arg-type]


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class _Lists:
    """A model class with a list of no one item type, and a field that is not a list."""

    anything: tuple[Any, ...] = ("one",)
    title: str = "x"


def test_an_empty_tuple_is_kept_by_any_list_field_and_refused_by_any_other() -> None:
    """An empty tuple is a list of none for every list field, whatever its items' type, and no text."""
    assert ((), ()) == (m.Objective(text="x", aims=()).aims, _Lists(anything=()).anything)
    assert ("one", 2) == _Lists(anything=("one", 2)).anything
    with pytest.raises(ModelError, match=r"^_Lists\.title: "):
        _Lists(title=())  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"^Objective\.text: "):
        m.Objective(text=())  # type: ignore[arg-type]


def test_building_from_a_plans_yaml_gives_what_loads_gives() -> None:
    """A plan built in Python from the values of a YAML file equals the plan `loads` reads from it."""
    text = textwrap.dedent("""\
        title: Equality objectives 2024 to 2028
        organisation:
          name: North Academy
          type: school
          contact: {name: Office, email: office@example.org}
        document: {version: "2.1", status: approved, approved_on: 2024-09-30, progress_review: termly}
        period: 2024/25
        characteristics: [race, Sex (gender), {characteristic: disability, applies_to: pupils}]
        sections:
          - id: duty
            title: The duty
            body: We *publish* our objectives.
            paragraphs: [First, {ref: "1.2", text: Second}]
        objectives:
          - id: ob-1
            ref: Ob 1
            text: Narrow the attendance gap
            aims: [advance, Foster]
            characteristics: [race]
            start: Apr 2024
            finish: 2025/26
            actions:
              - Breakfast club
              - text: Mentoring
                owner: Head of year
                milestones: [Mentors trained]
            measures:
              - id: m-1
                refs: [NI 111]
                description: Attendance
                direction: higher
                baseline: 91%
                targets: {2024/25: 93%, 2025/26: 95%}
            risks:
              - {description: Staff turnover, impact: 3, probability: 2}
            progress:
              - {"on": 2025-03-31, status: on track, text: Going well}
        risk_scale:
          bands: [{name: Low, min_score: 1, max_score: 25, colour: 92D050}]
        information:
          - title: Pupils by sex
            characteristic: sex
            columns: [Pupils]
            rows: [{label: Girls, values: [120]}, {label: Boys, values: [118]}]
        reviews:
          - {"on": 2025-03-31, period: 2024/25}
        year_starts: september
        """)
    loaded = equality_docs.loads(text)

    built = m.EqualityPlan(**yaml.safe_load(text))

    assert loaded == built


@given(st.sampled_from(list(BY_CLASS)).flatmap(lambda cls: st.tuples(st.just(cls), BY_CLASS[cls])))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_building_from_unstructured_values_gives_the_same_object(pair: tuple[type, object]) -> None:
    """`cls(**unstructure(x)) == x`: the plain values a file holds build the same object in Python."""
    cls, value = pair
    plain = make_converter().unstructure(value)

    # A value written as text builds through the class's `from_text` (a column's name); a short
    # mapping ({"before": "O1"}, {"ref": "No."}) through the class's `fields_of`; else the class.
    if isinstance(plain, str):
        rebuilt = getattr(cls, "from_text", cls)(plain)
    else:
        rebuilt = cls(**getattr(cls, "fields_of", lambda value: value)(plain))

    assert value == rebuilt


@given(st.sampled_from(list(BY_CLASS)).flatmap(lambda cls: st.tuples(st.just(cls), BY_CLASS[cls])))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_rebuilding_from_own_fields_gives_the_same_object(pair: tuple[type, object]) -> None:
    """`type(x)(**attrs.asdict(x, recurse=False)) == x` for every model class."""
    _, value = pair

    assert value == type(value)(**attrs.asdict(value, recurse=False))  # type: ignore[arg-type]


@given(st.sampled_from(list(BY_CLASS)).flatmap(lambda cls: st.tuples(st.just(cls), BY_CLASS[cls])))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_structure_of_unstructure_is_the_same_object(pair: tuple[type, object]) -> None:
    """`structure(unstructure(x)) == x` with the converters in place, for every model class."""
    cls, value = pair
    converter = make_converter()

    assert value == converter.structure(converter.unstructure(value), cls)


def test_enums_parse_the_spellings_the_loader_accepts() -> None:
    """`parse` reads values and names in any case, with spaces, hyphens or underscores."""
    assert m.Aim.ADVANCE is m.Aim.parse("Advance")
    assert m.Frequency.HALF_YEARLY is m.Frequency.parse("half yearly")
    assert m.OrganisationType.ACADEMY_TRUST is m.OrganisationType.parse("ACADEMY_TRUST")
    assert m.Characteristic.GENDER_REASSIGNMENT is m.Characteristic.parse("Transgender")
    assert Result.NOT_MET is Result.parse("not-met")


def test_a_date_written_day_first_is_read() -> None:
    """A date field takes "30/09/2025" and "2025-09-30" alike."""
    assert m.ReviewInfo(on="30/09/2025") == m.ReviewInfo(on="2025-09-30")  # type: ignore[arg-type]


def test_the_model_imports_nothing_above_it() -> None:
    """No module of the model imports the loader, the converter or any later step, even inside a function."""
    import ast

    from .conftest import ROOT

    above: list[str] = []
    for path in sorted((ROOT / "equality_docs" / "model").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] if node.module != "equality_docs" else [f"equality_docs.{a.name}" for a in node.names]
            above += [
                f"{path.name}: {name}" for name in names
                if name.startswith("equality_docs") and not name.startswith(("equality_docs.model", "equality_docs.errors"))
            ]

    assert [] == above
