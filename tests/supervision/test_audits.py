"""Economic responsibility audits (VCOL art. 35): the departure audit's due day at its boundaries, audit reports on
the notice board behind the personal-data guard, the departure audit on the calendar, and the villagers' demand for
an audit at exactly one fifth of the adults, one signature per resident."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Locale

from council import demand_rules, demand_services
from council.models import DemandSignature
from home.models import VillagePage
from home.privacy.guard import PersonalDataRefused
from notices.models import NoticeIndexPage
from notifications.models import Notification
from supervision import audit_rules, calendar
from supervision.audit_models import AuditReportPage

AUDIT = demand_rules.AUDIT_BY_VILLAGERS
TERM_ENDS = datetime.date(2026, 6, 30)  # the committee elected in 2021; the 2026 election by 30 June
DUE = datetime.date(2026, 6, 29)  # "before the election": the day before the term ends


def frozen(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


@pytest.fixture
def index(village):
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    return NoticeIndexPage.objects.child_of(page).get()


@pytest.fixture
def add_report(index):
    def add(on: datetime.date, kind=AuditReportPage.Kind.DEPARTURE, findings="账目清楚，债务如实登记。", publish=True):
        count = index.get_children_count() + 1
        report = AuditReportPage(
            title=f"村委会主任离任经济责任审计结果{count}",
            slug=f"audit-{count}",
            date=on,
            audit_kind=kind,
            auditor_level=AuditReportPage.Auditor.COUNTY,
            auditor="某县农业农村局",
            audited_from=datetime.date(2021, 7, 1),
            audited_to=on,
            audits_finances=True,
            audits_debts=True,
            findings=findings,
            live=False,
        )
        index.add_child(instance=report)
        revision = report.save_revision()
        if publish:
            revision.publish()
        return report

    return add


# ---- the due day (pure) ----


def test_the_departure_audit_is_due_the_day_before_the_term_ends():
    assert audit_rules.departure_audit_due(TERM_ENDS) == DUE
    assert audit_rules.term_starts_on(TERM_ENDS) == datetime.date(2021, 7, 1)  # five years (art. 11)
    assert audit_rules.term_starts_on(datetime.date(2028, 2, 29)) == datetime.date(2023, 3, 1)  # 28 Feb + 1


def test_due_until_the_due_day_itself_then_late():
    on_due = audit_rules.departure_audit(TERM_ENDS, [], DUE)
    assert (on_due.state, on_due.days_left) == (audit_rules.DUE, 0)
    day_after = audit_rules.departure_audit(TERM_ENDS, [], DUE + datetime.timedelta(days=1))
    assert (day_after.state, day_after.days_late) == (audit_rules.LATE, 1)
    early = audit_rules.departure_audit(TERM_ENDS, [], datetime.date(2026, 1, 1))
    assert (early.state, early.days_left) == (audit_rules.DUE, 179)


def test_published_on_the_due_day_is_on_time_the_election_day_is_late():
    today = datetime.date(2026, 8, 1)
    on_time = audit_rules.departure_audit(TERM_ENDS, [DUE], today)
    assert (on_time.state, on_time.published_on, on_time.days_late) == (audit_rules.DONE, DUE, 0)
    late = audit_rules.departure_audit(TERM_ENDS, [TERM_ENDS], today)
    assert (late.state, late.days_late) == (audit_rules.DONE_LATE, 1)


def test_a_report_of_the_previous_term_does_not_count_and_no_date_is_said():
    previous_term = datetime.date(2021, 6, 30)  # the last day of the term before: not this term's audit
    assert audit_rules.departure_audit(TERM_ENDS, [previous_term], DUE).state == audit_rules.DUE
    first_day = audit_rules.departure_audit(TERM_ENDS, [datetime.date(2021, 7, 1)], DUE)
    assert first_day.state == audit_rules.DONE
    assert audit_rules.departure_audit(None, [DUE], DUE).state == audit_rules.NO_DATE


# ---- audit reports ----


def test_an_audit_report_is_a_notice_with_its_matters_and_findings(client, village, add_report):
    with frozen(datetime.date(2026, 6, 1)):
        report = add_report(datetime.date(2026, 6, 1))
        html = client.get(report.url).content.decode()
    assert "某县农业农村局" in html and "账目清楚" in html
    assert str(AuditReportPage._meta.get_field("audits_debts").verbose_name) in html or "债" in html
    assert report.matters_audited[:2] and len(report.matters_audited) == 2


def test_an_audit_report_with_a_full_number_is_not_published(add_report):
    report = add_report(datetime.date(2026, 6, 1), findings="出纳电话 13812345678 经手现金", publish=False)
    revision = report.latest_revision
    with pytest.raises(PersonalDataRefused) as refusal:
        revision.publish()
    assert "138****5678" in str(refusal.value) and "13812345678" not in str(refusal.value)
    assert not AuditReportPage.objects.get(pk=report.pk).live


def test_the_report_needs_a_matter_and_a_period_in_order(index, village):
    from django.core.exceptions import ValidationError

    report = AuditReportPage(
        title="审计",
        slug="audit-x",
        date=datetime.date(2026, 6, 1),
        audit_kind="term",
        auditor_level="township",
        auditor="柳溪镇人民政府",
        audited_from=datetime.date(2026, 1, 1),
        audited_to=datetime.date(2025, 1, 1),
        findings="无问题",
    )
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert {"audited_to", "audits_finances"} <= set(error.value.message_dict)


# ---- the calendar ----


def test_the_calendar_shows_the_departure_audit_due_late_and_done(client, village, add_report):
    village.committee_term_ends_on = TERM_ENDS
    village.save()
    url = reverse("supervision:village_calendar", args=[village.code])
    with frozen(DUE):
        (row,) = calendar.calendars([village], DUE)
        assert row.departure_audit.state == audit_rules.DUE
        assert "2026-06-29" in client.get(url).content.decode()
    with frozen(DUE + datetime.timedelta(days=3)):
        assert calendar.calendars([village], DUE + datetime.timedelta(days=3))[0].departure_audit.days_late == 3
        add_report(datetime.date(2026, 7, 2))
        (row,) = calendar.calendars([village], DUE + datetime.timedelta(days=3))
        assert (row.departure_audit.state, row.departure_audit.days_late) == (audit_rules.DONE_LATE, 3)
        county = client.get(reverse("supervision:county_calendar")).content.decode()
        assert "calendar-done_late" in county


def test_the_calendar_counts_only_departure_audits(village, add_report):
    village.committee_term_ends_on = TERM_ENDS
    village.save()
    with frozen(datetime.date(2026, 5, 1)):
        add_report(datetime.date(2026, 5, 1), kind=AuditReportPage.Kind.TERM)
        assert calendar.calendars([village], datetime.date(2026, 5, 1))[0].departure_audit.state == audit_rules.DUE


# ---- the villagers' demand for an audit (1/5 of the adults) ----


def test_one_fifth_at_the_exact_boundaries():
    assert demand_rules.threshold(AUDIT, 100) == 20
    assert not demand_rules.is_met(AUDIT, 19, 100) and demand_rules.is_met(AUDIT, 20, 100)
    assert demand_rules.threshold(AUDIT, 101) == 21  # 20 × 5 = 100 < 101; 21 × 5 = 105 ≥ 101
    assert not demand_rules.is_met(AUDIT, 20, 101) and demand_rules.is_met(AUDIT, 21, 101)
    assert demand_rules.threshold(AUDIT, 0) is None and not demand_rules.is_met(AUDIT, 0, 0)
    assert demand_rules.base_of(AUDIT, adults=100, representatives=27) == 100


@pytest.fixture
def small_village(make_village, without_locale_sync):
    return make_village(code="xishan", name="西山村", township="柳溪镇", adult_villagers=10, households=5)


def test_met_at_one_fifth_tells_the_township_and_county(
    small_village, make_resident, township, county, django_capture_on_commit_callbacks
):
    first = make_resident(small_village)
    demand = demand_services.start_demand(first.user, small_village, AUDIT, "村集体鱼塘承包费", "承包费去向不明。")
    assert (demand.base, demand.threshold, demand.count()) == (10, 2, 1)
    assert not Notification.objects.filter(recipient=township).exists()
    with django_capture_on_commit_callbacks(execute=True):
        demand_services.sign(make_resident(small_village).user, demand)
    demand.refresh_from_db()
    assert demand.is_met
    for user in (township, county):
        told = Notification.objects.filter(recipient=user)
        assert told.count() == 1 and "村集体鱼塘承包费" in told.get().text and "第三十五条" in told.get().text
    with pytest.raises(demand_services.DemandError):  # met: no withdrawal
        demand_services.withdraw(first.user, demand)


def test_withdrawal_until_met_and_paper_signature_by_staff(small_village, make_resident, make_user):
    from residents.models import Resident

    first = make_resident(small_village)
    second = Resident.objects.create(  # no login: signs the sheet at the village office
        village=small_village, display_name="李*华", real_name="李建华", verification=Resident.Verification.VERIFIED
    )
    demand = demand_services.start_demand(first.user, small_village, AUDIT, "村道工程招标", "")
    demand_services.withdraw(first.user, demand)
    assert demand.count() == 0
    clerk = make_user("clerk-xishan")
    clerk.groups.add(small_village.committee_group)
    demand_services.enter_paper_signature(clerk, demand, second)
    assert demand.count() == 1 and DemandSignature.objects.get(resident=second).channel == "paper"
    with pytest.raises(demand_services.DemandError):
        demand_services.link_meeting(clerk, demand, None)


def test_one_signature_per_resident_is_a_database_constraint(small_village, make_resident):
    resident = make_resident(small_village)
    demand = demand_services.start_demand(resident.user, small_village, AUDIT, "征地补偿款分配", "")
    with pytest.raises(IntegrityError), transaction.atomic():
        DemandSignature.objects.create(demand=demand, resident=resident, channel="paper")
    with pytest.raises(demand_services.DemandError):
        demand_services.sign(resident.user, demand)
    assert DemandSignature.objects.filter(demand=demand).count() == 1


def test_the_audits_page_starts_a_demand_and_lists_reports(client, village, make_resident, add_report):
    with frozen(datetime.date(2026, 6, 1)):
        add_report(datetime.date(2026, 6, 1))
    url = reverse("supervision:audits", args=[village.code])
    html = client.get(url).content.decode()
    assert "村委会主任离任经济责任审计结果1" in html and 'name="title"' not in html  # visitors see no form
    resident = make_resident(village)
    client.force_login(resident.user)
    assert 'name="title"' in client.get(url).content.decode()
    response = client.post(url, {"title": "村集体林地租金", "reason": ""})
    assert response.status_code == 302
    demand = resident.demand_signatures.get().demand
    assert demand.kind == AUDIT and demand.base == village.adult_villagers
    assert "村集体林地租金" in client.get(url).content.decode()
    # The council's meeting demands list keeps to meetings.
    assert demand.title not in client.get(response.url.rsplit("/", 2)[0] + "/").content.decode()
