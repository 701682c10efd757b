"""A plan built in Python is refused as it is built for everything a file is refused for at load, in the same words."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.errors import InputError, ModelError

ORG = {"name": "X"}
FIVE_DEEP = [{"title": "2", "sections": [{"title": "3", "sections": [{"title": "4", "sections": [{"title": "5"}]}]}]}]

#: Each case: the YAML a file refuses at load, and the same plan built in Python.
CASES: dict[str, tuple[str, Callable[[], object]]] = {
    "a section placed beside an unknown objective": (
        "objectives: [{id: a, text: t}]\nsections: [{title: s, place: {after: zz}}]",
        lambda: m.EqualityPlan(organisation=ORG, objectives=[{"id": "a", "text": "t"}],
                               sections=[{"title": "s", "place": {"after": "zz"}}]),
    ),
    "place on a nested section": (
        "sections: [{title: s, sections: [{title: n, place: before}]}]",
        lambda: m.EqualityPlan(organisation=ORG, sections=[{"title": "s", "sections": [{"title": "n", "place": "before"}]}]),
    ),
    "sections nested five deep": (
        "sections: [{title: '1', sections: [{title: '2', sections: [{title: '3', sections: [{title: '4', "
        "sections: [{title: '5'}]}]}]}]}]",
        lambda: m.EqualityPlan(organisation=ORG, sections=[{"title": "1", "sections": FIVE_DEEP}]),
    ),
    "a section naming no kind of document": (
        "sections: [{title: s, kinds: [psed-statment]}]",
        lambda: m.EqualityPlan(organisation=ORG, sections=[{"title": "s", "kinds": ["psed-statment"]}]),
    ),
    "a misspelt grouping order": (
        "grouping: {by: aim, order: [foster good relashuns]}",
        lambda: m.EqualityPlan(organisation=ORG, grouping={"by": "aim", "order": ["foster good relashuns"]}),
    ),
    "an unknown column": (
        "tables: {actions: {columns: [reff]}}",
        lambda: m.EqualityPlan(organisation=ORG, tables={"actions": {"columns": ["reff"]}}),
    ),
    "a column listed twice": (
        "tables: {actions: {columns: [ref, ref]}}",
        lambda: m.EqualityPlan(organisation=ORG, tables={"actions": {"columns": ["ref", "ref"]}}),
    ),
    "a statement table without the objective's column": (
        "tables: {statement: {columns: [ref]}}",
        lambda: m.EqualityPlan(organisation=ORG, tables={"statement": {"columns": ["ref"]}}),
    ),
    "an information column no table has": (
        "tables: {information: {columns: [bois]}}",
        lambda: m.EqualityPlan(organisation=ORG, tables={"information": {"columns": ["bois"]}}),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_plan_built_in_python_is_refused_as_the_file_is(case: str) -> None:
    """What loading refuses is refused as the plan is built: at the same field path, in the loader's words and fix."""
    text, build = CASES[case]
    with pytest.raises(InputError) as loaded:
        equality_docs.loads("organisation: {name: X}\n" + text)
    [problem] = loaded.value.problems

    with pytest.raises(ModelError) as built:
        build()

    assert str(built.value) == f"EqualityPlan.{problem.path}: {problem.message}; {problem.hint}"


def test_a_section_built_alone_is_refused_five_levels_deep() -> None:
    """`m.Section` refuses sections nested below the fourth level as it is built, at the deepest one's path."""
    with pytest.raises(ModelError) as caught:
        m.Section(title="1", sections=FIVE_DEEP)

    assert str(caught.value).startswith(
        "Section.sections[0].sections[0].sections[0].sections[0]: this section is at level 5, "
        "and sections nest at most 4 levels deep; move it up a level"
    )


def test_tables_built_alone_refuse_an_unknown_column_with_the_likely_one() -> None:
    """`m.Tables` refuses a column its table does not have, naming the column likely meant."""
    with pytest.raises(ModelError, match=r'^Tables\.actions\.columns\[0\]: the actions table has no column "reff"; '
                                         r'did you mean "ref"\?'):
        m.Tables(actions={"columns": ["reff"]})


def test_a_plan_derived_for_print_keeps_a_section_beside_a_retired_objective() -> None:
    """`plan.current()` leaves out a retired objective a section is placed beside, without refusing the view."""
    plan = m.EqualityPlan(
        organisation=ORG, objectives=[{"id": "a", "text": "t", "retired": True}],
        sections=[{"title": "s", "place": {"after": "a"}}],
    )

    assert () == plan.current().objectives
    assert "a" == plan.current().sections[0].place.objective  # type: ignore[union-attr]


def test_evolving_a_plan_is_checked_as_building_one() -> None:
    """`attrs.evolve` of a plan into one placing a section beside no objective is refused."""
    plan = m.EqualityPlan(organisation=ORG, objectives=[{"id": "a", "text": "t"}])

    with pytest.raises(ModelError, match=r'^EqualityPlan\.sections\[0\]\.place\.before: no objective has the id "b"'):
        attrs.evolve(plan, sections=(m.Section(title="s", place={"before": "b"}),))  # type: ignore[arg-type]


def test_an_objective_takes_characteristics_all_as_a_file_writes_it() -> None:
    """`m.Objective(characteristics="all")` is the nine, printed in the words written, as loading `characteristics: all` gives."""
    built = m.Objective(text="x", characteristics="all")  # type: ignore[arg-type]
    loaded = equality_docs.loads("organisation: {name: X}\nobjectives: [{text: x, characteristics: all}]").objectives[0]

    assert loaded == built
    assert built.addresses_all_characteristics and "all" == built.characteristics_label


def test_a_plan_takes_characteristics_all_as_a_file_writes_it() -> None:
    """`m.EqualityPlan(characteristics="All protected characteristics")` lists the nine in the Act's order."""
    plan = m.EqualityPlan(organisation=ORG, characteristics="All protected characteristics")  # type: ignore[arg-type]

    assert tuple(m.Characteristic) == tuple(r.characteristic for r in plan.characteristics)


def test_all_in_a_list_is_refused_with_the_form_to_write() -> None:
    """`characteristics=["all"]` is refused in Python, saying to write `characteristics: all` without brackets."""
    with pytest.raises(ModelError) as caught:
        m.Objective(text="x", characteristics=["all"])  # type: ignore[list-item]

    assert str(caught.value) == (
        'Objective.characteristics[0]: "all" is not one protected characteristic; '
        "for all nine, write `characteristics: all` on its own, without the brackets"
    )


def test_a_misspelt_keyword_names_the_field_and_the_one_likely_meant() -> None:
    """`m.Target(basline=...)` raises ModelError naming the field and "did you mean baseline", not a TypeError."""
    with pytest.raises(ModelError) as caught:
        m.Target(text="x", basline="91%")  # type: ignore[call-arg]

    assert str(caught.value).startswith("Target: unknown field 'basline'; did you mean \"baseline\"? the fields are: ")


def test_a_missing_keyword_is_named() -> None:
    """A required field left out (`m.Edition(version="2")`) raises ModelError naming it, not a TypeError."""
    with pytest.raises(ModelError, match=r"^Edition: 'date' is required; give it a value$"):
        m.Edition(version="2")  # type: ignore[call-arg]


def test_a_column_of_only_a_header_is_not_read_as_a_short_form() -> None:
    """`{"header": "No."}` as a column is refused for want of its field, not read as a column named "header"."""
    with pytest.raises(ModelError, match=r"^TableSpec\.columns\[0\]: 'field' is required"):
        m.TableSpec(columns=[{"header": "No."}])  # type: ignore[list-item]


def test_every_refusal_of_a_nested_object_is_kept_at_its_path() -> None:
    """The further refusals of a nested object (a table's second bad column) are in `more`, at their paths in the plan."""
    with pytest.raises(ModelError) as caught:
        m.EqualityPlan(organisation=ORG, tables={"actions": {"columns": ["reff", "ref", "ref"]}})

    assert caught.value.path == ("tables", "actions", "columns", 0)
    assert [("EqualityPlan", ("tables", "actions", "columns", 2))] == [(e.owner, e.path) for e in caught.value.more]


def test_a_fix_naming_text_with_a_semicolon_stays_whole_in_a_file_s_message() -> None:
    """The loader splits the model's refusal into message and fix where the fix begins, not at a later semicolon."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads(
            'organisation: {name: X}\ninformation: [{title: T, columns: ["a; b"], rows: []}]\n'
            'tables: {information: {columns: ["a; c"]}}\n'
        )
    [problem] = caught.value.problems

    assert problem.message == 'no information table has a column "a; c"'
    assert problem.hint == 'did you mean "a; b"? name one of: group, total, a; b'
