"""Demo notices: a year of monthly finance notices for 东山村, quarterly notices, an urgent notice."""

import datetime
import io
from decimal import Decimal

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.demo import ensure_page, paragraph
from home.models import VillagePage

from .models import NoticeCategory, NoticeIndexPage, NoticePage


def _category(slug: str) -> NoticeCategory:
    return NoticeCategory.objects.get(slug=slug)


def finance_block(year: int, month: int) -> tuple[str, dict]:
    """A plausible month of a village's accounts; amounts vary by month but are fixed, so seeding is repeatable."""
    step = Decimal(month * 137 + (year - 2025) * 50)
    rows = [
        ("income", "上级转移支付", Decimal("30000.00"), "转移支付", "村级组织运转经费", f"收-{month:02d}01"),
        ("income", "集体土地租金", Decimal("15620.00") + step, "资产收入", "北坡果园承包费", f"收-{month:02d}02"),
        ("expenditure", "村干部误工补贴", Decimal("9600.00"), "人员支出", "6人", f"支-{month:02d}01"),
        ("expenditure", "道路维修", Decimal("12800.50") + step * 2, "公益事业", "村北生产路", f"支-{month:02d}02"),
        ("expenditure", "办公费", Decimal("1015.50") + step / 4, "办公支出", "水电、纸张", f"支-{month:02d}03"),
    ]
    return (
        "finance",
        {
            "title": f"{year}年{month}月收支明细",
            "opening_balance": "20000.00",
            "rows": [
                {
                    "direction": direction,
                    "item": item,
                    "amount": str(amount.quantize(Decimal("0.01"))),
                    "category": category,
                    "note": note,
                    "voucher": voucher,
                }
                for direction, item, amount, category, note, voucher in rows
            ],
        },
    )


def monthly_finance(village_name: str, year: int, month: int) -> NoticePage:
    published = datetime.date(year + month // 12, month % 12 + 1, 5)
    return NoticePage(
        title=f"{year}年{month}月村级财务收支公开",
        slug=f"finance-{year}-{month:02d}",
        date=published,
        category=_category("finance"),
        period_kind=NoticePage.PeriodKind.MONTH,
        period_year=year,
        period_number=month,
        summary=f"{village_name}{month}月收入、支出和结余情况，请村民监督。",
        body=[
            finance_block(year, month),
            paragraph("对以上内容有疑问的，可在公开之日起5日内在本页提问，或向村务监督委员会反映。")[0],
        ],
    )


def road_photo(village_page: VillagePage):
    """A drawn 'photo' of the finished road for the quarterly notice, so the demo shows a content image
    (WebP renditions, srcset, lazy loading). Drawn with Pillow: no file to ship, nothing to download."""
    from PIL import Image as PillowImage
    from PIL import ImageDraw

    image_model = get_image_model()
    title = f"{village_page.title}村北生产路硬化完工"
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PillowImage.new("RGB", (1200, 675), (170, 205, 235))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 330, 1200, 675), fill=(96, 150, 72))
    draw.polygon([(520, 330), (680, 330), (1000, 675), (200, 675)], fill=(150, 150, 145))
    draw.line([(600, 340), (600, 675)], fill=(235, 235, 225), width=6)
    for x in range(40, 1200, 160):
        draw.ellipse((x, 250, x + 90, 340), fill=(52, 110, 52))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    collection = getattr(village_page.village, "collection", None)
    extra = {"collection": collection} if collection is not None else {}
    return image_model.objects.create(
        title=title, file=ImageFile(buffer, name="road-2026-q3.png"), width=1200, height=675, **extra
    )


def common_notices(village_name: str, photo=None) -> list[NoticePage]:
    return [
        monthly_finance(village_name, 2026, 10),
        NoticePage(
            title="2026年第三季度村务公开",
            slug="affairs-2026-q3",
            date=datetime.date(2026, 10, 10),
            category=_category("affairs"),
            period_kind=NoticePage.PeriodKind.QUARTER,
            period_year=2026,
            period_number=3,
            summary="第三季度村民代表会议决定事项及落实情况。",
            body=paragraph(
                "7月12日村民代表会议决定：硬化村北生产路1.2公里，由村民代表监督施工。已于9月底完工验收。",
                "8月份为全村60岁以上老人办理城乡居民医保缴费提醒，共212人，已全部办理。",
            )
            + (
                [
                    (
                        "image",
                        {
                            "image": photo,
                            "caption": "硬化后的村北生产路（9月30日验收）",
                            "alt_text": "一条新铺的水泥路穿过农田，两旁是树",
                        },
                    )
                ]
                if photo is not None
                else []
            ),
        ),
        NoticePage(
            title="关于修订本村村规民约征求意见的通知",
            slug="rules-revision-consultation",
            date=datetime.date(2026, 11, 18),
            category=_category("affairs"),
            pinned=True,
            posted_until=datetime.date(2026, 12, 10),
            summary="村规民约修订草案征求意见，截止12月10日。",
            body=paragraph(
                "根据乡镇党委部署，本村启动村规民约修订工作，重点修改红白喜事操办标准和人居环境条款。",
                "请村民在12月10日前通过本网站、村委会意见箱或直接到村委会提出意见建议。",
            ),
        ),
        NoticePage(
            title="2026年第三季度党务公开",
            slug="party-2026-q3",
            date=datetime.date(2026, 10, 12),
            category=_category("party"),
            period_kind=NoticePage.PeriodKind.QUARTER,
            period_year=2026,
            period_number=3,
            summary="第三季度党员发展、党费收缴和主题党日活动情况。",
            body=paragraph("本季度收缴党费2,340.00元，已全部上缴镇党委。9月主题党日组织党员清理村内河道垃圾。"),
        ),
    ]


def dongshan_extra() -> list[NoticePage]:
    today = timezone.localdate()
    notices = [monthly_finance("东山村", 2025, month) for month in (11, 12)]
    notices += [monthly_finance("东山村", 2026, month) for month in range(1, 10)]
    notices.append(
        NoticePage(
            title="2026年第二季度村务公开",
            slug="affairs-2026-q2",
            date=datetime.date(2026, 7, 8),
            category=_category("affairs"),
            period_kind=NoticePage.PeriodKind.QUARTER,
            period_year=2026,
            period_number=2,
            summary="第二季度村民代表会议决定事项、低保评议结果和项目进展。",
            body=paragraph(
                "5月20日村民代表会议评议2026年度低保户，经民主评议新增2户、退出1户，名单已在村务公开栏公示7天。",
                "村文化广场照明改造项目已完成招标，中标价68,500.00元，预计8月底完工。",
            ),
        )
    )
    notices.append(
        NoticePage(
            title="2026年耕地地力保护补贴发放名单公示",
            slug="subsidy-list-2026",
            date=datetime.date(2026, 11, 10),
            category=_category("finance"),
            summary="耕地地力保护补贴发放名单，公示期7天。",
            posted_until=datetime.date(2026, 11, 17),
            body=[
                (
                    "people",
                    {
                        "title": "补贴发放名单",
                        "people": [
                            {
                                "name": "王建华",
                                "id_number": "420102199003071234",
                                "phone": "13812345678",
                                "amount": Decimal("1086.40"),
                                "reason": "承包地10.4亩",
                            },
                            {
                                "name": "李秀",
                                "id_number": "42010219650812003X",
                                "phone": "",
                                "amount": Decimal("626.80"),
                                "reason": "承包地6.0亩",
                            },
                        ],
                    },
                ),
            ],
        )
    )
    notices.append(
        NoticePage(
            title="紧急通知：12月1日全村停水检修",
            slug="urgent-water-outage",
            date=today,
            category=_category("other"),
            urgent=True,
            pinned=True,
            posted_until=today + datetime.timedelta(days=7),
            summary="因自来水主管道检修，12月1日8:00至18:00全村停水，请提前储水。",
            body=paragraph(
                "因村自来水主管道检修，12月1日8:00至18:00全村停水。请各户提前储水，关好水龙头。",
                "行动不便的老人需要送水的，请到村委会登记，村里安排志愿者上门。",
            ),
        )
    )
    return notices


NEEDS = ("home",)  # the villages and their notice indexes (home.seeding)


def seed(log) -> None:
    for village_page in VillagePage.objects.filter(locale=Locale.get_default()).select_related("village"):
        index = NoticeIndexPage.objects.child_of(village_page).first()
        if index is None:
            continue
        if not index.intro:
            index.intro = "<p>按照村民委员会组织法第三十条，村务每季度至少公开一次，财务每月公开。</p>"
            index.save_revision().publish()
        notices = common_notices(village_page.title, road_photo(village_page))
        if village_page.village.code == "dongshan":
            notices += dongshan_extra()
        for notice in notices:
            ensure_page(index, notice)
    log("notices: ready")
    sheet = noticeboard_sheet()
    if sheet:
        log(f"notices: the noticeboard sheet with its QR code: {sheet}")


def noticeboard_sheet() -> str:
    """The print view of 东山村's pinned call for comments: the demo's printable notice (home.printing)."""
    from django.urls import reverse
    from django.utils import translation

    from home.shortlinks import code_for

    notice = (
        NoticePage.objects.live()
        .filter(locale=Locale.get_default(), slug="rules-revision-consultation", url_path__contains="/dongshan/")
        .first()
    )
    if notice is None:
        return ""
    with translation.override(Locale.get_default().language_code):
        return reverse("print_sheet", args=[code_for(notice)])
