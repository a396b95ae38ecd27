"""The one sentence a person is shown for a database error: the driver's own first
line (no SQL, no parameters, no "Background on this error" link), else the
exception's text, else its class name. Screens, the command line, logs of print jobs
and replay reports all say it the same way."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError


def describe_db_error(exc: BaseException) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        text = str(exc.orig)
    elif isinstance(exc, SQLAlchemyError):
        text = str(exc).split("\n(Background on this error", 1)[0]
    else:
        orig = getattr(exc, "orig", None)
        text = str(orig if orig is not None else exc)
    text = text.strip()
    return text.splitlines()[0] if text else type(exc).__name__
