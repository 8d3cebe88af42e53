"""Shared pieces of the ``vocnlp`` command: the typer app, output formats, errors, progress.

Library errors (:class:`~vocnlp.errors.VocError`) become one ``error:`` line on stderr and
exit code 1; bad usage exits 2 (typer).  Tables go to stdout in ``--format table|csv|json``
so scripts can consume them; progress and messages go to stderr.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from vocnlp.config import Settings, load_settings
from vocnlp.errors import VocError

app = typer.Typer(
    help="Voice-of-customer pipeline: transcribe calls, classify feedback, explain NPS.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def friendly(func: F) -> F:
    """Turn VocError into one clear line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VocError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="vocnlp.toml to read.")]
WarehouseOpt = Annotated[
    Path | None, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _settings(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


def emit(frame: pd.DataFrame, fmt: Format, title: str | None = None) -> None:
    """Print a DataFrame as a rich table, CSV or JSON records on stdout."""
    if fmt is Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
        return
    if fmt is Format.json:
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        sys.stdout.write("\n")
        return
    # Piped output (a report script, less -S) gets wide rows instead of 80-column wrapping.
    console = out if out.is_terminal else Console(width=max(out.width, 240))
    table = Table(title=title, show_lines=False)
    for name in frame.columns:
        table.add_column(str(name), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    console.print(table)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"
    return str(value)


class ProgressBar:
    """A rich progress bar fed by vocnlp.progress reports (stderr)."""

    def __enter__(self) -> Callable[[str, int, int], None]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        )
        self.tasks: dict[str, Any] = {}
        self.bar.start()
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


def _open_warehouse(config: Path | None, warehouse: Path | None) -> Any:
    from vocnlp.store import Warehouse

    return Warehouse(_settings(config, warehouse=warehouse).warehouse, read_only=True)
