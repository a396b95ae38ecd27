"""Chinese provinces and major cities: name normalisation and approximate coordinates.

Allocation ranks warehouses by distance to the recipient and review rejects
provinces nobody recognises; both only need city-level precision, so the data
is a small CSV shipped in ``resources/geo`` rather than a geocoding service.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius

# Longest first, so 广西壮族自治区 loses the whole suffix and not just 区.
_CN_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_EN_SUFFIXES = ("autonomousregion", "province", "sheng", "municipality", "city", "shi", "sar")
# English spellings that the CSV's single name_en column cannot carry.
_EXTRA_ALIASES = {
    "neimongol": "内蒙古自治区",
    "neimenggu": "内蒙古自治区",
    "xizang": "西藏自治区",
    "macao": "澳门特别行政区",
    "hongkongsar": "香港特别行政区",
    "臺灣": "台湾省",
    "台灣": "台湾省",
}
_PUNCT = re.compile(r"[\s'’\-_.,·]+")


@dataclass(frozen=True, slots=True)
class _Places:
    aliases: dict[str, str]  # normalised spelling -> full province name
    capitals: dict[str, tuple[float, float]]  # full province name -> capital
    cities: dict[tuple[str, str], tuple[float, float]]  # (province, city key) -> centre


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    # min() guards asin against rounding pushing h a hair above 1 for antipodes.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _key(text: str) -> str:
    # NFKC folds full-width letters and spaces typed with a Chinese IME.
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _strip_suffix(key: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix)]
    return key


def _place_keys(name: str, name_en: str) -> set[str]:
    names = {_key(name), _key(name_en)}
    return names | {_strip_suffix(k, _CN_SUFFIXES) for k in names}


@cache
def _places() -> _Places:
    text = (files("resources") / "geo" / "cn_places.csv").read_text(encoding="utf-8")
    aliases = dict(_EXTRA_ALIASES)
    capitals: dict[str, tuple[float, float]] = {}
    cities: dict[tuple[str, str], tuple[float, float]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        point = (float(row["lat"]), float(row["lon"]))
        if row["level"] == "province":
            capitals[row["name"]] = point
            for k in _place_keys(row["name"], row["name_en"]):
                aliases[k] = row["name"]
        else:
            for k in _place_keys(row["name"], row["name_en"]):
                cities[(row["province"], k)] = point
    return _Places(aliases, capitals, cities)


def _lookup_key(text: str) -> str:
    key = _key(text)
    return _strip_suffix(_strip_suffix(key, _EN_SUFFIXES), _CN_SUFFIXES)


def normalize_province(text: str) -> str | None:
    """Full Chinese name (浙江省) for 浙江省 / 浙江 / Zhejiang / zhejiang province; None if unknown."""
    aliases = _places().aliases
    return aliases.get(_key(text)) or aliases.get(_lookup_key(text))


def locate(province: str, city: str = "") -> tuple[float, float] | None:
    """(lat, lon) of the city when known, else of the province capital, else None.

    Municipalities need no special case: their city row repeats the province,
    and placeholders such as 市辖区 simply fall back to the capital.
    """
    full = normalize_province(province)
    if full is None:
        return None
    places = _places()
    if city.strip():
        for key in (_key(city), _lookup_key(city)):
            if (full, key) in places.cities:
                return places.cities[(full, key)]
    return places.capitals[full]
