"""social.jsonl|json: posts and comments from social networks.

Posts are kept in the warehouse; exact/near duplicates (reposts) and spam are marked with
``excluded_reason`` so metrics skip them and analysts still see them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from vocnlp.ingest.common import Loaded, load_table
from vocnlp.ingest.validate import Field, content_hash

FIELDS = (
    Field("post_id", required=True),
    Field("created_at", "datetime", required=True),
    Field("platform", required=True),
    Field("text", required=True),
    Field("author"),
    Field("likes", "int", min=0, max=10**12, rule="likes_range"),
    Field("url"),
)

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_SPAM = re.compile(
    r"\b(earn|free money|click here|promo ?code|casino|crypto|bitcoin|заработ\w*|заробі\w*|"
    r"казино|бонус за регистрац\w*|câștig\w*|castig\w*)\b|\$\$+|💰",
    re.IGNORECASE,
)


def dedupe_key(text: str) -> str:
    """Text reduced to letters and digits, so reposts with other spacing/case/links match."""
    text = _URL.sub(" ", text.lower())
    text = re.sub(r"^(rt|repost|репост)\b[:\s]*", "", text.strip())
    return re.sub(r"[\W_]+", " ", text).strip()


def spam_reason(text: str) -> str | None:
    """'spam' for promotional/bot text: money bait or several links."""
    if _SPAM.search(text) or len(_URL.findall(text)) >= 2:
        return "spam"
    return None


def load_social(paths: Sequence[Path]) -> Loaded:
    loaded = load_table("social", paths, FIELDS, ("post_id",))
    frame = loaded.records
    frame["likes"] = frame["likes"].astype("Int64")
    frame["content_hash"] = content_hash(frame[[f.name for f in FIELDS]])
    loaded.records = frame
    return loaded


def social_feedback(posts: pd.DataFrame) -> pd.DataFrame:
    """Posts as feedback records (source ``social``) with markup stripped and hygiene marks."""
    from vocnlp.text.clean import clean_text

    text = posts["text"].map(clean_text)
    ordered = posts.assign(_clean=text).sort_values(["created_at", "post_id"])
    keys = ordered["_clean"].map(dedupe_key)
    reason = ordered["_clean"].map(spam_reason).astype(object)
    reason = reason.where(reason.notna(), keys.duplicated().map({True: "duplicate", False: None}))
    reason = reason.where(keys != "", "empty")
    return pd.DataFrame(
        {
            "feedback_id": "social:" + ordered["post_id"].astype(str),
            "source": "social",
            "source_id": ordered["post_id"].astype(str),
            "customer_id": None,
            "created_at": ordered["created_at"],
            "text": ordered["_clean"],
            "rating": None,
            "platform": ordered["platform"],
            "author": ordered["author"],
            "likes": ordered["likes"],
            "excluded_reason": reason,
            "content_hash": ordered["content_hash"],
        }
    )
