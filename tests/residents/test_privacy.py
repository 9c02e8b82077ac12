"""Export everything, delete the account, keep contributions anonymised; no real name or phone in public."""

import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from residents import privacy
from residents.models import Resident, VerificationEvent
from residents.services import verify_resident

REAL_NAME = "欧阳秀梅"
PHONE = "+8613912345678"
EMAIL = "ouyang@example.org"
SECOND_EMAIL = "xiumei@example.net"
USERNAME = "ouyangxm"
HOUSEHOLD = "H-0777"


@pytest.fixture
def person(client, village_a, make_user, committee_member):
    from allauth.account.models import EmailAddress

    user = make_user(USERNAME, email=EMAIL, first_name="秀梅", last_name="欧阳")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=SECOND_EMAIL, verified=False, primary=False)
    resident = Resident.objects.create(
        user=user,
        village=village_a,
        real_name=REAL_NAME,
        display_name="欧*秀梅",
        household_number=HOUSEHOLD,
        phone=PHONE,
        phone_verified=True,
        is_representative=True,
    )
    verify_resident(resident, committee_member(village_a))
    client.force_login(user)
    return resident


@pytest.fixture
def contributions_section():
    """What a later app (proposals, comments) registers; here it keeps a note in memory."""
    store = {"anonymised": []}
    section = privacy.PrivacySection(
        key="test_contributions",
        title="My test proposals",
        export=lambda user: [{"title": "修村口的路"}],
        contributions=lambda user: [{"title": "修村口的路", "url": "/x/"}],
        anonymise=lambda user: store["anonymised"].append(user.pk),
    )
    privacy.register(section)
    yield store
    privacy._sections.pop("test_contributions")


def test_export_contains_everything_stored_about_the_user(client, person, contributions_section):
    response = client.get(reverse("residents:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["username"] == USERNAME and data["account"]["email"] == EMAIL
    assert data["account"]["first_name"] == "秀梅" and data["account"]["last_name"] == "欧阳"
    assert {a["email"] for a in data["email_addresses"]} == {EMAIL, SECOND_EMAIL}
    assert len(data["sessions"]) == 1
    r = data["resident"]
    assert r["real_name"] == REAL_NAME and r["phone"] == PHONE and r["household_number"] == HOUSEHOLD
    assert r["village"] == "东山村" and r["verification"] == "verified" and r["is_representative"] is True
    assert r["verification_history"][0]["action"] == "verified"
    assert r["verified_by"] == "committee-dongshan"
    assert data["test_contributions"] == [{"title": "修村口的路"}]
    assert set(data["account"]["groups"]) >= {"resident", "verified resident"}

    # Every personal field the Resident model has appears in the export.
    personal = {
        "household_number",
        "real_name",
        "display_name",
        "phone",
        "phone_verified",
        "is_representative",
        "is_council_member",
        "rejection_reason",
        "notify_by_email",
        "notify_by_sms",
    }
    assert personal <= set(r)


def test_profile_lists_registered_contributions(client, person, contributions_section):
    html = client.get(reverse("residents:profile")).content.decode()
    assert "My test proposals" in html and "修村口的路" in html


def _all_text_in_database() -> str:
    chunks = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.EmailField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            chunks.extend(str(value) for value in row if value)
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        chunks.append(str(session.get_decoded()))
    return "\n".join(chunks)


def test_deletion_leaves_no_personal_field(client, person, contributions_section):
    user_pk, resident_pk = person.user.pk, person.pk
    assert REAL_NAME in _all_text_in_database()  # the probe can see them before

    response = client.post(reverse("residents:delete"), {"confirm": "注销"})
    assert response.status_code == 302

    text = _all_text_in_database()
    for value in [REAL_NAME, PHONE, "13912345678", EMAIL, SECOND_EMAIL, USERNAME, HOUSEHOLD, "秀梅", "欧*秀梅"]:
        assert value not in text, value
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert contributions_section["anonymised"] == [user_pk]
    # The resident row stays (counted ballots point to it), with nothing personal left.
    resident = Resident.objects.get(pk=resident_pk)
    assert resident.user is None and resident.is_deleted
    assert not VerificationEvent.objects.filter(resident=resident).exists()
    with translation.override("zh-hans"):
        assert resident.public_name == "已注销用户"
    # Signed out.
    assert "_auth_user_id" not in client.session


def test_deletion_needs_confirmation(client, person):
    response = client.post(reverse("residents:delete"), {"confirm": "yes"})
    assert response.status_code == 200
    assert Resident.objects.get(pk=person.pk).user is not None


def test_real_name_and_phone_never_on_public_pages_or_api(client, person, village_a):
    from wagtail.models import Locale

    from home.models import VillagePage

    page = VillagePage.objects.get(village=village_a, locale=Locale.get_default())
    client.logout()
    for url in [
        page.url,
        "/zh-hans/",
        "/api/v2/pages/?limit=100",
        f"/api/v2/pages/{page.pk}/",
        reverse("residents:verification_help"),
    ]:
        body = client.get(url, follow=True).content.decode("utf-8")
        for secret in [REAL_NAME, PHONE, "13912345678", "139****5678", HOUSEHOLD]:
            assert secret not in body, (url, secret)


def test_signed_in_header_shows_the_display_name_not_the_real_name(client, person):
    html = client.get(reverse("residents:verification_help")).content.decode()
    assert "欧*秀梅" in html
    assert REAL_NAME not in html


def test_export_and_delete_need_sign_in(client):
    for name in ["residents:export", "residents:delete", "residents:profile"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("account_login") in response.url
