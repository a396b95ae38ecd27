"""Splitting a mainland-China address line into its administrative levels.

Seller centres (Taobao/Tmall and friends) write the whole address in one cell,
``浙江省 杭州市 西湖区 文三路 478号华星时代广场A座(310013)``, with the levels
separated by spaces. Clerks and buyers also type them unspaced
(``浙江省杭州市西湖区文三路478号``), so a level may also be the head of a word.
"""

from __future__ import annotations

import re

_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
# Short forms the platforms use for provinces whose full name has no 省 suffix.
_SHORT_PROVINCES = (*_MUNICIPALITIES, *"内蒙古 广西 西藏 宁夏 新疆 香港 澳门 台湾".split())

# Lazy and bounded: level names are short, so a long match would run into the street.
_PROVINCE = re.compile(
    r"[^\s\d]{2,6}?(?:省|自治区|特别行政区)|(?:" + "|".join(_SHORT_PROVINCES) + r")市?"
)
_MUNICIPAL_CITY = {name: re.compile(name + "市") for name in _MUNICIPALITIES}
_CITY = re.compile(r"[^\s\d]{1,10}?(?:市|自治州|地区|盟)")
_DISTRICT = re.compile(r"[^\s\d]{1,14}?(?:区|县|市|旗)")
_DISTRICT_ENDS = ("区", "县", "市", "旗")
# Street words that end like a district but are not one (广东省 东莞市 阳光小区 …).
_NOT_DISTRICT = ("小区", "社区", "园区", "校区", "厂区", "景区", "街区")
_POSTCODE = re.compile(r"\(\s*(\d{6})?\s*\)$")


def split_cn_address(text: str) -> tuple[str, str, str, str, str]:
    """Return (province, city, district, street, postcode); a missing part is "".

    ``000000`` is the seller centre's "no postcode" and becomes "". Runs of spaces
    inside the street collapse to one. Text with no recognisable province is
    returned whole as the street rather than guessed at.
    """
    text = text.replace("（", "(").replace("）", ")").replace("\u3000", " ").strip()
    postcode = ""
    m = _POSTCODE.search(text)
    if m:
        postcode = "" if m.group(1) in (None, "000000") else m.group(1)
        text = text[: m.start()]
    words = text.split()

    province, words, split = _take(_PROVINCE, words)
    if not province:
        return "", "", "", " ".join(words), postcode

    municipality = province[:2] if province.startswith(_MUNICIPALITIES) else ""
    if municipality:
        # 上海 上海市 浦东新区 …: the city repeats the province, or is left out.
        city = municipality + "市"
        repeated, rest, tail = _take(_MUNICIPAL_CITY[municipality], words)
        if repeated:
            words, split = rest, tail
    else:
        city, rest, tail = _take(_CITY, words)
        if city:
            words, split = rest, tail
        elif len(words) > 1 and not _is_district(words[0]):
            # A spaced city without the usual suffix (香港 九龙, 澳门 澳门半岛).
            city, words, split = words[0], words[1:], False

    district = ""
    if words and _is_district(words[0]):
        district, words = words[0], words[1:]
    elif split:
        # Only peel a district off an unspaced remainder: in a spaced address the
        # word after the city is either the district or already the street.
        head, rest, _ = _take(_DISTRICT, words)
        if head and not head.endswith(_NOT_DISTRICT):
            district, words = head, rest
    return province, city, district, " ".join(words), postcode


def _take(pattern: re.Pattern[str], words: list[str]) -> tuple[str, list[str], bool]:
    """Take one level off the front: a whole word, or the head of an unspaced word.

    Returns (level or "", remaining words, whether the first remaining word is a tail).
    """
    m = pattern.match(words[0]) if words else None
    if not m:
        return "", words, False
    word = words[0]
    if m.end() == len(word) or pattern.fullmatch(word):
        return word, words[1:], False
    return word[: m.end()], [word[m.end() :], *words[1:]], True


def _is_district(word: str) -> bool:
    return word.endswith(_DISTRICT_ENDS) and not word.endswith(_NOT_DISTRICT)
