"""Demo master data: two warehouses, a believable catalog, stock, stores, people.

``plan_catalog`` is pure: the same seed always gives the same rows, so tests and
``demo_orders`` can use the catalog without a database. ``seed_catalog`` writes
that plan into an empty database with bulk inserts in one transaction, and
``load_catalog`` reads an already seeded database back into the same summary.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Blacklist,
    Location,
    Product,
    ProductBarcode,
    Station,
    Stock,
    Store,
    User,
    Warehouse,
    Zone,
)
from app.services.access.pins import hash_pin

BAY_PITCH_M = 1.2  # nominal bay width along the aisle
LEVELS = (1, 2, 3)
FAST_SHARE = 0.20  # ABC analysis: the A items
UPC_SHARE = 0.20  # products with a second (UPC-A) unit barcode
CASE_SHARE = 0.30  # products with a case (ITF-14) barcode
CASE_PACKS = {6: "1", 12: "2", 24: "3"}  # pack quantity -> GTIN-14 indicator digit
SUPERVISOR_PIN = "1234"
ADMIN_PIN = "0000"


# --------------------------------------------------------------------------- barcodes


def gs1_check_digit(body: str) -> str:
    """The GS1 mod-10 check digit for ``body`` (all digits but the check digit).

    Weights 3, 1, 3, … from the rightmost body digit; the same rule serves EAN-8,
    UPC-A, EAN-13 and GTIN-14 (ITF-14).
    """
    if not body.isascii() or not body.isdigit():
        raise ValueError(f"a GS1 number is digits only, not {body!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def with_check_digit(body: str) -> str:
    return body + gs1_check_digit(body)


# --------------------------------------------------------------------------- warehouses


@dataclass(frozen=True, slots=True)
class ZoneSpec:
    code: str
    name: str
    first_aisle: int
    last_aisle: int


@dataclass(frozen=True, slots=True)
class WarehouseSpec:
    code: str
    name: str
    province: str
    city: str
    address: str
    lat: float
    lon: float
    aisles: int
    aisle_length: float
    aisle_spacing: float
    blocks: int
    zones: tuple[ZoneSpec, ...]
    pick_stations: int
    pack_stations: int
    depot_x: float = 0.0


WAREHOUSES: tuple[WarehouseSpec, ...] = (
    WarehouseSpec(
        "HZ1", "杭州仓", "浙江省", "杭州市", "余杭区仓前街道良睦路1399号", 30.27, 120.15,
        aisles=12, aisle_length=30.0, aisle_spacing=3.0, blocks=2,
        zones=(
            ZoneSpec("A", "A 快速周转区 fast movers", 1, 3),
            ZoneSpec("B", "B 常规拣货区 standard", 4, 8),
            ZoneSpec("C", "C 大件区 bulk", 9, 12),
        ),
        pick_stations=4, pack_stations=3,
    ),
    WarehouseSpec(
        "GZ1", "广州仓", "广东省", "广州市", "白云区太和镇北太路1633号", 23.13, 113.26,
        aisles=8, aisle_length=24.0, aisle_spacing=3.0, blocks=1,
        zones=(
            ZoneSpec("A", "A 快速周转区 fast movers", 1, 2),
            ZoneSpec("B", "B 常规拣货区 standard", 3, 5),
            ZoneSpec("C", "C 大件区 bulk", 6, 8),
        ),
        pick_stations=2, pack_stations=2,
    ),
)  # fmt: skip


def bay_centres(aisle_length: float, blocks: int, pitch: float = BAY_PITCH_M) -> list[float]:
    """y of each bay's centre along an aisle, front (position 1) to back.

    Each block (the stretch between two cross aisles) holds as many whole bays of
    at least ``pitch`` metres as fit, stretched to fill it, so no bay sits on a
    cross aisle and every y lies strictly inside (0, aisle_length).
    """
    if aisle_length <= 0 or blocks < 1:
        raise ValueError("aisle_length must be positive and blocks at least 1")
    block_len = aisle_length / blocks
    per_block = max(1, math.floor(block_len / pitch + 1e-9))
    step = block_len / per_block
    return [
        round(b * block_len + (k + 0.5) * step, 3) for b in range(blocks) for k in range(per_block)
    ]


def location_code(warehouse: str, aisle: int, position: int, level: int) -> str:
    """``HZ1-A01-05-2``: warehouse, aisle, position (bay) along the aisle, level."""
    return f"{warehouse}-A{aisle:02d}-{position:02d}-{level}"


# --------------------------------------------------------------------------- products

Option = tuple[str, str, float]  # (中文, English, factor on price and weight)


def _plain(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple((zh, en, 1.0) for zh, en in pairs)


_COLOURS = _plain(
    ("黑色", "black"), ("白色", "white"), ("雾蓝", "mist blue"), ("樱花粉", "sakura pink"),
    ("墨绿", "forest green"), ("燕麦色", "oatmeal"), ("灰色", "grey"), ("藏青", "navy"),
)  # fmt: skip
_SIZES = _plain(("S", "S"), ("M", "M"), ("L", "L"), ("XL", "XL"), ("XXL", "XXL"))


@dataclass(frozen=True, slots=True)
class _Category:
    key: str
    bases: tuple[Option, ...]
    axes: tuple[tuple[Option, ...], ...]
    price: tuple[float, float]  # CNY, before the option factors
    weight_g: tuple[int, int]
    dims_mm: tuple[int, int, int]  # typical length, width, height
    bulky: bool = False
    # Whether the base's factor changes weight and size too (a keyboard is bigger than a
    # mouse) or only the price (Wuchang rice costs more than ordinary rice, same 5 kg).
    base_sized: bool = True


_CATEGORIES: tuple[_Category, ...] = (
    _Category(
        "thermos",
        (("304不锈钢保温杯", "Stainless steel thermos cup", 1.0),
         ("便携茶水分离保温杯", "Travel thermos with tea infuser", 1.3)),
        ((("350ml", "350 ml", 0.8), ("500ml", "500 ml", 1.0), ("750ml", "750 ml", 1.3)),
         _COLOURS[:6]),
        (45, 99), (260, 340), (210, 75, 75),
    ),
    _Category(
        "cable",
        (("USB-C 数据线", "USB-C cable", 1.0), ("USB-A 转 USB-C 数据线", "USB-A to USB-C cable", 0.9),
         ("Lightning 数据线", "Lightning cable", 1.1), ("100W 快充 USB-C 数据线", "100 W fast-charge USB-C cable", 1.6)),
        ((("1米", "1 m", 1.0), ("1.5米", "1.5 m", 1.1), ("2米", "2 m", 1.25)), _COLOURS[:2]),
        (19, 39), (35, 60), (140, 90, 20), base_sized=False,
    ),
    _Category(
        "phone_case",
        (("透明防摔手机壳", "Clear shockproof phone case", 1.0), ("磨砂手机壳", "Matte phone case", 1.0),
         ("液态硅胶手机壳", "Liquid silicone phone case", 1.2), ("磁吸手机壳", "MagSafe-style magnetic phone case", 1.5)),
        (_plain(("iPhone 15", "iPhone 15"), ("iPhone 15 Pro", "iPhone 15 Pro"),
                ("iPhone 15 Pro Max", "iPhone 15 Pro Max"), ("华为 Mate 60", "Huawei Mate 60"),
                ("小米 14", "Xiaomi 14"), ("OPPO Reno11", "OPPO Reno11"), ("vivo X100", "vivo X100")),
         _plain(("黑色", "black"), ("透明", "clear"), ("樱花粉", "sakura pink"))),
        (25, 45), (30, 50), (180, 95, 18), base_sized=False,
    ),
    _Category(
        "tshirt",
        (("纯棉圆领T恤", "Cotton crew-neck T-shirt", 1.0), ("宽松短袖T恤", "Oversized short-sleeve T-shirt", 1.1),
         ("速干运动T恤", "Quick-dry sports T-shirt", 1.2)),
        (_COLOURS, _SIZES),
        (59, 99), (170, 230), (300, 250, 30), base_sized=False,
    ),
    _Category(
        "hoodie",
        (("连帽卫衣", "Hooded sweatshirt", 1.0),),
        (_COLOURS[:6], _SIZES),
        (129, 199), (480, 620), (330, 280, 60),
    ),
    _Category(
        "socks",
        (("精梳棉中筒袜 5双装", "Combed cotton crew socks, 5 pairs", 1.0),
         ("隐形船袜 5双装", "No-show socks, 5 pairs", 0.8)),
        (_plain(("黑色", "black"), ("白色", "white"), ("混色", "mixed colours")),
         _plain(("男款", "men's"), ("女款", "women's"))),
        (29, 49), (150, 220), (220, 120, 40),
    ),
    _Category(
        "slippers",
        (("EVA 防滑拖鞋", "EVA non-slip slippers", 1.0), ("居家棉拖鞋", "Cosy indoor slippers", 1.2)),
        (_plain(("36-37", "EU 36-37"), ("38-39", "EU 38-39"), ("40-41", "EU 40-41"), ("42-43", "EU 42-43")),
         _COLOURS[:4]),
        (29, 49), (220, 380), (290, 120, 80),
    ),
    _Category(
        "snacks",
        (("每日坚果", "Daily mixed nuts", 1.3), ("手撕牛肉干", "Shredded beef jerky", 1.8),
         ("芒果干", "Dried mango", 1.0), ("海苔脆", "Crispy seaweed snack", 0.9),
         ("麻辣辣条", "Spicy gluten strips", 0.6), ("黑糖话梅", "Brown-sugar dried plums", 0.8)),
        ((("100g 小包装", "100 g pack", 0.3), ("500g 家庭装", "500 g family pack", 1.0),
          ("750g 礼盒装", "750 g gift box", 1.6)),),
        (39, 59), (520, 560), (250, 180, 80), base_sized=False,
    ),
    _Category(
        "tea",
        (("西湖龙井", "West Lake Longjing green tea", 1.5), ("安溪铁观音", "Anxi Tieguanyin oolong", 1.0),
         ("云南普洱熟茶", "Yunnan ripe Pu'er", 1.1), ("正山小种红茶", "Lapsang souchong black tea", 0.9)),
        ((("100g 罐装", "100 g tin", 0.5), ("250g 礼盒", "250 g gift box", 1.0),
          ("500g 散装", "500 g loose", 1.7)),),
        (128, 198), (380, 420), (220, 160, 90), base_sized=False,
    ),
    _Category(
        "skincare",
        (("玻尿酸保湿面霜", "Hyaluronic moisturising cream", 1.0), ("氨基酸洗面奶", "Amino-acid facial cleanser", 0.5),
         ("烟酰胺精华液", "Niacinamide serum", 1.2), ("清爽防晒霜 SPF50+", "Light sunscreen SPF50+", 0.8),
         ("补水面膜 10片", "Hydrating sheet masks, 10 pcs", 0.7)),
        ((("旅行装", "travel size", 0.5), ("正装", "full size", 1.0), ("两件套", "twin pack", 1.8)),),
        (99, 179), (120, 180), (120, 60, 60), base_sized=False,
    ),
    _Category(
        "earbuds",
        (("真无线蓝牙耳机", "True wireless earbuds", 1.0), ("主动降噪蓝牙耳机", "Noise-cancelling earbuds", 1.8),
         ("运动挂耳式蓝牙耳机", "Sports ear-hook earbuds", 1.1)),
        (_COLOURS[:4],),
        (129, 199), (90, 130), (110, 100, 45), base_sized=False,
    ),
    _Category(
        "power_bank",
        (("充电宝", "Power bank", 1.0),),
        ((("10000mAh", "10,000 mAh", 1.0), ("20000mAh", "20,000 mAh", 1.6)),
         _plain(("自带线", "built-in cable"), ("磁吸无线", "magnetic wireless")),
         _plain(("黑色", "black"), ("白色", "white"), ("灰色", "grey"))),
        (89, 129), (220, 260), (150, 75, 25),
    ),
    _Category(
        "desk",
        (("无线静音鼠标", "Silent wireless mouse", 1.0), ("蓝牙键盘", "Bluetooth keyboard", 2.0),
         ("铝合金笔记本支架", "Aluminium laptop stand", 1.6)),
        (_plain(("黑色", "black"), ("白色", "white"), ("灰色", "grey"), ("樱花粉", "sakura pink")),),
        (49, 79), (110, 150), (200, 120, 50),
    ),
    _Category(
        "stationery",
        (("中性笔 12支装", "Gel pens, 12-pack", 1.0), ("A5 线圈笔记本", "A5 spiral notebook", 0.8),
         ("B5 活页本", "B5 loose-leaf binder", 1.3), ("便利贴 6本装", "Sticky notes, 6 pads", 0.7)),
        (_plain(("黑色", "black"), ("蓝色", "blue"), ("红色", "red")),),
        (15, 29), (120, 260), (210, 150, 20),
    ),
    _Category(
        "umbrella",
        (("三折晴雨伞", "Tri-fold umbrella", 1.0), ("全自动折叠伞", "Automatic folding umbrella", 1.4)),
        (_COLOURS[:6],),
        (39, 69), (300, 420), (280, 70, 70),
    ),
    _Category(
        "cap",
        (("棒球帽", "Baseball cap", 1.0), ("渔夫帽", "Bucket hat", 1.1)),
        (_COLOURS[:6],),
        (39, 69), (80, 120), (260, 190, 120),
    ),
    _Category(
        "towel",
        (("纯棉毛巾 2条装", "Cotton face towels, 2-pack", 1.0), ("加厚浴巾", "Thick bath towel", 2.2)),
        (_COLOURS[:5],),
        (29, 45), (200, 260), (300, 200, 60),
    ),
    _Category(
        "oral",
        (("声波电动牙刷", "Sonic electric toothbrush", 1.0), ("替换刷头 4支装", "Replacement brush heads, 4-pack", 0.3)),
        (_plain(("黑色", "black"), ("白色", "white"), ("樱花粉", "sakura pink")),),
        (199, 299), (150, 200), (240, 90, 50),
    ),
    _Category(
        "storage_box",
        (("加厚塑料收纳箱", "Heavy-duty plastic storage box", 1.0), ("折叠布艺收纳箱", "Foldable fabric storage box", 0.8)),
        ((("30L", "30 L", 0.7), ("50L", "50 L", 1.0), ("80L", "80 L", 1.5)),
         _plain(("透明", "clear"), ("白色", "white"), ("灰色", "grey"))),
        (49, 69), (1600, 2000), (520, 380, 300), bulky=True,
    ),
    _Category(
        "kettle",
        (("电热水壶", "Electric kettle", 1.0), ("玻璃养生壶", "Glass health kettle", 1.4)),
        ((("1.5L", "1.5 L", 0.9), ("1.7L", "1.7 L", 1.0)),
         _plain(("不锈钢", "stainless steel"), ("白色", "white"), ("燕麦色", "oatmeal"))),
        (89, 139), (1100, 1400), (260, 200, 250), bulky=True,
    ),
    _Category(
        "laundry",
        (("洗衣液", "Laundry liquid", 1.0), ("洗衣凝珠", "Laundry pods", 1.3)),
        ((("2kg", "2 kg", 0.7), ("3kg", "3 kg", 1.0), ("5kg 家庭装", "5 kg family size", 1.6)),
         _plain(("薰衣草香", "lavender"), ("清新柠檬", "fresh lemon"))),
        (39, 59), (3100, 3300), (250, 150, 300), bulky=True, base_sized=False,
    ),
    _Category(
        "rice",
        (("东北大米", "Northeast China rice", 1.0), ("五常稻花香大米", "Wuchang fragrant rice", 1.8),
         ("泰国茉莉香米", "Thai jasmine rice", 1.4)),
        ((("5kg", "5 kg", 1.0), ("10kg", "10 kg", 2.0)),),
        (49, 69), (5000, 5050), (450, 300, 100), bulky=True, base_sized=False,
    ),
    _Category(
        "yoga_mat",
        (("TPE 瑜伽垫", "TPE yoga mat", 1.0), ("NBR 加厚瑜伽垫", "Thick NBR yoga mat", 0.8)),
        ((("6mm", "6 mm", 0.9), ("8mm", "8 mm", 1.0), ("10mm", "10 mm", 1.15)), _COLOURS[:4]),
        (69, 99), (900, 1200), (620, 160, 160), bulky=True,
    ),
    _Category(
        "pet",
        (("全价成猫粮", "Complete adult cat food", 1.0), ("冻干双拼猫粮", "Freeze-dried mix cat food", 1.6),
         ("豆腐猫砂", "Tofu cat litter", 0.5)),
        ((("1.5kg", "1.5 kg", 0.6), ("2.5kg", "2.5 kg", 1.0), ("6kg", "6 kg", 2.2)),),
        (69, 99), (2500, 2600), (380, 260, 110), bulky=True, base_sized=False,
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoProduct:
    sku: str
    name_zh: str
    name_en: str
    price: Decimal
    fast_mover: bool = False
    stock: tuple[tuple[str, int], ...] = ()  # (warehouse code, units on hand) where stocked

    @property
    def on_hand(self) -> int:
        return sum(qty for _, qty in self.stock)


@dataclass(frozen=True, slots=True)
class DemoStore:
    name: str
    platform: str


@dataclass(frozen=True, slots=True)
class DemoUser:
    badge: str
    name: str
    role: str
    pin: str | None = None  # the demo PIN in clear (never stored so), None when the user has none


STORES: tuple[DemoStore, ...] = (
    DemoStore("Shopify Global", "shopify"),
    DemoStore("天猫旗舰店", "tmall"),
    DemoStore("淘宝小店", "taobao"),
)

_PEOPLE: tuple[tuple[str, str, str | None], ...] = (
    ("王芳", "picker", None), ("李伟", "picker", None), ("张敏", "picker", None),
    ("刘洋", "picker", None), ("陈静", "picker", None), ("杨磊", "picker", None),
    ("赵丽", "packer", None), ("黄强", "packer", None), ("周婷", "packer", None),
    ("Emily Carter", "packer", None),
    ("吴军", "shipper", None),
    ("徐建国", "supervisor", SUPERVISOR_PIN), ("Sarah Lin", "supervisor", SUPERVISOR_PIN),
    ("孙涛", "admin", ADMIN_PIN),
)  # fmt: skip

BLACKLIST: tuple[tuple[str, str, str], ...] = (
    ("phone", "13912345678", "多次拒收 refused delivery three times"),
    ("phone", "18666668888", "恶意退款 refund fraud (claimed empty parcel)"),
    ("buyer", "薅羊毛专业户", "职业羊毛党 coupon abuse across several accounts"),
)


@dataclass(frozen=True, slots=True)
class CatalogSummary:
    """What the demo catalog holds: row counts, and the lists order generation needs."""

    seed: int | None  # None when read back from a database by ``load_catalog``
    warehouses: tuple[str, ...]  # warehouse codes
    zones: int  # zone rows
    locations: tuple[str, ...]  # location codes (also their barcodes)
    products: tuple[DemoProduct, ...]
    barcodes: int  # product_barcodes rows, unit and case
    stock_rows: int
    stores: tuple[DemoStore, ...]
    users: tuple[DemoUser, ...]
    stations: tuple[str, ...]
    blacklisted_phones: tuple[str, ...]
    blacklisted_buyers: tuple[str, ...]

    @property
    def skus(self) -> tuple[str, ...]:
        return tuple(p.sku for p in self.products)

    @property
    def stocked_skus(self) -> tuple[str, ...]:
        return tuple(p.sku for p in self.products if p.on_hand > 0)

    @property
    def unstocked_skus(self) -> tuple[str, ...]:
        """SKUs in the catalog with no stock in any warehouse."""
        return tuple(p.sku for p in self.products if p.on_hand == 0)

    @property
    def location_count(self) -> int:
        return len(self.locations)

    @property
    def product_count(self) -> int:
        return len(self.products)


# --------------------------------------------------------------------------- the plan


@dataclass
class _Plan:
    warehouses: list[dict[str, Any]] = field(default_factory=list)
    zones: list[dict[str, Any]] = field(default_factory=list)  # with "warehouse" code
    locations: list[dict[str, Any]] = field(default_factory=list)  # with "warehouse", "zone"
    products: list[dict[str, Any]] = field(default_factory=list)
    barcodes: list[dict[str, Any]] = field(default_factory=list)  # with "sku"
    stock: list[dict[str, Any]] = field(default_factory=list)  # warehouse, location, sku, on_hand
    stations: list[dict[str, Any]] = field(default_factory=list)  # with "warehouse"
    users: list[DemoUser] = field(default_factory=list)
    summary: CatalogSummary | None = None


def _pretty_price(x: float) -> Decimal:
    """Shop-shelf prices: 9.90, 39.00, 49.90, 129.00, 199.00."""
    if x < 100:
        whole = max(9, int(x // 10) * 10 + 9)
        return Decimal(f"{whole}.90") if int(x) % 2 else Decimal(f"{whole}.00")
    return Decimal(f"{int(round(x, -1)) - 1}.00")


def _product_rows(rng: random.Random, count: int) -> list[dict[str, Any]]:
    combos: list[tuple[_Category, list[Option]]] = []
    for cat in _CATEGORIES:
        variants: list[list[Option]] = [[b] for b in cat.bases]
        for axis in cat.axes:
            variants = [v + [o] for v in variants for o in axis]
        combos.extend((cat, v) for v in variants)
    rng.shuffle(combos)
    rows = []
    for i in range(count):
        cat, parts = combos[i % len(combos)]
        round_no = i // len(combos)  # only when asked for more products than combinations
        name_zh = " ".join(p[0] for p in parts) + (f" 第{round_no + 1}款" if round_no else "")
        name_en = ", ".join(p[1] for p in parts) + (f", style {round_no + 1}" if round_no else "")
        factor = math.prod(p[2] for p in parts)
        sized = factor if cat.base_sized else math.prod(p[2] for p in parts[1:])
        weight = rng.uniform(*cat.weight_g) * sized
        size = sized ** (1 / 3)
        dims = sorted(
            (max(5, round(d * size * rng.uniform(0.9, 1.1))) for d in cat.dims_mm), reverse=True
        )
        rows.append(
            {
                "sku": f"WD-{10001 + i}",
                "name_zh": name_zh,
                "name_en": name_en,
                "weight_g": max(5, round(weight)),
                "length_mm": dims[0],
                "width_mm": dims[1],
                "height_mm": dims[2],
                "price": _pretty_price(rng.uniform(*cat.price) * factor),
                "active": True,
                "_bulky": cat.bulky,
                "_category": cat.key,
            }
        )
    return rows


def _barcode_rows(rng: random.Random, products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # One GS1 China company prefix (69x + 4 digits) per category, as a brand would have.
    companies: dict[str, str] = {}
    used_companies: set[str] = set()
    for cat in _CATEGORIES:
        while (prefix := f"69{rng.randint(0, 9)}{rng.randint(0, 9999):04d}") in used_companies:
            pass
        used_companies.add(prefix)
        companies[cat.key] = prefix
    upc = set(rng.sample(range(len(products)), round(len(products) * UPC_SHARE)))
    case = set(rng.sample(range(len(products)), round(len(products) * CASE_SHARE)))
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []

    def fresh(make: Callable[[], str]) -> str:
        while (code := make()) in seen:
            pass
        seen.add(code)
        return code

    for i, p in enumerate(products):
        prefix = companies[p["_category"]]
        ean = fresh(lambda prefix=prefix: with_check_digit(f"{prefix}{rng.randint(0, 99999):05d}"))
        rows.append({"sku": p["sku"], "barcode": ean, "kind": "unit", "pack_qty": 1})
        if i in upc:
            # UPC-A: number system 0, 5-digit manufacturer, 5-digit item, check digit.
            code = fresh(
                lambda: with_check_digit(f"0{rng.randint(10000, 99999)}{rng.randint(0, 99999):05d}")
            )
            rows.append({"sku": p["sku"], "barcode": code, "kind": "unit", "pack_qty": 1})
        if i in case:
            # GTIN-14 printed as ITF-14: indicator digit + the unit EAN's first 12 digits.
            pack = rng.choice(list(CASE_PACKS))
            code = fresh(lambda pack=pack, ean=ean: with_check_digit(CASE_PACKS[pack] + ean[:12]))
            rows.append({"sku": p["sku"], "barcode": code, "kind": "case", "pack_qty": pack})
    return rows


def _layout(spec: WarehouseSpec, plan: _Plan) -> dict[str, list[dict[str, Any]]]:
    """Zones and locations of one warehouse; returns its locations by zone code."""
    by_zone: dict[str, list[dict[str, Any]]] = {z.code: [] for z in spec.zones}
    ys = bay_centres(spec.aisle_length, spec.blocks)
    for z in spec.zones:
        plan.zones.append({"warehouse": spec.code, "code": z.code, "name": z.name})
        for aisle in range(z.first_aisle, z.last_aisle + 1):
            for position, y in enumerate(ys, start=1):
                for level in LEVELS:
                    code = location_code(spec.code, aisle, position, level)
                    row = {
                        "warehouse": spec.code,
                        "zone": z.code,
                        "code": code,
                        "barcode": code,
                        "aisle": aisle,
                        "position": position,
                        "level": level,
                        "y": y,
                        "pickable": True,
                    }
                    plan.locations.append(row)
                    by_zone[z.code].append(row)
    return by_zone


def _bins(
    rng: random.Random,
    spec: WarehouseSpec,
    by_zone: dict[str, list[dict[str, Any]]],
    product: dict[str, Any],
    fast: bool,
    occupied: set[str],
) -> list[str]:
    """Location codes for one product in one warehouse: 1–3 bins, own bins where possible."""
    if fast:
        zone, count = "A", rng.choices((1, 2), (0.6, 0.4))[0]
    elif product["_bulky"]:
        zone, count = "C", rng.choices((1, 2), (0.7, 0.3))[0]
    else:
        zone, count = "B", rng.choices((1, 2, 3), (0.55, 0.35, 0.10))[0]
    zspec = next(z for z in spec.zones if z.code == zone)
    positions = len(bay_centres(spec.aisle_length, spec.blocks))
    candidates = by_zone[zone]
    chosen: list[str] = []
    for _ in range(count):
        for attempt in range(12):
            if fast:
                # Fast movers live near the front cross aisle, at picking height.
                aisle = rng.randint(zspec.first_aisle, zspec.last_aisle)
                position = min(positions, int(rng.triangular(1, positions + 1, 1)))
                level = rng.choice((1, 2))
                code = location_code(spec.code, aisle, position, level)
            elif product["_bulky"]:
                aisle = rng.randint(zspec.first_aisle, zspec.last_aisle)
                position = rng.randint(1, positions)
                level = rng.choices(LEVELS, (0.6, 0.3, 0.1))[0]
                code = location_code(spec.code, aisle, position, level)
            else:
                code = rng.choice(candidates)["code"]
            # Prefer an empty bin; after a dozen tries share one (mixed-SKU bins exist).
            if code not in chosen and (code not in occupied or attempt == 11):
                chosen.append(code)
                occupied.add(code)
                break
    return chosen


def _quantity(rng: random.Random, fast: bool, bulky: bool) -> int:
    if fast:
        return rng.randint(10, 50) * 6  # 60–300, in inner packs of 6
    if bulky:
        return rng.randint(4, 30)
    return rng.randint(8, 80)


def _plan(seed: int, products: int) -> _Plan:
    if products < 1:
        raise ValueError("the demo catalog needs at least one product")
    rng = random.Random(seed)
    plan = _Plan()
    layouts = {}
    for spec in WAREHOUSES:
        plan.warehouses.append(
            {
                "code": spec.code,
                "name": spec.name,
                "province": spec.province,
                "city": spec.city,
                "address": spec.address,
                "lat": spec.lat,
                "lon": spec.lon,
                "aisles": spec.aisles,
                "aisle_length": spec.aisle_length,
                "aisle_spacing": spec.aisle_spacing,
                "blocks": spec.blocks,
                "depot_x": spec.depot_x,
                "active": True,
            }
        )
        layouts[spec.code] = _layout(spec, plan)
        plan.stations.extend(
            {"name": f"{spec.code}-{kind.upper()}-{k:02d}", "kind": kind, "warehouse": spec.code}
            for kind, count in (("pick", spec.pick_stations), ("pack", spec.pack_stations))
            for k in range(1, count + 1)
        )

    plan.products = _product_rows(rng, products)
    plan.barcodes = _barcode_rows(rng, plan.products)

    # ABC: a fifth of the (non-bulky) catalog sells most; always stocked in both warehouses.
    small = [i for i, p in enumerate(plan.products) if not p["_bulky"]]
    fast = set(rng.sample(small, min(len(small), round(products * FAST_SHARE))))
    slow = [i for i in range(products) if i not in fast]
    rng.shuffle(slow)
    n_none = min(len(slow), max(1, round(products * 0.02))) if products >= 20 else 0
    n_hz = min(len(slow) - n_none, round(products * 0.08))
    n_gz = min(len(slow) - n_none - n_hz, round(products * 0.07))
    where: dict[int, tuple[str, ...]] = {i: ("HZ1", "GZ1") for i in range(products)}
    where.update({i: () for i in slow[:n_none]})
    where.update({i: ("HZ1",) for i in slow[n_none : n_none + n_hz]})
    where.update({i: ("GZ1",) for i in slow[n_none + n_hz : n_none + n_hz + n_gz]})

    occupied: dict[str, set[str]] = {spec.code: set() for spec in WAREHOUSES}
    summary_products = []
    for i, p in enumerate(plan.products):
        stocked: list[tuple[str, int]] = []
        for spec in WAREHOUSES:
            if spec.code not in where[i]:
                continue
            total = 0
            for code in _bins(rng, spec, layouts[spec.code], p, i in fast, occupied[spec.code]):
                qty = _quantity(rng, i in fast, p["_bulky"])
                total += qty
                plan.stock.append(
                    {"warehouse": spec.code, "location": code, "sku": p["sku"], "on_hand": qty}
                )
            stocked.append((spec.code, total))
        summary_products.append(
            DemoProduct(p["sku"], p["name_zh"], p["name_en"], p["price"], i in fast, tuple(stocked))
        )

    plan.users = [
        DemoUser(f"U-{k:04d}", name, role, pin) for k, (name, role, pin) in enumerate(_PEOPLE, 1)
    ]
    plan.summary = CatalogSummary(
        seed=seed,
        warehouses=tuple(w["code"] for w in plan.warehouses),
        zones=len(plan.zones),
        locations=tuple(loc["code"] for loc in plan.locations),
        products=tuple(summary_products),
        barcodes=len(plan.barcodes),
        stock_rows=len(plan.stock),
        stores=STORES,
        users=tuple(plan.users),
        stations=tuple(s["name"] for s in plan.stations),
        blacklisted_phones=tuple(v for k, v, _ in BLACKLIST if k == "phone"),
        blacklisted_buyers=tuple(v for k, v, _ in BLACKLIST if k == "buyer"),
    )
    return plan


def plan_catalog(seed: int = 7, products: int = 500) -> CatalogSummary:
    """The summary ``seed_catalog`` would return for these arguments, without a database."""
    summary = _plan(seed, products).summary
    assert summary is not None
    return summary


# --------------------------------------------------------------------------- the database


def seed_catalog(db: Database, seed: int = 7, products: int = 500) -> CatalogSummary:
    """Fill an empty database with the demo catalog; ValueError if it holds warehouses or products.

    Everything is written in one unit of work with bulk inserts, so a failure leaves
    the database as it was.
    """
    plan = _plan(seed, products)
    assert plan.summary is not None
    pin_hashes = {pin: hash_pin(pin) for pin in {u.pin for u in plan.users if u.pin}}
    with db.unit_of_work() as session:
        warehouses = session.scalar(select(func.count()).select_from(Warehouse)) or 0
        products_ = session.scalar(select(func.count()).select_from(Product)) or 0
        if warehouses or products_:
            raise ValueError(
                f"the database already holds {warehouses} warehouse(s) and {products_} "
                "product(s); the demo catalog is only seeded into an empty database "
                "(use a new database file, or drop and recreate it)"
            )
        _write(session, plan, pin_hashes)
    return plan.summary


def _write(session: Session, plan: _Plan, pin_hashes: dict[str, str]) -> None:
    session.execute(insert(Warehouse), plan.warehouses)
    wh = dict(session.execute(select(Warehouse.code, Warehouse.id)).all())

    session.execute(
        insert(Zone),
        [
            {"warehouse_id": wh[z["warehouse"]], "code": z["code"], "name": z["name"]}
            for z in plan.zones
        ],
    )
    zone_ids = {
        (wid, code): zid
        for zid, wid, code in session.execute(select(Zone.id, Zone.warehouse_id, Zone.code))
    }

    session.execute(
        insert(Location),
        [
            {
                "warehouse_id": wh[loc["warehouse"]],
                "zone_id": zone_ids[(wh[loc["warehouse"]], loc["zone"])],
                **{
                    k: loc[k]
                    for k in ("code", "barcode", "aisle", "position", "level", "y", "pickable")
                },
            }
            for loc in plan.locations
        ],
    )
    loc_ids = {
        (wid, code): lid
        for lid, wid, code in session.execute(
            select(Location.id, Location.warehouse_id, Location.code)
        )
    }

    session.execute(
        insert(Product),
        [{k: v for k, v in p.items() if not k.startswith("_")} for p in plan.products],
    )
    prod = dict(session.execute(select(Product.sku, Product.id)).all())

    session.execute(
        insert(ProductBarcode),
        [
            {
                "product_id": prod[b["sku"]],
                "barcode": b["barcode"],
                "kind": b["kind"],
                "pack_qty": b["pack_qty"],
            }
            for b in plan.barcodes
        ],
    )
    session.execute(
        insert(Stock),
        [
            {
                "warehouse_id": wh[s["warehouse"]],
                "location_id": loc_ids[(wh[s["warehouse"]], s["location"])],
                "product_id": prod[s["sku"]],
                "on_hand": s["on_hand"],
                "reserved": 0,
                "version": 1,
            }
            for s in plan.stock
        ],
    )
    session.execute(insert(Store), [{"name": s.name, "platform": s.platform} for s in STORES])
    session.execute(
        insert(User),
        [
            {
                "badge": u.badge,
                "name": u.name,
                "role": u.role,
                "pin_hash": pin_hashes[u.pin] if u.pin else "",
                "active": True,
            }
            for u in plan.users
        ],
    )
    session.execute(
        insert(Station),
        [
            {"name": s["name"], "kind": s["kind"], "warehouse_id": wh[s["warehouse"]]}
            for s in plan.stations
        ],
    )
    session.execute(
        insert(Blacklist), [{"kind": k, "value": v, "reason": r} for k, v, r in BLACKLIST]
    )


def load_catalog(db: Database) -> CatalogSummary:
    """Read a seeded database back as a CatalogSummary (seed None, user PINs None).

    Fast movers are the products with stock in a zone coded ``A``.
    """
    with db.read() as session:
        wh_codes = dict(
            session.execute(select(Warehouse.id, Warehouse.code).order_by(Warehouse.id)).all()
        )
        stock: dict[int, dict[str, int]] = {}
        fast: set[int] = set()
        for pid, wid, qty, zone in session.execute(
            select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Zone.code)
            .join(Location, Location.id == Stock.location_id)
            .outerjoin(Zone, Zone.id == Location.zone_id)
        ):
            per = stock.setdefault(pid, {})
            per[wh_codes[wid]] = per.get(wh_codes[wid], 0) + qty
            if zone == "A":
                fast.add(pid)
        products = tuple(
            DemoProduct(
                p.sku,
                p.name_zh,
                p.name_en,
                p.price if p.price is not None else Decimal("0.00"),
                p.id in fast,
                tuple(
                    (code, stock[p.id][code])
                    for code in wh_codes.values()
                    if code in stock.get(p.id, {})
                ),
            )
            for p in session.scalars(select(Product).where(Product.active).order_by(Product.id))
        )
        blacklist = list(
            session.execute(select(Blacklist.kind, Blacklist.value).order_by(Blacklist.id))
        )
        return CatalogSummary(
            seed=None,
            warehouses=tuple(wh_codes.values()),
            zones=session.scalar(select(func.count()).select_from(Zone)) or 0,
            locations=tuple(session.scalars(select(Location.code).order_by(Location.id))),
            products=products,
            barcodes=session.scalar(select(func.count()).select_from(ProductBarcode)) or 0,
            stock_rows=session.scalar(select(func.count()).select_from(Stock)) or 0,
            stores=tuple(
                DemoStore(name, platform)
                for name, platform in session.execute(
                    select(Store.name, Store.platform).order_by(Store.id)
                )
            ),
            users=tuple(
                DemoUser(badge, name, role)
                for badge, name, role in session.execute(
                    select(User.badge, User.name, User.role).order_by(User.id)
                )
            ),
            stations=tuple(session.scalars(select(Station.name).order_by(Station.id))),
            blacklisted_phones=tuple(v for k, v in blacklist if k == "phone"),
            blacklisted_buyers=tuple(v for k, v in blacklist if k == "buyer"),
        )
