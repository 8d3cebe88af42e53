"""A process-wide progress hook: stages report, the CLI (if any) draws a bar.

The library never prints; a caller installs a reporter with :func:`set_reporter`.  Stages
run inside Prefect worker threads, so this is a plain module-level hook, not a contextvar.
"""

from __future__ import annotations

from collections.abc import Callable

Reporter = Callable[[str, int, int], None]
"""Called as ``reporter(stage, done, total)``."""

_reporter: Reporter | None = None


def set_reporter(reporter: Reporter | None) -> None:
    """Install (or with ``None`` remove) the progress reporter."""
    global _reporter
    _reporter = reporter


def report(stage: str, done: int, total: int) -> None:
    """Tell the installed reporter how far a stage is; no-op without one."""
    if _reporter is not None:
        _reporter(stage, done, total)
