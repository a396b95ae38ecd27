"""Demo orders: a realistic, deterministic day of orders for the demo catalog.

Pure: no database, no clock unless ``now`` is left out. Most orders pass review;
about 8 % are built to fail it for exactly one reason each (unpaid, incomplete
address, invalid phone, unknown SKU, price off by more than 30 %, a buyer remark,
a blacklisted phone or buyer), a few ask for SKUs nobody has in stock and a
couple were cancelled on the platform. Each of those carries its case in
``extra["demo_case"]``; ``expected_hold`` maps it to the review hold code.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.demo.catalog import CatalogSummary, DemoProduct
from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient

SINGLE_UNIT_SHARE = 0.60
ISSUE_SHARE = 0.08
OUT_OF_STOCK_SHARE = 0.02
CANCELLED_SHARE = 0.01

# Each case fails review for one reason; the value is the hold code review gives it.
ISSUE_CASES: dict[str, str] = {
    "unpaid": "unpaid",
    "address_incomplete": "address_incomplete",
    "phone_invalid": "phone_invalid",
    "unknown_sku": "unknown_sku",
    "price_mismatch": "price_mismatch",
    "buyer_remark": "buyer_remark",
    "blacklisted_phone": "blacklisted",
    "blacklisted_buyer": "blacklisted",
}
OUT_OF_STOCK = "out_of_stock"
CANCELLED = "cancelled"

_STORE_WEIGHTS = {"tmall": 0.40, "taobao": 0.35, "shopify": 0.25}
_FAST_WEIGHT = 8.0  # a fast mover is this many times as likely to be ordered

# (province, city, postcode, districts, weight): full names as the platforms export them.
_PLACES: tuple[tuple[str, str, str, tuple[str, ...], int], ...] = (
    ("浙江省", "杭州市", "310000", ("西湖区", "拱墅区", "上城区", "滨江区", "余杭区", "萧山区"), 8),
    ("浙江省", "宁波市", "315000", ("鄞州区", "海曙区", "江北区", "北仑区"), 3),
    ("浙江省", "温州市", "325000", ("鹿城区", "瓯海区", "龙湾区"), 2),
    ("广东省", "广州市", "510000", ("天河区", "越秀区", "海珠区", "白云区", "番禺区"), 7),
    ("广东省", "深圳市", "518000", ("南山区", "福田区", "罗湖区", "宝安区", "龙岗区"), 7),
    ("广东省", "佛山市", "528000", ("禅城区", "南海区", "顺德区"), 2),
    ("广东省", "东莞市", "523000", ("南城街道", "东城街道", "长安镇", "松山湖"), 2),
    ("江苏省", "南京市", "210000", ("玄武区", "鼓楼区", "建邺区", "江宁区"), 4),
    ("江苏省", "苏州市", "215000", ("姑苏区", "吴中区", "相城区", "虎丘区"), 4),
    ("江苏省", "无锡市", "214000", ("梁溪区", "滨湖区", "新吴区"), 2),
    ("上海市", "上海市", "200000", ("浦东新区", "徐汇区", "静安区", "闵行区", "杨浦区", "长宁区"), 7),
    ("北京市", "北京市", "100000", ("朝阳区", "海淀区", "东城区", "西城区", "丰台区", "通州区"), 6),
    ("天津市", "天津市", "300000", ("和平区", "南开区", "河西区", "滨海新区"), 2),
    ("重庆市", "重庆市", "400000", ("渝中区", "江北区", "南岸区", "渝北区"), 3),
    ("四川省", "成都市", "610000", ("武侯区", "锦江区", "青羊区", "成华区", "金牛区"), 4),
    ("湖北省", "武汉市", "430000", ("武昌区", "洪山区", "江汉区", "江岸区"), 3),
    ("湖南省", "长沙市", "410000", ("岳麓区", "芙蓉区", "天心区", "开福区"), 3),
    ("河南省", "郑州市", "450000", ("金水区", "中原区", "二七区", "管城回族区"), 3),
    ("山东省", "济南市", "250000", ("历下区", "市中区", "槐荫区"), 2),
    ("山东省", "青岛市", "266000", ("市南区", "市北区", "崂山区", "黄岛区"), 3),
    ("福建省", "福州市", "350000", ("鼓楼区", "台江区", "仓山区"), 2),
    ("福建省", "厦门市", "361000", ("思明区", "湖里区", "集美区"), 2),
    ("陕西省", "西安市", "710000", ("雁塔区", "碑林区", "未央区", "长安区"), 3),
    ("安徽省", "合肥市", "230000", ("蜀山区", "包河区", "庐阳区"), 2),
    ("江西省", "南昌市", "330000", ("东湖区", "西湖区", "红谷滩区"), 1),
    ("河北省", "石家庄市", "050000", ("长安区", "桥西区", "裕华区"), 2),
    ("山西省", "太原市", "030000", ("小店区", "迎泽区", "杏花岭区"), 1),
    ("辽宁省", "沈阳市", "110000", ("和平区", "沈河区", "皇姑区"), 2),
    ("辽宁省", "大连市", "116000", ("中山区", "西岗区", "沙河口区"), 1),
    ("吉林省", "长春市", "130000", ("朝阳区", "南关区", "宽城区"), 1),
    ("黑龙江省", "哈尔滨市", "150000", ("南岗区", "道里区", "香坊区"), 1),
    ("云南省", "昆明市", "650000", ("五华区", "盘龙区", "官渡区"), 1),
    ("贵州省", "贵阳市", "550000", ("南明区", "云岩区", "观山湖区"), 1),
    ("广西壮族自治区", "南宁市", "530000", ("青秀区", "兴宁区", "西乡塘区"), 1),
    ("海南省", "海口市", "570000", ("龙华区", "美兰区"), 1),
    ("内蒙古自治区", "呼和浩特市", "010000", ("新城区", "回民区", "赛罕区"), 1),
    ("新疆维吾尔自治区", "乌鲁木齐市", "830000", ("天山区", "沙依巴克区", "水磨沟区"), 1),
    ("宁夏回族自治区", "银川市", "750000", ("兴庆区", "金凤区"), 1),
    ("甘肃省", "兰州市", "730000", ("城关区", "七里河区"), 1),
    ("青海省", "西宁市", "810000", ("城东区", "城西区"), 1),
    ("西藏自治区", "拉萨市", "850000", ("城关区",), 1),
)  # fmt: skip

_STREETS = (
    "人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "文化路", "胜利路", "长江路",
    "黄河路", "青年路", "学院路", "东风路", "光明路", "朝阳路", "滨江大道", "环城北路", "科技路",
    "迎宾大道", "体育路", "府前街", "幸福大街",
)  # fmt: skip
_COMMUNITIES = (
    "阳光花园", "锦绣家园", "金色家园", "翠苑小区", "幸福里", "御景湾", "东方名苑", "明珠花园",
    "世纪新城", "和谐家园", "碧水湾", "书香门第", "紫荆花园", "滨江华府",
)  # fmt: skip
_OFFICES = ("创新大厦", "国际金融中心", "科技园A座", "时代广场", "万达广场写字楼", "软件园二期")

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢"
_GIVEN = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "子涵", "浩然", "雨桐", "欣怡", "梓轩", "一诺", "宇航",
    "思远", "佳怡", "晓东", "建华", "海燕", "文博", "俊杰", "诗涵", "嘉怡", "明轩", "晨曦",
)  # fmt: skip
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178",
    "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199",
)  # fmt: skip
_NICK_HEADS = ("快乐的", "爱笑的", "安静的", "追风的", "小小", "阿", "吃货", "喵喵", "元气")
_NICK_TAILS = ("小鱼", "猫咪", "少年", "橘子", "星星", "兔子", "向日葵", "大白", "土豆", "柠檬")
_EMAIL_NAMES = (
    "lily.wang", "kevin_zhang", "amy.chen", "jason.liu", "grace.huang", "leo.zhou", "cindy.wu",
    "mike.xu", "zoe.lin", "tony.guo", "iris.he", "eric.ma",
)  # fmt: skip
_REMARKS = (
    "请发顺丰，谢谢",
    "周末不在家，工作日送",
    "送人的礼物，请不要放价格单",
    "麻烦多包几层，怕压坏",
    "颜色拍错了，请发白色",
    "今天能发货吗？急用",
    "请放小区门口快递柜",
)
_BAD_PHONES = ("12345", "1234567", "138001380", "000000")
_PRICE_OFF = (Decimal("0.45"), Decimal("0.5"), Decimal("0.6"), Decimal("1.5"), Decimal("1.8"))
_DISCOUNTS = (
    Decimal("1"),
    Decimal("1"),
    Decimal("1"),
    Decimal("0.95"),
    Decimal("0.9"),
    Decimal("0.88"),
)
_CENT = Decimal("0.01")


def demo_case(order: IncomingOrder) -> str:
    """The case a demo order was built for: an ISSUE_CASES key, OUT_OF_STOCK, CANCELLED or "ok"."""
    return order.extra.get("demo_case", "ok")


def expected_hold(order: IncomingOrder) -> str | None:
    """The one hold code review should give this demo order; None when it should pass.

    Cancelled orders are clean apart from the cancellation, so None as well.
    """
    case = demo_case(order)
    if case == OUT_OF_STOCK:
        return "out_of_stock"
    return ISSUE_CASES.get(case)


def _case_plan(rng: random.Random, n: int) -> dict[int, str]:
    """Which order indices get which special case; exactly one case per order."""
    n_issue = round(n * ISSUE_SHARE)
    n_oos = round(n * OUT_OF_STOCK_SHARE)
    n_cancel = round(n * CANCELLED_SHARE)
    if n >= 50:
        n_oos, n_cancel = max(n_oos, 3), max(n_cancel, 2)
    kinds = list(ISSUE_CASES)
    cases = [kinds[k % len(kinds)] for k in range(n_issue)]
    cases += [OUT_OF_STOCK] * n_oos + [CANCELLED] * n_cancel
    cases = cases[:n]
    return dict(zip(rng.sample(range(n), len(cases)), cases, strict=True))


def _phone(rng: random.Random, avoid: frozenset[str]) -> str:
    while (phone := rng.choice(_MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}") in avoid:
        pass
    return phone


def _name(rng: random.Random) -> str:
    name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
    if rng.random() < 0.05:
        name = name[0] + rng.choice(("先生", "女士"))
    return name


def _recipient(rng: random.Random, avoid_phones: frozenset[str]) -> Recipient:
    weights = [w for *_, w in _PLACES]
    province, city, postcode, districts, _ = rng.choices(_PLACES, weights)[0]
    street = f"{rng.choice(_STREETS)}{rng.randint(1, 999)}号"
    style = rng.random()
    if style < 0.6:
        address = (
            f"{street}{rng.choice(_COMMUNITIES)}{rng.randint(1, 32)}栋"
            f"{rng.randint(1, 4)}单元{rng.randint(1, 33)}{rng.randint(1, 4):02d}室"
        )
    elif style < 0.85:
        address = f"{street}{rng.choice(_OFFICES)}{rng.randint(2, 38)}楼"
    else:
        address = (
            f"{street}{rng.choice(_COMMUNITIES)}{rng.randint(1, 20)}幢{rng.randint(101, 2204)}"
        )
    return Recipient(
        name=_name(rng),
        phone=_phone(rng, avoid_phones),
        country="CN",
        province=province,
        city=city,
        district=rng.choice(districts),
        address=address,
        postcode=postcode[:4] + f"{rng.randint(0, 99):02d}",
    )


def _buyer(rng: random.Random, platform: str) -> tuple[str, str]:
    """(buyer_id, buyer_email) as the platform reports them."""
    if platform == "shopify":
        email = f"{rng.choice(_EMAIL_NAMES)}{rng.randint(1, 999)}@example.com"
        return str(rng.randint(6_000_000_000_000, 7_999_999_999_999)), email
    if rng.random() < 0.5:
        return f"tb{rng.randint(10**9, 10**11 - 1)}", ""
    return f"{rng.choice(_NICK_HEADS)}{rng.choice(_NICK_TAILS)}{rng.randint(1, 2024)}", ""


class _Picker:
    """Draws SKUs by popularity without promising more units than the catalog holds."""

    def __init__(self, rng: random.Random, products: Sequence[DemoProduct]) -> None:
        self.rng = rng
        self.products = [p for p in products if p.on_hand > 0]
        if not self.products:
            raise ValueError("the catalog has no product in stock to build orders from")
        self.weights = [_FAST_WEIGHT if p.fast_mover else 1.0 for p in self.products]
        self.left = {p.sku: p.on_hand for p in self.products}

    def take(self, count: int, single: bool) -> list[tuple[DemoProduct, int]]:
        chosen: list[tuple[DemoProduct, int]] = []
        skus: set[str] = set()
        for _ in range(count * 40):
            if len(chosen) == count:
                break
            product = self.rng.choices(self.products, self.weights)[0]
            qty = 1 if single else self.rng.choices((1, 2, 3), (0.75, 0.2, 0.05))[0]
            if product.sku in skus or self.left[product.sku] < qty:
                continue
            self.left[product.sku] -= qty
            skus.add(product.sku)
            chosen.append((product, qty))
        if not chosen:
            raise ValueError("the demo catalog's stock is used up: ask for fewer orders")
        return chosen


def demo_orders(
    catalog: CatalogSummary, n: int, seed: int = 7, *, now: datetime | None = None
) -> list[IncomingOrder]:
    """``n`` platform orders over the day and a half before ``now``, oldest first.

    Deterministic for a given catalog, ``n``, ``seed`` and ``now``; ``now`` defaults
    to the current minute (UTC), the only input taken from the clock. Orders that
    should pass review together never ask for more units of a SKU than the catalog
    has on hand (summed over warehouses).
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if now is None:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
    rng = random.Random(seed)
    stores = {s.platform: s.name for s in catalog.stores}
    platforms = [p for p in _STORE_WEIGHTS if p in stores]
    if not platforms:
        raise ValueError("the catalog has none of the demo stores (shopify, tmall, taobao)")
    domestic = [p for p in platforms if p != "shopify"] or platforms
    known = set(catalog.skus)
    price_of = {p.sku: p.price for p in catalog.products}
    unstocked = [p for p in catalog.products if p.on_hand == 0]
    blacklisted = frozenset(catalog.blacklisted_phones)
    picker = _Picker(rng, catalog.products)

    cases = _case_plan(rng, n)
    singles = set(rng.sample(range(n), round(n * SINGLE_UNIT_SHARE)))
    minutes_ago = sorted((rng.uniform(5, 36 * 60) for _ in range(n)), reverse=True)
    shopify_no = 1000
    used_numbers: set[tuple[str, str]] = set()
    orders: list[IncomingOrder] = []
    for i in range(n):
        case = cases.get(i, "ok")
        if case == "blacklisted_buyer":
            platform = rng.choice(domestic)
        else:
            platform = rng.choices(platforms, [_STORE_WEIGHTS[p] for p in platforms])[0]
        if platform == "shopify":
            shopify_no += 1
            order_no = f"#{shopify_no}"
        else:
            order_no = str(rng.randint(2 * 10**18, 4 * 10**18 - 1))
            while (platform, order_no) in used_numbers:
                order_no = str(rng.randint(2 * 10**18, 4 * 10**18 - 1))
        used_numbers.add((platform, order_no))

        single = i in singles
        count = 1 if single else rng.choices((2, 3, 4, 5, 6), (0.45, 0.25, 0.15, 0.1, 0.05))[0]
        picked = picker.take(count, single)
        english = platform == "shopify"
        discount = rng.choice(_DISCOUNTS)
        lines = [
            IncomingLine(
                sku=p.sku,
                qty=qty,
                unit_price=(p.price * discount).quantize(_CENT),
                name=p.name_en if english else p.name_zh,
            )
            for p, qty in picked
        ]
        recipient = _recipient(rng, blacklisted)
        buyer_id, buyer_email = _buyer(rng, platform)
        payment = PaymentStatus.PAID
        remark = ""

        if case in ("unknown_sku", OUT_OF_STOCK) and (case == "unknown_sku" or unstocked):
            first = picked[0]
            picker.left[first[0].sku] += first[1]  # the replaced line takes no stock
            if case == "unknown_sku":
                while (sku := f"WD-{rng.randint(90000, 99999)}") in known:
                    pass
                lines[0] = replace(lines[0], sku=sku)
            else:
                gone = unstocked[rng.randrange(len(unstocked))]
                lines[0] = replace(
                    lines[0],
                    sku=gone.sku,
                    unit_price=gone.price,
                    name=gone.name_en if english else gone.name_zh,
                )
        elif case == OUT_OF_STOCK:
            case = "ok"  # nothing in the catalog is out of stock: an ordinary order
        elif case == "price_mismatch":
            factor = rng.choice(_PRICE_OFF)
            lines[0] = replace(
                lines[0], unit_price=(price_of[lines[0].sku] * factor).quantize(_CENT)
            )
        elif case == "unpaid":
            payment = PaymentStatus.UNPAID
        elif case == "address_incomplete":
            recipient = replace(recipient, address="")
        elif case == "phone_invalid":
            recipient = replace(recipient, phone=rng.choice(_BAD_PHONES))
        elif case == "blacklisted_phone" and catalog.blacklisted_phones:
            recipient = replace(recipient, phone=rng.choice(catalog.blacklisted_phones))
        elif case == "blacklisted_buyer" and catalog.blacklisted_buyers:
            buyer_id = rng.choice(catalog.blacklisted_buyers)
        elif case == "buyer_remark":
            remark = rng.choice(_REMARKS)
        elif case == CANCELLED:
            payment = PaymentStatus.REFUNDED
        elif case != "ok":
            case = "ok"  # a blacklist case without a blacklist: an ordinary order

        subtotal = sum((ln.unit_price * ln.qty for ln in lines), Decimal("0"))
        if platform == "shopify":
            fee = Decimal("0.00") if subtotal >= 199 else Decimal("15.00")
            method = rng.choice(("Standard Shipping", "Standard Shipping", "Express"))
        else:
            fee = Decimal("0.00") if rng.random() < 0.85 else Decimal("8.00")
            method = "快递"
        placed = now - timedelta(minutes=minutes_ago[i])
        paid = placed + timedelta(seconds=rng.randint(8, 900))
        orders.append(
            IncomingOrder(
                platform=platform,
                order_no=order_no,
                lines=tuple(lines),
                recipient=recipient,
                payment_status=payment,
                store=stores[platform],
                cancelled=case == CANCELLED,
                placed_at=placed.replace(microsecond=0),
                paid_at=None if payment == PaymentStatus.UNPAID else paid.replace(microsecond=0),
                currency="CNY",
                total=(subtotal + fee).quantize(_CENT),
                shipping_fee=fee,
                shipping_method=method,
                buyer_id=buyer_id,
                buyer_email=buyer_email,
                buyer_remark=remark,
                source_file="demo",
                source_row=i + 2,
                extra={} if case == "ok" else {"demo_case": case},
            )
        )
    return orders
