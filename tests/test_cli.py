"""The `vocnlp` command: help for every command, formats for scripts, one-line errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vocnlp.cli import app
from vocnlp.config import Settings
from vocnlp.stages import resolve_day, stage_ingest

runner = CliRunner()
COMMANDS = [
    "run",
    "serve",
    "transcribe",
    "classify",
    "metrics",
    "drivers",
    "rejects",
    "report",
    "doctor",
]
AUDIO = Path(__file__).parent / "data" / "audio"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.fixture
def warehouse(inbox: Path, tmp_path: Path) -> Path:
    settings = Settings(inbox=inbox, warehouse=tmp_path / "w.duckdb")
    stage_ingest(settings, "test-run")
    return settings.warehouse


def test_metrics_json_and_csv(warehouse: Path) -> None:
    result = runner.invoke(
        app, ["metrics", "-w", str(warehouse), "--period", "all", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["metric"]: r for r in json.loads(result.stdout)}
    # R1=9, R2=3, R3=7, R9=10 -> 2 promoters, 1 detractor of 4 -> NPS 25
    assert rows["nps"]["value"] == pytest.approx(25.0)
    assert rows["nps"]["n"] == 4
    csv_out = runner.invoke(app, ["metrics", "-w", str(warehouse), "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("metric,period,group,value,ci_low,ci_high,n")


def test_rejects_command_lists_file_line_and_rule(warehouse: Path) -> None:
    result = runner.invoke(app, ["rejects", "-w", str(warehouse), "--format", "json"])
    rows = json.loads(result.stdout)
    assert {"source": "surveys", "line": 5, "rule": "nps_range"}.items() <= next(
        r for r in rows if r["rule"] == "nps_range"
    ).items()


def test_missing_warehouse_is_one_error_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["drivers", "-w", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_date_is_refused_before_anything_runs() -> None:
    result = runner.invoke(app, ["run", "--date", "31/10/2026"])
    assert result.exit_code == 1
    assert "use YYYY-MM-DD, today, yesterday or all" in result.stderr


def test_serve_explains_that_schedules_need_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    result = runner.invoke(app, ["serve", "--cron", "0 6 * * *"])
    assert result.exit_code == 1
    assert "prefect server start" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, None),
        ("all", None),
        ("today", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 23)),
        ("2026-10-31", date(2026, 10, 31)),
    ],
)
def test_resolve_day(text: str | None, expected: date | None) -> None:
    assert resolve_day(text, today=date(2026, 11, 24)) == expected


def test_classify_csv_to_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "id;comment\n1;Оператор грубил и бросил трубку, ужасный сервис\n"
        "2;Thank you, the technician fixed my internet in ten minutes!\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["classify", "--in", str(src), "--text-column", "comment", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["language"] == "ru" and rows[1]["language"] == "en"
    assert rows[0]["sentiment"] == "negative" and rows[1]["sentiment"] == "positive"
    assert -1 <= rows[0]["sentiment_score"] < 0 < rows[1]["sentiment_score"] <= 1
    assert isinstance(rows[0]["topics"], list) and isinstance(rows[0]["intents"], list)


def test_transcribe_writes_utterances_and_reports_bad_files(tmp_path: Path) -> None:
    out = tmp_path / "t.jsonl"
    result = runner.invoke(
        app,
        [
            "transcribe",
            str(AUDIO / "call_stereo_en.flac"),
            str(AUDIO / "corrupt.wav"),
            "--language",
            "en",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1  # one file failed ...
    assert "corrupt.wav" in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows, "... but the good one was transcribed"
    assert {r["speaker"] for r in rows} == {"agent", "customer"}
    assert set(rows[0]) == {"file", "call_id", "speaker", "start", "end", "text", "language"}


def test_doctor_reports_models_and_device() -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    for check in ("faster-whisper", "speech model", "device", "embeddings", "prefect"):
        assert check in result.output
    assert "tuned: tuned-" in result.output  # the default sentiment model and its version
    assert "restored: ro-diacritics-" in result.output  # the Romanian diacritics table
    assert "missing" not in result.output


def test_metrics_change_churn_and_coverage(warehouse: Path) -> None:
    change = runner.invoke(
        app, ["metrics", "-w", str(warehouse), "--change", "--period", "day", "--format", "json"]
    )
    assert change.exit_code == 0, change.output
    rows = json.loads(change.stdout)
    assert {"change", "p_value", "significant"} <= set(rows[0])
    churn = runner.invoke(app, ["churn", "-w", str(warehouse), "--format", "csv"])
    assert churn.exit_code == 0, churn.output
    assert churn.stdout.startswith("month,lost,base,churn_pct")
    cov = runner.invoke(app, ["coverage", "-w", str(warehouse), "--format", "json"])
    shares = {r["coverage"]: r["responses"] for r in json.loads(cov.stdout)}
    assert shares == {"text and calls": 0, "text only": 3, "calls only": 0, "neither": 1}


def test_drivers_prints_every_column(warehouse: Path, tmp_path: Path) -> None:
    from vocnlp.analytics.drivers import ALL_DRIVER_COLUMNS
    from vocnlp.stages import stage_enrich

    stage_enrich(Settings(warehouse=warehouse, cache_dir=tmp_path / "cache"), "test-run")
    result = runner.invoke(app, ["drivers", "-w", str(warehouse), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows, "the fixture comments mention topics"
    assert list(rows[0]) == ALL_DRIVER_COLUMNS
    assert all(r["low_support"] for r in rows)  # 4 respondents: shown, flagged, unranked
    assert all(r["rank"] is None for r in rows)
    brief = runner.invoke(app, ["drivers", "-w", str(warehouse), "--brief"])
    assert "q_value" in brief.stdout and "logit_p_value" not in brief.stdout
