import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.cn_address import split_cn_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "浙江省 杭州市 西湖区 文三路 478号华星时代广场A座(310013)",
            ("浙江省", "杭州市", "西湖区", "文三路 478号华星时代广场A座", "310013"),
        ),
        # municipalities: the city repeats the province, or is left out
        (
            "上海 上海市 浦东新区 张江路 88号(201203)",
            ("上海", "上海市", "浦东新区", "张江路 88号", "201203"),
        ),
        ("上海市 浦东新区 张江路 88号", ("上海市", "上海市", "浦东新区", "张江路 88号", "")),
        ("重庆 重庆市 巫山县 广东中路 1号", ("重庆", "重庆市", "巫山县", "广东中路 1号", "")),
        # 000000 is "no postcode"; runs of spaces inside the street collapse
        (
            "北京 北京市 朝阳区 建国路  93号院   万达广场 8号楼(000000)",
            ("北京", "北京市", "朝阳区", "建国路 93号院 万达广场 8号楼", ""),
        ),
        # autonomous regions, autonomous prefectures and counties
        (
            "内蒙古自治区 呼和浩特市 赛罕区 大学西街 235号",
            ("内蒙古自治区", "呼和浩特市", "赛罕区", "大学西街 235号", ""),
        ),
        (
            "广西壮族自治区 南宁市 青秀区 民族大道 100号（530022）",
            ("广西壮族自治区", "南宁市", "青秀区", "民族大道 100号", "530022"),
        ),
        (
            "新疆维吾尔自治区 伊犁哈萨克自治州 伊宁市 解放路 1号(835000)",
            ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市", "解放路 1号", "835000"),
        ),
        (
            "甘肃省 临夏回族自治州 积石山保安族东乡族撒拉族自治县 吹麻滩镇 1号",
            ("甘肃省", "临夏回族自治州", "积石山保安族东乡族撒拉族自治县", "吹麻滩镇 1号", ""),
        ),
        # special administrative regions: cities without the usual suffix
        (
            "香港特别行政区 九龙 油尖旺区 弥敦道 100号(999077)",
            ("香港特别行政区", "九龙", "油尖旺区", "弥敦道 100号", "999077"),
        ),
        (
            "澳门特别行政区 澳门半岛 花地玛堂区 黑沙环马路 5号",
            ("澳门特别行政区", "澳门半岛", "花地玛堂区", "黑沙环马路 5号", ""),
        ),
        # cities without districts: the next word is already the street
        (
            "广东省 东莞市 东城街道 东纵大道  万达广场 1栋(523000)",
            ("广东省", "东莞市", "", "东城街道 东纵大道 万达广场 1栋", "523000"),
        ),
        ("广东省 东莞市 阳光小区 3栋", ("广东省", "东莞市", "", "阳光小区 3栋", "")),
        ("海南省 儋州市 那大镇 人民路 2号", ("海南省", "儋州市", "", "那大镇 人民路 2号", "")),
        # unspaced, as typed by people
        (
            "浙江省杭州市西湖区文三路478号",
            ("浙江省", "杭州市", "西湖区", "文三路478号", ""),
        ),
        ("上海上海市浦东新区张江路88号", ("上海", "上海市", "浦东新区", "张江路88号", "")),
        ("广东省东莞市东城街道东纵大道1号", ("广东省", "东莞市", "", "东城街道东纵大道1号", "")),
        ("广东省 广州市天河区体育西路 1号", ("广东省", "广州市", "天河区", "体育西路 1号", "")),
        # empty postcode parentheses, ideographic spaces
        (
            "江苏省\u3000南京市\u3000鼓楼区 中山路 1号()",
            ("江苏省", "南京市", "鼓楼区", "中山路 1号", ""),
        ),
        # not an address we know how to split: kept whole as the street
        ("海外 美国 加利福尼亚州", ("", "", "", "海外 美国 加利福尼亚州", "")),
        ("", ("", "", "", "", "")),
        ("浙江省", ("浙江省", "", "", "", "")),
    ],
)
def test_split_cn_address(text, expected):
    assert split_cn_address(text) == expected


def test_street_parentheses_that_are_not_a_postcode_stay():
    assert split_cn_address("浙江省 杭州市 西湖区 文三路 478号(近地铁站)") == (
        "浙江省",
        "杭州市",
        "西湖区",
        "文三路 478号(近地铁站)",
        "",
    )


_LEVELS = [
    ("浙江省", "杭州市", "西湖区"),
    ("上海", "上海市", "浦东新区"),
    ("北京", "北京市", "朝阳区"),
    ("广西壮族自治区", "南宁市", "青秀区"),
    ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市"),
    ("吉林省", "延边朝鲜族自治州", "延吉市"),
    ("黑龙江省", "大兴安岭地区", "漠河市"),
    ("香港特别行政区", "新界", "沙田区"),
    ("广东省", "东莞市", ""),
]


@given(
    levels=st.sampled_from(_LEVELS),
    road=st.sampled_from(["文三路", "解放南路", "东纵大道", "人民路"]),
    number=st.integers(1, 9999),
    building=st.sampled_from(["", "华星时代广场A座", " 8号楼", "  3单元 501室"]),
    postcode=st.sampled_from(["", "(000000)", "(310013)", "（310013）", " (310013)"]),
    gap=st.sampled_from([" ", "  ", "\u3000"]),
)
def test_spaced_addresses_split_back_into_their_parts(
    levels, road, number, building, postcode, gap
):
    province, city, district = levels
    street = f"{road}{gap}{number}号{building}"
    text = gap.join(p for p in (province, city, district, street) if p) + postcode
    expected_postcode = "310013" if "310013" in postcode else ""
    assert split_cn_address(text) == (
        province,
        city,
        district,
        " ".join(street.replace("\u3000", " ").split()),
        expected_postcode,
    )


@given(st.text())
def test_any_text_splits_without_losing_a_character(text):
    province, city, district, street, postcode = split_cn_address(text)
    rest = "".join(text.replace("（", "(").replace("）", ")").split())
    for part in (province, city, district, street.replace(" ", "")):
        if part == city and not rest.startswith(city):
            assert city == province[:2] + "市"  # a municipality's implied city
            continue
        assert rest.startswith(part)
        rest = rest[len(part) :]
    assert re.fullmatch(r"(\((\d{6})?\))?", rest)
    assert postcode in rest
