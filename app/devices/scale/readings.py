"""A scale's reading and the errors that stop a weighing, in the packer's words."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Protocol, runtime_checkable

__all__ = [
    "GRAMS_PER_UNIT",
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
    "overload",
    "to_grams",
    "underload",
]

GRAMS_PER_UNIT: dict[str, Decimal] = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "mg": Decimal("0.001"),
    "t": Decimal(1_000_000),
    "lb": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
}


@dataclass(frozen=True, slots=True)
class Weight:
    """A reading: whole grams (negative after a tare is possible), whether the
    scale called it stable, whether it is net (tared), and the line as sent."""

    weight_g: int
    stable: bool = True
    net: bool = False
    text: str = ""

    def __str__(self) -> str:
        kg = Decimal(self.weight_g) / 1000
        return f"{kg:.3f} kg{'' if self.stable else ' (moving)'}"


# --------------------------------------------------------------------------- errors


class ScaleError(Exception):
    """Anything that stops a weighing; ``str(error)`` is meant for the operator."""


class ScaleSilent(ScaleError):
    """No byte at all came back: off, unplugged, wrong port."""


class ScaleOverload(ScaleError):
    """Above the scale's capacity."""


class ScaleUnderload(ScaleError):
    """Below zero beyond the scale's range: pan missing, or zeroed with a load on."""


class ScaleUnstable(ScaleError):
    """The load did not settle in time."""

    def __init__(self, message: str, last: Weight | None = None) -> None:
        super().__init__(message)
        self.last = last


class ScaleGarbage(ScaleError):
    """Bytes that are not the expected protocol: wrong baud rate, mode or device."""


class ScaleCommandError(ScaleError):
    """The scale refused a command (MT-SICS ``ES``, ``ET``, ``EL``, ``x L``)."""


class ScalePortError(ScaleError):
    """The serial port could not be opened, or went away."""


# --------------------------------------------------------------------------- protocol


@runtime_checkable
class Scale(Protocol):
    def read_stable(self, timeout_s: float = 5.0) -> Weight:
        """The settled weight; raises ScaleError (see the subclasses)."""
        ...

    def read_now(self, timeout_s: float = 2.0) -> Weight:
        """The current reading, stable or not."""
        ...

    def close(self) -> None: ...


def to_grams(value: str, unit: str) -> int:
    """``to_grams("1.250", "kg") == 1250``; rounds half up to whole grams."""
    factor = GRAMS_PER_UNIT.get(unit.strip().lower())
    if factor is None:
        raise ValueError(f"unit {unit!r} is not a weight unit this station knows (g, kg, lb, oz)")
    try:
        amount = Decimal(value.replace(" ", ""))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not a number")
    return int((amount * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def overload(where: str) -> ScaleOverload:
    return ScaleOverload(
        f"the scale on {where} is overloaded (more than it can weigh) — take the load off"
    )


def underload(where: str) -> ScaleUnderload:
    return ScaleUnderload(
        f"the scale on {where} reads below zero (underload) — "
        "check that the pan is in place, then zero the scale"
    )
