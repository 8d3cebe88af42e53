"""calls/calls.csv (and calls/YYYY-MM-DD/calls.csv): metadata of call recordings.

``file`` is relative to the folder of the metadata file; ``channel_roles`` names the role of
each audio channel in order, e.g. ``agent,customer`` (the default for stereo).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from vocnlp.ingest.common import Loaded, load_table, reject_at
from vocnlp.ingest.validate import Field, content_hash
from vocnlp.schema import SPEAKER_ROLES


def fields(languages: Sequence[str]) -> tuple[Field, ...]:
    return (
        Field("call_id", required=True),
        Field("file", required=True),
        Field("started_at", "datetime", required=True),
        Field("customer_id"),
        Field("agent_id"),
        Field("queue"),
        Field("language", choices=tuple(languages), rule="language_not_configured"),
        Field("channel_roles"),
        Field("survey", "bool"),
    )


def load_calls(paths: Sequence[Path], inbox: Path, languages: Sequence[str]) -> Loaded:
    """Call metadata with ``file`` made relative to the inbox folder."""
    loaded = load_table("calls", paths, fields(languages), ("call_id",))
    frame = loaded.records
    bad = []
    for idx in frame.index:
        value: Any = frame.at[idx, "channel_roles"]
        roles = "" if pd.isna(value) else str(value)
        unknown = [r for r in roles.split(",") if r.strip() and r.strip() not in SPEAKER_ROLES]
        if unknown:
            loaded.rejects.append(
                reject_at(
                    frame,
                    idx,
                    "calls",
                    "channel_roles",
                    roles,
                    "unknown_role",
                    f"unknown role(s) {', '.join(unknown)}; use {', '.join(SPEAKER_ROLES)}",
                )
            )
            bad.append(idx)
    frame = frame.drop(index=bad)
    base = frame["_file"].map(lambda f: Path(f).parent)
    frame["file"] = [
        _relative(folder / str(name), inbox)
        for folder, name in zip(base, frame["file"], strict=True)
    ]
    frame["survey"] = frame["survey"].map(lambda v: False if pd.isna(v) else bool(v))
    frame["content_hash"] = content_hash(frame[[f.name for f in fields(languages)]])
    loaded.records = frame.reset_index(drop=True)
    return loaded


def _relative(path: Path, inbox: Path) -> str:
    try:
        return path.resolve().relative_to(inbox.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def calls_on(frame: pd.DataFrame, day: pd.Timestamp | None) -> pd.DataFrame:
    """Calls started on ``day`` (all calls when ``day`` is None)."""
    if day is None or frame.empty:
        return frame
    return frame[frame["started_at"].dt.normalize() == day.normalize()]
