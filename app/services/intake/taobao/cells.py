"""Taobao seller-centre cells: Beijing times, mobile numbers, numbers a spreadsheet spoiled."""

from __future__ import annotations

from datetime import datetime

from app.domain.local_time import SHANGHAI
from app.services.intake.checks import Problems, spoiled_by_spreadsheet
from app.services.intake.csvtext import PROTECTED, unprotect


def beijing_time(value: str, column: str, at: int, problems: Problems) -> datetime | None:
    """Read the seller centre's ``2024-03-05 14:22:10`` (Beijing time) as an aware datetime."""
    v = value if value[:1].isdigit() else unprotect(value)
    if not v:
        return None
    try:
        moment = datetime.fromisoformat(v)
    except ValueError:
        moment = None
        for fmt in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d"):  # re-saved by Excel
            try:
                moment = datetime.strptime(v, fmt)
                break
            except ValueError:
                pass
    if moment is None:
        problems.add(at, f"{column} {value!r} is not a date like 2024-03-05 14:22:10")
        return None
    if moment.tzinfo:
        return moment
    # The constructor is several times faster than moment.replace(tzinfo=...).
    m = moment
    return datetime(m.year, m.month, m.day, m.hour, m.minute, m.second, m.microsecond, SHANGHAI)


def mobile(value: str) -> str:
    """``="+86 138 0013 8000"`` → ``13800138000``; masked numbers (138****8000) pass as they are."""
    v = value.strip()
    if v[:1] in PROTECTED:
        v = unprotect(v)
    v = v.replace(" ", "").replace("-", "").removeprefix("+")
    if v.startswith("0086"):
        v = v[4:]
    elif v.startswith("86") and len(v) == 13:
        v = v[2:]
    return v


def excel_hint(order_no: str) -> str:
    if spoiled_by_spreadsheet(order_no):
        return "; a spreadsheet turned it into a number: export again and do not save it in Excel"
    return ""
