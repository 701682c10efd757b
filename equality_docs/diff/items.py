"""
The items a diff compares, named as a committee reads them, and how old items are paired with new.

Sections (nested ones too), objectives (wherever the plan holds them), actions and measures (under
an objective or the plan's own) are items. Items are paired by `id`, else by `ref` under the same
parent, else by their exact text (a section by its title), under the same parent first; two items
that both have ids are the same item only when the ids are equal.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence

import attrs

from equality_docs.diff.changes import ItemKind
from equality_docs.model import Action, EqualityPlan, Objective, PerformanceMeasure, Section


def short(text: str, words: int = 12) -> str:
    """Return the first words of text, on one line, with "..." where words were left off."""
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def numbered(word: str, ref: str | None) -> str | None:
    """
    Return a reference as a sentence names it: "objective 2", or the ref as written where it already
    starts with the word ("Objective 1:" gives "Objective 1"); None without a ref.
    """
    if not ref or not ref.strip():
        return None
    number = ref.strip().rstrip(":").strip()
    first = number.split()[0].rstrip(".").casefold()
    own_word = len(number.split()) > 1 and len(first) >= 2 and word.startswith(first)  # "Ob 1", "Objective 1"
    return number if own_word or number.casefold().startswith(word) else f"{word} {number}"


def item_name(word: str, ref: str | None, text: str, words: int = 12) -> str:
    """Return how a sentence names an item: "objective 2 'Raise the share ...'"."""
    quoted = f"'{short(text, words)}'"
    number = numbered(word, ref)
    return f"{number} {quoted}" if number else f"{word} {quoted}"


def parent_name(objective: Objective) -> str:
    """Return how a sentence names the objective an item sits under: its number, else its first words."""
    return numbered("objective", objective.ref) or f"objective '{short(objective.text, 6)}'"


@attrs.frozen(kw_only=True)
class Item:
    """
    One item as compared: its keys for pairing, its name, where it sits, and the model value.

    `parent` is the model object it sits under (an objective, a section), or None at the top (for
    an objective: the path of what holds it, `Holder`);
    `position` is its place in document order among the items of its kind.
    """

    kind: ItemKind
    id: str | None
    ref: str | None
    text: str
    name: str
    within: str | None
    parent: object | None = attrs.field(eq=False)
    value: object = attrs.field(eq=False)
    position: int


def _objective_within(plan: EqualityPlan, holder: tuple[str | int, ...]) -> str | None:
    """
    Return how a sentence names what holds an objective, given its path (`holder`), when that is not
    the plan's own list: a school, a priority, an outcome.
    """
    if not holder:
        return None
    if holder[0] == "organisation":
        return plan.organisation.schools[int(holder[2])].name
    if holder[0] == "strategy" and plan.strategy is not None:
        return f"priority '{short(plan.strategy.priorities[int(holder[2])].title, 6)}'"
    appendix = plan.appendices[int(holder[1])]
    if holder[2] == "outcomes":
        return f"outcome '{short(appendix.outcomes[int(holder[3])].outcome, 6)}'"
    return f"priority '{short(appendix.priorities[int(holder[3])].title, 6)}'"


Holder = tuple[str | int, ...]


def holders(plan: EqualityPlan) -> dict[Holder, str | None]:
    """
    Return everything that may hold objectives (the plan's own list, each school, priority and
    outcome, those holding none too) by its path, with its name, in document order.
    """
    found: dict[Holder, str | None] = {(): None}
    paths: list[Holder] = [("organisation", "schools", s) for s in range(len(plan.organisation.schools))]
    if plan.strategy is not None:
        paths += [("strategy", "priorities", p) for p in range(len(plan.strategy.priorities))]
    for a, appendix in enumerate(plan.appendices):
        paths += [("appendices", a, "outcomes", b) for b in range(len(appendix.outcomes))]
        paths += [("appendices", a, "priorities", p) for p in range(len(appendix.priorities))]
    for path in paths:
        found[path] = _objective_within(plan, path)
    return found


def pair_holders(old: dict[Holder, str | None], new: dict[Holder, str | None]) -> dict[Holder, Holder]:
    """
    Pair what holds objectives in the old plan with the new: by name, else (a priority renamed) by
    the same place among the unpaired.
    """
    pairs: dict[Holder, Holder] = {}
    by_name: dict[str | None, Holder] = {}
    for path, name in new.items():
        by_name.setdefault(name, path)
    for path, name in old.items():
        if name in by_name and by_name[name] not in pairs.values():
            pairs[path] = by_name[name]
    for path in old:
        if path not in pairs and path in new and path not in pairs.values():
            pairs[path] = path
    return pairs


def section_name(section: Section) -> str:
    """Return how a sentence names a section: by its title, else its number or id."""
    if section.title:
        return f"section '{short(section.title)}'"
    label = section.number or section.id
    return f"section {label}" if label else "a section with no title"


def _sections(
    sections: Sequence[Section], parent: Section | None
) -> Iterator[tuple[Section, Section | None]]:
    for section in sections:
        yield section, parent
        yield from _sections(section.sections, section)


def plan_items(plan: EqualityPlan) -> dict[ItemKind, list[Item]]:
    """Return the plan's items by kind, each list in document order."""
    found: dict[ItemKind, list[Item]] = {kind: [] for kind in ItemKind}

    def add(kind: ItemKind, **fields: object) -> None:
        found[kind].append(Item(kind=kind, position=len(found[kind]), **fields))  # type: ignore[arg-type]

    for section, parent in _sections(plan.sections, None):
        add(ItemKind.SECTION, id=section.id, ref=None, text=section.title or "", name=section_name(section),
            within=None if parent is None else section_name(parent), parent=parent, value=section)
    held: list[tuple[Objective | None, tuple[Action, ...], tuple[PerformanceMeasure, ...]]] = []
    for path, objective in plan.objectives_with_paths():
        add(ItemKind.OBJECTIVE, id=objective.id, ref=objective.ref, text=objective.text,
            name=item_name("objective", objective.ref, objective.text),
            within=_objective_within(plan, path[:-2]), parent=path[:-2], value=objective)
        held.append((objective, objective.actions, objective.measures))
    held.append((None, plan.actions, plan.measures))
    for holder, actions, measures in held:
        within = None if holder is None else parent_name(holder)
        for action in actions:
            add(ItemKind.ACTION, id=action.id, ref=action.ref, text=action.text,
                name=item_name("action", action.ref, action.text), within=within, parent=holder,
                value=action)
        for measure in measures:
            add(ItemKind.MEASURE, id=measure.id, ref=measure.ref or None, text=measure.description,
                name=item_name("measure", measure.ref, measure.description), within=within,
                parent=holder, value=measure)
    return found


def _parent_key(item: Item) -> Hashable:
    parent = item.parent
    if isinstance(parent, Objective):
        return parent.id or parent.ref or parent.text
    if isinstance(parent, Section):
        return parent.id or parent.title
    return item.within  # an objective: the school or priority that holds it, if any


Pair = tuple[Item | None, Item | None]


def match(old: Sequence[Item], new: Sequence[Item]) -> list[Pair]:
    """
    Pair old items with new ones by id, then by ref under the same parent, then by exact text
    (under the same parent, then anywhere); the rest stand alone. Return the pairs in the new
    plan's document order, each removed item after the item printed before it in the old plan.
    """
    pairs: dict[int, int] = {}
    keys: tuple[Callable[[Item], Hashable], ...] = (
        lambda i: i.id,
        lambda i: i.ref and (_parent_key(i), i.ref),
        lambda i: i.text and (_parent_key(i), i.text),
        lambda i: i.text,
    )
    for pass_number, key in enumerate(keys):
        taken = set(pairs.values())
        index: dict[Hashable, list[int]] = {}
        for n, other in enumerate(new):
            value = key(other)
            if value and n not in taken:
                index.setdefault(value, []).append(n)
        for o, item in enumerate(old):
            value = key(item)
            if o in pairs or not value:
                continue
            for n in index.get(value, ()):
                if n in taken or (pass_number and item.id and new[n].id):
                    continue
                pairs[o] = n
                taken.add(n)
                break
    placed: list[tuple[tuple[int, int], Pair]] = []
    before = -1
    for o, item in enumerate(old):
        if o in pairs:
            before = pairs[o]
        else:
            placed.append(((before, o), (item, None)))
    partners = {n: old[o] for o, n in pairs.items()}
    for n, item in enumerate(new):
        placed.append(((n, -1), (partners.get(n), item)))
    return [pair for _, pair in sorted(placed, key=lambda p: p[0])]
