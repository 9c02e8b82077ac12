"""Complaints about late or untrue notices (VCOL art. 31): to the township, a deadline in working days on the
official calendar, reminders and escalation to the county, and a village committee that answers but never closes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from home import registry
from notifications.models import Notification
from supervision import services
from supervision.models import COMPLAINT_MAX_LENGTH, Complaint

from .conftest import at

# 国庆 2025: 1–8 October off; Sunday 28 September and Saturday 11 October worked (调休).
FILED = datetime.datetime(2025, 9, 26, 10, 0)  # a Friday


@pytest.fixture
def complainant(village, make_resident):
    return make_resident(village, household="H-200").user


@pytest.fixture
def filed(village, complainant, township, clerk):
    with at(FILED):
        return services.file_complaint(complainant, village, "missing", "九月的财务公开一直没有贴出来。", "2025-08")


def local(moment) -> datetime.datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def test_the_deadline_counts_working_days_across_the_holiday_and_the_makeup_days(filed):
    # 28 Sep (make-up Sunday) is day 1, 1–8 Oct are not counted, 11 Oct (make-up Saturday) is day 6: day 20 is 30 Oct.
    assert local(filed.due_at) == datetime.datetime(2025, 10, 30, 10, 0)


def test_the_deadline_is_configurable(settings, village, complainant):
    settings.SUPERVISION_COMPLAINT_REPLY_WORKING_DAYS = 1
    with at(FILED):
        complaint = services.file_complaint(complainant, village, "missing", "八月财务没有公开。", "2025-08")
    assert local(complaint.due_at) == datetime.datetime(2025, 9, 28, 10, 0)  # the make-up Sunday is a working day


def test_it_goes_to_the_township_and_the_committee_sees_it(filed, township, clerk, complainant):
    assert Notification.objects.filter(recipient=township).count() == 1
    assert Notification.objects.filter(recipient=clerk).count() == 1
    assert not Notification.objects.filter(recipient=complainant).exists()


def test_reminder_then_escalation_once_each(filed, township, county):
    with at(datetime.datetime(2025, 10, 24, 9)):  # four working days left: not yet
        assert services.remind_and_escalate() == 0
    with at(datetime.datetime(2025, 10, 27, 9)):  # three left: the township is reminded, once
        assert services.remind_and_escalate() == 1
        assert services.remind_and_escalate() == 0
    with at(datetime.datetime(2025, 10, 30, 10, 0)):  # the deadline itself is still on time
        assert services.remind_and_escalate() == 0
    with at(datetime.datetime(2025, 10, 30, 10, 1)):
        assert services.remind_and_escalate() == 1
        assert services.remind_and_escalate() == 0
    filed.refresh_from_db()
    assert filed.reminded_at is not None and filed.escalated_at is not None and filed.is_overdue()
    assert Notification.objects.filter(recipient=county, message__contains="escalated").count() == 1


def test_a_closed_complaint_is_not_escalated(filed, township):
    with at(datetime.datetime(2025, 10, 20, 9)):
        services.close_complaint(township, filed, "upheld", "经查属实，已责令村委会于三日内补充公开。")
    with at(datetime.datetime(2025, 11, 3, 9)):
        assert services.remind_and_escalate() == 0
    filed.refresh_from_db()
    assert filed.escalated_at is None and not filed.is_overdue()


def test_the_job_is_registered_with_the_base(filed):
    from home.management.commands.run_periodic_jobs import run_due_jobs

    jobs = {job.name: job.run for job in registry.periodic_jobs()}
    assert jobs["complaints reminded or escalated"] is services.remind_and_escalate
    with at(datetime.datetime(2025, 11, 3, 9)):
        assert run_due_jobs()["complaints reminded or escalated"] == 1


def test_the_village_committee_answers_but_cannot_close(client, filed, clerk, township):
    services.answer_complaint(clerk, filed, "八月账目正在审计，审计后公开。")
    assert filed.status == Complaint.Status.ANSWERED
    with pytest.raises(PermissionDenied):
        services.close_complaint(clerk, filed, "not_upheld", "村委会认为无问题。")
    client.force_login(clerk)
    url = reverse("supervision_complaint", args=[filed.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="finding"' not in page.content.decode()
    assert client.post(url, {"outcome": "not_upheld", "finding": "无问题"}).status_code == 403
    filed.refresh_from_db()
    assert filed.status == Complaint.Status.ANSWERED and not filed.closed_at

    client.force_login(township)
    response = client.post(url, {"outcome": "upheld", "finding": "经查属实，责令补充公开。"})
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.is_closed and filed.closed_by == township and filed.outcome == "upheld"
    with pytest.raises(ValidationError):
        services.answer_complaint(clerk, filed, "补充")


def test_another_villages_committee_does_not_see_it(client, filed, make_village, committee_member):
    other = make_village(code="xihe", name="西河村")
    stranger = committee_member(other)
    client.force_login(stranger)
    # A 404 under /admin/ is redirected by LocaleMiddleware to the language-prefixed path, which is a 404 too.
    assert client.get(reverse("supervision_complaint", args=[filed.pk]), follow=True).status_code == 404
    listing = client.get(reverse("supervision_complaints")).content.decode()
    assert "东山村" not in listing.split("<tbody>")[1]
    with pytest.raises(PermissionDenied):
        services.answer_complaint(stranger, filed, "不是本村")


def test_resident_text_is_checked(village, complainant):
    with pytest.raises(ValidationError) as refused:
        services.file_complaint(complainant, village, "untrue", "会计电话13812345678，账目不实。")
    assert "text" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.file_complaint(complainant, village, "untrue", "账" * (COMPLAINT_MAX_LENGTH + 1))
    with pytest.raises(ValidationError):
        services.file_complaint(complainant, village, "missing", "没有公开", "2025-13")
    assert not Complaint.objects.exists()


def test_the_form(client, village, complainant):
    url = reverse("supervision:new_complaint", args=[village.code])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(complainant)
    page = client.get(url + "?kind=missing&period=2025-08")
    assert page.status_code == 200 and 'value="2025-08"' in page.content.decode()
    bad = client.post(url, {"kind": "untrue", "period": "", "text": "电话13812345678"})
    assert bad.status_code == 400 and "message-error" in bad.content.decode()
    good = client.post(url, {"kind": "missing", "period": "2025-q3", "text": "第三季度村务没有公开。"})
    assert good.status_code == 200
    assert Complaint.objects.get().period == "2025-Q3"


def test_only_verified_residents_of_the_village_file(client, village, make_village, make_resident):
    other = make_village(code="xihe", name="西河村")
    url = reverse("supervision:new_complaint", args=[village.code])
    client.force_login(make_resident(other).user)
    assert client.post(url, {"kind": "missing", "period": "2025-08", "text": "没有公开"}).status_code == 403
    client.force_login(make_resident(village, state="unverified").user)
    assert client.post(url, {"kind": "missing", "period": "2025-08", "text": "没有公开"}).status_code == 403
    assert not Complaint.objects.exists()
    assert client.get(reverse("supervision:new_complaint", args=["nowhere"])).status_code == 404


def test_the_public_list_is_anonymised(client, filed, complainant, township):
    Complaint.objects.filter(pk=filed.pk).update(text="旧记录：联系13812345678")  # stored before the check
    services.close_complaint(township, filed, "partly", "部分属实。")
    html = client.get(reverse("supervision:complaints", args=[filed.village.code])).content.decode()
    resident = complainant.resident
    assert resident.real_name not in html and resident.display_name not in html
    assert "13812345678" not in html and "138****5678" in html
    assert "部分属实。" in html
