#!/usr/bin/env bash
# Rebuild the speech test fixtures (needs espeak-ng, festival + festvox-ru, sox; not CI).
#   apt-get install espeak-ng sox festival festvox-ru
# All files are 8 kHz 16-bit, like telephone recordings, and under 100 KB.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# (a) Stereo call, 8.0 s: agent (espeak en-us, male) on channel 0 from 0.3 s, customer
#     (en-us female) on channel 1 from 4.3 s, faint pink noise on both.
espeak-ng -v en-us -s 165 -w "$tmp/agent.wav" \
  "Thank you for calling. How can I help you with your order today?"
espeak-ng -v en-us+f3 -s 165 -w "$tmp/cust.wav" \
  "My delivery is late and I want a refund for the broken phone."
sox "$tmp/agent.wav" -r 8000 "$tmp/a8.wav" pad 0.3
sox "$tmp/cust.wav" -r 8000 "$tmp/c8.wav" pad 4.3
sox "$tmp/a8.wav" "$tmp/a.wav" pad 0 "$(echo "8 - $(soxi -D "$tmp/a8.wav")" | bc -l)"
sox "$tmp/c8.wav" "$tmp/c.wav" trim 0 8 pad 0 "$(echo "8 - $(soxi -D "$tmp/c8.wav")" | bc -l)"
sox -M "$tmp/a.wav" "$tmp/c.wav" "$tmp/st.wav"
sox -R -n -r 8000 -c 2 -b 16 "$tmp/noise.wav" synth 8 pinknoise vol 0.0004
sox -R -m "$tmp/st.wav" "$tmp/noise.wav" -b 16 call_stereo_en.flac

# (b) Russian, mono, 4.4 s. espeak-ng's Russian is not intelligible to Whisper base (it is
#     detected as Thai), so this one uses Festival's recorded-unit Russian voice.
printf '%s' "Добрый день. Я хочу вернуть деньги за заказ." > "$tmp/ru.txt"
text2wave -eval '(voice_msu_ru_nsh_clunits)' "$tmp/ru.txt" -o "$tmp/ru.wav"
sox "$tmp/ru.wav" -r 8000 -b 16 mono_ru.flac pad 0.2 0.3

# (c) 4 s of faint pink noise and nothing else.
sox -R -n -r 8000 -c 1 -b 16 silence_noise.flac synth 4 pinknoise vol 0.002

# (d) Survey call with PII, stereo, Ogg/Opus: agent asks the NPS question (Festival ru) on
#     channel 0, the customer answers "eight" and reads a Luhn-valid test card number on 1.
printf '%s' "Насколько вероятно, что вы порекомендуете нас друзьям?" > "$tmp/q.txt"
printf '%s' "Восемь. Номер моей карты четыре пять три девять, один четыре восемь восемь, \
ноль три четыре три, шесть четыре шесть семь." > "$tmp/a.txt"
text2wave -eval '(voice_msu_ru_nsh_clunits)' "$tmp/q.txt" -o "$tmp/q.wav"
text2wave -eval '(voice_msu_ru_nsh_clunits)' "$tmp/a.txt" -o "$tmp/a.wav"
sox "$tmp/q.wav" -r 8000 "$tmp/qp.wav" pad 0.3
qd=$(soxi -D "$tmp/qp.wav")
sox "$tmp/a.wav" -r 8000 "$tmp/ap.wav" pad "$(echo "$qd + 0.4" | bc -l)" 0.3
sox "$tmp/qp.wav" "$tmp/qq.wav" pad 0 "$(echo "$(soxi -D "$tmp/ap.wav") - $qd" | bc -l)"
sox -M "$tmp/qq.wav" "$tmp/ap.wav" "$tmp/st.wav"
sox -R -n -r 8000 -c 2 -b 16 "$tmp/n.wav" synth "$(soxi -D "$tmp/st.wav")" pinknoise vol 0.0002
sox -R -m "$tmp/st.wav" "$tmp/n.wav" -b 16 "$tmp/survey.wav"
python3 to_opus.py "$tmp/survey.wav" survey_pii_ru.ogg

# (e) 3 s of plucked chords: hold music, no speech.
sox -R -n -r 8000 -c 1 -b 16 music_hold.flac synth 0.5 pluck C4 pluck E4 pluck G4 : \
  synth 0.5 pluck D4 pluck F4 pluck A4 : synth 0.5 pluck E4 pluck G4 pluck B4 : \
  synth 0.5 pluck C5 vol 0.5 repeat 2

# (f) Unusable files: 3000 seeded random bytes named .wav, and a 0-byte file.
python3 -c "import random; random.seed(7); open('corrupt.wav','wb').write(random.randbytes(3000))"
: > empty.wav
ls -l ./*.flac ./*.wav ./*.ogg
