"""
What each input field means, with an example: the source of docs/input-format.md.

tests/test_docs.py fails when a model field has no entry here, so the reference cannot drift
from the model. Entries are "Class.field", or a bare field name shared by every class.
"""

from __future__ import annotations

#: Meaning and a YAML example for fields that mean the same wherever they appear.
SHARED: dict[str, tuple[str, str]] = {
    "id": ("A stable identifier that stays the same across editions while wording and numbering change; "
           "progress files find items by it.", "id: ks2-gap"),
    "ref": ("The organisation's own reference, printed in tables.", 'ref: "Ob 1"'),
    "owner": ("Who is responsible: a name or a role.", "owner: Mike Galikowski"),
    "division": ("The owner's division or team, printed after the name.", "division: TF"),
    "start": ("When work starts, as written: a day (30/09/2025), a month, a year, a financial or academic year, "
              "a term (Spring 2), a range, a recurring date, or text (see Dates).",
              "start: Apr 2012"),
    "finish": ("When work finishes, as written (see `start`).", "finish: Mar 2013"),
    "linkages": ("Other plans or strategies this links to.", "linkages: [CYPP, LSCB]"),
    "milestones": ("Steps on the way, each text or a mapping with `due` and `done`.",
                   "milestones: [Drafted by GB Nov 2019]"),
    "progress": ("Dated reviews (usually merged from progress files).",
                 "progress: [{on: 2013-03-31, status: on track}]"),
    "objectives": ("Objectives, each a mapping (see Objective) or just its text.",
                   "objectives: [To narrow the gap in attendance]"),
    "title": ("The title as printed.", "title: Equality Objectives"),
    "text": ("The text as printed.", "text: Multicultural events"),
    "status": ("A status: not started, on track, at risk, off track or complete.", "status: on track"),
    "evidence": ("Evidence: links or document names.", "evidence: [https://example.org/report]"),
    "actuals": ("Results by period: a mapping of period to value.", 'actuals: {2012/13: "53%"}'),
    "baseline": ("The value before the plan, that change targets are measured from.", "baseline: 905"),
    "body": ("Opening text, in Markdown.", "body: We aim to narrow the gaps."),
    "priorities": ("Numbered priorities (see Priority).", "priorities: [{title: Engagement}]"),
    "information": ("Equality information tables (see DataTable).", "information: [{title: Workforce, ...}]"),
    "characteristic": ("A protected characteristic, by statutory name or a common label.",
                       "characteristic: race"),
}

#: Meaning and example per class field.
FIELDS: dict[str, tuple[str, str]] = {
    "EqualityPlan.title": ("The document title; each kind has a default.", "title: Equalities objectives"),
    "EqualityPlan.subtitle": ("A line printed under the title.", "subtitle: Measuring and monitoring our performance"),
    "EqualityPlan.short_title": ("A short title for running headers.", "short_title: Equality and Diversity Action Plan for 2012/13"),
    "EqualityPlan.organisation": ("Who publishes (see Organisation). Required.", "organisation: {name: InMAT Academies Trust, type: academy trust}"),
    "EqualityPlan.document": ("Version, approval and review dates (see DocumentControl).", "document: {review: {every_years: 4}}"),
    "EqualityPlan.period": ("The period the plan covers, as written.", "period: 2012/13"),
    "EqualityPlan.language": ("The document language, as a BCP 47 tag.", "language: en-GB"),
    "EqualityPlan.characteristics": ("The document's own list of protected characteristics, in its own words; the nine are always printed.", "characteristics: [Age, Sex (gender), Transgender]"),
    "EqualityPlan.sections": ("Narrative sections (see Section).", "sections: [{id: duty, body: ...}]"),
    "EqualityPlan.strategy": ("A strategy with numbered priorities (see Strategy).", "strategy: {title: Equality and Diversity Strategy}"),
    "EqualityPlan.objectives": ("The organisation's objectives.", "objectives: [{text: Close the gap, aims: [advance]}]"),
    "EqualityPlan.objectives_title": ("The heading over the objectives.", "objectives_title: Schools - Equality Objectives"),
    "EqualityPlan.appendices": ("Appendices of outcome blocks or priorities (see Appendix).", "appendices: [{title: Equality actions, outcomes: [...]}]"),
    "EqualityPlan.risk_scale": ("The organisation's risk scales and bands (see RiskScale); the default is 5 x 5.", "risk_scale: {impact: [Low, Medium, High, Severe]}"),
    "EqualityPlan.information": ("Published equality information tables (see DataTable).", "information: [{title: Workforce by sex, columns: [Female, Male], rows: [...]}]"),
    "EqualityPlan.suppress_below": ("Counts and totals below this are suppressed in published tables, with the figures that would reveal them.", "suppress_below: 10"),
    "EqualityPlan.reviews": ("Reviews merged in so far (filled from progress files).", "reviews: [{on: 2013-03-31}]"),
    "EqualityPlan.year_starts": ("When years such as 2024/25 begin: april (financial year) or september (academic year); by default September for schools and trusts, April for others.", "year_starts: september"),
    "EqualityPlan.dates": ("How every date in the documents is printed: as-written (default), long "
                           "(30 September 2025) or short (30/09/2025) (see Dates).", "dates: long"),
    "EqualityPlan.progress_files": ("Progress review files, relative to the plan, merged when it is loaded.", "progress_files: [progress/2012-13.yaml]"),
    "Organisation.name": ("The organisation's name. Required.", "name: Directorate of Children's Services"),
    "Organisation.type": ("council, directorate, school, academy trust or other.", "type: academy trust"),
    "Organisation.nation": ("england, wales or scotland: which specific duties apply.", "nation: england"),
    "Organisation.parent": ("The body it belongs to.", "parent: Dudley MBC"),
    "Organisation.contact": ("The contact printed in documents (see Contact).", "contact: {name: Ian McGuff, role: Assistant Director}"),
    "Organisation.contacts": ("People who own actions; check warns of owners not listed.", "contacts: [{name: Rachel Hare}]"),
    "Organisation.schools": ("A trust's schools (see School).", "schools: [{name: North Academy}]"),
    "Contact.name": ("The person's name. Required.", "name: Ian McGuff"),
    "Contact.role": ("Their role.", "role: Assistant Director"),
    "Contact.unit": ("Their team or directorate.", "unit: Directorate of Children's Services"),
    "Contact.address": ("Address lines.", 'address: [Westox House, "1, Trinity Road"]'),
    "Contact.phone": ("Telephone, as text.", 'phone: "01384814387"'),
    "Contact.email": ("Email address.", "email: ian.mcguff@dudley.gov.uk"),
    "School.name": ("The school's name. Required.", "name: North Academy"),
    "School.urn": ("Unique reference number.", 'urn: "123456"'),
    "School.phase": ("Phase of education.", "phase: primary"),
    "School.objectives_title": ("The heading over the school's objectives.", "objectives_title: North Academy objectives"),
    "DocumentControl.version": ("Version.", 'version: "2.1"'),
    "DocumentControl.status": ("draft, consultation, approved, published or superseded.", "status: approved"),
    "DocumentControl.approved_by": ("Who approved it.", "approved_by: Cabinet Member for Children's Services"),
    "DocumentControl.approved_on": ("The day it was approved: 30/09/2025 or 2025-09-30.", "approved_on: 01/09/2024"),
    "DocumentControl.effective": ("When it takes effect.", "effective: 2024-09-01"),
    "DocumentControl.last_reviewed": ("When it was last reviewed.", "last_reviewed: 2025-09-01"),
    "DocumentControl.next_review": ("The next review date, if fixed; else derived from `review`.", "next_review: 2026-09-01"),
    "DocumentControl.review": ("How often it is reviewed (see ReviewFrequency).", "review: {every_years: 4}"),
    "DocumentControl.progress_review": ("How often progress is reviewed: monthly, quarterly, termly, half-yearly or annually.", "progress_review: quarterly"),
    "DocumentControl.published": ("When equality information was last published.", "published: 2025-01-31"),
    "DocumentControl.owner": ("Who owns the document.", "owner: Head of Equalities"),
    "DocumentControl.contact": ("Whom to ask about the document (see Contact); printed in the document-control block.", "contact: {name: Equality team, email: equality@example.org}"),
    "DocumentControl.related": ("Titles of related documents, printed in the document-control block.", "related: [Accessibility plan, Equality information 2025]"),
    "EqualityPlan.labels": ("The document's own headings, column titles and column notes (see Labels); unset keys keep neutral defaults.", 'labels: {action_owner: Responsible officer, action_finish: "By when"}'),
    "ReviewFrequency.every_years": ("The cycle in years (one to four).", "every_years: 4"),
    "ReviewFrequency.text": ("The document's own words for it, printed instead.", "text: Every Four years - unless new advice ..."),
    "CharacteristicRef.label": ("The document's own label.", 'label: "Sex (gender)"'),
    "CharacteristicRef.applies_to": ("staff, pupils, service users or everyone.", "applies_to: staff"),
    "Objective.text": ("What will change. Required.", "text: Narrow the gender attainment gap at KS1"),
    "Objective.service_area": ("The service area responsible.", "service_area: Schools and Learning"),
    "Objective.aims": ("The general-duty aims served: eliminate, advance, foster.", "aims: [advance, foster]"),
    "Objective.aims_label": ("The document's own words for the duty link.", "aims_label: Removing or minimising disadvantages"),
    "Objective.characteristics": ("Protected characteristics addressed, each a name or a mapping (see CharacteristicRef).", "characteristics: [race, {characteristic: age, applies_to: staff}]"),
    "Objective.groups": ("Local groups beside the characteristics.", "groups: [SEND, PP]"),
    "Objective.aim": ("The objective's aim in the document's words.", "aim: To improve outcomes for vulnerable learners"),
    "Objective.target_groups": ("Who the objective is for.", "target_groups: [All pupils and staff]"),
    "Objective.outcome": ("The planned outcome or indicator, in Markdown.", "outcome: Racist incidents data is published annually."),
    "Objective.actions": ("Actions, each a mapping (see Action) or just its text.", "actions: [Breakfast clubs]"),
    "Objective.measures": ("Performance measures (see PerformanceMeasure).", "measures: [{description: Attendance gap}]"),
    "Objective.risks": ("Risks (see Risk).", "risks: [{description: Funding falls}]"),
    "Objective.retired": ("Whether the objective has been retired; retired ones are left out.", "retired: true"),
    "Action.text": ("What will be done. Required.", "text: Develop early intervention strategies"),
    "Milestone.text": ("The milestone. Required.", "text: Drafted by GB Nov 2019"),
    "Milestone.due": ("When it is due, as written.", "due: Nov 2019"),
    "Milestone.done": ("Whether it is met.", "done: true"),
    "ProgressNote.on": ("When the progress was reviewed, as written: a day, a month, a term, or left out.",
                        "on: Spring 2"),
    "ProgressNote.text": ("Commentary, in Markdown.", "text: Strategies agreed with partners."),
    "PerformanceMeasure.refs": ("National and local indicator references.", "refs: [NI 111, T_F 001]"),
    "PerformanceMeasure.description": ("What is measured. Required.", "description: First time entrants to the youth justice system"),
    "PerformanceMeasure.unit": ("The unit, for charts.", "unit: per cent"),
    "PerformanceMeasure.direction": ("Which way is better: higher or lower.", "direction: lower"),
    "PerformanceMeasure.targets": ("Targets by period: numbers, percentages, points, changes or text.", 'targets: {2012/13: 869, 2013/14: "-1%"}'),
    "PeriodValue.period": ("The period. Required.", "period: 2012/13"),
    "PeriodValue.value": ("The value, as written.", 'value: "51%"'),
    "Risk.description": ("The barrier to the objective. Required.", "description: Reduced budgets"),
    "Risk.impact": ("Impact on the scale, 1 to 5 by default.", "impact: 4"),
    "Risk.probability": ("Probability on the scale.", "probability: 3"),
    "Risk.residual_impact": ("Impact after mitigation.", "residual_impact: 2"),
    "Risk.residual_probability": ("Probability after mitigation.", "residual_probability: 2"),
    "RiskScale.impact": ("The names of the impact levels, lowest first.", "impact: [Insignificant, Minor, Moderate, Significant, Major]"),
    "RiskScale.probability": ("The names of the probability levels, lowest first.", "probability: [Rare, Unlikely, Moderate, Likely, Almost certain]"),
    "RiskScale.bands": ("Score ranges, their names and colours (see RiskBand).", "bands: [{name: Low, min_score: 1, max_score: 4, colour: 92D050}]"),
    "RiskBand.name": ("The band's name, printed with the score. Required.", "name: High"),
    "RiskBand.min_score": ("Lowest score in the band. Required.", "min_score: 10"),
    "RiskBand.max_score": ("Highest score in the band. Required.", "max_score: 16"),
    "RiskBand.colour": ("Cell fill as hex RGB, light enough for black text. Required.", "colour: F4B183"),
    "Paragraph.ref": ("The organisation's own paragraph number, where it has one.", 'ref: "3.4"'),
    "Paragraph.text": ("The paragraph, in Markdown. Required.", "text: The Council's policy requires ..."),
    "Section.title": ("The section heading.", "title: Introduction"),
    "Section.paragraphs": ("Numbered paragraphs (see Paragraph), each text or a mapping.", "paragraphs: [The plan covers April 2012 to March 2013.]"),
    "Section.closing": ("Text after the section's list, in Markdown.", "closing: General Duties are the things that schools aim to achieve."),
    "Section.kinds": ("Print the section only in these kinds.", "kinds: [psed-statement]"),
    "Priority.title": ("The priority. Required.", "title: Effective engagement"),
    "Priority.lead": ("Its lead sentence, in Markdown.", 'lead: "We want to:"'),
    "Priority.bullets": ("Its bullet points.", "bullets: [involve them in discussions]"),
    "Strategy.introduction": ("The introduction, in Markdown.", "introduction: Children's Services has key priorities."),
    "OutcomeBlock.outcome": ("The outcome area. Required.", "outcome: Stay Safe"),
    "OutcomeBlock.outcome_label": ("The words before it.", "outcome_label: Every Child Matters (ECM) Outcome"),
    "OutcomeBlock.lead": ("Who leads the outcome.", "lead: Pauline Sharratt"),
    "OutcomeBlock.lead_label": ("The words before the lead.", "lead_label: DSLT AD Lead for Outcome"),
    "OutcomeBlock.aim": ("The outcome's aim.", "aim: Looked after children stay safe"),
    "OutcomeBlock.aim_label": ("The words before the aim.", "aim_label: ECM Aim"),
    "Appendix.outcomes": ("Outcome blocks (see OutcomeBlock).", "outcomes: [{outcome: Stay Safe}]"),
    "DataTable.columns": ("Column headings. Required.", "columns: [Female, Male]"),
    "DataTable.rows": ("Rows (see DataRow).", "rows: [{label: Disabled, values: [31, 3]}]"),
    "DataTable.unit": ("count or percent; counts are suppressed when small.", "unit: count"),
    "DataTable.totals": ("Whether totals are printed (figures that would reveal a suppressed count through them are suppressed too).", "totals: false"),
    "DataTable.source": ("Where the figures come from.", "source: HR system, 31 March 2013"),
    "DataTable.note": ("A note printed under the table.", "note: Counts of pupils."),
    "DataRow.label": ("The group. Required.", "label: Disabled"),
    "DataRow.values": ("One value per column; null where there is none.", "values: [31, 3]"),
    "ReviewInfo.on": ("The review day. Required.", "on: 31/03/2013"),
    "ReviewInfo.period": ("The period reported on.", "period: 2012/13"),
    "ReviewInfo.illustrative": ("Whether the data are examples; the report says so.", "illustrative: true"),
    "ReviewInfo.title": ("The review's name.", "title: Quarter 4 review"),
    "ProgressReview.review": ("The review's date and period (see ReviewInfo). Required.", "review: {on: 2013-03-31, period: 2012/13}"),
    "ProgressReview.objectives": ("Progress by objective (see ItemProgress).", "objectives: [{id: ks2-gap, status: on track}]"),
    "ProgressReview.actions": ("Progress by action (see ItemProgress).", 'actions: [{ref: "1.5", status: complete}]'),
    "ProgressReview.measures": ("Results by measure (see MeasureProgress).", "measures: [{ref: NI 111 T_F 001, actuals: {2012/13: 874}}]"),
    "When.text": ("A date as written.", "start: Sept 2019 - Aug 2024"),
    "Quantity.text": ("A value as written.", 'value: "22ppts"'),
}


def _label_doc(field: str) -> tuple[str, str] | None:
    """Return the meaning and example of a `labels:` key, told by its name and default."""
    from equality_docs.model.labels import Labels  # noqa: PLC0415  # the model imports nothing from here

    default = getattr(Labels(), field, None)
    if not isinstance(default, str):
        return None
    words = {"_heading": "The words printed over a table or block", "_caption": "The table's accessible name, after the block's heading",
             "_note": "Guidance printed in italics under a column title"}
    meaning = next((m for end, m in words.items() if field.endswith(end)), "A column title or the words before a value")
    shown = f'default "{default}"' if default else "default: none printed"
    return f"{meaning} ({shown}).", f"{field}: {default or 'What must be done to meet the objective?'}"


def field_doc(cls_name: str, field: str) -> tuple[str, str] | None:
    """Return (meaning, example) for a class's field, or None if it is undocumented."""
    if cls_name == "Labels":
        return _label_doc(field)
    return FIELDS.get(f"{cls_name}.{field}") or SHARED.get(field)
