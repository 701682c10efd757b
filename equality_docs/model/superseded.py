"""What a plan refuses of `superseded_by:`: an id that no objective, action or measure of the plan has."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from equality_docs.model._refusals import Fault, Path, suggestion
from equality_docs.model.measure import PerformanceMeasure
from equality_docs.model.objective import Action, Objective

Item = Objective | Action | PerformanceMeasure


def _items(
    objectives: Iterable[tuple[Path, Objective]], actions: Sequence[Action], measures: Sequence[PerformanceMeasure]
) -> Iterator[tuple[Path, Item]]:
    """Yield every objective, action and measure of a plan with its field path, in document order."""
    for path, objective in objectives:
        yield path, objective
        yield from (((*path, "actions", n), a) for n, a in enumerate(objective.actions))
        yield from (((*path, "measures", n), m) for n, m in enumerate(objective.measures))
    yield from ((("actions", n), a) for n, a in enumerate(actions))
    yield from ((("measures", n), m) for n, m in enumerate(measures))


def superseded_unknown(
    objectives: Iterable[tuple[Path, Objective]], actions: Sequence[Action], measures: Sequence[PerformanceMeasure]
) -> Iterator[Fault]:
    """
    Yield each `superseded_by` that names no id of an objective, action or measure of a plan (its
    objectives with their paths, wherever held, and its own actions and measures),
    with the ids there are and the one likely meant (a reference written for an id gives that item's id).
    """
    items = list(_items(objectives, actions, measures))
    ids = tuple(dict.fromkeys(item.id for _, item in items if item.id))
    by_ref = {ref: item.id for _, item in items if item.id and (ref := item.ref)}
    for path, item in items:
        named = item.superseded_by
        if named is None or named in ids:
            continue
        if named in by_ref:
            guess: str | None = f'"{named}" is a reference; did you mean its id "{by_ref[named]}"?'
        else:
            guess = suggestion(named, ids)
        listing = f"the ids are: {', '.join(ids)}" if ids else "no objective, action or measure of the plan has an id"
        yield (*path, "superseded_by"), (
            f'no objective, action or measure has the id "{named}", so nothing is named as replacing this one'
        ), f"{guess + ' ' if guess else ''}{listing}; give the id of the item that replaces it, or remove superseded_by"
