"""Notice pages as residents see them: finance tables, masked lists, attachments, posting and archive, API."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from pypdf import PdfWriter
from wagtail.documents.models import Document

from notices.models import NoticeCategory, NoticePage
from tests.notices.conftest import finance_value

FINANCE_ROWS = [
    ("income", "上级转移支付", "30000.00", "转移支付"),
    ("income", "土地租金", "18,620.10", "资产收入"),
    ("expenditure", "道路维修", "21800.00", "公益事业"),
    ("expenditure", "办公费", "0.10", "办公"),
    ("expenditure", "办公费", "0.20", "办公"),
]


@pytest.fixture
def finance_notice(make_notice):
    return make_notice(
        title="十月财务公开",
        category=NoticeCategory.objects.get(slug="finance"),
        period_kind="month",
        period_year=2026,
        period_number=10,
        body=[("finance", finance_value(FINANCE_ROWS, opening="1000.00"))],
    )


def test_finance_table_shows_decimal_totals_balance_and_an_svg_chart(client, finance_notice):
    html = client.get(finance_notice.url).content.decode()
    assert 'class="num finance-income-total">48620.10<' in html
    assert 'class="num finance-expenditure-total">21800.30<' in html
    assert 'class="num finance-balance">27819.80<' in html
    assert "<svg" in html and 'role="img"' in html
    assert html.count('class="bar-income"') == 2 and html.count('class="bar-expenditure"') == 2
    # The chart needs no JavaScript; the only script is the deferred read-aloud enhancement, never inline code.
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/read-aloud.js" defer>']


def test_api_gives_finance_rows_and_totals(client, finance_notice):
    url = f"/api/v2/pages/{finance_notice.pk}/"
    data = client.get(url).json()
    table = data["finance"][0]
    assert table["income"] == "48620.10" and table["expenditure"] == "21800.30" and table["balance"] == "27819.80"
    assert table["rows"][1] == {
        "direction": "income",
        "item": "土地租金",
        "amount": "18620.10",
        "category": "资产收入",
        "note": "",
        "voucher": "V2",
    }
    assert data["category"]["slug"] == "finance"
    assert data["period"] == "2026-10"
    assert data["posted_until"] == (finance_notice.date + datetime.timedelta(days=5)).isoformat()
    listing = client.get("/api/v2/pages/?type=notices.NoticePage&fields=finance,category,period,urgent").json()
    assert listing["items"][0]["finance"][0]["balance"] == "27819.80"


def test_people_list_masks_names_and_numbers_on_render(client, make_notice):
    notice = make_notice(
        body=[
            (
                "people",
                {
                    "title": "补贴名单",
                    "people": [
                        {
                            "name": "张小三",
                            "id_number": "420102199003071234",
                            "phone": "13812345678",
                            "amount": "1086.40",
                            "reason": "耕地补贴",
                        }
                    ],
                },
            )
        ]
    )
    html = client.get(notice.url).content.decode()
    assert "张*三" in html and "4201**********1234" in html and "138****5678" in html and "1086.40" in html
    assert "张小三" not in html and "420102199003071234" not in html and "13812345678" not in html


def test_attachments_show_type_and_size(client, make_notice):
    # A real PDF: publishing reads every linked document for personal numbers and refuses one it cannot read.
    writer = PdfWriter()
    for _ in range(6):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    document = Document(title="十月记账凭证")
    document.file.save("vouchers.pdf", ContentFile(buffer.getvalue()))
    document.save()
    size = filesizeformat(document.file.size)
    notice = make_notice()
    notice.attachments.create(document=document, title="记账凭证扫描件")
    notice.save_revision().publish()
    html = client.get(notice.url).content.decode()
    assert "记账凭证扫描件" in html
    assert f"(PDF, {size})" in html and "KB" in size, html[html.find("attachment-list") :][:400]
    (attachment,) = client.get(f"/api/v2/pages/{notice.pk}/").json()["attachments"]
    assert attachment["title"] == "记账凭证扫描件" and attachment["file_extension"] == "pdf"
    assert attachment["file_size"] == document.file.size
    document.file.delete(save=False)


def test_posted_until_defaults_to_five_days_and_may_not_be_shorter(make_notice):
    notice = make_notice(date=datetime.date(2026, 3, 1))
    assert notice.posted_until == datetime.date(2026, 3, 6)
    notice.posted_until = datetime.date(2026, 3, 5)
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "posted_until" in error.value.message_dict


def test_expired_notices_move_to_the_archive_by_year_and_category(client, make_notice, notice_index):
    with time_machine.travel(datetime.datetime(2026, 11, 26, 12, 0), tick=False):
        current = make_notice(title="十一月村务公开", date=datetime.date(2026, 11, 25))
        old_2026 = make_notice(
            title="旧财务公告",
            date=datetime.date(2026, 1, 5),
            category=NoticeCategory.objects.get(slug="finance"),
        )
        party = NoticeCategory.objects.get(slug="party")
        old_2025 = make_notice(title="去年党务", date=datetime.date(2025, 6, 1), category=party)
        index_html = client.get(notice_index.url).content.decode()
        assert current.title in index_html
        assert old_2026.title not in index_html and old_2025.title not in index_html
        archive_url = notice_index.url + "archive/"
        archive = client.get(archive_url).content.decode()
        assert old_2026.title in archive and old_2025.title in archive and current.title not in archive
        by_year = client.get(archive_url + "?year=2025").content.decode()
        assert old_2025.title in by_year and old_2026.title not in by_year
        by_category = client.get(archive_url + "?category=finance").content.decode()
        assert old_2026.title in by_category and old_2025.title not in by_category
        assert client.get(archive_url + "?year=abc&page=zzz").status_code == 200


def test_pinned_notices_come_first(client, make_notice, notice_index):
    make_notice(title="新公告", date=datetime.date.today())
    make_notice(title="置顶公告", date=datetime.date.today() - datetime.timedelta(days=2), pinned=True)
    html = client.get(notice_index.url).content.decode()
    assert html.index("置顶公告") < html.index("新公告")


def test_urgent_banner_on_village_pages_until_it_expires(client, make_notice, village_page, notice_index):
    today = datetime.date.today()
    make_notice(title="紧急停水通知", urgent=True, date=today, posted_until=today + datetime.timedelta(days=6))
    for url in (village_page.url, notice_index.url):
        assert "紧急停水通知" in client.get(url).content.decode().split("<main")[1].split("</main>")[0]
    with time_machine.travel(today + datetime.timedelta(days=8)):
        assert 'class="urgent-banner"' not in client.get(village_page.url).content.decode()


def test_urgent_banner_stays_in_its_own_village(client, make_notice, make_village):
    from wagtail.models import Locale

    from home.models import VillagePage

    make_notice(title="紧急停水通知", urgent=True)
    other = VillagePage.objects.get(village=make_village(), locale=Locale.get_default())
    assert 'class="urgent-banner"' not in client.get(other.url).content.decode()


def test_feeds(client, make_notice, notice_index):
    make_notice(title="十一月村务公开", summary="摘要")
    rss = client.get(notice_index.url + "feed/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "十一月村务公开" in rss.content.decode()
    atom = client.get(notice_index.url + "feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml") and "十一月村务公开" in atom.content.decode()


def test_notices_are_searchable_by_title_summary_and_category(make_notice):
    # Chinese segmentation is a later issue: whole words separated by spaces are what the index finds today.
    make_notice(title="修路 公示", summary="村北 生产路 硬化", category=NoticeCategory.objects.get(slug="finance"))
    make_notice(title="其他 公告", summary="无关")
    assert [page.title for page in NoticePage.objects.live().search("生产路")] == ["修路 公示"]
    assert [page.title for page in NoticePage.objects.live().search("财务")] == ["修路 公示"]


def test_restricted_notices_stay_out_of_lists_and_the_banner(client, make_notice, village_page, notice_index):
    from wagtail.models import PageViewRestriction

    notice = make_notice(title="内部紧急事项", urgent=True)
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    assert "内部紧急事项" not in client.get(village_page.url).content.decode().split("<main")[1]
    assert "内部紧急事项" not in client.get(notice_index.url).content.decode()
    assert "内部紧急事项" not in client.get(notice_index.url + "feed/rss/").content.decode()
