"""Reject records: every input that cannot be stored ends here, with where and why."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

import pandas as pd

from vocnlp.schema import columns


@dataclass(frozen=True)
class Reject:
    """One rejected row or file.

    ``line`` is the 1-based physical line in the file (the header is line 1) or ``None``
    when the whole file is rejected.  ``rule`` is a short stable name (e.g. ``nps_range``)
    that scripts can group by; ``message`` is the human sentence.
    """

    source: str
    file: str
    line: int | None
    field: str | None
    value: str | None
    rule: str
    message: str

    @property
    def reject_id(self) -> str:
        key = "\x1f".join(
            str(x) for x in (self.source, self.file, self.line, self.field, self.rule)
        )
        return hashlib.sha256(key.encode()).hexdigest()[:24]

    def describe(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


def rejects_frame(rejects: list[Reject], run_id: str = "") -> pd.DataFrame:
    """Rejects as a DataFrame with the warehouse ``rejects`` columns."""
    rows = [
        {**asdict(r), "reject_id": r.reject_id, "run_id": run_id, "value": _clip(r.value)}
        for r in rejects
    ]
    return pd.DataFrame(rows, columns=columns("rejects"))


def _clip(value: str | None, limit: int = 200) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
