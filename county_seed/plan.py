"""What the generated county holds, decided before anything is written: pure functions of the sizes and the seed.

Every random choice comes from `random.Random` seeded by --seed (the register from one, each village's records
from one of its own), so the same options give the same county (names, codes, register figures, notice titles
and amounts, turnout) on every run and database, and a village's figures do not depend on how many follow it.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from notices import disclosure

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏吕丁任沈姚卢"
PLACES = "庄营寨店集楼屯湾岗洼桥坡园堡"
FEATURES = [
    "北坡", "前岭", "后沟", "上湾", "下湾", "大柳", "小柳", "石门", "青山", "白沙", "红石",
    "桃花", "杏林", "梨园", "枣林", "松树", "槐树", "柏树", "竹园", "荷塘", "龙泉", "凤凰", "马头", "牛岭", "鹿鸣",
    "清水", "长岭", "高庙", "双井", "三合", "四方", "五里", "六合", "七里", "八里", "九龙", "十里", "新安", "永丰",
    "太平", "和平", "丰收", "幸福", "团结", "兴旺", "富民", "光明", "金星", "银河", "玉泉", "宝山", "黄土", "黑石",
]  # fmt: skip
TOWNSHIPS = [
    "青龙镇", "白马镇", "双河镇", "长岭乡", "杨集镇", "高庙乡", "黄岗镇", "三里店乡", "龙泉镇", "马庄乡", "新安镇",
    "清水乡", "桃花镇", "白云乡", "金山镇", "河口乡", "红星镇", "太平乡", "永安镇", "丰收乡", "古城镇", "关庙乡",
    "白塔镇", "凤凰乡", "柏林镇", "大营乡", "孙店镇", "张集乡", "王楼镇", "刘湾乡",
]  # fmt: skip
VILLAGES_PER_TOWNSHIP = 16
GIVEN = "建国秀兰德明志强桂芳卫东玉梅长林春华海燕文军丽娟振华淑珍国强红霞永福翠英"

# (title, summary, paragraphs): general notices, a few a year, outside the disclosure periods.
GENERAL = [
    (
        "{year}年度低保评议结果公示",
        "经村民代表会议民主评议，{year}年度低保对象名单公示7天。",
        [
            "{month}月{day}日村民代表会议对申请低保的农户逐户评议，新增{a}户、退出{b}户。",
            "对名单有异议的，请在公示期内向村务监督委员会反映。",
        ],
    ),
    (
        "{year}年耕地地力保护补贴发放公示",
        "本村耕地地力保护补贴发放情况，公示期7天。",
        ["本年度补贴标准为每亩{price}元，共涉及{a}户，已通过“一卡通”发放到户。"],
    ),
    (
        "村内道路硬化工程招标公告",
        "村内道路硬化工程公开招标，欢迎符合条件的单位报名。",
        [
            "工程内容：硬化村内道路{km}公里，宽4.5米。预算{budget}元，资金来源为县级衔接资金。",
            "报名截止{month}月{day}日，请到乡镇公共资源交易中心报名。",
        ],
    ),
    (
        "关于开展人居环境整治的通知",
        "全村开展房前屋后环境卫生整治，请各户配合。",
        ["本月起每周六上午为全村卫生日，各村民小组长带领清理沟渠垃圾。", "评出的“美丽庭院”户在村务公开栏表扬。"],
    ),
    (
        "{year}年城乡居民医保缴费提醒",
        "{year}年度城乡居民医保集中缴费开始，请按时缴纳。",
        ["个人缴费标准为每人每年{price}元，可通过手机或到村便民服务室缴纳。", "低保户、特困人员由政府资助参保。"],
    ),
    (
        "汛期安全防范告知书",
        "进入汛期，请注意防范山洪和河道涨水。",
        ["雨天请勿在河边、桥下停留，学生放学由家长接送。", "村委会24小时值班电话见村务公开栏。"],
    ),
    (
        "秸秆禁烧和综合利用通知",
        "夏收期间严禁焚烧秸秆，村里统一组织还田和回收。",
        ["发现焚烧秸秆的，请向网格员或村委会反映。", "秸秆打捆回收每亩补助{price}元。"],
    ),
    (
        "{year}年度征兵工作通告",
        "{year}年度征兵报名开始，欢迎适龄青年报名。",
        ["报名对象为18至22周岁男性青年，高校毕业生可放宽到24周岁。", "报名截止{month}月{day}日。"],
    ),
]
CONSULTATIONS = [
    (
        "{village}文化广场改造方案征求意见",
        "广场增加健身器材和老年人座椅，请大家提意见并投票。",
        "是否同意文化广场改造方案？",
    ),
    ("{village}自来水管护费标准表决", "每户每月管护费调整方案，请投票。", "是否同意把管护费调整为每户每月8元？"),
    ("{village}村道路灯安装方案表决", "路灯安装位置和资金使用方案，请投票。", "是否同意在主要村道安装太阳能路灯？"),
    (
        "{village}集体果园承包方案征求意见",
        "北坡果园到期后重新发包的方案，请投票。",
        "是否同意果园公开竞价发包，期限十年？",
    ),
    (
        "{village}红白喜事操办标准征求意见",
        "村规民约中红白喜事标准的修改意见，请投票。",
        "是否同意把酒席控制在15桌以内？",
    ),
]
PROPOSALS = [
    ("增加无障碍坡道", "<p>台阶太高，轮椅和婴儿车上不去，建议修一条坡道。</p>"),
    ("晚上照明不足", "<p>东头那段路晚上很黑，老人出门不方便，建议多装两盏灯。</p>"),
    ("资金使用要公开", "<p>建议每月把工程进度和花了多少钱贴在公开栏里。</p>"),
    ("施工避开农忙", "<p>麦收期间路上车多，建议施工安排在收麦以后。</p>"),
]
REQUESTS = [
    ("roads-lights", "村北生产路有一段塌陷，下雨天积水，三轮车过不去。"),
    ("water-power", "第三村民小组这几天自来水水压很低，二楼上不去水。"),
    ("sanitation", "河沟边有人倒建筑垃圾，已经堆了好几天。"),
    ("social-services", "想问一下家里老人的养老保险怎么续交。"),
    ("mediation", "和邻居因为宅基地边界有争议，希望村里出面调解。"),
    ("public-safety", "村口变压器旁边的电线耷拉下来了，有安全隐患。"),
]


@dataclass
class VillagePlan:
    division_code: str
    name: str
    township: str
    adult_villagers: int
    households: int
    representatives: int


@dataclass
class NoticePlan:
    slug: str
    title: str
    summary: str
    date: datetime.date
    category: str  # NoticeCategory slug
    period: disclosure.Period | None
    paragraphs: list[str]
    finance_rows: list[dict] = field(default_factory=list)  # a finance table when not empty


def county_prefix(setting: str) -> str:
    """The county's six digits: COUNTY_DIVISION_CODE, or the demo county's (柳溪县, 411421) when it is not set."""
    digits = "".join(ch for ch in setting if ch.isdigit())
    return (digits or "411421")[:6]


def township_codes(count: int) -> list[str]:
    """Three-digit township codes: towns 1xx, townships 2xx, after the demo county's 柳溪镇 (101) and 石桥乡 (203)."""
    towns = [f"{n:03d}" for n in range(102, 200)]
    rural = [f"{n:03d}" for n in range(201, 300) if n != 203]
    codes = [code for pair in zip(towns, rural, strict=False) for code in pair]
    return codes[:count]


def plan_villages(count: int, rng: random.Random, prefix: str) -> list[VillagePlan]:
    """`count` villages in townships of about sixteen, with register figures in the shape of a rural county."""
    townships = -(-count // VILLAGES_PER_TOWNSHIP)
    if townships > len(TOWNSHIPS):
        raise ValueError(f"At most {len(TOWNSHIPS) * VILLAGES_PER_TOWNSHIP} villages.")
    names = [f + "村" for f in FEATURES] + [s + p + "村" for s in SURNAMES for p in PLACES]
    rng.shuffle(names)
    plans = []
    for number in range(count):
        township = number // VILLAGES_PER_TOWNSHIP
        adults = max(300, min(4200, int(rng.lognormvariate(6.95, 0.35))))  # median about 1,050
        households = int(adults / rng.uniform(2.6, 3.4))
        # VCOL art. 25: one representative for every five to fifteen households.
        representatives = max(10, households // rng.randint(9, 14))
        plans.append(
            VillagePlan(
                division_code=f"{prefix}{township_codes(townships)[township]}{201 + number % VILLAGES_PER_TOWNSHIP}",
                name=names[number],
                township=TOWNSHIPS[township],
                adult_villagers=adults,
                households=households,
                representatives=representatives,
            )
        )
    return plans


def periods(years: int, today: datetime.date, kind: str) -> list[disclosure.Period]:
    """Every period of `kind` from January of the first year to the last one that has ended by today."""
    last = disclosure.period_due_now(kind, today)
    period, found = last, []
    while period.year > today.year - years:
        found.append(period)
        period = period.previous()
    return found[::-1]


def _published(period: disclosure.Period, rng: random.Random) -> datetime.date:
    """Most committees publish in the first days after the period; a few are late (the calendar shows them)."""
    late = rng.random() < 0.05
    day = rng.randint(14, 25) if late else rng.randint(3, 9)
    return period.end + datetime.timedelta(days=day)


def finance_rows(rng: random.Random, month: int) -> list[dict]:
    """A month of a village's accounts: transfers, rents, allowances, works and office costs."""

    def amount(low: int, high: int) -> str:
        return str(Decimal(rng.randint(low * 100, high * 100)) / 100)

    rows = [
        ("income", "上级转移支付", amount(20000, 40000), "转移支付", "村级组织运转经费"),
        ("income", "集体土地租金", amount(5000, 30000), "资产收入", "果园、鱼塘承包费"),
        ("expenditure", "村干部误工补贴", amount(6000, 12000), "人员支出", f"{rng.randint(4, 7)}人"),
        ("expenditure", "道路维修", amount(2000, 18000), "公益事业", "生产路、排水沟"),
        ("expenditure", "办公费", amount(500, 2500), "办公支出", "水电、纸张"),
    ]
    return [
        {"direction": d, "item": i, "amount": a, "category": c, "note": n, "voucher": f"{d[0]}-{month:02d}{k + 1:02d}"}
        for k, (d, i, a, c, n) in enumerate(rows)
    ]


def plan_notices(village: VillagePlan, years: int, today: datetime.date, rng: random.Random) -> list[NoticePlan]:
    """The village's notices as the disclosure calendar asks (VCOL art. 30) plus a few general ones a year."""
    name = village.name
    plans = []
    for period in periods(years, today, disclosure.MONTH):
        if rng.random() < 0.02:  # a month never published: the calendar has something overdue to show
            continue
        y, m = period.year, period.number
        when = _published(period, rng)
        if when > today:  # due in the days to come: not published yet
            continue
        plans.append(
            NoticePlan(
                f"finance-{period.key()}",
                f"{y}年{m}月村级财务收支公开",
                f"{name}{m}月收入、支出和结余情况，请村民监督。",
                when,
                "finance",
                period,
                ["对以上内容有疑问的，可在公开之日起5日内在本页提问，或向村务监督委员会反映。"],
                finance_rows(rng, m),
            )
        )
    for period in periods(years, today, disclosure.QUARTER):
        y, q = period.year, period.number
        when = _published(period, rng)
        if when + datetime.timedelta(days=1) > today:
            continue
        plans.append(
            NoticePlan(
                f"affairs-{period.key().lower()}",
                f"{y}年第{q}季度村务公开",
                f"第{q}季度村民代表会议决定事项及落实情况。",
                when,
                "affairs",
                period,
                [
                    f"本季度召开村民代表会议{rng.randint(1, 3)}次，决定事项{rng.randint(2, 6)}项，已全部落实。",
                    f"为{rng.randint(30, 260)}名60岁以上老人办理了医保缴费提醒和高龄津贴申领。",
                ],
            )
        )
        plans.append(
            NoticePlan(
                f"party-{period.key().lower()}",
                f"{y}年第{q}季度党务公开",
                f"第{q}季度党员发展、党费收缴和主题党日活动情况。",
                when + datetime.timedelta(days=1),
                "party",
                period,
                [f"本季度收缴党费{rng.randint(800, 4000)}.00元，已全部上缴镇党委。"],
            )
        )
    for year in range(today.year - years + 1, today.year + 1):
        for number, index in enumerate(rng.sample(range(len(GENERAL)), 4)):
            when = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if when >= today:
                continue
            title, summary, paragraphs = GENERAL[index]
            values = {
                "year": year,
                "month": when.month,
                "day": min(28, when.day + 7),
                "a": rng.randint(1, 9),
                "b": rng.randint(0, 4),
                "price": rng.choice([120, 380, 400]),
                "km": rng.choice(["0.8", "1.2", "2.5"]),
                "budget": f"{rng.randint(18, 95)}0,000.00",
            }
            plans.append(
                NoticePlan(
                    f"notice-{year}-{number + 1}",
                    title.format(**values),
                    summary.format(**values),
                    when,
                    rng.choice(["affairs", "other"]),
                    None,
                    [p.format(**values) for p in paragraphs],
                )
            )
    return plans


def person_name(rng: random.Random) -> str:
    given = rng.randrange(0, len(GIVEN) - 1, 2)
    return rng.choice(SURNAMES) + GIVEN[given : given + 2]
