"""Ingest: find the inbox files, validate every record, collect rejects.

The inbox layout (see README "Inbox format")::

    inbox/customers*.csv  surveys*.csv  reviews*.csv|json|jsonl  social*.jsonl|json
    inbox/calls/calls.csv  and/or  inbox/calls/YYYY-MM-DD/calls.csv  (+ the audio files)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from vocnlp.errors import InputFileError
from vocnlp.ingest.calls import calls_on, load_calls
from vocnlp.ingest.customers import load_customers
from vocnlp.ingest.reviews import load_reviews, review_feedback
from vocnlp.ingest.social import load_social, social_feedback
from vocnlp.ingest.surveys import load_surveys, survey_feedback
from vocnlp.ingest.validate import content_hash
from vocnlp.rejects import Reject
from vocnlp.schema import columns

__all__ = ["InboxBatch", "find_inbox_files", "ingest_inbox"]

log = logging.getLogger(__name__)

PATTERNS: dict[str, tuple[str, ...]] = {
    "customers": ("customers*.csv",),
    "surveys": ("surveys*.csv",),
    "reviews": ("reviews*.csv", "reviews*.json", "reviews*.jsonl"),
    "social": ("social*.jsonl", "social*.json", "social*.csv"),
    "calls": ("calls/calls.csv", "calls/*/calls.csv", "calls/calls.json", "calls/*/calls.json"),
}


@dataclass
class InboxBatch:
    """Everything read from one inbox, ready for the warehouse."""

    customers: pd.DataFrame
    responses: pd.DataFrame
    feedback: pd.DataFrame
    calls: pd.DataFrame
    rejects: list[Reject] = field(default_factory=list)
    files: dict[str, list[str]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "customers": len(self.customers),
            "responses": len(self.responses),
            "feedback": len(self.feedback),
            "calls": len(self.calls),
            "rejects": len(self.rejects),
        }


def find_inbox_files(inbox: Path) -> dict[str, list[Path]]:
    """Inbox files per source, sorted; raises InputFileError when the folder is missing."""
    if not inbox.is_dir():
        raise InputFileError(inbox, "inbox folder not found")
    found: dict[str, list[Path]] = {}
    for source, patterns in PATTERNS.items():
        paths = sorted({p for pattern in patterns for p in inbox.glob(pattern) if p.is_file()})
        found[source] = paths
    return found


def _drop_private(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[c for c in frame.columns if c.startswith("_")])


def _redact(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Free text with card numbers, phones, e-mails, IBANs and ID numbers masked."""
    from vocnlp.text.pii import redact

    if frame.empty:
        return frame
    text = frame[column]
    masked = text.map(lambda t: redact(t) if isinstance(t, str) else t)
    return frame.assign(**{column: masked.where(text.notna(), None)})


def ingest_inbox(
    inbox: Path, languages: Sequence[str], day: pd.Timestamp | None = None
) -> InboxBatch:
    """Read and validate every inbox file.  ``day`` limits the calls to those started then."""
    files = find_inbox_files(inbox)
    if not any(files.values()):
        raise InputFileError(
            inbox,
            "no inbox files found (expected surveys.csv, reviews.csv, social.jsonl, "
            "customers.csv or calls/calls.csv)",
        )
    customers = load_customers(files["customers"])
    surveys = load_surveys(files["surveys"])
    reviews = load_reviews(files["reviews"])
    social = load_social(files["social"])
    calls = load_calls(files["calls"], inbox, languages)
    responses = _redact(_drop_private(surveys.records), "comment")
    feedback_parts = [
        survey_feedback(responses),
        review_feedback(_redact(_drop_private(reviews.records), "text")),
        social_feedback(_redact(_drop_private(social.records), "text")),
    ]
    parts = [p for p in feedback_parts if not p.empty]
    feedback = (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns("feedback"))
    )
    # The hash covers what is stored (redacted, cleaned text and hygiene marks), so a change
    # in those rules re-writes (and re-enriches) the affected rows on the next run.
    feedback["content_hash"] = content_hash(
        feedback.drop(columns=["content_hash"], errors="ignore")
    )
    batch = InboxBatch(
        customers=_drop_private(customers.records),
        responses=responses,
        feedback=feedback,
        calls=_drop_private(calls_on(calls.records, day)),
        rejects=[
            *customers.rejects,
            *surveys.rejects,
            *reviews.rejects,
            *social.rejects,
            *calls.rejects,
        ],
        files={k: [str(p) for p in v] for k, v in files.items()},
    )
    log.info("ingest %s: %s", inbox, batch.counts())
    return batch
