"""Setup labels from the database, rendered as one job in PDF and ZPL, and the demo scan sheet."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from floorplan import Floor
from PIL import Image
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Location, PickLine, PickTask, Product, ProductBarcode, User, Wave
from app.demo import demo_orders, demo_scan_sheet, demo_sheet_sections, seed_catalog
from app.demo.dataset import SUPERVISOR_PIN
from app.domain.floor_errors import FloorError
from app.domain.scan import classify
from app.services.access.pins import hash_pin
from app.services.allocation import allocate_orders
from app.services.intake.apply import import_orders
from app.services.printing.setup_labels import (
    badge_labels,
    location_labels,
    product_labels,
    render_many,
    tote_labels,
)
from app.services.review import review_orders
from app.services.warehouse import add_totes
from app.services.waves import WaveOptions, build_waves
from printing.label import (
    SIZE_60X40,
    SIZE_100X50,
    BadgeLabel,
    LocationLabel,
    ToteLabel,
)
from printing.zpl_preview import preview_zpl

TOMORROW = date.today() + timedelta(days=2)  # every demo order makes this cut-off
ZPL_COMMANDS = {
    "XA",
    "XZ",
    "CI",
    "PW",
    "LL",
    "LH",
    "FO",
    "FR",
    "FH",
    "FD",
    "FS",
    "GB",
    "GF",
    "BY",
    "BC",
    "BQ",
    "A@",
}


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed")
    pytest.skip(f"{what} is not installed")


def pdf_pages(pdf: bytes, dpi: int = 200) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        _missing("pdftoppm (apt poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "labels.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(tmp) / "p")], check=True
        )
        # pdftoppm pads page numbers to the same width, so name order is page order
        return [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.png"))]


def decoded(image: Image.Image) -> list[str]:
    try:
        import zxingcpp
    except ImportError:
        _missing("zxing-cpp (pip install zxing-cpp)")
    return sorted(r.text for r in zxingcpp.read_barcodes(image))


def pdf_text(pdf: bytes) -> str:
    pypdfium2 = pytest.importorskip("pypdfium2")
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def zpl_formats(data: bytes) -> list[str]:
    text = data.decode("ascii")
    formats = [f + "^XZ\n" for f in text.split("^XZ\n")[:-1]]
    assert "".join(formats) == text  # nothing outside ^XA … ^XZ
    return formats


# ---------------------------------------------------------------- building labels


def test_location_labels_in_walking_order_with_where_they_are(floor: Floor) -> None:
    labels = location_labels(floor.db, "HZ1")
    assert labels == [
        LocationLabel("HZ1-A01-01-1", "1巷道 1列 1层"),
        LocationLabel("HZ1-A01-02-1", "1巷道 2列 1层"),
        LocationLabel("HZ1-A01-03-1", "1巷道 3列 1层"),
    ]
    assert [lb.code for lb in location_labels(floor.db, "GZ1")] == [
        "GZ1-A01-04-1",
        "GZ1-A01-05-1",
        "GZ1-A01-06-1",
    ]
    assert location_labels(floor.db, "HZ1", aisle=1) == labels
    assert location_labels(floor.db, "HZ1", aisle=2) == []  # an aisle without locations yet
    for label in labels:
        assert classify(label.code).kind == "location"


def test_an_aisle_the_warehouse_does_not_have_is_refused(floor: Floor) -> None:
    with pytest.raises(FloorError) as err:
        location_labels(floor.db, "HZ1", aisle=5)
    assert err.value.code == "aisle_unknown"
    assert str(err.value) == "Warehouse HZ1 has aisles 1 to 4; there is no aisle 5."


@pytest.mark.parametrize(
    "make",
    [
        lambda db: location_labels(db, "XX9"),
        lambda db: tote_labels(db, "XX9"),
        lambda db: demo_scan_sheet(db, "XX9"),
    ],
    ids=["locations", "totes", "scan-sheet"],
)
def test_an_unknown_warehouse_is_refused(floor: Floor, make) -> None:
    with pytest.raises(FloorError) as err:
        make(floor.db)
    assert err.value.code == "warehouse_unknown"
    assert str(err.value) == "There is no warehouse 'XX9'; the warehouses are GZ1, HZ1."


def test_tote_labels_are_the_warehouses_totes_in_number_order(floor: Floor) -> None:
    add_totes(floor.db, "HZ1", 2, start=9999)
    add_totes(floor.db, "GZ1", 1)
    add_totes(floor.db, "HZ1", 1, start=1)
    assert tote_labels(floor.db, "HZ1") == [
        ToteLabel("T-0001", "杭州仓 HZ1"),
        ToteLabel("T-9999", "杭州仓 HZ1"),
        ToteLabel("T-10000", "杭州仓 HZ1"),
    ]
    assert tote_labels(floor.db, "GZ1") == [ToteLabel("T-10001", "广州仓 GZ1")]


def test_badges_of_active_users_with_role_and_never_a_pin(floor: Floor) -> None:
    with floor.db.unit_of_work() as s:
        s.add(User(badge="U-0003", name="Gone Person", role="packer", active=False))
        s.add(User(badge="U-0001", name="赵丽", role="packer", pin_hash=hash_pin("4321")))
    labels = badge_labels(floor.db)
    assert labels == [
        BadgeLabel("PICK-1", "李伟", "拣货员 picker"),
        BadgeLabel("SUP-1", "王芳", "主管 supervisor"),
        BadgeLabel("U-0001", "赵丽", "打包员 packer"),
    ]
    text = pdf_text(render_many(labels, "pdf", SIZE_100X50))
    assert "王芳" in text and "SUP-1" in text and "主管 supervisor" in text
    assert "1234" not in text and "4321" not in text and "PIN" not in text and "scrypt" not in text


def test_product_labels_per_barcode_with_sku_and_pack(floor: Floor) -> None:
    with floor.db.unit_of_work() as s:
        pid = floor.products["SKU-B"]
        s.add(ProductBarcode(product_id=pid, barcode="16900000000026", kind="case", pack_qty=12))
        s.add(
            Product(
                sku="SKU-Z", name_zh="", name_en="Loose item", price=Decimal("1.00"), active=True
            )
        )
        s.add(Product(sku="SKU-OLD", name_zh="旧款", price=Decimal("1.00"), active=False))
    labels = product_labels(floor.db)
    assert [(lb.code, lb.name, lb.spec) for lb in labels] == [
        ("6900000000001", "商品A", "SKU-A · 单件 unit"),
        ("6900000000002", "商品B", "SKU-B · 单件 unit"),
        ("16900000000026", "商品B", "SKU-B · 整箱 case ×12"),
        ("6900000000003", "商品C", "SKU-C · 单件 unit"),
        ("6900000000004", "商品D", "SKU-D · 单件 unit"),
        ("6900000000005", "商品E", "SKU-E · 单件 unit"),
        ("SKU-Z", "Loose item", "SKU-Z · 单件 unit"),  # no barcode yet: its SKU is printed
    ]
    picked = product_labels(floor.db, ["SKU-OLD", "SKU-C", "SKU-C"])
    assert [lb.code for lb in picked] == ["SKU-OLD", "6900000000003"]
    with pytest.raises(FloorError) as err:
        product_labels(floor.db, ["SKU-A", "NOPE-1", "NOPE-2"])
    assert (err.value.code, str(err.value)) == (
        "sku_unknown",
        "No product has the SKU NOPE-1, NOPE-2.",
    )


def test_codes_that_cannot_be_barcodes_are_all_named(floor: Floor) -> None:
    with floor.db.unit_of_work() as s:
        for n, code in enumerate(["库位-1", "HZ1^XZ", "-LEADING"], start=1):
            s.add(
                Location(
                    warehouse_id=floor.hz,
                    code=code,
                    barcode=code,
                    aisle=2,
                    position=n,
                    level=1,
                    y=1.0,
                )
            )
    with pytest.raises(FloorError) as err:
        location_labels(floor.db, "HZ1")
    assert err.value.code == "label_code_unprintable"
    assert err.value.params["codes"] == ["库位-1", "HZ1^XZ", "-LEADING"]
    assert str(err.value).startswith(
        "3 locations cannot be printed as barcodes: '库位-1', 'HZ1^XZ', '-LEADING'."
    )
    assert len(location_labels(floor.db, "HZ1", aisle=1)) == 3  # the good aisle still prints


# ---------------------------------------------------------------- one print job


def _all_kinds(floor: Floor) -> list[tuple[str, list, object]]:
    add_totes(floor.db, "HZ1", 3)
    with floor.db.unit_of_work() as s:
        s.add(User(badge="U-0007", name="Emily Carter", role="packer"))
    return [
        ("locations", location_labels(floor.db, "HZ1"), SIZE_60X40),
        ("totes", tote_labels(floor.db, "HZ1"), SIZE_100X50),
        ("badges", badge_labels(floor.db), "100x50"),
        ("products", product_labels(floor.db), "60x40"),
    ]


def test_pdf_job_has_a_page_per_label_that_scans_back(floor: Floor) -> None:
    for kind, labels, size in _all_kinds(floor):
        seen: list[int] = []
        pdf = render_many(labels, "pdf", size, progress=seen.append)
        assert seen == [1] * len(labels)
        pages = pdf_pages(pdf)
        assert len(pages) == len(labels), kind
        for label, page in zip(labels, pages, strict=True):
            assert decoded(page) == [label.code], (kind, label)
            if kind != "products":  # the floor's product codes are in-house, not GTINs
                assert classify(label.code).kind == kind.rstrip("s") or kind == "badges"


def test_zpl_job_has_a_format_per_label_that_previews_and_scans_back(floor: Floor) -> None:
    for kind, labels, size in _all_kinds(floor):
        data = render_many(labels, "zpl", size)
        formats = zpl_formats(data)
        assert len(formats) == len(labels), kind
        for label, fmt in zip(labels, formats, strict=True):
            assert decoded(preview_zpl(fmt)) == [label.code], (kind, label)


def test_zpl_field_data_is_escaped(floor: Floor) -> None:
    with floor.db.unit_of_work() as s:
        p = Product(sku="SKU-X", name_zh="杯^XZ~JA_假", price=Decimal("1.00"), active=True)
        s.add(p)
        s.flush()
        s.add(ProductBarcode(product_id=p.id, barcode="6900000000099", kind="unit", pack_qty=1))
    labels = product_labels(floor.db, ["SKU-X"])
    for cjk in ("font", "graphic"):
        data = render_many(labels, "zpl", "60x40", cjk=cjk)  # type: ignore[arg-type]
        (fmt,) = zpl_formats(data)
        assert "~" not in fmt
        assert {token[:2] for token in fmt.split("^")[1:]} <= ZPL_COMMANDS
        if cjk == "font":
            assert "_5EXZ_7EJA_5F" in fmt
            assert re.search(r"\^FH\^FD[^\^]*_5EXZ", fmt)
        assert decoded(preview_zpl(fmt)) == ["6900000000099"]


def test_render_refuses_bad_format_size_and_nothing_to_print(floor: Floor) -> None:
    labels = location_labels(floor.db, "HZ1")
    with pytest.raises(FloorError) as err:
        render_many(labels, "png", "60x40")
    assert (err.value.code, str(err.value)) == (
        "label_format",
        "Labels are printed as pdf or zpl, not 'png'.",
    )
    with pytest.raises(FloorError) as err:
        render_many(labels, "pdf", "9x9")
    assert err.value.code == "label_size" and "known: 4x6, 100x150" in str(err.value)
    with pytest.raises(FloorError) as err:
        render_many([], "zpl", "60x40")
    assert (err.value.code, str(err.value)) == ("labels_empty", "There are no labels to print.")


# ---------------------------------------------------------------- demo scan sheet


def seed_small_demo(db: Database) -> None:
    catalog = seed_catalog(db, seed=3, products=40)
    import_orders(db, demo_orders(catalog, 60, seed=3))
    review_orders(db)
    allocate_orders(db)
    build_waves(db, WaveOptions("HZ1", max_orders=150, today=TOMORROW))
    add_totes(db, "HZ1", 12)


def test_demo_sheet_scans_back_and_every_code_means_its_section(db: Database) -> None:
    seed_small_demo(db)
    sections, _ = demo_sheet_sections(db, "HZ1")
    assert [s.kind for s in sections] == ["badge", "location", "tote", "product", "command"]
    assert all(s.codes for s in sections)
    pdf = demo_scan_sheet(db, "HZ1")
    printed = Counter(c.code for s in sections for c in s.codes)
    found = Counter(code for page in pdf_pages(pdf) for code in decoded(page))
    assert found == printed
    for section in sections:
        for code in section.codes:
            assert classify(code.code).kind == section.kind, (
                section.kind,
                code.code,
                classify(code.code),
            )
    text = pdf_text(pdf)
    for code in printed:
        assert code in text


def _first_open_cart_task(db: Database) -> tuple[Wave, PickTask, list[str]]:
    with db.read() as s:
        wave, task = s.execute(
            select(Wave, PickTask)
            .join(PickTask, PickTask.wave_id == Wave.id)
            .where(PickTask.kind == "cart", PickTask.status == "open")
            .order_by(Wave.id, PickTask.seq)
        ).first()
        stops = list(
            dict.fromkeys(
                s.scalars(
                    select(Location.barcode)
                    .join(PickLine, PickLine.location_id == Location.id)
                    .where(PickLine.pick_task_id == task.id)
                    .order_by(PickLine.seq)
                )
            )
        )
    return wave, task, stops


def test_demo_sheet_locations_are_the_first_stops_of_an_open_cart_task(db: Database) -> None:
    seed_small_demo(db)
    sections, _ = demo_sheet_sections(db, "HZ1")
    locations = next(s for s in sections if s.kind == "location")
    wave, task, stops = _first_open_cart_task(db)
    assert [c.code for c in locations.codes] == stops[:6]
    assert wave.code in locations.note
    products = next(s for s in sections if s.kind == "product")
    assert any("整箱 case" in c.detail for c in products.codes) and any(
        "单件 unit" in c.detail for c in products.codes
    )
    totes = next(s for s in sections if s.kind == "tote")
    assert [c.code for c in totes.codes] == [f"T-{n:04d}" for n in range(1, 9)]  # a cart of 8


def test_a_wave_being_picked_still_gives_its_next_open_task(db: Database) -> None:
    seed_small_demo(db)
    wave, task, _ = _first_open_cart_task(db)
    with db.unit_of_work() as s:
        s.execute(update(PickTask).where(PickTask.id == task.id).values(status="claimed"))
        s.execute(update(Wave).where(Wave.id == wave.id).values(status="picking"))
    next_wave, next_task, stops = _first_open_cart_task(db)
    assert next_task.id != task.id
    sections, _ = demo_sheet_sections(db, "HZ1")
    locations = next(s for s in sections if s.kind == "location")
    assert [c.code for c in locations.codes] == stops[:6]
    assert f"task {next_task.seq} in wave {next_wave.code}" in locations.note


def test_demo_pins_only_for_demo_supervisors_and_only_while_unchanged(db: Database) -> None:
    seed_small_demo(db)
    sections, _ = demo_sheet_sections(db, "HZ1")
    badges = next(s for s in sections if s.kind == "badge")
    shown = {c.code: (c.title, c.detail, c.tag) for c in badges.codes}
    assert shown["U-0012"] == (
        "徐建国",
        f"主管 supervisor · PIN {SUPERVISOR_PIN} (demo)",
        "演示 DEMO",
    )
    assert shown["U-0014"] == ("孙涛", "管理员 admin · PIN 0000 (demo)", "演示 DEMO")
    assert shown["U-0001"] == ("王芳", "拣货员 picker", "")
    assert [classify(code).kind for code in shown] == ["badge"] * 5
    # Once a supervisor sets a PIN of their own, it is no longer the demo's to print.
    with db.unit_of_work() as s:
        s.execute(update(User).where(User.badge == "U-0012").values(pin_hash=hash_pin("8642")))
    text = pdf_text(demo_scan_sheet(db, "HZ1"))
    assert "徐建国" in text and "PIN 1234" not in text and "8642" not in text
    assert "PIN 0000 (demo)" in text


def test_a_real_floor_sheet_shows_no_pin_and_falls_back_to_stocked_locations(floor: Floor) -> None:
    """The floor's supervisor happens to use 1234 too, but is not a demo person."""
    add_totes(floor.db, "HZ1", 2)
    sections, notes = demo_sheet_sections(floor.db, "HZ1")
    badges = next(s for s in sections if s.kind == "badge")
    assert [(c.code, c.detail, c.tag) for c in badges.codes] == [
        ("PICK-1", "拣货员 picker", ""),
        ("SUP-1", "主管 supervisor", ""),
    ]
    locations = next(s for s in sections if s.kind == "location")
    assert [c.code for c in locations.codes] == ["HZ1-A01-01-1", "HZ1-A01-02-1", "HZ1-A01-03-1"]
    assert "no released wave" in locations.note
    assert "杭州仓 HZ1" in notes[0]
    pdf = demo_scan_sheet(floor.db, "HZ1")
    text = pdf_text(pdf)
    assert "PIN" not in text and "1234" not in text and "DEMO" not in text
    printed = Counter(c.code for s in sections for c in s.codes)
    assert Counter(code for page in pdf_pages(pdf) for code in decoded(page)) == printed
