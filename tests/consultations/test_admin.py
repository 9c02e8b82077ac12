"""The committee's moderation queue and paper-ballot entry in the Wagtail admin."""

import pytest
import time_machine

from consultations import services
from consultations.models import (
    Ballot,
    BallotBox,
    Channel,
    Comment,
    ModerationEvent,
    Option,
    PaperBatch,
    Participation,
    Question,
)

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


def test_paper_ballot_entry_is_one_form_per_resident(
    client, consultation, make_question, make_resident, committee_member, village_page
):
    secret = make_question()
    open_ = make_question(text="施工从哪个月开始？", kind=Question.Kind.SINGLE, mode=Question.Mode.OPEN)
    later = [
        Option.objects.create(question=open_, label=label, sort_order=n) for n, label in enumerate(["一月", "七月"])
    ]
    yes = next(o for o in services.ensure_options(secret) if o.role == "yes")
    offline = make_resident(login=False)
    clerk = _staff(committee_member(village_page.village))
    client.force_login(clerk)
    with time_machine.travel(IN_VOTING, tick=False):
        page = client.get("/admin/consultations/paper-ballot/").content.decode()
        # The only consultation voting now is shown with all its questions on one form.
        assert secret.text in page and open_.text in page and "一月" in page
        data = {
            "consultation": consultation.pk,
            "resident": offline.pk,
            f"question-{secret.pk}": yes.pk,
            f"question-{open_.pk}": later[1].pk,
        }
        done = client.post("/admin/consultations/paper-ballot/", data)
        assert done.status_code == 302
        again = client.post("/admin/consultations/paper-ballot/", data)
    assert again.status_code == 400
    # Refused as a whole, with what the clerk marked still marked.
    assert f'value="{later[1].pk}" checked' in again.content.decode()
    assert Participation.objects.filter(resident=offline, channel=Channel.PAPER, entered_by=clerk).count() == 2
    # The open question keeps who voted what; the secret one only how many this clerk entered today.
    assert Ballot.objects.get().resident == offline and Ballot.objects.get().question == open_
    assert list(PaperBatch.objects.values_list("question", "entered_by", "ballots")) == [(secret.pk, clerk.pk, 1)]
    assert BallotBox.objects.get(question=secret).votes_for(yes.pk) == 1
