"""The closed-loop alert queue: who should be contacted, about what, by when.

Rules (one alert per record and kind, never re-opened once handled):

* ``detractor`` — a survey answer 0-6; high severity at 0-3.  Due 30 minutes after the answer.
* ``churn_threat`` — feedback with the churn-threat intent ("I'll switch provider",
  "розірву договір", "o să renunț"); high severity.
* ``complaint`` — feedback with the complaint intent; social posts are due within 1 hour.

Only records from the last ``window_days`` before the newest record are considered, so a
back-fill of months of history does not flood the queue.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from vocnlp.schema import columns
from vocnlp.store import Warehouse

DUE_AFTER: dict[str, pd.Timedelta] = {
    "survey": pd.Timedelta(minutes=30),
    "social": pd.Timedelta(hours=1),
    "call": pd.Timedelta(hours=4),
    "review": pd.Timedelta(hours=24),
}
"""How soon each source expects an answer."""


def _alert_id(kind: str, source: str, source_id: str) -> str:
    return hashlib.sha256(f"{kind}|{source}|{source_id}".encode()).hexdigest()[:20]


def build_alerts(wh: Warehouse, window_days: int = 2) -> pd.DataFrame:
    """Alerts for recent detractors, churn threats and complaints (status ``open``)."""
    detractors = wh.query(
        """WITH newest AS (SELECT max(answered_at) AS t FROM responses)
           SELECT r.response_id AS source_id, r.customer_id, r.answered_at AS created_at,
                  r.nps, coalesce(r.comment, '') AS text
           FROM responses r, newest
           WHERE r.nps <= 6 AND r.answered_at >= newest.t - to_days(CAST(? AS INTEGER))""",
        [window_days],
    )
    intents = wh.query(
        """WITH newest AS (SELECT max(created_at) AS t FROM feedback)
           SELECT m.label AS kind, f.source, f.source_id, f.customer_id, f.created_at,
                  coalesce(m.evidence, f.text) AS text
           FROM mentions m JOIN feedback f USING (feedback_id), newest
           WHERE m.kind = 'intent' AND m.label IN ('churn_threat', 'complaint')
             AND f.excluded_reason IS NULL
             AND f.created_at >= newest.t - to_days(CAST(? AS INTEGER))""",
        [window_days],
    )
    rows: list[dict[str, object]] = []
    for d in detractors.to_dict("records"):
        score = int(d["nps"])
        rows.append(
            {
                "kind": "detractor",
                "severity": "high" if score <= 3 else "medium",
                "source": "survey",
                "source_id": d["source_id"],
                "customer_id": d["customer_id"],
                "created_at": d["created_at"],
                "text": f"NPS {score}: {d['text']}".strip(),
            }
        )
    for m in intents.to_dict("records"):
        rows.append(
            {
                "kind": m["kind"],
                "severity": "high" if m["kind"] == "churn_threat" else "medium",
                "source": m["source"],
                "source_id": m["source_id"],
                "customer_id": m["customer_id"],
                "created_at": m["created_at"],
                "text": m["text"],
            }
        )
    if not rows:
        return pd.DataFrame(columns=columns("alerts"))
    frame = pd.DataFrame(rows)
    frame["alert_id"] = [
        _alert_id(k, s, i)
        for k, s, i in zip(frame["kind"], frame["source"], frame["source_id"], strict=True)
    ]
    frame["due_at"] = frame["created_at"] + frame["source"].map(DUE_AFTER).fillna(
        pd.Timedelta(hours=24)
    )
    frame["status"] = "open"
    return frame
