"""Encode a WAV as Ogg/Opus (stereo, 24 kbit/s) with PyAV: `python to_opus.py in.wav out.ogg`."""

import sys

import av
import soundfile as sf

data, rate = sf.read(sys.argv[1], dtype="float32", always_2d=True)
layout = {1: "mono", 2: "stereo"}[data.shape[1]]
with av.open(sys.argv[2], mode="w") as out:
    stream = out.add_stream("libopus", rate=48000, layout=layout)
    stream.bit_rate = 24000
    resampler = av.AudioResampler(format="s16", layout=layout, rate=48000)
    frame = av.AudioFrame.from_ndarray(data.T.copy(), format="fltp", layout=layout)
    frame.sample_rate = rate
    for resampled in resampler.resample(frame):
        for packet in stream.encode(resampled):
            out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)
