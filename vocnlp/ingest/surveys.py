"""surveys.csv: NPS answers with optional CSI, the four CLI items and a comment."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from vocnlp.ingest.common import Loaded, load_table
from vocnlp.ingest.validate import Field, content_hash
from vocnlp.schema import CLI_ITEMS

FIELDS = (
    Field("response_id", required=True),
    Field("customer_id", required=True),
    Field("answered_at", "datetime", required=True),
    Field("nps", "int", required=True, min=0, max=10, rule="nps_range"),
    Field("csi", "int", min=1, max=5, rule="csi_range"),
    *(Field(item, "int", min=1, max=10, rule="cli_range") for item in CLI_ITEMS),
    Field("channel"),
    Field("segment"),
    Field("comment"),
)


def load_surveys(paths: Sequence[Path]) -> Loaded:
    """Survey responses, typed; ``content_hash`` covers every answer."""
    loaded = load_table("surveys", paths, FIELDS, ("response_id",))
    frame = loaded.records
    for name in ("nps", "csi", *CLI_ITEMS):
        frame[name] = frame[name].astype("Int16")
    frame["content_hash"] = content_hash(frame[[f.name for f in FIELDS]])
    loaded.records = frame
    return loaded


def survey_feedback(responses: pd.DataFrame) -> pd.DataFrame:
    """The non-empty comments as feedback records (source ``survey``)."""
    has_text = responses["comment"].notna() & (responses["comment"].astype(str).str.strip() != "")
    rows = responses[has_text]
    return pd.DataFrame(
        {
            "feedback_id": "survey:" + rows["response_id"].astype(str),
            "source": "survey",
            "source_id": rows["response_id"].astype(str),
            "customer_id": rows["customer_id"],
            "created_at": rows["answered_at"],
            "text": rows["comment"],
            "rating": rows["nps"].astype(float),
            "platform": rows["channel"],
        }
    )
