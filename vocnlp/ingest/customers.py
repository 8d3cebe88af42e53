"""customers.csv: who the customers are and when they joined / left."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from vocnlp.ingest.common import Loaded, load_table, reject_at
from vocnlp.ingest.validate import Field, content_hash

FIELDS = (
    Field("customer_id", required=True),
    Field("segment"),
    Field("region"),
    Field("joined_at", "date"),
    Field("left_at", "date"),
)


def load_customers(paths: Sequence[Path]) -> Loaded:
    """Customers; ``left_at`` before ``joined_at`` is rejected."""
    loaded = load_table("customers", paths, FIELDS, ("customer_id",))
    frame = loaded.records
    backwards = (
        frame["left_at"].notna()
        & frame["joined_at"].notna()
        & (frame["left_at"] < frame["joined_at"])
    )
    for idx in frame.index[backwards.to_numpy()]:
        left = pd.Timestamp(str(frame.at[idx, "left_at"])).date()
        joined = pd.Timestamp(str(frame.at[idx, "joined_at"])).date()
        loaded.rejects.append(
            reject_at(
                frame,
                idx,
                "customers",
                "left_at",
                left,
                "left_before_joined",
                f"left_at {left} is before joined_at {joined}",
            )
        )
    frame = frame[~backwards].copy()
    frame["content_hash"] = content_hash(frame[[f.name for f in FIELDS]])
    loaded.records = frame
    return loaded
