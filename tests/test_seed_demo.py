"""seed_demo builds the demo county and can run twice."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Page

from home.models import Village, VillagePage
from notices.models import NoticePage
from residents.models import Resident

pytestmark = pytest.mark.slow


def test_seed_demo_builds_county_and_is_idempotent(db):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Village.objects.count(), Page.objects.count(), NoticePage.objects.count(), Resident.objects.count())

    call_command("seed_demo", stdout=io.StringIO())

    assert counts == (
        Village.objects.count(),
        Page.objects.count(),
        NoticePage.objects.count(),
        Resident.objects.count(),
    )
    assert counts[0] >= 3
    assert all(village.committee_group_id for village in Village.objects.all())
    assert VillagePage.objects.filter(locale__language_code="zh-hans").count() == counts[0]

    assert authenticate(username="admin", password="changeme").is_superuser
    resident = authenticate(username="resident", password="changeme").resident
    assert resident.is_verified and resident.village == Village.objects.order_by("pk").first()
    assert not authenticate(username="newcomer", password="changeme").resident.is_verified
    for village in Village.objects.all():
        committee = authenticate(username=f"committee-{village.code}", password="changeme")
        assert committee is not None and village.committee_group in committee.groups.all()


def test_demo_shows_notifications_follow_up_and_a_photo(db):
    from consultations.models import FollowUp, Proposal
    from notifications.models import Follow, Notification

    call_command("seed_demo", stdout=io.StringIO())
    counts = (Notification.objects.count(), FollowUp.objects.count(), Follow.objects.count())
    call_command("seed_demo", stdout=io.StringIO())

    assert counts == (Notification.objects.count(), FollowUp.objects.count(), Follow.objects.count())
    assert Notification.objects.filter(recipient__username="resident").count() >= 3
    assert FollowUp.objects.filter(proposal__isnull=False).exists() and FollowUp.objects.filter(proposal=None).exists()
    assert Proposal.objects.filter(photo__isnull=False, author__user__username="resident").exists()
