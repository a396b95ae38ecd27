"""Parameters for filling a translated message."""

from __future__ import annotations

from typing import Any


class Params(dict[str, Any]):
    """Format parameters that leave an unknown ``{name}`` as it is instead of failing
    (a translation may name a parameter this code does not pass)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
