"""The equality domain as typed, immutable values: the model every document kind is a view of."""

import attrs as _attrs

from equality_docs.model._checked import keywords_checked as _keywords_checked
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.assessment import Assessment, Result, assess
from equality_docs.model.children import ChildKind, Target
from equality_docs.model.edition import Edition
from equality_docs.model.grouping import Grouping, GroupKey, GroupShow, group_objectives
from equality_docs.model.information import DataRow, DataTable, Unit
from equality_docs.model.labels import Labels
from equality_docs.model.measure import Direction, PerformanceMeasure, PeriodValue
from equality_docs.model.narrative import (
    DOCUMENT_KINDS,
    Appendix,
    OutcomeBlock,
    Paragraph,
    Place,
    Placement,
    Priority,
    Section,
    Strategy,
)
from equality_docs.model.narrative import (
    MAX_LEVEL as MAX_SECTION_LEVEL,
)
from equality_docs.model.numbering import NumberStyle
from equality_docs.model.objective import Action, CharacteristicRef, Objective
from equality_docs.model.organisation import (
    Contact,
    DocumentControl,
    DocumentStatus,
    Frequency,
    Nation,
    Organisation,
    OrganisationType,
    ReviewFrequency,
    School,
)
from equality_docs.model.plan import DateStyle, EqualityPlan, YearStart
from equality_docs.model.progress import (
    ItemProgress,
    MeasureProgress,
    Milestone,
    ProgressNote,
    ProgressReview,
    ReviewInfo,
    Status,
)
from equality_docs.model.risk import Risk, RiskBand, RiskScale
from equality_docs.model.statutory import Aim, Applies, Characteristic, SpecificDuty
from equality_docs.model.tables import Column, EmptyColumns, Tables, TableSpec
from equality_docs.model.values import Precision, Prose, Quantity, QuantityKind, When

__all__ = [
    "DOCUMENT_KINDS",
    "MAX_SECTION_LEVEL",
    "Action",
    "Aim",
    "Appendix",
    "Applies",
    "Assessment",
    "Characteristic",
    "CharacteristicRef",
    "ChildKind",
    "Column",
    "Contact",
    "DataRow",
    "DataTable",
    "DateStyle",
    "Direction",
    "DocumentControl",
    "DocumentStatus",
    "Edition",
    "EmptyColumns",
    "EqualityPlan",
    "Frequency",
    "GroupKey",
    "GroupShow",
    "Grouping",
    "ItemProgress",
    "Labels",
    "MeasureProgress",
    "Milestone",
    "Nation",
    "NumberStyle",
    "Objective",
    "Organisation",
    "OrganisationType",
    "OutcomeBlock",
    "Paragraph",
    "PerformanceMeasure",
    "PeriodValue",
    "Place",
    "Placement",
    "Precision",
    "Priority",
    "ProgressNote",
    "ProgressReview",
    "Prose",
    "Quantity",
    "QuantityKind",
    "Result",
    "ReviewFrequency",
    "ReviewInfo",
    "Risk",
    "RiskBand",
    "RiskScale",
    "School",
    "Section",
    "SpecificDuty",
    "Status",
    "Strategy",
    "TableSpec",
    "Tables",
    "Target",
    "Unit",
    "Vocabulary",
    "When",
    "YearStart",
    "assess",
    "group_objectives",
]

# Every model class refuses a misspelt or missing keyword with a ModelError that names the field.
for _cls in [v for v in list(globals().values()) if isinstance(v, type) and _attrs.has(v)]:
    _keywords_checked(_cls)
