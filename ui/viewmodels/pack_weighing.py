"""The scale's last reading at the pack bench, against what the parcel should weigh."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.packing import check_weight


@dataclass(frozen=True, slots=True)
class Weighing:
    """The last reading of the scale against what the parcel should weigh; ``ok`` is
    None when there is nothing to compare with (a product without a weight)."""

    weight_g: int
    expected_g: int | None
    ok: bool | None
    diff_g: int | None
    allowed_g: int | None

    @property
    def kg(self) -> str:
        return f"{self.weight_g / 1000:.3f}"


def weighing_of(weight_g: int, expected_g: int | None, pct: float, min_g: int) -> Weighing:
    """``weight_g`` checked against ``expected_g`` within ``pct`` percent, ``min_g`` grams
    at least (the service's own check, so that the bench warns of what it would refuse)."""
    if expected_g is None:
        return Weighing(weight_g, None, None, None, None)
    c = check_weight(expected_g, weight_g, pct, min_g)
    return Weighing(weight_g, expected_g, c.ok, c.diff_g, c.allowed_g)
