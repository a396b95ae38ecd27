"""Generic JSON lines: one order per line, its lines a list of objects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from app.domain.incoming import IncomingOrder, Rejected
from app.services.intake.build import LineLabels
from app.services.intake.checks import Problems
from app.services.intake.csvtext import decode_bytes
from app.services.intake.generic.order import (
    ORDER_FIELDS,
    RECIPIENT_FIELDS,
    Head,
    Line,
    build_order,
)

_HEAD = (*ORDER_FIELDS, "payment_status")  # then the recipient's fields: a Head
_LINE = ("sku", "qty", "unit_price", "name")
_JSON = json.JSONDecoder(parse_float=Decimal)  # exact amounts, never binary floats


def _kind(value: object) -> str:
    if value is None or isinstance(value, bool):
        return "null" if value is None else "true/false"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _json_texts(
    data: dict[str, object], keys: tuple[str, ...], prefix: str, at: int, problems: Problems
) -> list[str]:
    """JSON values as the text a CSV cell would hold; JSON numbers keep their digits."""
    texts = []
    for key in keys:
        value = data.get(key)
        if type(value) is str:
            texts.append(value.strip())
        elif value is None:
            texts.append("")
        elif isinstance(value, bool):
            texts.append("true" if value else "false")
        elif isinstance(value, int | Decimal):
            texts.append(str(value))
        else:
            problems.add(at, f"{prefix}{key} must be text or a number, not {_kind(value)}")
            texts.append("")
    return texts


def _json_order(data: dict[str, object], number: int, source_file: str) -> IncomingOrder | Rejected:
    order_no = data.get("order_no")
    if isinstance(order_no, int | Decimal) and not isinstance(order_no, bool):
        return Rejected(
            source_file,
            number,
            f'line {number}: order_no {order_no} is a JSON number; write it as a string ("{order_no}") '
            "because long order numbers lose digits in many JSON writers",
        )
    recipient = data.get("recipient") or {}
    items = data.get("lines")
    if not isinstance(recipient, dict):
        problem = f"recipient must be an object, not {_kind(recipient)}"
    elif not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        problem = 'lines must be a list of objects like {"sku": …, "qty": …, "unit_price": …}'
    else:
        problem = ""
    if problem:
        return Rejected(
            source_file,
            number,
            f"line {number}: {problem}",
            order_no=order_no if isinstance(order_no, str) else None,
        )
    assert isinstance(recipient, dict) and isinstance(items, list)
    problems = Problems(source_file, "line")
    texts = _json_texts(data, _HEAD, "", number, problems)
    texts += _json_texts(recipient, RECIPIENT_FIELDS, "recipient.", number, problems)
    lines: list[Line] = []
    for i, item in enumerate(items):
        prefix = f"lines[{i}]."
        sku, qty, price, name = _json_texts(item, _LINE, prefix, number, problems)
        labels = LineLabels(f"{prefix}sku", f"{prefix}qty", f"{prefix}unit_price")
        lines.append((number, labels, sku, qty, price, name))
    return build_order(Head._make(texts), lines, number, problems)


def parse_generic_orders_jsonl(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read generic JSON lines: one order per line; line numbers count from 1."""
    source_file = path.name
    text, _ = decode_bytes(path.read_bytes())
    seen: dict[tuple[str, str], int] = {}
    # Split on "\n" only: str.splitlines would also break at U+2028 inside a JSON string.
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            data = _JSON.decode(raw)
        except json.JSONDecodeError as exc:
            yield Rejected(
                source_file,
                number,
                f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})",
            )
            continue
        if not isinstance(data, dict):
            yield Rejected(
                source_file, number, f"line {number} is {_kind(data)}, not a JSON object"
            )
            continue
        result = _json_order(data, number, source_file)
        if isinstance(result, IncomingOrder):
            key = (result.store or "", result.order_no)
            if key in seen:
                result = Rejected(
                    source_file,
                    number,
                    f"order {result.order_no} already appears on line {seen[key]}",
                    order_no=result.order_no,
                )
            else:
                seen[key] = number
        yield result
