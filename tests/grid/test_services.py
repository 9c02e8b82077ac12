"""Every transition through services.act(), with the database: who may, what is recorded, what is refused."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import translation

from grid import services
from grid import workflow as wf
from grid.models import MediationCase, RequestCategory, ResidentRequest
from grid.tasks import close_unrated_requests

from .conftest import MONDAY


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are matched in English (the default language is Chinese)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def walk(request, actor, *steps):
    for action, kwargs in steps:
        request = services.act(request, action, actor, now=MONDAY + dt.timedelta(hours=1), **kwargs)
    return request


def to_replied(filed, worker):
    return walk(
        filed(),
        worker,
        ("accept", {}),
        ("dispatch", {"platform": "bianmin"}),
        ("start", {}),
        ("reply", {"note": "已更换灯泡"}),
    )


def test_filing_sets_deadlines_from_working_days(filed):
    r = filed()
    assert r.status == wf.RECEIVED
    assert r.accept_due == MONDAY + dt.timedelta(days=2)  # Wednesday
    assert r.resolve_due == MONDAY + dt.timedelta(days=9)  # Monday + 7 working days = Wednesday next week
    event = r.events.get()
    assert (event.action, event.to_status) == ("file", wf.RECEIVED)


def test_the_whole_happy_path_records_every_step(filed, worker, resident_user):
    r = to_replied(filed, worker)
    assert r.status == wf.REPLIED and r.platform == "bianmin" and r.replied_at is not None
    r = services.act(r, "rate", resident_user, rating=wf.SATISFIED)
    assert r.status == wf.CLOSED and r.rating == wf.SATISFIED and r.closed_at is not None
    assert [e.action for e in r.events.all()] == ["file", "accept", "dispatch", "start", "reply", "rate"]
    assert all(e.by_id for e in r.events.all())


def test_reject_needs_a_reason_and_closes(filed, committee):
    r = filed()
    with pytest.raises(wf.Refused):
        services.act(r, "reject", committee)
    r = services.act(r, "reject", committee, note="属于法院管辖")
    assert r.status == wf.REJECTED and r.status_notes == "属于法院管辖"
    with pytest.raises(wf.Refused, match="not possible"):
        services.act(r, "accept", committee)


def test_dispatch_needs_a_destination(filed, worker):
    r = walk(filed(), worker, ("accept", {}))
    r.platform = ""
    r.save()
    # accept defaulted the platform; a dispatch without platform nor department uses none given: refused
    with pytest.raises(wf.Refused, match="platform or department"):
        services.act(r, "dispatch", worker)


def test_redispatch_and_escalation(filed, worker, supervisor):
    r = walk(filed(), worker, ("accept", {}), ("dispatch", {"platform": "bianmin"}))
    r = services.act(r, "redispatch", worker, platform="zhifa", department="镇综合执法队", note="属于违建")
    assert (r.status, r.platform, r.department) == (wf.DISPATCHED, "zhifa", "镇综合执法队")
    r = services.act(r, "escalate", supervisor, note="村里解决不了")
    assert r.level == "township"
    r = services.act(r, "escalate", worker, note="需县里协调")
    assert r.level == "county"
    with pytest.raises(wf.Refused, match="already with the county"):
        services.act(r, "escalate", worker, note="再上")


def test_supervision_is_recorded_without_moving_the_request(filed, supervisor, worker):
    r = filed()
    r = services.act(r, "supervise", supervisor, note="请尽快受理")
    assert r.status == wf.RECEIVED and r.supervised_at is not None
    with pytest.raises(wf.Refused, match="may not"):
        services.act(r, "supervise", worker, note="x")


def test_strangers_and_residents_cannot_handle(filed, resident_user, make_user, other_village, committee_member):
    r = filed()
    for user in (resident_user, make_user("stranger"), committee_member(other_village)):
        with pytest.raises(wf.Refused, match="may not"):
            services.act(r, "accept", user)


def test_grid_worker_of_another_village_cannot_handle(filed, worker, other_village, category, committee_member):
    other = services.file_request(
        village=other_village, category=category, description="x", by=committee_member(other_village)
    )
    with pytest.raises(wf.Refused, match="may not"):
        services.act(other, "accept", worker)


def test_only_the_requester_rates(filed, worker, committee):
    r = to_replied(filed, worker)
    with pytest.raises(wf.Refused, match="may not"):
        services.act(r, "rate", committee, rating=wf.SATISFIED)


def test_not_satisfied_reopens_once(filed, worker, resident_user):
    r = to_replied(filed, worker)
    with pytest.raises(wf.Refused, match="why you are not satisfied"):
        services.act(r, "rate", resident_user, rating=wf.DISSATISFIED)
    r = services.act(r, "rate", resident_user, rating=wf.DISSATISFIED, note="还是不亮")
    assert (r.status, r.reopen_count, r.replied_at, r.rating) == (wf.IN_PROGRESS, 1, None, "")
    r = services.act(r, "reply", worker, note="已换线路")
    r = services.act(r, "rate", resident_user, rating=wf.DISSATISFIED)
    assert (r.status, r.rating) == (wf.CLOSED, wf.DISSATISFIED)


def test_residents_are_notified_of_each_step(filed, worker):
    r = filed()
    services.act(r, "accept", worker)
    assert len(mail.outbox) == 1
    assert f"#{r.pk}" in mail.outbox[0].body


def test_filing_on_behalf_needs_a_handler(village, category, resident_user, committee, make_user):
    r = services.file_request(
        village=village, category=category, description="电话反映", by=committee, channel="phone", contact_name="李大爷"
    )
    assert r.channel == "phone" and r.events.get().by == committee
    with pytest.raises(PermissionDenied):
        services.file_request(village=village, category=category, description="x", by=make_user("someone"))


def test_mediation_request_opens_a_case(filed):
    r = filed(category=RequestCategory.objects.get(code="mediation"), show_publicly=False)
    assert MediationCase.objects.get(request=r).subject == "路灯坏了"


def test_overdue_flags_with_frozen_time(filed, worker):
    r = filed()
    with time_machine.travel(MONDAY + dt.timedelta(days=2, minutes=1), tick=False):
        assert r.is_overdue()
        assert ResidentRequest.objects.overdue().count() == 1
    with time_machine.travel(MONDAY + dt.timedelta(days=1), tick=False):
        assert not r.is_overdue()
        r = services.act(r, "accept", worker)
    with time_machine.travel(MONDAY + dt.timedelta(days=8), tick=False):
        assert not r.is_overdue()
    with time_machine.travel(MONDAY + dt.timedelta(days=9, minutes=1), tick=False):
        assert r.is_overdue()
        assert list(ResidentRequest.objects.overdue()) == [r]


def test_unrated_requests_close_after_seven_days(filed, worker):
    r = to_replied(filed, worker)  # replied at MONDAY + 1 h
    with time_machine.travel(MONDAY + dt.timedelta(days=7), tick=False):
        assert services.close_unrated() == 0
    with time_machine.travel(MONDAY + dt.timedelta(days=7, hours=2), tick=False):
        call_command("close_unrated_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    r.refresh_from_db()
    assert r.status == wf.CLOSED and r.rating == ""
    last = r.events.last()
    assert (last.action, last.by) == ("auto_close", None)


def test_close_unrated_task(filed, worker):
    r = to_replied(filed, worker)
    with time_machine.travel(MONDAY + dt.timedelta(days=8), tick=False):
        result = close_unrated_requests.enqueue()
    assert result.return_value == 1
    r.refresh_from_db()
    assert r.status == wf.CLOSED
