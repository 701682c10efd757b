"""Each check rule fires on a plan that breaks it, and stays quiet on one that does not."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.check import RULES, Severity, check_plan, rules_markdown
from equality_docs.cli import Exit, cli
from equality_docs.errors import ModelError
from equality_docs.load import load_with_lines
from equality_docs.model._refusals import derived

from .conftest import EXAMPLES, ROOT

ON = dt.date(2026, 11, 25)

GOOD_OBJECTIVE = m.Objective(
    ref="Ob 1",
    text="Close the attainment gap for pupils eligible for free school meals",
    aims=(m.Aim.ADVANCE,),
    characteristics=(m.CharacteristicRef(characteristic=m.Characteristic.DISABILITY),),
    owner="Headteacher",
    start=m.When("Sept 2024"),
    finish=m.When("Aug 2026"),
    measures=(
        m.PerformanceMeasure(
            description="Gap in attainment",
            targets=(m.PeriodValue(period="2025/26", value=m.Quantity("5ppts")),),
        ),
    ),
    actions=(m.Action(ref="1.1", text="Tutoring", owner="Headteacher"),),
)

GOOD = m.EqualityPlan(
    organisation=m.Organisation(name="School", type=m.OrganisationType.SCHOOL),
    period=m.When("2024/25 - 2027/28"),
    document=m.DocumentControl(
        approved_on=dt.date(2024, 9, 1),
        published=dt.date(2026, 6, 1),
        last_reviewed=dt.date(2026, 1, 10),
        review=m.ReviewFrequency(every_years=2),
    ),
    objectives=(GOOD_OBJECTIVE,),
)


def _codes(plan: m.EqualityPlan, on: dt.date = ON) -> list[str]:
    return [f.code for f in check_plan(plan, on=on)]


def _with(**changes: object) -> m.EqualityPlan:
    return attrs.evolve(GOOD, objectives=(attrs.evolve(GOOD_OBJECTIVE, **changes),))


def _derived(build: Callable[[], m.EqualityPlan]) -> m.EqualityPlan:
    """Return a plan the model refuses as input (EQ148's), as a view the model derives may hold it."""
    with derived():
        return build()


def test_a_good_plan_has_only_coverage_notes() -> None:
    """A complete plan gets no errors or warnings, only the coverage notes."""
    assert ["EQ111", "EQ112"] == _codes(GOOD)


TRIGGERS = {
    "EQ101": lambda: _with(measures=()),
    "EQ102": lambda: _with(measures=(m.PerformanceMeasure(description="Gap"),)),
    "EQ103": lambda: _with(owner=None, actions=(m.Action(text="Tutoring"),)),
    "EQ104": lambda: _with(start=None, finish=None),
    "EQ105": lambda: attrs.evolve(GOOD, objectives=()),
    "EQ106": lambda: _with(measures=(m.PerformanceMeasure(
        description="Gap", targets=(m.PeriodValue(period="2025/26", value=m.Quantity("5ppts")),),
        actuals=(m.PeriodValue(period="2025/26", value=m.Quantity("6ppts")),),
    ),)),
    "EQ110": lambda: _with(aims=()),
    "EQ120": lambda: _with(characteristics=(
        m.CharacteristicRef(characteristic=m.Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP),
    )),
    "EQ121": lambda: _with(characteristics=(m.CharacteristicRef(characteristic=m.Characteristic.AGE),)),
    "EQ130": lambda: attrs.evolve(GOOD, document=attrs.evolve(GOOD.document, published=dt.date(2025, 1, 1))),  # type: ignore[arg-type]
    "EQ131": lambda: attrs.evolve(GOOD, document=attrs.evolve(GOOD.document, approved_on=dt.date(2022, 9, 1))),  # type: ignore[arg-type]
    "EQ132": lambda: attrs.evolve(GOOD, document=attrs.evolve(GOOD.document, last_reviewed=dt.date(2024, 1, 1))),  # type: ignore[arg-type]
    "EQ139": lambda: attrs.evolve(GOOD, organisation=attrs.evolve(GOOD.organisation, nation=m.Nation.WALES)),
    "EQ140": lambda: _with(actions=(m.Action(ref="1.1", text="a", owner="x"), m.Action(ref="1.1", text="b", owner="x"))),
    "EQ141": lambda: _with(start=m.When("Aug 2026"), finish=m.When("Sept 2024")),
    "EQ142": lambda: _with(finish=m.When("Aug 2030")),
    "EQ143": lambda: _with(measures=(m.PerformanceMeasure(
        description="Gap", targets=(m.PeriodValue(period="2029/30", value=m.Quantity("1")),),
    ),)),
    "EQ144": lambda: _with(risks=(m.Risk(description="Cuts", impact=6, probability=2),)),
    "EQ145": lambda: attrs.evolve(
        GOOD, organisation=attrs.evolve(GOOD.organisation, contacts=(m.Contact(name="Bursar"),))
    ),
    "EQ146": lambda: _derived(lambda: _with(superseded_by="ob-nowhere")),
    "EQ147": lambda: attrs.evolve(
        _with(tags=("Workforce",)), grouping=m.Grouping(by=m.GroupKey.TAG, order=("Workforse",))
    ),
    "EQ148": lambda: _derived(lambda: attrs.evolve(GOOD, sections=(
        m.Section(title="Working with partners", place=m.Place(side=m.Placement.AFTER, objective="O9")),
    ))),
    "EQ150": lambda: _with(text="Close the gap\x0b now"),
    "EQ151": lambda: _with(outcome=m.Prose("[Read more](javascript:alert(1))")),
    "EQ160": lambda: attrs.evolve(GOOD, tables=m.Tables(
        statement=m.TableSpec(columns=(m.Column(field="text", header="Objective at {as_at}"),)),
    )),
}


def test_every_rule_has_a_trigger_here() -> None:
    """Every rule except the coverage notes has a plan that triggers it in this file."""
    assert sorted(r.code for r in RULES if r.code not in ("EQ111", "EQ112")) == sorted(TRIGGERS)


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_a_plan_that_breaks_it(code: str) -> None:
    """The rule reports the plan built to break it; the good plan it does not."""
    assert code in _codes(TRIGGERS[code]())
    assert code not in _codes(GOOD)


def test_coverage_notes_go_when_everything_is_addressed() -> None:
    """With all aims and characteristics addressed, the coverage notes are not given."""
    everything = _with(
        aims=tuple(m.Aim),
        characteristics=tuple(
            m.CharacteristicRef(characteristic=c, applies_to=m.Applies.STAFF) for c in m.Characteristic
        ),
    )

    assert not {"EQ111", "EQ112"} & set(_codes(everything))


def test_deadline_due_soon_is_a_warning_and_overdue_an_error() -> None:
    """A publication due within 90 days is a warning; past due, an error."""
    plan = TRIGGERS["EQ130"]()

    soon = [f for f in check_plan(plan, on=dt.date(2025, 11, 1)) if f.code == "EQ130"]
    late = [f for f in check_plan(plan, on=dt.date(2026, 2, 1)) if f.code == "EQ130"]
    assert ([Severity.WARNING], [Severity.ERROR]) == (
        [f.severity for f in soon], [f.severity for f in late]
    )


def test_wales_is_not_judged_by_englands_deadlines() -> None:
    """A Welsh plan is told its rules are not covered, and gets no English deadline findings."""
    plan = attrs.evolve(TRIGGERS["EQ130"](), organisation=attrs.evolve(GOOD.organisation, nation=m.Nation.WALES))

    codes = _codes(plan)
    assert "EQ139" in codes
    assert not {"EQ130", "EQ131"} & set(codes)


def test_shared_risk_is_not_a_duplicate() -> None:
    """The same risk listed under two objectives is one risk, not a duplicate reference."""
    risk = m.Risk(ref="CSD 0035", description="Providers")
    plan = attrs.evolve(GOOD, objectives=(
        attrs.evolve(GOOD_OBJECTIVE, risks=(risk,)),
        attrs.evolve(GOOD_OBJECTIVE, ref="Ob 2", actions=(), risks=(risk,)),
    ))

    assert "EQ140" not in _codes(plan)


def test_findings_carry_file_lines_and_fields() -> None:
    """A finding from a loaded file names the line and field of the fault."""
    plan, lines = load_with_lines(EXAMPLES / "inmat-trust.yaml")

    finding = next(f for f in check_plan(plan, on=ON, lines=lines) if f.code == "EQ101")
    assert (78, "objectives[0]") == (finding.line, finding.path)


#: What each example's checks find on 25 November 2026. The seeds are real documents: these are
#: their real gaps (seed 000's objectives have no measures, owners or dates; its four years ended).
PINNED = {
    "childrens-services-action-plan": {"EQ101": 8, "EQ112": 1, "EQ131": 1, "EQ143": 9},
    "childrens-services-objectives": {"EQ101": 6, "EQ103": 6, "EQ104": 6, "EQ112": 1, "EQ131": 1},
    "childrens-services-strategy": {"EQ105": 1},
    # Approved in June 2024 for a year: its review is overdue by November 2026.
    "council-action-tracker": {"EQ105": 1, "EQ132": 1},
    "inmat-trust": {"EQ101": 3, "EQ103": 3, "EQ104": 3, "EQ111": 1, "EQ112": 1},
    # Seed 003 starts work in Sept 2019 inside a plan written for "2020 -2024" (EQ142).
    "secondary-school-objectives": {
        "EQ101": 5, "EQ103": 1, "EQ104": 2, "EQ120": 3, "EQ121": 3, "EQ131": 1, "EQ142": 2,
    },
}


@pytest.mark.parametrize("example", sorted(PINNED))
def test_examples_findings_are_pinned(example: str) -> None:
    """The examples' findings are exactly the known ones."""
    plan = equality_docs.load(EXAMPLES / f"{example}.yaml")

    expected = {code: n for code, n in PINNED[example].items() if n}
    assert expected == dict(Counter(_codes(plan)))


def test_check_command_exit_codes(tmp_path: Path) -> None:
    """check exits 0 without errors, 1 with errors, 3 for an invalid file."""
    runner = CliRunner()
    clean = runner.invoke(cli, ["check", str(EXAMPLES / "inmat-trust.yaml"), "--on", "2026-11-25"])
    failing = runner.invoke(cli, ["check", str(EXAMPLES / "childrens-services-objectives.yaml"),
                                  "--on", "2026-11-25"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation: [x]\n", encoding="utf-8")
    invalid = runner.invoke(cli, ["check", str(bad)])

    assert (Exit.OK, Exit.CHECKS_FAILED, Exit.INVALID_INPUT) == (
        clean.exit_code, failing.exit_code, invalid.exit_code
    )
    assert "error EQ131 setting new equality objectives" in failing.stdout


def test_check_json_is_parseable() -> None:
    """--format json gives each file with its findings as data."""
    import json

    result = CliRunner().invoke(
        cli, ["check", str(EXAMPLES / "inmat-trust.yaml"), "--on", "2026-11-25", "-f", "json"]
    )
    data = json.loads(result.stdout)

    assert "EQ101" in {f["code"] for f in data[0]["findings"]}


def test_render_strict_refuses_a_plan_with_errors(tmp_path: Path) -> None:
    """render --strict writes nothing when checks find errors; without it, the draft renders."""
    runner = CliRunner()
    source = str(EXAMPLES / "childrens-services-objectives.yaml")
    strict = runner.invoke(cli, ["render", source, "--strict", "--on", "2026-11-25",
                                 "--out", str(tmp_path / "strict")])
    draft = runner.invoke(cli, ["render", source, "--on", "2026-11-25", "--out", str(tmp_path / "draft")])

    assert (Exit.CHECKS_FAILED, False) == (strict.exit_code, (tmp_path / "strict").exists())
    assert Exit.OK == draft.exit_code
    assert "checks: 1 error, 18 warnings, 1 note" in draft.stderr


def test_every_rule_is_documented_with_its_source() -> None:
    """docs/checks.md carries the generated rules table, so every code and source is there."""
    assert rules_markdown() in (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")


def test_a_schools_academic_year_holds_a_july_deadline() -> None:
    """For a school, July 2026 is inside "2025/26"; for a council it is after it."""
    school = attrs.evolve(GOOD, period=m.When("2025/26"), objectives=(
        attrs.evolve(GOOD_OBJECTIVE, start=None, finish=m.When("By July 2026")),))
    council = attrs.evolve(school, organisation=attrs.evolve(school.organisation, type=m.OrganisationType.COUNCIL))

    assert ("EQ142" in _codes(school), "EQ142" in _codes(council)) == (False, True)


def test_a_section_placed_beside_an_unknown_objective_in_python_is_refused_with_a_guess() -> None:
    """A plan built in Python is refused as the loader refuses a file: the unknown id, the likely one, the list."""
    objective = attrs.evolve(GOOD_OBJECTIVE, id="closing-gaps")
    with pytest.raises(ModelError) as caught:
        attrs.evolve(GOOD, objectives=(objective,), sections=(
            m.Section(title="Partners", place=m.Place(side=m.Placement.BEFORE, objective="closing-gap")),
        ))
    assert str(caught.value) == (
        'EqualityPlan.sections[0].place.before: no objective has the id "closing-gap", so the section cannot be'
        ' placed before it; did you mean "closing-gaps"? the objectives\' ids are: closing-gaps'
    )


#: The rules that judge what an objective holds: a retired objective is not printed, so not judged.
CONTENT_RULES = ("EQ101", "EQ102", "EQ106", "EQ103", "EQ104", "EQ110", "EQ120", "EQ121", "EQ142", "EQ143", "EQ145")


def _retired(plan: m.EqualityPlan) -> m.EqualityPlan:
    with derived():  # a view of the plan, as the triggers of EQ146 and EQ148 are
        return attrs.evolve(plan, objectives=tuple(attrs.evolve(o, retired=True) for o in plan.objectives))


@pytest.mark.parametrize("code", CONTENT_RULES)
def test_a_retired_objective_is_not_judged_on_what_it_holds(code: str) -> None:
    """The rule that fires on an objective stays quiet once that objective is retired."""
    assert code in _codes(TRIGGERS[code]())
    assert code not in _codes(_retired(TRIGGERS[code]()))


@pytest.mark.parametrize("code", ["EQ140", "EQ141", "EQ144", "EQ146", "EQ150", "EQ151"])
def test_a_retired_objective_is_still_checked_for_consistency(code: str) -> None:
    """Duplicate references, impossible dates and scores, unknown ids and unsafe text are reported on a retired objective too."""
    assert code in _codes(_retired(TRIGGERS[code]()))



def test_new_objectives_are_due_when_a_schools_academic_year_ends() -> None:
    """With no approval date, EQ131 dates new objectives to the end of the plan's own year: 31 August for a school."""
    school = attrs.evolve(GOOD, period=m.When("2025/26"), year_starts=m.YearStart.SEPTEMBER,
                          document=attrs.evolve(GOOD.document, approved_on=None, published=None))  # type: ignore[arg-type]

    [finding] = [f for f in check_plan(school, on=dt.date(2026, 6, 15)) if f.code == "EQ131"]
    assert finding.severity is Severity.WARNING
    assert "falls due on 31 August 2026" in finding.message


def test_a_plan_level_measure_with_results_but_no_direction_is_named() -> None:
    """EQ106 names the plan's own measure (a KPI table) whose results cannot be judged for want of a direction."""
    kpi = m.PerformanceMeasure(
        refs=("CS 01",), description="Care leavers in work", target=m.Quantity("60%"),
        actuals=(m.PeriodValue(period="2025/26", value=m.Quantity("53%")),),
    )
    [finding] = [f for f in check_plan(attrs.evolve(GOOD, measures=(kpi,)), on=ON) if f.code == "EQ106"]

    assert finding.path == "measures[0]"
    assert "'CS 01 Care leavers in work'" in finding.message and "direction: higher" in finding.hint
