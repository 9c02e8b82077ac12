"""Reports and follows obey the audience of comments: the attack was a signed-in account of another village (or an
unverified one) reporting comments and following consultations anywhere, flooding another committee's queue and
reading its news. Each action is tried by each kind of outsider, through the URL and through the service."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from consultations import services as consultation_services
from consultations.models import Audience, CommentReport, Proposal
from consultations.rules import can_follow, can_report_comment
from notifications.models import Follow
from residents.models import Resident
from tests.consultations.conftest import OPENINGS, add_consultation
from tests.village_rules.conftest import chapters
from village_rules import services as rule_services
from village_rules.models import ArticleCommentReport, RuleRevisionPage, RulesVersion, VillageRulesPage
from village_rules.rules import can_report_comment as can_report_rule_comment

pytestmark = pytest.mark.django_db
NOW = OPENINGS["proposals_open"] + datetime.timedelta(days=1)
OUTSIDERS = ["other_village", "unverified", "not_in_audience", "deleted"]


@pytest.fixture
def people(without_locale_sync, village_page, make_village, make_user):
    village = village_page.village
    other = make_village(code="xihe", name="西河村")

    def resident(name, village=village, **fields):
        fields.setdefault("verification", "verified")
        return Resident.objects.create(user=make_user(name), village=village, display_name=name, **fields)

    deleted = resident("deleted", is_representative=True)
    deleted.deleted_at = timezone.now()
    deleted.save()
    return {
        "author": resident("author", is_representative=True),
        "member": resident("member", is_representative=True),
        "other_village": resident("other_village", village=other, is_representative=True),
        "unverified": resident("unverified", verification="unverified", is_representative=True),
        "not_in_audience": resident("not_in_audience"),  # verified, but the consultation is for representatives
        "deleted": deleted,
    }


@pytest.fixture
def targets(people, village_page):
    with time_machine.travel(NOW, tick=False):
        page = add_consultation(village_page)
        page.audience = Audience.REPRESENTATIVES
        page.save_revision().publish()
        proposal = consultation_services.submit_proposal(page, people["author"], title="修桥", text="<p>桥坏了</p>")
        comment = consultation_services.add_comment(page, people["author"], "<p>同意</p>", proposal=proposal)
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
    rule_comment = rule_services.add_comment(revision, people["author"].user, "第一条写得好", 1)
    return {"page": page, "proposal": proposal, "comment": comment, "revision": revision, "rule_comment": rule_comment}


def _actions(targets):
    """(name, URL, POST data, rows that would prove it happened)."""
    page, comment, proposal = targets["page"], targets["comment"], targets["proposal"]
    return [
        (
            "report comment",
            f"/zh-hans/consultations/{page.pk}/comments/{comment.pk}/report/",
            {"reason": "广告"},
            lambda: CommentReport.objects.count(),
        ),
        (
            "follow consultation",
            f"/zh-hans/consultations/{page.pk}/follow/",
            {},
            lambda: Follow.objects.filter(object_id=page.pk).exclude(user__username="author").count(),
        ),
        (
            "follow proposal",
            f"/zh-hans/consultations/{page.pk}/follow/",
            {"proposal": proposal.pk},
            lambda: Follow.objects.filter(object_id=proposal.pk).exclude(user__username="author").count(),
        ),
        (
            "report rule comment",
            f"{targets['revision'].url}comments/{targets['rule_comment'].pk}/report/",
            {},
            lambda: ArticleCommentReport.objects.count(),
        ),
    ]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_are_refused_every_action(people, targets, who):
    client = Client()
    client.force_login(people[who].user)
    for name, url, data, rows in _actions(targets):
        if who == "not_in_audience" and name == "report rule comment":
            continue  # rules revisions are open to every verified resident of the village: he may report there
        with time_machine.travel(NOW, tick=False):
            response = client.post(url, data)
        assert response.status_code == 403, f"{who}: {name} answered {response.status_code}"
        assert rows() == 0, f"{who}: {name} went through"


def test_a_member_of_the_audience_may_do_each(people, targets):
    client = Client()
    client.force_login(people["member"].user)
    for name, url, data, rows in _actions(targets):
        with time_machine.travel(NOW, tick=False):
            assert client.post(url, data).status_code == 302, name
        assert rows() == 1, name


@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_rules_and_services_refuse_too(people, targets, who):
    user = people[who].user
    assert not can_report_comment(user, targets["comment"])
    assert not can_follow(user, targets["page"]) and not can_follow(user, targets["proposal"])
    with pytest.raises(consultation_services.ConsultationError):
        consultation_services.report_comment(targets["comment"], user)
    with pytest.raises(consultation_services.ConsultationError):
        consultation_services.follow(user, targets["proposal"])
    if who != "not_in_audience":
        assert not can_report_rule_comment(user, targets["rule_comment"])
        with pytest.raises(rule_services.RevisionError):
            rule_services.report_comment(targets["rule_comment"], user)


def test_someone_who_moved_away_can_still_stop_following(people, targets):
    """Unfollowing is never refused: news must stop for a resident who left the village."""
    mover = people["member"]
    consultation_services.follow(mover.user, targets["page"])
    Resident.objects.filter(pk=mover.pk).update(village=people["other_village"].village)
    client = Client()
    client.force_login(mover.user)
    response = client.post(f"/zh-hans/consultations/{targets['page'].pk}/follow/", {"unfollow": "1"})
    assert response.status_code == 302 and not Follow.objects.filter(user=mover.user).exists()


def test_outsiders_see_no_report_or_follow_buttons(people, targets):
    client = Client()
    client.force_login(people["other_village"].user)
    with time_machine.travel(NOW, tick=False):
        html = client.get(targets["page"].url).content.decode()
    assert "/follow/" not in html and "/report/" not in html
    assert Proposal.objects.count() == 1
