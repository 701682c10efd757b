"""
Read the words officers type in a tracker's cells: statuses (as words, RAG letters or cell
colours), the general-duty aims, and the protected characteristics.
"""

from __future__ import annotations

import re

from equality_docs.model import Aim, Characteristic, Status

#: Status words and RAG ratings seen in trackers, as `_key` leaves them.
_STATUS_WORDS: dict[str, Status] = {
    "not started": Status.NOT_STARTED, "not yet started": Status.NOT_STARTED,
    "grey": Status.NOT_STARTED, "gray": Status.NOT_STARTED, "planned": Status.NOT_STARTED,
    "ns": Status.NOT_STARTED, "blue": Status.COMPLETE, "b": Status.COMPLETE,
    "on track": Status.ON_TRACK, "green": Status.ON_TRACK, "g": Status.ON_TRACK,
    "in progress": Status.ON_TRACK, "ongoing": Status.ON_TRACK, "underway": Status.ON_TRACK,
    "started": Status.ON_TRACK, "on target": Status.ON_TRACK,
    "at risk": Status.AT_RISK, "amber": Status.AT_RISK, "a": Status.AT_RISK,
    "delayed": Status.AT_RISK, "slipping": Status.AT_RISK, "some concerns": Status.AT_RISK,
    "off track": Status.OFF_TRACK, "red": Status.OFF_TRACK, "r": Status.OFF_TRACK,
    "behind": Status.OFF_TRACK, "overdue": Status.OFF_TRACK, "not met": Status.OFF_TRACK,
    "complete": Status.COMPLETE, "completed": Status.COMPLETE, "done": Status.COMPLETE,
    "achieved": Status.COMPLETE, "met": Status.COMPLETE, "closed": Status.COMPLETE,
}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def status_from_text(text: str) -> Status | None:
    """Return the status a cell's words mean ("Amber", "on track", "G", "Complete"), or None."""
    key = _key(text)
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    for prefix in ("rag ", "status "):  # "RAG: Amber", "Status - Green"
        if key.startswith(prefix) and key[len(prefix):] in _STATUS_WORDS:
            return _STATUS_WORDS[key[len(prefix):]]
    return None


def status_from_colour(rgb: str) -> Status | None:
    """Return the RAG status a cell's fill colour (RRGGBB) shows, or None for other colours."""
    red, green, blue = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    if green > 120 and green > red + 40 and green > blue:  # a clear green
        return Status.ON_TRACK
    if red > 180 and blue < 120 and 100 <= green <= 220:  # amber, orange, yellow
        return Status.AT_RISK
    if red > 150 and green < 100 and blue < 100:  # a clear red
        return Status.OFF_TRACK
    return None


def status_words() -> str:
    """Return the statuses as a list to print in a message."""
    return ", ".join(s.label for s in Status) + " (or Red, Amber, Green)"


_AIM_WORDS = (
    (Aim.ELIMINATE, ("eliminat", "discriminat", "harass", "victimis")),
    (Aim.ADVANCE, ("advanc", "opportunit")),
    (Aim.FOSTER, ("foster", "good relation")),
)


def aims_from_text(text: str) -> tuple[Aim, ...]:
    """Return the general-duty aims a cell names ("Eliminate discrimination; foster"), in order."""
    words = text.casefold()
    if words.strip() in ("all", "all three", "all aims"):
        return tuple(Aim)
    return tuple(aim for aim, stems in _AIM_WORDS if any(s in words for s in stems))


def characteristics_from_text(text: str) -> tuple[tuple[Characteristic, str], ...] | None:
    """
    Return the characteristics a cell names, each with the label written ("Race; Disability",
    "All"), or None when a part names none.
    """
    if _key(text) in ("all", "all characteristics", "all protected characteristics"):
        return tuple((c, c.statutory_name) for c in Characteristic)
    found: list[tuple[Characteristic, str]] = []
    for part in re.split(r"[;,/\n]", text):
        label = part.strip(" .-")
        if not label:
            continue
        pieces = [label] if characteristic_of_name(label) else re.split(r"\s+(?:and|&)\s+", label)
        for piece in pieces:
            characteristic = characteristic_of_name(piece)
            if characteristic is None:
                return None
            if characteristic not in [c for c, _ in found]:
                found.append((characteristic, piece.strip()))
    return tuple(found)


def characteristic_of_name(name: str) -> Characteristic | None:
    """Return the characteristic a sheet's name stands for ("Disability", "Race"), or None."""
    try:
        return Characteristic.from_label(name.strip())
    except ValueError:
        return None
