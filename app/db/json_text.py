"""JSON as wavedesk writes it into JSON columns, whatever the path."""

from __future__ import annotations

import json
from typing import Any


def json_text(value: Any) -> str:
    """``value`` as JSON text: Chinese readable as written (not escaped), and values
    JSON has no type for (amounts, times) as their text, so an event payload with a
    Decimal or a datetime is stored, not refused, on every path (ORM, Core, COPY)."""
    return json.dumps(value, ensure_ascii=False, default=str)
