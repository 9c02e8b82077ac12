"""Editing a consultation never fails with a server error, and what was counted stays as it was (DOMAIN §4).

The rules are the page's (ConsultationPage.locked_changes, consultations/locks.py); they hold in the page editor
(a message next to what changed, the typed values kept) and on every other save path (a script, publishing a
revision), where the save is refused.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations import locks, services
from consultations.models import BallotBox, ConsultationPage, Option, Question

from .conftest import AFTER_CLOSE, IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
OPENS, CLOSES = OPENINGS["voting_opens"], OPENINGS["results_open"]
HOUR = datetime.timedelta(hours=1)


def _openings(**changes):
    base = {"information": None, "proposals": None, "deliberation": None, "voting": OPENS, "results": CLOSES}
    return {**base, **changes}


@pytest.mark.parametrize(
    ("now", "counted", "new", "locked"),
    [
        # Before voting opens anything may move, ballots or not (there cannot be any).
        (OPENS - HOUR, False, _openings(voting=OPENS + HOUR), set()),
        # While voting is open with ballots: the closing may move to a moment still to come, never into the past,
        # and the opening does not move.
        (IN_VOTING, True, _openings(results=CLOSES + 24 * HOUR), set()),
        (IN_VOTING, True, _openings(results=IN_VOTING + HOUR), set()),
        (IN_VOTING, True, _openings(results=IN_VOTING - HOUR), {"results_open"}),
        (IN_VOTING, True, _openings(voting=OPENS + HOUR), {"voting_opens"}),
        (IN_VOTING, True, _openings(voting=None), {"voting_opens"}),
        # Without ballots yet, an open vote may still be rescheduled.
        (IN_VOTING, False, _openings(voting=OPENS + HOUR), set()),
        # Once closed, its dates stay: moving the closing later would reopen it, earlier or away would change it.
        (AFTER_CLOSE, True, _openings(results=AFTER_CLOSE + 24 * HOUR), {"results_open"}),
        (AFTER_CLOSE, False, _openings(results=AFTER_CLOSE + 24 * HOUR), {"results_open"}),
        (AFTER_CLOSE, True, _openings(results=None), {"results_open"}),
        (AFTER_CLOSE, True, _openings(voting=OPENS - HOUR), {"voting_opens"}),
        (AFTER_CLOSE, True, _openings(), set()),
        # The exact moment of closing is closed (an opening equal to now is open: phases.current_phase).
        (CLOSES, True, _openings(results=CLOSES + HOUR), {"results_open"}),
    ],
)
def test_which_phase_dates_may_change(now, counted, new, locked):
    assert set(locks.date_changes(_openings(), new, counted=counted, now=now)) == locked


@pytest.fixture
def voted(consultation, make_resident):
    """A published consultation with a counted yes/no and a counted single-choice question."""
    consultation.questions = [
        Question(text="是否同意改造方案？"),
        Question(text="先修哪一段？", kind=Question.Kind.SINGLE, options=[Option(label="东段"), Option(label="西段")]),
    ]
    consultation.save_revision().publish()
    first, second = Question.objects.filter(page=consultation).order_by("sort_order", "pk")
    voter = make_resident()
    services.cast_ballot(first, voter, [services.ensure_options(first)[0].pk], now=IN_VOTING)
    services.cast_ballot(second, voter, [second.options.first().pk], now=IN_VOTING)
    return ConsultationPage.objects.get(pk=consultation.pk)


def _editor_post(page, *, question_changes=None, dates=None, drop_second=False):
    questions = []
    for number, question in enumerate(Question.objects.filter(page=page).order_by("sort_order", "pk")):
        fields = {
            "id": question.pk,
            "text": question.text,
            "kind": question.kind,
            "max_choices": question.max_choices,
            "mode": question.mode,
            "rule": question.rule,
            "options": inline_formset(
                [{"id": o.pk, "label": o.label} for o in question.options.order_by("sort_order", "pk")],
                initial=question.options.count(),
            ),
        }
        if number == 1 and drop_second:
            fields["DELETE"] = "1"
        if number == 0 and question_changes:
            fields.update(question_changes)
        questions.append(fields)
    openings = {key: getattr(page, key) for key in OPENINGS} | (dates or {})
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": page.date.isoformat(),
            "summary": page.summary,
            "audience": page.audience,
            "body": streamfield([]),
            # As the editor shows them: in the portal's time zone (a shifted date would be a moved date).
            **{key: timezone.localtime(value).strftime("%Y-%m-%d %H:%M") for key, value in openings.items()},
            "questions": inline_formset(questions, initial=len(questions)),
            "action-publish": "publish",
        }
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"question_changes": {"text": "是否同意新的方案？"}}, "can no longer be changed"),
        ({"question_changes": {"mode": "open"}}, "can no longer be changed"),
        ({"drop_second": True}, "cannot be removed"),
        ({"dates": {"results_open": AFTER_CLOSE + datetime.timedelta(days=30)}}, "its dates cannot change"),
    ],
)
def test_the_editor_refuses_changes_to_what_was_counted_with_a_message(client, voted, admin_user, change, message):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    with time_machine.travel(AFTER_CLOSE, tick=False):
        response = client.post(
            f"/admin/pages/{voted.pk}/edit/", _editor_post(voted, **change), HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200  # the form again, not a server error and not a save
    assert message in response.content.decode()
    assert Question.objects.filter(page=voted).count() == 2
    assert Question.objects.filter(page=voted).order_by("sort_order", "pk").first().text == "是否同意改造方案？"
    assert ConsultationPage.objects.get(pk=voted.pk).results_open == CLOSES


def test_editing_words_around_the_ballot_publishes_and_updates_the_other_trees(
    client, translated_trees, voted, admin_user
):
    """The regression: publishing a consultation with choice questions and aliases was a 500 (ProtectedError in
    Page.update_aliases deleting the aliases' questions), yet went live."""
    create_aliases_for_new_page(voted)
    client.force_login(admin_user)
    post = _editor_post(voted)
    post["summary"] = "更新后的说明"
    with time_machine.travel(IN_VOTING, tick=False):
        response = client.post(f"/admin/pages/{voted.pk}/edit/", post)
    assert response.status_code == 302
    for page in ConsultationPage.objects.filter(translation_key=voted.translation_key):
        assert page.summary == "更新后的说明", page.locale
        assert Question.objects.filter(page=page).count() == 2
    first = Question.objects.filter(page=voted).order_by("sort_order", "pk").first()
    assert BallotBox.objects.get(question=first).ballots == 1


def test_a_script_or_an_old_revision_cannot_reopen_a_closed_vote(voted):
    old_revision = voted.latest_revision
    page = ConsultationPage.objects.get(pk=voted.pk)
    page.results_open = AFTER_CLOSE + datetime.timedelta(days=30)
    with time_machine.travel(AFTER_CLOSE, tick=False), pytest.raises(ValidationError):
        page.save_revision()
    with time_machine.travel(IN_VOTING, tick=False):
        page.save_revision()  # while voting is open, the closing may still move later
    with time_machine.travel(AFTER_CLOSE, tick=False):
        # Publishing the old revision (the same dates as stored) is fine; the newer one would reopen the vote.
        old_revision.publish()
        with pytest.raises(ValidationError):
            ConsultationPage.objects.get(pk=voted.pk).latest_revision.publish()
    assert ConsultationPage.objects.get(pk=voted.pk).results_open == CLOSES


def test_an_old_revision_publishes_without_replacing_options_that_ballots_count(consultation, make_resident):
    """A revision saved before a script stored the yes/no options (services.ensure_options) holds copies of them
    without ids; publishing it keeps the stored ones, which the ballot box counts."""
    question = Question.objects.create(page=consultation, text="是否同意？")
    old_revision = ConsultationPage.objects.get(pk=consultation.pk).save_revision()
    yes = services.ensure_options(question)[0]
    services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    with time_machine.travel(IN_VOTING, tick=False):
        old_revision.publish()
    assert Option.objects.filter(question=question, role="yes").get() == yes
    assert BallotBox.objects.get(question=question).votes_for(yes.pk) == 1


def test_an_option_with_counted_secret_votes_cannot_be_deleted_by_any_path(consultation, make_resident):
    from django.db.models.deletion import ProtectedError

    question = Question.objects.create(page=consultation, text="是否同意？")
    yes, no, _abstain = services.ensure_options(question)
    services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    no.delete()  # uncounted: may go
    with pytest.raises(ProtectedError), transaction.atomic():
        Option.objects.filter(pk=yes.pk).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        question.delete()
    assert Option.objects.filter(pk=yes.pk).exists()
