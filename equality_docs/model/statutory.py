"""
The Equality Act 2010 vocabulary: protected characteristics, general-duty aims, specific duties.

The statutory wording lives here once, so every document prints the same, correct lists
whatever labels an organisation uses in its own text.
"""

from __future__ import annotations

from equality_docs.model._vocabulary import Vocabulary, describe, normal


class Characteristic(Vocabulary):
    """
    One of the nine protected characteristics of the Equality Act 2010, s.4.
    """

    __noun__ = "protected characteristic"

    AGE = "age"
    DISABILITY = "disability"
    GENDER_REASSIGNMENT = "gender reassignment"
    MARRIAGE_AND_CIVIL_PARTNERSHIP = "marriage and civil partnership"
    PREGNANCY_AND_MATERNITY = "pregnancy and maternity"
    RACE = "race"
    RELIGION_OR_BELIEF = "religion or belief"
    SEX = "sex"
    SEXUAL_ORIENTATION = "sexual orientation"

    @property
    def statutory_name(self) -> str:
        """Return the name as the Act writes it, capitalised for a list item."""
        return self.value[0].upper() + self.value[1:]

    @property
    def section(self) -> str:
        """Return the section of the Act that defines this characteristic."""
        return _SECTIONS[self]

    @classmethod
    def parse(cls, value: object) -> Characteristic:
        """
        Return the characteristic a value names: the member, its statutory name, or a label
        published documents use for it ("Sex (gender)", "Transgender").

        Raises:
            ValueError: the value names no protected characteristic.
        """
        if isinstance(value, Characteristic):
            return value
        if isinstance(value, str) and (found := _ALIASES.get(normal(value))) is not None:
            return found
        msg = (
            f"{describe(value)} is not a protected characteristic; use one of: {cls.choices()} "
            "(local groups such as SEND go under groups)"
        )
        raise ValueError(msg)

    @classmethod
    def from_label(cls, label: str) -> Characteristic:
        """
        Return the characteristic a document's label stands for (as `parse`, for text).

        Raises:
            ValueError: the label names no protected characteristic.
        """
        return cls.parse(label)


_SECTIONS = {
    Characteristic.AGE: "s.5",
    Characteristic.DISABILITY: "s.6",
    Characteristic.GENDER_REASSIGNMENT: "s.7",
    Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP: "s.8",
    Characteristic.PREGNANCY_AND_MATERNITY: "ss.17-18",
    Characteristic.RACE: "s.9",
    Characteristic.RELIGION_OR_BELIEF: "s.10",
    Characteristic.SEX: "s.11",
    Characteristic.SEXUAL_ORIENTATION: "s.12",
}

# Labels found in published documents, mapped to the statutory characteristic.
# "Gender" is read as sex, as the documents using it mean; "transgender" as gender reassignment.
_ALIASES: dict[str, Characteristic] = {c.value: c for c in Characteristic} | {
    c.name.replace("_", " ").casefold(): c for c in Characteristic
}
_ALIASES.update(
    {
        "sex (gender)": Characteristic.SEX,
        "gender": Characteristic.SEX,
        "race (ethnicity)": Characteristic.RACE,
        "ethnicity": Characteristic.RACE,
        "race and ethnicity": Characteristic.RACE,
        "transgender": Characteristic.GENDER_REASSIGNMENT,
        "trans": Characteristic.GENDER_REASSIGNMENT,
        "gender identity": Characteristic.GENDER_REASSIGNMENT,
        "religion and belief": Characteristic.RELIGION_OR_BELIEF,
        "religion": Characteristic.RELIGION_OR_BELIEF,
        "belief": Characteristic.RELIGION_OR_BELIEF,
        "marital status": Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP,
        "marriage": Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP,
        "civil partnership": Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP,
        "maternity": Characteristic.PREGNANCY_AND_MATERNITY,
        "pregnancy": Characteristic.PREGNANCY_AND_MATERNITY,
        "pregnancy & maternity": Characteristic.PREGNANCY_AND_MATERNITY,
        "marriage & civil partnership": Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP,
        "religion & belief": Characteristic.RELIGION_OR_BELIEF,
        "sexuality": Characteristic.SEXUAL_ORIENTATION,
        "disabled": Characteristic.DISABILITY,
    }
)


class Aim(Vocabulary):
    """
    One of the three aims of the general equality duty, Equality Act 2010, s.149(1).
    """

    __noun__ = "general-duty aim"

    ELIMINATE = "eliminate"
    ADVANCE = "advance"
    FOSTER = "foster"

    @property
    def paragraph(self) -> str:
        """Return the paragraph of s.149(1) that states this aim."""
        return {"eliminate": "s.149(1)(a)", "advance": "s.149(1)(b)", "foster": "s.149(1)(c)"}[
            self.value
        ]

    @property
    def statutory_text(self) -> str:
        """Return the aim in the words of s.149(1)."""
        return _AIM_STATUTE[self]

    @property
    def summary(self) -> str:
        """Return the aim in the plain words public bodies commonly publish."""
        return _AIM_SUMMARY[self]

    @property
    def short_name(self) -> str:
        """Return a short name for a table column or a coverage list."""
        return _AIM_SHORT[self]


_AIM_STATUTE = {
    Aim.ELIMINATE: (
        "eliminate discrimination, harassment, victimisation and any other conduct that is "
        "prohibited by or under this Act"
    ),
    Aim.ADVANCE: (
        "advance equality of opportunity between persons who share a relevant protected "
        "characteristic and persons who do not share it"
    ),
    Aim.FOSTER: (
        "foster good relations between persons who share a relevant protected characteristic "
        "and persons who do not share it"
    ),
}
_AIM_SUMMARY = {
    Aim.ELIMINATE: (
        "Eliminate unlawful discrimination, harassment and victimisation and other conduct "
        "prohibited by the Act."
    ),
    Aim.ADVANCE: (
        "Advance equality of opportunity between people who share a protected characteristic "
        "and those who do not."
    ),
    Aim.FOSTER: (
        "Foster good relations between people who share a protected characteristic and those "
        "who do not."
    ),
}
_AIM_SHORT = {
    Aim.ELIMINATE: "Eliminate discrimination",
    Aim.ADVANCE: "Advance equality of opportunity",
    Aim.FOSTER: "Foster good relations",
}


class SpecificDuty(Vocabulary):
    """
    A specific duty in England: the Equality Act 2010 (Specific Duties and Public Authorities)
    Regulations 2017.
    """

    __noun__ = "specific duty"

    OBJECTIVES = "objectives"
    INFORMATION = "information"

    @property
    def summary(self) -> str:
        """Return the duty in the short words documents list it by."""
        return {"objectives": "Set Equality Objectives", "information": "Publish information"}[
            self.value
        ]

    @property
    def regulation(self) -> str:
        """Return the regulation that imposes the duty and its cycle."""
        return {
            "objectives": (
                "regulation 5: prepare and publish one or more specific and measurable equality "
                "objectives at least every four years"
            ),
            "information": (
                "regulation 4: publish information to demonstrate compliance with the general "
                "duty at least annually"
            ),
        }[self.value]

    @property
    def every_years(self) -> int:
        """Return the longest interval, in years, the regulations allow between publications."""
        return {"objectives": 4, "information": 1}[self.value]


class Applies(Vocabulary):
    """Whom a characteristic applies to, where a document narrows it."""

    __noun__ = "group a characteristic applies to"

    STAFF = "staff"
    PUPILS = "pupils"
    SERVICE_USERS = "service users"
    EVERYONE = "everyone"


def statutory_characteristics() -> tuple[Characteristic, ...]:
    """Return the nine protected characteristics in the order of the Act, s.4."""
    return tuple(Characteristic)


def statutory_aims() -> tuple[Aim, ...]:
    """Return the three general-duty aims in the order of s.149(1)."""
    return tuple(Aim)
