"""Other resident forms, sign-up, and the committee screens that take POSTs, under hostile input."""

import pytest
from django.test import Client
from hypothesis import given

from home.models import VillagePage
from notices.models import NoticeIndexPage, NoticePage
from residents.models import Resident
from tests.village_rules.conftest import revision, rules_page  # noqa: F401  (fixtures)
from village_rules.models import ArticleComment

from .conftest import HOSTILE, PAYLOADS, assert_no_5xx, assert_no_script, clean, hostile_text


@pytest.fixture
def people(without_locale_sync, village_page, make_village, make_user, committee_member):
    """A verified resident and the committee of 东山村; a resident waiting for verification in 西河村."""
    theirs = make_village(code="xihe", name="西河村")
    me = Resident.objects.create(
        user=make_user("hostile-me"),
        village=village_page.village,
        display_name="我",
        verification=Resident.Verification.VERIFIED,
    )
    stranger = Resident.objects.create(
        user=make_user("stranger"), village=theirs, display_name="外村人", verification=Resident.Verification.UNVERIFIED
    )
    return {
        "me": me,
        "stranger": stranger,
        "committee": committee_member(village_page.village),
        "theirs": VillagePage.objects.get(village=theirs),
    }


def _resident_posts(village_page, value: str) -> list[tuple[str, dict]]:
    code = village_page.village.code
    notices = NoticeIndexPage.objects.child_of(village_page).get()
    notice = NoticePage.objects.child_of(notices).first()
    posts = [
        ("/zh-hans/accounts/profile/", {"display_name": value, "notify_by_email": value}),
        ("/zh-hans/accounts/profile/delete/", {"confirm": value}),
        ("/zh-hans/notifications/read/", {"id": value, "next": value}),
        (
            f"/zh-hans/requests/{code}/new/",
            {
                "category": value,
                "grid": value,
                "description": value,
                "place": value,
                "address": value,
                "show_publicly": value,
            },
        ),
        (f"/zh-hans/elder-mode/{value[:50] or 'x'}/", {}),
    ]
    if notice is not None:
        posts.append((notice.url + "ask/", {"text": value}))
    return posts


def test_resident_forms_hand_picked(people, village_page, revision):  # noqa: F811
    client = Client()
    client.force_login(people["me"].user)
    posts = _resident_posts(village_page, "")
    for value in PAYLOADS:
        value = clean(value)
        for url, _data in posts:
            data = dict.fromkeys(_data, value)
            assert_no_5xx(client.post(url, data), f"POST {url} {value[:40]!r}")
        for article in (value, "1", "²", str(2**63), "-1"):
            assert_no_5xx(client.post(revision.url + "comment/", {"article": article, "text": value}), "rules")
        assert_no_5xx(client.post(revision.url + f"comments/{2**63}/report/", {"reason": value}), "rules report")
    for (text,) in ArticleComment.objects.values_list("text"):
        assert_no_script(text)
    people["me"].refresh_from_db()
    assert_no_script(people["me"].display_name)


@HOSTILE
@given(value=hostile_text)
def test_resident_forms_generated(people, village_page, value):
    client = Client()
    client.force_login(people["me"].user)
    for url, data in _resident_posts(village_page, clean(value)):
        assert_no_5xx(client.post(url, data), f"POST {url}")


@HOSTILE
@given(value=hostile_text)
def test_sign_up_and_login_generated(db, value):
    value = clean(value)
    client = Client()
    for url, data in (
        ("/zh-hans/accounts/signup/", {"username": value, "email": value, "password1": value, "password2": value}),
        ("/zh-hans/accounts/login/", {"login": value, "password": value}),
    ):
        assert_no_5xx(client.post(url, data), url)


def test_committee_screens_refuse_other_villages_and_bad_numbers(people):
    """Verification, the council vote form: garbage ids, huge and negative numbers, the other village's resident."""
    client = Client()
    client.force_login(people["committee"])
    stranger = people["stranger"]
    for value in [*PAYLOADS, str(stranger.pk)]:
        value = clean(value)
        for url, data in (
            ("/admin/residents/approve/", {"resident": [value, str(stranger.pk)]}),
            ("/admin/residents/approve/", {"resident": value}),
            (f"/admin/residents/{stranger.pk}/approve/", {}),
            (f"/admin/residents/{stranger.pk}/reject/", {"reason": value}),
            (f"/admin/residents/{stranger.pk}/roles/", {"is_representative": value}),
            (
                "/admin/council/vote/",
                {"agenda_item": value, "text": value, "yes": value, "no": "-1", "abstain": str(2**63)},
            ),
            (f"/admin/council/proposals/{2**63}/", {"action": value}),
        ):
            assert_no_5xx(client.post(url, data), f"POST {url} {value[:40]!r}")
    stranger.refresh_from_db()
    assert stranger.verification == Resident.Verification.UNVERIFIED
    assert not stranger.is_representative


@pytest.mark.parametrize(
    "body",
    [b"text=%FF%FE%00&title=\xff\xfe", b"\xc0\xaf\xed\xa0\x80=1", b"id=%ED%A0%80&next=%C0%AF", b"\x00" * 1000],
    ids=["percent-encoded", "raw-key", "surrogate", "nul"],
)
def test_invalid_utf8_request_bodies(people, village_page, body):
    client = Client()
    client.force_login(people["me"].user)
    for url, _data in _resident_posts(village_page, "x"):
        response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
        assert_no_5xx(response, f"POST {url} {body[:20]!r}")
    assert_no_5xx(
        client.generic(
            "POST",
            "/zh-hans/consultations/1/comments/",
            body,
            content_type="application/x-www-form-urlencoded; charset=latin-1",
        ),
        "latin-1",
    )
