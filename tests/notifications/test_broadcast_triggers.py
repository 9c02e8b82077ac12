"""The triggers: an urgent notice published, a consultation opening for comments / voting / results, a meeting
called. Each event is broadcast once, through signals (no view in sight), and publishing again changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from council import services as council_services
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from notifications.models import Broadcast, Notification
from tests.consultations.conftest import OPENINGS, add_consultation

from .conftest import at

pytestmark = pytest.mark.django_db


def _publish_notice(village_page, **fields) -> NoticePage:
    index = NoticeIndexPage.objects.child_of(village_page).get()
    defaults = {"title": "紧急通知：明日停水", "slug": f"n{NoticePage.objects.count()}", "date": timezone.localdate()}
    notice = NoticePage(category=NoticeCategory.objects.get(slug="other"), **{**defaults, **fields})
    index.add_child(instance=notice)
    notice.save_revision().publish()
    return notice


def test_an_urgent_notice_is_broadcast_once_however_often_it_is_published(
    village_page, make_resident, django_capture_on_commit_callbacks
):
    resident = make_resident()
    with django_capture_on_commit_callbacks(execute=True):
        notice = _publish_notice(village_page, urgent=True)
        notice.title = "紧急通知：明日停水（更正时间）"
        notice.save_revision().publish()
        _publish_notice(village_page)  # not urgent: the notice list is enough
    broadcast = Broadcast.objects.get()
    assert (broadcast.kind, broadcast.event, broadcast.urgent) == ("urgent_notice", f"notice:{notice.pk}", True)
    assert broadcast.village == village_page.village and broadcast.url.startswith("/n/")
    assert Notification.objects.filter(recipient=resident.user).count() == 1


def test_an_urgent_notice_no_longer_posted_is_not_news(village_page, make_resident):
    yesterday = timezone.localdate() - datetime.timedelta(days=10)
    _publish_notice(village_page, urgent=True, date=yesterday - datetime.timedelta(days=7), posted_until=yesterday)
    assert not Broadcast.objects.exists()


def _jobs_at(moment):
    with at(moment):
        call_command("run_periodic_jobs", stdout=io.StringIO())


def test_a_consultation_is_broadcast_when_it_opens_for_comments_voting_and_results(
    village_page, make_resident, django_capture_on_commit_callbacks
):
    page = add_consultation(village_page)
    representative = make_resident(is_representative=True)
    page.audience = "representatives"
    page.save()
    make_resident()  # not in the audience
    with django_capture_on_commit_callbacks(execute=True):
        for name, opens in OPENINGS.items():
            _jobs_at(opens + datetime.timedelta(hours=1))
            _jobs_at(opens + datetime.timedelta(hours=2))  # a second run: nothing new
            assert Broadcast.objects.filter(event__endswith=name.split("_")[0]).count() <= 1
    events = sorted(Broadcast.objects.values_list("event", "audience"))
    assert events == [
        (f"consultation:{page.pk}:{moment}", "representatives") for moment in ("comments", "results", "voting")
    ]
    assert Notification.objects.filter(recipient=representative.user, message__contains="%(village)s").count() == 3
    assert Notification.objects.exclude(recipient=representative.user).count() == 0


def test_a_phase_that_opened_long_ago_is_not_broadcast(village_page, make_resident):
    add_consultation(village_page)
    _jobs_at(OPENINGS["results_open"] + datetime.timedelta(days=30))
    assert not Broadcast.objects.exists()


def test_a_meeting_called_is_broadcast_once_and_one_typed_in_afterwards_is_not(
    village_page, make_resident, django_capture_on_commit_callbacks
):
    village = village_page.village
    resident = make_resident()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        called = council_services.record_meeting(
            None, village, kind="assembly", title="村民会议：修路集资", date=today + datetime.timedelta(days=10),
            place="村委会大院",
        )  # fmt: skip
        called.place = "村小学操场"
        called.save()
        council_services.record_meeting(
            None, village, kind="council", title="上月理事会", date=today - datetime.timedelta(days=20)
        )
        council_services.record_meeting(
            None, village, kind="group", title="三组会议", date=today, group_name="第三村民小组"
        )
    broadcast = Broadcast.objects.get()
    assert (broadcast.event, broadcast.kind) == (f"meeting:{called.pk}", "meeting")
    assert broadcast.params["place"] == "村委会大院"
    assert Notification.objects.filter(recipient=resident.user).count() == 1
