"""What every source loader shares: read a file, validate it, turn file errors into rejects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from vocnlp.errors import InputFileError
from vocnlp.ingest.reading import read_records
from vocnlp.ingest.validate import Field, validate_records
from vocnlp.rejects import Reject


@dataclass
class Loaded:
    """Valid typed records of one source (``_line`` kept) and its rejects."""

    records: pd.DataFrame
    rejects: list[Reject] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def load_table(
    source: str, paths: Sequence[Path], fields: Sequence[Field], key: Sequence[str]
) -> Loaded:
    """Read and validate every file of a source; a bad file is one reject, not a crash."""
    frames: list[pd.DataFrame] = []
    rejects: list[Reject] = []
    for path in paths:
        try:
            raw, line_rejects = read_records(path)
            good, row_rejects = validate_records(source, path, raw, fields, key)
        except InputFileError as exc:
            rejects.append(
                Reject(source, str(path), None, None, None, "unreadable_file", exc.reason)
            )
            continue
        except OSError as exc:
            rejects.append(
                Reject(
                    source,
                    str(path),
                    None,
                    None,
                    None,
                    "unreadable_file",
                    f"cannot read file: {exc.strerror or exc}",
                )
            )
            continue
        rejects.extend(
            Reject(source, r.file, r.line, r.field, r.value, r.rule, r.message)
            for r in line_rejects
        )
        rejects.extend(row_rejects)
        good["_file"] = str(path)
        frames.append(good)
    names = [f.name for f in fields]
    if frames:
        records = pd.concat(frames, ignore_index=True)
        dup = records.duplicated(list(key), keep="last")
        for idx in records.index[dup.to_numpy()]:
            value = "/".join(str(records.at[idx, k]) for k in key)
            rejects.append(
                reject_at(
                    records,
                    idx,
                    source,
                    ",".join(key),
                    value,
                    "duplicate_key",
                    f"{value} also appears in a later file",
                )
            )
        records = records[~dup].reset_index(drop=True)
    else:
        records = pd.DataFrame(columns=[*names, "_line", "_file"])
    return Loaded(records, rejects, [str(p) for p in paths])


def reject_at(
    frame: pd.DataFrame,
    idx: object,
    source: str,
    field: str | None,
    value: object,
    rule: str,
    message: str,
) -> Reject:
    """A reject for the record at ``idx`` of a loaded frame (uses its _file and _line)."""
    line: Any = frame.at[idx, "_line"]
    return Reject(
        source,
        str(frame.at[idx, "_file"]),
        int(line),
        field,
        None if value is None else str(value),
        rule,
        message,
    )
