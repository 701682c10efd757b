"""The equality and diversity strategy (layout of seed 001)."""

from __future__ import annotations

import attrs

from equality_docs.context.common import (
    DateFormat,
    DocumentInfo,
    ObjectiveView,
    date_format,
    document_info,
    history_captions,
    objective_view,
)
from equality_docs.context.refs import ref_prefix
from equality_docs.context.sections import PlacedSections, SectionView, placed_sections, shifted, slot
from equality_docs.model import Applies, CharacteristicRef, EqualityPlan, Labels, Objective, Priority
from equality_docs.model.values import Prose

TITLE = "Equality and Diversity Strategy"
SLOTS = ("duty", "characteristics")
_COUNT_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)


@attrs.frozen(kw_only=True)
class PriorityView:
    """A numbered priority: its number, title, lead sentence, bullets and objectives."""

    number: str
    title: str
    lead: Prose | None
    bullets: tuple[str, ...]
    #: Its objectives, each numbered by its own ref as written ("(i)"), else counted ("1."), with its blocks.
    objectives: tuple[ObjectiveView, ...] = ()
    #: Sections placed beside an objective the priority stands for (one that only repeats its
    #: title, so is not listed): printed before the priority's heading, and after its objectives.
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()


@attrs.frozen(kw_only=True)
class StrategyContext:
    """What the strategy templates receive."""

    document: DocumentInfo
    introduction: Prose | None
    priorities_heading: str
    duty: SectionView
    characteristics_intro: SectionView
    characteristics: tuple[str, ...]
    priorities: tuple[PriorityView, ...]
    #: Sections printed before the objectives (`place: before`), nested ones flattened after their parent.
    sections_before: tuple[SectionView, ...]
    #: Sections printed at the end, after the objectives.
    sections: tuple[SectionView, ...]
    captions: tuple[str, ...]
    labels: Labels


def count_words(count: int) -> str:
    """Return a small count in words ("nine"), a larger one in figures."""
    return _COUNT_WORDS[count] if count < len(_COUNT_WORDS) else str(count)


def _listed(priority: Priority) -> tuple[Objective, ...]:
    """Return the priority's objectives that are not retired: each is listed, or stands for the priority."""
    return tuple(o for o in priority.objectives if not o.retired)


def _priority_view(
    number: int, priority: Priority, fmt: DateFormat, labels: Labels, placed: PlacedSections, seen: set[int]
) -> PriorityView:
    """
    Return a priority with the views of the objectives the strategy lists, each numbered by its
    ref as written, else counted from 1: those not retired, less one that only repeats the
    priority's title (no ref, nothing under it), which would print the title twice; the sections
    placed beside such a one go before the priority (at its heading's level) and after its
    objectives. A section placed beside an objective prints a level below the priority's heading.
    """
    kept = []
    ahead: tuple[SectionView, ...] = ()
    behind: tuple[SectionView, ...] = ()
    for objective in _listed(priority):
        view = objective_view(objective, fmt, "", labels)
        before, after = placed.first_around(objective, seen)
        repeats = objective.text.strip().casefold() == priority.title.strip().casefold()
        if repeats and not objective.ref and not view.children:
            ahead, behind = ahead + before, behind + after
        else:
            kept.append(attrs.evolve(view, sections_before=before, sections_after=after))
    return PriorityView(
        number=str(number), title=priority.title, lead=priority.lead, bullets=priority.bullets,
        objectives=tuple(
            attrs.evolve(v, number=ref_prefix(v.ref or str(n)).strip()) for n, v in enumerate(kept, start=1)
        ),
        sections_before=shifted(ahead, -1), sections_after=behind,
    )


def characteristic_text(ref: CharacteristicRef) -> str:
    """
    Return a characteristic as the strategy lists it: the plan's label, else the statutory name in
    lower case (the list continues a sentence), then its qualifier as written, else whom it is
    narrowed to, as every other document prints them.
    """
    name = ref.label or ref.characteristic.value
    if ref.qualifier:
        return f"{name} {ref.qualifier}"
    if ref.applies_to is not None and ref.applies_to is not Applies.EVERYONE:
        return f"{name} ({ref.applies_to.value} only)"
    return name


def build(plan: EqualityPlan) -> StrategyContext:
    """Return the strategy view of a plan."""
    strategy = plan.strategy
    priorities = strategy.priorities if strategy else ()
    info = document_info(
        plan, kind="strategy", default_title=(strategy.title if strategy and strategy.title else TITLE)
    )
    if strategy and strategy.title and not plan.title:
        info = attrs.evolve(info, title=strategy.title)
    placed = placed_sections(
        plan, "strategy", slots=SLOTS, printed=[o for p in priorities for o in _listed(p)], level=3
    )
    seen: set[int] = set()
    fmt = date_format(plan)
    return StrategyContext(
        document=info,
        introduction=strategy.introduction if strategy else None,
        # Plain replacement of the two names, never a template: the label is the user's text.
        priorities_heading=plan.labels.strategy_priorities_heading.replace(
            "{count}", count_words(len(priorities))).replace("{number}", str(len(priorities))),
        duty=slot(plan, "duty", title=None),
        characteristics_intro=slot(
            plan, "characteristics", title=None,
            body="This covers people with relevant protected characteristics. These are:",
        ),
        # This layout continues a sentence, so the statutory names stay in lower case.
        characteristics=tuple(characteristic_text(c) for c in plan.listed_characteristics()),
        priorities=tuple(
            _priority_view(n, p, fmt, plan.labels, placed, seen) for n, p in enumerate(priorities, start=1)
        ),
        sections_before=placed.before,
        sections=placed.after,
        captions=history_captions(info, plan.labels),
        labels=plan.labels,
    )
