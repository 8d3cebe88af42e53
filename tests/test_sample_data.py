"""The committed sample data set in data/sample: counts, formats, planted truth, determinism.

Fast and offline: no espeak-ng (the audio is committed), only the stdlib plus soundfile
for the call headers.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SAMPLE = DATA / "sample"
TEXT_FILES = {
    ".gitattributes",
    "TRUTH.json",
    "customers.csv",
    "reviews.csv",
    "social.jsonl",
    "surveys.csv",
}
TOPICS = [
    "product_quality",
    "price_value",
    "billing_payments",
    "delivery",
    "waiting_speed",
    "staff_attitude",
    "staff_competence",
    "problem_resolution",
    "app_website",
    "network_quality",
    "contract_tariff",
    "personalization",
    "channel_consistency",
    "trust_honesty",
    "loyalty_program",
    "cancellation",
]

UK_CHARS = set("іїєґІЇЄҐ")
RO_CHARS = set("ăâîșțşţĂÂÎȘȚŞŢ")
RO_WORDS = {
    "si", "nu", "e", "este", "sunt", "foarte", "pentru", "prea", "mai", "dar", "am", "cu",
    "la", "de", "pe", "din", "mi", "ma", "ce", "un", "o", "iar", "bine", "mersi", "merge",
    "factura", "abonament", "aplicatia", "nimic", "totul", "asta", "tot", "plec",
}  # fmt: skip


def detect_lang(text: str) -> str | None:
    """Crude script/letter based language guess; None for empty or placeholder text."""
    if not re.search(r"[^\W\d_]", text):
        return None
    if re.search(r"[\u0400-\u04ff]", text):
        return "uk" if set(text) & UK_CHARS else "ru"
    if set(text) & RO_CHARS or set(re.findall(r"[a-z]+", text.lower())) & RO_WORDS:
        return "ro"
    return "en"


def read_csv(name: str, encoding: str = "utf-8", delimiter: str = ",") -> list[dict[str, str]]:
    text = (SAMPLE / name).read_bytes().decode(encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads((SAMPLE / "TRUTH.json").read_text(encoding="utf-8"))


def malformed(truth: dict[str, Any], file: str) -> list[dict[str, Any]]:
    return [m for m in truth["malformed"] if m["file"] == file]


def test_customers_cp1251_semicolon_ddmmyyyy(truth: dict[str, Any]) -> None:
    raw = (SAMPLE / "customers.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really cp1251 (Cyrillic region names)
    assert raw.splitlines()[0] == b"customer_id;segment;region;joined_at;left_at"
    rows = read_csv("customers.csv", encoding="cp1251", delimiter=";")
    assert len(rows) >= 500
    assert len({r["customer_id"] for r in rows}) == len(rows)
    assert {r["segment"] for r in rows} == {"mass", "premium", "business"}
    bad = {m["id"] for m in malformed(truth, "customers.csv")}
    for r in rows:
        if r["customer_id"] not in bad:
            datetime.strptime(r["joined_at"], "%d.%m.%Y")
        if r["left_at"]:
            datetime.strptime(r["left_at"], "%d.%m.%Y")
    assert sum(bool(r["left_at"]) for r in rows) >= 30


def test_surveys_counts_span_and_languages(truth: dict[str, Any]) -> None:
    assert (SAMPLE / "surveys.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv("surveys.csv", encoding="utf-8-sig")
    bad_lines = {m["line"] for m in malformed(truth, "surveys.csv")}
    valid = [r for i, r in enumerate(rows) if i + 2 not in bad_lines]
    assert len(valid) >= 1000
    assert all(0 <= int(r["nps"]) <= 10 for r in valid)
    times = [datetime.fromisoformat(r["answered_at"]) for r in valid]
    assert (max(times) - min(times)).days >= 180
    assert max(times).date().isoformat() == "2026-10-31"
    for col in ("csi", "cli_recommend", "cli_continue", "cli_buy_more", "cli_switch"):
        lo, hi = (1, 5) if col == "csi" else (1, 10)
        assert all(lo <= int(r[col]) <= hi for r in valid if r[col])
    assert {r["channel"] for r in valid} == {"web", "email", "sms", "phone", "app"}
    langs = Counter(detect_lang(r["comment"]) for r in valid)
    for lang in ("en", "ru", "uk", "ro"):
        assert langs[lang] >= 150, langs
    assert 0.05 <= langs[None] / len(valid) <= 0.15  # ~10% empty comments
    labels = truth["labels"]["surveys"]
    agree = sum(detect_lang(r["comment"]) == (labels[r["response_id"]][0] or None) for r in valid)
    assert agree / len(valid) > 0.9
    ro = [r["comment"] for r in valid if labels[r["response_id"]][0] == "ro"]
    with_diacritics = sum(bool(set(c) & RO_CHARS) for c in ro)
    assert 0.2 * len(ro) < with_diacritics < 0.8 * len(ro)


def test_malformed_rows_are_where_truth_says(truth: dict[str, Any]) -> None:
    notes = truth["malformed"]
    assert 5 <= len(notes) <= 10
    survey_lines = (SAMPLE / "surveys.csv").read_text(encoding="utf-8-sig").split("\n")
    for m in malformed(truth, "surveys.csv"):
        assert survey_lines[m["line"] - 1].startswith(m["id"] + ",")
    rows = read_csv("surveys.csv", encoding="utf-8-sig")
    assert Counter(r["response_id"] for r in rows).most_common(1)[0][1] == 2
    assert {r["nps"] for r in rows} - {str(i) for i in range(11)} == {"11", "ten"}
    assert sum(not r["customer_id"] for r in rows) == 1
    (review,) = malformed(truth, "reviews.csv")
    reviews = read_csv("reviews.csv")
    assert reviews[review["line"] - 2]["review_id"] == review["id"]
    assert reviews[review["line"] - 2]["rating"] == "7"
    (social,) = malformed(truth, "social.jsonl")
    lines = (SAMPLE / "social.jsonl").read_text(encoding="utf-8").splitlines()
    with pytest.raises(json.JSONDecodeError):
        json.loads(lines[social["line"] - 1])


def test_truth_planted_drivers(truth: dict[str, Any]) -> None:
    topics = truth["surveys"]["topics"]
    assert list(topics) == TOPICS
    for name, t in topics.items():
        assert t["mentions"] >= 30, name
        assert t["polarity"] == (
            "positive" if t["planted_effect"] > 0 else "negative" if t["planted_effect"] < 0
            else "neutral"
        )  # fmt: skip
        if abs(t["planted_effect"]) >= 1.0:  # strong drivers show up in the raw impact too
            assert (t["impact_on_nps"] > 0) == (t["planted_effect"] > 0), name
    assert topics["billing_payments"]["planted_effect"] == -2.5
    assert truth["seed"] == 7
    assert -100 <= truth["surveys"]["nps"] <= 100


def test_churn_follows_detractors(truth: dict[str, Any]) -> None:
    customers = {
        r["customer_id"]: r for r in read_csv("customers.csv", encoding="cp1251", delimiter=";")
    }
    rows = read_csv("surveys.csv", encoding="utf-8-sig")
    labels = truth["labels"]["surveys"]
    scores: dict[str, list[int]] = {}
    for r in rows:
        if r["response_id"] in labels and r["customer_id"] and r["nps"].isdigit():
            scores.setdefault(r["customer_id"], []).append(int(r["nps"]))

    def churn_rate(pred: Any) -> float:
        ids = [c for c, s in scores.items() if pred(sum(s) / len(s))]
        return sum(bool(customers[c]["left_at"]) for c in ids) / len(ids)

    assert churn_rate(lambda m: m <= 6) > 2 * churn_rate(lambda m: m >= 9)


def test_reviews(truth: dict[str, Any]) -> None:
    rows = read_csv("reviews.csv")
    bad = {m["id"] for m in malformed(truth, "reviews.csv")}
    valid = [r for r in rows if r["review_id"] not in bad]
    assert len(valid) >= 300
    assert {int(r["rating"]) for r in valid} == {1, 2, 3, 4, 5}
    for r in valid:
        datetime.strptime(r["created_at"], "%Y-%m-%d %H:%M:%S")
    langs = Counter(detect_lang(r["text"]) for r in valid)
    assert min(langs[lang] for lang in ("en", "ru", "uk", "ro")) >= 50, langs
    # stars agree with the planted polarity of the topics the text mentions
    polarity = {t: v["planted_effect"] for t, v in truth["surveys"]["topics"].items()}
    labels = truth["labels"]["reviews"]
    for r in valid:
        effects = [polarity[t] for t in labels[r["review_id"]][1]]
        if effects and all(e > 0 for e in effects):
            assert int(r["rating"]) >= 4, r
        if effects and all(e < 0 for e in effects):
            assert int(r["rating"]) <= 2, r


def test_social(truth: dict[str, Any]) -> None:
    lines = (SAMPLE / "social.jsonl").read_text(encoding="utf-8").splitlines()
    posts = []
    for line in lines:
        try:
            posts.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    assert len(posts) >= 300
    assert len(lines) - len(posts) == 1
    keys = {"post_id", "created_at", "platform", "text", "author", "likes", "url"}
    assert all(set(p) == keys for p in posts)
    for p in posts:
        datetime.strptime(p["created_at"], "%Y-%m-%dT%H:%M:%SZ")
    texts = Counter(p["text"] for p in posts)
    assert sum(n - 1 for n in texts.values()) >= 10  # exact reposts
    assert any("<script>" in p["text"] for p in posts)
    assert any("<b>" in p["text"] for p in posts)
    spam = set(truth["social"]["spam"])
    assert len(spam) >= 10
    assert all("http" in p["text"] for p in posts if p["post_id"] in spam)
    assert truth["social"]["exact_duplicates"] and truth["social"]["near_duplicates"]


def test_calls_audio_and_metadata() -> None:
    sf = pytest.importorskip("soundfile")
    calls = read_csv("calls/calls.csv")
    assert len(calls) >= 8
    customers = {r["customer_id"] for r in read_csv("customers.csv", "cp1251", ";")}
    turns = [
        json.loads(line)
        for line in (SAMPLE / "calls" / "transcripts.jsonl").read_text("utf-8").splitlines()
    ]
    assert Counter(c["language"] for c in calls) == {"en": 2, "ru": 2, "uk": 2, "ro": 2}
    assert any(c["survey"] == "true" for c in calls)
    for c in calls:
        path = SAMPLE / "calls" / c["file"]
        assert c["file"].startswith(c["started_at"][:10] + "/")
        assert c["customer_id"] in customers
        assert c["channel_roles"] == "agent,customer"
        info = sf.info(str(path))
        assert (info.samplerate, info.channels, info.subtype) == (8000, 2, "PCM_16")
        assert 30.0 <= info.duration <= 90.0
        mine = [t for t in turns if t["call_id"] == c["call_id"]]
        assert {t["speaker"] for t in mine} == {"agent", "customer"}
        assert all(t["channel"] == (0 if t["speaker"] == "agent" else 1) for t in mine)
        assert max(t["end"] for t in mine) <= info.duration
    gaps = []
    for c in calls:
        mine = sorted((t for t in turns if t["call_id"] == c["call_id"]), key=lambda t: t["start"])
        gaps += [b["start"] - a["end"] for a, b in itertools.pairwise(mine)]
    assert max(gaps) >= 4.0  # a long hold
    assert min(gaps) < 0  # an overtalk


def test_data_folder_is_small() -> None:
    size = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert size < 15 * 1024 * 1024


def test_regenerating_text_files_is_byte_identical(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(DATA / "generate.py"), "--out", str(tmp_path), "--no-audio"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    made = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert made == TEXT_FILES  # --no-audio leaves calls/ alone
    for name in sorted(made):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
