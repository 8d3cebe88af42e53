"""Emerging themes: what customers talk about that no taxonomy topic covers.

:func:`emerging_themes` takes feedback rows (``feedback_id``, ``text``, ``created_at``), runs
the usual analysis (sentences, embeddings from the cache, topics) and keeps the sentences
that got no confident topic (best topic probability under ``covered_score``), have at least
``min_words`` words and are not mere greetings or overall
verdicts (close to the taxonomy's ``background`` phrases).  Those are clustered by cosine
similarity of their embeddings (numpy only): the sentence with the most neighbours above
``similarity`` founds a cluster with them, they are removed, and so on; clusters smaller than
``min_size`` (counted in distinct feedback rows) are dropped.

Each theme gets a label from its top terms (words frequent in the cluster and rare in the other
uncovered sentences, stop words of en/ru/uk/ro removed), ``quotes`` (the sentences closest to
the cluster's centre, one per feedback row) and counts per ISO week.  Comparing the latest week
with the one before gives a ``status``: ``new`` (absent the week before), ``growing`` (at least
doubled), ``fading`` (at least halved) or ``stable`` — so a new issue such as an outage shows
up before anyone adds it to the taxonomy.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.errors import ConfigError, InputError
from vocnlp.text._util import fold


def _stop_words(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in text.split())


THEME_COLUMNS = [
    "theme_id", "label", "terms", "status", "current", "previous", "size", "feedback_ids",
    "quotes", "languages", "sentiment_score", "week", "weekly",
]  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{3,}")
STEM = 5
"""Letters that identify a word for counting (a crude stemmer for inflected languages)."""
_STOP = _stop_words(
    """
    the and for are but not you your our was were this that with have has had they them their
    there from what when which will would can could just very also been being its it's than then
    too all any some one about into out get got after again still only over more most much such
    here now why how who whom where did does doing done i'm i've we're you're don't didn't can't
    won't isn't wasn't aren't weren't she her his him hers himself myself ourselves shop store
    и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы по только
    ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни
    быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть
    надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто
    этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были
    куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти
    нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше
    чуть том нельзя такой им более всегда конечно всю между очень это ваш ваша ваши вашей вашего
    і й та що як але або це ця цей ці не ні на в у з із зі до від за по при про для без над під
    він вона воно вони ми ви я ти мене мені нас вам вас їх його її був була було були буде
    бути є вже ще так тут там де коли чому хто який яка яке які теж також дуже вже лише тільки
    ваш ваша ваше ваші свій своя своє свої мій моя моє мої цього цієї цих тому тоді після знову
    și si în in la cu de pe nu ce că ca este e sunt am ai au a o un una unei unui lui lor mai
    foarte dar sau iar dacă daca din prin pentru fără fara care cum când cand unde acum deja
    încă inca tot toate toți toti meu mea mei mele vostru voastră voastra voștri vostri noastră
    noi voi ei ele el ea eu tu mi-a m-a s-a s-au v-ați ați ati fost fi fie avea după dupa iar
    """
)


@dataclass(frozen=True)
class ThemeOptions:
    """How uncovered sentences are grouped into themes."""

    similarity: float = 0.87
    """Cosine similarity two sentences need to count as neighbours."""
    min_size: int = 3
    """Minimum distinct feedback rows in a theme."""
    min_words: int = 3
    """Shorter sentences are ignored (too little content)."""
    covered_score: float = 0.75
    """A sentence whose best topic probability reaches this is covered by the taxonomy."""
    background_similarity: float = 0.9
    """Sentences this close to a taxonomy background phrase are ignored (greetings...)."""
    top_terms: int = 3
    """Terms in a theme's label."""
    quotes: int = 3
    """Representative quotes per theme."""
    max_sentences: int = 4000
    """At most this many uncovered sentences (the most recent) are clustered."""

    def __post_init__(self) -> None:
        if not 0.0 < self.similarity < 1.0:
            raise ConfigError(f"themes similarity={self.similarity}: must be in (0, 1)")
        if self.min_size < 2 or self.quotes < 1 or self.top_terms < 1:
            raise ConfigError("themes min_size must be >= 2, quotes and top_terms >= 1")


def cluster(embeddings: np.ndarray, similarity: float, min_size: int) -> list[np.ndarray]:
    """Greedy neighbourhood clustering: index arrays, biggest first (all above min_size)."""
    x = np.asarray(embeddings, dtype=np.float32)
    if len(x) == 0:
        return []
    neighbours = (x @ x.T) >= similarity
    free = np.ones(len(x), dtype=bool)
    out: list[np.ndarray] = []
    while free.any():
        counts = (neighbours & free[None, :]).sum(axis=1) * free
        seed = int(np.argmax(counts))
        if counts[seed] < min_size:
            break
        members = np.flatnonzero(neighbours[seed] & free)
        free[members] = False
        out.append(members)
    return out


def top_terms(cluster_texts: list[str], other_texts: list[str], n: int) -> list[str]:
    """Words frequent in the cluster and rare elsewhere (class TF-IDF), stop words removed.

    Words are counted by their first :data:`STEM` letters, so inflected forms ("парковку",
    "парковка") add up; each stem is shown as its most frequent word in the cluster.
    """

    def stems(text: str) -> dict[str, str]:
        words = [w for w in _WORD.findall(fold(text)) if w not in _STOP]
        return {w[:STEM]: w for w in words}

    inside: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text in cluster_texts:
        for stem, word in stems(text).items():
            inside[stem] += 1
            forms.setdefault(stem, Counter())[word] += 1
    outside = Counter(stem for t in other_texts for stem in stems(t))
    total = len(cluster_texts) + len(other_texts) + 1
    scored = {
        stem: (c / len(cluster_texts)) * np.log(1 + total / (1 + outside[stem]))
        for stem, c in inside.items()
        if c >= 2 or len(cluster_texts) < 4
    }
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [forms[stem].most_common(1)[0][0] for stem, _ in ranked]


def _status(current: int, previous: int) -> str:
    if previous == 0:
        return "new" if current > 0 else "fading"
    if current >= 2 * previous:
        return "growing"
    if 2 * current <= previous:
        return "fading"
    return "stable"


def _weeks(times: pd.Series) -> pd.Series:
    stamps = pd.to_datetime(times, errors="coerce", utc=True).dt.tz_localize(None)
    return stamps.dt.to_period("W-SUN").astype(str).str.slice(0, 10)


def emerging_themes(
    feedback: pd.DataFrame,
    options: Any = None,
    theme_options: ThemeOptions | None = None,
    *,
    week: str | None = None,
) -> pd.DataFrame:
    """Themes of the sentences no topic covers, with week-over-week counts.

    ``feedback`` needs ``feedback_id``, ``text`` and ``created_at``; ``options`` are the
    :class:`~vocnlp.text.enrich.EnrichOptions`; ``week`` (a date in it, ``YYYY-MM-DD``) is
    the "current" week, by default the week of the latest ``created_at``.  One row per
    theme (columns :data:`THEME_COLUMNS`), new and growing themes first.
    """
    from vocnlp.text.enrich import EnrichOptions, _analyze, _sentiment_backend
    from vocnlp.text.topics import get_topic_model

    opts = options or EnrichOptions()
    topts = theme_options or ThemeOptions()
    missing = [c for c in ("feedback_id", "text", "created_at") if c not in feedback.columns]
    if missing:
        raise InputError(f"emerging_themes: feedback is missing column(s) {', '.join(missing)}")
    if feedback.empty:
        return pd.DataFrame(columns=THEME_COLUMNS)
    weeks = _weeks(feedback["created_at"]).to_numpy()
    docs, units = _analyze(list(feedback["text"]), opts, None)
    rows: list[tuple[int, int]] = []  # (feedback row, unit index) of uncovered sentences
    for row, doc in enumerate(docs):
        for index in dict.fromkeys(doc.sentences):
            unit = units[index]
            best = max((score for _, score in unit.topics), default=0.0)
            if best < topts.covered_score and len(unit.text.split()) >= topts.min_words:
                rows.append((row, index))
    if not rows:
        return pd.DataFrame(columns=THEME_COLUMNS)
    rows = rows[-topts.max_sentences :]
    from vocnlp.text.backends import get_embedder
    from vocnlp.text.cache import cached_vectors, get_cache

    embedder = get_embedder(opts.embeddings)
    _sentiment_backend(opts, embedder)  # same models as enrich
    cache = get_cache(opts.cache_dir if opts.persistent_cache else None)
    texts = [units[i].text for _, i in rows]
    emb, _ = cached_vectors(
        cache, f"emb:{embedder.version}:query", texts, lambda t: embedder.embed(t, kind="query")
    )
    background = get_topic_model(
        opts.taxonomy, opts.topics, embedder=embedder, cache_dir=opts.cache_dir
    ).background_similarity(emb)
    keep = background < topts.background_similarity
    rows = [r for r, k in zip(rows, keep, strict=True) if k]
    emb = emb[keep]
    texts = [t for t, k in zip(texts, keep, strict=True) if k]
    langs = [docs[r].lang.language for r, _ in rows]
    ids = feedback["feedback_id"].astype(str).to_numpy()
    current = _current_week(weeks, week)
    previous = (pd.Period(current, freq="W-SUN") - 1).start_time.strftime("%Y-%m-%d")
    out: list[dict[str, Any]] = []
    for members in cluster(emb, topts.similarity, topts.min_size):
        fids = list(dict.fromkeys(ids[rows[m][0]] for m in members))
        if len(fids) < topts.min_size:
            continue
        centre = emb[members].mean(axis=0)
        ranked = members[np.argsort(-(emb[members] @ centre))]
        quotes: list[str] = []
        seen: set[str] = set()
        for m in ranked:
            fid = ids[rows[m][0]]
            if fid not in seen and texts[m] not in quotes:
                quotes.append(texts[m])
                seen.add(fid)
            if len(quotes) == topts.quotes:
                break
        inside = set(members.tolist())
        terms = top_terms(
            [texts[m] for m in members],
            [t for i, t in enumerate(texts) if i not in inside],
            topts.top_terms,
        )
        weekly = _weekly_counts(members, rows, weeks, ids)
        now, before = weekly.get(current, 0), weekly.get(previous, 0)
        label = " / ".join(terms) if terms else quotes[0][:60]
        out.append(
            {
                "theme_id": hashlib.sha1(label.encode("utf-8")).hexdigest()[:12],
                "label": label,
                "terms": terms,
                "status": _status(now, before),
                "current": now,
                "previous": before,
                "size": len(fids),
                "feedback_ids": fids,
                "quotes": quotes,
                "languages": sorted({str(langs[m]) for m in members if langs[m]}),
                "sentiment_score": round(
                    float(np.mean([units[rows[m][1]].sentiment.score for m in members])), 4
                ),
                "week": current,
                "weekly": dict(sorted(weekly.items())),
            }
        )
    order = {"new": 0, "growing": 1, "stable": 2, "fading": 3}
    out.sort(key=lambda t: (order[t["status"]], -t["current"], -t["size"]))
    return pd.DataFrame(out, columns=THEME_COLUMNS)


def _current_week(weeks: np.ndarray, week: str | None) -> str:
    if week is not None:
        return str(pd.Period(pd.Timestamp(week), freq="W-SUN").start_time.strftime("%Y-%m-%d"))
    valid = [w for w in weeks if isinstance(w, str) and w != "NaT"]
    if not valid:
        raise InputError("emerging_themes: no valid created_at to place feedback in weeks")
    return max(valid)


def _weekly_counts(
    members: np.ndarray, rows: list[tuple[int, int]], weeks: np.ndarray, ids: np.ndarray
) -> dict[str, int]:
    """Distinct feedback rows of a theme per week start date."""
    seen: dict[str, set[str]] = {}
    for m in members:
        row = rows[int(m)][0]
        week = str(weeks[row])
        if week and week != "NaT":
            seen.setdefault(week, set()).add(str(ids[row]))
    return {w: len(s) for w, s in seen.items()}


__all__ = ["THEME_COLUMNS", "ThemeOptions", "cluster", "emerging_themes", "top_terms"]
