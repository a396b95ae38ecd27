"""Refusals on the floor: a wrong scan, a task someone else holds, a printer that is off.

A service raises :class:`FloorError` with a stable ``code`` (the UI translates by
it, filling in ``params``) and an English sentence (logs, the command line, tests).
Nothing has been changed when one is raised: the transaction is rolled back.
"""

from __future__ import annotations

from typing import Any


class FloorError(Exception):
    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def __repr__(self) -> str:
        return f"FloorError({self.code!r}, {self.message!r})"
