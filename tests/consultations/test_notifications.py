"""Following consultations and proposals, and what followers hear (in-site list and e-mail)."""

import datetime

import pytest
import time_machine
from django.core import mail

from consultations import committee, services, tasks
from consultations.models import FollowUp, PhaseNotice, Proposal
from notifications import services as notifications
from notifications.models import Follow, Notification

from .conftest import AFTER_CLOSE, OPENINGS

pytestmark = pytest.mark.django_db
IN_PROPOSALS = OPENINGS["proposals_open"]


@pytest.fixture
def author(make_resident):
    resident = make_resident()
    resident.user.email = "author@example.cn"
    resident.user.save()
    return resident


@pytest.fixture
def proposal(consultation, author):
    with time_machine.travel(IN_PROPOSALS, tick=False):
        return services.submit_proposal(consultation, author, title="多装路灯", text="<p>晚上太黑</p>")


def test_authors_follow_their_own_proposal(proposal, author):
    assert notifications.is_following(author.user, proposal)
    assert Follow.objects.count() == 1


def test_status_change_reaches_followers_in_site_and_by_mail(proposal, author, committee_member, village_page):
    clerk = committee_member(village_page.village)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        services.set_proposal_status(proposal, Proposal.Status.SELECTED, "采纳", clerk)
    note = Notification.objects.get(recipient=author.user)
    assert "多装路灯" in note.text and "selected" in note.text
    assert note.url.endswith(f"#proposal-{proposal.pk}")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["author@example.cn"]


def test_opting_out_of_email_keeps_the_in_site_notification(proposal, author, committee_member, village_page):
    author.notify_by_email = False
    author.save()
    with time_machine.travel(IN_PROPOSALS, tick=False):
        services.set_proposal_status(
            proposal, Proposal.Status.NOT_ADOPTED, "不合规", committee_member(village_page.village)
        )
    assert Notification.objects.filter(recipient=author.user).count() == 1
    assert mail.outbox == []


def test_reply_to_own_comment_and_comment_on_followed_proposal(consultation, proposal, author, make_resident):
    neighbour, follower = make_resident(), make_resident()
    notifications.follow(follower.user, proposal)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        first = services.add_comment(consultation, neighbour, "同意", proposal=proposal)
        services.add_comment(consultation, author, "谢谢", parent=first)
    # The neighbour hears of the reply; the follower hears of both comments; the author of the neighbour's.
    assert [n.message for n in Notification.objects.filter(recipient=neighbour.user)] == [tasks.REPLY_MESSAGE]
    assert Notification.objects.filter(recipient=follower.user, message=tasks.COMMENT_MESSAGE).count() == 2
    assert Notification.objects.filter(recipient=author.user).count() == 1  # not told of their own reply


def test_phase_announcement_is_sent_once_per_phase(consultation, make_resident):
    follower = make_resident()
    notifications.follow(follower.user, consultation)
    with time_machine.travel(OPENINGS["voting_opens"] + datetime.timedelta(hours=1), tick=False):
        assert tasks.announce_phases.call() == 1
        assert tasks.announce_phases.call() == 0
    assert Notification.objects.get(recipient=follower.user).message == tasks.PHASE_MESSAGES["voting"]
    assert PhaseNotice.objects.filter(page=consultation, phase="voting").exists()


def test_an_old_phase_is_recorded_without_telling_anyone(consultation, make_resident):
    notifications.follow(make_resident().user, consultation)
    with time_machine.travel(AFTER_CLOSE + datetime.timedelta(days=30), tick=False):
        assert tasks.announce_phases.call() == 0
    assert PhaseNotice.objects.filter(phase="results").exists() and not Notification.objects.exists()


def test_follow_up_reaches_consultation_followers(consultation, make_resident, committee_member, village_page):
    follower = make_resident()
    notifications.follow(follower.user, consultation)
    clerk = committee_member(village_page.village)
    with time_machine.travel(AFTER_CLOSE, tick=False):
        committee.add_follow_up(
            consultation, clerk, stage=FollowUp.Stage.DECIDED, date=datetime.date(2026, 2, 12), text="<p>决定施工</p>"
        )
    note = Notification.objects.get(recipient=follower.user)
    assert note.message == tasks.FOLLOW_UP_MESSAGES["decided"]
    assert "决定施工" in note.text and "<p>" not in note.text  # what changed, not only that something did


def test_inbox_lists_counts_and_marks_read(client, proposal, author, committee_member, village_page):
    with time_machine.travel(IN_PROPOSALS, tick=False):
        services.set_proposal_status(
            proposal, Proposal.Status.MERGED, "与3号合并", committee_member(village_page.village)
        )
    client.force_login(author.user)
    inbox = client.get("/zh-hans/notifications/")
    body = inbox.content.decode()
    assert inbox.status_code == 200 and "多装路灯" in body and "合并" in body  # shown in the reader's language
    note = Notification.objects.get()
    response = client.post("/zh-hans/notifications/read/", {"id": note.pk, "next": note.url})
    assert response.status_code == 302 and response["Location"] == note.url
    note.refresh_from_db()
    assert note.read_at is not None
    # An outside "next" is not followed.
    assert client.post("/zh-hans/notifications/read/", {"next": "https://evil.example/"})["Location"].endswith(
        "/notifications/"
    )


def test_someone_else_cannot_mark_my_notifications(
    client, proposal, author, make_resident, committee_member, village_page
):
    with time_machine.travel(IN_PROPOSALS, tick=False):
        services.set_proposal_status(proposal, Proposal.Status.SELECTED, "采纳", committee_member(village_page.village))
    note = Notification.objects.get()
    client.force_login(make_resident().user)
    client.post("/zh-hans/notifications/read/", {"id": note.pk})
    note.refresh_from_db()
    assert note.read_at is None


def test_follow_and_unfollow_through_the_page(client, consultation, proposal, make_resident):
    visitor = make_resident()
    client.force_login(visitor.user)
    client.post(f"/zh-hans/consultations/{consultation.pk}/follow/")
    client.post(f"/zh-hans/consultations/{consultation.pk}/follow/", {"proposal": proposal.pk})
    assert notifications.is_following(visitor.user, consultation) and notifications.is_following(visitor.user, proposal)
    client.post(f"/zh-hans/consultations/{consultation.pk}/follow/", {"proposal": proposal.pk, "unfollow": "1"})
    assert not notifications.is_following(visitor.user, proposal)
    assert client.get(f"/zh-hans/consultations/{consultation.pk}/follow/").status_code == 405
