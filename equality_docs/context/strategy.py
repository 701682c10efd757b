"""The equality and diversity strategy (layout of seed 001)."""

from __future__ import annotations

import attrs

from equality_docs.context.common import (
    DocumentInfo,
    document_info,
    history_captions,
)
from equality_docs.context.sections import SectionView, placed_sections, slot
from equality_docs.model import EqualityPlan, Labels
from equality_docs.model.values import Prose

TITLE = "Equality and Diversity Strategy"
SLOTS = ("duty", "characteristics")
_COUNT_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)


@attrs.frozen(kw_only=True)
class PriorityView:
    """A numbered priority: its number, title, lead sentence and bullets."""

    number: str
    title: str
    lead: Prose | None
    bullets: tuple[str, ...]


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


def build(plan: EqualityPlan) -> StrategyContext:
    """Return the strategy view of a plan."""
    strategy = plan.strategy
    priorities = strategy.priorities if strategy else ()
    info = document_info(
        plan, kind="strategy", default_title=(strategy.title if strategy and strategy.title else TITLE)
    )
    if strategy and strategy.title and not plan.title:
        info = attrs.evolve(info, title=strategy.title)
    placed = placed_sections(plan, "strategy", slots=SLOTS)
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
        characteristics=tuple(
            c.label or c.characteristic.value for c in plan.listed_characteristics()
        ),
        priorities=tuple(
            PriorityView(number=str(n), title=p.title, lead=p.lead, bullets=p.bullets)
            for n, p in enumerate(priorities, start=1)
        ),
        sections_before=placed.before,
        sections=placed.after,
        captions=history_captions(info, plan.labels),
        labels=plan.labels,
    )
