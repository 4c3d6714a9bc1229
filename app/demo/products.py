"""The demo catalog: invented Chinese FMCG products with units, EAN-13 barcodes, a tier-A
price and a floor (控价) per base unit, and the three price tiers.

The same products serve the PC-only demo (written straight into the local catalog) and the
demo HQ (imported from a catalog file, as a brand would publish it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.barcodes import make_ean13

# code, name, shelf life days, brands, flavours, product lines, sizes (size, base unit, pack
# factor, spec), base price range in fen per base unit
CATEGORIES = (
    ("YL", "饮料", 365,
     "清泉山 乐百源 可口鲜 冰峰泉 康源 雪域 绿野 蓝湾 百乐 金果园 达利源 椰香岛",
     "柠檬味 青柠味 橙味 葡萄味 蜜桃味 荔枝味 白桃味 苹果味 西柚味 菠萝味 原味 无糖 薄荷味 百香果味 乌龙",
     "苏打水 果汁饮料 汽水 茶饮料 功能饮料 可乐",
     (("330ml", "罐", 24, "330ml×24"), ("500ml", "瓶", 24, "500ml×24"),
      ("600ml", "瓶", 24, "600ml×24"), ("1.25L", "瓶", 12, "1.25L×12"), ("2L", "瓶", 6, "2L×6")),
     (180, 650)),
    ("XX", "休闲食品", 270,
     "旺达 乐事多 好丽源 口口香 脆香园 三只熊 良品坊 童年记 喜之味 米多多 金丝猴 小当家",
     "原味 番茄味 黄瓜味 烧烤味 海苔味 香辣味 芝士味 巧克力味 草莓味 椰子味 五香 奶油味 焦糖味 红枣味 麻辣味",
     "薯片 饼干 雪饼 瓜子 坚果 辣条 威化 蛋卷",
     (("70g", "袋", 22, "70g×22"), ("150g", "袋", 20, "150g×20"), ("400g", "袋", 12, "400g×12"),
      ("1kg", "盒", 6, "1kg×6")),
     (250, 2800)),
    ("RZ", "乳制品", 180,
     "牧场鲜 草原红 北牧 雪原 晨光牧场 绿茵 优牧 奶香坊 青青草原 天润泽 安慕乐 伊犁源",
     "原味 草莓味 香蕉味 黄桃味 燕麦 红枣 核桃 低脂 脱脂 全脂 蓝莓味 芒果味 谷物 有机 益生菌",
     "纯牛奶 酸奶 乳饮料 早餐奶 高钙奶 儿童奶",
     (("250ml", "盒", 24, "250ml×24"), ("200ml", "盒", 24, "200ml×24"), ("1L", "盒", 12, "1L×12"),
      ("100g", "杯", 24, "100g×24")),
     (220, 1500)),
    ("FB", "方便食品", 180,
     "康乐福 统御 今麦香 白象山 五谷道 面面香 福满园 一面缘 老坛记 味香源 华丰源 农家乐",
     "红烧牛肉 老坛酸菜 香辣牛肉 鲜虾鱼板 番茄鸡蛋 藤椒牛肉 葱香排骨 酸辣 麻辣香锅 海鲜 卤香 黑胡椒牛排 骨汤 菌菇 鸡汤",
     "方便面 桶面 拌面 粉丝 米粉 自热火锅",
     (("单袋", "袋", 24, "100g×24"), ("桶装", "桶", 12, "120g×12"), ("五连包", "包", 6, "5×100g×6"),
      ("杯装", "杯", 24, "60g×24")),
     (250, 1600)),
    ("TW", "调味品", 540,
     "海味源 千禾田 厨香坊 李记 老灶坊 鲜之味 百味坊 川香坊 金龙泉 好厨娘 古法坊 味道长",
     "金标 特级 一品 薄盐 零添加 头道 古法 有机 精选 醇香 鲜味 红烧 酿造 家用 餐饮",
     "生抽 老抽 蚝油 陈醋 料酒 鸡精 辣椒酱 豆瓣酱",
     (("500ml", "瓶", 12, "500ml×12"), ("1.9L", "桶", 6, "1.9L×6"), ("800g", "瓶", 12, "800g×12"),
      ("180g", "袋", 50, "180g×50")),
     (300, 3500)),
    ("JL", "酒类", 720,
     "雪峰 黄河源 金麦 崂泉 燕山 珠江源 龙泉 清河 长城岭 太白居 古井坊 汾阳",
     "纯生 精酿 清爽 原浆 黑啤 白啤 小麦 经典 陈酿 窖藏 浓香型 清香型 酱香型 特制 干型",
     "啤酒 白酒 黄酒 米酒",
     (("500ml罐", "罐", 12, "500ml×12"), ("330ml", "瓶", 24, "330ml×24"), ("500ml", "瓶", 6, "500ml×6"),
      ("2.5L", "桶", 4, "2.5L×4")),
     (300, 9000)),
)
VARIANTS = ("", "经典装", "家庭装", "轻享装", "升级版", "新包装", "促销装", "礼盒装")
# code, name, price in % of tier A
TIERS = (("A", "一级批发价", 100), ("B", "二级批发价", 108), ("C", "终端零售价", 125))
PACK_UNIT = "箱"
TAX_RATE_BP = 1300


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name: str
    spec: str
    category: str  # the category's name
    base_unit: str
    pack_factor: int  # base units per 箱
    base_barcode: str
    pack_barcode: str
    price_fen: int  # tier A, per base unit
    floor_fen: int  # 控价, per base unit
    shelf_life_days: int

    def tier_price_fen(self, markup_pct: int) -> int:
        return self.price_fen * markup_pct // 100


def _category_sizes() -> list[int]:
    """How many distinct products each category can name."""
    return [len(c[3].split()) * len(c[4].split()) * len(c[5].split()) * len(VARIANTS) * len(c[6])
            for c in CATEGORIES]


def demo_products(rng: random.Random, count: int) -> list[DemoProduct]:
    """`count` distinct products spread over the categories (past the named combinations,
    names repeat with a 第N版 suffix)."""
    sizes = _category_sizes()
    total = sum(sizes)
    picks = rng.sample(range(total), min(count, total)) + list(range(max(0, count - total)))
    return [_product(rng, serial, pick % total, sizes, suffix=pick // total)
            for serial, pick in enumerate(picks, start=1)]


def _product(rng: random.Random, serial: int, pick: int, sizes: list[int], suffix: int) -> DemoProduct:
    index = 0
    while pick >= sizes[index]:
        pick -= sizes[index]
        index += 1
    code, category, shelf, brands, flavours, lines, packs, (lo, hi) = CATEGORIES[index]
    brands, flavours, lines = brands.split(), flavours.split(), lines.split()
    pick, brand = divmod(pick, len(brands))
    pick, flavour = divmod(pick, len(flavours))
    pick, line = divmod(pick, len(lines))
    pick, variant = divmod(pick, len(VARIANTS))
    size, unit, factor, spec = packs[pick % len(packs)]
    name = f"{brands[brand]}{flavours[flavour]}{lines[line]}"
    name += f" {VARIANTS[variant]}" if VARIANTS[variant] else ""
    name += f" {size}" + (f" 第{suffix + 1}版" if suffix else "")
    price = rng.randrange(lo, hi) // 10 * 10 + 10
    return DemoProduct(
        sku=f"{code}{serial:06d}", name=name, spec=spec, category=category, base_unit=unit,
        pack_factor=factor, base_barcode=make_ean13(f"692{serial:09d}"),
        pack_barcode=make_ean13(f"693{serial:09d}"), price_fen=price,
        floor_fen=price * 95 // 100 // 10 * 10, shelf_life_days=shelf,
    )
