"""Who publishes: the organisation, its contacts, its schools, and the document's control fields."""

from __future__ import annotations

import datetime as dt

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.objective import Objective


class OrganisationType(Vocabulary):
    """The kind of public body publishing the documents."""

    __noun__ = "type of organisation"

    COUNCIL = "council"
    DIRECTORATE = "directorate"
    SCHOOL = "school"
    ACADEMY_TRUST = "academy trust"
    OTHER = "other"


class Nation(Vocabulary):
    """The nation whose specific-duty regulations apply to the organisation."""

    __noun__ = "nation"

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Contact:
    """A person to contact, as in the contact block at the end of an action plan."""

    name: str
    role: str | None = None
    unit: str | None = None
    address: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class School:
    """One school of a trust, with the objectives and text that are its own."""

    id: str | None = None
    name: str
    urn: str | None = None
    phase: str | None = None
    objectives: tuple[Objective, ...] = ()
    objectives_title: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Organisation:
    """The body that publishes: a council directorate, a school, an academy trust with its schools."""

    name: str
    type: OrganisationType = OrganisationType.OTHER
    nation: Nation = Nation.ENGLAND
    parent: str | None = None
    contact: Contact | None = None
    contacts: tuple[Contact, ...] = ()
    schools: tuple[School, ...] = ()


class DocumentStatus(Vocabulary):
    """Where a document stands in its approval."""

    __noun__ = "document status"

    DRAFT = "draft"
    CONSULTATION = "consultation"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class Frequency(Vocabulary):
    """How often progress is reviewed."""

    __noun__ = "review frequency"

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    TERMLY = "termly"
    HALF_YEARLY = "half-yearly"
    ANNUALLY = "annually"

    @property
    def months(self) -> int:
        """Return the number of months between reviews (a term counts as four)."""
        return {"monthly": 1, "quarterly": 3, "termly": 4, "half-yearly": 6, "annually": 12}[
            self.value
        ]


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class ReviewFrequency:
    """
    How often the document itself is reviewed: every one to four years, and the words a
    document uses for it ("Every Four years - unless new advice ...").
    """

    every_years: int | None = None
    text: str | None = None

    @property
    def description(self) -> str | None:
        """Return the words to print: the document's own, or ones made from the cycle."""
        if self.text:
            return self.text
        if self.every_years is None:
            return None
        if self.every_years == 1:
            return "Every year"
        return f"Every {_NUMBER_WORDS.get(self.every_years, str(self.every_years))} years"


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class DocumentControl:
    """Version, approval and review dates of a published document."""

    version: str | None = None
    status: DocumentStatus | None = None
    owner: str | None = None
    approved_by: str | None = None
    approved_on: dt.date | None = None
    effective: dt.date | None = None
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = None
    review: ReviewFrequency | None = None
    progress_review: Frequency | None = None
    published: dt.date | None = None
    contact: Contact | None = None
    related: tuple[str, ...] = ()

    @property
    def next_review_due(self) -> dt.date | None:
        """Return the next review date: the one given, else the last review plus the cycle."""
        if self.next_review is not None:
            return self.next_review
        since = self.last_reviewed or self.approved_on or self.effective
        if since is None or self.review is None or self.review.every_years is None:
            return None
        return _add_years(since, self.review.every_years)


def _add_years(day: dt.date, years: int) -> dt.date | None:
    """Return the day some years on; None past the last year a date can hold (9999)."""
    if day.year + years > dt.MAXYEAR:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)

