"""A resident is told when the committee verifies or rejects them: in the inbox, and by their channel (e-mail, or
a text message when they signed up with a mobile number only). Issue 20."""

import logging

import pytest
from django.core import mail

from notifications.models import Notification
from residents import services, tasks
from residents.models import Resident

UNVERIFIED = Resident.Verification.UNVERIFIED


@pytest.fixture
def clerk(village_a, committee_member):
    return committee_member(village_a)


def test_verified_by_email_and_in_the_inbox(client, village_a, make_resident, clerk):
    resident = make_resident(village_a, state=UNVERIFIED)
    services.verify_resident(resident, clerk)
    note = Notification.objects.get(recipient=resident.user)
    assert note.message == tasks.VERIFIED_MESSAGE and note.url == "/zh-hans/accounts/profile/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [resident.user.email]
    client.force_login(resident.user)
    inbox = client.get("/zh-hans/notifications/").content.decode()
    assert f"{village_a.name}村委会已核实您的身份" in inbox


def test_rejected_by_text_message_when_there_is_no_email(village_a, make_resident, clerk, caplog):
    resident = make_resident(village_a, state=UNVERIFIED, phone="10000000077")
    resident.user.email = ""
    resident.user.save()
    with caplog.at_level(logging.INFO, logger="residents.sms"):
        services.reject_resident(resident, clerk, "户号与户籍登记不符")
    texts = [record.getMessage() for record in caplog.records if record.name == "residents.sms"]
    assert len(texts) == 1 and "10000000077" in texts[0] and "户号与户籍登记不符" in texts[0]
    assert mail.outbox == []
    assert "户号与户籍登记不符" in Notification.objects.get(recipient=resident.user).text


def test_bulk_approval_tells_each_resident_once(village_a, make_resident, clerk):
    residents = [make_resident(village_a, state=UNVERIFIED) for _ in range(3)]
    services.bulk_verify(residents, clerk)
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(r.user_id for r in residents)
