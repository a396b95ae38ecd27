"""The checks every importer runs on a cell, and the list of problems they fill.

Every check records ``(row, message)`` in a Problems instead of raising, so a clerk
sees all of a row's or an order's problems at once. Messages name the column (or
JSON field) as the file's own format calls it and quote the value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from app.domain.incoming import Rejected
from app.services.intake.csvtext import amount, parse_int


class Problems:
    """What is wrong with one order or one catalog row, in the order a clerk reads it."""

    __slots__ = ("found", "name_files", "source_file", "unit")

    def __init__(self, source_file: str, unit: str = "row", *, name_files: bool = False) -> None:
        self.source_file = source_file
        self.unit = unit  # "row" in CSV files, "line" in JSON lines
        # Taobao orders come from two files, so each problem says which one it is in.
        self.name_files = name_files
        self.found: list[tuple[str, int, str]] = []  # (file, row, what is wrong)

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def add(self, row: int, text: str) -> None:
        self.found.append((self.source_file, row, text))

    def extend(self, other: Problems) -> None:
        self.found += other.found

    def in_file(self, source_file: str) -> Problems:
        """The same list, for what is found in another file (Taobao's order details)."""
        other = Problems(source_file, self.unit, name_files=self.name_files)
        other.found = self.found
        return other

    def rejected_row(self) -> Rejected:
        """A catalog row rejected for every problem found in it."""
        _, row, _ = self.found[0]
        return Rejected(self.source_file, row, self.texts())

    def rejected_order(self, order_no: str) -> Rejected:
        """An order rejected whole, naming every problem where it was found."""
        source_file, row, _ = self.found[0]
        if self.name_files:
            detail = "; ".join(f"{f} {self.unit} {n}: {text}" for f, n, text in self.found)
        else:
            detail = "; ".join(f"{self.unit} {n}: {text}" for _, n, text in self.found)
        return Rejected(
            source_file,
            row,
            f"order {order_no or '(no number)'} not imported "
            f"(an order is imported whole or not at all): {detail}",
            order_no=order_no or None,
        )

    def texts(self) -> str:
        return "; ".join(text for _, _, text in self.found)


def required(value: str, column: str, at: int, problems: Problems) -> str:
    if not value:
        problems.add(at, f"{column} is empty")
    return value


def money(value: str, column: str, at: int, problems: Problems) -> Decimal | None:
    """An amount of money, never negative; None when the cell is empty or wrong."""
    try:
        number = amount(value)
    except ValueError:
        problems.add(at, f"{column} {value!r} is not an amount")
        return None
    if number is not None and number < 0:
        problems.add(at, f"{column} {value!r} is negative")
        return None
    return number


def whole(
    value: str, column: str, at: int, problems: Problems, minimum: int | None = 0
) -> int | None:
    """A whole number of at least ``minimum`` (None: any); None when empty or wrong."""
    try:
        number = int(value) if value.isdecimal() else parse_int(value)
    except ValueError:
        problems.add(at, f"{column} {value!r} is not a whole number")
        return None
    if number is not None and minimum is not None and number < minimum:
        problems.add(at, f"{column} {value!r} is less than {minimum}")
        return None
    return number


def quantity(value: str, column: str, at: int, problems: Problems) -> int | None:
    """How many units a line asks for: a whole number above 0, never empty."""
    try:
        qty = int(value) if value.isdecimal() else parse_int(value)
    except ValueError:
        qty = None
    if qty is None or qty <= 0:
        problems.add(at, f"{column} {value!r} is not a positive whole number")
        return None
    return qty


@dataclass(frozen=True, slots=True)
class TimeFormat:
    """How a format writes its times, and what its messages show a clerk instead."""

    read: Callable[[str], datetime]  # raises ValueError
    like: str  # "an ISO 8601 time like 2024-03-05T14:22:10+08:00"
    offset_hint: str  # after "has no UTC offset"; {value} stands for the cell


def aware_time(
    value: str, column: str, at: int, problems: Problems, fmt: TimeFormat
) -> datetime | None:
    """A time with its UTC offset: without one nobody can tell which clock it was read from."""
    if not value:
        return None
    try:
        moment = fmt.read(value)
    except ValueError:
        problems.add(at, f"{column} {value!r} is not {fmt.like}")
        return None
    if moment.tzinfo is None:
        hint = fmt.offset_hint.format(value=value)
        problems.add(at, f"{column} {value!r} has no UTC offset{hint}")
        return None
    return moment


def spoiled_by_spreadsheet(code: str) -> bool:
    """True for a long number a spreadsheet turned into ``6.97123E+12``: its digits are gone."""
    return "E+" in code.upper()


def spoiled_barcode(column: str, value: str) -> str:
    return (
        f"{column} {value!r} was turned into a number by a spreadsheet; "
        "format the column as text and export again"
    )
