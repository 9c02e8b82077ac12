"""The admin in zh-hans speaks Chinese (issue 20): the untranslated-string sweep over the main admin screens, and
the Chinese wording of the messages a clerk meets.

The demo county is seeded once for the module (module_transaction), so every screen has real rows to show: a
notice list of 24, a page in moderation, audit entries, meetings, revisions, requests. The sweep
(tests/admin_sweep.py) fails on any text node that is a known English msgid of Wagtail, wagtail-localize,
allauth, Django or the project; it also reports whole English phrases no catalogue knows (data such as Wagtail's
default workflow names, or a model field without a translated label).
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from council.models import Meeting
from notices.models import NoticeIndexPage, NoticePage
from residents import roles
from village_rules.models import RuleRevisionPage

from .admin_sweep import english_phrases, untranslated

pytestmark = pytest.mark.slow
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture(scope="module")
def county(module_transaction) -> dict:
    call_command("seed_demo", stdout=io.StringIO())
    zh = Locale.objects.get(language_code="zh-hans")
    dongshan = NoticeIndexPage.objects.get(locale=zh, url_path__endswith="/dongshan/notices/")
    notice = NoticePage.objects.child_of(dongshan).live().order_by("pk").first()
    in_moderation = NoticePage.objects.child_of(dongshan).live().order_by("-pk").first()
    # A page waiting in Wagtail's default workflow, as after a clerk's "submit for moderation".
    Page.get_first_root_node().get_workflow().start(
        in_moderation, get_user_model().objects.get(username="committee-dongshan")
    )
    return {
        "notices": dongshan.pk,
        "notice": notice.pk,
        "in_moderation": in_moderation.pk,
        "meeting": Meeting.objects.filter(village__code="dongshan").order_by("pk").first().pk,
        "revision": RuleRevisionPage.objects.filter(locale=zh, url_path__contains="/dongshan/").first().pk,
        "usernames": set(get_user_model().objects.values_list("username", flat=True)),
    }


def _screens(ids: dict) -> dict[str, list[str]]:
    """The screens each kind of user works in, enumerated from the menus they see."""
    committee = [
        "/admin/",
        f"/admin/pages/{ids['notices']}/",
        f"/admin/pages/add/notices/noticepage/{ids['notices']}/",
        f"/admin/pages/{ids['notice']}/edit/",
        f"/admin/pages/{ids['in_moderation']}/edit/",
        f"/admin/pages/{ids['notice']}/history/",
        f"/admin/pages/{ids['notice']}/unpublish/",
        f"/admin/pages/{ids['notice']}/privacy/",
        "/admin/pages/search/?q=%E8%B4%A2%E5%8A%A1",
        "/admin/residents/",
        "/admin/residents/register/",
        "/admin/residents/roll/",
        "/admin/audit/",
        "/admin/notices/calendar/",
        "/admin/notices/questions/",
        "/admin/council/meetings/",
        "/admin/council/meetings/new/",
        f"/admin/council/meetings/edit/{ids['meeting']}/",
        f"/admin/council/meetings/{ids['meeting']}/attendance/",
        "/admin/council/terms/",
        "/admin/council/councils/",
        "/admin/council/delegations/",
        "/admin/council/vote/",
        "/admin/council/proposals/",
        "/admin/rules-revisions/",
        f"/admin/rules-revisions/{ids['revision']}/",
        "/admin/requests/",
        "/admin/requests/new/",
        "/admin/consultations/moderation/",
        "/admin/consultations/outcomes/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/account/",
    ]
    county = [
        "/admin/",
        "/admin/pages/",
        "/admin/snippets/home/village/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/reports/workflow/",
        "/admin/locales/",
        "/admin/collections/",
        "/admin/redirects/",
    ]
    return {
        "committee-dongshan": committee,
        "township": [
            "/admin/",
            "/admin/requests/",
            "/admin/rules-revisions/",
            f"/admin/rules-revisions/{ids['revision']}/",
        ],
        "gridworker": ["/admin/", "/admin/requests/", "/admin/requests/new/"],
        "admin": county,
    }


def test_the_main_admin_screens_have_no_untranslated_english(db, client, county):
    problems = []
    titles = set(Page.objects.values_list("title", flat=True))
    for username, urls in _screens(county).items():
        client.force_login(get_user_model().objects.get(username=username))
        for url in urls:
            response = client.get(url, **ZH)
            if response.status_code != 200:
                problems.append(f"{username} {url}: HTTP {response.status_code}")
                continue
            html = response.content.decode()
            # Account names ("township") and the role groups' names, which the code looks groups up by, are data.
            # Page titles are content: the English tree's titles show in the site history.
            data = frozenset(county["usernames"] | set(roles.GLOBAL_GROUPS) | titles)
            leaks = untranslated(html, data)
            phrases = english_phrases(html, data)
            problems += [f"{username} {url}: {leak}" for leak in leaks]
            problems += [f"{username} {url}: English phrase {phrase!r}" for phrase in phrases]
    assert not problems, "\n".join(problems)


def test_the_sweep_catches_what_it_knows():
    """The sweep itself: each English string that issue 20 found in the admin is caught, also with a value."""
    shown = [
        "The page could not be created due to validation errors.",
        '219 Pages <span class="w-sr-only">created in 村务通</span>',
        '<input placeholder="Search all pages…">',
        "Exploring",
        "New: 会议",
        "This 页面 is currently awaiting moderation.",
        "Autosave is paused",
        "Privacy and access",
    ]
    for html in shown:
        assert untranslated(f"<p>{html}</p>"), html
    assert english_phrases("<p>提交给Moderators approval</p><td>Moderators approval</td>") == ["Moderators approval"]
    assert not untranslated("<p>页面有填写错误，没有创建。</p><p>219 个页面</p><p>Wagtail 8.0.1</p>")
    # An English page title is content: quoted in a Chinese sentence it is not a leak, but the words of a
    # message around it still are.
    renamed = "<p>已从“低保须知”重命名为“Applying for the allowance”</p>"
    assert untranslated(renamed)
    assert not untranslated(renamed, frozenset({"Applying for the allowance", "低保须知"}))
    assert untranslated("<p>Exploring: 低保须知</p>", frozenset({"低保须知"}))


def test_a_validation_error_on_a_new_page_is_in_chinese(db, client, county):
    client.force_login(get_user_model().objects.get(username="committee-dongshan"))
    add = reverse("wagtailadmin_pages:add", args=["notices", "noticepage", county["notices"]])
    form = {"title": "", "date": "2026-12-01", "summary": "", "body-count": "0", "action-publish": "1"}
    for formset in ("comments", "attachments"):
        form |= {f"{formset}-{key}": value for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}
    response = client.post(add, form, **ZH)
    html = response.content.decode()
    assert response.status_code == 200
    assert "页面有填写错误，没有创建。请看下面标出的栏目。" in html
    assert "could not be created" not in html


def test_dashboard_explorer_and_moderation_wording(db, client, county):
    client.force_login(get_user_model().objects.get(username="committee-dongshan"))
    dashboard = client.get("/admin/", **ZH).content.decode()
    assert "搜索全部页面…" in dashboard and re.search(r"\d+ 个页面", dashboard)
    explorer = client.get(f"/admin/pages/{county['notices']}/", **ZH).content.decode()
    assert "已发布" in explorer and "在用" not in explorer
    moderated = client.get(f"/admin/pages/{county['in_moderation']}/edit/", **ZH).content.decode()
    assert "发布审核" in moderated and "Moderators approval" not in moderated
    menu = client.get("/admin/", **ZH).content.decode()
    assert "分页" not in menu and "举报次数" not in menu  # the menu's 页面 and 报告, not the project's other words


def test_the_audit_log_spells_out_its_details(db, client, county):
    client.force_login(get_user_model().objects.get(username="committee-dongshan"))
    html = client.get("/admin/audit/", {"action": "village_rules.revision.file"}, **ZH).content.decode()
    assert "原阶段：审议通过，待备案" in html and "新阶段：备案公布" in html
    assert "from: adopted" not in html


def test_the_committee_may_delete_only_never_published_drafts(db, client, county):
    client.force_login(get_user_model().objects.get(username="committee-dongshan"))
    explorer = client.get(f"/admin/pages/{county['notices']}/", **ZH).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[county["notice"]]) not in explorer


def test_zh_hant_uses_taiwan_and_hong_kong_wording(db, client, county):
    client.force_login(get_user_model().objects.get(username="committee-dongshan"))
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "搜尋" in html and "搜索" not in html
    assert not untranslated(html)
    # The sidebar's menu comes as JSON for its script: the words themselves, from the catalogues. (Looked up
    # through a name makemessages does not scan, so these Wagtail msgids do not enter the project's catalogue.)
    look_up = translation.gettext
    with translation.override("zh-hant"):
        assert (look_up("Log out"), look_up("Sign in"), look_up("Settings")) == ("登出", "登入", "設定")
    with translation.override("zh-hans"):
        assert (look_up("Log out"), look_up("Pages"), look_up("Reports")) == ("退出登录", "页面", "报告")
