"""The committee's moderation queue and paper-ballot entry in the Wagtail admin."""

import pytest
import time_machine

from consultations import services
from consultations.models import Ballot, Channel, Comment, ModerationEvent

from .conftest import IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db


def _staff(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_moderation_queue_is_per_village_and_hides_without_deleting(
    client, consultation, make_resident, committee_member, village_page, make_village
):
    author = make_resident()
    with time_machine.travel(OPENINGS["information_opens"], tick=False):
        comment = services.add_comment(consultation, author, "难听的话")
    services.report_comment(comment, make_resident().user)
    other = _staff(committee_member(make_village()))
    client.force_login(other)
    assert "难听的话" not in client.get("/admin/consultations/moderation/").content.decode()
    # Another village's comment is not found (the 404 becomes LocaleMiddleware's redirect): nothing changes.
    refused = client.post(f"/admin/consultations/moderation/{comment.pk}/", {"action": "hide", "reason": "x"})
    assert refused.status_code in (302, 404) and not ModerationEvent.objects.exists()

    mine = _staff(committee_member(village_page.village))
    client.force_login(mine)
    assert "难听的话" in client.get("/admin/consultations/moderation/").content.decode()
    client.post(f"/admin/consultations/moderation/{comment.pk}/", {"action": "hide", "reason": "人身攻击"})
    comment.refresh_from_db()
    assert comment.is_hidden and Comment.objects.filter(pk=comment.pk).exists()
    assert ModerationEvent.objects.get().by == mine


def test_paper_ballot_entry(client, consultation, make_question, make_resident, committee_member, village_page):
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    offline = make_resident(login=False)
    clerk = _staff(committee_member(village_page.village))
    client.force_login(clerk)
    with time_machine.travel(IN_VOTING, tick=False):
        page = client.get("/admin/consultations/paper-ballot/")
        assert question.text in page.content.decode()
        data = {"question": question.pk, "resident": offline.pk, "option": yes.pk}
        assert client.post("/admin/consultations/paper-ballot/", data).status_code == 302
        again = client.post("/admin/consultations/paper-ballot/", data)
    assert again.status_code == 400
    ballot = Ballot.objects.get()
    assert ballot.channel == Channel.PAPER and ballot.entered_by == clerk and ballot.resident_id is None
