"""The label model, sizes, Code 128 encoding and the shared layout (printing.label/.layout)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode.code128 import Code128

from printing import code128
from printing.fonts import text_width
from printing.label import (
    LABEL_SIZES,
    SIZE_4X6,
    SIZE_60X40,
    SIZE_76X130,
    SIZE_100X150,
    SIZE_100X180,
    WAYBILL_SIZES,
    BadgeLabel,
    LabelSize,
    LocationLabel,
    ProductLabel,
    Recipient,
    Sender,
    ShippingLabel,
    ToteLabel,
    clean_text,
    summarize_items,
)
from printing.layout import (
    MARGIN,
    Barcode,
    QRCode,
    Text,
    element_bounds,
    fit_text,
    layout_label,
    wrap_text,
)


def waybill(**changes: object) -> ShippingLabel:
    fields: dict[str, object] = {
        "carrier_code": "ZTO",
        "tracking_no": "75312345678901",
        "sender": Sender(
            "杭州好物旗舰店", "0571-88886666", ("浙江省杭州市余杭区", "良睦路 1399 号")
        ),
        "recipient": Recipient(
            "张三", "13800138000", "广东省", "深圳市", "南山区", "深南大道 9988 号 18 楼", "518057"
        ),
        "order_no": "TB20240501123456789",
        "items_summary": "3 件: 保温杯×2, 数据线×1",
        "printed_at": datetime(2024, 5, 1, 9, 30),
        "weight_g": 1250,
        "sort_code": "518-W12 03",
    }
    fields.update(changes)
    return ShippingLabel(**fields)  # type: ignore[arg-type]


CODE_LABELS = [
    LocationLabel("A-01-02-03", "A区 1巷 2架 3层"),
    ToteLabel("T00042", "拣货车 3 号位"),
    BadgeLabel("EMP0007", "李四", "打包员 Packer"),
    ProductLabel(
        "6901234567892", "不锈钢保温杯 500ml 象牙白 超长的商品名称还在继续", "SKU CUP-500"
    ),
]

# ---------------------------------------------------------------- sizes


@pytest.mark.parametrize(
    ("size", "dots"),
    [
        (SIZE_4X6, (812, 1218)),
        (SIZE_100X150, (800, 1200)),
        (SIZE_76X130, (608, 1040)),
        (SIZE_100X180, (800, 1440)),
        (SIZE_60X40, (480, 320)),
    ],
)
def test_sizes_have_their_dots_at_203_dpi(size: LabelSize, dots: tuple[int, int]) -> None:
    assert (size.width_dots, size.height_dots) == dots
    assert abs(size.width_dots / size.width_mm - 8) < 0.05
    assert abs(size.height_dots / size.height_mm - 8) < 0.05


def test_sizes_by_name() -> None:
    assert LabelSize.by_name("4x6") is SIZE_4X6
    assert LabelSize.by_name(" 100X180 ") is SIZE_100X180
    assert {s.name for s in WAYBILL_SIZES} == {"4x6", "100x150", "76x130", "100x180"}
    assert all(s.is_waybill for s in WAYBILL_SIZES)
    with pytest.raises(ValueError, match="unknown label size"):
        LabelSize.by_name("A4")


# ---------------------------------------------------------------- privacy


def test_phone_is_masked_on_a_privacy_waybill() -> None:
    label = waybill()
    assert label.recipient_phone == "138****8000"


def test_phone_in_full_when_masking_is_off() -> None:
    assert waybill(mask_phone=False).recipient_phone == "13800138000"


def test_phone_in_full_when_the_carrier_requires_it() -> None:
    label = waybill(carrier_code="dhl", tracking_no="1234567890")
    assert label.carrier_code == "DHL"
    assert label.recipient_phone == "13800138000"


def test_landline_keeps_last_four_digits() -> None:
    label = waybill(recipient=Recipient("李四", "0571-88886666"))
    assert label.recipient_phone == "****-****6666"


def test_no_phone_prints_nothing() -> None:
    assert waybill(recipient=Recipient("李四")).recipient_phone == ""


# ---------------------------------------------------------------- model


def test_carrier_name_defaults_to_the_chinese_name() -> None:
    assert waybill().carrier_name == "中通快递"
    assert waybill(carrier_code="SF", tracking_no="SF1234567890123").carrier_name == "顺丰速运"
    assert waybill(carrier_name="自定义物流").carrier_name == "自定义物流"
    assert waybill(carrier_code="NEWCO").carrier_name == "NEWCO"


@pytest.mark.parametrize(
    "bad", ["", "SF^XZ", "SF~JA123", "75312_45678", "753 1234", "SF>5123", "短号"]
)
def test_tracking_numbers_that_cannot_be_a_safe_barcode_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="tracking number"):
        waybill(tracking_no=bad)


@pytest.mark.parametrize("bad", ["", "A^01", "T~1", "B_1", "货架1", "X" * 49])
def test_codes_are_checked(bad: str) -> None:
    with pytest.raises(ValueError, match="code"):
        LocationLabel(bad)


def test_text_fields_become_one_clean_line() -> None:
    recipient = Recipient(" 张\n三\t", "138 0013\r\n8000", address="文三路\u200b90号\x00\x1b[2J")
    assert recipient.name == "张 三"
    assert "\n" not in recipient.phone
    assert recipient.address == "文三路 90号 [2J"
    assert clean_text(None) == ""
    assert clean_text("a\u2028b\u3000c") == "a b c"


def test_full_address_does_not_repeat_what_the_street_address_already_says() -> None:
    r = Recipient(
        "张三", province="浙江省", city="杭州市", district="西湖区", address="文三路 90 号"
    )
    assert r.full_address == "浙江省 杭州市 西湖区 文三路 90 号"
    r2 = Recipient(
        "张三", province="浙江省", city="杭州市", address="浙江省杭州市西湖区文三路 90 号"
    )
    assert r2.full_address == "浙江省杭州市西湖区文三路 90 号"


def test_weight_text() -> None:
    assert waybill().weight_text == "1.25 kg"
    assert waybill(weight_g=None).weight_text == ""
    with pytest.raises(ValueError):
        waybill(weight_g=-1)


def test_labels_are_frozen_and_hashable() -> None:
    label = waybill()
    with pytest.raises(AttributeError):
        label.tracking_no = "X"  # type: ignore[misc]
    assert hash(label) == hash(waybill())


# ---------------------------------------------------------------- item summary


def test_summary_counts_and_merges() -> None:
    text = summarize_items([("保温杯", 2), ("数据线", 1), ("保温杯", 1)])
    assert text == "4 件: 保温杯×3, 数据线×1"


def test_summary_leaves_out_what_does_not_fit_and_says_how_many_kinds() -> None:
    items = [(f"商品名称{i}", 1) for i in range(10)]
    text = summarize_items(items, max_chars=40)
    assert len(text) <= 40
    assert text.startswith("10 件: 商品名称0×1")
    assert text.endswith("…等10种")


def test_summary_cuts_a_single_long_name() -> None:
    text = summarize_items([("超" * 100, 1)], max_chars=30)
    assert len(text) <= 30
    assert text.startswith("1 件: 超")
    assert "…" in text


@settings(deadline=None)  # the first example loads the font
@given(st.lists(st.tuples(st.text(max_size=30), st.integers(1, 99)), min_size=1, max_size=12))
def test_summary_never_passes_its_limit(items: list[tuple[str, int]]) -> None:
    text = summarize_items(items, max_chars=50)
    assert len(text) <= 50
    assert text.startswith(f"{sum(q for _, q in items)} 件: ")


# ---------------------------------------------------------------- Code 128


@pytest.mark.parametrize(
    "data",
    ["75312345678901", "SF1234567890123", "JDVA00012345678-1-1-", "A-01-02-03", "T1", "12", "123"],
)
def test_code128_width_matches_reportlab_and_zpl_data_round_trips(data: str) -> None:
    assert code128.module_count(data) == Code128(data, barWidth=1, quiet=False).width
    assert code128.symbols_from_zpl(code128.zpl_field_data(data)) == code128.symbols(data)
    assert sum(code128.bar_widths(data)) == code128.module_count(data)


@settings(deadline=None)  # the first example loads the font
@given(st.from_regex(r"[0-9A-Za-z][0-9A-Za-z\-./+:#*% ]{0,30}", fullmatch=True))
def test_code128_zpl_data_always_round_trips(data: str) -> None:
    zpl = code128.zpl_field_data(data)
    assert "^" not in zpl and "~" not in zpl
    assert code128.symbols_from_zpl(zpl) == code128.symbols(data)
    assert code128.module_count(data) <= Code128(data, barWidth=1, quiet=False).width


# ---------------------------------------------------------------- layout


def _check_inside(label: object, size: LabelSize) -> None:
    layout = layout_label(label, size)  # type: ignore[arg-type]
    assert layout.elements
    for element in layout.elements:
        left, top, right, bottom = element_bounds(element)
        assert left >= MARGIN and top >= MARGIN, element
        assert right <= size.width_dots - MARGIN, element
        assert bottom <= size.height_dots - MARGIN, element
        if isinstance(element, Text):
            assert element.ink_width <= element.w + 0.01, element
            assert element.text.strip() == element.text and element.text


@pytest.mark.parametrize("size", WAYBILL_SIZES, ids=lambda s: s.name)
def test_waybill_elements_stay_inside_the_label(size: LabelSize) -> None:
    _check_inside(waybill(), size)
    long = "很长的地址" * 40
    _check_inside(
        waybill(
            recipient=Recipient("欧阳" * 30, "13800138000", address=long),
            sender=Sender("旗舰店" * 30, "0571-88886666", (long, long, long)),
            items_summary="商品" * 200,
            remark="备注" * 100,
            sort_code="长" * 40,
            service="特快" * 30,
            tracking_no="JDVA00012345678-1-1-",
        ),
        size,
    )


@pytest.mark.parametrize("size", LABEL_SIZES, ids=lambda s: s.name)
@pytest.mark.parametrize("label", CODE_LABELS, ids=lambda lb: type(lb).__name__)
def test_code_labels_stay_inside_every_size(label: object, size: LabelSize) -> None:
    _check_inside(label, size)


def test_waybill_needs_a_waybill_size() -> None:
    with pytest.raises(ValueError, match="76 x 130"):
        layout_label(waybill(), SIZE_60X40)


@pytest.mark.parametrize("size", WAYBILL_SIZES, ids=lambda s: s.name)
def test_waybill_has_big_barcode_and_qr_where_it_fits(size: LabelSize) -> None:
    elements = layout_label(waybill(), size).elements
    bars = [e for e in elements if isinstance(e, Barcode)]
    assert bars[0].data == "75312345678901"
    assert bars[0].module >= 3 and bars[0].height >= 110  # ≥ 0.375 mm modules, ≥ 14 mm high
    assert len(bars) == (2 if size is SIZE_100X180 else 1)  # 100 x 180: the stub's barcode
    qrs = [e for e in elements if isinstance(e, QRCode)]
    assert [q.data for q in qrs] == ["75312345678901"]
    texts = [e.text for e in elements if isinstance(e, Text)]
    assert "75312345678901" in texts
    assert any("138****8000" in t for t in texts)
    assert not any("13800138000" in t for t in texts)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.integers(10, 60), st.integers(40, 800), st.integers(1, 4))
def test_wrapped_lines_fit_and_keep_the_text(text: str, size: int, width: int, lines: int) -> None:
    text = clean_text(text)
    assume(all(text_width(c + "…", size) <= width for c in text))  # a column, not a sliver
    wrapped = wrap_text(text, size, width, lines)
    assert len(wrapped) <= lines
    for line in wrapped:
        assert text_width(line, size) <= width + 0.01
    if wrapped and not wrapped[-1].endswith("…"):
        assert "".join(wrapped).replace(" ", "") == text.replace(" ", "")


def test_fit_text_cuts_with_an_ellipsis() -> None:
    assert fit_text("短", 30, 400) == "短"
    cut = fit_text("很长" * 50, 30, 300)
    assert cut.endswith("…") and text_width(cut, 30) <= 300
    assert fit_text("很长", 30, 5) == ""


def test_an_aware_print_time_is_printed_in_local_time() -> None:
    when = datetime(2024, 5, 1, 1, 30, tzinfo=UTC)
    layout = layout_label(waybill(printed_at=when), SIZE_100X150)
    texts = [e.text for e in layout.elements if isinstance(e, Text)]
    local = when.astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"打印 {local}" in texts
