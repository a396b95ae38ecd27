from app.services.supervision.actions import (
    ActionDone,
)
from app.services.supervision.dashboard import (
    ExceptionRow,
    StatusCount,
    Throughput,
    ThroughputRow,
    UserRow,
    WaveRow,
)

__all__ = [
    "ActionDone",
    "ExceptionRow",
    "StatusCount",
    "Throughput",
    "ThroughputRow",
    "UserRow",
    "WaveRow",
]
