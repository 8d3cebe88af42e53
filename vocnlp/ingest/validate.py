"""Field parsing and validation of inbox records, turning failures into rejects.

Parsing (dates in ISO or dd.mm.yyyy, numbers with a decimal comma, booleans in four
languages) is done here because each failure must carry the raw value the user wrote.
Range, choice and required-ness rules are a pandera schema validated lazily, so one pass
reports every failing cell; its failure cases become :class:`~vocnlp.rejects.Reject` rows.
A record with any failure is rejected whole (one reject row per failing field); the others
continue.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
import pandera.pandas as pa

from vocnlp.errors import InputFileError
from vocnlp.ingest.reading import LINE
from vocnlp.rejects import Reject

Kind = Literal["str", "int", "float", "datetime", "date", "bool"]

_TRUE = {"1", "true", "yes", "y", "да", "так", "da", "t"}
_FALSE = {"0", "false", "no", "n", "нет", "ні", "nu", "f", ""}
_DAY_FIRST_FORMATS = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d/%m/%Y")


@dataclass(frozen=True)
class Field:
    """One column of an inbox file and its rule."""

    name: str
    kind: Kind = "str"
    required: bool = False
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None
    rule: str | None = None
    """Rule name used in rejects for range/choice failures (default ``<name>_range``)."""


def parse_datetimes(values: pd.Series) -> pd.Series:
    """ISO 8601 or dd.mm.yyyy[ HH:MM[:SS]] strings to naive UTC timestamps (NaT on failure)."""
    text = values.astype(object).where(values.notna(), None)
    text = text.map(lambda v: v.strip() if isinstance(v, str) else v)
    iso = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
    out = iso.dt.tz_convert(None)
    for fmt in _DAY_FIRST_FORMATS:
        missing = out.isna() & text.notna()
        if not missing.any():
            break
        out = out.where(~missing, pd.to_datetime(text[missing], format=fmt, errors="coerce"))
    return out.astype("datetime64[us]")


def _parse_numbers(values: pd.Series) -> pd.Series:
    text = values.astype(object).map(
        lambda v: v.strip().replace(",", ".") if isinstance(v, str) else v
    )
    return pd.to_numeric(text.replace("", None), errors="coerce").astype(float)


def _parse_bools(values: pd.Series) -> pd.Series:
    def convert(v: object) -> object:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return None
        key = str(v).strip().lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        return pd.NA

    return values.map(convert).astype(object)


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | values.astype(object).map(lambda v: isinstance(v, str) and not v.strip())


def _parse(field: Field, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Typed values and a mask of cells the user filled but that did not parse."""
    blank = _blank(raw)
    if field.kind == "str":
        parsed = raw.astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
        return parsed.where(~blank, None), pd.Series(False, index=raw.index)
    if field.kind in ("int", "float"):
        parsed = _parse_numbers(raw)
        bad = parsed.isna() & ~blank
        if field.kind == "int":
            bad |= parsed.notna() & (parsed != parsed.round())
        return parsed, bad
    if field.kind in ("datetime", "date"):
        parsed = parse_datetimes(raw)
        if field.kind == "date":
            parsed = parsed.dt.normalize()
        return parsed, parsed.isna() & ~blank
    parsed = _parse_bools(raw)
    return parsed, parsed.isna() & ~blank & raw.notna()


_PARSE_RULE = {
    "int": ("not_an_integer", "is not a whole number"),
    "float": ("not_a_number", "is not a number"),
    "datetime": ("bad_datetime", "is not a date/time (use ISO 2026-10-31 or 31.10.2026)"),
    "date": ("bad_date", "is not a date (use ISO 2026-10-31 or 31.10.2026)"),
    "bool": ("not_a_boolean", "is not true/false"),
}


def _schema(fields: Sequence[Field]) -> pa.DataFrameSchema:
    cols: dict[str, pa.Column] = {}
    for f in fields:
        checks = []
        if f.min is not None and f.max is not None:
            checks.append(pa.Check.in_range(f.min, f.max, name=f.rule or f"{f.name}_range"))
        if f.choices is not None:
            checks.append(pa.Check.isin(list(f.choices), name=f.rule or f"{f.name}_choice"))
        cols[f.name] = pa.Column(nullable=not f.required, checks=checks, coerce=False)
    return pa.DataFrameSchema(cols, strict=False)


def _describe(field: Field, check: str) -> str:
    if check == "not_nullable":
        return f"{field.name} is required but empty"
    if field.min is not None and field.max is not None:
        return f"{field.name} must be between {field.min:g} and {field.max:g}"
    if field.choices is not None:
        return f"{field.name} must be one of {', '.join(field.choices)}"
    return f"{field.name} failed {check}"


def validate_records(
    source: str,
    path: Path,
    raw: pd.DataFrame,
    fields: Sequence[Field],
    key: Sequence[str],
) -> tuple[pd.DataFrame, list[Reject]]:
    """Parse and check records; return the valid ones (typed) and the rejects."""
    missing = [f.name for f in fields if f.required and f.name not in raw.columns]
    if missing:
        found = ", ".join(c for c in raw.columns if not c.startswith("_")) or "none"
        raise InputFileError(
            path, f"missing required column(s): {', '.join(missing)} (found: {found})"
        )
    file = str(path)
    lines = raw[LINE]
    rejects: list[Reject] = []
    bad_rows: set[int] = set()
    bad_cells: set[tuple[int, str]] = set()
    parsed = pd.DataFrame(index=raw.index)
    for f in fields:
        column = raw[f.name] if f.name in raw.columns else pd.Series(None, index=raw.index)
        values, unparsable = _parse(f, column)
        parsed[f.name] = values
        rule, text = _PARSE_RULE.get(f.kind, ("bad_value", "is not valid"))
        for idx in raw.index[unparsable.to_numpy()]:
            value = column[idx]
            rejects.append(
                Reject(
                    source,
                    file,
                    int(lines[idx]),
                    f.name,
                    str(value),
                    rule,
                    f"{f.name}={value!r} {text}",
                )
            )
            bad_rows.add(idx)
            bad_cells.add((idx, f.name))
    if "_extra" in raw.columns:
        for idx in raw.index[raw["_extra"].notna().to_numpy()]:
            rejects.append(
                Reject(
                    source,
                    file,
                    int(lines[idx]),
                    None,
                    None,
                    "extra_fields",
                    f"{raw['_extra'][idx]} more field(s) than the header has; "
                    "check quoting and the delimiter",
                )
            )
            bad_rows.add(idx)
    try:
        _schema(fields).validate(parsed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        by_name = {f.name: f for f in fields}
        for case in exc.failure_cases.itertuples(index=False):
            column_name = str(case.column)
            if case.index is None or column_name not in by_name:
                continue
            idx = int(case.index)
            if (idx, column_name) in bad_cells:
                continue
            field = by_name[column_name]
            check = str(case.check).split("(")[0]
            rule = "required" if check == "not_nullable" else (field.rule or check)
            value = raw[column_name][idx] if column_name in raw.columns else None
            rejects.append(
                Reject(
                    source,
                    file,
                    int(lines[idx]),
                    column_name,
                    None if _is_missing(value) else str(value),
                    rule,
                    _describe(field, check),
                )
            )
            bad_rows.add(idx)
            bad_cells.add((idx, column_name))
    good = parsed.drop(index=list(bad_rows))
    good[LINE] = lines.drop(index=list(bad_rows))
    dup = good.duplicated(list(key), keep="first")
    for idx in good.index[dup.to_numpy()]:
        value = "/".join(str(good[k][idx]) for k in key)
        first = good[LINE][(good[list(key)] == good.loc[idx, list(key)]).all(axis=1)].min()
        rejects.append(
            Reject(
                source,
                file,
                int(good[LINE][idx]),
                ",".join(key),
                value,
                "duplicate_key",
                f"{value} already appears on line {first}",
            )
        )
    good = good[~dup]
    return good, rejects


def content_hash(frame: pd.DataFrame, exclude: Sequence[str] = (LINE,)) -> pd.Series:
    """sha256 of each record's canonical JSON (column order independent)."""
    cols = sorted(c for c in frame.columns if c not in exclude)

    def digest(row: tuple[object, ...]) -> str:
        record = {c: (None if _is_missing(v) else str(v)) for c, v in zip(cols, row, strict=True)}
        blob = json.dumps(record, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    return pd.Series(
        [digest(row) for row in frame[cols].itertuples(index=False, name=None)],
        index=frame.index,
        dtype=object,
    )


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False
