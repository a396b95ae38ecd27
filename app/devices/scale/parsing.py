"""The lines scales send: MT-SICS answers and continuous output."""

from __future__ import annotations

import re

from app.devices.scale.readings import (
    ScaleCommandError,
    ScaleGarbage,
    Weight,
    overload,
    to_grams,
    underload,
)

__all__ = ["parse_continuous", "parse_sics"]

_SICS = re.compile(
    r"(?P<cmd>S|SI)\s+(?P<status>[SD])\s+(?P<value>[+-]?\s*\d+(?:\.\d*)?)\s*(?P<unit>[A-Za-z]+)",
    re.ASCII,
)
_SICS_STATUS = re.compile(r"(?P<cmd>[A-Z][A-Z0-9]*)\s+(?P<status>[I+\-LA])", re.ASCII)
_CONTINUOUS = re.compile(
    r"(?P<state>ST|US|OL|UL)(?:\s*,\s*(?:(?P<kind>GS|NT|TR|GW|NW)\s*,?)?\s*"
    r"(?P<value>[+-]?\s*\d+(?:\.\d*)?)?\s*(?P<unit>[A-Za-z]+)?)?",
    re.ASCII,
)


def parse_sics(line: str, where: str = "the scale") -> Weight | None:
    """One MT-SICS answer to ``S``/``SI``: a Weight, None for ``S I`` (busy, try again),
    or the matching ScaleError."""
    text = line.strip()
    if m := _SICS.fullmatch(text):
        try:
            grams = to_grams(m["value"], m["unit"])
        except ValueError as exc:
            raise ScaleGarbage(f"the scale on {where} answered {text!r}: {exc}") from None
        return Weight(grams, stable=m["status"] == "S", text=text)
    if text in ("ES", "ET", "EL"):
        raise ScaleCommandError(_SICS_ERRORS[text].format(where=where))
    if m := _SICS_STATUS.fullmatch(text):
        status = m["status"]
        if status == "I":
            return None
        if status == "+":
            raise overload(where)
        if status == "-":
            raise underload(where)
        if status == "L":
            raise ScaleCommandError(
                f"the scale on {where} cannot carry out {m['cmd']} (logical error)"
            )
    if _CONTINUOUS.fullmatch(text):
        raise ScaleGarbage(
            f"the scale on {where} streams continuous output ({text!r}), not MT-SICS — "
            "set it up as a continuous scale, or switch it to MT-SICS"
        )
    raise ScaleGarbage(
        f"unexpected answer from the scale on {where}: {text[:40]!r} — "
        "check the baud rate and that the scale is set to MT-SICS"
    )


_SICS_ERRORS = {
    "ES": "the scale on {where} did not understand the command (ES) — is it set to MT-SICS?",
    "ET": "transmission error talking to the scale on {where} (ET) — check the cable and baud rate",
    "EL": "the scale on {where} cannot carry out the command now (EL)",
}


def parse_continuous(line: str, where: str = "the scale") -> Weight:
    """One line of continuous output (``ST,GS,+0001.250kg``) as a Weight, or a ScaleError."""
    text = line.strip()
    m = _CONTINUOUS.fullmatch(text)
    if m is None:
        raise ScaleGarbage(
            f"unexpected data from the scale on {where}: {text[:40]!r} — "
            "check the baud rate and that it sends continuous output like ST,GS,+0001.250kg"
        )
    if m["state"] == "OL":
        raise overload(where)
    if m["state"] == "UL":
        raise underload(where)
    if m["value"] is None or m["unit"] is None:
        raise ScaleGarbage(f"the scale on {where} sent {text!r} without a weight and unit")
    try:
        grams = to_grams(m["value"], m["unit"])
    except ValueError as exc:
        raise ScaleGarbage(f"the scale on {where} sent {text!r}: {exc}") from None
    return Weight(grams, stable=m["state"] == "ST", net=m["kind"] in ("NT", "NW"), text=text)
