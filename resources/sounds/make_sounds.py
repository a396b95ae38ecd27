"""Writes the station's three sounds; run ``python3 resources/sounds/make_sounds.py``.

Distinct by pitch and rhythm, so a packer knows the result without looking:
good is one short high beep, bad a low double buzz, done a rising three-note chime.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050


def _tone(freq: float, ms: int, volume: float = 0.5, square: bool = False) -> list[float]:
    n = RATE * ms // 1000
    fade = min(n // 4, RATE // 200)  # 5 ms ramps: no clicks
    out = []
    for i in range(n):
        s = math.sin(2 * math.pi * freq * i / RATE)
        if square:
            s = 1.0 if s >= 0 else -1.0
        ramp = min(1.0, i / fade, (n - 1 - i) / fade) if fade else 1.0
        out.append(s * volume * ramp)
    return out


def _silence(ms: int) -> list[float]:
    return [0.0] * (RATE * ms // 1000)


SOUNDS: dict[str, list[float]] = {
    "good": _tone(1760, 90),
    "bad": _tone(220, 180, 0.35, square=True) + _silence(70) + _tone(220, 260, 0.35, square=True),
    "done": _tone(1047, 110) + _tone(1319, 110) + _tone(1568, 220),
    "warn": _tone(880, 140) + _silence(60) + _tone(660, 200),
}


def write(name: str, samples: list[float], folder: Path) -> Path:
    path = folder / f"{name}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))
    return path


if __name__ == "__main__":
    here = Path(__file__).parent
    for name, samples in SOUNDS.items():
        print(write(name, samples, here))
