"""The one rule for turning an order number a person typed or scanned into an order.

Every door that takes an order number uses it: ``wavedesk orders show`` and
``release``, the shipping label, the packing bench, the orders board.

- Whitespace around the number is dropped (a scanner's trailing newline, a pasted
  space).
- ``#1001`` and ``1001`` find the same order: Shopify numbers start with ``#``, and
  people type them without it (or copy them with it from a Taobao-style list). The
  same holds for a split order's children: ``1001-1`` finds ``#1001-1``; the parent
  number never finds a child, nor a child its parent.
- When both forms exist, the one written exactly as given wins (store A's ``1001``
  over store B's ``#1001`` for ``1001``).
- Case is kept: an order number is the platform's identifier, and ``ab-1`` and
  ``AB-1`` may be two orders of one store (the unique key is store + number, as the
  platform wrote it).
- ``store`` (a store's name) narrows the search; a number found in several stores
  without it is refused as ambiguous, never answered with one of them at random.

Refusals are :class:`OrderNotFound`, a :class:`FloorError` with the code
``order_unknown`` or ``order_ambiguous`` (and a LookupError, as it always was).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Order, Store
from app.domain.floor_errors import FloorError

__all__ = ["OrderNotFound", "find_order", "number_forms"]


class OrderNotFound(FloorError, LookupError):
    """No such order (``order_unknown``), or one in several stores (``order_ambiguous``)."""


def number_forms(order_no: str) -> set[str]:
    """The spellings of ``order_no`` that name the same order: as given (stripped),
    without its ``#`` and with one."""
    text = order_no.strip()
    bare = text.removeprefix("#")
    return {text, bare, f"#{bare}"}


def find_order(session: Session, order_no: str, store: str | None = None) -> Order:
    """The order with this number (in ``store`` when given), by the rule of the module
    note. Raises OrderNotFound ``order_unknown`` / ``order_ambiguous``."""
    text = order_no.strip()
    query = (
        select(Order)
        .join(Store, Store.id == Order.store_id)
        .where(Order.order_no.in_(number_forms(text)))
    )
    if store:
        query = query.where(Store.name == store)
    found = list(session.scalars(query.order_by(Order.id)))
    found = [o for o in found if o.order_no == text] or found
    if not found:
        where = f" in store {store}" if store else ""
        raise OrderNotFound("order_unknown", f"there is no order {text}{where}", order_no=text)
    if len(found) > 1:
        stores = ", ".join(sorted({o.store.name for o in found}))
        raise OrderNotFound(
            "order_ambiguous",
            f"order {text} exists in several stores ({stores}): say which store",
            order_no=text,
            stores=stores,
        )
    return found[0]
