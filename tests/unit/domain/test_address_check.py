import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.address_check import address_problems

HANGZHOU = {
    "country": "CN",
    "province": "浙江省",
    "city": "杭州市",
    "district": "西湖区",
    "address": "文三路 90 号",
    "postcode": "310012",
    "name": "张三",
}
BROOKLYN = {
    "country": "US",
    "province": "NY",
    "city": "Brooklyn",
    "district": "",
    "address": "123 Main St",
    "postcode": "11201",
    "name": "Jane Doe",
}


def problems(base: dict[str, str], **changes: str) -> list[str]:
    return address_problems(**{**base, **changes})


def test_complete_cn_address_has_no_problems():
    assert problems(HANGZHOU) == []


@pytest.mark.parametrize("country", ["", "cn", " CN "])
def test_empty_country_means_china(country):
    assert problems(HANGZHOU, country=country) == []


@pytest.mark.parametrize("province", ["浙江", "Zhejiang", "zhejiang"])
def test_cn_province_spellings_accepted(province):
    assert problems(HANGZHOU, province=province) == []


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"name": " "}, "name is missing"),
        ({"province": ""}, "province is missing"),
        ({"province": "Atlantis"}, "unknown province"),
        ({"city": ""}, "city is missing"),
        ({"district": ""}, "district is missing"),
        ({"address": ""}, "street address is missing"),
        ({"address": "文三路"}, "too short"),
        ({"postcode": "31001"}, "not 6 digits"),
        ({"postcode": "31OO12"}, "not 6 digits"),
    ],
)
def test_cn_single_problem(changes, fragment):
    found = problems(HANGZHOU, **changes)
    assert len(found) == 1
    assert fragment in found[0]


def test_all_cn_problems_reported_together():
    found = address_problems("CN", "", "", "", "", "123", "")
    assert len(found) == 5


@pytest.mark.parametrize("postcode", ["", "000000", "310012", "３１００１２", " 310012 "])
def test_cn_postcode_absent_or_six_digits(postcode):
    assert problems(HANGZHOU, postcode=postcode) == []


@pytest.mark.parametrize(
    ("province", "city"),
    [
        ("北京市", "北京市"),
        ("上海", "市辖区"),
        ("重庆市", "重庆市"),
        ("湖北省", "仙桃市"),
        ("湖北省", "省直辖县级行政区划"),
        ("海南省", "琼海市"),
        ("广东省", "东莞市"),
        ("新疆维吾尔自治区", "石河子市"),
        ("香港特别行政区", "香港岛"),
    ],
)
def test_district_optional(province, city):
    assert problems(HANGZHOU, province=province, city=city, district="") == []


def test_postcode_rule_is_mainland_only():
    assert problems(HANGZHOU, province="台湾", city="台北市", district="", postcode="100") == []


@given(st.from_regex(r"[0-9]{6}", fullmatch=True))
def test_any_six_digit_postcode_is_accepted(postcode):
    assert problems(HANGZHOU, postcode=postcode) == []


@given(st.text(alphabet="路号弄 1", max_size=3).map(str.strip))
def test_address_under_four_characters_is_flagged(address):
    assert problems(HANGZHOU, address=address) != []


# --- outside China ---------------------------------------------------------------


def test_complete_us_address_has_no_problems():
    assert problems(BROOKLYN) == []
    assert problems(BROOKLYN, postcode="11201-1234") == []


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"province": ""}, "state is missing"),
        ({"postcode": ""}, "ZIP code is missing"),
        ({"postcode": "1120"}, "not 5 digits or ZIP+4"),
        ({"postcode": "11201-12"}, "not 5 digits or ZIP+4"),
        ({"city": ""}, "city is missing"),
        ({"address": ""}, "street address is missing"),
        ({"name": ""}, "name is missing"),
    ],
)
def test_us_single_problem(changes, fragment):
    found = problems(BROOKLYN, **changes)
    assert len(found) == 1
    assert fragment in found[0]


def test_other_countries_need_neither_state_nor_postcode():
    assert problems(BROOKLYN, country="GB", province="", postcode="") == []
    assert problems(BROOKLYN, country="de", province="", postcode="10115") == []


def test_country_must_be_an_iso_code():
    found = problems(BROOKLYN, country="Germany", province="", postcode="")
    assert len(found) == 1 and "ISO" in found[0]


def test_short_foreign_address_is_fine():
    # The 4-character minimum is for Chinese addresses, where 4 characters is a street.
    assert problems(BROOKLYN, country="GB", address="1 A") == []
