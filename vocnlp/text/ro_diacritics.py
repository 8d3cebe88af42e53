"""Restore the diacritics of Romanian typed without them, for the models only.

Half of Romanian feedback is typed on phones without ă â î ș ț ("nu am primit factura,
astept de o saptamana"). The encoder reads "saptamana" and "săptămână" as different words:
the same sentence got the same topics with and without diacritics only two times in three.
Each word of a Romanian text that has no diacritic at all is replaced by its most frequent
written form in a Romanian word-frequency list (``models/ro_diacritics.tsv``, built by
:mod:`vocnlp.text.build_ro_diacritics` from the ``wordfreq`` package; card
``models/ro_diacritics.md``): "astept" -> "aștept", "saptamana" -> "săptămână".
Where one plain spelling is two common words, a few rules look at the neighbouring words
(:func:`restore_diacritics`, ``context=True``): "ca să", "ca și", "ca un" keep "ca" (as)
where "ca" otherwise becomes "că" (that); "va" (will) becomes "vă" (you) before "rog",
"mulțumesc" and other first-person verbs and after "să"; after "o", "nicio", "vreo",
"fiecare" a noun the table writes with the definite "-a" takes the indefinite "-ă" ("o
oră", not "o ora"); "a doua", "a noua" keep the ordinal.  Other ambiguous words keep their
most frequent form.

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
CONTEXT_RULES_VERSION = 1
"""Bump when the context rules change: restored text, and so the cache and the warehouse's
``enriched_with``, change with them."""
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
    """``ro-diacritics-<digest>+ctx<N>`` of the table and the context rules (the cache and
    warehouse version of restored text)."""
    return f"ro-diacritics-{load_table(path)[1][:10]}+ctx{CONTEXT_RULES_VERSION}"


# "ca" (as, like) rather than "că" (that) before these words: "ca să", "ca și", "ca un".
_CA_BEFORE = frozenset(
    {"sa", "si", "un", "o", "nou", "acum", "inainte", "intotdeauna", "atare", "urmare"}
)
# "vă" (you) rather than "va" (will) before these: "vă rog", "vă mulțumesc"; also before a
# first-person verb ending in -m, -esc, -ez ("vă așteptăm", "vă doresc", "vă contactez"),
# which "va" (will, + infinitive) never precedes.
_VA_BEFORE = frozenset(
    {"rog", "multumesc", "sun", "scriu", "pot", "cer", "spun", "dau", "ofer", "ajut"}
    | {"trimit", "recomand", "felicit", "intreb", "astept", "anunt", "las", "urez"}
)
# The indefinite article or a determiner that takes the noun without its article:
# "o oră", "nicio factură", "fiecare lună".
_INDEFINITE = frozenset({"o", "nicio", "vreo", "fiecare"})


def _in_context(plain: str, written: str, before: str, after: str, after2: str) -> str:
    """``written`` (the table's form of the lower-case ``plain`` word, or ``plain``)
    corrected by the words around it (plain, lower case; "" at the ends)."""
    if plain == "ca":
        keep = after in _CA_BEFORE and not (after == "o" and after2 == "sa")
        return "ca" if keep else written
    if plain == "va":
        first_person = len(after) > 2 and after.endswith(("m", "esc", "ez"))
        return "vă" if after in _VA_BEFORE or first_person or before == "sa" else written
    if plain in ("doua", "noua") and before == "a":
        return plain  # the ordinal: "a doua zi"
    if (
        before in _INDEFINITE
        and len(plain) > 2
        and written.endswith("a")
        and written[-2] not in "aeiouăâî"
    ):
        return written[:-1] + "ă"  # "o ora" -> "o oră", but "o cafea" stays
    return written


def restore_diacritics(text: str, table: dict[str, str], context: bool = True) -> str:
    """``text`` with every word found in ``table`` written with its diacritics and, with
    ``context``, the neighbouring-word rules of this module applied; the case of each word
    is kept (Lowercase, Capitalised, UPPER)."""
    matches = list(_WORD.finditer(text))
    plains = [m.group(0).lower() for m in matches]
    out: list[str] = []
    end = 0
    for index, match in enumerate(matches):
        word, plain = match.group(0), plains[index]
        written = table.get(plain, plain)
        if context:
            before = plains[index - 1] if index > 0 else ""
            after = plains[index + 1] if index + 1 < len(plains) else ""
            after2 = plains[index + 2] if index + 2 < len(plains) else ""
            written = _in_context(plain, written, before, after, after2)
        if written != plain:
            if word.isupper() and len(word) > 1:
                word = written.upper()
            else:
                word = written[0].upper() + written[1:] if word[0].isupper() else written
        out += [text[end : match.start()], word]
        end = match.end()
    out.append(text[end:])
    return "".join(out)


__all__ = [
    "RO_DIACRITICS_FILE",
    "has_diacritics",
    "load_table",
    "restore_diacritics",
    "table_version",
]
