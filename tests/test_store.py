"""The DuckDB warehouse: real file, idempotent writes, versioned schema."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vocnlp.errors import WarehouseError
from vocnlp.schema import SCHEMA_VERSION, TABLES
from vocnlp.store import Warehouse


def customers(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "segment", "content_hash"])


def test_fresh_warehouse_has_every_table_and_the_schema_version(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        assert set(wh.counts()) == set(TABLES)
        assert wh.schema_version == SCHEMA_VERSION


def test_upsert_inserts_updates_and_skips_unchanged(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        first = wh.upsert("customers", customers(("a", "mass", "h1"), ("b", "vip", "h2")), "r1")
        assert first.as_dict() == {"inserted": 2, "updated": 0, "unchanged": 0}
        again = wh.upsert("customers", customers(("a", "mass", "h1"), ("b", "biz", "h3")), "r2")
        assert again.as_dict() == {"inserted": 0, "updated": 1, "unchanged": 1}
        rows = wh.frame("customers").set_index("customer_id")
    assert rows.loc["b", "segment"] == "biz"
    assert rows.loc["b", "run_id"] == "r2"
    assert rows.loc["a", "run_id"] == "r1"  # untouched rows keep the run that wrote them


def test_data_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as wh:
        wh.upsert("customers", customers(("a", "mass", "h1")), "r1")
    with Warehouse(path, read_only=True) as wh:
        assert wh.count("customers") == 1


def test_replace_children_swaps_rows_of_the_given_parents_only(tmp_path: Path) -> None:
    utt = pd.DataFrame({"call_id": ["c1", "c1", "c2"], "idx": [0, 1, 0], "text": ["a", "b", "c"]})
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.replace_children("utterances", "call_id", ["c1", "c2"], utt)
        wh.replace_children("utterances", "call_id", ["c1"], utt[utt.call_id == "c1"].head(1))
        left = wh.frame("utterances").sort_values(["call_id", "idx"])
    assert left[["call_id", "text"]].values.tolist() == [["c1", "a"], ["c2", "c"]]


def test_insert_new_never_overwrites(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        assert wh.insert_new("alerts", pd.DataFrame({"alert_id": ["x"], "status": ["open"]})) == 1
        wh.con.execute("UPDATE alerts SET status = 'done'")
        assert wh.insert_new("alerts", pd.DataFrame({"alert_id": ["x"], "status": ["open"]})) == 0
        assert wh.frame("alerts")["status"].tolist() == ["done"]


def test_runs_are_recorded_with_models_and_rerun_counts_attempts(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.start_run("r1", None, "inbox", {"speech": "whisper-base"}, "0.1.0")
        wh.finish_run("r1", "completed", {"ingest": 3})
        wh.start_run("r1", None, "inbox", {"speech": "whisper-base"}, "0.1.0")
        runs = wh.frame("runs")
    assert len(runs) == 1
    assert runs.loc[0, "attempts"] == 2
    assert '"speech": "whisper-base"' in runs.loc[0, "models"]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as wh:
        wh.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(WarehouseError, match="newer than this vocnlp"):
        Warehouse(path)


def test_missing_warehouse_read_only_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="run `vocnlp run` first"):
        Warehouse(tmp_path / "none.duckdb", read_only=True)


def test_older_warehouse_gains_new_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as wh:
        wh.upsert("customers", customers(("a", "mass", "h1")), "r1")
    cols, key = TABLES["customers"]
    # The new column sits in the middle of the schema; the file gets it appended at the end.
    newer = {"customer_id": cols["customer_id"], "tier": "VARCHAR"}
    newer.update({k: v for k, v in cols.items() if k != "customer_id"})
    monkeypatch.setitem(TABLES, "customers", (newer, key))
    with Warehouse(path) as wh:
        wh.upsert("customers", customers(("b", "vip", "h2")).assign(tier="gold"), "r2")
        rows = wh.frame("customers").set_index("customer_id")
    assert rows.loc["b", "tier"] == "gold"
    assert rows.loc["b", "segment"] == "vip"
    assert pd.isna(rows.loc["a", "tier"])
