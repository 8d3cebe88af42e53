"""The DuckDB warehouse: versioned schema, idempotent upserts, runs and rejects.

Tables and columns come from :data:`vocnlp.schema.TABLES`.  Writes are idempotent:

* :meth:`Warehouse.upsert` keys rows by the table's natural key; a row whose
  ``content_hash`` is unchanged is left alone, a changed one is replaced.
* :meth:`Warehouse.replace_children` swaps the child rows of some parents
  (utterances of a call, mentions of a feedback record) in one transaction.
* :meth:`Warehouse.insert_new` adds rows whose key is not there yet and never touches
  existing ones (alerts keep their status).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd

from vocnlp.errors import WarehouseError
from vocnlp.schema import SCHEMA_VERSION, TABLES, columns

log = logging.getLogger(__name__)


@dataclass
class UpsertCounts:
    """What an upsert did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.inserted + other.inserted,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )

    def as_dict(self) -> dict[str, int]:
        return {"inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged}


def _ddl(table: str) -> str:
    cols, key = TABLES[table]
    body = ", ".join(f'"{name}" {kind}' for name, kind in cols.items())
    pk = ", ".join(f'"{k}"' for k in key)
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({body}, PRIMARY KEY ({pk}))'


def _first_row(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> tuple[Any, ...] | None:
    """The first row of a query, with the result fully consumed (DuckDB 2 requires it)."""
    rows = con.execute(sql, list(params or [])).fetchall()
    return tuple(rows[0]) if rows else None


def _names(table: str, prefix: str = "") -> str:
    """The table's columns, quoted, in schema order (inserts never rely on position)."""
    return ", ".join(f'{prefix}"{name}"' for name in columns(table))


def _conform(table: str, frame: pd.DataFrame, run_id: str | None) -> pd.DataFrame:
    """Columns in DDL order, missing ones as NULL, run_id filled in."""
    out = frame.copy()
    for name in columns(table):
        if name not in out.columns:
            out[name] = None
    if run_id is not None and "run_id" in out.columns:
        out["run_id"] = run_id
    out = out[columns(table)]
    # Object columns with Python None keep DuckDB's type inference honest.
    return out.astype(object).where(out.notna(), None)


class Warehouse:
    """A DuckDB warehouse file.  Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise WarehouseError(
                f"{self.path}: warehouse not found; run `vocnlp run` first or pass --warehouse"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise WarehouseError(f"{self.path}: cannot open warehouse: {exc}") from exc
        if not read_only:
            self._migrate()
        else:
            self._check_version()

    # -- lifecycle ---------------------------------------------------------------------
    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _stored_version(self) -> int | None:
        row = _first_row(
            self.con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        )
        if not row or row[0] == 0:
            return None
        found = _first_row(self.con, "SELECT value FROM meta WHERE key = 'schema_version'")
        return int(found[0]) if found else None

    def _check_version(self) -> None:
        version = self._stored_version()
        if version is not None and version > SCHEMA_VERSION:
            raise WarehouseError(
                f"{self.path}: schema version {version} is newer than this vocnlp "
                f"understands ({SCHEMA_VERSION}); upgrade vocnlp"
            )

    def _migrate(self) -> None:
        self._check_version()
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for table in TABLES:
            self.con.execute(_ddl(table))
            self._add_missing_columns(table)
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )

    def _add_missing_columns(self, table: str) -> None:
        """Columns added to a table in a later schema version (added as NULL)."""
        have = set(
            self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                [table],
            ).df()["column_name"]
        )
        for name, kind in TABLES[table][0].items():
            if name not in have:
                log.info("warehouse %s: adding column %s.%s", self.path, table, name)
                self.con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {kind}')

    @property
    def schema_version(self) -> int:
        return self._stored_version() or 0

    # -- writes ------------------------------------------------------------------------
    def upsert(self, table: str, frame: pd.DataFrame, run_id: str | None = None) -> UpsertCounts:
        """Insert new keys, replace rows whose content_hash changed, leave the rest."""
        if frame.empty:
            return UpsertCounts()
        cols, key = TABLES[table]
        incoming = _conform(table, frame, run_id).drop_duplicates(list(key), keep="last")
        if "content_hash" not in cols:
            raise WarehouseError(f"table {table} has no content_hash; use replace_children")
        on = " AND ".join(f'i."{k}" = t."{k}"' for k in key)
        self.con.register("incoming", incoming)
        try:
            self.con.execute("BEGIN TRANSACTION")
            status = _first_row(
                self.con,
                f"""SELECT
                      count(*) FILTER (WHERE t."{key[0]}" IS NULL),
                      count(*) FILTER (WHERE t."{key[0]}" IS NOT NULL
                                       AND t.content_hash IS DISTINCT FROM i.content_hash),
                      count(*) FILTER (WHERE t.content_hash = i.content_hash)
                    FROM incoming i LEFT JOIN "{table}" t ON {on}""",
            )
            self.con.execute(
                f"""INSERT OR REPLACE INTO "{table}" ({_names(table)})
                    SELECT {_names(table, "i.")} FROM incoming i LEFT JOIN "{table}" t ON {on}
                    WHERE t."{key[0]}" IS NULL
                       OR t.content_hash IS DISTINCT FROM i.content_hash"""
            )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise WarehouseError(f"{self.path}: upsert into {table} failed: {exc}") from exc
        finally:
            self.con.unregister("incoming")
        assert status is not None
        return UpsertCounts(int(status[0]), int(status[1]), int(status[2]))

    def replace_children(
        self,
        table: str,
        parent_column: str,
        parents: Iterable[str],
        frame: pd.DataFrame,
        run_id: str | None = None,
    ) -> int:
        """Delete the rows of ``parents`` and insert ``frame`` (their new children)."""
        parent_list = sorted(set(parents))
        if not parent_list:
            return 0
        incoming = _conform(table, frame, run_id)
        self.con.register("parents", pd.DataFrame({"p": parent_list}))
        self.con.register("incoming", incoming)
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(
                f'DELETE FROM "{table}" WHERE "{parent_column}" IN (SELECT p FROM parents)'
            )
            if not incoming.empty:
                self.con.execute(
                    f'INSERT INTO "{table}" ({_names(table)}) SELECT {_names(table)} FROM incoming'
                )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise WarehouseError(f"{self.path}: writing {table} failed: {exc}") from exc
        finally:
            self.con.unregister("incoming")
            self.con.unregister("parents")
        return len(incoming)

    def insert_new(self, table: str, frame: pd.DataFrame, run_id: str | None = None) -> int:
        """Insert rows whose key is absent; existing rows are never modified."""
        if frame.empty:
            return 0
        key = TABLES[table][1]
        incoming = _conform(table, frame, run_id).drop_duplicates(list(key))
        on = " AND ".join(f'i."{k}" = t."{k}"' for k in key)
        self.con.register("incoming", incoming)
        try:
            before = self.count(table)
            self.con.execute(
                f"""INSERT INTO "{table}" ({_names(table)})
                    SELECT {_names(table, "i.")} FROM incoming i
                    WHERE NOT EXISTS (SELECT 1 FROM "{table}" t WHERE {on})"""
            )
        finally:
            self.con.unregister("incoming")
        return self.count(table) - before

    def update_columns(self, table: str, frame: pd.DataFrame, update: Sequence[str]) -> int:
        """Set ``update`` columns of existing rows from ``frame`` (matched by key)."""
        if frame.empty:
            return 0
        key = TABLES[table][1]
        incoming = frame[[*key, *update]].astype(object)
        incoming = incoming.where(incoming.notna(), None)
        assignments = ", ".join(f'"{c}" = i."{c}"' for c in update)
        on = " AND ".join(f't."{k}" = i."{k}"' for k in key)
        self.con.register("incoming", incoming)
        try:
            self.con.execute(f'UPDATE "{table}" t SET {assignments} FROM incoming i WHERE {on}')
        finally:
            self.con.unregister("incoming")
        return len(incoming)

    # -- runs --------------------------------------------------------------------------
    def start_run(
        self, run_id: str, day: date | None, inbox: str, models: dict[str, str], version: str
    ) -> None:
        """Record a run (re-running the same day and inbox updates its row)."""
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.execute(
            """INSERT INTO runs (run_id, day, started_at, status, attempts, inbox, counts,
                                 models, vocnlp_version)
               VALUES (?, ?, ?, 'running', 1, ?, '{}', ?, ?)
               ON CONFLICT (run_id) DO UPDATE SET started_at = excluded.started_at,
                 status = 'running', attempts = runs.attempts + 1, finished_at = NULL,
                 models = excluded.models, vocnlp_version = excluded.vocnlp_version""",
            [run_id, day, now, inbox, json.dumps(models, sort_keys=True), version],
        )

    def finish_run(
        self, run_id: str, status: str, counts: dict[str, Any], models: dict[str, str] | None = None
    ) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.execute(
            "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE run_id = ?",
            [now, status, json.dumps(counts, sort_keys=True, default=str), run_id],
        )
        if models:
            self.con.execute(
                "UPDATE runs SET models = ? WHERE run_id = ?",
                [json.dumps(models, sort_keys=True), run_id],
            )

    # -- reads -------------------------------------------------------------------------
    def count(self, table: str) -> int:
        row = _first_row(self.con, f'SELECT count(*) FROM "{table}"')
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        return {table: self.count(table) for table in TABLES}

    def frame(
        self, table: str, where: str | None = None, params: Sequence[Any] | None = None
    ) -> pd.DataFrame:
        """A whole table (or a filtered part) as a DataFrame."""
        sql = f'SELECT * FROM "{table}"' + (f" WHERE {where}" if where else "")
        return self.con.execute(sql, list(params or [])).df()

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        return self.con.execute(sql, list(params or [])).df()
