"""The A4 scan sheet: every barcode scans back to its printed text and means what its
section says, at a size a handheld scanner reads off paper."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from app.domain.scan import Command, classify
from printing import code128
from printing.scan_sheet import (
    COMMANDS,
    MARGIN_MM,
    MIN_MODULE_MM,
    PAGE_MM,
    QUIET_MODULES,
    SheetCode,
    SheetSection,
    command_section,
    plan_sheet,
    scan_sheet_pdf,
)

DPI = 200


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed")
    pytest.skip(f"{what} is not installed")


def pages(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    """Every page as poppler renders it: ``pdftoppm -r 200 -png``."""
    if shutil.which("pdftoppm") is None:
        _missing("pdftoppm (apt poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sheet.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(tmp) / "p")], check=True
        )
        return [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.png"))]


def decode(image: Image.Image) -> list[object]:
    try:
        import zxingcpp
    except ImportError:
        _missing("zxing-cpp (pip install zxing-cpp)")
    return list(zxingcpp.read_barcodes(image))


def page_texts(pdf: bytes) -> list[str]:
    pypdfium2 = pytest.importorskip("pypdfium2")
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


BADGES = SheetSection(
    "badge",
    (
        SheetCode("U-0001", "王芳", "拣货员 picker"),
        SheetCode("U-0012", "徐建国", "主管 supervisor · PIN 1234 (demo)", "演示 DEMO"),
        SheetCode("U-0010", "Emily Carter", "打包员 packer"),
    ),
)
LOCATIONS = SheetSection(
    "location",
    tuple(
        SheetCode(f"HZ1-A{a:02d}-{p:02d}-{lv}", f"A区 {a}巷道 {p}列 {lv}层", "WD-10001 ×2")
        for a, p, lv in [(1, 5, 2), (3, 12, 1), (7, 4, 3), (12, 24, 1)]
    ),
    note="波次 W1 任务 1 · task 1 of wave W1",
)
TOTES = SheetSection(
    "tote", tuple(SheetCode(f"T-{n:04d}", "周转箱 tote") for n in (1, 2, 3, 10000))
)
PRODUCTS = SheetSection(
    "product",
    (
        SheetCode("6901234567892", "不锈钢保温杯 500ml 象牙白", "WD-10001 · 单件 unit"),
        SheetCode("16901234567899", "不锈钢保温杯 500ml 象牙白", "WD-10001 · 整箱 case ×12"),
        SheetCode("036000291452", "Kleenex tissues", "WD-10002 · 单件 unit"),
    ),
)
ALL = [BADGES, LOCATIONS, TOTES, PRODUCTS, command_section()]
MEANING = {
    "badge": "badge",
    "location": "location",
    "tote": "tote",
    "product": "product",
    "command": "command",
}


@pytest.fixture(scope="module")
def sheet() -> bytes:
    return scan_sheet_pdf(ALL, notes=["杭州仓 HZ1 — 扫工牌登录", "Sign in with a badge"])


@pytest.fixture(scope="module")
def scanned(sheet: bytes) -> list[tuple[int, Image.Image, list[object]]]:
    return [(i, image, decode(image)) for i, image in enumerate(pages(sheet))]


def test_a4_pages_with_the_cjk_font_embedded(sheet: bytes) -> None:
    assert sheet.startswith(b"%PDF-") and sheet.rstrip().endswith(b"%%EOF")
    assert b"/FontFile2" in sheet and b"WenQuanYiMicroHei" in sheet
    assert len(sheet) < 300_000  # a subset, not the 5 MB font
    for image in pages(sheet, 72):
        assert abs(image.width - 595) <= 1 and abs(image.height - 842) <= 1


def test_every_code_scans_back_exactly_once_as_printed(sheet: bytes, scanned: list) -> None:
    found = Counter(r.text for _, _, results in scanned for r in results)
    assert all(r.format.name == "Code128" for _, _, results in scanned for r in results)
    assert found == Counter(c.code for s in ALL for c in s.codes)
    # On the page the barcode was planned for.
    where = {
        p.code.code: p.page
        for p in plan_sheet(ALL, ["杭州仓 HZ1 — 扫工牌登录", "Sign in with a badge"])
    }
    for page, _, results in scanned:
        assert all(where[r.text] == page for r in results)


def test_each_code_means_what_its_section_says(scanned: list) -> None:
    kind_of = {c.code: s.kind for s in ALL for c in s.codes}
    for _, _, results in scanned:
        for r in results:
            meaning = classify(r.text)
            assert meaning.kind == MEANING[kind_of[r.text]], (r.text, meaning)
    commands = [classify(c.code) for c in COMMANDS]
    assert commands == [
        Command(n) for n in ("CONFIRM", "CANCEL", "SHORT", "REPRINT", "NEXT", "LOGOUT")
    ]


def test_the_printed_text_is_the_encoded_text_with_zh_and_en_captions(sheet: bytes) -> None:
    text = " ".join(page_texts(sheet))
    for section in ALL:
        for code in section.codes:
            assert code.code in text
        assert section.caption in text  # 工牌 BADGE, 库位 LOCATION …
    for zh, en in [
        ("确认", "CONFIRM"),
        ("取消", "CANCEL"),
        ("缺货", "SHORT"),
        ("补打", "REPRINT"),
        ("下一个", "NEXT"),
        ("退出", "LOGOUT"),
    ]:
        assert f"{zh} {en}" in text
    assert "PIN 1234 (demo)" in text and "演示 DEMO" in text
    assert "第 1/" in text and "page 1 of" in text


def _row(image: Image.Image, result: object) -> tuple[list[bool], int, int]:
    pos = result.position  # type: ignore[attr-defined]
    ys = [pos.top_left.y, pos.top_right.y, pos.bottom_left.y, pos.bottom_right.y]
    xs = [pos.top_left.x, pos.top_right.x, pos.bottom_left.x, pos.bottom_right.x]
    y = (min(ys) + max(ys)) // 2
    dark = [image.getpixel((x, y)) < 128 for x in range(image.width)]
    return dark, min(xs), max(xs)


def test_modules_are_at_least_a_third_of_a_millimetre_with_white_quiet_zones(scanned: list) -> None:
    """Measured on the rendered page: the symbol's width over its module count."""
    px_per_mm = DPI / 25.4
    for _, image, results in scanned:
        for r in results:
            dark, x0, x1 = _row(image, r)
            left = x0 + 1
            while not dark[left]:
                left += 1
            while dark[left - 1] or any(
                dark[left - 4 : left - 1]
            ):  # back over narrow gaps to the first bar
                left -= 1
            right = x1 - 1
            while not dark[right]:
                right -= 1
            while right + 1 < len(dark) and (dark[right + 1] or any(dark[right + 2 : right + 5])):
                right += 1
            module_mm = (right - left + 1) / code128.module_count(r.text) / px_per_mm
            assert module_mm >= MIN_MODULE_MM, (r.text, module_mm)
            quiet = int(QUIET_MODULES * module_mm * px_per_mm)
            assert not any(dark[left - quiet : left]), f"{r.text}: ink in the left quiet zone"
            assert not any(dark[right + 1 : right + 1 + quiet]), (
                f"{r.text}: ink in the right quiet zone"
            )


def test_the_plan_keeps_cells_apart_and_inside_the_page() -> None:
    placed = plan_sheet(ALL)
    assert len(placed) == sum(len(s.codes) for s in ALL)
    for p in placed:
        assert p.module_mm >= MIN_MODULE_MM
        assert MARGIN_MM <= p.x and p.x + p.w <= PAGE_MM[0] - MARGIN_MM + 1e-6
        assert MARGIN_MM <= p.y and p.y + p.h <= PAGE_MM[1] - MARGIN_MM
        assert p.bar_w == pytest.approx(code128.module_count(p.code.code) * p.module_mm)
        # The quiet zones lie inside the cell.
        assert p.bar_x - p.quiet_mm > p.x and p.bar_x + p.bar_w + p.quiet_mm < p.x + p.w
        assert p.y < p.bar_y and p.bar_y + p.bar_h < p.y + p.h
    for a in placed:
        for b in placed:
            if a is not b and a.page == b.page:
                apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
                assert apart, (a.code.code, b.code.code)


def test_sections_flow_onto_more_pages_and_every_code_still_scans() -> None:
    many = SheetSection(
        "location",
        tuple(SheetCode(f"GZ1-A{a:02d}-{p:02d}-1") for a in range(1, 5) for p in range(1, 7)),
    )
    pdf = scan_sheet_pdf([many, command_section()])
    images = pages(pdf)
    assert len(images) == max(p.page for p in plan_sheet([many, command_section()])) + 1 >= 3
    found = Counter(r.text for image in images for r in decode(image))
    assert found == Counter([c.code for c in many.codes] + [c.code for c in COMMANDS])
    assert "(续 cont.)" in " ".join(page_texts(pdf))


def test_long_names_are_cut_but_codes_never_are() -> None:
    long_name = "超长的商品名称" * 8
    section = SheetSection(
        "product", (SheetCode("6901234567892", long_name, "很长的规格说明" * 10),)
    )
    text = page_texts(scan_sheet_pdf([section]))[0]
    assert long_name not in text and "…" in text
    assert "6901234567892" in text
    wide = SheetSection("location", (SheetCode("LONG-" + "ABCDEFGHIJ" * 3 + "-0001"),))
    placed = plan_sheet([wide])
    assert placed[0].w > 180  # a whole row for a long code
    assert [r.text for image in pages(scan_sheet_pdf([wide])) for r in decode(image)] == [
        wide.codes[0].code
    ]


def test_bad_input_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="cannot be printed as a barcode"):
        SheetCode("库位-1")
    with pytest.raises(ValueError, match="cannot be printed as a barcode"):
        SheetCode("U-0001\n^XZ")
    with pytest.raises(ValueError, match="too long for a barcode on an A4 sheet"):
        plan_sheet([SheetSection("location", (SheetCode("X" * 48),))])
    with pytest.raises(ValueError, match="at least one code"):
        scan_sheet_pdf([SheetSection("tote", ())])


def test_output_is_deterministic(sheet: bytes) -> None:
    assert scan_sheet_pdf(ALL, notes=["杭州仓 HZ1 — 扫工牌登录", "Sign in with a badge"]) == sheet
