"""Short links (/n/<code>) and the print view for the 公开栏 (issue 23, "WeChat and the noticeboard").

Page types come from Wagtail's registry through tests.page_tree (asserted equal to it), not a hand-picked list.

The QR code is checked without a decoder: none is installed (no pyzbar, zxing or opencv in the environment), so
the test reads the module matrix back out of the inline SVG the sheet printed (its one path of horizontal runs)
and compares it, module by module, with segno's encoding of the URL the sheet should open (the page's short
link). A sheet whose QR opened any other address, or a broken drawing, differs in many modules.
"""

import datetime
import re
from pathlib import Path

import pytest
import segno
from django.contrib.staticfiles import finders
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from council import services as council_services
from council.models import AgendaItem, CouncilPage, Meeting
from home import shortlinks
from home.printing import min_posted_days, printable_for
from tests.home.test_head_metadata import LANGUAGES, public_page_types
from tests.page_tree import build_every_page_type, in_locale

PERIOD = {"zh-hans": "张贴期限：至少5天", "zh-hant": "張貼期限：至少5天", "en": "Posted for at least 5 days"}
NOT_FOUND = {"zh-hans": "这个短链接打不开任何页面", "en": "This short link opens no page"}


def qr_matrix_from_svg(svg: str) -> list[list[int]]:
    """The dark modules of segno's inline SVG (a path of "M x y", "m dx dy" and "h n" runs, y at the row's middle)."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    path = re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = 1
            x += float(a)
    return grid


def assert_qr_opens(html: str, url: str, border: int = 4) -> None:
    svg = re.search(r"<svg[^>]*class=\"qr\".*?</svg>", html, re.S).group(0)
    expected = [[int(bool(m)) for m in row] for row in segno.make(url, error="m", micro=False).matrix]
    drawn = qr_matrix_from_svg(svg)
    inner = [row[border:-border] for row in drawn[border:-border]]
    assert inner == expected, "the printed QR code does not encode " + url


def test_codes_round_trip_and_avoid_ambiguous_characters():
    for number in [0, 1, 28, 29, 30, 841, 10**6, 2**63 - 1]:
        code = shortlinks.encode(number)
        assert shortlinks.decode(code) == number == shortlinks.decode(code.upper())
        assert not set(code) & set("01ilouv")
    for bad in ["", "0", "1l", "abc/", "ab c", "二维码", "z" * 15, "ä"]:
        assert shortlinks.decode(bad) is None, bad


def test_every_page_opens_by_its_short_link_in_the_visitors_language(translated_trees, client, village_page):
    pages = build_every_page_type(village_page)
    assert set(pages) == public_page_types()
    for page_type, page in pages.items():
        code = shortlinks.code_for(page)
        # One code for the page in every language: it is printed once, on one sheet.
        assert {shortlinks.code_for(in_locale(page, language)) for language in LANGUAGES} == {code}
        for language in LANGUAGES:
            response = client.get(f"/n/{code}", HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 302, (page_type, language)
            assert response["Location"] == in_locale(page, language).get_url(), (page_type, language)
            assert client.get(response["Location"]).status_code == 200


def test_unknown_draft_and_private_pages_get_the_same_friendly_404(translated_trees, client, village_page):
    pages = build_every_page_type(village_page)
    notice = next(page for page in pages.values() if page._meta.model_name == "noticepage")
    consultation = next(page for page in pages.values() if page._meta.model_name == "consultationpage")
    notice_code, consultation_code = shortlinks.code_for(notice), shortlinks.code_for(consultation)
    for translation in notice.get_translations(inclusive=True):
        translation.unpublish()
    for translation in consultation.get_translations(inclusive=True):
        PageViewRestriction.objects.create(page=translation, restriction_type=PageViewRestriction.LOGIN)
    unknown = shortlinks.encode((Page.objects.order_by("-pk").first().pk + 100) * shortlinks.KINDS)
    for code in [notice_code, consultation_code, unknown, "0oo1", "x" * 40, shortlinks.encode(3)]:
        for language in ("zh-hans", "en"):
            # LocaleMiddleware sends a 404 outside the language prefixes to the same link in the visitor's language.
            response = client.get(f"/n/{code}", HTTP_ACCEPT_LANGUAGE=language, follow=True)
            assert response.status_code == 404, code
            assert [url for url, _status in response.redirect_chain] in ([], [f"/{language}/n/{code}/"])
            html = response.content.decode()
            assert NOT_FOUND[language] in html
            assert notice.title not in html and consultation.title not in html
            assert client.get(f"/{language}/print/{code}/").status_code == 404
    assert client.post(f"/n/{notice_code}").status_code == 405


@pytest.fixture
def meeting(village_page, committee_member):
    committee = committee_member(village_page.village)
    meeting = council_services.record_meeting(
        committee,
        village_page.village,
        kind="council",
        title="第四季度理事会会议",
        date=datetime.date(2026, 12, 20),
        place="村委会二楼会议室",
        present_persons=0,
    )
    AgendaItem.objects.create(meeting=meeting, title="修建村道北段", description="听取施工方案，表决资金安排。")
    return meeting


def test_every_printable_type_prints_with_its_qr_code_and_posting_period(
    translated_trees, client, village_page, meeting, django_assert_max_num_queries
):
    pages = build_every_page_type(village_page)
    printable = {page_type: page for page_type, page in pages.items() if printable_for(page)}
    assert {model._meta.model_name for model in printable} == {"noticepage", "auditreportpage", "consultationpage"}
    not_printable = [page for page in pages.values() if not printable_for(page)]
    council = CouncilPage.objects.child_of(village_page).get()
    assert printable_for(meeting)

    assert "size: A4" in Path(finders.find("css/print_sheet.css")).read_text(encoding="utf-8")
    for language in LANGUAGES:
        targets = [
            (translated, translated.get_url()) for translated in (in_locale(p, language) for p in printable.values())
        ]
        council_here = in_locale(council, language)
        targets.append((meeting, council_here.get_url() + council_here.reverse_subpage("meeting", args=[meeting.pk])))
        for obj, online in targets:
            code = shortlinks.code_for(obj)
            short = shortlinks.short_url(obj)
            print_url = f"/{language}/print/{code}/"
            # The page shows its short link and links to its print view.
            page_html = client.get(online).content.decode()
            links = re.search(r'<p class="reach-links">.*?</p>', page_html, re.S).group(0)
            assert f'href="{short}"' in links and f'href="{print_url}"' in links, (obj, language, links)

            with django_assert_max_num_queries(12):
                response = client.get(print_url)
            assert response.status_code == 200, (obj, language)
            html = response.content.decode()
            assert "<script" not in html
            assert PERIOD[language] in html, (obj, language)
            assert short in html and f'href="{online}"' in html
            assert_qr_opens(html, short)
            # The short link printed opens the same thing the sheet was printed from.
            redirect = client.get("/" + short.split("//", 1)[1].split("/", 1)[1], HTTP_ACCEPT_LANGUAGE=language)
            assert redirect.status_code == 302 and redirect["Location"] == online, (obj, language)

    notice = next(page for page in printable.values() if page._meta.model_name == "noticepage")
    html = client.get(f"/zh-hans/print/{shortlinks.code_for(notice)}/").content.decode()
    assert "结余 1.00 元" in html  # the full notice
    start, end = notice.date, notice.posted_until
    assert f"自{start:%Y-%m-%d}至{end:%Y-%m-%d}" in html and (end - start).days >= min_posted_days()
    meeting_html = client.get(f"/zh-hans/print/{shortlinks.code_for(meeting)}/").content.decode()
    assert "修建村道北段" in meeting_html and "村委会二楼会议室" in meeting_html
    assert "至2026-12-20" in meeting_html or meeting.created_at.date() + datetime.timedelta(5) > meeting.date

    for page in not_printable:  # an index or the village page: a short link, nothing to post
        html = client.get(page.get_url()).content.decode()
        assert f'href="{shortlinks.short_url(page)}"' in html and "/print/" not in html
        assert client.get(f"/zh-hans/print/{shortlinks.code_for(page)}/").status_code == 404


def test_a_meeting_opens_by_its_short_link_unless_its_council_page_is_private(
    translated_trees, client, village_page, meeting
):
    council = CouncilPage.objects.child_of(village_page).get()
    code = shortlinks.code_for(meeting)
    assert code != shortlinks.code_for(council)
    for language in LANGUAGES:
        translated = in_locale(council, language)
        response = client.get(f"/n/{code}", HTTP_ACCEPT_LANGUAGE=language)
        assert response["Location"] == translated.url + translated.reverse_subpage("meeting", args=[meeting.pk])
    PageViewRestriction.objects.create(page=council, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/n/{code}", follow=True).status_code == 404
    assert client.get(reverse("print_sheet", args=[code])).status_code == 404
    Meeting.objects.filter(pk=meeting.pk).delete()
