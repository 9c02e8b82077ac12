"""What the committee hid is not shown anywhere: not on a page, in the API, a feed, search or an edit form.

The attack from the review: ``GET …/comments/3/edit/`` answered 403, but the textarea held the hidden text. Here a
hidden consultation comment, a hidden comment on a rules revision and a hidden notice question each carry a secret
word; every URL pattern of the portal (from the resolver, with these objects' ids) and every live page, with its
API record, is then requested by a visitor, a neighbour, a resident of another village and the author, and the
secret word must not appear. The author's own data export (PIPL art. 45) is the one place it stays, marked hidden.
"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Page

from consultations import services as consultation_services
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from notices.models.questions import NoticeQuestion
from residents.models import Resident
from tests.consultations.conftest import OPENINGS, add_consultation
from tests.urlwalk import routes
from tests.village_rules.conftest import chapters
from village_rules import services as rule_services
from village_rules.models import RuleRevisionPage, RulesVersion, VillageRulesPage

pytestmark = pytest.mark.django_db
SECRETS = {"consultation": "秘密甲号留言", "revision": "秘密乙号意见", "question": "秘密丙号提问"}
IN_COMMENTS = OPENINGS["information_opens"] + datetime.timedelta(days=1)


def _resident(make_user, village, name: str) -> Resident:
    return Resident.objects.create(user=make_user(name), village=village, display_name=name, verification="verified")


@pytest.fixture
def hidden(without_locale_sync, village_page, make_village, make_user, committee_member):
    village = village_page.village
    author = _resident(make_user, village, "author")
    committee = committee_member(village)
    with time_machine.travel(IN_COMMENTS, tick=False):
        consultation = add_consultation(village_page)
        comment = consultation_services.add_comment(consultation, author, f"<p>{SECRETS['consultation']}</p>")
        consultation_services.moderate_comment(comment, committee, hide=True, reason="含有人身攻击")

    rules = VillageRulesPage.objects.child_of(village_page).get()
    rules.versions = [
        RulesVersion(
            title="2023年版",
            meeting="村民会议",
            adopted_on=datetime.date(2023, 3, 12),
            votes_for=700,
            votes_against=10,
            votes_abstain=5,
            filed_on=datetime.date(2023, 3, 17),
            text=chapters(("总则", ["村民应当遵守法律法规。"])),
        )
    ]
    rules.save_revision().publish()
    today = timezone.localdate()
    revision = rules.add_child(
        instance=RuleRevisionPage(
            title="2026年修订",
            slug="revision-2026",
            opinions_open_on=today - datetime.timedelta(days=5),
            opinions_close_on=today + datetime.timedelta(days=25),
        )
    )
    revision.save_revision().publish()
    article_comment = rule_services.add_comment(revision, author.user, SECRETS["revision"], 1)
    rule_services.moderate_comment(article_comment, committee, hide=True, reason="与条文无关")

    index = NoticeIndexPage.objects.child_of(village_page).get()
    notice = NoticePage(
        title="第三季度村务公开", slug="q3", date=today, category=NoticeCategory.objects.get(slug="affairs")
    )
    index.add_child(instance=notice)
    notice.save_revision().publish()
    NoticeQuestion.objects.create(
        notice=notice, village=village, resident=author, text=SECRETS["question"], answer="已答复", hidden=True
    )
    return {
        "author": author,
        "neighbour": _resident(make_user, village, "neighbour"),
        "stranger": _resident(make_user, make_village(code="xihe", name="西河村"), "stranger"),
        "comment": comment,
        "values": {"page_id": consultation.pk, "comment_id": comment.pk, "code": village.code, "pk": comment.pk},
        "subpages": [f"{revision.url}comments/{article_comment.pk}/report/"],
    }


def _urls(hidden) -> list[str]:
    with translation.override("zh-hans"):
        found = {route.url(**hidden["values"]) for route in routes() if not route.path.startswith("admin/")}
    for page in Page.objects.live().specific():
        if page.url is None:  # the tree's root, above every site
            continue
        found |= {page.url, f"/api/v2/pages/{page.pk}/", f"{page.url}feed/rss/", f"{page.url}feed/atom/"}
    # Searched by the words they share, so that the page echoing the query does not count as a leak.
    found |= {"/zh-hans/search/?q=秘密", "/api/v2/pages/?search=秘密", "/zh-hans/search/?q=留言"}
    return sorted(found | set(hidden["subpages"]))


@pytest.mark.parametrize("who", [None, "neighbour", "stranger", "author"])
def test_no_hidden_text_on_any_route(hidden, who):
    client = Client()
    if who:
        client.force_login(hidden[who].user)
    urls = _urls(hidden)
    assert len(urls) > 60
    with time_machine.travel(IN_COMMENTS, tick=False):
        for url in urls:
            if who == "author" and url.endswith("/accounts/profile/export/"):
                continue  # their own data, marked "hidden_by_moderator" (checked below)
            text = client.get(url, follow=True).content.decode(errors="replace")
            leaked = [word for word in SECRETS.values() if word in text]
            assert not leaked, f"{who or 'visitor'} read {leaked} at {url}"


def test_the_edit_address_is_404_for_anyone_but_the_author(hidden):
    url = f"/zh-hans/consultations/{hidden['values']['page_id']}/comments/{hidden['comment'].pk}/edit/"
    for who in ("neighbour", "stranger"):
        client = Client()
        client.force_login(hidden[who].user)
        with time_machine.travel(IN_COMMENTS, tick=False):
            assert client.get(url).status_code == 404
            assert client.post(url, {"text": "改写"}).status_code == 404
    assert Client().get(url).status_code == 302  # signed out: to the sign-in page, nothing else


def test_the_author_sees_the_committees_notice_and_cannot_rewrite_it(hidden):
    client = Client()
    client.force_login(hidden["author"].user)
    url = f"/zh-hans/consultations/{hidden['values']['page_id']}/comments/{hidden['comment'].pk}/edit/"
    with time_machine.travel(IN_COMMENTS, tick=False):
        page = client.get(url)
        assert page.status_code == 403
        text = page.content.decode()
        assert "含有人身攻击" in text and "<textarea" not in text and SECRETS["consultation"] not in text
        assert client.post(url, {"text": "我改好了"}).status_code == 403
        with pytest.raises(consultation_services.ConsultationError):
            consultation_services.edit_comment(hidden["comment"], hidden["author"], "我改好了")
    hidden["comment"].refresh_from_db()
    assert SECRETS["consultation"] in hidden["comment"].text and hidden["comment"].is_hidden
    export = client.get("/zh-hans/accounts/profile/export/").json()
    assert '"hidden_by_moderator": true' in str(export).replace("True", "true").replace("'", '"')
