"""The demo's scan sheet: the warehouse's sheet with the demo people's published PINs
beside their badges (see :mod:`app.services.printing.scan_sheet`)."""

from __future__ import annotations

from app.db.engine import Database
from app.demo.catalog import plan_catalog
from app.services.printing import scan_sheet, scan_sheet_sections
from printing.scan_sheet import SheetSection


def demo_pins() -> dict[tuple[str, str, str], str]:
    """(badge, name, role) → the published PIN of the demo people who have one."""
    return {(u.badge, u.name, u.role): u.pin for u in plan_catalog(products=1).users if u.pin}


def demo_sheet_sections(
    db: Database, warehouse_code: str = "HZ1"
) -> tuple[list[SheetSection], list[str]]:
    return scan_sheet_sections(db, warehouse_code, demo_pins())


def demo_scan_sheet(db: Database, warehouse_code: str = "HZ1") -> bytes:
    """The A4 demo scan sheet (PDF) for one warehouse."""
    return scan_sheet(db, warehouse_code, demo_pins())
