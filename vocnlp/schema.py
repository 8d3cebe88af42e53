"""Table and column names, in one place.

Stages pass pandas DataFrames whose columns are named here.  ``TABLES`` is the warehouse
layout (DuckDB DDL types); ``INBOX`` lists, per inbox file, the required and optional
columns users provide.  Validation rules for the inbox live in :mod:`vocnlp.ingest`.
"""

from __future__ import annotations

SCHEMA_VERSION = 3

SENTIMENT_LABELS = ("negative", "neutral", "positive")
SPEAKER_ROLES = ("agent", "customer", "mixed")
FEEDBACK_SOURCES = ("survey", "review", "social", "call")

# Warehouse tables: name -> (columns with DuckDB types, primary key columns).
# Every table that holds ingested records carries ``content_hash`` (sha256 of the
# canonical record) and ``run_id`` (the run that last wrote the row).
TABLES: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "customers": (
        {
            "customer_id": "VARCHAR",
            "segment": "VARCHAR",
            "region": "VARCHAR",
            "joined_at": "DATE",
            "left_at": "DATE",
            "content_hash": "VARCHAR",
            "run_id": "VARCHAR",
        },
        ("customer_id",),
    ),
    "responses": (
        {
            "response_id": "VARCHAR",
            "customer_id": "VARCHAR",
            "answered_at": "TIMESTAMP",
            "channel": "VARCHAR",
            "segment": "VARCHAR",
            "nps": "SMALLINT",
            "csi": "SMALLINT",
            "cli_recommend": "SMALLINT",
            "cli_continue": "SMALLINT",
            "cli_buy_more": "SMALLINT",
            "cli_switch": "SMALLINT",
            "comment": "VARCHAR",
            "call_id": "VARCHAR",  # set when the score was spoken in a call
            "utterance_idx": "INTEGER",  # the utterance that carries the spoken score
            "content_hash": "VARCHAR",
            "run_id": "VARCHAR",
        },
        ("response_id",),
    ),
    "feedback": (
        {
            "feedback_id": "VARCHAR",  # "<source>:<source_id>"
            "source": "VARCHAR",  # survey | review | social | call
            "source_id": "VARCHAR",
            "customer_id": "VARCHAR",
            "created_at": "TIMESTAMP",
            "text": "VARCHAR",
            "rating": "DOUBLE",  # review stars 1-5, survey NPS 0-10, else NULL
            "platform": "VARCHAR",
            "author": "VARCHAR",
            "likes": "BIGINT",
            "excluded_reason": "VARCHAR",  # duplicate|near_duplicate|spam|empty: not in metrics
            "language": "VARCHAR",
            "language_flag": "VARCHAR",  # uncertain | mixed | empty | unsupported | NULL
            "sentiment": "VARCHAR",
            "sentiment_score": "DOUBLE",
            "enriched_with": "VARCHAR",  # model versions that produced the enrichment
            "content_hash": "VARCHAR",
            "run_id": "VARCHAR",
        },
        ("feedback_id",),
    ),
    "mentions": (
        {
            "feedback_id": "VARCHAR",
            "kind": "VARCHAR",  # topic | intent
            "label": "VARCHAR",
            "score": "DOUBLE",
            "sentiment": "VARCHAR",
            "sentiment_score": "DOUBLE",
            "evidence": "VARCHAR",  # the sentence that carries the mention
            "run_id": "VARCHAR",
        },
        ("feedback_id", "kind", "label"),
    ),
    "calls": (
        {
            "call_id": "VARCHAR",
            "file": "VARCHAR",
            "audio_hash": "VARCHAR",
            "started_at": "TIMESTAMP",
            "customer_id": "VARCHAR",
            "agent_id": "VARCHAR",
            "queue": "VARCHAR",
            "language": "VARCHAR",
            "channel_roles": "VARCHAR",  # e.g. "agent,customer" = channel 0 agent, 1 customer
            "duration_s": "DOUBLE",
            "sample_rate": "INTEGER",
            "channels": "INTEGER",
            "transcribed_with": "VARCHAR",  # model + settings key
            "language_source": "VARCHAR",  # hint | detected | default
            "language_probability": "DOUBLE",
            "flags": "VARCHAR",  # e.g. language_unsure, mono_mixed
            "content_hash": "VARCHAR",
            "run_id": "VARCHAR",
        },
        ("call_id",),
    ),
    "utterances": (
        {
            "call_id": "VARCHAR",
            "idx": "INTEGER",
            "speaker": "VARCHAR",  # agent | customer | mixed
            "channel": "INTEGER",
            "start": "DOUBLE",
            "end": "DOUBLE",
            "text": "VARCHAR",
            "language": "VARCHAR",
            "avg_logprob": "DOUBLE",
            "no_speech_prob": "DOUBLE",
            "flag": "VARCHAR",  # NULL = trusted; no_speech | repetition | silence | boilerplate
            "run_id": "VARCHAR",
        },
        ("call_id", "idx"),
    ),
    "call_metrics": (
        {
            "call_id": "VARCHAR",
            "speaker": "VARCHAR",
            "talk_s": "DOUBLE",
            "talk_ratio": "DOUBLE",
            "silence_pct": "DOUBLE",
            "longest_silence_s": "DOUBLE",
            "overtalk_count": "INTEGER",
            "overtalk_s": "DOUBLE",
            "words_per_min": "DOUBLE",
            "response_latency_s": "DOUBLE",  # agent: mean delay before answering the customer
            "hold_count": "INTEGER",
            "hold_s": "DOUBLE",
            "run_id": "VARCHAR",
        },
        ("call_id", "speaker"),
    ),
    "alerts": (
        {
            "alert_id": "VARCHAR",
            "created_at": "TIMESTAMP",
            "due_at": "TIMESTAMP",
            "kind": "VARCHAR",  # detractor | complaint | churn_threat
            "severity": "VARCHAR",  # high | medium
            "source": "VARCHAR",
            "source_id": "VARCHAR",
            "customer_id": "VARCHAR",
            "text": "VARCHAR",
            "status": "VARCHAR",  # open | done
            "run_id": "VARCHAR",
        },
        ("alert_id",),
    ),
    "runs": (
        {
            "run_id": "VARCHAR",
            "day": "DATE",
            "started_at": "TIMESTAMP",
            "finished_at": "TIMESTAMP",
            "status": "VARCHAR",
            "attempts": "INTEGER",
            "inbox": "VARCHAR",
            "counts": "VARCHAR",  # JSON: stage -> counts
            "models": "VARCHAR",  # JSON: role -> model version
            "vocnlp_version": "VARCHAR",
        },
        ("run_id",),
    ),
    "themes": (
        {
            "theme_id": "VARCHAR",
            "week": "VARCHAR",  # the "current" ISO week the theme was computed for
            "label": "VARCHAR",
            "terms": "VARCHAR",  # JSON list
            "status": "VARCHAR",  # new | growing | stable | fading
            "current": "INTEGER",  # sentences this week
            "previous": "INTEGER",  # sentences the week before
            "size": "INTEGER",
            "feedback_ids": "VARCHAR",  # JSON list
            "quotes": "VARCHAR",  # JSON list of 3 representative sentences
            "languages": "VARCHAR",  # JSON
            "sentiment_score": "DOUBLE",
            "weekly": "VARCHAR",  # JSON: week -> count
            "run_id": "VARCHAR",
        },
        ("theme_id",),
    ),
    "rejects": (
        {
            "reject_id": "VARCHAR",
            "source": "VARCHAR",  # surveys | reviews | social | customers | calls
            "file": "VARCHAR",
            "line": "INTEGER",  # 1-based line in the file (header = 1), NULL for a whole file
            "field": "VARCHAR",
            "value": "VARCHAR",
            "rule": "VARCHAR",  # short rule name, e.g. nps_range
            "message": "VARCHAR",
            "run_id": "VARCHAR",
        },
        ("reject_id",),
    ),
}

# Inbox files: name -> (required columns, optional columns).
INBOX: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "customers": (("customer_id",), ("segment", "region", "joined_at", "left_at")),
    "surveys": (
        ("response_id", "customer_id", "answered_at", "nps"),
        (
            "comment",
            "csi",
            "cli_recommend",
            "cli_continue",
            "cli_buy_more",
            "cli_switch",
            "channel",
            "segment",
        ),
    ),
    "reviews": (
        ("review_id", "created_at", "rating", "text"),
        ("source", "customer_id", "product"),
    ),
    "social": (("post_id", "created_at", "platform", "text"), ("author", "likes", "url")),
    "calls": (
        ("call_id", "file", "started_at"),
        ("customer_id", "agent_id", "queue", "language", "channel_roles", "survey"),
    ),
}

CLI_ITEMS = ("cli_recommend", "cli_continue", "cli_buy_more", "cli_switch")


def columns(table: str) -> list[str]:
    """Column names of a warehouse table, in DDL order."""
    return list(TABLES[table][0])
