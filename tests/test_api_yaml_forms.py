"""In Python, a placed section and chosen columns take the short forms a YAML file writes."""

from __future__ import annotations

import pytest

import equality_docs
from equality_docs import model as m

OBJECTIVE = m.Objective(id="lib-1", ref="L1", text="Home library service reaches housebound residents", aims=["advance"])


def test_a_place_written_as_a_side_naming_its_objective_is_converted() -> None:
    """`place={"after": "lib-1"}`, as a file writes it, builds the same section as a `Place` does."""
    assert m.Section(title="Our volunteers", place=m.Place(side=m.Placement.AFTER, objective="lib-1")) == m.Section(
        title="Our volunteers", place={"after": "lib-1"}
    )


def test_a_place_written_as_its_fields_is_converted_too() -> None:
    """`place={"side": "before", "objective": "lib-1"}` builds the place of its fields."""
    assert m.Place(side=m.Placement.BEFORE, objective="lib-1") == m.Section(
        title="t", place={"side": "before", "objective": "lib-1"}
    ).place


def test_a_wrong_side_is_refused_naming_the_field_and_the_sides() -> None:
    """`place={"aftr": ...}` raises a ModelError at the section's place, listing before and after."""
    with pytest.raises(equality_docs.ModelError) as caught:
        m.Section(title="t", place={"aftr": "lib-1"})

    assert "Section.place" in str(caught.value)
    assert "before, after" in str(caught.value)


def test_a_column_written_as_field_and_header_is_converted() -> None:
    """A column `{"ref": "No."}`, as a file writes it, is the ref field under the header "No."."""
    tables = m.Tables(statement={"columns": [{"ref": "No."}, "text", {"field": "owner", "header": "Lead", "note": "Who"}]})

    assert tables.statement is not None
    assert (
        m.Column(field="ref", header="No."), m.Column(field="text"), m.Column(field="owner", header="Lead", note="Who"),
    ) == tables.statement.columns


def test_a_plan_built_with_the_short_forms_renders_and_reads_back_the_same() -> None:
    """The section prints after its objective under the chosen header, and the plan survives dumps/loads."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Wendlow Libraries", type="other"), period="2025/26",
        objectives=[OBJECTIVE, m.Objective(id="lib-2", text="Staff complete trans awareness training", aims=["eliminate"])],
        sections=[m.Section(title="Our volunteers", body="Volunteers give 4,000 hours a year.", place={"after": "lib-1"})],
        tables={"statement": {"columns": [{"ref": "No."}, "text"]}},
    )
    text = equality_docs.render(plan, kind="objectives-statement", fmt="md").decode()

    assert "No." in text
    assert text.index("Home library service") < text.index("Our volunteers") < text.index("Staff complete")
    assert plan == equality_docs.loads(equality_docs.dumps(plan))
