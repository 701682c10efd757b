"""The model's derived values: dates, quantities, risks, reviews, statutory lists."""

from __future__ import annotations

import datetime as dt

import attrs
import markupsafe
import pytest

from equality_docs import model as m


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2024-03-31", m.Precision.DAY, dt.date(2024, 3, 31), dt.date(2024, 3, 31)),
        ("Apr 2012", m.Precision.MONTH, dt.date(2012, 4, 1), dt.date(2012, 4, 30)),
        ("Sept 2020", m.Precision.MONTH, dt.date(2020, 9, 1), dt.date(2020, 9, 30)),
        ("2012", m.Precision.YEAR, dt.date(2012, 1, 1), dt.date(2012, 12, 31)),
        ("2012/13", m.Precision.FINANCIAL_YEAR, dt.date(2012, 4, 1), dt.date(2013, 3, 31)),
        ("Sept 2019 \u2013 Aug 2024", m.Precision.RANGE, dt.date(2019, 9, 1), dt.date(2024, 8, 31)),
        ("April 2012/March 2013", m.Precision.RANGE, dt.date(2012, 4, 1), dt.date(2013, 3, 31)),
        ("By Sept 2020", m.Precision.DEADLINE, dt.date(2020, 9, 30), dt.date(2020, 9, 30)),
        ("1 April 2024", m.Precision.DAY, dt.date(2024, 4, 1), dt.date(2024, 4, 1)),
    ],
)
def test_when_reads_dates_at_their_precision(
    text: str, precision: str, start: dt.date, end: dt.date
) -> None:
    """A written date keeps its text and is read at the precision it was written."""
    when = m.When(text)

    assert (text, precision, start, end) == (str(when), when.precision, when.start, when.end)


@pytest.mark.parametrize("text", ["Ongoing", "To follow", "TBC", "2024-02-30"])
def test_when_keeps_plain_text_without_a_span(text: str) -> None:
    """Text that names no date is kept as written and has no span."""
    when = m.When(text)

    assert (m.Precision.TEXT, None) == (when.precision, when.span)


@pytest.mark.parametrize(
    ("text", "kind", "number", "change"),
    [
        ("869", m.QuantityKind.NUMBER, 869.0, False),
        ("51%", m.QuantityKind.PERCENT, 51.0, False),
        ("22ppts", m.QuantityKind.POINTS, 22.0, False),
        ("-1%", m.QuantityKind.PERCENT, -1.0, True),
        ("1,200", m.QuantityKind.NUMBER, 1200.0, False),
        ("To follow", m.QuantityKind.TEXT, None, False),
    ],
)
def test_quantity_reads_targets(text: str, kind: str, number: float | None, change: bool) -> None:
    """Targets are read as numbers, percentages, points or changes; anything else is text."""
    quantity = m.Quantity(text)

    assert (kind, number, change) == (quantity.kind, quantity.number, quantity.is_change)


def test_risk_score_is_impact_times_probability() -> None:
    """A risk's score is derived, and its band follows the organisation's scale."""
    risk = m.Risk(description="Budget cut", impact=4, probability=3)
    scale = m.RiskScale()

    assert (12, "High") == (risk.score, scale.band_for(risk.score).name)  # type: ignore[union-attr]


def test_risk_without_levels_has_no_score() -> None:
    """A risk with no impact or probability has no score and no band, not zero."""
    risk = m.Risk(description="Budget cut", impact=4)

    assert (None, None) == (risk.score, m.RiskScale().band_for(risk.score))


def test_risk_bands_are_organisation_defined() -> None:
    """An organisation's own bands and 1-4 scales are used, not the default ones."""
    scale = m.RiskScale(
        impact=("Low", "Medium", "High", "Severe"),
        probability=("Unlikely", "Possible", "Likely", "Certain"),
        bands=(
            m.RiskBand(name="Tolerable", min_score=1, max_score=6, colour="00B050"),
            m.RiskBand(name="Intolerable", min_score=7, max_score=16, colour="FF0000"),
        ),
    )

    assert ["Tolerable", "Intolerable"] == [
        scale.band_for(s).name for s in (6, 7)  # type: ignore[union-attr]
    ]


def test_default_bands_cover_every_score_without_gaps() -> None:
    """Every score on a 5 x 5 scale falls in exactly one default band."""
    scale = m.RiskScale()
    scores = {i * p for i in range(1, 6) for p in range(1, 6)}

    assert all(
        sum(b.min_score <= s <= b.max_score for b in scale.bands) == 1 for s in scores
    )


def test_characteristic_labels_map_to_the_statute() -> None:
    """Labels documents use are read as the statutory characteristic."""
    labels = ["Sex (gender)", "Race (ethnicity)", "Transgender", "Religion and Belief", "Marital Status"]

    assert [
        m.Characteristic.SEX,
        m.Characteristic.RACE,
        m.Characteristic.GENDER_REASSIGNMENT,
        m.Characteristic.RELIGION_OR_BELIEF,
        m.Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP,
    ] == [m.Characteristic.from_label(label) for label in labels]


def test_unknown_characteristic_lists_the_valid_names() -> None:
    """An unknown label is an error naming the nine."""
    with pytest.raises(ValueError, match="sexual orientation"):
        m.Characteristic.from_label("Wizardry")


def test_listed_characteristics_are_always_the_full_nine() -> None:
    """A plan listing some characteristics twice and missing others still prints all nine once."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Children's Services"),
        characteristics=(
            m.CharacteristicRef(characteristic=m.Characteristic.SEX, label="Gender"),
            m.CharacteristicRef(characteristic=m.Characteristic.AGE, label="Age"),
            m.CharacteristicRef(characteristic=m.Characteristic.SEX, label="Gender"),
        ),
    )

    listed = plan.listed_characteristics()

    assert ["Gender", "Age"] == [c.name for c in listed[:2]]
    assert set(m.Characteristic) == {c.characteristic for c in listed}
    assert 9 == len(listed)


def test_general_duty_aims_carry_statutory_text() -> None:
    """The three aims are in s.149(1) order with the Act's wording."""
    assert ["s.149(1)(a)", "s.149(1)(b)", "s.149(1)(c)"] == [a.paragraph for a in m.Aim]
    assert m.Aim.FOSTER.statutory_text.startswith("foster good relations")


def test_next_review_is_derived_from_the_cycle() -> None:
    """The next review falls one cycle after the last review when no date is given."""
    control = m.DocumentControl(
        last_reviewed=dt.date(2024, 2, 29), review=m.ReviewFrequency(every_years=4)
    )

    assert dt.date(2028, 2, 29) == control.next_review_due
    assert dt.date(2025, 2, 28) == attrs.evolve(
        control, review=m.ReviewFrequency(every_years=1)
    ).next_review_due


def test_review_frequency_prints_the_documents_words_or_the_cycle() -> None:
    """A review frequency prints the document's own words, else words made from the cycle."""
    assert ("Every four years", "Every Four years") == (
        m.ReviewFrequency(every_years=4).description,
        m.ReviewFrequency(every_years=4, text="Every Four years").description,
    )


def test_model_values_are_immutable() -> None:
    """Model values cannot be changed in place; changes go through attrs.evolve."""
    objective = m.Objective(text="Close the gap")

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        objective.text = "Other"  # type: ignore[misc]


def test_all_objectives_gathers_every_place_they_are_held() -> None:
    """Objectives in schools, priorities and appendices are all found, in document order."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(
            name="Trust",
            schools=(m.School(name="North", objectives=(m.Objective(text="b"),)),),
        ),
        objectives=(m.Objective(text="a"),),
        strategy=m.Strategy(priorities=(m.Priority(title="P", objectives=(m.Objective(text="c"),)),)),
        appendices=(
            m.Appendix(
                title="Appendix 1",
                outcomes=(m.OutcomeBlock(outcome="Stay safe", objectives=(m.Objective(text="d"),)),),
                priorities=(m.Priority(title="Q", objectives=(m.Objective(text="e"),)),),
            ),
        ),
    )

    assert ["a", "b", "c", "d", "e"] == [o.text for o in plan.all_objectives()]


def test_status_comes_from_the_latest_review() -> None:
    """An objective's status is the status of its most recent progress note."""
    objective = m.Objective(
        text="Close the gap",
        progress=(
            m.ProgressNote(on=m.When("2024-09-01"), status=m.Status.AT_RISK),
            m.ProgressNote(on=m.When("2024-03-01"), status=m.Status.ON_TRACK),
        ),
    )

    assert (m.Status.AT_RISK, "Amber") == (objective.status, objective.status.rag)  # type: ignore[union-attr]


def test_school_years_are_academic_years() -> None:
    """A school's "2025/26" runs September to August; a council's April to March; either can be set."""
    school = m.EqualityPlan(organisation=m.Organisation(name="School", type=m.OrganisationType.SCHOOL))
    council = m.EqualityPlan(organisation=m.Organisation(name="Council", type=m.OrganisationType.COUNCIL))
    when = m.When("2025/26")

    assert (dt.date(2025, 9, 1), dt.date(2026, 8, 31)) == when.span_for(school.year_start_month)
    assert (dt.date(2025, 4, 1), dt.date(2026, 3, 31)) == when.span_for(council.year_start_month)
    assert 4 == attrs.evolve(school, year_starts=m.YearStart.APRIL).year_start_month


def test_text_already_marked_safe_is_taken_as_plain_text_by_the_model() -> None:
    """A `Markup` given to a model's text field is kept as plain text, so it is escaped wherever it is printed."""
    action = m.Action(text=markupsafe.Markup("<w:p/>act"), owner=markupsafe.Markup("INJ<w:p/>ACT"))

    assert type(action.text) is str
    assert type(action.owner) is str
    assert "INJ<w:p/>ACT" == action.owner
