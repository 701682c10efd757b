"""
The Python API's functions, re-exported from where they live: one document is made in
`equality_docs.document`, many in `equality_docs.batch`.
"""

from __future__ import annotations

from equality_docs.batch import render_all
from equality_docs.document import _properties, context_dict, make, render, render_checked

__all__ = ["_properties", "context_dict", "make", "render", "render_all", "render_checked"]
