"""The shapes of the demo's master data: warehouse and zone specs, product categories,
and the summary of what a seeded catalog holds."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ZoneSpec:
    code: str
    name: str
    first_aisle: int
    last_aisle: int


@dataclass(frozen=True, slots=True)
class WarehouseSpec:
    code: str
    name: str
    province: str
    city: str
    address: str
    lat: float
    lon: float
    aisles: int
    aisle_length: float
    aisle_spacing: float
    blocks: int
    zones: tuple[ZoneSpec, ...]
    pick_stations: int
    pack_stations: int
    depot_x: float = 0.0


Option = tuple[str, str, float]  # (中文, English, factor on price and weight)


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    bases: tuple[Option, ...]
    axes: tuple[tuple[Option, ...], ...]
    price: tuple[float, float]  # CNY, before the option factors
    weight_g: tuple[int, int]
    dims_mm: tuple[int, int, int]  # typical length, width, height
    bulky: bool = False
    # Whether the base's factor changes weight and size too (a keyboard is bigger than a
    # mouse) or only the price (Wuchang rice costs more than ordinary rice, same 5 kg).
    base_sized: bool = True


@dataclass(frozen=True, slots=True)
class DemoProduct:
    sku: str
    name_zh: str
    name_en: str
    price: Decimal
    fast_mover: bool = False
    stock: tuple[tuple[str, int], ...] = ()  # (warehouse code, units on hand) where stocked

    @property
    def on_hand(self) -> int:
        return sum(qty for _, qty in self.stock)


@dataclass(frozen=True, slots=True)
class DemoStore:
    name: str
    platform: str


@dataclass(frozen=True, slots=True)
class DemoUser:
    badge: str
    name: str
    role: str
    pin: str | None = None  # the demo PIN in clear (never stored so), None when the user has none


@dataclass(frozen=True, slots=True)
class CatalogSummary:
    """What the demo catalog holds: row counts, and the lists order generation needs."""

    seed: int | None  # None when read back from a database by ``load_catalog``
    warehouses: tuple[str, ...]  # warehouse codes
    zones: int  # zone rows
    locations: tuple[str, ...]  # location codes (also their barcodes)
    products: tuple[DemoProduct, ...]
    barcodes: int  # product_barcodes rows, unit and case
    stock_rows: int
    stores: tuple[DemoStore, ...]
    users: tuple[DemoUser, ...]
    stations: tuple[str, ...]
    blacklisted_phones: tuple[str, ...]
    blacklisted_buyers: tuple[str, ...]

    @property
    def skus(self) -> tuple[str, ...]:
        return tuple(p.sku for p in self.products)

    @property
    def stocked_skus(self) -> tuple[str, ...]:
        return tuple(p.sku for p in self.products if p.on_hand > 0)

    @property
    def unstocked_skus(self) -> tuple[str, ...]:
        """SKUs in the catalog with no stock in any warehouse."""
        return tuple(p.sku for p in self.products if p.on_hand == 0)

    @property
    def location_count(self) -> int:
        return len(self.locations)

    @property
    def product_count(self) -> int:
        return len(self.products)
