"""The analyst report, built from a real DuckDB warehouse with synthetic data."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vocnlp.errors import ConfigError, MissingExtraError
from vocnlp.report import ReportOptions, build_report
from vocnlp.report.html import gather, read_tables
from vocnlp.store import Warehouse

pytest.importorskip("jinja2")
pytest.importorskip("plotly")

HOSTILE = "<script>alert(1)</script> prices went up again"
LANGS = ("en", "ru", "uk", "ro")
N_RESPONSES = 200


def _nps_scores() -> np.ndarray:
    rng = np.random.default_rng(7)
    return rng.choice(np.arange(11), size=N_RESPONSES, p=[0.04] * 7 + [0.1, 0.12, 0.24, 0.26])


def _fill(wh: Warehouse, scores: np.ndarray) -> None:
    run = "run-2026-04-28"
    customers = pd.DataFrame(
        {
            "customer_id": [f"c{i:03d}" for i in range(N_RESPONSES)],
            "segment": "retail",
            "joined_at": date(2025, 10, 1),
            "left_at": [date(2026, 3, 10) if i % 20 == 0 else None for i in range(N_RESPONSES)],
            "content_hash": [f"h{i}" for i in range(N_RESPONSES)],
        }
    )
    wh.upsert("customers", customers, run)
    ids = [f"r{i:03d}" for i in range(N_RESPONSES)]
    answered = [datetime(2026, 1 + i % 4, 1 + i % 27, 10) for i in range(N_RESPONSES)]
    responses = pd.DataFrame(
        {
            "response_id": ids,
            "customer_id": customers["customer_id"],
            "answered_at": answered,
            "nps": scores,
            "csi": np.where(scores >= 7, 5, 2),
            "cli_recommend": np.clip(scores, 1, 10),
            "cli_continue": 8,
            "cli_buy_more": 6,
            "cli_switch": 3,
            "content_hash": [f"h{i}" for i in range(N_RESPONSES)],
        }
    )
    wh.upsert("responses", responses, run)
    texts = [f"comment {i}" for i in range(N_RESPONSES)]
    texts[0] = HOSTILE
    feedback = pd.DataFrame(
        {
            "feedback_id": [f"survey:{r}" for r in ids],
            "source": "survey",
            "source_id": ids,
            "customer_id": customers["customer_id"],
            "created_at": answered,
            "text": texts,
            "language": [LANGS[i % 4] for i in range(N_RESPONSES)],
            "sentiment": np.where(scores <= 6, "negative", "positive"),
            "sentiment_score": np.where(scores <= 6, -0.7, 0.6),
            "content_hash": [f"h{i}" for i in range(N_RESPONSES)],
        }
    )
    extra = pd.DataFrame(
        {
            "feedback_id": ["review:1", "social:1", "social:2", "social:3"],
            "source": ["review", "social", "social", "social"],
            "source_id": ["1", "1", "2", "3"],
            "created_at": datetime(2026, 4, 2),
            "text": ["great staff", "slow delivery", "slow delivery", "buy cheap pills"],
            "language": ["en", "ru", "ru", "en"],
            "sentiment": ["positive", "negative", "negative", "neutral"],
            "sentiment_score": [0.8, -0.5, -0.5, 0.0],
            "excluded_reason": [None, None, "duplicate", "spam"],
            "content_hash": ["a", "b", "c", "d"],
        }
    )
    wh.upsert("feedback", pd.concat([feedback, extra], ignore_index=True), run)
    rows = []
    for i, score in enumerate(scores):
        fid = f"survey:r{i:03d}"
        if score <= 6 or i == 0:  # detractors complain about price (and the hostile text)
            rows.append((fid, "price", "negative", -0.8 if i == 0 else -0.6))
        if score >= 9 and i % 2 == 0:
            rows.append((fid, "staff", "positive", 0.7))
        if i % 20 == 1:
            rows.append((fid, "delivery", "negative", -0.4))
    mentions = pd.DataFrame(rows, columns=["feedback_id", "label", "sentiment", "sentiment_score"])
    mentions = mentions.assign(kind="topic", score=0.9, evidence=None)
    wh.replace_children("mentions", "feedback_id", mentions["feedback_id"], mentions, run)
    wh.upsert(
        "calls",
        pd.DataFrame(
            {
                "call_id": ["call1"],
                "file": ["2026-04-02/call1.wav"],
                "started_at": [datetime(2026, 4, 2, 9)],
                "duration_s": [150.0],
                "content_hash": ["x"],
            }
        ),
        run,
    )
    metrics = pd.DataFrame(
        {
            "call_id": ["call1", "call1"],
            "speaker": ["agent", "customer"],
            "talk_s": [80.0, 40.0],
            "talk_ratio": [0.667, 0.333],
            "silence_pct": [20.0, 20.0],
            "overtalk_count": [2, 1],
            "overtalk_s": [3.0, 1.5],
        }
    )
    wh.replace_children("call_metrics", "call_id", ["call1"], metrics, run)
    rejects = pd.DataFrame(
        {
            "reject_id": ["j1", "j2"],
            "source": ["surveys", "surveys"],
            "file": ["surveys.csv", "surveys.csv"],
            "line": [5, 9],
            "rule": ["nps_range", "nps_range"],
            "message": ["nps 11 is outside 0-10", "nps <b>x</b> is not a number"],
        }
    )
    wh.replace_children("rejects", "run_id", [run], rejects, run)
    wh.start_run(run, date(2026, 4, 28), "inbox", {"sentiment": "head-v3", "asr": "wb-1"}, "0.1.0")
    wh.finish_run(run, "completed", {"surveys": {"inserted": N_RESPONSES}})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, np.ndarray]:
    base = tmp_path_factory.mktemp("report")
    scores = _nps_scores()
    with Warehouse(base / "voc.duckdb") as wh:
        _fill(wh, scores)
        out = build_report(wh, base / "out" / "voc_report.html")
    assert out.exists()
    return out.read_text(encoding="utf-8"), scores


def test_kpis_match_an_independent_computation(built: tuple[str, np.ndarray]) -> None:
    html, scores = built
    value = 100.0 * ((scores >= 9).sum() - (scores <= 6).sum()) / scores.size
    assert f"{value:+.1f}" in html
    assert f"n = {N_RESPONSES}" in html
    csi = 100.0 * (scores >= 7).sum() / scores.size
    assert f"{csi:.1f}%" in html
    assert "Churn 2026-03" in html  # April is not complete: the data end on 2026-04-28
    assert "10 of 200 customers left" in html
    assert "2026-01-01 to 2026-04-" in html  # period covered


def test_drivers_quotes_and_definition(built: tuple[str, np.ndarray]) -> None:
    html, _ = built
    for topic in ("price", "staff", "delivery"):
        assert topic in html
    assert "low support (n&lt;30)" in html  # delivery: 10 mentions
    assert "Impact = overall NPS minus the NPS of the respondents who did not mention" in html
    assert "Pulling NPS down" in html and "Lifting NPS" in html


def test_hostile_text_is_escaped(built: tuple[str, np.ndarray]) -> None:
    html, _ = built
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # quoted under "price"
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html  # reject message


def test_one_plotly_bundle_and_sections(built: tuple[str, np.ndarray]) -> None:
    html, _ = built
    assert html.count("* plotly.js v") == 1
    assert html.count("Plotly.newPlot(") == 3  # trend, drivers, sentiment
    assert 'src="http' not in html  # nothing fetched from the network
    assert "Talk ratio agent/customer" in html and "2.00" in html
    assert "Audio minutes" in html and "2.5" in html
    assert "surveys.csv:5" in html and "nps_range" in html
    assert "head-v3" in html and "run-2026-04-28" in html
    assert "duplicate" in html and "spam" in html


def test_empty_warehouse_gives_a_no_data_report(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "empty.duckdb") as wh:
        out = build_report(wh, tmp_path / "empty.html")
    html = out.read_text(encoding="utf-8")
    assert "No survey responses in the warehouse" in html
    assert "no data" in html
    assert 'id="calls"' not in html  # the calls section only appears with calls
    assert "plotly.js v" not in html  # no charts, no bundle


def test_responses_without_mentions_or_calls(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.upsert(
            "responses",
            pd.DataFrame(
                {
                    "response_id": ["a", "b", "c"],
                    "answered_at": [datetime(2026, 5, 1)] * 3,
                    "nps": [10, 3, 8],
                    "content_hash": ["1", "2", "3"],
                }
            ),
        )
        html = build_report(wh, tmp_path / "r.html", ReportOptions(title="Q2")).read_text()
    assert "<title>Q2</title>" in html
    assert '<div class="value">0.0</div>' in html  # one promoter, one detractor: unsigned 0
    assert "no survey comment mentions a topic" in html
    assert html.count("* plotly.js v") == 1  # the trend chart carries it


def test_churn_uses_as_of(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.upsert(
            "customers",
            pd.DataFrame(
                {
                    "customer_id": ["a", "b", "c", "d"],
                    "joined_at": [date(2026, 1, 1)] * 4,
                    "left_at": [date(2026, 2, 3), None, date(2026, 3, 31), None],
                    "content_hash": list("1234"),
                }
            ),
        )
        frames = read_tables(wh)
    context = gather(frames, ReportOptions(as_of=date(2026, 3, 31)))
    churn = context["kpis"][3]
    assert churn.name == "Churn 2026-03" and churn.value == "33.3%" and churn.n == "n = 3"
    context = gather(frames, ReportOptions(as_of=date(2026, 3, 30)))
    assert context["kpis"][3].name == "Churn 2026-02"


def test_missing_jinja2_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with Warehouse(tmp_path / "w.duckdb") as wh, pytest.raises(MissingExtraError, match="report"):
        build_report(wh, tmp_path / "r.html")


def test_options_are_validated() -> None:
    with pytest.raises(ConfigError):
        ReportOptions(period="year")
    with pytest.raises(ConfigError):
        ReportOptions(min_support=0)


def test_sparse_warehouse_renders_without_surveys(tmp_path: Path) -> None:
    """Feedback without languages or sentiment, a call without metrics, odd run JSON."""
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.upsert(
            "feedback",
            pd.DataFrame(
                {
                    "feedback_id": ["social:1", "social:2"],
                    "source": "social",
                    "source_id": ["1", "2"],
                    "created_at": [datetime(2026, 4, 2), None],
                    "text": ["hello", "bye"],
                    "content_hash": ["a", "b"],
                }
            ),
        )
        wh.upsert(
            "calls",
            pd.DataFrame(
                {"call_id": ["c1"], "file": ["c1.wav"], "duration_s": [60.0], "content_hash": ["x"]}
            ),
        )
        reject = pd.DataFrame(
            {"reject_id": ["j"], "source": ["calls"], "file": ["c2.wav"], "rule": ["audio_empty"]}
        )
        wh.replace_children("rejects", "reject_id", ["j"], reject)
        wh.start_run("r1", None, "inbox", {}, "0.1.0")
        wh.con.execute("UPDATE runs SET models = 'not json'")
        html = build_report(wh, tmp_path / "r.html").read_text()
    assert "No survey responses in the warehouse" in html
    assert 'id="calls"' in html and "no call_metrics rows" in html
    assert "c2.wav" in html and "audio_empty" in html
    assert "not json" in html
    assert "und" in html  # feedback without a language


def test_emerging_themes_section(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    themes = pd.DataFrame(
        {
            "theme_id": ["a", "b"],
            "week": ["2026-W44", "2026-W44"],
            "label": ["parking lot <closed>", "hold music"],
            "status": ["stable", "new"],
            "current": [3, 9],
            "previous": [3, 0],
            "quotes": ['["The parking is closed"]', '["Same song for 20 minutes"]'],
            "sentiment_score": [-0.4, -0.7],
        }
    )
    with Warehouse(path) as wh:
        wh.replace_children("themes", "week", ["2026-W44"], themes, "r1")
        out = build_report(wh, tmp_path / "r.html")
    html = out.read_text(encoding="utf-8")
    section = html[html.index('id="themes"') :]
    assert section.index("hold music") < section.index("parking lot")  # new first
    assert "parking lot &lt;closed&gt;" in section
    assert "Same song for 20 minutes" in section
