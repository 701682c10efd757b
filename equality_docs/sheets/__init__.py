"""
Spreadsheets in and out: import a plan from officers' sheets of actions, hand them a tracker
each quarter, and read their updates back as a progress file.
"""

from equality_docs.sheets.columns import Field, load_map
from equality_docs.sheets.importing import import_sheet
from equality_docs.sheets.plan_yaml import Imported
from equality_docs.sheets.readback import ReadBack, read_progress
from equality_docs.sheets.tracker import make_tracker

__all__ = ["Field", "Imported", "ReadBack", "import_sheet", "load_map", "make_tracker", "read_progress"]
