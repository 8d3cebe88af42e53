"""Hand-written phrase banks for the sample-data generator, one module per language.

``BANK[lang][topic]`` holds sentences in one language about one taxonomy topic.  Every
topic has ONE planted polarity in the sample data (see ``samplegen.config.PLANTED``), and
its phrases are written in that polarity only:

* ``long``    full sentences (the bulk of the comments),
* ``short``   2-4 word fragments ("Too expensive", "Дуже дорого"),
* ``sarcasm`` negative meaning in positive words ("Great, third time this month...").

Each language module (en, ru, uk, ro) holds its topic bank plus its generic comments,
openers, closers, connectors, review openers, hashtags and spam; this package joins them
into tables keyed by language.  ``multilingual`` has the brand, emoji and HTML posts, and
``call_scripts`` the call-centre dialogues.
"""

from __future__ import annotations

from . import en, ro, ru, uk
from .call_scripts import CALL_SCRIPTS
from .multilingual import BRAND, EMOJI, HTML_POSTS

_BY_LANG = {"en": en, "ru": ru, "uk": uk, "ro": ro}

BANK = {lang: m.TOPICS for lang, m in _BY_LANG.items()}
GENERIC = {lang: m.GENERIC for lang, m in _BY_LANG.items()}
OPENERS = {lang: m.OPENERS for lang, m in _BY_LANG.items()}
CLOSERS = {lang: m.CLOSERS for lang, m in _BY_LANG.items()}
CONNECTORS = {lang: m.CONNECTORS for lang, m in _BY_LANG.items()}
REVIEW_OPENERS = {lang: m.REVIEW_OPENERS for lang, m in _BY_LANG.items()}
HASHTAGS = {lang: m.HASHTAGS for lang, m in _BY_LANG.items()}
SPAM = {lang: m.SPAM for lang, m in _BY_LANG.items()}

__all__ = [
    "BANK",
    "BRAND",
    "CALL_SCRIPTS",
    "CLOSERS",
    "CONNECTORS",
    "EMOJI",
    "GENERIC",
    "HASHTAGS",
    "HTML_POSTS",
    "OPENERS",
    "REVIEW_OPENERS",
    "SPAM",
]
