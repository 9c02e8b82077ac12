"""Export and account deletion of consultation data; refusing to delete what ballots point to."""

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from consultations import services
from consultations.models import BallotBox, Comment, ConsultationPage, Participation, Proposal, Question, Support
from consultations.privacy import contributions
from residents.privacy import delete_account, export_user_data

from .conftest import AFTER_CLOSE, IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db


def test_export_has_what_is_theirs_and_keeps_secret_ballots_secret(consultation, make_question, make_resident):
    resident = make_resident()
    secret, open_ = make_question(), make_question(text="公开表决", mode=Question.Mode.OPEN)
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        services.submit_proposal(consultation, resident, title="我的提案", text="内容")
        neighbours = services.submit_proposal(consultation, make_resident(), title="邻居的提案", text="内容")
        services.support(neighbours, resident)  # one's own proposal cannot be supported
        services.add_comment(consultation, resident, "我的评论")
    with time_machine.travel(IN_VOTING, tick=False):
        services.cast_ballot(secret, resident, [services.ensure_options(secret)[0].pk])
        services.cast_ballot(open_, resident, [services.ensure_options(open_)[1].pk])
    data = export_user_data(resident.user)["consultations"]
    assert [p["title"] for p in data["proposals"]] == ["我的提案"]
    assert data["supports"][0]["proposal"] == "邻居的提案" and "我的评论" in data["comments"][0]["text"]
    votes = {v["question"]: (v["choices"], bool(v["receipt"])) for v in data["votes"]}
    # An open ballot with its choice and receipt; a secret one only as taken part in, with no receipt at all.
    assert votes == {"是否同意改造方案？": (None, False), "公开表决": (["No"], True)}
    listed = {row["title"]: row["meta"] for row in contributions(resident.user)}
    assert "receipt" in listed["公开表决"] and "secret ballot" in listed["是否同意改造方案？"]


def test_deletion_keeps_counted_contributions_under_a_deleted_user(client, consultation, make_question, make_resident):
    resident, reader = make_resident(), make_resident()
    question = make_question()
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        services.submit_proposal(consultation, resident, title="保留的提案", text="内容")
        services.support(services.submit_proposal(consultation, reader, title="读者的提案", text="内容"), resident)
        comment = services.add_comment(consultation, reader, "别人的评论")
        services.report_comment(comment, resident.user)
    with time_machine.travel(IN_VOTING, tick=False):
        services.cast_ballot(question, resident, [services.ensure_options(question)[0].pk])
    delete_account(resident.user)
    resident.refresh_from_db()
    assert resident.is_deleted and resident.user is None
    assert Proposal.objects.get(title="保留的提案").author == resident and Support.objects.count() == 1
    assert Participation.objects.count() == BallotBox.objects.get(question=question).ballots == 1
    assert Comment.objects.get().report_count == 1
    with time_machine.travel(AFTER_CLOSE, tick=False):
        page = client.get(consultation.url).content.decode()
    assert "保留的提案" in page and "已注销用户" in page


def _editor(committee_member, village_page):
    user = committee_member(village_page.village)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_removing_a_question_with_ballots_is_refused_in_the_editor(
    client, consultation, make_question, make_resident, admin_user
):
    question = make_question()
    with time_machine.travel(IN_VOTING, tick=False):
        services.cast_ballot(question, make_resident(), [services.ensure_options(question)[0].pk])
    client.force_login(admin_user)
    url = f"/admin/pages/{consultation.pk}/edit/"
    # The editor's form as a browser posts it, with the question marked for deletion.
    options = services.ensure_options(question)
    post = nested_form_data(
        {
            "title": consultation.title,
            "slug": consultation.slug,
            "date": "2026-01-01",
            "summary": consultation.summary,
            "audience": "residents",
            "body": streamfield([]),
            # As the editor shows them: in the portal's time zone (a shifted date would be a moved date).
            **{key: timezone.localtime(OPENINGS[key]).strftime("%Y-%m-%d %H:%M") for key in OPENINGS},
            "questions": inline_formset(
                [
                    {
                        "id": question.pk,
                        "DELETE": "1",
                        "text": question.text,
                        "kind": question.kind,
                        "max_choices": 1,
                        "mode": question.mode,
                        "rule": question.rule,
                        "options": inline_formset([{"id": o.pk, "label": o.label} for o in options], initial=3),
                    }
                ],
                initial=1,
            ),
        }
    )
    response = client.post(url, post)
    assert response.status_code in (200, 400), response.status_code
    assert "不能删除" in response.content.decode()  # the admin speaks the editor's language
    assert Question.objects.filter(pk=question.pk).exists()


def test_deleting_a_consultation_with_ballots_is_refused_with_a_message(
    client, consultation, make_question, make_resident, admin_user
):
    question = make_question()
    with time_machine.travel(IN_VOTING, tick=False):
        services.cast_ballot(question, make_resident(), [services.ensure_options(question)[0].pk])
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{consultation.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "不能删除" in response.content.decode()
    assert ConsultationPage.objects.filter(pk=consultation.pk).exists()
