"""Text clean-up before language id and embedding.

:func:`clean_text` turns HTML into text (script/style content and comments dropped, block
tags become line breaks, entities unescaped), replaces URLs (by default with their host, so
"https://www.shop.md/cart?id=1" reads "shop.md"), removes control and zero-width characters,
normalizes Unicode (NFC; Romanian cedilla letters ş ţ become comma-below ș ț; typographic
apostrophes become ') and collapses whitespace while keeping line breaks (sentence hints).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from vocnlp.errors import ConfigError

URL_MODES = ("host", "token", "remove", "keep")

_HTML_HINT = re.compile(r"</?[a-zA-Z!][^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_DROP_BLOCKS = re.compile(
    r"<\s*(script|style|noscript|template|head)\b[^>]*>.*?<\s*/\s*\1\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_BREAK_TAGS = re.compile(
    r"<\s*(?:br|hr)\s*/?\s*>|<\s*/?\s*(?:p|div|li|ul|ol|tr|table|h[1-6]|blockquote|section|"
    r"article|header|footer)\b[^>]*>",
    re.IGNORECASE,
)
_CELL_TAGS = re.compile(r"<\s*/?\s*(?:td|th|img|input|button|label)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z!][^<>]*>")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}"
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_BREAKS = re.compile(r"\n{3,}")
_CHAR_MAP = str.maketrans(
    {"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț", "’": "'", "ʼ": "'", "`": "'", "‘": "'"}
)


@dataclass
class CleanOptions:
    """What :func:`clean_text` does."""

    strip_html: bool = True
    """Convert HTML to text when the text contains tags or entities."""
    urls: str = "host"
    """host: keep only the host name; token: replace with ``url_token``; remove; keep."""
    url_token: str = "URL"
    """Replacement used when ``urls="token"``."""

    def __post_init__(self) -> None:
        if self.urls not in URL_MODES:
            raise ConfigError(f"clean urls={self.urls!r}: use one of {', '.join(URL_MODES)}")


def strip_html(text: str) -> str:
    """Visible text of an HTML fragment (block tags become line breaks, inline tags vanish)."""
    text = _DROP_BLOCKS.sub(" ", text)
    text = _BREAK_TAGS.sub("\n", text)
    text = _CELL_TAGS.sub(" ", text)
    text = _ANY_TAG.sub("", text)  # inline tags (b, span, a...) join their text
    return html.unescape(text)


def _replace_url(match: re.Match[str], mode: str, token: str) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _URL_TRAILING:
        tail = url[-1] + tail
        url = url[:-1]
    if mode == "token":
        return token + tail
    if mode == "remove":
        return tail
    full = url if "://" in url else f"http://{url}"
    try:
        host = urlsplit(full).hostname or ""
    except ValueError:
        host = ""
    host = host.removeprefix("www.")
    return (host or token) + tail


def clean_text(text: str | None, options: CleanOptions | None = None) -> str:
    """Cleaned text ("" for None/NaN)."""
    if not isinstance(text, str):
        return ""
    opts = options or CleanOptions()
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if opts.strip_html and _HTML_HINT.search(text):
        text = strip_html(text)
        text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    if opts.urls != "keep":
        text = _URL.sub(lambda m: _replace_url(m, opts.urls, opts.url_token), text)
    text = _INVISIBLE.sub("", text)
    text = "".join(
        c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs")
    )
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = _MANY_BREAKS.sub("\n\n", "\n".join(lines))
    return text.strip()


__all__ = ["URL_MODES", "CleanOptions", "clean_text", "strip_html"]
