import csv
import math
from collections import Counter
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.geo import EARTH_RADIUS_KM, haversine_km, locate, normalize_province

HANGZHOU = (30.2741, 120.1551)
GUANGZHOU = (23.1291, 113.2644)

points = st.tuples(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
)


def _rows() -> list[dict[str, str]]:
    text = (files("resources") / "geo" / "cn_places.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


# --- haversine ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected_km"),
    [
        (HANGZHOU, GUANGZHOU, 1050),
        ((39.9042, 116.4074), (31.2304, 121.4737), 1067),  # Beijing - Shanghai
        ((39.9042, 116.4074), (43.8256, 87.6168), 2400),  # Beijing - Urumqi
        ((0.0, 0.0), (0.0, 90.0), math.pi / 2 * EARTH_RADIUS_KM),
    ],
)
def test_haversine_known_distances(a, b, expected_km):
    assert haversine_km(a, b) == pytest.approx(expected_km, rel=0.03)


def test_haversine_same_point_is_zero():
    assert haversine_km(HANGZHOU, HANGZHOU) == 0.0


def test_haversine_antipodes_is_half_circumference():
    assert haversine_km((10.0, 20.0), (-10.0, -160.0)) == pytest.approx(math.pi * EARTH_RADIUS_KM)


@given(points, points)
def test_haversine_symmetric_and_bounded(a, b):
    d = haversine_km(a, b)
    assert d == pytest.approx(haversine_km(b, a), abs=1e-6)
    assert 0.0 <= d <= math.pi * EARTH_RADIUS_KM + 1e-6


@given(points, points, points)
def test_haversine_triangle_inequality(a, b, c):
    assert haversine_km(a, c) <= haversine_km(a, b) + haversine_km(b, c) + 1e-6


# --- normalize_province -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("浙江省", "浙江省"),
        ("浙江", "浙江省"),
        ("Zhejiang", "浙江省"),
        ("zhejiang", "浙江省"),
        (" ZHEJIANG province ", "浙江省"),
        ("广西", "广西壮族自治区"),
        ("广西壮族自治区", "广西壮族自治区"),
        ("Guangxi", "广西壮族自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("Inner Mongolia", "内蒙古自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("宁夏", "宁夏回族自治区"),
        ("西藏", "西藏自治区"),
        ("北京", "北京市"),
        ("北京市", "北京市"),
        ("Beijing", "北京市"),
        ("香港", "香港特别行政区"),
        ("Hong Kong", "香港特别行政区"),
        ("澳门", "澳门特别行政区"),
        ("台湾", "台湾省"),
        ("Shaanxi", "陕西省"),
        ("Shanxi", "山西省"),
        ("黑龙江", "黑龙江省"),
    ],
)
def test_normalize_province_known(text, expected):
    assert normalize_province(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "ZJ", "杭州", "Atlantis", "省", "市"])
def test_normalize_province_unknown(text):
    assert normalize_province(text) is None


def test_every_province_row_normalizes_to_itself():
    for row in _rows():
        if row["level"] == "province":
            assert normalize_province(row["name"]) == row["name"]
            assert normalize_province(row["name_en"]) == row["name"]


# --- locate ----------------------------------------------------------------------


@pytest.mark.parametrize("city", ["杭州", "杭州市", "Hangzhou", "hangzhou city"])
def test_locate_city_spellings(city):
    assert locate("浙江", city) == HANGZHOU


@pytest.mark.parametrize("city", ["", "北京", "北京市", "市辖区", "朝阳区"])
def test_locate_municipality(city):
    assert locate("北京市", city) == (39.9042, 116.4074)


def test_locate_same_name_in_two_provinces():
    zhejiang, jiangsu = locate("浙江", "台州"), locate("江苏", "泰州")
    assert locate("Zhejiang", "Taizhou") == zhejiang
    assert locate("Jiangsu", "Taizhou") == jiangsu
    assert haversine_km(zhejiang, jiangsu) > 300


def test_locate_unknown_city_falls_back_to_capital():
    assert locate("广东", "某某县") == GUANGZHOU
    assert locate("新疆", "") == (43.8256, 87.6168)


def test_locate_unknown_province():
    assert locate("Atlantis", "杭州") is None
    assert locate("") is None


# --- the data file ---------------------------------------------------------------


def test_places_file_shape():
    rows = _rows()
    provinces = {r["name"] for r in rows if r["level"] == "province"}
    cities = [r for r in rows if r["level"] == "city"]
    assert len(provinces) == 34
    assert len(cities) >= 150
    assert {r["level"] for r in rows} == {"province", "city"}
    assert len({(r["province"], r["name"]) for r in cities}) == len(cities)
    for row in rows:
        assert row["province"] in provinces
        assert all(len(row[k].split(".")[1]) == 4 for k in ("lat", "lon"))
        # China's extent, so a swapped lat/lon cannot slip in.
        assert 18 <= float(row["lat"]) <= 54 and 73 <= float(row["lon"]) <= 135


def test_places_file_covers_e_commerce_provinces():
    per_province = Counter(r["province"] for r in _rows() if r["level"] == "city")
    assert per_province["浙江省"] == 11
    assert per_province["江苏省"] == 13
    assert per_province["广东省"] == 21
    assert per_province["福建省"] == 9


def test_province_point_is_its_capital_city():
    rows = _rows()
    city_points = {(r["province"], r["lat"], r["lon"]) for r in rows if r["level"] == "city"}
    for row in rows:
        if row["level"] == "province" and "特别行政区" not in row["name"]:
            assert (row["name"], row["lat"], row["lon"]) in city_points, row["name"]
