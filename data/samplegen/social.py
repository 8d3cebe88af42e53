"""Social posts (social.jsonl): genuine posts, reposts, near duplicates, spam and HTML."""

from __future__ import annotations

import json
import random
import string
from datetime import date, datetime, timedelta
from pathlib import Path

from .comments import compose
from .config import PLANTED, PLATFORMS, SIGN, TOPICS, WINDOW_END, Row
from .phrases import BRAND, EMOJI, HASHTAGS, HTML_POSTS, SPAM
from .randomness import pick, rand_day, rand_time, rng_for, weighted_sample


def handle(rng: random.Random) -> str:
    syll = [
        "ma",
        "ri",
        "an",
        "dre",
        "ol",
        "ga",
        "se",
        "rg",
        "vik",
        "tor",
        "io",
        "na",
        "lex",
        "ku",
        "pe",
        "tro",
        "ne",
        "la",
        "di",
        "mi",
    ]
    name = "".join(rng.choice(syll) for _ in range(rng.randint(2, 3)))
    return (
        name + rng.choice(["", "_", "."]) + (str(rng.randint(1, 999)) if rng.random() < 0.6 else "")
    )


def post_url(rng: random.Random, platform: str, author: str) -> str:
    alnum = string.ascii_letters + string.digits
    if platform == "x":
        return f"https://x.com/{author}/status/{rng.randrange(10**18, 10**19)}"
    if platform == "facebook":
        return f"https://www.facebook.com/{author}/posts/{rng.randrange(10**15, 10**16)}"
    if platform == "instagram":
        return "https://www.instagram.com/p/" + "".join(rng.choices(alnum, k=11)) + "/"
    if platform == "telegram":
        return f"https://t.me/lumatel_chat/{rng.randrange(1000, 99999)}"
    return (
        "https://www.reddit.com/r/moldova/comments/"
        + "".join(rng.choices(string.ascii_lowercase + string.digits, k=6))
        + "/"
    )


def make_social(seed: int, n_genuine: int = 272) -> tuple[list[Row], list[Row], int]:
    """Posts sorted by time; returns (posts, notes, index of the invalid-JSON line)."""
    rng = rng_for(seed, "social")
    start, end = date(2026, 9, 1), WINDOW_END.date()
    posts: list[Row] = []

    def when() -> datetime:
        day = end if rng.random() < 0.15 else rand_day(rng, start, end)
        return rand_time(rng, day) - timedelta(hours=3)  # stored in UTC

    weights = {t: PLANTED[t][2] * (1.6 if PLANTED[t][1] == "negative" else 1.0) for t in TOPICS}
    for _ in range(n_genuine):
        lang = pick(rng, {"en": 0.25, "ru": 0.28, "uk": 0.24, "ro": 0.23})
        topics = weighted_sample(rng, weights, rng.choices([1, 2], weights=[65, 35])[0])
        s = sum(SIGN[PLANTED[t][1]] for t in topics)
        mood = "pos" if s > 0 else "neg" if s < 0 else "neu"
        text = compose(rng, lang, topics, mood, short_p=0.35, opener_p=0.0, closer_p=0.1).text
        if rng.random() < 0.4:
            text = f"@{BRAND} {text}"
        if rng.random() < 0.3:
            text = f"{text} {rng.choice(HASHTAGS[lang])}"
        if rng.random() < 0.35 and (e := rng.choice(EMOJI[mood])):
            text = f"{text} {e}"
        platform = pick(rng, PLATFORMS[lang])
        posts.append(
            {
                "created_at": when(),
                "platform": platform,
                "text": text,
                "author": handle(rng),
                "likes": min(int(2 * rng.paretovariate(1.1)) - 2, 5000),
                "kind": "genuine",
                "lang": lang,
                "topics": topics,
            }
        )
    originals = list(posts)
    for _ in range(18):  # exact reposts
        o = rng.choice(originals)
        posts.append(
            {
                **o,
                "created_at": o["created_at"] + timedelta(minutes=rng.randint(5, 2880)),
                "author": handle(rng),
                "likes": rng.randint(0, 5),
                "kind": "exact_duplicate",
                "of": o,
            }
        )
    near = [
        lambda o, t: f"RT @{o['author']}: {t}",
        lambda o, t: f"{t} +1",
        lambda o, t: t.lower(),
        lambda o, t: t.rstrip(".!") + "!!!",
        lambda o, t: f"{t} 👆",
        lambda o, t: t.replace(",", ""),
    ]
    for i in range(16):  # near duplicates
        o = rng.choice(originals)
        text = near[i % len(near)](o, o["text"])
        if text == o["text"]:
            text += " +1"
        posts.append(
            {
                **o,
                "text": text,
                "author": handle(rng),
                "likes": rng.randint(0, 9),
                "created_at": o["created_at"] + timedelta(minutes=rng.randint(5, 2880)),
                "kind": "near_duplicate",
                "of": o,
            }
        )
    links = [
        "http://bit.ly/{}",
        "https://earn-fast.win/{}",
        "https://t.me/+{}",
        "http://free-gift.top/{}",
    ]
    for _ in range(26):  # spam / bots
        lang = pick(rng, {"en": 0.4, "ru": 0.3, "uk": 0.15, "ro": 0.15})
        link = rng.choice(links).format("".join(rng.choices(string.ascii_letters, k=6)))
        posts.append(
            {
                "created_at": when(),
                "platform": pick(rng, PLATFORMS[lang]),
                "text": rng.choice(SPAM[lang]).format(link=link),
                "author": rng.choice(["promo_", "earn", "bonus.bot", "crypto_"])
                + str(rng.randint(100, 9999)),
                "likes": rng.randint(0, 3),
                "kind": "spam",
                "lang": lang,
                "topics": [],
            }
        )
    for lang, topics, text in HTML_POSTS:
        posts.append(
            {
                "created_at": when(),
                "platform": pick(rng, PLATFORMS[lang]),
                "text": text,
                "author": handle(rng),
                "likes": rng.randint(0, 40),
                "kind": "html",
                "lang": lang,
                "topics": topics,
            }
        )
    posts.sort(key=lambda p: (p["created_at"], p["text"]))
    for i, p in enumerate(posts):
        p["post_id"] = f"S{i + 1:06d}"
        p["url"] = post_url(rng, p["platform"], p["author"])
    bad_at = int(len(posts) * 0.6)
    notes = [
        {
            "file": "social.jsonl",
            "id": None,
            "field": None,
            "value": None,
            "rule": "invalid_json",
            "message": "truncated line, not valid JSON",
            "line": bad_at + 1,
        }
    ]
    return posts, notes, bad_at


def write_social(path: Path, posts: list[Row], bad_at: int) -> None:
    lines = []
    for p in posts:
        obj = {
            k: p[k] for k in ("post_id", "created_at", "platform", "text", "author", "likes", "url")
        }
        obj["created_at"] = p["created_at"].strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(json.dumps(obj, ensure_ascii=False))
    broken = lines[bad_at]
    lines.insert(bad_at, broken[: len(broken) // 2].replace("S0", "SX", 1))
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
