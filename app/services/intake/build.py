"""Building an order's parts from cell texts: the one way every importer does it.

Nearly every order of a big file is plain ("WD-10001", "2", "89.00"). The ``plain_``
functions build such values without the dozen helper calls of the checks and without
the exceptions the checks raise and catch on the way; anything else, even a value the
checks would accept, gets None, and the importer hands its cells to ``checked_line``
and the checks in ``checks``, which name every problem. The two ways must give the
same result for the same cells: each importer's test_fast_path_gives_what_the_checks_give
holds them to it. ``plain_line`` and ``checked_line`` take cells stripped and the SKU
unprotected; ``plain_lines`` takes an order's line cells as the file holds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from operator import itemgetter

from app.domain.incoming import IncomingLine
from app.services.intake.checks import Problems, money, quantity
from app.services.intake.csvtext import PROTECTED, amount, plain_decimal, unprotect

ZERO = Decimal(0)
_VALUE = itemgetter(1)


def plain_line(sku: str, qty_text: str, price_text: str, name: str) -> IncomingLine | None:
    """The line when every cell is plain, or None to let ``checked_line`` judge it."""
    # A price that starts with a digit is neither negative, nor infinite, nor NaN.
    if not (sku and qty_text.isdecimal() and price_text[:1].isdecimal()):
        return None
    if "e" in price_text or "E" in price_text or "_" in price_text:  # exotic_number(), inlined
        return None
    try:
        qty = int(qty_text)
        price = Decimal(price_text)
    # decimal.InvalidOperation is an ArithmeticError; int() refuses 4,300 digits and more.
    except (ValueError, ArithmeticError):
        return None
    if qty <= 0:
        return None
    return IncomingLine(sku=sku, qty=qty, unit_price=price, name=name)


def plain_lines(cells: Iterable[Sequence[str]]) -> tuple[IncomingLine, ...] | None:
    """An order's lines when every one is plain, or None to let ``checked_line`` judge them.

    Each item is (sku, qty, unit price, name) as the file holds them, not yet stripped.
    Quantity and price are not stripped here: a space fails plain_line's digit tests
    before Decimal, which ignores one at the end as the checks' strip() would, and a
    line with one goes to the checks. This runs once per line of a big file.
    """
    lines = []
    for sku_cell, qty_text, price_text, name in cells:
        sku = sku_cell.strip()
        if sku[:1] in PROTECTED:  # ident(), inlined
            sku = unprotect(sku)
        line = plain_line(sku, qty_text, price_text, name.strip())
        if line is None:
            return None
        lines.append(line)
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class LineLabels:
    """What a format's messages call a line's cells."""

    sku: str
    qty: str
    price: str
    # Taobao names the item instead: its rows have two SKU columns, and both are empty.
    no_sku: str = "{sku} is empty"
    # Taobao gives one verdict for any price it cannot use, an empty or negative one too.
    price_not_an_amount: bool = False


def checked_line(
    sku: str,
    qty_text: str,
    price_text: str,
    name: str,
    at: int,
    problems: Problems,
    labels: LineLabels,
) -> IncomingLine | None:
    """The line, or None with every problem of its cells added to ``problems``."""
    before = len(problems)
    if not sku:
        problems.add(at, labels.no_sku.format(sku=labels.sku, name=name))
    qty = quantity(qty_text, labels.qty, at, problems)
    price: Decimal | None
    if labels.price_not_an_amount:
        try:
            price = amount(price_text)
        except ValueError:
            price = None
        if price is None or price < 0:
            price = None
            problems.add(at, f"{labels.price} {price_text!r} is not an amount")
    elif not price_text:
        price = None
        problems.add(at, f"{labels.price} is empty")
    else:
        price = money(price_text, labels.price, at, problems)
        if price is None and len(problems) == before:
            problems.add(at, f"{labels.price} {price_text!r} is empty")  # e.g. a lone ' or =""
    if len(problems) > before or qty is None or price is None:
        return None
    return IncomingLine(sku=sku, qty=qty, unit_price=price, name=name)


# An order's (placed_at, paid_at, total, shipping_fee), read and checked
OrderValues = tuple[datetime | None, datetime | None, Decimal | None, Decimal | None]


def plain_values(
    placed_at: str, paid_at: str, total: str, shipping_fee: str, read: Callable[[str], datetime]
) -> OrderValues | None:
    """The order's times and amounts when all are plain, or None to let the checks judge.

    As the checks read them: an empty time or total is None, an empty fee 0; a time
    must carry its offset.
    """
    try:
        placed = read(placed_at) if placed_at else None
        paid = read(paid_at) if paid_at else None
        paid_total = plain_decimal(total) if total else None
        fee = plain_decimal(shipping_fee) if shipping_fee else ZERO
    # decimal.InvalidOperation ("1,299.00", "¥12" are for money()) is an ArithmeticError.
    except (ValueError, ArithmeticError):
        return None
    if (placed is not None and placed.tzinfo is None) or (paid is not None and paid.tzinfo is None):
        return None
    if (paid_total is not None and paid_total < ZERO) or fee < ZERO:
        return None
    return placed, paid, paid_total, fee


def present(names: tuple[str, ...], texts: Iterable[str]) -> dict[str, str]:
    """The texts that are not empty, by name, for IncomingOrder.extra.

    filter and itemgetter keep the loop in C, which matters once per order of a big export.
    """
    return dict(filter(_VALUE, zip(names, texts, strict=True)))
