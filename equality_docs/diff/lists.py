"""
Lists of texts in an item (a section's paragraphs, an objective's milestones, evidence, success
criteria): what changed, entry by entry, with the old and new wording where it is short.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

import attrs

from equality_docs.diff.changes import ChangeKind, one_line
from equality_docs.model.narrative import Paragraph
from equality_docs.model.progress import Milestone

#: How a sentence names one entry of each list.
_SINGULAR = {
    "paragraphs": "paragraph", "milestones": "milestone", "key themes": "key theme",
    "success criteria": "success criterion", "evidence": "evidence",
    "anticipated impact": "anticipated impact",
}


@attrs.frozen
class _Entry:
    """One entry of a list: its text on one line, and a paragraph's number or a milestone's due date and state."""

    text: str
    number: str | None = None
    due: str | None = None
    done: bool | None = None


def _entries(values: object) -> list[_Entry] | None:
    """Return a list's entries, or None where it is not a list of texts."""
    if not isinstance(values, tuple):
        return None
    found: list[_Entry] = []
    for value in values:
        if isinstance(value, str):
            found.append(_Entry(one_line(value)))
        elif isinstance(value, Paragraph):
            found.append(_Entry(one_line(value.text), number=value.ref))
        elif isinstance(value, Milestone):
            found.append(_Entry(one_line(value.text), due=None if value.due is None else str(value.due), done=value.done))
        else:
            return None
    return found


Add = Callable[..., None]


def _pair(add: Add, name: str, before: _Entry, after: _Entry, words: int) -> None:
    """Report what changed in one entry: its wording, number, due date and whether it is done."""
    if before.text != after.text:
        if len(before.text.split()) <= words and len(after.text.split()) <= words:
            add(ChangeKind.REWORDED, what=name, old=before.text, new=after.text)
        else:
            add(ChangeKind.EDITED, what=name)
    for what, was, now in ((f"{name} number", before.number, after.number),
                           (f"{name} due date", before.due, after.due)):
        if was != now:
            add(ChangeKind.DETAIL, what=what, old=was, new=now)
    if before.done != after.done:
        state = {True: "done", False: "not done"}
        add(ChangeKind.STATUS, what=f"{name} status", old=state.get(before.done or False),
            new=state.get(after.done or False))


def listed(add: Add, what: str, old: object, new: object, words: int) -> bool:
    """
    Report, entry by entry, what changed from one list of texts to another: an entry reworded (old
    and new wording where each has at most `words` words, else edited), added or removed (with its
    wording where short), renumbered, or given another due date or state. Entries are named by
    their place ("paragraph 2"): in the new list, or in the old for one removed. Return False,
    reporting nothing, where the values are not lists of texts.
    """
    before, after = _entries(old), _entries(new)
    if before is None or after is None:
        return False
    singular = _SINGULAR.get(what, what)
    matcher = difflib.SequenceMatcher(None, [e.text for e in before], [e.text for e in after], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for o, n in zip(range(i1, i2), range(j1, j2), strict=True):
                _pair(add, f"{singular} {n + 1}", before[o], after[n], words)
            continue
        for o in range(i1, i2):
            text = before[o].text
            add(ChangeKind.REMOVED, what=f"{singular} {o + 1}", old=text if len(text.split()) <= words else None)
        for n in range(j1, j2):
            text = after[n].text
            add(ChangeKind.ADDED, what=f"{singular} {n + 1}", new=text if len(text.split()) <= words else None)
    return True
