"""Ingest: formats users send, and a clear reject for every malformed record."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vocnlp.errors import InputFileError
from vocnlp.ingest import find_inbox_files, ingest_inbox
from vocnlp.ingest.customers import load_customers
from vocnlp.ingest.reviews import load_reviews
from vocnlp.ingest.surveys import load_surveys

LANGS = ("en", "ru", "uk", "ro")


def reasons(rejects: list) -> dict[tuple[str, int | None], str]:
    return {(Path(r.file).name, r.line): r.rule for r in rejects}


def test_inbox_batch_keeps_good_records_and_rejects_each_bad_one(inbox: Path) -> None:
    batch = ingest_inbox(inbox, LANGS)
    got = reasons(batch.rejects)
    assert got == {
        ("customers.csv", 5): "left_before_joined",
        ("customers.csv", 6): "bad_date",
        ("surveys.csv", 5): "nps_range",
        ("surveys.csv", 6): "not_an_integer",
        ("surveys.csv", 7): "required",
        ("surveys.csv", 8): "bad_datetime",
        ("surveys.csv", 9): "duplicate_key",
        ("surveys.csv", 10): "csi_range",
        ("reviews.json", 3): "rating_range",
        ("reviews.json", 4): "required",
        ("social.jsonl", 3): "invalid_json",
        ("calls.csv", 5): "language_not_configured",
        ("calls.csv", 6): "unknown_role",
    }
    assert sorted(batch.customers["customer_id"]) == ["C001", "C002", "C003"]
    assert sorted(batch.responses["response_id"]) == ["R1", "R2", "R3", "R9"]
    assert sorted(batch.calls["call_id"]) == ["K1", "K2", "K3"]
    # Every reject names the file, line, field, the value written and a sentence.
    nps = next(r for r in batch.rejects if r.rule == "nps_range")
    assert (nps.field, nps.value) == ("nps", "11")
    assert "between 0 and 10" in nps.message
    assert nps.describe().endswith("surveys.csv:5: nps must be between 0 and 10")
    dup = next(r for r in batch.rejects if r.rule == "duplicate_key")
    assert "line 2" in dup.message


def test_cp1251_semicolon_and_day_first_dates(inbox: Path) -> None:
    loaded = load_customers([inbox / "customers.csv"])
    c1 = loaded.records.set_index("customer_id").loc["C001"]
    assert c1["segment"] == "массовый"
    assert c1["region"] == "Київ"
    assert c1["joined_at"] == pd.Timestamp("2025-02-01")
    c2 = loaded.records.set_index("customer_id").loc["C002"]
    assert c2["left_at"] == pd.Timestamp("2026-09-20")


def test_utf8_bom_header_and_mixed_date_formats(inbox: Path) -> None:
    records = load_surveys([inbox / "surveys.csv"]).records.set_index("response_id")
    assert records.loc["R1", "answered_at"] == pd.Timestamp("2026-10-01 09:15")
    assert records.loc["R3", "answered_at"] == pd.Timestamp("2026-10-03")
    assert pd.isna(records.loc["R3", "comment"])
    assert records.loc["R2", "nps"] == 3


def test_reviews_timezone_is_normalised_to_utc(inbox: Path) -> None:
    records = load_reviews([inbox / "reviews.json"]).records.set_index("review_id")
    assert records.loc["V1", "created_at"] == pd.Timestamp("2026-10-03 12:00")


def test_survey_comments_become_feedback_and_empty_ones_do_not(inbox: Path) -> None:
    batch = ingest_inbox(inbox, LANGS)
    survey = batch.feedback[batch.feedback["source"] == "survey"]
    assert sorted(survey["source_id"]) == ["R1", "R2", "R9"]  # R3 has no comment
    assert set(batch.feedback["source"]) == {"survey", "review", "social"}


def test_social_duplicates_spam_and_markup(inbox: Path) -> None:
    batch = ingest_inbox(inbox, LANGS)
    social = batch.feedback[batch.feedback["source"] == "social"].set_index("source_id")
    assert pd.isna(social.loc["S1", "excluded_reason"])
    assert social.loc["S2", "excluded_reason"] == "duplicate"
    assert social.loc["S3", "excluded_reason"] == "spam"
    assert "<script>" not in social.loc["S4", "text"]
    assert "alert(1)" not in social.loc["S4", "text"]
    assert "Спасибо" in social.loc["S4", "text"]


def test_unreadable_file_is_one_reject_and_the_rest_continue(inbox: Path) -> None:
    (inbox / "surveys_extra.csv").write_text("who,what\n1,2\n", encoding="utf-8")
    (inbox / "reviews_bad.json").write_text("{not json", encoding="utf-8")
    batch = ingest_inbox(inbox, LANGS)
    file_rejects = {Path(r.file).name: r for r in batch.rejects if r.line is None}
    assert file_rejects["surveys_extra.csv"].rule == "unreadable_file"
    assert "missing required column(s): response_id" in file_rejects["surveys_extra.csv"].message
    assert file_rejects["reviews_bad.json"].rule == "unreadable_file"
    assert len(batch.responses) == 4


def test_same_key_in_two_files_keeps_the_later_one(inbox: Path) -> None:
    (inbox / "surveys_late.csv").write_text(
        "response_id;customer_id;answered_at;nps\nR1;C001;10.10.2026;4\n", encoding="utf-8"
    )
    batch = ingest_inbox(inbox, LANGS)
    assert batch.responses.set_index("response_id").loc["R1", "nps"] == 4
    assert any(r.rule == "duplicate_key" and "later file" in r.message for r in batch.rejects)


def test_extra_fields_are_rejected_not_shifted(inbox: Path) -> None:
    (inbox / "reviews.csv").write_text(
        "review_id,created_at,rating,text\nX1,2026-10-01,5,good, really good\n"
        'X2,2026-10-01,4,"quoted, fine"\n',
        encoding="utf-8",
    )
    batch = ingest_inbox(inbox, LANGS)
    assert reasons(batch.rejects)[("reviews.csv", 2)] == "extra_fields"
    assert "X2" in set(batch.feedback["source_id"])


def test_missing_inbox_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="inbox folder not found"):
        find_inbox_files(tmp_path / "nope")
    with pytest.raises(InputFileError, match="no inbox files found"):
        ingest_inbox(tmp_path, LANGS)


def test_content_hash_is_stable_and_changes_with_content(inbox: Path) -> None:
    first = load_surveys([inbox / "surveys.csv"]).records.set_index("response_id")
    again = load_surveys([inbox / "surveys.csv"]).records.set_index("response_id")
    assert first["content_hash"].equals(again["content_hash"])
    text = (inbox / "surveys.csv").read_text(encoding="utf-8-sig").replace(",9,5,9,", ",8,5,9,")
    (inbox / "surveys.csv").write_text(text, encoding="utf-8")
    changed = load_surveys([inbox / "surveys.csv"]).records.set_index("response_id")
    assert changed.loc["R1", "content_hash"] != first.loc["R1", "content_hash"]
    assert changed.loc["R2", "content_hash"] == first.loc["R2", "content_hash"]


@pytest.mark.parametrize(
    ("filename", "content", "rule", "field"),
    [
        (
            "reviews.csv",
            "review_id,created_at,rating,text\nX,2026-10-01,five,ok\n",
            "not_a_number",
            "rating",
        ),
        (
            "surveys.csv",
            "response_id,customer_id,answered_at,nps,cli_switch\nZ,C1,2026-10-01,5,0\n",
            "cli_range",
            "cli_switch",
        ),
        (
            "social.jsonl",
            '{"post_id": "P", "created_at": "2026-10-01", "platform": "x", '
            '"text": "hi", "likes": -3}\n',
            "likes_range",
            "likes",
        ),
        ("customers.csv", "customer_id,joined_at\nC9,2026-02-30\n", "bad_date", "joined_at"),
        (
            "calls/calls.csv",
            "call_id,file,started_at,survey\nK,a.wav,2026-10-01,maybe\n",
            "not_a_boolean",
            "survey",
        ),
        (
            "surveys.csv",
            "response_id,customer_id,answered_at,nps\nZ,C1,2026-10-01,7.5\n",
            "not_an_integer",
            "nps",
        ),
    ],
)
def test_each_rule_names_field_and_value(
    tmp_path: Path, filename: str, content: str, rule: str, field: str
) -> None:
    path = tmp_path / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    batch = ingest_inbox(tmp_path, LANGS)
    line = 1 if filename.endswith(".jsonl") else 2  # CSV line 1 is the header
    assert [(r.rule, r.field, r.line) for r in batch.rejects] == [(rule, field, line)]


def test_date_limits_calls_to_that_day(inbox: Path) -> None:
    (inbox / "calls" / "calls.csv").write_text(
        "call_id,file,started_at\nA,a.wav,2026-10-08T23:59:00\nB,b.wav,09.10.2026 08:00\n",
        encoding="utf-8",
    )
    batch = ingest_inbox(inbox, LANGS, day=pd.Timestamp("2026-10-09"))
    assert batch.calls["call_id"].tolist() == ["B"]
    assert batch.calls["file"].tolist() == ["calls/b.wav"]


def test_personal_data_in_free_text_is_masked_before_storage(inbox: Path) -> None:
    (inbox / "surveys_pii.csv").write_text(
        "response_id,customer_id,answered_at,nps,comment\n"
        'P1,C001,2026-10-10,2,"Перезвоните на +380 67 123 4567 или ivan@example.com"\n',
        encoding="utf-8",
    )
    batch = ingest_inbox(inbox, LANGS)
    comment = batch.responses.set_index("response_id").loc["P1", "comment"]
    assert "4567" not in comment and "ivan@example.com" not in comment
    assert "[PHONE]" in comment and "[EMAIL]" in comment
    text = batch.feedback.set_index("feedback_id").loc["survey:P1", "text"]
    assert text == comment
