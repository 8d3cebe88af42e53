"""reviews.csv|json|jsonl: star-rated reviews from stores and review sites."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from vocnlp.ingest.common import Loaded, load_table
from vocnlp.ingest.validate import Field, content_hash

FIELDS = (
    Field("review_id", required=True),
    Field("created_at", "datetime", required=True),
    Field("rating", "float", required=True, min=1, max=5, rule="rating_range"),
    Field("text", required=True),
    Field("source"),
    Field("customer_id"),
    Field("product"),
)


def load_reviews(paths: Sequence[Path]) -> Loaded:
    loaded = load_table("reviews", paths, FIELDS, ("review_id",))
    loaded.records["content_hash"] = content_hash(loaded.records[[f.name for f in FIELDS]])
    return loaded


def review_feedback(reviews: pd.DataFrame) -> pd.DataFrame:
    """Reviews as feedback records (source ``review``)."""
    return pd.DataFrame(
        {
            "feedback_id": "review:" + reviews["review_id"].astype(str),
            "source": "review",
            "source_id": reviews["review_id"].astype(str),
            "customer_id": reviews["customer_id"],
            "created_at": reviews["created_at"],
            "text": reviews["text"],
            "rating": reviews["rating"],
            "platform": reviews["source"],
            "content_hash": reviews["content_hash"],
        }
    )
