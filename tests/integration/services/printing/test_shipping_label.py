"""Shipping labels of packed orders: content, and the barcode scanning back from both
renderers at every waybill size."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest
import zxingcpp
from packfloor import PackFloor, build_pack_floor, case_barcode, unit_barcode
from PIL import Image

from app.db.engine import Database
from app.db.models import Order, Shipment
from app.domain.floor_errors import FloorError
from app.domain.scan import classify
from app.services.intake.apply import import_orders
from app.services.packing import PackResult
from app.services.packing.bench import complete, open_order, verify
from app.services.printing import label_document, label_for, render
from app.services.printing.shipping_label import SIZES
from app.services.settings import put_setting
from printing.zpl_preview import preview_zpl


@pytest.fixture
def pf(db: Database, tmp_path: Path) -> PackFloor:
    return build_pack_floor(db, tmp_path / "labels")


def pack_m1(pf: PackFloor) -> PackResult:
    view = open_order(pf.db, pf.here, classify("T-0001"), str(uuid.uuid4()))
    for code in (case_barcode("SKU-A"), unit_barcode("SKU-B")):
        assert verify(pf.db, pf.here, view.order_id, classify(code), str(uuid.uuid4())).accepted
    return complete(
        pf.db,
        pf.here,
        view.order_id,
        weight_g=470,
        carton=None,
        printer=pf.printer,
        fmt="pdf",
        size="100x150",
    )


def decode(image: Image.Image) -> list[str]:
    """The Code 128 barcodes in the picture (the label's QR code is left out)."""
    found = zxingcpp.read_barcodes(image.convert("L"))
    return [b.text for b in found if b.format == zxingcpp.BarcodeFormat.Code128]


def pdf_barcodes(pdf: bytes, where: Path) -> list[str]:
    src = where / "label.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(src), str(where / "page")], check=True)
    (png,) = sorted(where.glob("page*.png"))
    return decode(Image.open(png))


def test_the_label_says_who_sends_what_to_whom(pf: PackFloor) -> None:
    with pf.db.unit_of_work() as s:
        put_setting(s, "label_sender", {"phone": "0571-88888888"})
    result = pack_m1(pf)
    with pf.db.read() as s:
        order = s.get(Order, pf.orders["m1"])
        label = label_for(s, order, s.get(Shipment, result.shipment_id))
    assert (label.tracking_no, label.carrier_code, label.carrier_name) == (
        result.tracking_no,
        "ZTO",
        "中通快递",
    )
    assert (label.sender.name, label.sender.phone, label.sender.address) == (
        "杭州仓",
        "0571-88888888",
        "浙江省杭州市",
    )
    assert (label.recipient.name, label.recipient_phone) == ("张三", "138****8000")
    assert label.recipient.full_address == "浙江省 杭州市 西湖区 文三路 478号"
    assert label.items_summary == "3 件: 商品A×2, 商品B×1"
    assert (label.order_no, label.weight_g) == ("m1", 470)


def test_a_warehouse_may_send_under_its_own_name(pf: PackFloor) -> None:
    with pf.db.unit_of_work() as s:
        put_setting(s, "label_sender", {"phone": "0571-1"})
        put_setting(s, "label_sender.HZ1", {"name": "小店杭州发货中心"})
    result = pack_m1(pf)
    with pf.db.read() as s:
        label = label_for(s, s.get(Order, pf.orders["m1"]), s.get(Shipment, result.shipment_id))
    assert (label.sender.name, label.sender.phone) == ("小店杭州发货中心", "0571-1")


@pytest.mark.parametrize("size", SIZES)
def test_both_renderers_scan_back_to_the_tracking_number(
    pf: PackFloor, size: str, tmp_path: Path
) -> None:
    result = pack_m1(pf)
    zpl = label_document(pf.db, "m1", "zpl", size)
    assert zpl.startswith(b"^XA") and zpl.rstrip().endswith(b"^XZ")
    # The 100 x 180 two-part waybill carries the number on both parts.
    assert set(decode(preview_zpl(zpl.decode("utf-8")))) == {result.tracking_no}
    pdf = label_document(pf.db, "m1", "pdf", size)
    assert set(pdf_barcodes(pdf, tmp_path)) == {result.tracking_no}


def test_font_mode_zpl_carries_utf8_text(pf: PackFloor) -> None:
    pack_m1(pf)
    zpl = label_document(pf.db, "m1", "zpl", "100x150", zpl_cjk="font")
    assert b"^A@N" in zpl and b"^GFA" not in zpl


def test_the_label_is_the_same_every_time(pf: PackFloor) -> None:
    result = pack_m1(pf)
    assert label_document(pf.db, "m1", "pdf", "100x150") == result.document


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("m2", "pdf", "100x150"), "not_packed"),
        (("nope", "pdf", "100x150"), "order_unknown"),
        (("m1", "png", "100x150"), "label_format_unknown"),
        (("m1", "pdf", "60x40"), "label_size_unknown"),
        (("m1", "pdf", "A4"), "label_size_unknown"),
    ],
)
def test_what_cannot_be_printed_is_refused(
    pf: PackFloor, args: tuple[str, str, str], code: str
) -> None:
    pack_m1(pf)
    with pytest.raises(FloorError) as err:
        label_document(pf.db, *args)
    assert err.value.code == code
    assert str(err.value)


def test_the_same_number_in_two_stores_needs_the_store(pf: PackFloor) -> None:
    from floorplan import order

    pack_m1(pf)
    import_orders(pf.db, [order("m1", ("SKU-A", 1), store="京东旗舰店", platform="jd")])
    with pytest.raises(FloorError) as err:
        label_document(pf.db, "m1", "pdf", "100x150")
    assert err.value.code == "order_ambiguous" and "京东旗舰店" in str(err.value)
    assert label_document(pf.db, "m1", "pdf", "100x150", store="淘宝小店").startswith(b"%PDF")
    with pytest.raises(FloorError) as err:
        label_document(pf.db, "m1", "pdf", "100x150", store="京东旗舰店")
    assert err.value.code == "not_packed"


def test_render_refuses_a_bad_cjk_mode(pf: PackFloor) -> None:
    result = pack_m1(pf)
    with pf.db.read() as s:
        label = label_for(s, s.get(Order, pf.orders["m1"]), s.get(Shipment, result.shipment_id))
    with pytest.raises(FloorError) as err:
        render(label, "zpl", "100x150", zpl_cjk="bitmap")
    assert err.value.code == "label_cjk_unknown"
