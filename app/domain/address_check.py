"""Shipping-address completeness checks run by order review.

Each problem is a sentence a supervisor reads on the hold screen, so the
checks report everything wrong at once instead of stopping at the first.
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.geo import normalize_province

_MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
# Outside the mainland the 省/市/区 hierarchy and the 6-digit postcode do not apply.
_NOT_MAINLAND = {"香港特别行政区", "澳门特别行政区", "台湾省"}
# County-level units governed directly by a province (省直辖县) and prefecture-level
# cities without districts: platforms leave the district empty or put a town there.
_NO_DISTRICT_CITIES = (
    "仙桃", "潜江", "天门", "神农架", "济源", "东莞", "中山", "儋州", "嘉峪关",
    "五指山", "文昌", "琼海", "万宁", "东方", "定安", "屯昌", "澄迈", "临高",
    "白沙", "昌江", "乐东", "陵水", "保亭", "琼中",
    "石河子", "阿拉尔", "图木舒克", "五家渠", "北屯", "铁门关", "双河", "可克达拉",
    "昆玉", "胡杨河", "新星", "白杨",
)  # fmt: skip
_MIN_CN_ADDRESS = 4
_US_ZIP = re.compile(r"\d{5}(?:-\d{4})?")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _district_optional(province: str, city: str) -> bool:
    return (
        province in _MUNICIPALITIES | _NOT_MAINLAND
        or "直辖" in city  # 省直辖县级行政区划, 自治区直辖县级行政区划
        or city.startswith(_NO_DISTRICT_CITIES)
    )


def _cn_problems(province: str, city: str, district: str, address: str, postcode: str) -> list[str]:
    problems = []
    full = normalize_province(province) if province else None
    if not province:
        problems.append("province is missing")
    elif full is None:
        problems.append(f"unknown province {province!r}")
    if not city:
        problems.append("city is missing")
    elif full and not district and not _district_optional(full, city):
        problems.append("district is missing")
    if not address:
        problems.append("street address is missing")
    elif len(address) < _MIN_CN_ADDRESS:
        problems.append(f"street address is too short (under {_MIN_CN_ADDRESS} characters)")
    # 000000 is what several platforms export when the buyer left the field empty.
    mainland = full not in _NOT_MAINLAND
    if mainland and postcode not in ("", "000000") and not re.fullmatch(r"\d{6}", postcode):
        problems.append(f"postcode {postcode!r} is not 6 digits")
    return problems


def _foreign_problems(
    country: str, province: str, city: str, address: str, postcode: str
) -> list[str]:
    problems = []
    if not re.fullmatch(r"[A-Z]{2}", country):
        problems.append(f"country {country!r} is not a two-letter ISO 3166 code")
    if not city:
        problems.append("city is missing")
    if not address:
        problems.append("street address is missing")
    if country == "US":
        if not province:
            problems.append("state is missing")
        if not postcode:
            problems.append("ZIP code is missing")
        elif not _US_ZIP.fullmatch(postcode):
            problems.append(f"ZIP code {postcode!r} is not 5 digits or ZIP+4")
    return problems


def address_problems(
    country: str,
    province: str,
    city: str,
    district: str,
    address: str,
    postcode: str,
    name: str,
) -> list[str]:
    """Human-readable reasons the address cannot be shipped to; empty when it is fine.

    ``country`` is ISO 3166-1 alpha-2; empty means China, as domestic platforms
    leave it blank.
    """
    country = _clean(country).upper()
    province, city, district = _clean(province), _clean(city), _clean(district)
    address, postcode = _clean(address), _clean(postcode)
    problems = [] if _clean(name) else ["recipient name is missing"]
    if country in ("", "CN"):
        return problems + _cn_problems(province, city, district, address, postcode)
    return problems + _foreign_problems(country, province, city, address, postcode)
