"""Cartons (纸箱) at the pack bench: the boxes a packer can choose, and which one fits.

A carton's code is also its barcode (``BOX-M``, the shape
:func:`app.domain.scan.classify` reads as a carton). :func:`suggest_carton`
proposes the smallest active carton whose inner volume holds the items with room
to spare (:data:`FILL_FACTOR`), whose longest side takes the longest item, and
whose weight limit takes the items plus the carton itself. Products without
dimensions are left out of the volume (a suggestion, not a rule); with no
dimensions at all there is no suggestion.

Refusals are FloorError: ``carton_code``, ``carton_dims``, ``carton_exists``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Carton, Product
from app.domain.floor_errors import FloorError
from app.domain.scan import Carton as CartonScan
from app.domain.scan import classify
from app.services.audit import SYSTEM, Actor, record

__all__ = [
    "FILL_FACTOR",
    "CartonInfo",
    "add_carton",
    "carton_by_code",
    "default_cartons",
    "ensure_default_cartons",
    "list_cartons",
    "suggest_carton",
]

# Items take at most 1/1.2 of a carton: the rest is for fill and the way things stack.
FILL_FACTOR = 1.2


@dataclass(frozen=True, slots=True)
class CartonInfo:
    code: str
    name: str
    length_mm: int
    width_mm: int
    height_mm: int
    tare_g: int
    max_weight_g: int | None
    active: bool = True

    @property
    def volume_mm3(self) -> int:
        return self.length_mm * self.width_mm * self.height_mm

    @property
    def longest_mm(self) -> int:
        return max(self.length_mm, self.width_mm, self.height_mm)


_INFO_FIELDS = tuple(f.name for f in fields(CartonInfo))  # each one a column of Carton


def _info(c: Carton) -> CartonInfo:
    return CartonInfo(**{name: getattr(c, name) for name in _INFO_FIELDS})


def default_cartons() -> list[CartonInfo]:
    """Four sizes after the China Post standard boxes (8, 5, 3 and 1号), for the demo."""
    return [
        CartonInfo("BOX-S", "小箱 8号", 210, 110, 140, 60, 3_000),
        CartonInfo("BOX-M", "中箱 5号", 290, 170, 190, 120, 8_000),
        CartonInfo("BOX-L", "大箱 3号", 430, 210, 270, 250, 15_000),
        CartonInfo("BOX-XL", "特大箱 1号", 530, 290, 370, 420, 25_000),
    ]


def add_carton(
    db: Database,
    *,
    code: str,
    name: str = "",
    length_mm: int,
    width_mm: int,
    height_mm: int,
    tare_g: int = 0,
    max_weight_g: int | None = None,
    actor: Actor = SYSTEM,
) -> int:
    """Add a carton; its code must scan as a carton (``BOX-…``)."""
    code = code.strip().upper()
    if classify(code) != CartonScan(code):
        raise FloorError(
            "carton_code",
            f"{code!r} cannot be a carton code: cartons are BOX- and up to 8 letters or digits (BOX-M)",
            carton=code,
        )
    if (
        min(length_mm, width_mm, height_mm) <= 0
        or tare_g < 0
        or (max_weight_g is not None and max_weight_g <= 0)
    ):
        raise FloorError(
            "carton_dims",
            f"carton {code}: sizes and weight limit must be above zero and the tare not negative",
            carton=code,
        )
    with db.unit_of_work() as session:
        if session.scalar(select(Carton.id).where(Carton.code == code)) is not None:
            raise FloorError("carton_exists", f"carton {code} exists already", carton=code)
        carton = Carton(
            code=code,
            name=name,
            length_mm=length_mm,
            width_mm=width_mm,
            height_mm=height_mm,
            tare_g=tare_g,
            max_weight_g=max_weight_g,
            active=True,
        )
        session.add(carton)
        session.flush()
        record(
            session,
            "carton",
            carton.id,
            "carton.added",
            {
                "code": code,
                "dims_mm": [length_mm, width_mm, height_mm],
                "tare_g": tare_g,
            },
            actor,
        )
        return carton.id


def ensure_default_cartons(db: Database, actor: Actor = SYSTEM) -> int:
    """Add the :func:`default_cartons` not there yet; returns how many were added."""
    with db.read() as session:
        have = set(session.scalars(select(Carton.code)))
    added = 0
    for c in default_cartons():
        if c.code not in have:
            add_carton(
                db,
                code=c.code,
                name=c.name,
                length_mm=c.length_mm,
                width_mm=c.width_mm,
                height_mm=c.height_mm,
                tare_g=c.tare_g,
                max_weight_g=c.max_weight_g,
                actor=actor,
            )
            added += 1
    return added


def list_cartons(session: Session, active_only: bool = True) -> list[CartonInfo]:
    query = select(Carton)
    if active_only:
        query = query.where(Carton.active.is_(True))
    cartons = [_info(c) for c in session.scalars(query)]
    return sorted(cartons, key=lambda c: (c.volume_mm3, c.code))


def carton_by_code(session: Session, code: str) -> CartonInfo | None:
    carton = session.scalar(select(Carton).where(Carton.code == code.strip().upper()))
    return _info(carton) if carton is not None else None


def _dimensions(p: Product) -> tuple[int, int, int] | None:
    """Length, width and height in mm; None unless all three are known and positive."""
    length, width, height = p.length_mm, p.width_mm, p.height_mm
    if length is None or width is None or height is None or min(length, width, height) <= 0:
        return None
    return length, width, height


def suggest_carton(session: Session, lines: Sequence[tuple[int | None, int]]) -> CartonInfo | None:
    """The smallest fitting active carton for ``lines`` of (product id, quantity); None
    when no product has dimensions or nothing fits (see the module doc)."""
    ids = {pid for pid, _ in lines if pid is not None}
    products = (
        {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
        if ids
        else {}
    )
    volume = weight = longest = 0
    for pid, qty in lines:
        p = products.get(pid) if pid is not None else None
        if p is None:
            continue
        weight += (p.weight_g or 0) * qty
        dims = _dimensions(p)
        if dims is not None:
            length, width, height = dims
            volume += length * width * height * qty
            longest = max(longest, *dims)
    if volume == 0:
        return None
    for carton in list_cartons(session):
        fits_weight = carton.max_weight_g is None or weight + carton.tare_g <= carton.max_weight_g
        if (
            carton.volume_mm3 >= FILL_FACTOR * volume
            and carton.longest_mm >= longest
            and fits_weight
        ):
            return carton
    return None
