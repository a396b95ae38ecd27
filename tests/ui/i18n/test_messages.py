"""The refusal catalog: every code the services raise or a scan answers with has a
sentence, each sentence is in the translation, one code has one meaning, and the
parameters choose between a code's sentences."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui.i18n import refusals
from ui.i18n.language import switch_language
from ui.i18n.messages import VARIANTS, floor_text, has_sentence, refusal_text
from ui.i18n.refusals import CATALOG, TABLES

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "wavedesk_zh_CN.ts"

# The constructors of a scan's answer, and which argument is its code.
ANSWERS = {"StepResult": 1, "ScanOutcome": 1, "PackOutcome": 1, "Refusal": 0, "refuse": 0}


def _trees(*folders: str) -> Iterator[tuple[Path, ast.Module]]:
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _class_codes() -> dict[str, str]:
    """Exception classes with a ``code = "..."`` attribute, by class name."""
    codes = {}
    for _, tree in _trees("app", "printing"):
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (
                        isinstance(stmt, ast.Assign)
                        and [getattr(t, "id", "") for t in stmt.targets] == ["code"]
                        and isinstance(stmt.value, ast.Constant)
                    ):
                        codes[node.name] = stmt.value.value
    return codes


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _passed(tree: ast.Module, func: ast.FunctionDef, param: str) -> list[str]:
    """The string constants this module passes to ``func``'s parameter ``param``."""
    index = [a.arg for a in func.args.args].index(param)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node) == func.name:
            args = [k.value for k in node.keywords if k.arg == param]
            if len(node.args) > index:
                args.append(node.args[index])
            found += [a.value for a in args if isinstance(a, ast.Constant)]
    return found


def _dynamic_codes(tree: ast.Module, call: ast.Call, classes: dict[str, str]) -> list[str]:
    """The codes of ``FloorError(<not a literal>, …)``: a parameter of the function it is
    in, or ``exc.code`` of an exception caught by class."""
    arg, parents = call.args[0], _parents(tree)
    node: ast.AST = call
    while node in parents:
        node = parents[node]
        if isinstance(arg, ast.Name) and isinstance(node, ast.FunctionDef):
            if arg.id in [a.arg for a in node.args.args]:
                return _passed(tree, node, arg.id)
        if isinstance(arg, ast.Attribute) and arg.attr == "code" and isinstance(node, ast.Try):
            for handler in node.handlers:
                if handler.name == getattr(arg.value, "id", None):
                    kind = getattr(handler.type, "id", "")
                    return [classes[kind]] if kind in classes else []
    return []


def _raised_codes() -> dict[str, str]:
    """Every code of a FloorError made under app/, with where it is made."""
    classes, codes, unresolved = _class_codes(), {}, []
    for path, tree in _trees("app"):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node) == "FloorError" and node.args):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            first = node.args[0]
            if isinstance(first, ast.Constant):
                found = [first.value]
            else:
                found = _dynamic_codes(tree, node, classes)
            if not found:
                unresolved.append(where)
            for code in found:
                codes.setdefault(code, where)
    assert not unresolved, f"FloorError codes this test cannot read: {unresolved}"
    return codes


def _answer_codes() -> dict[str, str]:
    """Every literal code of a scan's answer made under app/."""
    codes = {}
    for path, tree in _trees("app"):
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and _name(node) in ANSWERS:
                index = ANSWERS[_name(node)]
                if len(node.args) > index and isinstance(node.args[index], ast.Constant):
                    value = node.args[index].value
                    if isinstance(value, str):
                        codes.setdefault(value, where)
            elif (
                isinstance(node, ast.Assign)
                and [getattr(t, "attr", "") for t in node.targets] == ["code"]
                and isinstance(node.value, ast.Constant)
            ):
                codes.setdefault(node.value.value, where)
    return codes


@pytest.fixture(autouse=True)
def english_after(qapp: QApplication) -> Iterator[None]:
    switch_language("en")
    yield
    switch_language("en")


def test_the_services_raise_many_codes():
    codes = _raised_codes()
    assert len(codes) > 80
    assert {"print_job_not_retryable", "print_job_not_cancellable"} <= set(codes)  # a parameter
    assert "printer_address_invalid" in codes  # PrinterAddressError.code


def test_every_code_the_services_raise_has_a_sentence():
    missing = sorted(f"{code} ({where})" for code, where in _raised_codes().items())
    missing = [m for m in missing if not has_sentence(m.split(" ")[0])]
    assert not missing, "codes with no sentence in ui/i18n/refusals.py:\n" + "\n".join(missing)


def test_every_answer_to_a_scan_has_a_sentence():
    codes = _answer_codes()
    assert {"location_ok", "ok", "not_in_order", "line_done", "task_done"} <= set(codes)
    missing = sorted(f"{c} ({w})" for c, w in codes.items() if not has_sentence(c))
    assert not missing, "scan answers with no sentence:\n" + "\n".join(missing)


def test_each_table_carries_its_own_translation_context():
    tree = ast.parse(Path(refusals.__file__).read_text(encoding="utf-8"))
    names = {id(table): context for context, table in TABLES.items()}
    by_variable = {
        name: names[id(getattr(refusals, name))]
        for name in dir(refusals)
        if id(getattr(refusals, name)) in names
    }
    wrong = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") in by_variable:
            want = by_variable[node.target.id]
            assert isinstance(node.value, ast.Dict)
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                assert isinstance(value, ast.Call) and _name(value) == "QT_TRANSLATE_NOOP"
                context = value.args[0]
                if not (isinstance(context, ast.Constant) and context.value == want):
                    wrong.append(f"{ast.literal_eval(key)}: {ast.unparse(context)}, not {want!r}")
    assert not wrong, "entries marked for another context than their table's:\n" + "\n".join(wrong)


def test_one_code_is_in_one_table():
    seen: dict[str, str] = {}
    twice = []
    for context, table in TABLES.items():
        for key in table:
            if key in seen:
                twice.append(f"{key}: {seen[key]} and {context}")
            seen[key] = context
    assert not twice, "codes with two meanings:\n" + "\n".join(twice)


def test_every_sentence_is_in_the_translation():
    messages = set()
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        messages |= {(name, m.findtext("source") or "") for m in context.iter("message")}
    missing = sorted(f"{key}: {entry}" for key, entry in CATALOG.items() if entry not in messages)
    assert not missing, "sentences lupdate has not seen:\n" + "\n".join(missing)


def test_every_variant_belongs_to_a_code_that_chooses():
    orphans = [key for key in CATALOG if "/" in key and key.split("/")[0] not in VARIANTS]
    assert not orphans


@pytest.mark.parametrize(
    ("code", "params", "text"),
    [
        ("task_taken", {"task": "W1-01", "station": "P2", "user": "李娜"}, "at P2 by 李娜"),
        ("task_taken", {"task": "W1-01", "station": "P2"}, "Task W1-01 is being picked by P2"),
        ("task_taken", {"task": "W1-01"}, "Task W1-01 is being picked at another station"),
        ("intercepted", {"reason": "buyer"}, "STOP: this order is intercepted"),
        ("intercepted", {"order_no": "m2", "reason": "x"}, "STOP: order m2 is intercepted"),
        ("intercepted", {"order_no": "m2", "tracking_no": "SF1"}, "Do not ship"),
        ("stale", {"task": "W1-01"}, "Task W1-01 changed at another station"),
        ("stale", {"order_no": "m1"}, "Order m1 changed meanwhile"),
        ("not_supervisor", {"name": "王芳", "role": "picker", "badge": "U-1"}, "王芳 is a Picker"),
        ("not_supervisor", {"user_id": 3}, "A supervisor must approve this"),
        ("not_supervisor", {"who": "王芳"}, "Only a supervisor may do this."),
        ("unknown_badge", {"badge": ""}, "Scan your badge."),
        ("print_reason_missing", {"what": "cancelled"}, "Say why the label is cancelled."),
        ("reason_missing", {"what": "voided"}, "Say why the label is voided."),
        ("too_many", {"sku": "A", "expected": 2, "left": 0}, "All 2 of A already scanned"),
        ("too_many", {"sku": "A", "units": 3, "left": 1}, "3 is more than the 1 of A"),
        ("not_packable", {"order_no": "m1", "status": "cancelled"}, "it is Cancelled"),
        (
            "print_job_not_cancellable",
            {"job_id": 7, "status": "sent"},
            "Print job 7 is already sent.",
        ),
        ("sku_unknown", {"skus": ["A", "B"]}, "No product has the SKU A, B."),
        (
            "bad_tolerance",
            {"value": 200.0, "field": "weight_tolerance_pct"},
            "100 percent, not 200",
        ),
        ("bad_tolerance", {"value": -1, "field": "weight_tolerance_g"}, "grams, not -1"),
    ],
)
def test_the_parameters_choose_the_sentence(code, params, text):
    assert text in refusal_text(code, params, "fallback")


def test_the_weight_is_told_in_kilograms():
    params = {"measured_g": 2000, "expected_g": 460, "diff_g": 1540, "allowed_g": 50}
    assert refusal_text("weight_mismatch", params) == (
        "Weighs 2.000 kg, should be 0.460 kg ± 0.050 kg"
    )


def test_an_unknown_code_or_a_parameter_of_another_type_keeps_the_services_sentence():
    assert refusal_text("no_such_code", {}, "the service says") == "the service says"
    assert refusal_text("bad_tolerance", {"value": "abc"}, "as sent") == "as sent"


def test_a_missing_parameter_stays_named():
    assert refusal_text("wave_closed", {}) == "Wave {wave} is closed"


def test_the_sentence_follows_the_station_language():
    from app.domain.floor_errors import FloorError  # noqa: PLC0415

    exc = FloorError("unknown_tracking", "no parcel has the waybill SF1", tracking_no="SF1")
    assert floor_text(exc) == "No parcel has the waybill SF1"
    switch_language("zh_CN")
    assert floor_text(exc) == "没有运单号为 SF1 的包裹"
