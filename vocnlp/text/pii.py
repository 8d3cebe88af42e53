"""PII redaction for transcripts and free text (en/ru/uk/ro), applied before anything is stored.

:func:`redact` replaces, in this order:

* e-mail addresses -> ``[EMAIL]``;
* IBANs (ISO 13616, mod-97 checked: ``RO49 AAAA 1B31 0075 9384 0000``, ``UA21 3223...``)
  -> ``[IBAN]``;
* payment card numbers, 13-19 digits with spaces or dashes, Luhn-checked -> ``[CARD]``;
* phone numbers: international (``+7 916 123-45-67``, ``+380 67 123 4567``,
  ``+40 721 234 567``, ``+1 (415) 555-0100``) and national formats (``8 (916) 123-45-67``,
  ``067 123 45 67``, ``0721 234 567``, ``(415) 555-0100``) -> ``[PHONE]``;
* national-ID-like numbers (Romanian CNP, Russian INN/SNILS/passport, Ukrainian RNOKPP, US
  SSN) and any other run of 7+ digits -> ``[ID]``;
* long spoken digit runs, as speech recognition writes them ("four four seven two one nine
  zero five", "сім три нуль ...") of 6+ number words -> ``[DIGITS]``.

Short numbers (prices, dates, times, scores 0-10) are kept: analysts need them.
:func:`find_pii` returns the character spans, e.g. to mute the same words in the audio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PiiMatch", "find_pii", "redact"]


@dataclass(frozen=True)
class PiiMatch:
    """One piece of PII found in a text."""

    kind: str
    """EMAIL | IBAN | CARD | PHONE | ID | DIGITS."""
    start: int
    """Character offset of its first character."""
    end: int
    """Character offset just past its last character."""


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
# digits with single spaces/dashes/dots/parentheses between groups
_DIGIT_RUN = re.compile(r"(?<![\w+])\+?\(?\d(?:[\d]|[ ,\-.()]{1,2}(?=[\d(]))*\d\)?(?!\w)")

_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}")

_NUMBER_WORDS = {
    # en
    "zero", "oh", "o", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "double", "triple",
    # ru
    "ноль", "нуль", "один", "одна", "два", "две", "три", "четыре", "пять", "шесть", "семь",
    "восемь", "девять", "десять", "двадцать", "тридцать", "сорок", "пятьдесят",
    "шестьдесят", "семьдесят", "восемьдесят", "девяносто", "сто",
    # uk
    "дві", "чотири", "пʼять", "шість", "сім", "вісім", "девʼять", "двадцять",
    "тридцять", "пʼятдесят", "шістдесят", "сімдесят", "вісімдесят", "девʼяносто",
    # ro
    "unu", "una", "doi", "două", "doua", "trei", "patru", "cinci", "șase", "sase", "șapte",
    "sapte", "opt", "nouă", "noua", "zece", "douăzeci", "treizeci", "patruzeci", "cincizeci",
    "sută", "suta",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?|\d+", re.UNICODE)
_SPOKEN_MIN = 6
_APOSTROPHES = str.maketrans({"'": "ʼ", "’": "ʼ"})


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _iban_ok(text: str) -> bool:
    s = re.sub(r"\s", "", text).upper()
    if not 15 <= len(s) <= 34 or not s[2:4].isdigit():
        return False
    moved = s[4:] + s[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def _phone_like(raw: str, digits: str) -> bool:
    n = len(digits)
    if raw.startswith("+"):
        return 9 <= n <= 15
    if raw.startswith("(") or re.match(r"\d{3}\)", raw):
        return n in (10, 11)
    if digits.startswith(("8", "0")) and n in (10, 11):  # ru 8-9xx, ua 0xx, ro 07xx
        return bool(re.search(r"[ \-.()]", raw)) or n == 11 or digits.startswith("0")
    if n == 10 and re.fullmatch(r"\d{3}[ \-.]\d{3}[ \-.]\d{4}", raw):  # US 415-555-0100
        return True
    return n == 7 and bool(re.fullmatch(r"\d{3}-\d{4}", raw))


def _classify(raw: str) -> str | None:
    if _DATE.fullmatch(raw):
        return None
    digits = re.sub(r"\D", "", raw)
    n = len(digits)
    if 13 <= n <= 19 and not raw.startswith("+") and _luhn(digits):
        return "CARD"
    if _phone_like(raw, digits):
        return "PHONE"
    if re.fullmatch(r"\d{3}-\d{2}-\d{4}", raw) or re.fullmatch(r"\d{3}-\d{3}-\d{3} \d{2}", raw):
        return "ID"  # US SSN, RU SNILS
    if n >= 7:
        return "ID"  # CNP (13), INN (10/12), RNOKPP (10), passports, account numbers
    if n == 6 and re.fullmatch(r"\d{2} \d{2} \d{6}", raw):
        return "ID"
    return None


def _spoken_runs(text: str, taken: list[tuple[int, int]]) -> list[PiiMatch]:
    """Runs of >= 6 number words (or digit groups) with only spaces/commas between them."""
    out: list[PiiMatch] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        if len(run) >= _SPOKEN_MIN:
            out.append(PiiMatch("DIGITS", run[0].start(), run[-1].end()))
        run.clear()

    for m in _WORD.finditer(text):
        word = m.group().lower().translate(_APOSTROPHES)
        is_number = word in _NUMBER_WORDS or (word.isdigit() and len(word) <= 4)
        between = text[run[-1].end() : m.start()] if run else ""
        if is_number and (not run or re.fullmatch(r"[\s,\-–.]{0,3}", between)):
            run.append(m)
        else:
            close()
            if is_number:
                run.append(m)
    close()
    return [m for m in out if not any(s < m.end and m.start < e for s, e in taken)]


def find_pii(text: str) -> list[PiiMatch]:
    """Every PII span in ``text``, sorted, non-overlapping (earlier rules win)."""
    found: list[PiiMatch] = []

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in found)

    for m in _EMAIL.finditer(text):
        found.append(PiiMatch("EMAIL", m.start(), m.end()))
    for m in _IBAN.finditer(text):
        if free(m.start(), m.end()) and _iban_ok(m.group()):
            found.append(PiiMatch("IBAN", m.start(), m.end()))
    for m in _DIGIT_RUN.finditer(text):
        raw = m.group()
        start, end = m.start(), m.end()
        if raw.endswith(")") and "(" not in raw:  # "(call 555-0100)": keep the bracket
            raw, end = raw[:-1], end - 1
        kind = _classify(raw)
        if kind and free(start, end):
            found.append(PiiMatch(kind, start, end))
    found.extend(_spoken_runs(text, [(m.start, m.end) for m in found]))
    return sorted(found, key=lambda m: m.start)


def redact(text: str) -> str:
    """``text`` with every PII span replaced by ``[KIND]`` (see the module docstring)."""
    if not text:
        return text
    out, last = [], 0
    for m in find_pii(text):
        out.append(text[last : m.start])
        out.append(f"[{m.kind}]")
        last = m.end
    out.append(text[last:])
    return "".join(out)
