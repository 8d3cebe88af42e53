"""Batched Whisper decoding of packed windows from many calls at once.

One encoder pass per window serves both language detection (every window gets Whisper's
language probabilities, so a call's language is judged across the whole call) and decoding.
Decoding is batched across windows of different calls and channels, each window with its
own language token, and keeps Whisper's timestamp tokens so that a window splits into
sentence segments; word timestamps come from CTranslate2's alignment heads.

Windows whose first pass looks wrong (a repetition loop, or a very unsure decode) are decoded
again with a wider beam: most of the accuracy of beam search at close to greedy cost.
"""

from __future__ import annotations

import itertools
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vocnlp.speech.chunks import Chunk

logger = logging.getLogger(__name__)

PREPEND = "\"'“¿([{-"
APPEND = "\"'.。,，!！?？:：”)]}、"


@dataclass
class Word:
    """A word with times in the window's clock (mapped to the call's clock later)."""

    text: str
    start: float
    end: float
    probability: float


@dataclass
class Segment:
    """A Whisper segment of one window (window clock)."""

    text: str
    start: float
    end: float
    avg_logprob: float
    no_speech_prob: float
    words: list[Word] = field(default_factory=list)
    retried: bool = False


@dataclass(frozen=True)
class DecodeSettings:
    """How windows are decoded."""

    beam_size: int = 1
    """First-pass beam width (1 = greedy)."""
    retry_beam_size: int = 5
    """Beam width of the second pass for windows that look wrong (0 = no retry)."""
    retry_logprob: float = -0.8
    """A window whose mean token log-probability is below this is retried."""
    retry_compression: float = 2.2
    """A window whose text compresses better than this (a loop) is retried."""
    word_timestamps: bool = True
    """Align every word to the audio (needed to split and redact by time)."""
    max_new_tokens: int = 220
    """Token budget per window (a 28 s window of fast speech needs ~150)."""


def compression_ratio(text: str) -> float:
    """UTF-8 length / zlib-compressed length, Whisper's repetition measure."""
    data = text.strip().encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


class WindowDecoder:
    """Encodes, language-scores and decodes :class:`Chunk` windows in batches."""

    def __init__(self, model: Any, settings: DecodeSettings, batch_size: int) -> None:
        self.model = model
        self.settings = settings
        self.batch_size = max(1, batch_size)
        self._tokenizers: dict[str, Any] = {}

    # -- encoder + language ------------------------------------------------------------
    def encode(self, chunks: Sequence[Chunk]) -> None:
        """Run the encoder on every chunk not yet encoded and score its language."""
        todo = [c for c in chunks if c.encoded is None]
        for i in range(0, len(todo), self.batch_size):
            batch = todo[i : i + self.batch_size]
            features = np.stack([self._features(c.audio) for c in batch])
            ct2 = _ct2()
            encoded = self.model.model.encode(ct2.StorageView.from_array(features), to_cpu=True)
            array = np.array(encoded)
            results = self.model.model.detect_language(encoded)
            for j, chunk in enumerate(batch):
                chunk.encoded = array[j]
                chunk.language_probs = {tok[2:-2]: float(p) for tok, p in results[j]}

    def _features(self, audio: np.ndarray) -> np.ndarray:
        """Log-mel features of a window, padded to 30 s with silence *before* the mel.

        Whisper was trained on audio padded with zeros (``log_mel_spectrogram(audio,
        padding=N_SAMPLES)``); padding the finished mel with zeros instead (what
        ``pad_or_trim`` on features does) gives the tail a level real silence never has.
        On the RHVoice uk/ru calls of ``bench/transcribe.py`` audio padding lowered the
        greedy WER by 2.5 (uk) and 0.9 (ru) points.
        """
        from faster_whisper.audio import pad_or_trim

        window = self.model.feature_extractor.n_samples
        if audio.shape[0] < window:
            audio = np.pad(audio, (0, window - audio.shape[0]))
        mel = self.model.feature_extractor(audio)[..., :-1]
        return np.ascontiguousarray(pad_or_trim(mel), dtype=np.float32)

    # -- decoding ------------------------------------------------------------------------
    def decode(self, chunks: Sequence[Chunk]) -> list[list[Segment]]:
        """Segments of each chunk (window clock); chunks must be encoded and have a language."""
        self.encode(chunks)
        out: list[list[Segment]] = []
        for i in range(0, len(chunks), self.batch_size):
            out.extend(self._decode_batch(list(chunks[i : i + self.batch_size])))
        return out

    def _tokenizer(self, language: str) -> Any:
        if language not in self._tokenizers:
            from faster_whisper.tokenizer import Tokenizer

            self._tokenizers[language] = Tokenizer(
                self.model.hf_tokenizer, True, task="transcribe", language=language
            )
        return self._tokenizers[language]

    def _generate(
        self, chunks: list[Chunk], beam_size: int
    ) -> list[tuple[list[int], float, float]]:
        from faster_whisper.transcribe import get_suppressed_tokens

        ct2 = _ct2()
        tokenizers = [self._tokenizer(c.language or "en") for c in chunks]
        prompts = [self.model.get_prompt(t, [], without_timestamps=False) for t in tokenizers]
        suppress = list(get_suppressed_tokens(tokenizers[0], [-1]))
        encoded = ct2.StorageView.from_array(np.stack([c.encoded for c in chunks]))
        results = self.model.model.generate(
            encoded,
            prompts,
            beam_size=beam_size,
            max_length=min(self.model.max_length, len(prompts[0]) + self.settings.max_new_tokens),
            suppress_blank=True,
            suppress_tokens=suppress,
            return_scores=True,
            return_no_speech_prob=True,
            max_initial_timestamp_index=50,
        )
        out = []
        for result in results:
            tokens = list(result.sequences_ids[0])
            avg = result.scores[0] * len(tokens) / (len(tokens) + 1)
            out.append((tokens, float(avg), float(result.no_speech_prob)))
        return out

    def _decode_batch(self, chunks: list[Chunk]) -> list[list[Segment]]:
        s = self.settings
        first = self._generate(chunks, s.beam_size)
        retry = [
            i
            for i, (tokens, avg, _) in enumerate(first)
            if s.retry_beam_size > s.beam_size
            and tokens
            and (
                avg < s.retry_logprob
                or compression_ratio(self._tokenizer("en").decode(tokens)) > s.retry_compression
            )
        ]
        retried = set()
        if retry:
            second = self._generate([chunks[i] for i in retry], s.retry_beam_size)
            for i, result in zip(retry, second, strict=True):
                if result[1] > first[i][1] or not result[0]:
                    first[i] = result
                    retried.add(i)
        raw: list[list[dict[str, Any]]] = []
        for i, (chunk, (tokens, avg, no_speech)) in enumerate(zip(chunks, first, strict=True)):
            tok = self._tokenizer(chunk.language or "en")
            frames = int(np.ceil(chunk.duration) * self.model.frames_per_second)
            pieces, _, _ = self.model._split_segments_by_timestamps(
                tokenizer=tok,
                tokens=tokens,
                time_offset=0.0,
                segment_size=frames,
                segment_duration=chunk.duration,
                seek=0,
            )
            for p in pieces:
                p["text"] = tok.decode(p["tokens"])
                p["avg_logprob"], p["no_speech_prob"], p["retried"] = avg, no_speech, i in retried
            raw.append([p for p in pieces if p["text"].strip()])
        if s.word_timestamps:
            self._add_words(chunks, raw)
        return [
            [
                Segment(
                    text=p["text"].strip(),
                    start=float(p["start"]),
                    end=float(p["end"]),
                    avg_logprob=p["avg_logprob"],
                    no_speech_prob=p["no_speech_prob"],
                    words=[
                        Word(w["word"], float(w["start"]), float(w["end"]), float(w["probability"]))
                        for w in p.get("words", [])
                    ],
                    retried=p["retried"],
                )
                for p in pieces
            ]
            for pieces in raw
        ]

    def _add_words(self, chunks: list[Chunk], raw: list[list[dict[str, Any]]]) -> None:
        """Word timestamps for every non-empty window, in one alignment batch."""
        ct2 = _ct2()
        keep = [i for i, pieces in enumerate(raw) if pieces]
        if not keep:
            return
        encoded = ct2.StorageView.from_array(np.stack([chunks[i].encoded for i in keep]))
        frames = [int(np.ceil(chunks[i].duration) * self.model.frames_per_second) for i in keep]
        groups = [raw[i] for i in keep]
        tok = self._tokenizer(chunks[keep[0]].language or "en")
        try:
            self.model.add_word_timestamps(groups, tok, encoded, frames, PREPEND, APPEND, 0.0)
        except (IndexError, ValueError, RuntimeError) as exc:  # pragma: no cover - defensive
            logger.warning("word alignment failed for a batch (%s); keeping segment times", exc)


def _ct2() -> Any:
    import ctranslate2

    return ctranslate2


def flatten(segments: list[list[Segment]]) -> list[Segment]:
    return list(itertools.chain.from_iterable(segments))
