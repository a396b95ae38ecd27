"""What GS1 says about an Application Identifier, from biip's copy of the AI table.

biip (``biip.gs1_application_identifiers``) carries the GS1 General
Specifications' table: every AI's format, data title, pattern and whether a
separator must follow it. :func:`ai_facts` reads one AI from it in the shape
:mod:`app.domain.gs1` needs to split a scan and say what is wrong with it.

Two GS1 tables are kept here because biip does not expose them and a parser
needs them for AIs it has never heard of: the length of an AI by its first two
digits, and the value lengths GS1 predefines for some of those ranges (a reader
must honour them even for AIs assigned after it was written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from biip import ParseConfig, ParseError
from biip.gs1_application_identifiers import GS1ApplicationIdentifier
from biip.gs1_element_strings import GS1ElementString

__all__ = ["GS", "PREDEFINED", "AiFacts", "ai_facts", "ai_length", "biip_element"]

GS: Final = "\x1d"

# The AIs whose value length GS1 predefines (General Specifications, figure
# 7.8.5-2): no FNC1 separator follows them. Keyed by the AI's first two digits,
# value = length of the data after the AI.
PREDEFINED: Final[dict[str, int]] = {
    "00": 18, "01": 14, "02": 14, "03": 14, "04": 16,
    "11": 6, "12": 6, "13": 6, "14": 6, "15": 6, "16": 6, "17": 6, "18": 6, "19": 6,
    "20": 2,
    "31": 6, "32": 6, "33": 6, "34": 6, "35": 6, "36": 6,
    "41": 13,
}  # fmt: skip

# Length of an AI from its first two digits, for every assigned range.
_AI_LENGTH: Final[dict[str, int]] = {
    **{p: 2 for p in ("00", "01", "02", "03", "04")},
    **{f"{n}": 2 for n in range(10, 23)},
    **{f"{n}": 3 for n in range(23, 26)},
    "30": 2,
    **{f"{n}": 4 for n in range(31, 37)},
    "37": 2,
    "39": 4,
    **{f"{n}": 3 for n in range(40, 43)},
    "43": 4,
    "70": 4,
    "71": 3,
    "72": 4,
    **{f"{n}": 4 for n in range(80, 83)},
    **{f"{n}": 2 for n in range(90, 100)},
}

# AI families the floor passes through as raw text, unchecked: ship-to details
# (43), national healthcare reimbursement numbers (71), healthcare and
# certification data (72) and coupons (81). Nothing here acts on them, and a
# badly formed field there must not turn the scan of a good item into a refusal.
_PASSED_THROUGH: Final = frozenset({"43", "71", "72", "81"})

# biip checks the check digit of GTINs (01-03), SSCCs (00) and GLNs (41n); these
# AIs carry a GS1 check digit too, over (start, end) of the value.
_CHECK_SPANS: Final[dict[str, tuple[int, int]]] = {
    "253": (0, 13),  # GDTI
    "255": (0, 13),  # GCN
    "402": (0, 17),  # GSIN
    "8003": (1, 14),  # GRAI: a leading 0, then a GTIN-13 shape
    "8017": (0, 18),  # GSRN provider
    "8018": (0, 18),  # GSRN recipient
}

UNKNOWN_TITLE: Final = "UNKNOWN AI"

# One part of a GS1 format after the AI: N6, X..20, N..8, [+X..17] (optional),
# [N1..N2] (optional digits), [-] (an optional minus sign).
_PART = re.compile(r"\+?(\[\+?)?(?:([NXYZ])(\d*)(?:\.\.[NXYZ]?(\d+))?|(-))\]?")

# biip's date check anchors the century on the wall clock; app.domain.gs1
# checks dates itself against the day it is given.
_CONFIG: Final = ParseConfig(gs1_element_strings_verify_date=False)


def _parts(fmt: str) -> tuple[tuple[str, int, int], ...]:
    """(charset, min length, max length) of each part of a biip format, the AI left out."""
    _, _, rest = fmt.partition("+")
    out: list[tuple[str, int, int]] = []
    pos = 0
    while pos < len(rest):
        m = _PART.match(rest, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"GS1 format {fmt!r} is not in the notation this reader knows")
        optional, charset, low, high, dash = m.groups()
        if dash:
            out.append(("X", 0, 1))
        elif high is None:
            out.append((charset, 0 if optional else int(low), int(low)))
        else:
            out.append((charset, 0 if optional else int(low or 1), int(high)))
        pos = m.end()
    return tuple(out)


@dataclass(frozen=True, slots=True)
class AiFacts:
    """One AI as the parser sees it.

    ``spec`` is biip's entry, None for an AI GS1 has not assigned (or one of
    the families passed through), read as text of the predefined length or up
    to 90 characters. ``fmt`` is the GS1 notation of the value (``N14``,
    ``X..20``, ``N3+X..9``); ``parts`` the same as (charset, min, max).
    """

    ai: str
    title: str
    fmt: str
    parts: tuple[tuple[str, int, int], ...]
    spec: GS1ApplicationIdentifier | None = None
    is_date: bool = False
    check_span: tuple[int, int] | None = None

    @property
    def min_len(self) -> int:
        return sum(p[1] for p in self.parts)

    @property
    def max_len(self) -> int:
        return sum(p[2] for p in self.parts)


def ai_length(head: str) -> int | None:
    """The number of digits of the AIs whose first two digits are ``head``, None if unassigned."""
    return _AI_LENGTH.get(head)


def _known(ai: str) -> GS1ApplicationIdentifier | None:
    if ai[:2] in _PASSED_THROUGH:
        return None
    try:
        spec = GS1ApplicationIdentifier.extract(ai)
    except ParseError:
        return None
    return spec if spec.ai == ai else None


@lru_cache(maxsize=1024)
def ai_facts(ai: str) -> AiFacts:
    """What the parser needs to know about ``ai`` (a complete AI, 2 to 4 digits)."""
    spec = _known(ai)
    if spec is None:
        fixed = PREDEFINED.get(ai[:2])
        fmt = f"X{fixed}" if fixed is not None else "X..90"
        return AiFacts(ai, UNKNOWN_TITLE, fmt, _parts(f"N{len(ai)}+{fmt}"))
    # GS1 prints the conjunction in capitals (USE BY OR EXPIRY); biip's table has "or".
    title = spec.data_title.replace(" or ", " OR ")
    parts = _parts(spec.format)
    return AiFacts(
        ai,
        title,
        spec.format.partition("+")[2],
        parts,
        spec,
        # The YYMMDD dates: production, due, packaging, best before, sell by, expiry, freeze.
        is_date=spec.description.endswith("(YYMMDD)") and parts == (("N", 6, 6),),
        check_span=_CHECK_SPANS.get(ai),
    )


def biip_element(spec: GS1ApplicationIdentifier, value: str) -> GS1ElementString | None:
    """biip's reading of one element string, None when the value breaks the AI's format."""
    try:
        return GS1ElementString.parse(spec.ai + value, config=_CONFIG)
    except ParseError:
        return None
