"""Customer text is untrusted wherever it is shown: one rule per output.

Names, addresses, remarks and even order numbers come from buyers and platforms.
Shown raw they can restyle a screen, move a terminal's cursor, run a formula in a
spreadsheet or dodge a privacy mask. Each output has its rule here, in one place:

* a terminal: :func:`for_terminal` (control characters, escape sequences and bidi
  overrides become visible escapes);
* a spreadsheet: :func:`for_spreadsheet` (a cell that would start a formula is
  quoted);
* anywhere digits matter (phone masks, numbers typed in other scripts):
  :func:`ascii_digits` folds every Unicode decimal digit to 0-9 first.

Screens show customer text as plain text (Qt's ``Qt.PlainText``), which is the UI's
rule; PDFs wrap or cut any length, which is the renderer's.
"""

from __future__ import annotations

import unicodedata

# Characters that reorder text on screen (Trojan-Source style) even in plain text.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# A cell starting with one of these is a formula (or DDE) to Excel, LibreOffice or
# Google Sheets; the full-width forms are folded to these by some of them.
_FORMULA_LEADS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def _visible(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` safe to print on a terminal: every control character (C0, C1, DEL,
    so every escape sequence), bidi control and lone surrogate is written as a
    visible ``\\xNN`` / ``\\uNNNN`` escape; everything else, Chinese included, is
    left alone. Tabs are kept (columns line up); newlines are escaped (one record,
    one line)."""
    out: list[str] = []
    for ch in text:
        if ch == "\t":
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or ch in _BIDI_CONTROLS:
            out.append(_visible(ch))
        else:
            out.append(ch)
    return "".join(out)


def for_spreadsheet(value: object) -> object:
    """A CSV cell that a spreadsheet will show as text, never run: a string starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a line break (or their full-width forms)
    gets a leading apostrophe, as OWASP recommends. Numbers and other values pass
    unchanged, so figures stay figures."""
    if isinstance(value, str) and value and value[0] in _FORMULA_LEADS:
        return "'" + value
    return value


def ascii_digits(text: str) -> str:
    """Every Unicode decimal digit (full-width ０-９, Arabic-Indic, Devanagari, …) as
    its ASCII digit; everything else unchanged. ``１３８`` → ``138``."""
    out: list[str] = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        value = unicodedata.decimal(ch, None)
        out.append(str(value) if value is not None else ch)
    return "".join(out)
