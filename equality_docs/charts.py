"""
Charts of a measure's results against its targets, drawn with matplotlib to PNG.

Target and actual differ by line style and marker as well as colour, so the chart never relies
on colour alone; every chart carries a text alternative saying what it shows.
"""

from __future__ import annotations

import base64
import functools
import io
import os
import threading
import unicodedata
import warnings
from typing import Any

import attrs

ACTUAL_COLOUR = "#1f3864"  # dark blue, 12.6:1 on white
TARGET_COLOUR = "#a34700"  # dark orange, 5.6:1 on white


@attrs.frozen(kw_only=True)
class ChartData:
    """What a chart shows: a measure's periods, targets and actuals, and its text alternative."""

    title: str
    periods: tuple[str, ...]
    targets: tuple[float | None, ...]
    actuals: tuple[float | None, ...]
    unit: str
    alt: str


def _label(text: str) -> str:
    """Return text as a chart shows it: control and format characters (no glyph) left out."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn"))


def _series(ax: Any, periods: tuple[str, ...], values: tuple[float | None, ...], **style: Any) -> None:
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if points:
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, **style)


_DRAWING = threading.Lock()


@functools.lru_cache(maxsize=256)
def chart_png(chart: ChartData) -> bytes:
    """Return the chart as PNG bytes (the same data always gives the same bytes)."""
    # OpenBLAS (under numpy, under matplotlib) ends the process when it cannot reserve a buffer
    # per core; one thread draws these small charts as fast and asks for little memory.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import matplotlib  # noqa: ICN001  # heavy: only documents with charts load it
    from matplotlib.figure import Figure  # not pyplot: its global state is not thread-safe

    # Labels are the user's text, never mathtext ("$x$" is shown as typed); a character the
    # font lacks is drawn as a box, which the text alternative does not depend on.
    # Settings and warning filters are global: one chart is drawn at a time.
    with _DRAWING, matplotlib.rc_context(
        {"font.family": "DejaVu Sans", "font.size": 10, "svg.hashsalt": "0", "text.parse_math": False}
    ), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        figure = Figure(figsize=(6.4, 3.0), dpi=150)
        ax = figure.subplots()
        _series(ax, chart.periods, chart.targets, color=TARGET_COLOUR, linestyle="--",
                marker="s", linewidth=2, label="Target")
        _series(ax, chart.periods, chart.actuals, color=ACTUAL_COLOUR, linestyle="-",
                marker="o", linewidth=2.5, label="Actual")
        ax.set_xticks(range(len(chart.periods)), labels=[_label(p) for p in chart.periods])
        ax.set_ylabel(_label(chart.unit))
        ax.grid(axis="y", color="#d0d0d0", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, loc="best")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def chart_data_uri(chart: ChartData) -> str:
    """Return the chart as a data: URI for an HTML or Markdown image."""
    return "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode("ascii")
