"""The rules of one pick scan that need no database, shared by the service
(:func:`app.services.picking.scan.scan`) and the offline walker
(:class:`app.services.picking.offline.OfflinePick`), so that a scan checked offline
gets the service's answer: the same codes, messages and parameters.

Each step's answer is a :class:`StepResult`; what it changes (the database rows, or
the walker's copy of them) stays with the caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.domain.item_codes import barcodes_of
from app.domain.pick_records import LineRow, TaskRow


@dataclass(slots=True)
class StepResult:
    accepted: bool
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    product_id: int | None = None
    qty: int = 0
    changed: bool = False  # an accepted scan that moved the task on (version bump, event)
    finished_line: LineRow | None = None


def task_finished(task: TaskRow) -> FloorError:
    return FloorError(
        "task_done", f"task {task.label} is finished; take the next task", task=task.label
    )


def unreadable(meaning: sc.Unknown) -> StepResult:
    return StepResult(
        False, "unreadable", f"could not read that code: {meaning.why}", {"why": meaning.why}
    )


def settle(res: StepResult, task: TaskRow, task_done: bool) -> None:
    """Name an accepted scan that moved the task on by what it finished: the task, or a line."""
    if task_done:
        res.code = "task_done"
        res.message = f"task {task.label} is done"
        res.params = {"task": task.label}
    elif res.finished_line is not None:
        res.code = "line_done"


# -- location ----------------------------------------------------------------------------


def _location_text(meaning: sc.Scan) -> str | None:
    if isinstance(meaning, sc.Location):
        return meaning.code
    if isinstance(meaning, sc.Product):
        return meaning.barcode  # location barcodes outside the scan rules' pattern
    return None


def location_step(line: LineRow, meaning: sc.Scan) -> StepResult:
    """The location step; an accepted scan is the caller's to record on the line."""
    where = {"expected": line.loc_code}
    text = _location_text(meaning)
    if text is not None and text.upper() in (line.loc_code.upper(), line.loc_barcode.upper()):
        left = line.qty - line.picked_qty
        return StepResult(
            True,
            "location_ok",
            f"at {line.loc_code}: take {left} × {line.sku}",
            {**where, "qty": left, "sku": line.sku},
            changed=True,
        )
    if isinstance(meaning, sc.Location):
        return StepResult(
            False,
            "wrong_location",
            f"this is {meaning.code}; go to {line.loc_code}",
            {**where, "scanned": meaning.code},
        )
    return StepResult(False, "expect_location", f"scan the location {line.loc_code} first", where)


# -- item --------------------------------------------------------------------------------


def item_wanted(line: LineRow) -> dict[str, Any]:
    """The parameters every answer of the item step carries."""
    return {
        "sku": line.sku,
        "name_zh": line.name_zh,
        "name_en": line.name_en,
        "left": line.qty - line.picked_qty,
        "location": line.loc_code,
    }


def item_before_lookup(
    line: LineRow, meaning: sc.Scan, want: dict[str, Any]
) -> tuple[set[str], str] | StepResult:
    """The barcodes to look an item scan up by, and how to name it; or the answer to a
    scan that is no item (the location again is fine, it changes nothing)."""
    left = line.qty - line.picked_qty
    if isinstance(meaning, sc.Location) and meaning.code.upper() in (
        line.loc_code.upper(),
        line.loc_barcode.upper(),
    ):
        return StepResult(
            True,
            "location_ok",
            f"at {line.loc_code}: take {left} × {line.sku}",
            {**want, "expected": line.loc_code, "qty": left},
        )
    wanted = barcodes_of(meaning)
    if wanted is None:
        return StepResult(False, "expect_item", f"scan the item {line.sku} ({left} to take)", want)
    if not wanted[0]:
        return StepResult(False, "no_gtin", "this GS1 code carries no item number (01)", {**want})
    return wanted


def wrong_product(
    line: LineRow, scanned: str, want: dict[str, Any], product_id: int | None = None
) -> StepResult:
    return StepResult(
        False,
        "wrong_product",
        f"that is {scanned}; take {line.sku} here",
        {**want, "scanned": scanned},
        product_id=product_id,
    )


def item_run(task: TaskRow, lines: list[LineRow], line: LineRow) -> list[LineRow]:
    """The lines one item scan may count towards: the current one, and on a bulk or wall
    list the open lines right after it at the same bin for the same product (a case of
    12 fills 12 single-unit orders' lines)."""
    if task.kind == "cart":
        return [line]
    run: list[LineRow] = []
    for ln in lines:
        if ln.seq < line.seq or ln.status != "open":
            continue
        if ln.location_id != line.location_id or ln.product_id != line.product_id:
            break
        run.append(ln)
    return run


def item_units(
    run: list[LineRow], qty: int, kind: str, pack: int, want: dict[str, Any], product_id: int
) -> int | StepResult:
    """How many units ``qty`` scans of the barcode count, or why they count nothing."""
    if qty < 1:
        return StepResult(
            False,
            "bad_qty",
            f"quantity must be at least 1, not {qty}",
            {**want, "qty": qty},
            product_id=product_id,
        )
    room = sum(ln.qty - ln.picked_qty for ln in run)
    units = qty * pack
    if units > room:
        case = kind == "case"
        msg = (
            f"case of {pack}, only {room} left to pick"
            if case
            else f"{units} scanned, only {room} left to pick"
        )
        return StepResult(
            False,
            "over_quantity",
            msg,
            {**want, "units": units, "pack": pack, "left": room, "case": case},
            product_id=product_id,
        )
    return units


def spread(run: list[LineRow], units: int) -> Iterator[tuple[LineRow, int]]:
    """Each line of the run with the units it takes, in order, until ``units`` are placed."""
    rest = units
    for ln in run:
        if rest == 0:
            break
        take = min(rest, ln.qty - ln.picked_qty)
        rest -= take
        yield ln, take


def item_counted(
    line: LineRow, units: int, want: dict[str, Any], product_id: int, finished: LineRow | None
) -> StepResult:
    after = line.qty - line.picked_qty
    return StepResult(
        True,
        "item_ok",
        f"{units} × {line.sku} counted, {after} to go",
        {**want, "units": units, "left": after},
        product_id=product_id,
        qty=units,
        changed=True,
        finished_line=finished,
    )


# -- tote --------------------------------------------------------------------------------


def tote_wanted(line: LineRow) -> dict[str, Any]:
    """The parameters every answer of the tote step carries."""
    return {"slot": line.slot, "tote": line.tote_code or "", "sku": line.sku}


def expect_tote(line: LineRow, want: dict[str, Any]) -> StepResult:
    if line.tote_code:
        return StepResult(
            False,
            "expect_tote",
            f"put the items into tote {line.tote_code} (slot {line.slot}) and scan it",
            want,
        )
    return StepResult(
        False,
        "expect_tote",
        f"put the items into a free tote for slot {line.slot} and scan it",
        want,
    )


def wrong_tote(line: LineRow, code: str, want: dict[str, Any]) -> StepResult:
    return StepResult(
        False, "wrong_tote", f"slot {line.slot} goes into tote {line.tote_code}, not {code}", want
    )


def tote_put(line: LineRow, want: dict[str, Any]) -> StepResult:
    return StepResult(
        True,
        "line_done",
        f"{line.picked_qty} × {line.sku} in tote {line.tote_code}",
        {**want, "qty": line.picked_qty},
        qty=line.picked_qty,
        changed=True,
        finished_line=line,
    )
