"""Shared fixtures: the tiny fixture inbox under tests/data/inbox."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A writable copy of the fixture inbox (audio paths still point at tests/data/audio)."""
    target = tmp_path / "inbox"
    shutil.copytree(DATA / "inbox", target)
    calls = target / "calls" / "calls.csv"
    text = calls.read_text(encoding="utf-8").replace("../../audio/", f"{DATA / 'audio'}/")
    calls.write_text(text, encoding="utf-8")
    return target
