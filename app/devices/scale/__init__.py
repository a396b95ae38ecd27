"""Scales at the pack station: MT-SICS, continuous ASCII output, and a fake.

Every scale is a :class:`Scale`: ``read_stable(timeout_s)`` blocks (call it on
a worker thread, never the GUI thread) until the load settles and returns a
:class:`Weight` in whole grams, or raises a :class:`ScaleError` whose text tells
the packer what to do.

* :class:`MtSicsScale` speaks Mettler Toledo MT-SICS: it sends ``S`` (stable
  weight) or ``SI`` (immediate) and reads ``S S      1.250 kg``; ``S D`` is a
  dynamic (moving) reading, ``S I`` busy, ``S +``/``S -`` overload/underload,
  ``ES``/``ET``/``EL`` syntax, transmission and logical errors.
* :class:`ContinuousScale` listens to indicators that stream one reading per
  line (``ST,GS,+0001.250kg``: ``ST`` stable / ``US`` unstable / ``OL``
  overload, ``GS`` gross / ``NT`` net) and calls a weight stable after N
  consecutive stable readings within a tolerance.
* :class:`FakeScale` for tests and the demo.

Modules: :mod:`.readings` (Weight, units, errors, the protocol),
:mod:`.parsing` (the lines), :mod:`.serial_port` (the port both serial kinds
share), :mod:`.mt_sics`, :mod:`.continuous`, :mod:`.fake`.
"""

from __future__ import annotations

from app.devices.scale.continuous import ContinuousScale
from app.devices.scale.fake import FakeScale
from app.devices.scale.mt_sics import LINE_GRACE_S, MtSicsScale
from app.devices.scale.parsing import parse_continuous, parse_sics
from app.devices.scale.readings import (
    GRAMS_PER_UNIT,
    Scale,
    ScaleCommandError,
    ScaleError,
    ScaleGarbage,
    ScaleOverload,
    ScalePortError,
    ScaleSilent,
    ScaleUnderload,
    ScaleUnstable,
    Weight,
    to_grams,
)

__all__ = [
    "GRAMS_PER_UNIT",
    "LINE_GRACE_S",
    "ContinuousScale",
    "FakeScale",
    "MtSicsScale",
    "Scale",
    "ScaleCommandError",
    "ScaleError",
    "ScaleGarbage",
    "ScaleOverload",
    "ScalePortError",
    "ScaleSilent",
    "ScaleUnderload",
    "ScaleUnstable",
    "Weight",
    "parse_continuous",
    "parse_sics",
    "to_grams",
]
