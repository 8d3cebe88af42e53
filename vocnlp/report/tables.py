"""Template-ready tables and number formatting for the report.

The template only lays out strings: every number is formatted here, so what the page shows
can be tested without parsing HTML.  Missing values (None, NaN, NaT) print as an em dash.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

DASH = "—"

Formatter = Callable[[Any], str]


@dataclass
class Table:
    """A formatted table: header, rows of strings, right-aligned columns, a CSS class per row."""

    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)
    row_classes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class Col:
    """One column of :func:`table`: header, source column, formatter, right-aligned or not."""

    header: str
    column: str
    fmt: Formatter
    right: bool = True


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def num(value: Any, digits: int = 1, sign: bool = False) -> str:
    """``12.3``; with ``sign`` ``+12.3`` / ``-4.0`` (zero is shown unsigned)."""
    if is_missing(value):
        return DASH
    v = float(value)
    if not math.isfinite(v):
        return DASH
    if round(v, digits) == 0:
        v = 0.0
        sign = False
    return f"{v:+.{digits}f}" if sign else f"{v:.{digits}f}"


def signed(value: Any) -> str:
    """NPS-style points: one decimal with an explicit sign."""
    return num(value, 1, sign=True)


def one(value: Any) -> str:
    return num(value, 1)


def two(value: Any) -> str:
    return num(value, 2, sign=True)


def pct(share: Any, digits: int = 1) -> str:
    """A 0-1 share as a percentage: ``0.123`` -> ``12.3%``."""
    if is_missing(share):
        return DASH
    return f"{num(100.0 * float(share), digits)}%"


def points_pct(value: Any) -> str:
    """A value already in percent points: ``12.345`` -> ``12.3%``."""
    return DASH if is_missing(value) else f"{one(value)}%"


def count(value: Any) -> str:
    return DASH if is_missing(value) else f"{int(value):,}"


def text(value: Any) -> str:
    return "" if is_missing(value) else str(value)


def day(value: Any) -> str:
    return DASH if is_missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def stamp(value: Any) -> str:
    return DASH if is_missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def interval(low: Any, high: Any, fmt: Formatter = signed) -> str:
    """``[-5.1, +3.0]``, or a dash when either bound is missing."""
    if is_missing(low) or is_missing(high):
        return DASH
    return f"[{fmt(low)}, {fmt(high)}]"


def table(
    frame: pd.DataFrame,
    cols: Sequence[Col],
    row_class: Callable[[pd.Series], str] | None = None,
) -> Table:
    """Format ``frame`` column by column (see :class:`Col`)."""
    rows: list[list[str]] = []
    classes: list[str] = []
    for _, record in frame.iterrows():
        rows.append([c.fmt(record[c.column]) for c in cols])
        classes.append(row_class(record) if row_class else "")
    return Table([c.header for c in cols], rows, [c.right for c in cols], classes)
