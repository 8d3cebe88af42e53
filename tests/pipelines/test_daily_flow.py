"""The daily flow end to end on the fixture inbox, under a real (temporary) Prefect server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vocnlp.cli import app
from vocnlp.store import Warehouse

prefect_testing = pytest.importorskip("prefect.testing.utilities")


@pytest.fixture(scope="module")
def prefect_harness() -> Iterator[None]:
    with prefect_testing.prefect_test_harness(server_startup_timeout=120):
        yield


def test_daily_flow_processes_the_inbox_and_a_rerun_changes_nothing(
    prefect_harness: None, inbox: Path, tmp_path: Path
) -> None:
    from pipelines.daily import daily_voc

    warehouse = tmp_path / "voc.duckdb"
    report = tmp_path / "report.html"
    counts = daily_voc(inbox=str(inbox), warehouse=str(warehouse), report=str(report))

    assert counts["ingest"]["responses"]["inserted"] == 4
    assert counts["transcribe"]["calls"]["inserted"] == 1  # K1; K2 corrupt, K3 missing
    assert counts["enrich"]["enriched"] > 0
    assert report.exists()
    with Warehouse(warehouse, read_only=True) as wh:
        first = wh.counts()
        rules = set(wh.frame("rejects")["rule"])
        utterances = wh.frame("utterances")
        feedback = wh.frame("feedback")
        run = wh.frame("runs").iloc[0]
    assert {"audio_unreadable", "audio_missing", "nps_range", "invalid_json"} <= rules
    assert set(utterances["speaker"]) == {"agent", "customer"}
    assert "call:K1" in set(feedback["feedback_id"])
    assert feedback["sentiment"].notna().all()
    assert run["status"] == "completed"
    models = json.loads(run["models"])
    assert models["speech"].startswith("whisper-base")

    # Second run through the CLI: the same rows, nothing transcribed or enriched again.
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--inbox",
            str(inbox),
            "--warehouse",
            str(warehouse),
            "--report",
            str(report),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    again = json.loads(result.stdout.strip().splitlines()[-1])
    assert again["transcribe"]["skipped"] == 1
    assert again["enrich"] == {"enriched": 0}
    with Warehouse(warehouse, read_only=True) as wh:
        assert wh.counts() == first
        assert wh.frame("runs").iloc[0]["attempts"] == 2
