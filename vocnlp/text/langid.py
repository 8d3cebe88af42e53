"""Language identification with lingua, restricted to the configured languages.

Short customer texts are hard: "Все добре" is Ukrainian, "Все хорошо" Russian, "super" could
be English or Romanian.  :func:`detect_languages` therefore returns a confidence and a flag:

* ``None``        confident single-language text;
* ``"uncertain"`` the best confidence is below ``min_confidence`` or the text has no letters;
  the language falls back to the default when the default is written in the text's script
  (Latin/Cyrillic), otherwise to the best candidate of that script;
* ``"mixed"``     a longer text where a second language covers at least ``mixed_min_share``
  of the words;
* ``"empty"``     nothing but whitespace (language ``None``);
* ``"unsupported"`` a text of at least ``unsupported_min_words`` words that lingua, asked
  about the configured languages *and* ``unsupported_languages`` (German, Polish, Bulgarian,
  Belarusian, ...), puts in one of the latter with ``unsupported_min_confidence``: the
  language is that code, so a Polish review is not silently scored as English.  The text is
  still analysed and counted (sentiment holds up in the guard languages:
  ``bench/eval_text.py``, set ``foreign``); filter on the flag to leave it out.

Letters that exist in only one of Russian/Ukrainian (ы э ъ ё vs. і ї є ґ) settle a ru/uk tie
that lingua gets wrong; without such letters, frequent words that exist in only one of them
("добре", "коли", "буде" vs. "хорошо", "когда", "будет") do.  Romanian typed without
diacritics ("Nu merge", "Pret mare") wins over an unsure English guess when most of its words
are common Romanian words, and an unsure best guess beats the default language when it leads
it by :data:`FALLBACK_MARGIN`.  The lingua detector is built once per language set and kept.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from vocnlp.errors import ConfigError, MissingExtraError
from vocnlp.text.ru_uk_markers import RU_UK_MARKERS_VERSION, ru_uk_evidence, word_set

log = logging.getLogger(__name__)

LANGUAGE_FLAGS = ("uncertain", "mixed", "empty", "unsupported")
UNSUPPORTED_GUARD = (
    *("en", "ru", "uk", "ro"),
    *("de", "fr", "es", "it", "pl", "pt", "tr", "bg", "be", "hu", "cs"),
)
"""Languages a text is checked against before it is put in a configured one (see
:class:`LangIdOptions`; the configured ones are left out): the project's four, so a
deployment that drops one flags its texts instead of misfiling them, and European and
regional languages feedback in these markets also arrives in, including close relatives
easy to mistake for them.  Not Kazakh through lingua: it puts ordinary Ukrainian sentences
in it with confidence 1.0 (32 of ~8,000 training-side texts); Kazakh is recognised by its
own letters instead (:data:`_KK_ONLY`), unless it is configured."""
_KK_ONLY = frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ")
"""Letters of Kazakh that Russian and Ukrainian lack; two or more mark a text Kazakh."""
_OWN_LETTERS = {"ro": frozenset("ățĂȚ"), "uk": frozenset("їєґЇЄҐ")}
"""Letters no guard language writes: a text with one of a configured language's is never
flagged ``unsupported`` (lingua put "Nu e rău." in Turkish and "N-am nicio reclamație." in
Spanish).  Not ș (cleaning turns Turkish ş into it), â, î (French, Turkish) or і (Belarusian)."""
UNSUPPORTED_MIN_CONFIDENCE = 0.6
FALLBACK_MARGIN = 0.15
"""An unsure best guess still beats the default language when this far ahead of it."""
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk"})
_UK_ONLY = frozenset("іїєґІЇЄҐ")
_RU_ONLY = frozenset("ыэъёЫЭЪЁ")


_RO_WORDS = word_set(
    "nu si este sunt foarte multumesc mersi merge functioneaza vreau comanda livrare livrarea "
    "pret pretul scump bani banii inapoi astept asteptam niciodata nimeni prea dar sau pentru "
    "acum deloc bine rau meu mea mei totul niste cand unde cum ati sa fost fara"
)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LangResult:
    """Language of one text: ISO 639-1 code (or None), lingua confidence and flag."""

    language: str | None
    confidence: float
    flag: str | None


@dataclass
class LangIdOptions:
    """Thresholds of :func:`detect_languages`."""

    min_confidence: float = 0.6
    """Below this lingua confidence the result is flagged ``uncertain``."""
    mixed_min_share: float = 0.25
    """Share of words a second language must cover to flag the text ``mixed``."""
    mixed_min_words: int = 6
    """Texts with fewer words are never checked for mixing (too little evidence)."""
    unsupported_languages: tuple[str, ...] = UNSUPPORTED_GUARD
    """ISO 639-1 codes outside the configured languages that texts are checked against; a
    text clearly in one of them is flagged ``unsupported``.  Empty: no check."""
    unsupported_min_confidence: float = UNSUPPORTED_MIN_CONFIDENCE
    """lingua confidence an unsupported language needs to win."""
    unsupported_min_words: int = 3
    """Shorter texts are never flagged ``unsupported`` ("Super", "Taxi ok" fit many)."""

    def __post_init__(self) -> None:
        for name in ("min_confidence", "mixed_min_share", "unsupported_min_confidence"):
            value = float(getattr(self, name))
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"langid {name}={value}: must be between 0 and 1")
            setattr(self, name, value)
        if isinstance(self.unsupported_languages, str):
            raise ConfigError("langid unsupported_languages: give a list of ISO 639-1 codes")
        self.unsupported_languages = tuple(
            dict.fromkeys(str(code).strip().lower() for code in self.unsupported_languages)
        )
        if self.mixed_min_words < 1 or self.unsupported_min_words < 1:
            raise ConfigError("langid mixed_min_words and unsupported_min_words must be >= 1")

    def version(self) -> str:
        """What, besides lingua's version, decides the detected languages (run records)."""
        markers = f"+ru-uk-markers-{RU_UK_MARKERS_VERSION}"
        if not self.unsupported_languages:
            return markers
        guard = ",".join(self.unsupported_languages)
        return f"+unsupported({guard})>={self.unsupported_min_confidence:g}+own-letters{markers}"


def lingua_version() -> str:
    """Version string of the language-id model, for run records."""
    try:
        return f"lingua-{metadata.version('lingua-language-detector')}"
    except metadata.PackageNotFoundError:
        return "lingua-missing"


@functools.lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]) -> Any:
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError as exc:
        raise MissingExtraError("lingua-language-detector", "nlp") from exc
    codes = []
    for code in languages:
        try:
            codes.append(IsoCode639_1.from_str(code))
        except ValueError as exc:
            raise ConfigError(
                f"language {code!r} is not an ISO 639-1 code lingua knows; fix `languages`"
            ) from exc
    log.debug("building lingua detector for %s", ",".join(languages))
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    return builder.with_preloaded_language_models().build()


def _code(language: Any) -> str:
    return str(language.iso_code_639_1.name).lower()


def _script(text: str) -> str:
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    return "cyrillic" if cyr > lat else "latin"


def _in_script(code: str, script: str) -> bool:
    return (code in CYRILLIC_LANGUAGES) == (script == "cyrillic")


def _resolve_ru_uk(text: str, ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Swap ru/uk when the text has letters of only the other alphabet."""
    if len(ranked) < 2 or ranked[0][0] not in ("ru", "uk"):
        return ranked
    has_uk = any(c in _UK_ONLY for c in text)
    has_ru = any(c in _RU_ONLY for c in text)
    if not has_uk and not has_ru:  # no telling letters: count telling words and endings
        uk_words, ru_words = ru_uk_evidence(text)
        has_uk, has_ru = uk_words > ru_words, ru_words > uk_words
    want = "uk" if has_uk and not has_ru else "ru" if has_ru and not has_uk else None
    if want is None or ranked[0][0] == want:
        return ranked
    rest = [item for item in ranked if item[0] == want]
    if not rest:
        return ranked
    top, other = ranked[0], rest[0]
    swapped = [(want, max(other[1], top[1])), (top[0], min(other[1], top[1]))]
    return swapped + [item for item in ranked if item[0] not in (want, top[0])]


def _resolve_ro_en(
    text: str, ranked: list[tuple[str, float]], min_confidence: float
) -> list[tuple[str, float]]:
    """Prefer Romanian over an unsure English guess when Romanian words outnumber English.

    Romanian typed without diacritics ("Nu merge", "Pret mare") looks like anything to
    lingua on two words.
    """
    if not ranked or ranked[0][0] != "en" or ranked[0][1] >= min_confidence + 0.25:
        return ranked
    ro = [item for item in ranked if item[0] == "ro"]
    if not ro:
        return ranked
    words = [w.lower() for w in _WORD.findall(text)]
    ro_words = sum(w in _RO_WORDS for w in words)
    if ro_words == 0 or ro_words * 2 < len(words):
        return ranked
    top = ranked[0]
    swapped = [("ro", max(ro[0][1], top[1], min_confidence)), ("en", min(ro[0][1], top[1]))]
    return swapped + [item for item in ranked if item[0] not in ("ro", "en")]


def _fallback(text: str, ranked: list[tuple[str, float]], default: str) -> str:
    script = _script(text)
    if _in_script(default, script):
        scores = dict(ranked)
        best = next((item for item in ranked if _in_script(item[0], script)), None)
        if best is not None and best[1] - scores.get(default, 0.0) >= FALLBACK_MARGIN:
            return best[0]  # clearly ahead of the default even if unsure overall
        return default
    for code, _ in ranked:
        if _in_script(code, script):
            return code
    return default


def _mixed_share(detector: Any, text: str, top: str) -> float:
    """Share of words held by the second most frequent language of the text.

    Russian and Ukrainian share most words, so a ru/uk segment without letters unique to
    its language counts for the text's main language instead.
    """
    words: dict[str, int] = {}
    for part in detector.detect_multiple_languages_of(text):
        code = _code(part.language)
        if code in ("ru", "uk") and top in ("ru", "uk") and code != top:
            segment = text[part.start_index : part.end_index]
            unique = _UK_ONLY if code == "uk" else _RU_ONLY
            if not any(c in unique for c in segment):
                code = top
        words[code] = words.get(code, 0) + int(part.word_count)
    total = sum(words.values())
    if len(words) < 2 or total == 0:
        return 0.0
    return sorted(words.values(), reverse=True)[1] / total


def detect_languages(
    texts: Sequence[str | None],
    languages: Sequence[str] = ("en", "ru", "uk", "ro"),
    default: str = "en",
    options: LangIdOptions | None = None,
) -> list[LangResult]:
    """Language of each text, restricted to ``languages`` (ISO 639-1 codes)."""
    opts = options or LangIdOptions()
    langs = tuple(dict.fromkeys(code.strip().lower() for code in languages))
    if not langs:
        raise ConfigError("languages: give at least one language code, e.g. en,ru,uk,ro")
    if default not in langs:
        raise ConfigError(f"default language {default!r} is not in languages={','.join(langs)}")
    results: list[LangResult | None] = [None] * len(texts)
    pending: list[int] = []
    for i, raw in enumerate(texts):
        text = raw.strip() if isinstance(raw, str) else ""
        if not text:
            results[i] = LangResult(None, 0.0, "empty")
        elif not any(c.isalpha() for c in text):
            results[i] = LangResult(default, 0.0, "uncertain")
        elif len(langs) == 1:
            results[i] = LangResult(langs[0], 1.0, None)
        else:
            pending.append(i)
    if pending and opts.unsupported_languages:
        pending = _flag_unsupported(texts, pending, langs, opts, results)
    if pending:
        detector = _detector(langs)
        batch = [str(texts[i]).strip() for i in pending]
        values = detector.compute_language_confidence_values_in_parallel(batch)
        for i, text, ranked_raw in zip(pending, batch, values, strict=True):
            ranked = [(_code(cv.language), float(cv.value)) for cv in ranked_raw]
            ranked = _resolve_ro_en(text, _resolve_ru_uk(text, ranked), opts.min_confidence)
            results[i] = _decide(detector, text, ranked, default, opts)
    return [r if r is not None else LangResult(None, 0.0, "empty") for r in results]


def _flag_unsupported(
    texts: Sequence[str | None],
    pending: list[int],
    langs: tuple[str, ...],
    opts: LangIdOptions,
    results: list[LangResult | None],
) -> list[int]:
    """Fill ``results`` for the texts clearly in an unsupported language; the rest."""
    extra = tuple(code for code in opts.unsupported_languages if code not in langs)
    own = frozenset().union(*(_OWN_LETTERS.get(code, ()) for code in langs))
    long_enough = []
    for i in pending:
        text = str(texts[i])
        if len(_WORD.findall(text)) < opts.unsupported_min_words:
            continue
        if not own.isdisjoint(text):
            continue
        if "kk" not in langs and sum(c in _KK_ONLY for c in text) >= 2:
            results[i] = LangResult("kk", 1.0, "unsupported")
        else:
            long_enough.append(i)
    if not extra or not long_enough:
        return [i for i in pending if results[i] is None]
    detector = _detector(langs + extra)
    batch = [str(texts[i]).strip() for i in long_enough]
    for i, ranked in zip(
        long_enough, detector.compute_language_confidence_values_in_parallel(batch), strict=True
    ):
        if not ranked:
            continue
        code, confidence = _code(ranked[0].language), float(ranked[0].value)
        if code in extra and confidence >= opts.unsupported_min_confidence:
            results[i] = LangResult(code, round(confidence, 4), "unsupported")
    return [i for i in pending if results[i] is None]


def _decide(
    detector: Any, text: str, ranked: list[tuple[str, float]], default: str, opts: LangIdOptions
) -> LangResult:
    if not ranked or ranked[0][1] <= 0.0:
        return LangResult(_fallback(text, ranked, default), 0.0, "uncertain")
    code, confidence = ranked[0]
    if confidence < opts.min_confidence:
        return LangResult(_fallback(text, ranked, default), round(confidence, 4), "uncertain")
    flag = None
    long_enough = len(_WORD.findall(text)) >= opts.mixed_min_words
    if long_enough and _mixed_share(detector, text, code) >= opts.mixed_min_share:
        flag = "mixed"
    return LangResult(code, round(confidence, 4), flag)


def detect_language(
    text: str | None,
    languages: Sequence[str] = ("en", "ru", "uk", "ro"),
    default: str = "en",
    options: LangIdOptions | None = None,
) -> LangResult:
    """:func:`detect_languages` for one text."""
    return detect_languages([text], languages, default, options)[0]


__all__ = [
    "LANGUAGE_FLAGS",
    "UNSUPPORTED_GUARD",
    "LangIdOptions",
    "LangResult",
    "detect_language",
    "detect_languages",
    "lingua_version",
]
