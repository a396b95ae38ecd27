"""Configuration kept in the central database, so every station applies the same rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Setting
from app.domain.review_rules import ReviewConfig

ALLOCATION_DEFAULTS: dict[str, Any] = {"split": "split"}  # split | wait


def get_setting(session: Session, key: str, defaults: dict[str, Any]) -> dict[str, Any]:
    row = session.get(Setting, key)
    return {**defaults, **(row.value if row else {})}


def put_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = {**row.value, **value}


def review_config(session: Session) -> ReviewConfig:
    raw = get_setting(session, "review", {})
    cfg = ReviewConfig()
    return ReviewConfig(
        price_tolerance=Decimal(str(raw.get("price_tolerance", cfg.price_tolerance))),
        remark_needs_human=bool(raw.get("remark_needs_human", cfg.remark_needs_human)),
    )
