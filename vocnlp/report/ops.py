"""Operational side of the report: feedback volumes, sentiment, calls, data quality, runs.

Every function accepts empty frames (with or without columns) and returns ``None`` or an
empty table rather than raising; the template prints "no data" for those.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from vocnlp.report import tables as t
from vocnlp.report.survey import Kpi

EXAMPLES = 10
SENTIMENTS = ("negative", "neutral", "positive")


def included(feedback: pd.DataFrame) -> pd.DataFrame:
    """Feedback that counts: not excluded as duplicate, spam or empty."""
    if feedback.empty or "excluded_reason" not in feedback.columns:
        return feedback
    return feedback[feedback["excluded_reason"].isna()]


def _dates(frame: pd.DataFrame, *cols: str) -> pd.Series:
    parts = [pd.to_datetime(frame[c], errors="coerce") for c in cols if c in frame.columns]
    return pd.concat(parts).dropna() if parts else pd.Series(dtype="datetime64[ns]")


def as_of(*dated: tuple[pd.DataFrame, tuple[str, ...]]) -> date:
    """The latest day seen in the data (today when nothing is dated)."""
    seen = pd.concat([_dates(frame, *cols) for frame, cols in dated])
    return seen.max().date() if len(seen) else datetime.now().date()


def coverage(responses: pd.DataFrame, feedback: pd.DataFrame) -> str:
    """First and last day of survey answers and (included) feedback."""
    seen = pd.concat([_dates(responses, "answered_at"), _dates(included(feedback), "created_at")])
    if seen.empty:
        return t.DASH
    return f"{t.day(seen.min())} to {t.day(seen.max())}"


def _lang(frame: pd.DataFrame) -> pd.Series:
    return frame["language"].astype(object).where(frame["language"].notna(), "und").astype(str)


def feedback_counts(feedback: pd.DataFrame) -> t.Table:
    """Included feedback by source (rows) and language (columns), with totals."""
    fb = included(feedback)
    if fb.empty:
        return t.Table([], [])
    crosstab = pd.crosstab(fb["source"].astype(str), _lang(fb))
    langs = [str(c) for c in crosstab.columns]
    rows = [
        [str(src), *(t.count(v) for v in rec), t.count(rec.sum())]
        for src, rec in crosstab.iterrows()
    ]
    rows.append(["Total", *(t.count(v) for v in crosstab.sum()), t.count(crosstab.values.sum())])
    return t.Table(
        ["Source", *langs, "Total"],
        rows,
        [False] + [True] * (len(langs) + 1),
        [""] * (len(rows) - 1) + ["total"],
    )


def sentiment(feedback: pd.DataFrame) -> tuple[t.Table, pd.DataFrame]:
    """Sentiment shares by source and language, and by source alone (for the chart)."""
    fb = included(feedback)
    if fb.empty or "sentiment" not in fb.columns:
        return t.Table([], []), pd.DataFrame()
    fb = fb.assign(
        language=_lang(fb),
        source=fb["source"].astype(str),
        sentiment_score=pd.to_numeric(fb["sentiment_score"], errors="coerce"),
    )
    for label in SENTIMENTS:
        fb[label] = (fb["sentiment"] == label).astype(float)
    fb["labelled"] = fb["sentiment"].isin(SENTIMENTS).astype(float)

    def summarise(keys: list[str]) -> pd.DataFrame:
        g = fb.groupby(keys, sort=True)
        out = g[["labelled", *SENTIMENTS]].sum()
        for label in SENTIMENTS:
            out[label] = out[label] / out["labelled"].where(out["labelled"] > 0)
        out["n"] = g.size()
        out["mean_score"] = g["sentiment_score"].mean()
        return out.reset_index()

    detail = summarise(["source", "language"])
    table = t.table(
        detail,
        [
            t.Col("Source", "source", t.text, right=False),
            t.Col("Language", "language", t.text, right=False),
            t.Col("Feedback", "n", t.count),
            t.Col("With sentiment", "labelled", t.count),
            t.Col("Negative", "negative", t.pct),
            t.Col("Neutral", "neutral", t.pct),
            t.Col("Positive", "positive", t.pct),
            t.Col("Mean score", "mean_score", t.two),
        ],
    )
    by_source = summarise(["source"])
    return table, by_source[by_source["labelled"] > 0].reset_index(drop=True)


@dataclass
class CallsPart:
    summary: list[tuple[str, str]]
    speakers: t.Table


def calls(calls_frame: pd.DataFrame, metrics: pd.DataFrame) -> CallsPart | None:
    """Call volume and acoustics; ``None`` when there are no calls.

    Talk ratio agent/customer is per call ``talk_s(agent) / talk_s(customer)``, averaged
    over calls with both; silence % is the call's ``silence_pct`` (the mean of its speaker
    rows), averaged over calls; overtalk sums the speaker rows of a call.
    """
    if calls_frame.empty:
        return None
    minutes = pd.to_numeric(calls_frame["duration_s"], errors="coerce").sum() / 60.0
    summary = [("Calls", t.count(len(calls_frame))), ("Audio minutes", t.one(minutes))]
    m = metrics[metrics["call_id"].isin(calls_frame["call_id"])] if len(metrics) else metrics
    if m.empty:
        summary.append(("Acoustics", "no data (no call_metrics rows)"))
        return CallsPart(summary, t.Table([], []))
    m = m.assign(
        **{
            c: pd.to_numeric(m[c], errors="coerce")
            for c in (
                "talk_s",
                "talk_ratio",
                "silence_pct",
                "overtalk_count",
                "overtalk_s",
                "words_per_min",
            )
        }
    )
    talk = m.pivot_table(index="call_id", columns="speaker", values="talk_s", aggfunc="sum")
    ratio = float("nan")
    if {"agent", "customer"} <= set(talk.columns):
        both = talk[(talk["customer"] > 0) & talk["agent"].notna()]
        ratio = float((both["agent"] / both["customer"]).mean())
    per_call = m.groupby("call_id").agg(
        silence=("silence_pct", "mean"),
        overtalk=("overtalk_count", "sum"),
        overtalk_s=("overtalk_s", "sum"),
    )
    summary += [
        ("Talk ratio agent/customer", t.num(ratio, 2)),
        ("Mean silence", t.points_pct(per_call["silence"].mean())),
        ("Overtalk events per call", t.one(per_call["overtalk"].mean())),
        ("Overtalk seconds per call", t.one(per_call["overtalk_s"].mean())),
    ]
    speakers = (
        m.groupby("speaker", sort=True)
        .agg(
            calls=("call_id", "nunique"),
            talk_s=("talk_s", "mean"),
            talk_ratio=("talk_ratio", "mean"),
            silence_pct=("silence_pct", "mean"),
            overtalk_count=("overtalk_count", "sum"),
            overtalk_s=("overtalk_s", "sum"),
            words_per_min=("words_per_min", "mean"),
        )
        .reset_index()
    )
    table = t.table(
        speakers,
        [
            t.Col("Speaker", "speaker", t.text, right=False),
            t.Col("Calls", "calls", t.count),
            t.Col("Mean talk s", "talk_s", t.one),
            t.Col("Mean talk ratio", "talk_ratio", lambda v: t.num(v, 2)),
            t.Col("Mean silence %", "silence_pct", t.one),
            t.Col("Overtalk events", "overtalk_count", t.count),
            t.Col("Overtalk s", "overtalk_s", t.one),
            t.Col("Words/min", "words_per_min", t.one),
        ],
    )
    return CallsPart(summary, table)


@dataclass
class Quality:
    rejects: t.Table
    examples: t.Table
    excluded: t.Table
    total_rejects: int = 0
    total_excluded: int = 0


def quality(rejects: pd.DataFrame, feedback: pd.DataFrame) -> Quality:
    """Rejects by source and rule with examples; excluded feedback by reason and source."""
    out = Quality(t.Table([], []), t.Table([], []), t.Table([], []), len(rejects))
    if len(rejects):
        r = rejects.assign(
            source=rejects["source"].fillna("unknown"), rule=rejects["rule"].fillna("unknown")
        )
        grouped = r.groupby(["source", "rule"], sort=True).size().rename("count").reset_index()
        grouped = grouped.sort_values("count", ascending=False, kind="stable")
        out.rejects = t.table(
            grouped,
            [
                t.Col("Source", "source", t.text, right=False),
                t.Col("Rule", "rule", t.text, right=False),
                t.Col("Rejected", "count", t.count),
            ],
        )
        ex = r.sort_values(["source", "file", "line"], na_position="last").head(EXAMPLES)
        ex = ex.assign(
            where=[
                f"{t.text(f)}:{int(n)}" if not t.is_missing(n) else t.text(f)
                for f, n in zip(ex["file"], ex["line"], strict=True)
            ]
        )
        out.examples = t.table(
            ex,
            [
                t.Col("Where", "where", t.text, right=False),
                t.Col("Source", "source", t.text, right=False),
                t.Col("Rule", "rule", t.text, right=False),
                t.Col("Message", "message", t.text, right=False),
            ],
        )
    if len(feedback) and "excluded_reason" in feedback.columns:
        ex_fb = feedback[feedback["excluded_reason"].notna()]
        out.total_excluded = len(ex_fb)
        if len(ex_fb):
            ex_fb = ex_fb.assign(source=ex_fb["source"].fillna("unknown"))
            sizes = ex_fb.groupby(["excluded_reason", "source"], sort=True).size()
            frame = sizes.rename("count").reset_index()
            out.excluded = t.table(
                frame,
                [
                    t.Col("Reason", "excluded_reason", t.text, right=False),
                    t.Col("Source", "source", t.text, right=False),
                    t.Col("Feedback excluded", "count", t.count),
                ],
            )
    return out


@dataclass
class RunInfo:
    fields: list[tuple[str, str]]
    models: t.Table
    counts: list[tuple[str, str]] = field(default_factory=list)


def _json(raw: Any) -> Any:
    if t.is_missing(raw):
        return {}
    try:
        return json.loads(str(raw))
    except ValueError:
        return str(raw)


THEMES_SHOWN = 8


def themes(frame: pd.DataFrame) -> t.Table:
    """Emerging themes of the newest week: new and growing first, with one quote each."""
    if frame.empty:
        return t.Table([], [])
    week = frame["week"].max()
    rows = frame[frame["week"] == week].assign(
        _order=lambda f: f["status"].map({"new": 0, "growing": 1}).fillna(2),
        _growth=lambda f: f["current"].fillna(0) - f["previous"].fillna(0),
    )
    rows = rows.sort_values(["_order", "_growth"], ascending=[True, False]).head(THEMES_SHOWN)
    quotes = rows["quotes"].map(_json)
    rows = rows.assign(_quote=[q[0] if isinstance(q, list) and q else "" for q in quotes])
    return t.table(
        rows,
        [
            t.Col("Theme", "label", t.text, right=False),
            t.Col("Status", "status", t.text, right=False),
            t.Col("This week", "current", t.count),
            t.Col("Week before", "previous", t.count),
            t.Col("Sentiment", "sentiment_score", t.two),
            t.Col("Example", "_quote", t.text, right=False),
        ],
    )


def run_info(runs: pd.DataFrame, version: str) -> RunInfo | None:
    """The latest run (by start time): id, times, status, model versions, stage counts."""
    if runs.empty:
        return None
    last = runs.sort_values("started_at", na_position="first").iloc[-1]
    fields = [
        ("Run id", t.text(last["run_id"])),
        ("Day", t.day(last["day"])),
        ("Started", t.stamp(last["started_at"])),
        ("Finished", t.stamp(last["finished_at"])),
        ("Status", t.text(last["status"]) or t.DASH),
        ("Attempts", t.count(last["attempts"])),
        ("vocnlp version of the run", t.text(last["vocnlp_version"]) or t.DASH),
        ("vocnlp version of this report", version),
        ("Runs in the warehouse", t.count(len(runs))),
    ]
    models = _json(last["models"])
    pairs = sorted(models.items()) if isinstance(models, dict) else [("models", str(models))]
    frame = pd.DataFrame(pairs, columns=["role", "model"])
    table = t.table(
        frame,
        [
            t.Col("Role", "role", t.text, right=False),
            t.Col("Model version", "model", t.text, right=False),
        ],
    )
    counts = _json(last["counts"])
    stage_counts = (
        [
            (str(k), v if isinstance(v, str) else json.dumps(v, sort_keys=True, default=str))
            for k, v in sorted(counts.items())
        ]
        if isinstance(counts, dict)
        else [("counts", str(counts))]
    )
    return RunInfo(fields, table, stage_counts)


def alerts_kpi(alerts: pd.DataFrame, now: datetime) -> Kpi:
    """Open closed-loop alerts and how many are past their due time."""
    if alerts.empty:
        return Kpi("Open alerts", "0", n="n = 0", note="no alerts")
    open_ = alerts[alerts["status"].fillna("open") != "done"]
    due = pd.to_datetime(open_["due_at"], errors="coerce")
    overdue = int((due < pd.Timestamp(now)).sum())
    kinds = open_["kind"].fillna("unknown").value_counts().sort_index()
    note = ", ".join(f"{k}: {v:,}" for k, v in kinds.items())
    return Kpi(
        "Open alerts",
        f"{len(open_):,}",
        f"{overdue:,} overdue",
        f"n = {len(alerts):,} alerts",
        note,
    )
