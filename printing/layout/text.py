"""Text that fits: a line cut with ``…``, or wrapped into a number of lines.

Widths are in dots at a size in dots per em (:func:`printing.fonts.text_width`);
bold is the single-weight font drawn with an outline, which widens it by
:func:`stroke` on each side.
"""

from __future__ import annotations

from printing.fonts import text_width

__all__ = ["fit_text", "ink_width", "stroke", "wrap_text"]


def stroke(size: int, bold: bool) -> int:
    """Extra outline width for the fake bold of a single-weight font."""
    return max(1, size // 22) if bold else 0


def ink_width(text: str, size: int, bold: bool = False) -> float:
    """Width of ``text`` as printed, outline included."""
    return text_width(text, size) + 2 * stroke(size, bold)


def fit_text(text: str, size: int, width: float, *, bold: bool = False) -> str:
    """``text``, or its longest prefix plus ``…`` that fits ``width`` dots."""
    if ink_width(text, size, bold) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix whose "prefix…" fits
        mid = (lo + hi + 1) // 2
        if ink_width(text[:mid].rstrip() + "…", size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…" if lo else ""


def wrap_text(text: str, size: int, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines of ``width`` dots.

    Chinese breaks between any two characters; a run of Latin letters or digits
    moves to the next line whole when it can. The last line ends with ``…``
    when text is left over.
    """
    lines: list[str] = []
    rest = text.strip()
    while rest and len(lines) < max_lines:
        if len(lines) == max_lines - 1 or ink_width(rest, size) <= width:
            lines.append(fit_text(rest, size, width))
            break
        cut = 1
        total = ink_width(rest[0], size)
        if total > width:  # not even one character fits
            break
        while cut < len(rest):
            total += ink_width(rest[cut], size)
            if total > width:
                break
            cut += 1
        # Do not split an ASCII word if a space or a CJK character gives a break.
        if rest[cut].isascii() and rest[cut].isalnum() and rest[cut - 1].isascii():
            for back in range(cut - 1, 0, -1):
                if not (rest[back].isascii() and rest[back].isalnum()):
                    cut = back + 1 if rest[back] != " " else back
                    break
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [line for line in lines if line]
