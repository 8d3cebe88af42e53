"""Romanian typed without diacritics is read with them restored (vocnlp.text.ro_diacritics)."""

from __future__ import annotations

import dataclasses
import gzip
import zipfile
from pathlib import Path

import msgpack
import pandas as pd
import pytest

from vocnlp.config import Settings
from vocnlp.errors import ConfigError, InputError
from vocnlp.text.build_ro_diacritics import build_table, read_wordlist, word_accuracy
from vocnlp.text.enrich import EnrichOptions, classify_texts, enrich, model_versions
from vocnlp.text.ro_diacritics import has_diacritics, load_table, restore_diacritics

CHECKS = Path(__file__).resolve().parents[2] / "data" / "checks"
PLAIN = str.maketrans("ăâîșțĂÂÎȘȚ", "aaistAAIST")


def test_words_get_their_written_form_and_keep_their_case() -> None:
    table, digest = load_table()
    assert len(table) > 10_000 and len(digest) == 64
    assert restore_diacritics("Astept de o saptamana factura", table) == (
        "Aștept de o săptămână factură"  # the most frequent form: "an invoice", not "the"
    )
    assert restore_diacritics("MULTUMESC si va rog", table) == "MULȚUMESC și vă rog"
    assert restore_diacritics("MULTUMESC si va rog", table, context=False) == (
        "MULȚUMESC și va rog"  # word by word: "va" (will) is the more frequent word
    )
    assert restore_diacritics("check 123 ok", table) == "check 123 ok"
    assert has_diacritics("Mulțumesc") and has_diacritics("Mulţumesc")  # cedilla too
    assert not has_diacritics("Multumesc")


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("Am sunat ca sa anulez, ca si ieri.", "Am sunat ca să anulez, ca și ieri."),
        ("Mi-au spus ca o sa vina.", "Mi-au spus că o să vină."),  # "că o să": that it will
        ("Cred ca nu merita.", "Cred că nu merită."),
        ("Va rugam sa ne scuzati, va asteptam.", "Vă rugăm să ne scuzați, vă așteptăm."),
        ("Comanda va fi livrata maine.", "Comanda va fi livrată mâine."),  # will
        ("Vreau sa va spun ceva.", "Vreau să vă spun ceva."),
        ("Am asteptat o ora si nicio factura.", "Am așteptat o oră și nicio factură."),
        ("O cafea, o masa si a doua zi la fel.", "O cafea, o masă și a doua zi la fel."),
    ],
)
def test_neighbouring_words_settle_the_common_ambiguous_words(typed: str, restored: str) -> None:
    table, _ = load_table()
    assert restore_diacritics(typed, table) == restored


def test_bad_table_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.tsv: Romanian diacritics table not found"):
        load_table(tmp_path / "missing.tsv")
    broken = tmp_path / "broken.tsv"
    broken.write_text("plain\twritten\nsi\tși\nnothing here\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.tsv, line 3"):
        load_table(broken)


def test_the_table_is_built_from_a_wordfreq_style_list(tmp_path: Path) -> None:
    """cBpack buckets -> frequencies; the most frequent written form of each plain spelling
    wins, cedilla letters count as comma-below."""
    buckets = [["și", "în"], ["si"], [], ["ca", "că", "mulţumesc"], ["multumesc"]]
    packed = msgpack.packb([{"format": "cB", "version": 1}, *buckets])
    wheel = tmp_path / "wordfreq-9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("wordfreq/data/small_ro.msgpack.gz", gzip.compress(packed))
    freq = read_wordlist(tmp_path)
    assert freq["și"] > freq["si"] and "mulțumesc" in freq
    table = build_table(freq)
    assert table == {"ca": "că", "in": "în", "multumesc": "mulțumesc", "si": "și"}
    right, stripped, words = word_accuracy(table, ["Mulțumesc și în"])
    assert (right, words) == (1.0, 3) and stripped == 0.0
    with pytest.raises(InputError, match="no wordfreq wheel"):
        read_wordlist(tmp_path / "none")


def test_stage_reads_restored_text_but_keeps_what_the_customer_wrote(
    options: EnrichOptions,
) -> None:
    written = "Aștept rambursarea de două săptămâni, nimeni nu îmi răspunde la telefon."
    plain = written.translate(PLAIN)
    feedback = pd.DataFrame({"feedback_id": ["w", "p"], "text": [written, plain]})
    result = enrich(feedback, options)
    fb = result.feedback.set_index("feedback_id")
    assert (fb["language"] == "ro").all() and fb.loc["w", "sentiment"] == fb.loc["p", "sentiment"]
    topics = result.mentions[result.mentions["kind"] == "topic"]
    by_doc = topics.groupby("feedback_id")["label"].apply(set)
    assert by_doc["w"] == by_doc["p"] and by_doc["w"]
    quotes = set(result.mentions.loc[result.mentions["feedback_id"] == "p", "evidence"])
    assert quotes and all(not has_diacritics(q) for q in quotes)  # stored as typed
    assert "ro_diacritics=ro-diacritics-" in fb.loc["p", "enriched_with"]
    off = dataclasses.replace(options, restore_diacritics=False)
    assert "ro_diacritics" not in model_versions(off)
    assert "ro_diacritics" not in model_versions(dataclasses.replace(options, languages=("en",)))


def test_profile_switch(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text('[text]\nrestore_diacritics = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="restore_diacritics must be true or false"):
        EnrichOptions.from_settings(Settings(profile=str(profile), cache_dir=tmp_path))
    profile.write_text("[text]\nrestore_diacritics = false\n", encoding="utf-8")
    opts = EnrichOptions.from_settings(Settings(profile=str(profile), cache_dir=tmp_path))
    assert opts.restore_diacritics is False


def test_independent_romanian_set_typed_without_diacritics(options: EnrichOptions) -> None:
    """cx_topics_ro_r2 (another writer, full diacritics) with its diacritics removed gets
    mostly the topics and sentiment of the text as written (without restoring: 71 % and
    88 % on 2026-12-06)."""
    frame = pd.read_csv(CHECKS / "cx_topics_ro_r2.tsv", sep="\t", dtype=str, quoting=3)
    texts = list(frame["text"])
    written = classify_texts(texts, options)
    plain = classify_texts([t.translate(PLAIN) for t in texts], options)
    same_topics = sum(
        {t["label"] for t in a["topics"]} == {t["label"] for t in b["topics"]}
        for a, b in zip(written, plain, strict=True)
    ) / len(texts)
    same_sentiment = sum(
        a["sentiment"] == b["sentiment"] for a, b in zip(written, plain, strict=True)
    ) / len(texts)
    assert same_topics >= 0.90 and same_sentiment >= 0.94, (same_topics, same_sentiment)
