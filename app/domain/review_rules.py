"""Order review (订单审核): pure rules over the facts of one order.

Each rule returns the holds it finds as (code, detail). The codes are stable API
(hold reasons shown on screens and in ``orders show --json``); details are for people.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.address_check import address_problems
from app.domain.phone import is_valid_phone, normalize_phone

HOLD_CODES = (
    "unpaid",
    "address_incomplete",
    "phone_invalid",
    "unknown_sku",
    "price_mismatch",
    "out_of_stock",
    "buyer_remark",
    "blacklisted",
)


@dataclass(frozen=True, slots=True)
class ReviewConfig:
    # A line may deviate from the catalog price by this share (0.30 = ±30 %) before a
    # human must look: platforms run promotions, but not usually beyond that.
    price_tolerance: Decimal = Decimal("0.30")
    remark_needs_human: bool = True


@dataclass(frozen=True, slots=True)
class LineFacts:
    sku: str
    qty: int
    unit_price: Decimal


@dataclass(frozen=True, slots=True)
class OrderFacts:
    order_no: str
    payment_status: str
    name: str
    phone: str
    country: str
    province: str
    city: str
    district: str
    address: str
    postcode: str
    buyer_id: str
    buyer_remark: str
    lines: tuple[LineFacts, ...]


@dataclass(frozen=True, slots=True)
class ReviewContext:
    prices: Mapping[str, Decimal | None]  # catalog price by SKU; SKU absent = unknown
    available: Mapping[str, int]  # units available (on hand − reserved) over all warehouses
    blacklist: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind → values
    config: ReviewConfig = ReviewConfig()


Hold = tuple[str, str]
Rule = Callable[[OrderFacts, ReviewContext], list[Hold]]


def rule_unpaid(o: OrderFacts, _: ReviewContext) -> list[Hold]:
    if o.payment_status != "paid":
        return [("unpaid", f"payment status is {o.payment_status}")]
    return []


def rule_address(o: OrderFacts, _: ReviewContext) -> list[Hold]:
    problems = address_problems(
        o.country, o.province, o.city, o.district, o.address, o.postcode, o.name
    )
    return [("address_incomplete", "; ".join(problems))] if problems else []


def rule_phone(o: OrderFacts, _: ReviewContext) -> list[Hold]:
    if not o.phone.strip():
        return [("phone_invalid", "no phone number")]
    if not is_valid_phone(o.phone, o.country):
        return [
            ("phone_invalid", f"{o.phone!r} is not a valid phone number for {o.country or 'CN'}")
        ]
    return []


def rule_unknown_sku(o: OrderFacts, ctx: ReviewContext) -> list[Hold]:
    unknown = sorted({ln.sku for ln in o.lines if ln.sku not in ctx.prices})
    return [("unknown_sku", f"not in the catalog: {', '.join(unknown)}")] if unknown else []


def rule_price(o: OrderFacts, ctx: ReviewContext) -> list[Hold]:
    tol = ctx.config.price_tolerance
    off: list[str] = []
    for ln in o.lines:
        catalog = ctx.prices.get(ln.sku)
        if not catalog:
            continue
        if abs(ln.unit_price - catalog) > catalog * tol:
            off.append(f"{ln.sku} at {ln.unit_price} vs catalog {catalog}")
    if off:
        return [("price_mismatch", f"more than {tol * 100:.0f} % off: " + "; ".join(off))]
    return []


def rule_stock(o: OrderFacts, ctx: ReviewContext) -> list[Hold]:
    need: dict[str, int] = {}
    for ln in o.lines:
        if ln.sku in ctx.prices:
            need[ln.sku] = need.get(ln.sku, 0) + ln.qty
    short = [
        f"{sku} needs {qty}, {ctx.available.get(sku, 0)} available"
        for sku, qty in sorted(need.items())
        if ctx.available.get(sku, 0) < qty
    ]
    return [("out_of_stock", "; ".join(short))] if short else []


def rule_remark(o: OrderFacts, ctx: ReviewContext) -> list[Hold]:
    if ctx.config.remark_needs_human and o.buyer_remark.strip():
        return [("buyer_remark", o.buyer_remark.strip()[:500])]
    return []


def rule_blacklist(o: OrderFacts, ctx: ReviewContext) -> list[Hold]:
    bl = ctx.blacklist
    hits: list[str] = []
    phone = normalize_phone(o.phone, o.country) if is_valid_phone(o.phone, o.country) else o.phone
    if phone and phone in bl.get("phone", frozenset()):
        hits.append(f"phone {phone}")
    if o.buyer_id and o.buyer_id in bl.get("buyer", frozenset()):
        hits.append(f"buyer {o.buyer_id}")
    if o.name and o.name.strip() in bl.get("name", frozenset()):
        hits.append(f"name {o.name.strip()}")
    full = f"{o.province}{o.city}{o.district}{o.address}".replace(" ", "")
    for fragment in bl.get("address", frozenset()):
        if fragment and fragment.replace(" ", "") in full:
            hits.append(f"address contains {fragment}")
    return [("blacklisted", "; ".join(hits))] if hits else []


RULES: tuple[Rule, ...] = (
    rule_unpaid,
    rule_address,
    rule_phone,
    rule_unknown_sku,
    rule_price,
    rule_stock,
    rule_remark,
    rule_blacklist,
)


def review(order: OrderFacts, ctx: ReviewContext) -> list[Hold]:
    """All holds for the order; an empty list means approved."""
    holds: list[Hold] = []
    for rule in RULES:
        holds.extend(rule(order, ctx))
    return holds
