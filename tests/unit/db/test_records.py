"""Rows become records by column label: a SELECT's order cannot shift fields."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import column, create_engine, literal, select

from app.db.records import RowReader


@dataclass
class Pair:
    left: int
    right: str
    extra: float = 0.0


def _row(statement):  # noqa: ANN001, ANN202
    with create_engine("sqlite://").connect() as conn:
        return conn.execute(statement).one()


def test_fields_come_from_their_labels_whatever_the_order() -> None:
    forward = select(
        literal(1).label("left"), literal("a").label("right"), literal(2.5).label("extra")
    )
    backward = select(
        literal(2.5).label("extra"), literal("a").label("right"), literal(1).label("left")
    )
    assert RowReader(Pair, forward)(_row(forward)) == Pair(1, "a", 2.5)
    assert RowReader(Pair, backward)(_row(backward)) == Pair(1, "a", 2.5)


def test_given_fields_are_the_callers_and_other_columns_stay_on_the_row() -> None:
    q = select(literal("a").label("right"), literal(7).label("n"), literal(1).label("left"))
    row = _row(q)
    assert RowReader(Pair, q, given=("extra",))(row, extra=row.n / 2) == Pair(1, "a", 3.5)


def test_a_statement_that_does_not_name_every_field_is_refused() -> None:
    with pytest.raises(ValueError, match="missing \\['extra'\\]"):
        RowReader(Pair, select(column("left"), column("right")))
    with pytest.raises(ValueError, match="last fields"):
        RowReader(Pair, select(column("right"), column("extra")), given=("left",))
