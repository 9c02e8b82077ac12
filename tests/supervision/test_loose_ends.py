"""Issue 24's loose ends: complaints by any signed-in user where the county allows it, the notice chosen for an
"untrue" complaint, the village page's and elder mode's links to the calendar, complaints and audits, and the
committee's term end in the county's register (when the departure audit is due)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import Locale

from home.models import VillagePage
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from residents.village_register import plan_register
from supervision import services
from supervision.models import Complaint

TEXT = "十月的财务公开一直没有贴出来。"


@pytest.fixture
def outsider(make_user):
    """Signed in, but no verified resident of the village (no register record at all)."""
    return make_user("visitor-from-town")


@pytest.fixture
def notice(village):
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    index = NoticeIndexPage.objects.child_of(page).get()
    notice = NoticePage(
        title="2026年10月财务公开", slug="n-1", date=datetime.date(2026, 11, 5), category=NoticeCategory.objects.first()
    )
    index.add_child(instance=notice)
    notice.save_revision().publish()
    return notice


def test_a_signed_in_non_verified_user_is_refused_by_default(client, village, outsider, township):
    with pytest.raises(PermissionDenied):
        services.file_complaint(outsider, village, "missing", TEXT, "2026-10")
    client.force_login(outsider)
    response = client.get(reverse("supervision:new_complaint", args=[village.code]))
    assert response.status_code == 403


def test_allowed_when_the_county_turns_it_on(client, settings, village, outsider, township):
    settings.SUPERVISION_COMPLAINTS_BY_SIGNED_IN_USERS = True
    complaint = services.file_complaint(outsider, village, "missing", TEXT, "2026-10")
    assert complaint.resident is None and complaint.filed_by == outsider
    client.force_login(outsider)
    url = reverse("supervision:new_complaint", args=[village.code])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "missing", "period": "2026-09", "text": "九月的也没有。"})
    assert response.status_code == 200 and Complaint.objects.filter(filed_by=outsider).count() == 2
    services.close_complaint(township, complaint, "upheld", "经查属实，已责令补充公开。")
    from notifications.models import Notification

    assert Notification.objects.filter(recipient=outsider).count() == 1  # the filer hears the finding


def test_visitors_still_sign_in_first(client, settings, village):
    settings.SUPERVISION_COMPLAINTS_BY_SIGNED_IN_USERS = True
    response = client.get(reverse("supervision:new_complaint", args=[village.code]))
    assert response.status_code == 302 and "login" in response.url


def test_the_form_offers_the_villages_notices_for_an_untrue_complaint(
    client, settings, village, make_resident, make_village, notice
):
    resident = make_resident(village)
    client.force_login(resident.user)
    url = reverse("supervision:new_complaint", args=[village.code])
    html = client.get(url + f"?notice={notice.pk}").content.decode()
    assert "2026年10月财务公开" in html and f'value="{notice.pk}" selected' in html
    assert client.post(url, {"kind": "untrue", "text": "支出金额与实际不符。"}).status_code == 400  # which notice?
    assert client.post(url, {"kind": "untrue", "notice": notice.pk, "text": "支出金额与实际不符。"}).status_code == 200
    assert Complaint.objects.get(kind="untrue").notice_id == notice.pk
    assert "2026年10月财务公开" in client.get(reverse("supervision:complaints", args=[village.code])).content.decode()
    other = make_village(code="beishan", name="北山村")
    settings.SUPERVISION_COMPLAINTS_BY_SIGNED_IN_USERS = True  # so that only the notice is wrong
    with pytest.raises(ValidationError):
        services.file_complaint(resident.user, other, "untrue", "不实。", notice=notice)


def test_the_village_page_links_the_calendar_complaints_and_audits(client, village):
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    html = client.get(page.url).content.decode()
    for name in ("village_calendar", "complaints", "new_complaint", "audits", "evaluations"):
        assert f'href="{reverse(f"supervision:{name}", args=[village.code])}"' in html, name


def test_elder_mode_has_the_calendar_as_a_sixth_shortcut(client, village):
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    client.cookies["elder_mode"] = "1"
    html = client.get(page.url).content.decode()
    nav = html[html.index('class="elder-shortcuts') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.count("<li>") == 6
    assert f'<a href="{reverse("supervision:village_calendar", args=[village.code])}">' in nav


def _register(*rows):
    header = ["统计用区划代码", "村名", "乡镇", "成年村民", "户数", "村民代表", "本届任期届满"]
    return [header, *rows]


def test_the_register_import_takes_the_term_end(village):
    plan = plan_register(_register(["411421101205", "南山村", "柳溪镇", "300", "100", "10", "2026年6月30日"]))
    (row,) = plan.rows
    assert not row.errors and row.committee_term_ends_on == datetime.date(2026, 6, 30)
    bad = plan_register(_register(["411421101206", "北坡村", "柳溪镇", "300", "100", "10", "六月底"])).rows[0]
    assert bad.errors
    without = plan_register([_register()[0][:6], ["411421101205", "南山村", "柳溪镇", "300", "100", "10"]]).rows[0]
    assert "committee_term_ends_on" not in without.figures()
