"""The demo's master data as tables: two warehouses, the product categories, the stores,
the people and the blacklist. Data only: app.demo.catalog.plan makes rows of it."""

from __future__ import annotations

from app.demo.catalog.specs import Category, DemoStore, Option, WarehouseSpec, ZoneSpec

BAY_PITCH_M = 1.2  # nominal bay width along the aisle
LEVELS = (1, 2, 3)
FAST_SHARE = 0.20  # ABC analysis: the A items
UPC_SHARE = 0.20  # products with a second (UPC-A) unit barcode
CASE_SHARE = 0.30  # products with a case (ITF-14) barcode
CASE_PACKS = {6: "1", 12: "2", 24: "3"}  # pack quantity -> GTIN-14 indicator digit
SUPERVISOR_PIN = "1234"
ADMIN_PIN = "0000"


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


def _plain(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple((zh, en, 1.0) for zh, en in pairs)


_COLOURS = _plain(
    ("黑色", "black"), ("白色", "white"), ("雾蓝", "mist blue"), ("樱花粉", "sakura pink"),
    ("墨绿", "forest green"), ("燕麦色", "oatmeal"), ("灰色", "grey"), ("藏青", "navy"),
)  # fmt: skip
_SIZES = _plain(("S", "S"), ("M", "M"), ("L", "L"), ("XL", "XL"), ("XXL", "XXL"))


CATEGORIES: tuple[Category, ...] = (
    Category(
        "thermos",
        (("304不锈钢保温杯", "Stainless steel thermos cup", 1.0),
         ("便携茶水分离保温杯", "Travel thermos with tea infuser", 1.3)),
        ((("350ml", "350 ml", 0.8), ("500ml", "500 ml", 1.0), ("750ml", "750 ml", 1.3)),
         _COLOURS[:6]),
        (45, 99), (260, 340), (210, 75, 75),
    ),
    Category(
        "cable",
        (("USB-C 数据线", "USB-C cable", 1.0), ("USB-A 转 USB-C 数据线", "USB-A to USB-C cable", 0.9),
         ("Lightning 数据线", "Lightning cable", 1.1), ("100W 快充 USB-C 数据线", "100 W fast-charge USB-C cable", 1.6)),
        ((("1米", "1 m", 1.0), ("1.5米", "1.5 m", 1.1), ("2米", "2 m", 1.25)), _COLOURS[:2]),
        (19, 39), (35, 60), (140, 90, 20), base_sized=False,
    ),
    Category(
        "phone_case",
        (("透明防摔手机壳", "Clear shockproof phone case", 1.0), ("磨砂手机壳", "Matte phone case", 1.0),
         ("液态硅胶手机壳", "Liquid silicone phone case", 1.2), ("磁吸手机壳", "MagSafe-style magnetic phone case", 1.5)),
        (_plain(("iPhone 15", "iPhone 15"), ("iPhone 15 Pro", "iPhone 15 Pro"),
                ("iPhone 15 Pro Max", "iPhone 15 Pro Max"), ("华为 Mate 60", "Huawei Mate 60"),
                ("小米 14", "Xiaomi 14"), ("OPPO Reno11", "OPPO Reno11"), ("vivo X100", "vivo X100")),
         _plain(("黑色", "black"), ("透明", "clear"), ("樱花粉", "sakura pink"))),
        (25, 45), (30, 50), (180, 95, 18), base_sized=False,
    ),
    Category(
        "tshirt",
        (("纯棉圆领T恤", "Cotton crew-neck T-shirt", 1.0), ("宽松短袖T恤", "Oversized short-sleeve T-shirt", 1.1),
         ("速干运动T恤", "Quick-dry sports T-shirt", 1.2)),
        (_COLOURS, _SIZES),
        (59, 99), (170, 230), (300, 250, 30), base_sized=False,
    ),
    Category(
        "hoodie",
        (("连帽卫衣", "Hooded sweatshirt", 1.0),),
        (_COLOURS[:6], _SIZES),
        (129, 199), (480, 620), (330, 280, 60),
    ),
    Category(
        "socks",
        (("精梳棉中筒袜 5双装", "Combed cotton crew socks, 5 pairs", 1.0),
         ("隐形船袜 5双装", "No-show socks, 5 pairs", 0.8)),
        (_plain(("黑色", "black"), ("白色", "white"), ("混色", "mixed colours")),
         _plain(("男款", "men's"), ("女款", "women's"))),
        (29, 49), (150, 220), (220, 120, 40),
    ),
    Category(
        "slippers",
        (("EVA 防滑拖鞋", "EVA non-slip slippers", 1.0), ("居家棉拖鞋", "Cosy indoor slippers", 1.2)),
        (_plain(("36-37", "EU 36-37"), ("38-39", "EU 38-39"), ("40-41", "EU 40-41"), ("42-43", "EU 42-43")),
         _COLOURS[:4]),
        (29, 49), (220, 380), (290, 120, 80),
    ),
    Category(
        "snacks",
        (("每日坚果", "Daily mixed nuts", 1.3), ("手撕牛肉干", "Shredded beef jerky", 1.8),
         ("芒果干", "Dried mango", 1.0), ("海苔脆", "Crispy seaweed snack", 0.9),
         ("麻辣辣条", "Spicy gluten strips", 0.6), ("黑糖话梅", "Brown-sugar dried plums", 0.8)),
        ((("100g 小包装", "100 g pack", 0.3), ("500g 家庭装", "500 g family pack", 1.0),
          ("750g 礼盒装", "750 g gift box", 1.6)),),
        (39, 59), (520, 560), (250, 180, 80), base_sized=False,
    ),
    Category(
        "tea",
        (("西湖龙井", "West Lake Longjing green tea", 1.5), ("安溪铁观音", "Anxi Tieguanyin oolong", 1.0),
         ("云南普洱熟茶", "Yunnan ripe Pu'er", 1.1), ("正山小种红茶", "Lapsang souchong black tea", 0.9)),
        ((("100g 罐装", "100 g tin", 0.5), ("250g 礼盒", "250 g gift box", 1.0),
          ("500g 散装", "500 g loose", 1.7)),),
        (128, 198), (380, 420), (220, 160, 90), base_sized=False,
    ),
    Category(
        "skincare",
        (("玻尿酸保湿面霜", "Hyaluronic moisturising cream", 1.0), ("氨基酸洗面奶", "Amino-acid facial cleanser", 0.5),
         ("烟酰胺精华液", "Niacinamide serum", 1.2), ("清爽防晒霜 SPF50+", "Light sunscreen SPF50+", 0.8),
         ("补水面膜 10片", "Hydrating sheet masks, 10 pcs", 0.7)),
        ((("旅行装", "travel size", 0.5), ("正装", "full size", 1.0), ("两件套", "twin pack", 1.8)),),
        (99, 179), (120, 180), (120, 60, 60), base_sized=False,
    ),
    Category(
        "earbuds",
        (("真无线蓝牙耳机", "True wireless earbuds", 1.0), ("主动降噪蓝牙耳机", "Noise-cancelling earbuds", 1.8),
         ("运动挂耳式蓝牙耳机", "Sports ear-hook earbuds", 1.1)),
        (_COLOURS[:4],),
        (129, 199), (90, 130), (110, 100, 45), base_sized=False,
    ),
    Category(
        "power_bank",
        (("充电宝", "Power bank", 1.0),),
        ((("10000mAh", "10,000 mAh", 1.0), ("20000mAh", "20,000 mAh", 1.6)),
         _plain(("自带线", "built-in cable"), ("磁吸无线", "magnetic wireless")),
         _plain(("黑色", "black"), ("白色", "white"), ("灰色", "grey"))),
        (89, 129), (220, 260), (150, 75, 25),
    ),
    Category(
        "desk",
        (("无线静音鼠标", "Silent wireless mouse", 1.0), ("蓝牙键盘", "Bluetooth keyboard", 2.0),
         ("铝合金笔记本支架", "Aluminium laptop stand", 1.6)),
        (_plain(("黑色", "black"), ("白色", "white"), ("灰色", "grey"), ("樱花粉", "sakura pink")),),
        (49, 79), (110, 150), (200, 120, 50),
    ),
    Category(
        "stationery",
        (("中性笔 12支装", "Gel pens, 12-pack", 1.0), ("A5 线圈笔记本", "A5 spiral notebook", 0.8),
         ("B5 活页本", "B5 loose-leaf binder", 1.3), ("便利贴 6本装", "Sticky notes, 6 pads", 0.7)),
        (_plain(("黑色", "black"), ("蓝色", "blue"), ("红色", "red")),),
        (15, 29), (120, 260), (210, 150, 20),
    ),
    Category(
        "umbrella",
        (("三折晴雨伞", "Tri-fold umbrella", 1.0), ("全自动折叠伞", "Automatic folding umbrella", 1.4)),
        (_COLOURS[:6],),
        (39, 69), (300, 420), (280, 70, 70),
    ),
    Category(
        "cap",
        (("棒球帽", "Baseball cap", 1.0), ("渔夫帽", "Bucket hat", 1.1)),
        (_COLOURS[:6],),
        (39, 69), (80, 120), (260, 190, 120),
    ),
    Category(
        "towel",
        (("纯棉毛巾 2条装", "Cotton face towels, 2-pack", 1.0), ("加厚浴巾", "Thick bath towel", 2.2)),
        (_COLOURS[:5],),
        (29, 45), (200, 260), (300, 200, 60),
    ),
    Category(
        "oral",
        (("声波电动牙刷", "Sonic electric toothbrush", 1.0), ("替换刷头 4支装", "Replacement brush heads, 4-pack", 0.3)),
        (_plain(("黑色", "black"), ("白色", "white"), ("樱花粉", "sakura pink")),),
        (199, 299), (150, 200), (240, 90, 50),
    ),
    Category(
        "storage_box",
        (("加厚塑料收纳箱", "Heavy-duty plastic storage box", 1.0), ("折叠布艺收纳箱", "Foldable fabric storage box", 0.8)),
        ((("30L", "30 L", 0.7), ("50L", "50 L", 1.0), ("80L", "80 L", 1.5)),
         _plain(("透明", "clear"), ("白色", "white"), ("灰色", "grey"))),
        (49, 69), (1600, 2000), (520, 380, 300), bulky=True,
    ),
    Category(
        "kettle",
        (("电热水壶", "Electric kettle", 1.0), ("玻璃养生壶", "Glass health kettle", 1.4)),
        ((("1.5L", "1.5 L", 0.9), ("1.7L", "1.7 L", 1.0)),
         _plain(("不锈钢", "stainless steel"), ("白色", "white"), ("燕麦色", "oatmeal"))),
        (89, 139), (1100, 1400), (260, 200, 250), bulky=True,
    ),
    Category(
        "laundry",
        (("洗衣液", "Laundry liquid", 1.0), ("洗衣凝珠", "Laundry pods", 1.3)),
        ((("2kg", "2 kg", 0.7), ("3kg", "3 kg", 1.0), ("5kg 家庭装", "5 kg family size", 1.6)),
         _plain(("薰衣草香", "lavender"), ("清新柠檬", "fresh lemon"))),
        (39, 59), (3100, 3300), (250, 150, 300), bulky=True, base_sized=False,
    ),
    Category(
        "rice",
        (("东北大米", "Northeast China rice", 1.0), ("五常稻花香大米", "Wuchang fragrant rice", 1.8),
         ("泰国茉莉香米", "Thai jasmine rice", 1.4)),
        ((("5kg", "5 kg", 1.0), ("10kg", "10 kg", 2.0)),),
        (49, 69), (5000, 5050), (450, 300, 100), bulky=True, base_sized=False,
    ),
    Category(
        "yoga_mat",
        (("TPE 瑜伽垫", "TPE yoga mat", 1.0), ("NBR 加厚瑜伽垫", "Thick NBR yoga mat", 0.8)),
        ((("6mm", "6 mm", 0.9), ("8mm", "8 mm", 1.0), ("10mm", "10 mm", 1.15)), _COLOURS[:4]),
        (69, 99), (900, 1200), (620, 160, 160), bulky=True,
    ),
    Category(
        "pet",
        (("全价成猫粮", "Complete adult cat food", 1.0), ("冻干双拼猫粮", "Freeze-dried mix cat food", 1.6),
         ("豆腐猫砂", "Tofu cat litter", 0.5)),
        ((("1.5kg", "1.5 kg", 0.6), ("2.5kg", "2.5 kg", 1.0), ("6kg", "6 kg", 2.2)),),
        (69, 99), (2500, 2600), (380, 260, 110), bulky=True, base_sized=False,
    ),
)  # fmt: skip


STORES: tuple[DemoStore, ...] = (
    DemoStore("Shopify Global", "shopify"),
    DemoStore("天猫旗舰店", "tmall"),
    DemoStore("淘宝小店", "taobao"),
)

PEOPLE: tuple[tuple[str, str, str | None], ...] = (
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
