"""social.jsonl|json: posts and comments from social networks.

Posts are kept in the warehouse; duplicates, near-duplicates (reposts, "+1" copies, retweets
with a prefix, copies with a changed tail) and spam/bot posts are marked with
``excluded_reason`` (``duplicate`` | ``near_duplicate`` | ``spam`` | ``empty``) so metrics skip
them and analysts still see them.

Spam is scored from independent signals (:func:`spam_score`): money/giveaway bait in
en/ru/uk/ro, links (more for URL shorteners, invite links and throw-away domains), a
bot-like author handle, and a campaign signal — the same text (links removed) posted by
several authors with a link.  A post scoring :data:`SPAM_SCORE` or more is spam.
Near-duplicates are found with word-trigram shingles through an inverted index: a post that
shares at least :data:`NEAR_DUPLICATE` of the longer post's trigrams with an earlier post of the
same platform within :data:`DUPLICATE_WINDOW` is a near-duplicate of it.  Short posts (under
four words) only count as exact duplicates, with #tags and emoji kept, so two customers writing
"Totally overpriced!!!" with different tags stay two voices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from vocnlp.ingest.common import Loaded, load_table
from vocnlp.ingest.validate import Field, content_hash

FIELDS = (
    Field("post_id", required=True),
    Field("created_at", "datetime", required=True),
    Field("platform", required=True),
    Field("text", required=True),
    Field("author"),
    Field("likes", "int", min=0, max=10**12, rule="likes_range"),
    Field("url"),
)

SPAM_SCORE = 3
"""Spam signals needed (bait 2, shortener/odd link 2, any link 1, bot handle 1, campaign 2)."""
NEAR_DUPLICATE = 0.6
"""Share of word trigrams (of the longer post) two posts must share to be near-duplicates."""
DUPLICATE_WINDOW = pd.Timedelta(days=3)
"""A repost is on the same platform within this time of its original."""
CAMPAIGN_AUTHORS = 3
"""The same linked text from this many authors is a campaign (spam signal)."""

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_BAIT = re.compile(
    r"\b(earn\w*|free money|click here|promo ?code|casino|crypto|bitcoin|giveaway|"
    r"free (iphone|internet|gift|data)|make money|ask me how|per day|no experience|"
    r"заработ\w*|заробіт\w*|заробля\w*|казино|ставки на спорт|бонус за регистрац\w*|"
    r"бесплатн\w* (интернет|iphone|айфон)|безкоштовн\w* (інтернет|iphone|айфон)|"
    r"переходи по ссылке|за посиланням|пиши в личку|без вложений|без вкладень|"
    r"câștig\w*|castig\w*|gratuit\w* pentru|click aici|intră pe|intra pe)\b"
    r"|\$\$+|💰|\$\s?\d[\d,.]*\s*(per|a|/)\s*(day|week|hour)",
    re.IGNORECASE,
)
_ODD_LINK = re.compile(
    r"\b(bit\.ly|tinyurl\.com|goo\.gl|t\.co|cutt\.ly|is\.gd|t\.me/\+|t\.me/joinchat)"
    r"|https?://[^/\s]+\.(top|xyz|win|click|loan|bid|icu|buzz|work)\b",
    re.IGNORECASE,
)
_BOT_HANDLE = re.compile(
    r"(bot|promo|earn|crypto|casino|bonus|giveaway|free)[._-]?\d{2,}$|bot\b", re.IGNORECASE
)
_PREFIX = re.compile(r"^\s*(rt|repost|репост)\b[:\s]*(@\w+:?)?\s*", re.IGNORECASE)
_LEADING_MENTIONS = re.compile(r"^(\s*@\w+[:,]?)+\s*")
_PLUS_ONE = re.compile(r"(\s*\+1)+\s*$")
_TOKEN = re.compile(r"#?\w+|[\u2600-\u27bf\U0001f300-\U0001faff]", re.UNICODE)


def dedupe_key(text: str) -> str:
    """Text reduced for duplicate checks: lower case, links, "RT @x:" prefixes, leading
    @mentions, a trailing "+1" and punctuation removed; words, #tags and emoji kept."""
    text = _URL.sub(" ", text.lower()).strip()
    text = _PLUS_ONE.sub("", _LEADING_MENTIONS.sub("", _PREFIX.sub("", text)))
    return " ".join(_TOKEN.findall(text))


def spam_score(text: str, author: str | None = None) -> int:
    """Sum of spam signals of one post (see the module docstring)."""
    links = _URL.findall(text)
    score = 2 if _BAIT.search(text) else 0
    if links:
        score += 2 if any(_ODD_LINK.search(link) for link in links) else 1
        score += 1 if len(links) >= 2 else 0
    if isinstance(author, str) and _BOT_HANDLE.search(author.strip()):
        score += 1
    return score


def spam_reason(text: str, author: str | None = None) -> str | None:
    """'spam' for promotional/bot text (score >= :data:`SPAM_SCORE`)."""
    return "spam" if spam_score(text, author) >= SPAM_SCORE else None


def _shingles(key: str) -> set[str]:
    words = [w for w in key.split() if w[0].isalnum()]  # #tags and emoji don't count here
    if len(words) < 4:
        return set()
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def near_duplicates(
    keys: Sequence[str],
    threshold: float = NEAR_DUPLICATE,
    *,
    groups: Sequence[str] | None = None,
    times: Sequence[pd.Timestamp] | None = None,
    window: pd.Timedelta = DUPLICATE_WINDOW,
) -> list[int | None]:
    """For each key, the position of an earlier key it (nearly) repeats, else None.

    With ``groups`` (the platform) and ``times``, only an earlier post of the same group
    within ``window`` counts: a repost lives where and shortly after its original.
    """

    def related(pos: int, other: int) -> bool:
        if groups is not None and groups[pos] != groups[other]:
            return False
        if times is not None and not pd.isna(times[pos]) and not pd.isna(times[other]):
            return bool(abs(times[pos] - times[other]) <= window)
        return True

    index: dict[str, list[int]] = {}
    sets: list[set[str]] = []
    exact: dict[str, list[int]] = {}
    out: list[int | None] = []
    for pos, key in enumerate(keys):
        shingles = _shingles(key)
        sets.append(shingles)
        found = next((o for o in exact.get(key, []) if related(pos, o)), None) if key else None
        if found is None and shingles:
            counts: dict[int, int] = {}
            for shingle in shingles:
                for other in index.get(shingle, ()):
                    counts[other] = counts.get(other, 0) + 1
            for other, shared in sorted(counts.items(), key=lambda kv: -kv[1]):
                if shared / max(len(shingles), len(sets[other])) >= threshold and related(
                    pos, other
                ):
                    found = other
                    break
        out.append(found)
        if key:
            exact.setdefault(key, []).append(pos)
        for shingle in shingles:
            index.setdefault(shingle, []).append(pos)
    return out


def hygiene_reasons(
    texts: Sequence[str],
    authors: Sequence[str | None] | None = None,
    *,
    platforms: Sequence[str] | None = None,
    times: Sequence[pd.Timestamp] | None = None,
) -> list[str | None]:
    """``excluded_reason`` of each post, in posting order (earlier posts are the originals)."""
    authors = list(authors) if authors is not None else [None] * len(texts)
    keys = [dedupe_key(t) for t in texts]
    campaign: dict[str, set[str]] = {}
    for key, text, author in zip(keys, texts, authors, strict=True):
        if key and _URL.search(text):
            campaign.setdefault(key, set()).add(str(author))
    earlier = near_duplicates(keys, groups=platforms, times=times)
    reasons: list[str | None] = []
    for pos, (key, text, author) in enumerate(zip(keys, texts, authors, strict=True)):
        score = spam_score(text, author)
        if key and _URL.search(text) and len(campaign.get(key, ())) >= CAMPAIGN_AUTHORS:
            score += 2
        if not key:
            reasons.append("empty")
        elif score >= SPAM_SCORE:
            reasons.append("spam")
        elif earlier[pos] is not None:
            reasons.append("duplicate" if keys[earlier[pos] or 0] == key else "near_duplicate")
        else:
            reasons.append(None)
    return reasons


def load_social(paths: Sequence[Path]) -> Loaded:
    loaded = load_table("social", paths, FIELDS, ("post_id",))
    frame = loaded.records
    frame["likes"] = frame["likes"].astype("Int64")
    frame["content_hash"] = content_hash(frame[[f.name for f in FIELDS]])
    loaded.records = frame
    return loaded


def social_feedback(posts: pd.DataFrame) -> pd.DataFrame:
    """Posts as feedback records (source ``social``) with markup stripped and hygiene marks."""
    from vocnlp.text.clean import clean_text

    text = posts["text"].map(clean_text)
    ordered = posts.assign(_clean=text).sort_values(["created_at", "post_id"])
    reason = pd.Series(
        hygiene_reasons(
            list(ordered["_clean"]),
            list(ordered["author"]) if "author" in ordered.columns else None,
            platforms=list(ordered["platform"].astype(str)),
            times=list(pd.to_datetime(ordered["created_at"], errors="coerce", utc=True)),
        ),
        index=ordered.index,
        dtype=object,
    )
    return pd.DataFrame(
        {
            "feedback_id": "social:" + ordered["post_id"].astype(str),
            "source": "social",
            "source_id": ordered["post_id"].astype(str),
            "customer_id": None,
            "created_at": ordered["created_at"],
            "text": ordered["_clean"],
            "rating": None,
            "platform": ordered["platform"],
            "author": ordered["author"],
            "likes": ordered["likes"],
            "excluded_reason": reason,
            "content_hash": ordered["content_hash"],
        }
    )
