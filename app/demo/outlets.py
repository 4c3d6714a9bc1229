"""Demo outlets (门店): invented shops in Guangzhou's districts, with a contact, a mobile
number, a price tier, a credit limit and payment terms."""

from __future__ import annotations

import random
from dataclasses import dataclass

DISTRICTS = "天河区 越秀区 海珠区 白云区 番禺区 黄埔区 花都区 南沙区 增城区 从化区 荔湾区".split()
ROADS = "中山路 解放路 人民路 建设路 新华路 和平路 东风路 文明路 环城路 滨江路 工业大道 花园街".split()
SHOP_NAMES = "好又多 万家 惠民 佳佳 天天 乐购 邻里 快客 金牛 福满多 新一佳 旺旺 美宜 百汇".split()
SHOP_KINDS = "便利店 超市 商行 副食店 烟酒店 小卖部 批发部 食杂店".split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志海"
TIER_SHARE = (15, 35, 50)  # % of outlets per price tier (A, B, C)
CITY = "广州市"


@dataclass(frozen=True)
class DemoOutlet:
    name: str
    contact: str
    phone: str
    address: str
    region: str
    tier: int  # index into the price tiers
    credit_limit_fen: int  # 0: no limit
    payment_terms_days: int


def demo_outlet(rng: random.Random) -> DemoOutlet:
    district, road = rng.choice(DISTRICTS), rng.choice(ROADS)
    name = f"{district[:2]}{rng.choice(SHOP_NAMES)}{rng.choice(SHOP_KINDS)}"
    name += f"（{road}{rng.randint(1, 9)}店）" if rng.random() < 0.5 else ""
    contact = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
    phone = "1" + rng.choice("3578") + f"{rng.randrange(10**9):09d}"
    tier = rng.choices(range(3), weights=TIER_SHARE)[0]
    credit = 0 if rng.random() < 0.3 else rng.choice((3000, 5000, 10000, 20000, 50000)) * 100
    terms = rng.choice((0, 7, 15, 30, 30, 60))
    return DemoOutlet(name, contact, phone, f"{CITY}{district}{road}{rng.randint(1, 300)}号",
                      district, tier, credit, terms)


def distinct_outlets(rng: random.Random, count: int) -> list[DemoOutlet]:
    """Outlets with distinct names and phones, as a clerk registering them would keep them
    (the outlet service refuses a likely duplicate)."""
    outlets: list[DemoOutlet] = []
    names: set[str] = set()
    phones: set[str] = set()
    for _attempt in range(count * 20):
        if len(outlets) == count:
            break
        outlet = demo_outlet(rng)
        if outlet.name not in names and outlet.phone not in phones:
            outlets.append(outlet)
            names.add(outlet.name)
            phones.add(outlet.phone)
    return outlets
