from __future__ import annotations

import queue
import threading

from app.db.changes import EVERYTHING, ChangeListener, parse_payload
from app.db.engine import Database
from app.services.audit import record


def _listener(db: Database) -> tuple[ChangeListener, queue.Queue[frozenset[str]]]:
    got: queue.Queue[frozenset[str]] = queue.Queue()
    listener = ChangeListener(db.url, got.put, poll_s=0.05).start()
    assert listener.ready.wait(10), "listener did not start"
    return listener, got


def _drain_until(got: queue.Queue[frozenset[str]], wanted: set[str]) -> set[str]:
    seen: set[str] = set()
    while not wanted <= seen:
        seen |= got.get(timeout=10)
    return seen


def test_a_committed_change_reaches_the_listener(db: Database) -> None:
    listener, got = _listener(db)
    try:
        with db.unit_of_work() as session:
            record(session, "order", 1, "order.packed")
            record(session, "task", 7, "task.claimed")
        assert _drain_until(got, {"order", "task"}) >= {"order", "task"}
    finally:
        listener.stop()


def test_a_rolled_back_change_is_never_announced(db: Database) -> None:
    listener, got = _listener(db)
    try:
        try:
            with db.unit_of_work() as session:
                record(session, "wave", 1, "wave.paused")
                raise RuntimeError("abort")
        except RuntimeError:
            pass
        with db.unit_of_work() as session:
            record(session, "print_job", 3, "print.sent")
        seen = _drain_until(got, {"print_job"})
        assert "wave" not in seen
    finally:
        listener.stop()


def test_changes_from_another_thread_arrive_in_order_without_loss(db: Database) -> None:
    listener, got = _listener(db)
    entities = [f"e{i}" for i in range(20)]

    def write() -> None:
        for e in entities:
            with db.unit_of_work() as session:
                record(session, e, 1, "x")

    try:
        writer = threading.Thread(target=write)
        writer.start()
        writer.join()
        assert _drain_until(got, set(entities)) >= set(entities)
    finally:
        listener.stop()


def test_payloads_that_are_not_lists_of_names_mean_refresh_everything() -> None:
    assert parse_payload('["order","task"]') == {"order", "task"}
    assert parse_payload("not json") == EVERYTHING
    assert parse_payload('{"a": 1}') == EVERYTHING
    assert parse_payload("[1, 2]") == EVERYTHING


def test_an_unreachable_database_is_reported_not_raised() -> None:
    statuses: queue.Queue[tuple[bool, str]] = queue.Queue()
    listener = ChangeListener(
        "postgresql+psycopg://postgres@127.0.0.1:1/none",
        lambda _e: None,
        on_status=lambda ok, detail: statuses.put((ok, detail)),
    ).start()
    try:
        ok, detail = statuses.get(timeout=15)
        assert ok is False and detail
    finally:
        listener.stop()
