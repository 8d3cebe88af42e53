"""Closed-loop alerts: who to contact, about what, by when; never re-opened."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from vocnlp.alerts import build_alerts
from vocnlp.store import Warehouse


def seed(wh: Warehouse) -> None:
    responses = pd.DataFrame(
        {
            "response_id": ["old", "new_low", "new_mid", "promoter"],
            "customer_id": ["c1", "c2", "c3", "c4"],
            "answered_at": pd.to_datetime(
                ["2026-09-01 10:00", "2026-10-31 09:00", "2026-10-30 12:00", "2026-10-31 10:00"]
            ),
            "nps": [0, 2, 6, 10],
            "comment": ["", "Bill is wrong again", None, "great"],
            "content_hash": ["a", "b", "c", "d"],
        }
    )
    wh.upsert("responses", responses, "r")
    feedback = pd.DataFrame(
        {
            "feedback_id": ["social:s1", "social:s2", "review:v1"],
            "source": ["social", "social", "review"],
            "source_id": ["s1", "s2", "v1"],
            "created_at": pd.to_datetime(
                ["2026-10-31 08:00", "2026-10-31 08:30", "2026-10-31 09:00"]
            ),
            "text": ["I will switch provider", "switch provider now!!", "Support never answers"],
            "excluded_reason": [None, "duplicate", None],
            "content_hash": ["x", "y", "z"],
        }
    )
    wh.upsert("feedback", feedback, "r")
    mentions = pd.DataFrame(
        {
            "feedback_id": ["social:s1", "social:s2", "review:v1"],
            "kind": ["intent"] * 3,
            "label": ["churn_threat", "churn_threat", "complaint"],
        }
    )
    wh.replace_children("mentions", "feedback_id", mentions["feedback_id"], mentions, "r")


def test_alert_kinds_severity_and_due_times(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        seed(wh)
        alerts = build_alerts(wh, window_days=2).set_index("source_id")
    assert set(alerts.index) == {"new_low", "new_mid", "s1", "v1"}  # old, promoter, spam out
    assert alerts.loc["new_low", "severity"] == "high"
    assert alerts.loc["new_mid", "severity"] == "medium"
    assert alerts.loc["new_low", "due_at"] == pd.Timestamp("2026-10-31 09:30")
    assert alerts.loc["s1", "kind"] == "churn_threat"
    assert alerts.loc["s1", "due_at"] == pd.Timestamp("2026-10-31 09:00")  # social: 1 hour
    assert alerts.loc["v1", "kind"] == "complaint"
    assert "Bill is wrong again" in alerts.loc["new_low", "text"]


def test_handled_alerts_are_not_reopened(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        seed(wh)
        assert wh.insert_new("alerts", build_alerts(wh), "r1") == 4
        wh.con.execute("UPDATE alerts SET status = 'done' WHERE source_id = 's1'")
        assert wh.insert_new("alerts", build_alerts(wh), "r2") == 0
        status = wh.frame("alerts").set_index("source_id")["status"]
    assert status["s1"] == "done"
