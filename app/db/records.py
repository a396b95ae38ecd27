"""Rows into records by column label, never by position.

A record built as ``Record(*row)`` takes its fields from the SELECT's column order,
written somewhere else: reorder the columns, or add one, and fields shift silently.
:class:`RowReader` matches the SELECT's labels to the record's fields once, when the
statement is built, and refuses a statement whose labels do not name every field.

``Record(**row._mapping)`` does the same by name, but costs some 30 µs a row (the
mapping is built afresh for each); the reader's position table costs what ``*row``
does, which matters on the picking scan, which reads every line of its task.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import itemgetter
from typing import Any, Generic, TypeVar

from sqlalchemy import Row
from sqlalchemy.sql.selectable import Select

R = TypeVar("R")
AnyRow = Row[*tuple[Any, ...]]


class RowReader(Generic[R]):
    """``reader(row, **given)`` builds ``record`` from a row of ``statement`` (or of
    a statement with the same columns: the same plus a WHERE or a lock), each field
    from the column labelled with its name. ``given`` names the record's last fields
    that no column holds (the caller computes them); columns that name no field are
    the caller's to read off the row by name."""

    def __init__(
        self,
        record: type[R],
        statement: Select[*tuple[Any, ...]],
        *,
        given: tuple[str, ...] = (),
    ) -> None:
        if not dataclasses.is_dataclass(record):
            raise TypeError(f"{record!r} is not a dataclass")
        names = [f.name for f in dataclasses.fields(record) if f.init]
        if given and tuple(names[-len(given) :]) != given:
            raise ValueError(f"{given} must be the last fields of {record.__name__}")
        wanted = names[: len(names) - len(given)]
        labels = list(statement.selected_columns.keys())
        missing = [n for n in wanted if n not in labels]
        if missing or len(set(labels)) != len(labels):
            raise ValueError(
                f"the statement's labels {labels} must name each field of "
                f"{record.__name__} once; missing {missing}"
            )
        self._record = record
        positions = [labels.index(n) for n in wanted]
        get = itemgetter(*positions)
        self._values: Callable[[AnyRow], tuple[Any, ...]] = (
            get if len(positions) > 1 else (lambda row: (get(row),))
        )

    def __call__(self, row: AnyRow, **given: Any) -> R:
        return self._record(*self._values(row), **given)
