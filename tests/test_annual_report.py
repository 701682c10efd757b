"""The annual report: progress rules, met / not met, suppression, charts, and its structure."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest
from docx.oxml.ns import qn

import equality_docs
from equality_docs import model as m
from equality_docs.errors import InputError
from equality_docs.load.progress import apply_progress
from equality_docs.model.information import SUPPRESSED, suppress

from .conftest import EXAMPLES
from .docxdump import body_items, open_docx, paragraph_text, table_rows

EXAMPLE = EXAMPLES / "childrens-services-action-plan.yaml"


def _measure(direction: m.Direction | None, targets: dict[str, str], actuals: dict[str, str],
             baseline: str | None = None) -> m.PerformanceMeasure:
    return m.PerformanceMeasure(
        description="Measure", direction=direction,
        baseline=m.Quantity(baseline) if baseline else None,
        targets=tuple(m.PeriodValue(period=p, value=m.Quantity(v)) for p, v in targets.items()),
        actuals=tuple(m.PeriodValue(period=p, value=m.Quantity(v)) for p, v in actuals.items()),
    )


@pytest.mark.parametrize(
    ("direction", "target", "actual", "baseline", "expected"),
    [
        (m.Direction.HIGHER, "51%", "53%", None, m.Result.MET),
        (m.Direction.HIGHER, "51%", "51%", None, m.Result.MET),
        (m.Direction.HIGHER, "51%", "49%", None, m.Result.NOT_MET),
        (m.Direction.LOWER, "869", "850", None, m.Result.MET),
        (m.Direction.LOWER, "869", "874", None, m.Result.NOT_MET),
        (m.Direction.LOWER, "22ppts", "25ppts", None, m.Result.NOT_MET),
        (m.Direction.LOWER, "-1%", "9%", "10.5%", m.Result.MET),
        (m.Direction.LOWER, "-1%", "9.8%", "10.5%", m.Result.NOT_MET),
        (m.Direction.HIGHER, "+3", "15", "11", m.Result.MET),
        (m.Direction.LOWER, "-1%", "9%", None, m.Result.NOT_ASSESSED),
        (m.Direction.HIGHER, "To follow", "50%", None, m.Result.NOT_ASSESSED),
        (None, "51%", "53%", None, m.Result.NOT_ASSESSED),
    ],
)
def test_met_is_computed_from_target_actual_and_direction(
    direction: m.Direction | None, target: str, actual: str, baseline: str | None, expected: m.Result
) -> None:
    """Levels are met at or beyond the target; changes are measured from the baseline."""
    measure = _measure(direction, {"2012/13": target}, {"2012/13": actual}, baseline)

    assert expected == m.assess(measure, "2012/13").result


def test_change_targets_use_the_previous_periods_result() -> None:
    """A change target in the second year is measured from the first year's result."""
    measure = _measure(m.Direction.LOWER, {"2013/14": "-1%"}, {"2012/13": "10%", "2013/14": "8.5%"}, "20%")

    assert m.Result.MET == m.assess(measure, "2013/14").result


def test_no_actual_is_no_result_yet() -> None:
    """A period with a target but no reported result is "no result yet", not "not met"."""
    measure = _measure(m.Direction.HIGHER, {"2012/13": "51%"}, {})

    assert m.Result.NO_RESULT == m.assess(measure, "2012/13").result


def test_status_colours_are_always_written_as_words() -> None:
    """Every status has a Red/Amber/Green/Grey rating, and the report prints the words."""
    from equality_docs.context.annual_report import status_words

    assert [
        "Not started (Grey)", "On track (Green)", "At risk (Amber)", "Off track (Red)", "Complete (Green)",
    ] == [status_words(s) for s in m.Status]


def _table(rows: list[list[float | None]], unit: m.Unit = m.Unit.COUNT, totals: bool = True) -> m.DataTable:
    return m.DataTable(
        title="T", columns=tuple(f"c{i}" for i in range(len(rows[0]))), unit=unit, totals=totals,
        rows=tuple(m.DataRow(label=f"r{i}", values=tuple(r)) for i, r in enumerate(rows)),
    )


def _texts(safe: object) -> list[list[str]]:
    return [[c.text for c in row] for row in safe.rows]  # type: ignore[attr-defined]


def test_small_counts_are_suppressed() -> None:
    """Counts from 1 to 4 are suppressed; zero and 5 are shown."""
    safe = suppress(_table([[0, 4, 5]], totals=False), 5)

    assert [["0", SUPPRESSED, "5"]] == _texts(safe)


def test_secondary_suppression_protects_cells_totals_would_reveal() -> None:
    """With totals printed, a lone suppressed cell in a row or column takes its neighbour with it."""
    safe = suppress(_table([[3, 40], [120, 98]]), 5)

    assert [[SUPPRESSED, SUPPRESSED], [SUPPRESSED, SUPPRESSED]] == _texts(safe)
    assert ["43", "218"] == [c.text for c in safe.row_totals]


def test_secondary_suppression_picks_the_smallest_other_cell() -> None:
    """The extra cell suppressed is the smallest one left, so the least is hidden."""
    safe = suppress(_table([[2, 50, 9], [60, 70, 80], [61, 71, 81]]), 5)

    assert [SUPPRESSED, "50", SUPPRESSED] == _texts(safe)[0]
    assert [SUPPRESSED, "70", SUPPRESSED] == _texts(safe)[1]


def test_small_totals_are_suppressed_too() -> None:
    """A total below the threshold is itself suppressed."""
    safe = suppress(_table([[0, 2], [50, 60]]), 5)

    assert SUPPRESSED == safe.row_totals[0].text


def test_percentages_are_not_suppressed() -> None:
    """Percentages are published as given: suppression is for counts of people."""
    safe = suppress(_table([[2.5, 97.5]], unit=m.Unit.PERCENT), 5)

    assert [["2.5", "97.5"]] == _texts(safe)


def test_threshold_is_configurable() -> None:
    """A plan may set its own threshold."""
    assert [["7", SUPPRESSED]] == _texts(suppress(_table([[7, 3]], totals=False), 4))


def test_progress_merges_by_id_and_reference() -> None:
    """A review's entries reach the objective, action and measure they name."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Council"),
        objectives=(m.Objective(id="gap", text="Close the gap", actions=(m.Action(ref="1.1", text="Tutor"),),
                                measures=(m.PerformanceMeasure(refs=("NI 99",), description="KS2"),)),),
    )
    review = m.ProgressReview(
        review=m.ReviewInfo(on=dt.date(2025, 3, 31)),
        objectives=(m.ItemProgress(id="gap", status=m.Status.AT_RISK),),
        actions=(m.ItemProgress(ref="1.1", status=m.Status.COMPLETE),),
        measures=(m.MeasureProgress(ref="NI 99", actuals=(m.PeriodValue(period="2024/25", value=m.Quantity("53%")),)),),
    )

    merged = apply_progress(plan, review).objectives[0]

    assert (m.Status.AT_RISK, m.Status.COMPLETE, "53%") == (
        merged.status, merged.actions[0].status, str(merged.measures[0].actual_for("2024/25"))
    )


def test_progress_for_an_unknown_objective_is_an_input_error() -> None:
    """A review naming an id the plan lacks is reported, not silently dropped."""
    plan = m.EqualityPlan(organisation=m.Organisation(name="Council"), objectives=(m.Objective(id="gap", text="x"),))
    review = m.ProgressReview(review=m.ReviewInfo(on=dt.date(2025, 3, 31)),
                              objectives=(m.ItemProgress(id="gpa", status=m.Status.ON_TRACK),))

    with pytest.raises(InputError, match="no objective in the plan has the id 'gpa'"):
        apply_progress(plan, review, file="q4.yaml")


def test_progress_files_are_read_relative_to_the_plan(tmp_path: Path) -> None:
    """A plan's progress_files are merged when it is loaded, from beside the plan."""
    (tmp_path / "reviews").mkdir()
    (tmp_path / "reviews" / "q1.yaml").write_text(
        "review: {on: 2025-06-30}\nobjectives:\n  - {id: gap, status: on track}\n", encoding="utf-8"
    )
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        "organisation: {name: A}\nprogress_files: [reviews/q1.yaml]\nobjectives:\n  - {id: gap, text: x}\n",
        encoding="utf-8",
    )

    plan = equality_docs.load(plan_file)

    assert (m.Status.ON_TRACK, (), 1) == (plan.objectives[0].status, plan.progress_files, len(plan.reviews))


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    return equality_docs.render(equality_docs.load(EXAMPLE), kind="annual-report", fmt="docx")


def test_report_structure(report_docx: bytes) -> None:
    """The report runs: title, summary, progress per objective, measures, coverage, information."""
    document = open_docx(report_docx)
    headings = [
        paragraph_text(p) for kind, p in body_items(document)
        if kind == "p" and p.style.name in ("Title", "Heading 1")  # type: ignore[union-attr]
    ]

    assert [
        "Annual Equality and Diversity Action Plan 2012/13", "Summary", "Progress on each objective", "Performance measures",
        "Coverage of the equality duty", "Equality information",
    ] == headings


def test_report_says_its_data_are_illustrative(report_docx: bytes) -> None:
    """Illustrative progress data are marked as such on the first page."""
    paragraphs = [p.text for p in open_docx(report_docx).paragraphs[:8]]

    assert any(t.startswith("Illustrative data:") for t in paragraphs)


def test_charts_are_images_with_alt_text_in_word(report_docx: bytes) -> None:
    """Each measure with results has a chart image whose description says what it shows."""
    document = open_docx(report_docx)
    descriptions = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]

    assert 5 == len(descriptions)
    assert descriptions[0].startswith(
        "Line chart of NI 111 T_F 001 First time entrants to the youth justice system, target against "
        "actual by period. 2012/13: target 869, actual 874;"
    )


def test_charts_are_images_with_alt_text_in_html() -> None:
    """The HTML report carries the same charts as images with the same text alternative."""
    page = equality_docs.render(equality_docs.load(EXAMPLE), kind="annual-report", fmt="html").decode()
    images = re.findall(r'<img alt="([^"]*)" src="data:image/png;base64,', page)

    assert 5 == len(images)
    assert all(alt.startswith("Line chart of ") for alt in images)


def test_coverage_shows_the_gaps(report_docx: bytes) -> None:
    """Characteristics no objective addresses are listed as not addressed."""
    # One cell per printed column (a column spans several of the Word table's grid columns).
    table = next(rows for t in open_docx(report_docx).tables if (rows := table_rows(t))[0][0] == "Protected characteristic")
    gaps = [r[0] for r in table[1:] if r[2] == "Not addressed"]

    assert ["Age", "Gender reassignment", "Marriage and civil partnership", "Pregnancy and maternity",
            "Religion or belief", "Sex", "Sexual orientation"] == gaps


def test_small_numbers_never_reach_any_format() -> None:
    """The suppressed counts of the example (3, 1, 2 ...) appear in no output; the marker does."""
    plan = equality_docs.load(EXAMPLE)
    for fmt in ("md", "html"):
        text = equality_docs.render(plan, kind="annual-report", fmt=fmt).decode()
        section = text[text.index("Equality information"):]
        assert "| 3 |" not in section and ">3<" not in section
        assert "[c]" in section.replace("\\[c\\]", "[c]")


@pytest.mark.parametrize("label", ["2012/13\x1f", "2012/13\u200b", "$\\frac{2012$"])
def test_chart_labels_are_shown_as_typed(label: str) -> None:
    """Labels are text, not mathtext; characters without a glyph are left out, without a warning."""
    from equality_docs.charts import ChartData, chart_png

    def png(period: str) -> bytes:
        return chart_png(ChartData(title="t", periods=(period, "2013/14"), targets=(1.0, 2.0),
                                   actuals=(1.5, None), unit="%", alt="a"))

    if label.startswith("$"):  # broken mathtext: matplotlib would raise; it is only text here
        assert png(label).startswith(b"\x89PNG")
    else:
        assert png(label) == png("2012/13")


def test_charts_drawn_in_threads_are_the_charts_drawn_one_by_one() -> None:
    """Charts are drawn without pyplot's global state, one at a time, whatever the threads."""
    from concurrent.futures import ThreadPoolExecutor

    from equality_docs.charts import ChartData, chart_png

    charts = [ChartData(title=f"t{i}", periods=("2012/13", "2013/14"), targets=(1.0, float(i)),
                        actuals=(1.5, None), unit="%", alt="a") for i in range(12)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        drawn = list(pool.map(chart_png.__wrapped__, charts))
    assert drawn == [chart_png.__wrapped__(c) for c in charts]


def test_the_reports_headings_and_its_word_for_objectives_come_from_labels() -> None:
    """A plan's labels rename the report's headings and its word for objectives, in Markdown and Word alike."""
    plan = equality_docs.load(EXAMPLES / "loch-arden-outcomes-report.yaml")
    labels = attrs.evolve(plan.labels, report_summary_heading="At a glance",
                          report_objectives="outcomes", report_objective="outcome")
    plan = attrs.evolve(plan, labels=labels)
    md = equality_docs.render(plan, kind="annual-report", fmt="md").decode("utf-8")
    document = open_docx(equality_docs.render(plan, kind="annual-report"))
    words = [paragraph_text(p) for kind, p in body_items(document) if kind == "p"]  # type: ignore[arg-type]

    assert "## At a glance" in md and "## Summary" not in md
    assert re.search(r"The plan has \d+ outcomes and", md)
    assert "| Status | Outcomes | Actions |" in md
    assert "At a glance" in words and "Summary" not in words
    assert "Outcomes and actions by status" in words


def test_an_action_with_a_completed_date_counts_as_complete() -> None:
    """An action with `completed:` and no review is counted Complete in the status summary, not "Not reviewed"."""
    from equality_docs.context.annual_report import build

    plan = equality_docs.loads(
        "organisation: {name: Eastmoor Council, type: council}\n"
        "reviews: [{on: 2026-03-31}]\n"
        "actions:\n"
        "  - {ref: A1, text: Publish the strategy, completed: Mar 2026, outcome: Published}\n"
    )
    [count] = build(plan).status_counts

    assert (count.status, count.actions) == ("Complete (Green)", 1)


@pytest.mark.parametrize(
    ("met", "not_met", "unassessed", "sentence"),
    [
        (0, 2, 4, "Of 6 results due, 2 did not meet the target and 4 cannot be compared with a target."),
        (1, 2, 0, "Of 3 results due, 1 met the target and 2 did not."),
    ],
)
def test_the_results_sentence_says_what_was_not_met(met: int, not_met: int, unassessed: int, sentence: str) -> None:
    """The summary says "did not meet the target" when no result met it, and "did not" only after "N met the target"."""
    from equality_docs.context.annual_report import _measures_summary

    assert sentence == _measures_summary(met, not_met, 0, unassessed)
