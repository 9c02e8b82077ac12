"""Names are one line, trimmed and at most 40 characters wherever they are typed; one bad recipient never stops a
batch of e-mails. The attack: a display name ``Wang\\r\\nBcc: …`` made every notification to others fail
(BadHeaderError), because the name goes into the subject ("Wang replied to your comment …")."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from notifications import services as notifications
from residents.forms import OfflineResidentForm, ProfileForm
from residents.models import Resident, single_line

pytestmark = pytest.mark.django_db
INJECTION = "Wang\r\nBcc: everyone@example.org"
REPLY = "%(name)s replied to your comment in “%(title)s”."


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (INJECTION, "Wang Bcc: everyone@example.org"),
        ("  王\u2028秀\t英 \n", "王 秀 英"),
        ("\u202e英秀王\u202c", "英秀王"),  # a direction override, which makes a name read as another
        ("王\x85秀英", "王 秀英"),  # NEL, a line break to some mail software
    ],
)
def test_single_line(typed, stored):
    assert single_line(typed) == stored


def test_signup_stores_the_name_on_one_line(client, village_page):
    response = client.post(
        "/en/accounts/signup/",
        {
            "village": village_page.village.pk,
            "household_number": "0108",
            "real_name": "吴\r\n敏",
            "display_name": INJECTION,
            "email": "wumin@example.org",
            "password1": "a-long-pass-phrase-2026",
            "password2": "a-long-pass-phrase-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    resident = Resident.objects.get(user__email="wumin@example.org")
    assert resident.display_name == "Wang Bcc: everyone@example.org" and resident.real_name == "吴 敏"


def test_profile_and_office_forms_refuse_a_name_too_long_and_trim_the_rest(make_user, village_page):
    resident = Resident.objects.create(user=make_user("v"), village=village_page.village, display_name="王*英")
    form = ProfileForm({"display_name": "长" * 41, "notify_by_email": "on"}, instance=resident)
    assert not form.is_valid() and "display_name" in form.errors
    form = ProfileForm({"display_name": "\n\n" + "长" * 40 + "\r\n", "notify_by_email": "on"}, instance=resident)
    assert form.is_valid(), form.errors
    form.save()
    resident.refresh_from_db()
    assert resident.display_name == "长" * 40
    typed = {"village": village_page.village.pk, "real_name": "孙\n玉珍", "household_number": "0107"}
    villages = type(village_page.village).objects.all()
    office = OfflineResidentForm({**typed, "display_name": INJECTION}, villages=villages)
    assert office.is_valid(), office.errors
    assert office.cleaned_data["real_name"] == "孙 玉珍" and "\n" not in office.cleaned_data["display_name"]


def test_every_save_stores_one_line_whatever_path_it_came_by(village_page):
    """Services and the roll import build Resident rows themselves: the model holds the rule."""
    resident = Resident.objects.create(village=village_page.village, display_name=INJECTION + "x" * 60)
    resident.refresh_from_db()
    assert "\n" not in resident.display_name and len(resident.display_name) == 40


class RefusingBackend(EmailBackend):
    """The mail server refuses one address (a full mailbox, a typo'd domain): the others must still get theirs."""

    def send_messages(self, messages):
        if any("refused@" in address for message in messages for address in message.to):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


@pytest.fixture
def recipients(make_user):
    return [make_user(f"r{n}", email=f"{name}@example.org") for n, name in enumerate(["a", "refused", "c"])]


def test_a_name_with_a_line_break_in_old_data_still_mails_everyone(recipients):
    sent = notifications.notify([u.pk for u in recipients], REPLY, {"name": INJECTION, "title": "修路"})
    assert len(sent) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org", "refused@example.org"]
    assert all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)
    assert all("Bcc" not in m.message() for m in mail.outbox)  # no header was injected


def test_one_refused_address_does_not_stop_the_batch(settings, recipients, caplog):
    settings.EMAIL_BACKEND = "tests.residents.test_names_and_mail.RefusingBackend"
    notifications.notify([u.pk for u in recipients], REPLY, {"name": "王*英", "title": "修路"})
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org"]
    assert "refused@example.org" in caplog.text  # logged, with the recipient, for the office to look at
