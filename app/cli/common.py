"""What every ``wavedesk`` command shares: exit statuses, the error a user can fix,
the database behind ``--db``, JSON output, rejected-row reports and the file writer.

Nothing heavy is imported here at load time: every command module imports this one,
and ``wavedesk --help`` should stay fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db.url import resolve_db_url, safe_url

if TYPE_CHECKING:
    from app.db.engine import Database
    from app.domain.incoming import Rejected

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed without a traceback."""


@contextmanager
def open_db(args: argparse.Namespace) -> Iterator[Database]:
    """The database named by ``args.db``, disposed when the block ends.

    Refused with a CliError that says how to fix it when the SQLite file is missing
    (rather than creating an empty one) or the database has no wavedesk schema yet.
    """
    from app.db.engine import Database
    from app.db.migrate import current_revision

    url = resolve_db_url(args.db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise CliError(
            f"no database at {url.removeprefix('sqlite:///')}; create it with 'wavedesk db upgrade' "
            "(with the same --db) or start 'wavedesk demo'"
        )
    if current_revision(url) is None:
        raise CliError(
            f"the database at {safe_url(url)} has no wavedesk schema yet; "
            "run 'wavedesk db upgrade' (with the same --db) first"
        )
    db = Database(url)
    try:
        yield db
    finally:
        db.dispose()


@contextmanager
def as_cli_error(*errors: type[Exception]) -> Iterator[None]:
    """Exceptions of these kinds, raised in the block, are the user's to fix: their
    message becomes a CliError, printed without a traceback."""
    try:
        yield
    except errors as exc:
        raise CliError(str(exc)) from exc


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def report_rejects(rejected: Sequence[Rejected]) -> None:
    for r in rejected:
        where = f"{r.source_file}:{r.row}" if r.row else r.source_file
        order = f" order {r.order_no}:" if r.order_no else ""
        print(f"rejected {where}:{order} {r.reason}", file=sys.stderr)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, or raise CliError saying why it could not."""
    # Through a temporary file: an interrupted run never leaves half a print job behind.
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from exc
