"""Every public page type renders in the same number of queries with a little and with a lot of content.

One village with a page of every type; then notices, proposals with comments and supports, a vote with
ballots, council meetings with motions, legal-education articles and legal-aid contacts are added twice: one
of each, then many more. Each page's query count must not change, and stays within a budget.
"""

import datetime
import itertools

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from consultations import services as consultation_services
from consultations.models import Comment, ConsultationPage, Option, Proposal, Question, Support
from council import services as council_services
from council.models import AgendaItem, CouncilMember, CouncilPage, CouncilTerm, Meeting
from home.models import VillagePage
from legal_aid.models import LegalAidContact, LegalEducationIndexPage, LegalEducationPage
from legal_aid.models.contacts import LegalAidKind
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from residents.models import Resident
from tests.page_tree import build_every_page_type
from village_rules.models import RuleRevisionPage, VillageRulesPage

pytestmark = pytest.mark.slow

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 25, 10, tzinfo=UTC)
# The budget for an uncached public page. Measured with the cached lookups and page tree a running server
# has (home/lookups.py, home/treecache.py): portal home 2, index pages 1-4, notice 2, village 6, council 5, a
# meeting 11 (a sub-page route: routed from the database), consultation with its vote, results, a page of proposals
# and the comment threads 7, search 3. Routing, language links, breadcrumbs, the village and the view restriction
# check cost nothing beyond the page's own rows.
BUDGET = 12
_numbers = itertools.count(1)


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths) the way a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:  # a streamed export queries while it is read: count those too
            response.getvalue()
    assert response.status_code == 200, url
    return len(queries)


def _resident(village) -> Resident:
    number = next(_numbers)
    user = get_user_model().objects.create_user(username=f"qc{number}", password="x")
    return Resident.objects.create(
        user=user, village=village, display_name=f"村民{number}", verification=Resident.Verification.VERIFIED
    )


def _add_content(pages: dict, village, count: int) -> None:
    """`count` more of everything a public page lists."""
    notice_index = pages[NoticeIndexPage]
    education = pages[LegalEducationIndexPage]
    consultation = pages[ConsultationPage]
    categories = list(NoticeCategory.objects.all())
    today = NOW.date()
    residents = [_resident(village) for _ in range(2)]
    term = CouncilTerm.objects.filter(council__village=village).first()
    for _ in range(count):
        number = next(_numbers)
        notice_index.add_child(
            instance=NoticePage(
                title=f"公告{number}",
                slug=f"n{number}",
                date=today,
                category=categories[number % len(categories)],
                summary="摘要",
            )
        )
        education.add_child(instance=LegalEducationPage(title=f"学法{number}", slug=f"e{number}", date=today))
        proposal = Proposal.objects.create(
            page=consultation, author=residents[0], title=f"提案{number}", text="<p>x</p>"
        )
        Support.objects.create(proposal=proposal, resident=residents[1])
        top = Comment.objects.create(page=consultation, author=residents[1], text="评论", proposal=proposal)
        Comment.objects.create(page=consultation, author=residents[0], text="回复", parent=top)
        Comment.objects.create(page=consultation, author=residents[0], text="总评")
        contact = LegalAidContact.objects.create(kind=LegalAidKind.choices[0][0], name=f"律所{number}", phone="12348")
        contact.villages.add(village)
        CouncilMember.objects.create(term=term, name=f"理事{number}", role="member")
        meeting = council_services.record_meeting(
            None, village, kind="council", title=f"会议{number}", date=today, present_persons=1
        )
        item = AgendaItem.objects.create(meeting=meeting, title=f"议题{number}")
        council_services.record_motion(None, item, "同意", yes=1, publish_resolution=False)
    Question.objects.filter(page=consultation).update(closed_at=None)  # reopened to add ballots, closed below
    question = Question.objects.filter(page=consultation).first()
    options = list(Option.objects.filter(question=question))
    with time_machine.travel(consultation.voting_opens + datetime.timedelta(hours=1), tick=False):
        for number, resident in enumerate([_resident(village) for _ in range(count)]):
            consultation_services.cast_ballot(question, resident, [options[number % len(options)].pk])
    consultation_services.close_question(question, now=NOW)  # so that the receipts are published too


@pytest.fixture
def every_page(make_village, without_locale_sync):
    village = make_village(code="dongshan", name="东山村")
    pages = build_every_page_type(VillagePage.objects.get(village=village, locale=Locale.get_default()))
    consultation = pages[ConsultationPage]
    for name, days in (("information_opens", -40), ("proposals_open", -30), ("deliberation_opens", -20)):
        setattr(consultation, name, NOW + datetime.timedelta(days=days))
    consultation.voting_opens = NOW - datetime.timedelta(days=10)
    consultation.results_open = NOW - datetime.timedelta(days=1)
    consultation.save()
    question = Question.objects.create(page=consultation, text="是否同意改造方案？")
    consultation_services.ensure_options(question)
    CouncilTerm.objects.create(
        council=council_services.council_of(village),
        name="第一届",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
    )
    return village, pages


def _urls(pages: dict, village) -> list[str]:
    council = pages[CouncilPage]
    meeting = Meeting.objects.filter(village=village).order_by("pk").first()
    consultation = pages[ConsultationPage]
    rules = pages[VillageRulesPage]
    return [
        *(page.url for page in pages.values()),
        pages[NoticeIndexPage].url + "archive/",
        council.url + council.reverse_subpage("meeting", args=[meeting.pk]),
        f"/zh-hans/consultations/{consultation.pk}/results.csv",
        rules.url,
        pages[RuleRevisionPage].url,
        "/zh-hans/search/?q=公告",
        "/zh-hans/search/?q=学法",
    ]


def test_every_public_page_type_costs_the_same_queries_with_little_and_much_content(client, every_page, cached_lookups):
    village, pages = every_page
    with time_machine.travel(NOW, tick=False):
        _add_content(pages, village, 1)
        urls = _urls(pages, village)
        small = {url: _queries_for(client, url) for url in urls}

        _add_content(pages, village, 6)
        assert Proposal.objects.count() == 7 and Meeting.objects.count() == 7
        large = {url: _queries_for(client, url) for url in urls}

    assert large == small
    assert max(small.values()) <= BUDGET, small
