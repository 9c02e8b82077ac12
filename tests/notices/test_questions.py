"""Residents' queries on a notice (村民质询): verified residents ask, the village's committee answers."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from notices.models import NoticeQuestion
from residents.models import Resident


@pytest.fixture
def notice(make_notice):
    return make_notice(title="十月财务公开")


def resident_of(make_user, village, username="resident", verified=True):
    user = make_user(username)
    Resident.objects.create(
        user=user,
        village=village,
        display_name="王*英",
        verification=Resident.Verification.VERIFIED if verified else Resident.Verification.UNVERIFIED,
    )
    return user


def ask(client, notice, text):
    return client.post(notice.url + "ask/", {"text": text})


def test_verified_resident_asks_and_the_answer_publishes_both(
    client, make_user, notice, village_page, committee_member
):
    client.force_login(resident_of(make_user, village_page.village))
    response = ask(client, notice, "道路维修费21800元，是哪一段路？")
    assert response.status_code == 302
    question = NoticeQuestion.objects.get()
    assert question.village == village_page.village

    # Hidden from others until answered; the asker sees it waiting.
    assert "是哪一段路" in client.get(notice.url).content.decode()
    client.logout()
    assert "是哪一段路" not in client.get(notice.url).content.decode()

    committee = committee_member(village_page.village)
    client.force_login(committee)
    assert "是哪一段路" in client.get(reverse("notices_questions")).content.decode()
    assert "是哪一段路" in client.get(reverse("notices_answer", args=(question.pk,))).content.decode()
    assert client.post(reverse("notices_answer", args=(question.pk,)), {"answer": " "}).status_code == 400
    response = client.post(reverse("notices_answer", args=(question.pk,)), {"answer": "村北生产路1.2公里。"})
    assert response.status_code == 302
    client.logout()
    html = client.get(notice.url).content.decode()
    assert "是哪一段路" in html and "村北生产路1.2公里" in html


def test_unverified_resident_is_refused_with_a_clear_message(client, make_user, notice, village_page):
    client.force_login(resident_of(make_user, village_page.village, verified=False))
    response = ask(client, notice, "请问这笔钱用在哪里？")
    assert response.status_code == 403
    html = response.content.decode()
    assert "请问这笔钱用在哪里？" in html
    with translation.override("zh-hans"):
        message = translation.gettext(
            "Only residents verified by the village committee can ask questions. Ask at the committee office."
        )
    assert 'role="alert"' in html and message in html
    assert not NoticeQuestion.objects.exists()


def test_resident_of_another_village_and_anonymous_users_are_refused(client, make_user, notice, make_village):
    client.force_login(resident_of(make_user, make_village()))
    assert ask(client, notice, "问题").status_code == 403
    client.logout()
    assert ask(client, notice, "问题").status_code == 403
    assert not NoticeQuestion.objects.exists()


def test_questions_with_phone_numbers_are_refused_and_kept_in_the_form(client, make_user, notice, village_page):
    client.force_login(resident_of(make_user, village_page.village))
    response = ask(client, notice, "请回电13812345678")
    assert response.status_code == 400
    assert "请回电13812345678" in response.content.decode()
    assert ask(client, notice, "   ").status_code == 400
    assert not NoticeQuestion.objects.exists()


def test_user_text_is_escaped(client, make_user, notice, village_page, committee_member):
    client.force_login(resident_of(make_user, village_page.village))
    ask(client, notice, "<script>alert(1)</script>为什么？")
    question = NoticeQuestion.objects.get()
    client.force_login(committee_member(village_page.village))
    client.post(reverse("notices_answer", args=(question.pk,)), {"answer": "<b>因为</b>"})
    html = client.get(notice.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;为什么？" in html and "<script>alert" not in html
    assert "&lt;b&gt;因为&lt;/b&gt;" in html


def test_committee_of_another_village_cannot_answer_or_list(
    client, make_user, notice, village_page, make_village, committee_member
):
    client.force_login(resident_of(make_user, village_page.village))
    ask(client, notice, "请问？")
    question = NoticeQuestion.objects.get()
    other_committee = committee_member(make_village())
    client.force_login(other_committee)
    assert client.post(reverse("notices_answer", args=(question.pk,)), {"answer": "越权回答"}).status_code == 403
    assert "请问？" not in client.get(reverse("notices_questions")).content.decode()
    question.refresh_from_db()
    assert question.answer == ""


def test_a_resident_cannot_reach_the_admin_answer_view(client, make_user, notice, village_page):
    user = resident_of(make_user, village_page.village)
    client.force_login(user)
    ask(client, notice, "请问？")
    response = client.post(reverse("notices_answer", args=(NoticeQuestion.objects.get().pk,)), {"answer": "x"})
    assert response.status_code in (302, 403)
    assert NoticeQuestion.objects.get().answer == ""


def test_unanswered_questions_older_than_five_days_are_flagged_on_the_dashboard(
    client, make_user, notice, village_page, committee_member
):
    resident = resident_of(make_user, village_page.village)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(resident)
        ask(client, notice, "请问？")
    assert NoticeQuestion.objects.overdue(start + datetime.timedelta(days=4)).count() == 0
    assert NoticeQuestion.objects.overdue(start + datetime.timedelta(days=6)).count() == 1
    with time_machine.travel(start + datetime.timedelta(days=6)):
        # Signed in then: a staff session idle for six days has ended (portal.staff_security).
        client.force_login(committee_member(village_page.village))
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "notices-disclosure" in html
    assert 'href="/admin/notices/questions/"><span class="w-status w-status--label">1</span>' in html
