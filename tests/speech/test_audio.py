"""Decoding: channels kept apart, resampled to 16 kHz; unusable files raise AudioError."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from vocnlp.errors import AudioError
from vocnlp.speech.audio import AudioEmptyError, decode, load_channels, probe_audio

av = pytest.importorskip("av")
sf = pytest.importorskip("soundfile")

RATE = 8000


def tones(seconds: float, freqs: list[float], rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return np.stack([0.3 * np.sin(2 * np.pi * f * t) for f in freqs]).astype(np.float32)


def encode(path: Path, signal: np.ndarray, codec: str, rate: int = RATE) -> Path:
    """Write ``signal`` (channels, samples) with PyAV, as a call recorder would."""
    layout = {1: "mono", 2: "stereo"}[signal.shape[0]]
    with av.open(str(path), mode="w") as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        frame = av.AudioFrame.from_ndarray(signal, format="fltp", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def peak_hz(channel: np.ndarray, rate: int = 16000) -> float:
    spectrum = np.abs(np.fft.rfft(channel))
    return float(np.fft.rfftfreq(channel.size, 1 / rate)[int(np.argmax(spectrum))])


def test_stereo_fixture(audio_dir: Path) -> None:
    path = audio_dir / "call_stereo_en.flac"
    info = probe_audio(path)
    assert (info.sample_rate, info.channels) == (8000, 2)
    assert info.duration_s == pytest.approx(8.0, abs=0.01)
    audio = load_channels(path)
    assert audio.dtype == np.float32
    assert audio.shape == (2, 128000)
    # The agent talks first on channel 0, the customer later on channel 1.
    first, second = slice(0, 4 * 16000), slice(4 * 16000 + 8000, None)
    assert np.abs(audio[0, first]).mean() > 10 * np.abs(audio[1, first]).mean()
    assert np.abs(audio[1, second]).mean() > 10 * np.abs(audio[0, second]).mean()


@pytest.mark.parametrize(
    ("suffix", "codec"),
    [("wav", "pcm_s16le"), ("flac", "flac"), ("mp3", "libmp3lame"), ("ogg", "libopus"),
     ("m4a", "aac")],
)  # fmt: skip
def test_formats_keep_channels_apart(tmp_path: Path, suffix: str, codec: str) -> None:
    rate = 48000 if codec == "libopus" else RATE  # Opus encodes at 48 kHz only
    path = encode(tmp_path / f"call.{suffix}", tones(1.0, [440, 1000], rate), codec, rate)
    audio, info = decode(path)
    assert info.channels == 2
    assert info.sample_rate == rate
    assert audio.shape[0] == 2
    assert audio.shape[1] == pytest.approx(16000, rel=0.2)  # AAC adds priming samples
    assert peak_hz(audio[0]) == pytest.approx(440, abs=5)
    assert peak_hz(audio[1]) == pytest.approx(1000, abs=5)


def test_more_than_two_channels(tmp_path: Path) -> None:
    path = tmp_path / "conference.wav"
    sf.write(path, tones(0.5, [300, 700, 1500]).T, RATE)
    audio = load_channels(path)
    assert audio.shape == (3, 8000)
    assert [round(peak_hz(ch), -1) for ch in audio] == [300, 700, 1500]
    assert load_channels(path, sample_rate=8000).shape == (3, 4000)


def test_corrupt_file(audio_dir: Path) -> None:
    with pytest.raises(AudioError, match="not a readable audio file"):
        load_channels(audio_dir / "corrupt.wav")
    with pytest.raises(AudioError):
        probe_audio(audio_dir / "corrupt.wav")


def test_empty_and_missing_files(audio_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(AudioEmptyError, match="0 bytes"):
        load_channels(audio_dir / "empty.wav")
    with pytest.raises(AudioError, match="file not found"):
        load_channels(tmp_path / "nope.wav")
    with pytest.raises(AudioError, match="not a regular file"):
        load_channels(tmp_path)
    silent = tmp_path / "no-samples.wav"
    sf.write(silent, np.zeros((0, 1), dtype=np.float32), RATE)
    with pytest.raises(AudioEmptyError, match="no audio samples"):
        load_channels(silent)


def test_truncated_wav(tmp_path: Path) -> None:
    whole = tmp_path / "whole.wav"
    sf.write(whole, tones(2.0, [440]).T, RATE, subtype="PCM_16")
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(AudioError, match="truncated WAV"):
        load_channels(cut)
    assert load_channels(whole).shape == (1, 32000)


def test_truncated_flac(audio_dir: Path, tmp_path: Path) -> None:
    data = (audio_dir / "mono_ru.flac").read_bytes()
    cut = tmp_path / "cut.flac"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(AudioError, match="truncated"):
        load_channels(cut)


def test_audio_without_an_audio_stream(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("call notes, not audio\n" * 20)
    with pytest.raises(AudioError, match="not a readable audio file"):
        probe_audio(path)
