"""A station's settings: which database, which devices, which labels, which language.

Values come from the command line, else from what this machine saved last time, else
the defaults below. Device addresses are URIs:

* scanner: ``wedge`` (keyboard) or ``serial:///dev/ttyUSB0?baudrate=9600``
* scale: ``none``, ``fake`` (virtual), ``mtsics:///dev/ttyS1``, ``continuous:///dev/ttyS2``
* printer: ``tcp://HOST:9100``, ``serial:///dev/ttyUSB1``, ``dir:///PATH``, ``system:NAME``
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_FORMATS: tuple[str, ...] = ("zpl", "pdf")
LABEL_SIZES: tuple[str, ...] = ("4x6", "100x150", "76x130", "100x180")
LANGUAGES: tuple[str, ...] = ("zh_CN", "en")


@dataclass
class StationConfig:
    db: str = ""
    station: str = ""
    scanner: str = "wedge"
    scale: str = "none"
    printer: str = ""
    label_format: str = "zpl"
    label_size: str = "100x150"
    lang: str = "zh_CN"
    # Parcel weight may differ from the expected weight by this share (and at least
    # weight_tolerance_g) before a re-check or a supervisor override is needed.
    weight_tolerance_pct: float = 10.0
    weight_tolerance_g: int = 50
    # ZPL Chinese text: "graphic" (rasterised ^GF, any printer) or "font" (^CI28 + resident font)
    zpl_cjk: str = "graphic"
