"""Filing a request, following it and rating it; the assessment page; the admin workbench; privacy."""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from grid import services
from grid import workflow as wf
from grid.models import RequestCategory, ResidentRequest
from residents.models import Resident

from .conftest import MONDAY

pytestmark = pytest.mark.django_db


def test_verified_resident_files_a_request(client, resident_user, category, grid):
    client.force_login(resident_user)
    url = "/zh-hans/requests/dongshan/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "category": category.pk,
            "grid": grid.pk,
            "description": "桥头路灯不亮",
            "place": "二组",
            "show_publicly": "on",
        },
    )
    r = ResidentRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("grid:mine", kwargs={"pk": r.pk})
    assert (r.resident, r.channel, r.show_publicly) == (resident_user.resident, "online", True)


def test_bad_input_keeps_what_was_typed(client, resident_user):
    client.force_login(resident_user)
    response = client.post("/zh-hans/requests/dongshan/new/", {"description": "我写的内容", "category": "999"})
    assert response.status_code == 400
    assert "我写的内容" in response.content.decode()
    assert not ResidentRequest.objects.exists()


def test_unverified_and_anonymous_are_turned_away(client, make_user, village):
    url = "/zh-hans/requests/dongshan/new/"
    assert client.get(url).status_code == 302
    user = make_user("newcomer")
    Resident.objects.create(user=user, village=village, display_name="李*军")
    client.force_login(user)
    assert client.get(url).status_code == 403


def test_resident_sees_timeline_and_rates(client, filed, worker, resident_user, make_user):
    r = filed()
    for action, kwargs in [
        ("accept", {}),
        ("dispatch", {"platform": "bianmin"}),
        ("start", {}),
        ("reply", {"note": "已修好"}),
    ]:
        r = services.act(r, action, worker, **kwargs)
    url = reverse("grid:mine", kwargs={"pk": r.pk})
    client.force_login(make_user("nosy"))
    assert client.get(url).status_code == 403
    client.force_login(resident_user)
    html = client.get(url).content.decode()
    assert "已修好" in html and 'name="rating"' in html
    response = client.post(url, {"rating": wf.DISSATISFIED, "note": ""})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert client.post(url, {"rating": wf.SATISFIED}).status_code == 302
    r.refresh_from_db()
    assert r.status == wf.CLOSED


def test_profile_lists_own_requests_and_export_and_deletion(client, filed, resident_user):
    r = filed(address="二组18号", contact_name="王秀英")
    client.force_login(resident_user)
    assert f"#{r.pk}" in client.get("/zh-hans/accounts/profile/").content.decode()
    from residents.privacy import delete_account, export_user_data

    exported = export_user_data(resident_user)
    assert json.dumps(exported, ensure_ascii=False).count("二组18号") == 1
    delete_account(resident_user)
    r.refresh_from_db()
    assert (r.resident, r.address, r.contact_name, r.show_publicly) == (None, "", "", False)


def test_assessment_page_and_csv(client, filed, worker, committee, resident_user, make_user):
    late = filed()
    for action, kwargs in [("accept", {}), ("dispatch", {"platform": "bianmin"}), ("start", {})]:
        late = services.act(late, action, worker, now=MONDAY, **kwargs)
    services.act(late, "reply", worker, note="ok", now=MONDAY + dt.timedelta(days=12))  # after the deadline
    quick = filed()
    for action, kwargs in [("accept", {}), ("dispatch", {"platform": "bianmin"}), ("start", {})]:
        quick = services.act(quick, action, worker, now=MONDAY, **kwargs)
    quick = services.act(quick, "reply", worker, note="ok", now=MONDAY + dt.timedelta(days=2))
    services.act(quick, "rate", resident_user, rating=wf.SATISFIED)
    client.force_login(make_user("stranger"))
    assert client.get("/zh-hans/requests/assessment/").status_code == 403
    client.force_login(committee)
    html = client.get("/zh-hans/requests/assessment/?period=2026-11").content.decode()
    assert "50% (1/2)" in html and "100% (1/1)" in html and "7.0" in html and "<svg" in html
    response = client.get("/zh-hans/requests/assessment/?period=2026-11&format=csv")
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    last = text.strip().splitlines()[-1].split(",")
    assert last[1:] == ["2", "0", "2", "1", "50.0", "7.0", "1", "100.0"]
    assert client.get("/zh-hans/requests/assessment/?period=2026-13").status_code == 400
    assert client.get("/zh-hans/requests/assessment/?group=weird").status_code == 400


def test_workbench_is_scoped_and_takes_steps(client, filed, committee, other_village, committee_member, category):
    r = filed()
    other = services.file_request(
        village=other_village, category=category, description="南岗的诉求", by=committee_member(other_village)
    )
    client.force_login(committee)
    html = client.get("/admin/requests/?state=all").content.decode()
    assert f"#{r.pk}" in html and f"#{other.pk}<" not in html
    refused = client.get(f"/admin/requests/{other.pk}/")  # Wagtail turns PermissionDenied into a redirect
    assert (refused.status_code, refused.url) == (302, "/admin/")
    response = client.post(f"/admin/requests/{r.pk}/", {"action": "reject", "note": ""})
    assert response.status_code == 400
    response = client.post(f"/admin/requests/{r.pk}/", {"action": "accept", "note": ""})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == wf.ACCEPTED


def test_workbench_refuses_outsiders(client, make_user):
    client.force_login(make_user("nobody", is_staff=True))
    assert client.get("/admin/requests/").status_code in (302, 403)


def test_staff_file_on_behalf(client, committee, grid):
    client.force_login(committee)
    assert client.get("/admin/requests/new/").status_code == 200
    category = RequestCategory.objects.get(code="sanitation")
    response = client.post(
        "/admin/requests/new/",
        {
            "village_code": "dongshan",
            "channel": "phone",
            "contact_name": "李大爷",
            "category": category.pk,
            "description": "垃圾没有清运",
            "place": "三组",
        },
    )
    assert response.status_code == 302
    r = ResidentRequest.objects.get()
    assert (r.channel, r.contact_name, r.filed_by) == ("phone", "李大爷", committee)
    response = client.post(
        "/admin/requests/new/",
        {"village_code": "dongshan", "channel": "phone", "category": category.pk, "description": "没有姓名"},
    )
    assert response.status_code == 400 and "没有姓名" in response.content.decode()


def test_grid_worker_and_supervisor_use_the_workbench(client, filed, worker, supervisor):
    r = filed()
    client.force_login(worker)
    assert f"#{r.pk}" in client.get("/admin/requests/").content.decode()
    client.force_login(supervisor)
    with time_machine.travel(MONDAY + dt.timedelta(days=3), tick=False):
        assert f"#{r.pk}" in client.get("/admin/requests/?state=overdue").content.decode()
        assert client.post(f"/admin/requests/{r.pk}/", {"action": "accept"}).status_code == 400
        assert client.post(f"/admin/requests/{r.pk}/", {"action": "supervise", "note": "请尽快受理"}).status_code == 302
    r.refresh_from_db()
    assert r.supervised_at is not None and r.status == wf.RECEIVED


def test_county_sets_up_grids_and_categories(client, make_user, grid):
    client.force_login(make_user("county", is_superuser=True, is_staff=True))
    for url in (
        "/admin/grids/",
        "/admin/grid_workers/",
        "/admin/request_categories/",
        "/admin/mediation_cases/",
        "/admin/mediation_parties/",
        "/admin/mediation_sessions/",
        "/admin/mediation_sessions/new/",
        "/admin/mediation_cases/new/",
    ):
        assert client.get(url).status_code == 200, url


def test_workbench_says_in_chinese_when_deadlines_pass_the_official_calendar(client, filed, committee):
    """Issue 20: a deadline in 2027 is counted without the 2027 holiday notice; the admin says so."""
    december = dt.datetime(2026, 12, 28, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    r = filed(now=december)
    with time_machine.travel(december, tick=False):
        client.force_login(committee)
        workbench = client.get("/admin/requests/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        detail = client.get(f"/admin/requests/{r.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for html in (workbench, detail):
        assert 'id="calendar-note"' in html
        assert "2027年及以后的截止日期只扣除周末和固定日期的法定节假日" in html and "只到2026年" in html
    with time_machine.travel(MONDAY - dt.timedelta(days=180), tick=False):
        client.force_login(committee)
        r.delete()  # no deadline listed past the data, and none set from today would be
        assert 'id="calendar-note"' not in client.get("/admin/requests/?state=all").content.decode()
