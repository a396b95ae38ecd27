"""What the supervisor's dashboard reads: waves in progress, orders by status, the
exceptions that need a person, and (in :mod:`app.services.supervision.throughput`)
who picked and packed how much.

Every query is one read transaction and returns frozen dataclasses, so the UI can
hold the result on the GUI thread without a session. Nothing here writes; the
actions that resolve an exception are in :mod:`app.services.supervision.actions`.
"""

from app.services.supervision.dashboard.exception_rows import (
    EXCEPTION_KINDS,
    ExceptionRow,
    exceptions,
)
from app.services.supervision.dashboard.order_counts import StatusCount, orders_by_status
from app.services.supervision.dashboard.people import UserRow, active_users
from app.services.supervision.dashboard.wave_rows import WaveRow, wave_progress
from app.services.supervision.throughput import Throughput, ThroughputRow, throughput

__all__ = [
    "EXCEPTION_KINDS",
    "ExceptionRow",
    "StatusCount",
    "Throughput",
    "ThroughputRow",
    "UserRow",
    "WaveRow",
    "active_users",
    "exceptions",
    "orders_by_status",
    "throughput",
    "wave_progress",
]
