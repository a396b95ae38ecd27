"""Which time zone is local: the warehouse floor's wall clock.

Times are stored in UTC; cut-offs, shift reports, dashboards and platform export
files speak local time. Every operation wavedesk serves today ships from China, so
local is Asia/Shanghai; this is the one place that says so.
"""

from __future__ import annotations

from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _shanghai() -> tzinfo:
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        # Windows without the tzdata package; China has had no DST since 1991.
        return timezone(timedelta(hours=8), "Asia/Shanghai")


SHANGHAI: tzinfo = _shanghai()  # China's one zone: Taobao/Tmall exports are written in it
LOCAL: tzinfo = SHANGHAI
