"""Restore the diacritics of Romanian typed without them, for the models only.

Half of Romanian feedback is typed on phones without ă â î ș ț ("nu am primit factura,
astept de o saptamana"). The encoder reads "saptamana" and "săptămână" as different words:
the same sentence got the same topics with and without diacritics only two times in three.
Each word of a Romanian text that has no diacritic at all is replaced by its most frequent
written form in a Romanian word-frequency list (``models/ro_diacritics.tsv``, built by
:mod:`vocnlp.text.build_ro_diacritics` from the ``wordfreq`` package; card
``models/ro_diacritics.md``): "astept" -> "aștept", "saptamana" -> "săptămână".
Ambiguous words keep their most frequent form ("ca" becomes "că").

Only what the models read changes: the stored text, the sentences and the quotes stay as
the customer wrote them.  A text with any Romanian diacritic is left alone.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from vocnlp.errors import ConfigError
from vocnlp.text._util import model_file

RO_DIACRITICS_FILE = "ro_diacritics.tsv"
_DIACRITICS = re.compile(r"[ăâîșțşţĂÂÎȘȚŞŢ]")
_WORD = re.compile(r"[A-Za-z]+")


def has_diacritics(text: str) -> bool:
    """Whether ``text`` has any Romanian letter with a diacritic."""
    return bool(_DIACRITICS.search(text))


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> tuple[dict[str, str], str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ConfigError(
            f"{path}: Romanian diacritics table not found; rebuild it with "
            "`python -m vocnlp.text.build_ro_diacritics --wheels DIR` or set "
            "restore_diacritics = false"
        ) from exc
    table: dict[str, str] = {}
    for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
        if number == 1 or not line:
            continue  # header: plain, written
        plain, sep, written = line.partition("\t")
        if not sep or not plain or not written:
            raise ConfigError(f"{path}, line {number}: expected 'plain<TAB>written'")
        table[plain] = written
    return table, hashlib.sha256(raw).hexdigest()


def load_table(path: Path | str | None = None) -> tuple[dict[str, str], str]:
    """(plain word -> written form, sha256 of the file) of ``path`` or the bundled table."""
    return _load(model_file(path, RO_DIACRITICS_FILE).resolve())


def table_version(path: Path | str | None = None) -> str:
    """``ro-diacritics-<digest>`` of the table (its cache and warehouse version)."""
    return f"ro-diacritics-{load_table(path)[1][:10]}"


def restore_diacritics(text: str, table: dict[str, str]) -> str:
    """``text`` with every word found in ``table`` written with its diacritics; the case
    of each word is kept (Lowercase, Capitalised, UPPER)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        written = table.get(word.lower())
        if written is None:
            return word
        if word.isupper() and len(word) > 1:
            return written.upper()
        return written[0].upper() + written[1:] if word[0].isupper() else written

    return _WORD.sub(fix, text)


__all__ = [
    "RO_DIACRITICS_FILE",
    "has_diacritics",
    "load_table",
    "restore_diacritics",
    "table_version",
]
