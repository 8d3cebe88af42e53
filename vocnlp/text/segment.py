"""Sentence (and clause) splitting with regular expressions; no models, any language.

Rules, in order:

1. A blank line always ends a sentence; a single line break ends one unless the next line
   starts with a lower-case letter (a wrapped line).  Bullets ("-", "*", "•", "1.") start one.
2. ``!`` ``?`` ``…`` (and runs such as ``?!`` or ``...``) followed by a space end a sentence;
   an ellipsis only when the next word is capitalized.
3. ``.`` followed by a space ends a sentence unless the word before it is a known
   abbreviation of the language (``e.g.``, ``т.е.``, ``грн.``, ``nr.``) or a capital letter
   (an initial).  Decimals and URLs ("3.5", "site.com") never split: there is no space.
4. Sentences longer than ``max_chars`` (unpunctuated transcripts) are cut at commas, then at
   spaces.

:func:`split_clauses` further cuts a sentence before a contrastive conjunction ("but",
"но", "але", "dar"...) when both sides have at least two words, so that "The staff was
lovely but the price is outrageous" yields two units with their own sentiment and topic.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ABBREVIATIONS: dict[str, frozenset[str]] = {
    "en": _words(
        "mr mrs ms dr prof st sr jr vs etc e.g i.e inc ltd approx dept "
        "jan feb apr aug sep sept oct nov dec tue thu fri"
    ),
    "ru": _words(
        "т.е т.д т.п т.к т.н т.ч г гг ул д кв корп стр руб коп тел см им др пр проф "
        "млн млрд тыс ср напр мин макс шт обл р-н"
    ),
    "uk": _words(
        "т.б т.д т.п т.ч т.зв вул буд кв корп стор грн коп тел див ім ін пр проф "
        "млн млрд тис напр хв шт обл р-н"
    ),
    "ro": _words(
        "dl dna dnul dnei d-l d-na nr str bd bdul tel etc ex pag prof dr ing sf ap bl sc "
        "et jud mun sect min max"
    ),
}

_CONTRAST = re.compile(
    r"(?:,\s*|\s+)(?=(?:but|however|although|though|whereas|"
    r"но|однако|зато|хотя|але|проте|однак|зате|хоча|"
    r"dar|însă|insa|totuși|totusi|deși|desi)\b)"
    r"|,\s+(?=(?:а|iar)\s)",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"([.!?…]+)([\"'»”’)\]]*)\s+")
_BULLET = re.compile(r"^\s*(?:[-*•–—]|\d{1,2}[.)])\s+")
_HAS_WORD = re.compile(r"[\w\u2600-\u27bf\U0001f300-\U0001faff]")  # letters, digits, emoji
MIN_CLAUSE_WORDS = 2


def _lines(text: str) -> list[str]:
    """Paragraph/line pieces: blank lines split, wrapped lines are joined."""
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current = ""
        for raw in paragraph.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if current and (_BULLET.match(raw) or not line[0].islower()):
                pieces.append(current)
                current = line
            else:
                current = f"{current} {line}" if current else line
        if current:
            pieces.append(current)
    return [_BULLET.sub("", p, count=1) for p in pieces]


def _is_abbreviation(before: str, abbreviations: frozenset[str]) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("(\"'«“").rstrip(".")
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "A. Smith"
    return word.lower() in abbreviations


def _split_line(line: str, abbreviations: frozenset[str]) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        punct = match.group(1)
        end = match.end()
        nxt = line[end : end + 1]
        if not nxt:
            continue
        if punct == "." and _is_abbreviation(line[start : match.start()], abbreviations):
            continue
        if (punct == "…" or punct.startswith("..")) and not (nxt.isupper() or nxt.isdigit()):
            continue
        out.append(line[start : match.start() + len(punct) + len(match.group(2))])
        start = end
    out.append(line[start:])
    return out


def _cap(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    parts: list[str] = []
    current = ""
    for piece in re.split(r"(?<=[,;:])\s+|\s+", sentence):
        candidate = f"{current} {piece}" if current else piece
        if len(candidate) > max_chars and current:
            parts.append(current)
            current = piece
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def split_clauses(sentence: str, min_words: int = MIN_CLAUSE_WORDS) -> list[str]:
    """Cut ``sentence`` before contrastive conjunctions (but/но/але/dar...)."""
    cuts = [m.start() for m in _CONTRAST.finditer(sentence)]
    if not cuts:
        return [sentence]
    pieces: list[str] = []
    start = 0
    for cut in cuts:
        left = sentence[start:cut]
        if len(left.split()) >= min_words:
            pieces.append(left)
            start = cut
    right = sentence[start:]
    if pieces and len(right.split()) < min_words:
        pieces[-1] = pieces[-1] + right
    else:
        pieces.append(right)
    cleaned = [p.strip().lstrip(",").strip() for p in pieces]
    return [p for p in cleaned if p]


def split_sentences(
    text: str | None, language: str | None = None, *, clauses: bool = False, max_chars: int = 500
) -> list[str]:
    """Sentences of ``text``; ``clauses=True`` also splits at contrastive conjunctions."""
    if not text or not text.strip():
        return []
    abbreviations = ABBREVIATIONS.get(language or "", frozenset()) | ABBREVIATIONS["en"]
    sentences: list[str] = []
    for line in _lines(text.replace("\r\n", "\n").replace("\r", "\n")):
        for sentence in _split_line(line, abbreviations):
            sentence = sentence.strip()
            if not sentence or not _HAS_WORD.search(sentence):
                continue
            for piece in _cap(sentence, max_chars):
                sentences.extend(split_clauses(piece) if clauses else [piece])
    return sentences


__all__ = ["ABBREVIATIONS", "split_clauses", "split_sentences"]
