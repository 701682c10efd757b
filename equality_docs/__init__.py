"""
equality_docs: turn one typed description of an organisation's equality work into the documents
UK public bodies publish, in Word, Markdown and accessible HTML.

    >>> import equality_docs
    >>> plan = equality_docs.load("examples/inmat-trust.yaml")
    >>> data = equality_docs.render(plan, kind="psed-statement", fmt="docx")
"""

from importlib.metadata import PackageNotFoundError, version

from equality_docs.batch import render_all
from equality_docs.check import Finding, Severity
from equality_docs.check import check_plan as check
from equality_docs.diff import PlanDiff, diff_plans
from equality_docs.document import render
from equality_docs.errors import (
    BatchError,
    CheckError,
    EqualityDocsError,
    InputError,
    InternalError,
    ModelError,
    OutputError,
    Problem,
    TemplateError,
    UnknownKindError,
)
from equality_docs.kinds import FORMATS, KINDS, DocumentKind, get_kind, kinds_for
from equality_docs.load import dumps, load, load_review, loads
from equality_docs.load.progress import apply_progress
from equality_docs.load.schema import json_schema
from equality_docs.model import EqualityPlan
from equality_docs.output.write import write_output

try:
    __version__ = version("equality-docs")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"

__all__ = [
    "FORMATS",
    "KINDS",
    "BatchError",
    "CheckError",
    "DocumentKind",
    "EqualityDocsError",
    "EqualityPlan",
    "Finding",
    "InputError",
    "InternalError",
    "ModelError",
    "OutputError",
    "PlanDiff",
    "Problem",
    "Severity",
    "TemplateError",
    "UnknownKindError",
    "apply_progress",
    "check",
    "diff_plans",
    "dumps",
    "get_kind",
    "json_schema",
    "kinds_for",
    "load",
    "load_review",
    "loads",
    "render",
    "render_all",
    "write_output",
]
