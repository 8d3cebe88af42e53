"""Reading inbox files into string tables that remember each record's line.

CSV: UTF-8 (with or without BOM) or cp1251, comma or semicolon separated, quoted fields may
span lines.  JSON: an array of objects or an object with a list under ``records``/``data``.
JSONL: one object a line.  Every value is kept as a string (``None`` when absent) so the
validators see exactly what the user wrote; ``_line`` holds the 1-based physical line the
record starts on (the CSV header is line 1; for JSON arrays it is the record's position).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from vocnlp.errors import InputFileError
from vocnlp.rejects import Reject

LINE = "_line"


def decode_bytes(path: Path, data: bytes) -> str:
    """Text of a file in UTF-8 (BOM optional) or cp1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as exc:  # pragma: no cover - cp1251 maps nearly every byte
        raise InputFileError(path, "not UTF-8 or cp1251 text") from exc
    if "\x98" in text:  # the one byte cp1251 leaves undefined in practice
        raise InputFileError(path, "not UTF-8 or cp1251 text")
    return text


def _sniff_delimiter(path: Path, header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        raise InputFileError(path, "no comma, semicolon or tab in the header line")
    return best


def _norm_header(name: str) -> str:
    return name.strip().strip('"').strip().lower().replace(" ", "_").replace("-", "_")


def read_csv_records(path: Path) -> pd.DataFrame:
    """A CSV file as strings plus ``_line``; raises InputFileError for a bad file."""
    text = decode_bytes(path, path.read_bytes())
    if not text.strip():
        raise InputFileError(path, "file is empty")
    header_line = text.splitlines()[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_sniff_delimiter(path, header_line)
    )
    try:
        header = [_norm_header(h) for h in next(reader)]
    except csv.Error as exc:
        raise InputFileError(path, f"unreadable CSV header: {exc}") from exc
    dupes = {h for h in header if header.count(h) > 1 and h}
    if dupes:
        raise InputFileError(path, f"duplicate column(s) in header: {', '.join(sorted(dupes))}")
    rows: list[dict[str, str | None]] = []
    start = reader.line_num + 1
    try:
        for values in reader:
            line = start
            start = reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            record: dict[str, str | None] = {
                name: (values[i] if i < len(values) else None) for i, name in enumerate(header)
            }
            if len(values) > len(header):
                record["_extra"] = str(len(values) - len(header))
            record[LINE] = str(line)
            rows.append(record)
    except csv.Error as exc:
        raise InputFileError(path, f"CSV error near line {reader.line_num}: {exc}") from exc
    frame = pd.DataFrame(rows, columns=[*header, "_extra", LINE], dtype=object)
    frame[LINE] = frame[LINE].astype(int)
    return frame


def read_jsonl_records(path: Path) -> tuple[pd.DataFrame, list[Reject]]:
    """A JSON-lines file; a line that is not a JSON object becomes a reject."""
    text = decode_bytes(path, path.read_bytes())
    rows: list[dict[str, object]] = []
    rejects: list[Reject] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            problem = None if isinstance(obj, dict) else "a line must hold one JSON object"
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON ({exc.msg} at column {exc.colno})"
        if problem is not None:
            rejects.append(Reject("", str(path), number, None, raw[:200], "invalid_json", problem))
            continue
        rows.append({**{_norm_header(k): _as_text(v) for k, v in obj.items()}, LINE: number})
    return _records_frame(rows), rejects


def read_json_records(path: Path) -> pd.DataFrame:
    """A JSON file holding a list of objects (or {"records": [...]})."""
    text = decode_bytes(path, path.read_bytes())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(path, f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if isinstance(data, dict):
        data = data.get("records", data.get("data"))
    if not isinstance(data, list):
        raise InputFileError(path, 'expected a JSON array of objects or {"records": [...]}')
    rows = [
        {**{_norm_header(k): _as_text(v) for k, v in item.items()}, LINE: i}
        for i, item in enumerate(data, start=1)
        if isinstance(item, dict)
    ]
    return _records_frame(rows)


def _records_frame(rows: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """JSON records as a string table with an int ``_line`` column (also when empty)."""
    frame = pd.DataFrame(rows, dtype=object)
    if LINE not in frame.columns:
        frame[LINE] = pd.Series(dtype=int)
    frame[LINE] = frame[LINE].astype(int)
    return frame


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def read_records(path: Path) -> tuple[pd.DataFrame, list[Reject]]:
    """Any supported inbox table file by its extension."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return read_csv_records(path), []
    if suffix == ".jsonl":
        return read_jsonl_records(path)
    if suffix == ".json":
        return read_json_records(path), []
    raise InputFileError(path, f"unsupported file type {suffix!r}; use .csv, .json or .jsonl")
