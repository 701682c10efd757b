"""
The words a document prints around the data: headings, column titles and the notes under them.

Every organisation labels its tables its own way ("Lead", "Responsible officer", "Who"); a
plan's `labels:` section sets any of these, and the rest keep the neutral defaults here. Keys
are named `<table>_<field>` (a column title), `<table>_<field>_note` (the guidance printed under
it) and `<table>_heading` / `<table>_caption` (the words over a table, and its accessible name),
so a later change can let a plan choose its columns table by table.
"""

from __future__ import annotations

import attrs

from equality_docs.model._checked import checked_fields


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Labels:
    """Headings, column titles and column notes; each key a plan does not set keeps its default."""

    # The objectives table (action plan outcome blocks, objectives statement, objectives plan).
    objectives_heading: str = "Objectives"
    objectives_caption: str = "objectives"
    objective_ref: str = "Ref."
    objective_text: str = "Objective"
    objective_text_note: str = ""
    objective_start: str = "Start"
    objective_finish: str = "Finish"
    objective_owner: str = "Lead"
    objective_linkages: str = "Linked plans"
    objective_service_area: str = "Service area"
    objective_actions: str = "Actions"
    # The blocks under an objective, each printed under its heading in the order the plan writes them.
    objective_evidence: str = "Evidence"
    objective_themes: str = "Key themes"
    objective_success_criteria: str = "Success criteria"
    objective_impact: str = "Anticipated impact"
    objective_milestones: str = "Milestones"
    objective_measures: str = "Measures"
    objective_targets: str = "Targets"
    # The word a met milestone prints after its due date: "Leaflet printed (June 2025, done)".
    milestone_done: str = "done"
    # The words of a target's line: "Baseline: 22% (2023/24). Target: 26% by July 2028."
    target_baseline: str = "Baseline"
    target_value: str = "Target"
    target_due: str = "by"
    target_status: str = "Status"
    target_progress: str = "Progress"
    target_updated_on: str = "Updated"
    # The objectives plan's table, one row per action: `plan_heading` names the objectives in its
    # period heading ("Equality objectives: 2025/26") and its table's caption.
    plan_heading: str = "Equality objectives"
    plan_duty_link: str = "General duty aims"
    plan_characteristics: str = "Protected characteristics"
    plan_aim: str = "Aim"
    plan_objective: str = "Objective"
    plan_target_groups: str = "Target groups"
    plan_target_groups_note: str = ""
    plan_actions: str = "Actions"
    plan_owners: str = "Lead"
    plan_dates: str = "Dates"
    plan_milestones: str = "Milestones and progress"
    # The actions table.
    actions_heading: str = "Actions"
    actions_caption: str = "actions"
    action_ref: str = "Ref."
    action_text: str = "Action"
    action_text_note: str = ""
    action_start: str = "Start"
    action_finish: str = "Finish"
    action_owner: str = "Lead"
    action_linkages: str = "Linked plans"
    # The measures table; each period's column is titled "<period> <measure_target>".
    measures_heading: str = "Measures"
    measures_caption: str = "measures"
    measure_ref: str = "Ref."
    measure_description: str = "Measure"
    measure_description_note: str = ""
    measure_target: str = "target"
    measure_owner: str = "Lead"
    # The risks table; the impact and probability scales are printed under their titles.
    risks_heading: str = "Risks"
    risks_caption: str = "risks"
    risk_ref: str = "Ref."
    risk_description: str = "Risk"
    risk_description_note: str = ""
    risk_impact: str = "Impact"
    risk_probability: str = "Probability"
    risk_score: str = "Risk score"
    risk_score_note: str = "Impact \u00d7 probability"
    risk_owner: str = "Lead"
    # The table of objectives grouped by priority.
    priorities_heading: str = "Objectives, actions and outcomes by priority"
    priorities_caption: str = "objectives by priority"
    priority_objective: str = "Objective"
    priority_actions: str = "Actions and lead"
    priority_dates: str = "Dates"
    priority_outcome: str = "Planned outcome"
    # Lines over an outcome block: "<outcome_label>: Stay Safe", "<outcome_lead>: name".
    outcome_label: str = "Outcome"
    outcome_lead: str = "Lead"
    outcome_aim: str = "Aim"
    # The strategy's heading over its priorities: `{count}` is their number in words ("nine"),
    # `{number}` in figures.
    strategy_priorities_heading: str = "Our {count} priorities"
    # The words the annual report prints for where an objective or action stands.
    status_not_started: str = "Not started"
    status_on_track: str = "On track"
    status_at_risk: str = "At risk"
    status_off_track: str = "Off track"
    status_complete: str = "Complete"
    status_not_reviewed: str = "Not reviewed"
    # Other furniture.
    contact_heading: str = "For further information contact:"
    document_control_heading: str = "Document control"
    # The version history, printed under the document control where the plan holds editions.
    editions_heading: str = "Version history"
    edition_date: str = "Date"
    edition_version: str = "Version"
    edition_changes: str = "What changed"
    # The annual report's headings, and its word for an objective in its summary and status
    # table ("outcome" for a Scottish body's equality outcomes).
    report_summary_heading: str = "Summary"
    report_progress_heading: str = "Progress on each objective"
    report_measures_heading: str = "Performance measures"
    report_coverage_heading: str = "Coverage of the equality duty"
    report_information_heading: str = "Equality information"
    report_objective: str = "objective"
    report_objectives: str = "objectives"
    # The annual report's comparison of this year with last.
    comparison_heading: str = "This year against last"
    comparison_last: str = "Last year"
    comparison_this: str = "This year"
    comparison_change: str = "Change"
