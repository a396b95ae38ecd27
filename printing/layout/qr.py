"""QR codes (error correction M) through reportlab's encoder: their size before
printing, and their modules for the PDF and the ZPL preview."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["QR_LEVEL", "qr_matrix", "qr_modules"]

QR_LEVEL = "M"


def _qr(data: str) -> Any:  # reportlab's QRCode, untyped
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    qr.addData(data)
    return qr


@lru_cache(maxsize=1024)
def qr_modules(data: str) -> int:
    """Modules per side of the smallest QR code (level M) holding ``data``, without
    building it: a printer's ``^BQ`` makes a symbol of this size or smaller."""
    version: int = _qr(data).calculate_version()
    return version * 4 + 17


@lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's dark modules, row by row (reportlab's encoder, level M)."""
    qr = _qr(data)
    qr.make()
    n: int = qr.getModuleCount()
    return tuple(tuple(bool(qr.isDark(r, c)) for c in range(n)) for r in range(n))
