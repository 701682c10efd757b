"""
Build the shipped Word templates with python-docx.

Run `python templates/build_docx.py` after changing this file or _docx_kit.py; the .docx files
in docx/ are its output, kept in step by tests/test_templates.py. Each Jinja tag is written in a
single run, and every `{%p %}`/`{%tr %}` tag stands alone in its paragraph or row, as docxtpl
requires.

An officer may restyle the generated templates in Word (fonts, colours, logo, header and
footer) and point equality-docs at their own copy with --templates.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _docx_kit import (  # noqa: E402  # the kit sits beside this script, not in a package
    OUT,
    finish,
    label_and_value,
    landscape_section,
    numbered_list,
    page_footer,
    para,
    section_block,
    table,
    tag,
    new_document,
    fill_cell,
    header_cells,
    keep_rows_whole,
    set_widths,
    shade,
    table_caption,
    mergeable,
    data_table,
)

# The templates ---------------------------------------------------------------------------


def psed_statement() -> object:
    """The school PSED statement (seed 002)."""
    document = new_document()
    para(document, "{{ document.title }}", "Title")
    tag(document, "{%p if document.review_frequency %}")
    label_and_value(document, "Review Frequency:", "{{ document.review_frequency }}")
    tag(document, "{%p endif %}")
    section_block(document, "duty", between=lambda: numbered_list(document, "characteristics"))
    section_block(document, "general_duties", between=lambda: numbered_list(document, "aims"))
    section_block(document, "specific_duties", between=lambda: numbered_list(document, "duties"))
    tag(document, "{%p if trust_aims %}")
    section_block(document, "trust_aims")
    tag(document, "{%p endif %}")
    tag(document, "{%p for group in objective_groups %}")
    para(document, "{{ group.title }}", "Heading 1")
    tag(document, "{%p for objective in group.objectives %}")
    para(document, "{{ objective.text }}", "List Number")
    tag(document, "{%p if objective.actions %}")
    para(document, "Actions:", bold=True)
    tag(document, "{%p for action in objective.actions %}")
    para(document, "{{ action.text }}", "List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    trailing_sections(document)
    page_footer(document)
    return document


def trailing_sections(document: object) -> None:
    """Add the sections a plan names for this kind, after the layout's own."""
    tag(document, "{%p for section in sections %}")
    section_block(document, "section")
    tag(document, "{%p endfor %}")


def objectives_statement() -> object:
    """The equality objectives statement (seed 000)."""
    document = new_document()
    para(document, "{{ heading }}", "Title")
    section_block(document, "act", between=lambda: numbered_list(document, "characteristics", "List Bullet"))
    section_block(document, "general_duty", between=lambda: numbered_list(document, "aims", "List Bullet"))
    section_block(document, "specific_duty")
    section_block(document, "purpose")
    section_block(document, "measuring_progress")
    section_block(document, "objectives_intro", heading="Heading 2")
    table(
        document,
        ["Objective", "Service Area"],
        ["{{ objective.text }}", "{{ objective.service_area }}"],
        [11.0, 6.0],
        loop="for objective in objectives",
        caption="{{ captions[0] }}",
    )
    trailing_sections(document)
    page_footer(document)
    return document


def strategy() -> object:
    """The equality and diversity strategy (seed 001)."""
    document = new_document()
    para(document, "{{ document.title }}", "Title")
    tag(document, "{%p if introduction %}")
    tag(document, "{{p introduction|prose }}")
    tag(document, "{%p endif %}")
    para(document, "{{ priorities_heading }}", "Heading 1")
    section_block(document, "duty")
    section_block(
        document, "characteristics_intro",
        between=lambda: numbered_list(document, "characteristics", "List Bullet"),
    )
    tag(document, "{%p for priority in priorities %}")
    para(document, "{{ priority.number }}. {{ priority.title }}", "Heading 2")
    tag(document, "{%p if priority.lead %}")
    tag(document, "{{p priority.lead|prose }}")
    tag(document, "{%p endif %}")
    numbered_list(document, "priority.bullets", "List Bullet")
    tag(document, "{%p endfor %}")
    trailing_sections(document)
    page_footer(document)
    return document


PLAN_HEADERS = [
    "Link to Public Sector Equality Duty",
    "Protected characteristic",
    "Aim:",
    "Objective:",
    ("Target group(s):", "e.g. whole school, girls, boys, SEN, staff etc"),
    "Action:",
    "Who is responsible?",
    "Dates from and to:",
    "Milestone/ progress:",
]


def objectives_plan() -> object:
    """The equality objectives plan: title block and one nine-column table (seed 003)."""
    document = new_document()
    landscape_section(document, new=False)
    para(document, "{{ kind_heading }}", "Subtitle")
    para(document, "{{ document.title }}", "Title")
    tag(document, "{%p if document.subtitle %}")
    para(document, "{{ document.subtitle }}", "Subtitle")
    tag(document, "{%p endif %}")
    tag(document, "{%p if period_heading %}")
    para(document, "{{ period_heading }}", "Heading 1")
    tag(document, "{%p endif %}")
    cells = [
        "{{ row.duty_link }}",
        "{{ row.characteristics }}",
        "{{ row.aim }}",
        "{{ row.objective }}",
        "{{ row.target_groups }}",
        "@list:row.actions",
        "@list:row.owners",
        "@list:row.dates",
        "@list:row.milestones",
    ]
    grid = table(
        document, PLAN_HEADERS, cells, [3.0, 3.0, 3.0, 3.6, 2.6, 4.0, 2.8, 2.2, 2.5],
        loop="for row in rows", caption="{{ captions[0] }}",
    )
    # The first three columns merge runs of equal cells, as the seed groups rows by duty aim.
    for cell in grid.rows[2].cells[:3]:
        mergeable(cell)
    page_footer(document)
    return document


def _block_tables(document: object) -> None:
    """The four tables of an outcome block (seed 004, appendix 1)."""
    objective_guidance = (
        "A precise statement about what you should, (or will) be able to do or where you want "
        "to go. This needs to be specific and deliverable."
    )
    action_guidance = (
        "What must be done in order to meet the objective, without which the objective would "
        "not be achieved?"
    )
    measure_guidance = (
        "Is this objective measurable? There needs to be some way of assessing the achievement "
        "of this objective and/or the aim/outcome. Consider National Indicators first."
    )
    widths = [2.2, 10.5, 2.6, 2.6, 4.2, 3.8]
    table(
        document,
        ["Ref.", ("Objective", objective_guidance), "Start Date Month/Year",
         "Finish Date Month/Year", "Lead Officer / Division",
         "Linkages With Other Plans / Strategies"],
        ["{{ objective.ref }}", "{{ objective.text }}", "{{ objective.start }}",
         "{{ objective.finish }}", "{{ objective.owner }}", "{{ objective.linkages }}"],
        widths, loop="for objective in block.objectives", caption="{{ block.heading }}: objective", title="Objective",
    )
    table(
        document,
        ["Ref.", ("Critical actions, tasks & activities", action_guidance),
         "Start Date Month/Year", "Finish Date Month/Year", "Responsible Officer / Division",
         "Linkages With Other Plans / Strategies"],
        ["{{ action.ref }}", "{{ action.text }}", "{{ action.start }}", "{{ action.finish }}",
         "{{ action.owner }}", "{{ action.linkages }}"],
        widths, loop="for action in block.actions",
        caption="{{ block.heading }}: critical actions, tasks and activities",
        title="Critical actions",
    )
    grid = table(
        document,
        ["Ref.", ("Key Performance Measures", measure_guidance),
         "{%tc for period in appendix.periods %}", "{{ period }} Target", "{%tc endfor %}",
         "Responsible Officer/ Division"],
        ["{{ measure.ref }}", "{{ measure.description }}", "{%tc for target in measure.targets %}",
         "{{ target }}", "{%tc endfor %}", "{{ measure.owner }}"],
        # The two tag cells vanish; the period cell repeats. Three periods fill the page width.
        [2.2, 10.5, 3.0, 3.0, 3.0, 4.2], loop="for measure in block.measures",
        caption="{{ block.heading }}: key performance measures",
        title="Key performance measures",
    )
    del grid
    risk = table(
        document,
        ["JCAD Ref.", ("Risk", "What are the potential barriers to the success of this objective?"),
         ("Impact", "{{ impact_scale }}"), ("Probability", "{{ probability_scale }}"),
         ("Risk Score & Colour", "Impact x probability"), "Responsible Officer/ Division"],
        ["{{ risk.ref }}", "{{ risk.description }}", "{{ risk.impact }}", "{{ risk.probability }}",
         "{% cellbg risk.fill %}{{ risk.rating }}", "{{ risk.owner }}"],
        [2.2, 10.5, 3.0, 3.0, 3.0, 4.2], loop="for risk in block.risks",
        caption="{{ block.heading }}: risks", title="Risks",
    )
    del risk


def _priorities_table(document: object) -> None:
    """The priorities table (seed 004, appendix 2): priority rows, objective rows under each."""
    headers = ["Objective", "Detailed action/target (and lead officer)",
               "Target Date/ milestones", "Planned outcome/performance indicator"]
    para(document, "Objectives, actions and outcomes by priority", "Caption")
    grid = document.add_table(rows=7, cols=4)
    grid.style = document.styles["Table Grid"]
    table_caption(grid, "{{ appendix.heading }}: objectives by priority")
    header_cells(grid, headers)
    keep_rows_whole(grid)
    grid.rows[1].cells[0].paragraphs[0].add_run("{%tr for group in appendix.priorities %}")
    merged = grid.rows[2].cells[0].merge(grid.rows[2].cells[3])
    merged.paragraphs[0].add_run("{{ group.title }}").bold = True
    merged.paragraphs[0].paragraph_format.keep_with_next = True
    shade(merged, "F2F2F2")
    grid.rows[3].cells[0].paragraphs[0].add_run("{%tr for row in group.objectives %}")
    for index, expression in enumerate(
        ["{{ row.objective }}", "@list:row.actions", "{{ row.dates }}", "@prose:row.outcome"]
    ):
        fill_cell(grid.rows[4].cells[index], expression)
    grid.rows[5].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    grid.rows[6].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(grid, [6.5, 8.5, 3.5, 8.2])


def action_plan() -> object:
    """The annual action plan with its appendices (seed 004)."""
    document = new_document()
    para(document, "{{ document.organisation }}", "Subtitle")
    para(document, "{{ document.title }}", "Title")
    tag(document, "{%p for section in sections %}")
    tag(document, "{%p if section.title %}")
    para(document, "{{ section.number }}. {{ section.title }}", "Heading 1")
    tag(document, "{%p endif %}")
    tag(document, "{%p if section.body %}")
    tag(document, "{{p section.body|prose }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p for paragraph in section.paragraphs %}")
    tag(document, "{{p paragraph.text|prose(style='NumberedParagraph', prefix=paragraph.number) }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if section.closing %}")
    tag(document, "{{p section.closing|prose }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if contact %}")
    para(document, "{{ contact_intro }}", bold=True)
    tag(document, "{%p for line in contact %}")
    para(document, "{{ line }}", "No Spacing")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    page_footer(document)
    appendix_section = landscape_section(document)
    appendix_section.header.is_linked_to_previous = False
    appendix_section.header.paragraphs[0].add_run("{{ document.running_header }}")
    document.sections[0].header.is_linked_to_previous = False
    tag(document, "{%p for appendix in appendices %}")
    tag(document, "{%p if loop.first %}")
    para(document, "{{ appendix.heading }}", "Heading 1")
    tag(document, "{%p else %}")
    heading = para(document, "{{ appendix.heading }}", "Heading 1")
    heading.paragraph_format.page_break_before = True
    tag(document, "{%p endif %}")
    tag(document, "{%p if appendix.body %}")
    tag(document, "{{p appendix.body|prose }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p for block in appendix.outcomes %}")
    para(document, "{{ block.heading }}", "Heading 2")
    tag(document, "{%p if block.lead %}")
    para(document, "{{ block.lead }}", bold=True).paragraph_format.keep_with_next = True
    tag(document, "{%p endif %}")
    tag(document, "{%p if block.aim %}")
    para(document, "{{ block.aim }}", bold=True).paragraph_format.keep_with_next = True
    tag(document, "{%p endif %}")
    _block_tables(document)
    tag(document, "{%p endfor %}")
    tag(document, "{%p if appendix.priorities %}")
    _priorities_table(document)
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    return document


def annual_report() -> object:
    """The annual equality report (no seed: laid out for a committee and the public)."""
    document = new_document()
    para(document, "{{ document.organisation }}", "Subtitle")
    para(document, "{{ document.title }}", "Title")
    tag(document, "{%p if period %}")
    label_and_value(document, "Period:", "{{ period }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if reviewed_on %}")
    label_and_value(document, "Progress reviewed:", "{{ reviewed_on }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if illustrative %}")
    para(document, "{{ illustrative }}", "Intense Quote")
    tag(document, "{%p endif %}")
    section_block(document, "introduction")
    para(document, "Summary", "Heading 1")
    para(document, "{{ summary }} {{ measures_summary }}")
    table(document, ["Status", "Objectives", "Actions"],
          ["{% cellbg row.fill %}{{ row.status }}", "{{ row.objectives }}", "{{ row.actions }}"],
          [8.0, 4.0, 4.0], loop="for row in status_counts", caption="{{ captions[0] }}")
    para(document, "Progress on each objective", "Heading 1")
    tag(document, "{%p for objective in objectives %}")
    para(document, "{{ objective.heading }}", "Heading 2")
    label_and_value(document, "Status:", "{{ objective.status }}")
    tag(document, "{%p if objective.commentary %}")
    tag(document, "{{p objective.commentary|prose }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p for link in objective.evidence %}")
    label_and_value(document, "Evidence:", "{{ link }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if objective.actions %}")
    table(document, ["Ref.", "Action", "Responsible", "Status", "Commentary"],
          ["{{ action.ref }}", "{{ action.text }}", "{{ action.owner }}", "{{ action.status }}",
           "{{ action.commentary }}"],
          [1.4, 5.6, 3.0, 2.6, 4.4], loop="for action in objective.actions",
          caption="{{ objective.heading[:80] }}: actions", title="Actions")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    para(document, "Performance measures", "Heading 1")
    table(document, ["Ref.", "Measure", "Period", "Baseline", "Target", "Actual", "Result"],
          ["{{ row.ref }}", "{{ row.description }}", "{{ row.period }}", "{{ row.baseline }}",
           "{{ row.target }}", "{{ row.actual }}", "{{ row.result }}"],
          [1.9, 4.9, 1.8, 2.2, 1.9, 1.9, 2.4], loop="for row in measure_rows",
          caption="Performance measures: targets and results")
    tag(document, "{%p for chart in charts %}")
    tag(document, "{{p chart|chart }}")
    para(document, "Figure: {{ chart.title }}", "Caption")
    tag(document, "{%p endfor %}")
    para(document, "Coverage of the equality duty", "Heading 1")
    table(document, ["Protected characteristic", "Objectives", "Which"],
          ["{{ row.name }}", "{{ row.count }}", "{{ row.objectives }}"], [5.0, 2.5, 9.5],
          loop="for row in characteristic_coverage",
          caption="Protected characteristics addressed by the objectives")
    table(document, ["Aim of the general duty", "Objectives", "Which"],
          ["{{ row.name }}", "{{ row.count }}", "{{ row.objectives }}"], [5.0, 2.5, 9.5],
          loop="for row in aim_coverage", caption="General duty aims addressed by the objectives")
    tag(document, "{%p if information %}")
    para(document, "Equality information", "Heading 1")
    tag(document, "{%p for table in information %}")
    para(document, "{{ table.title }}", "Heading 2")
    data_table(document, header="table.header", rows="table.rows", caption="{{ table.title }}")
    para(document, "{{ table.source }} {{ table.note }}", "Caption")
    tag(document, "{%p endfor %}")
    para(document, "{{ suppression_note }}")
    tag(document, "{%p endif %}")
    trailing_sections(document)
    page_footer(document)
    return document


TEMPLATES: dict[str, tuple[Callable[[], object], str]] = {
    "action_plan": (action_plan, "Equality Action Plan"),
    "annual_report": (annual_report, "Equality Annual Report"),
    "objectives_plan": (objectives_plan, "Equality objectives"),
    "objectives_statement": (objectives_statement, "Equality Objectives"),
    "psed_statement": (psed_statement, "Public Sector Equality Duty Statement"),
    "strategy": (strategy, "Equality and Diversity Strategy"),
}


def build(out: Path = OUT) -> list[Path]:
    """Write every template into `out`; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (make, title) in TEMPLATES.items():
        path = out / f"{name}.docx"
        path.write_bytes(finish(make(), name, title))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(written_path)
