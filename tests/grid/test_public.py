"""The public anonymised list, Open311 GeoReport v2, and the grid workers on the village page."""

import datetime as dt

import pytest
import time_machine
from wagtail.models import Locale

from grid import services
from grid import workflow as wf
from grid.anonymise import public_description
from grid.models import GridWorker, RequestCategory
from home.models import VillagePage

from .conftest import MONDAY

pytestmark = pytest.mark.django_db

OPEN311_REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
}  # fmt: skip
OPEN311_SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}


def test_public_description_masks_names_and_numbers():
    text = "王秀英家门口路灯坏了，电话13812345678，座机0371-61234567，身份证110101199003074514"
    masked = public_description(text, ["王秀英"])
    assert "王秀英" not in masked and "王*英" in masked
    assert "13812345678" not in masked and "0371-61234567" not in masked and "110101199003074514" not in masked


@pytest.fixture
def sensitive(filed, worker):
    r = filed(description="王秀英反映：二组路灯不亮", address="二组18号", contact_name="王秀英")
    # A number stored before file_request refused them (or typed in by hand): still masked on every output.
    r.description = "王秀英反映：二组路灯不亮，联系13812345678"
    r.lat, r.long = 34.123456, 113.654321
    r.save()
    return services.act(r, "accept", worker)


def test_public_list_is_anonymised(client, sensitive, filed, worker):
    hidden = services.act(filed(show_publicly=False, description="不公开的诉求"), "accept", worker)
    mediation = RequestCategory.objects.get(code="mediation")
    services.act(filed(category=mediation, description="邻里纠纷的诉求"), "accept", worker)
    not_yet = filed(description="还没受理的诉求")
    response = client.get("/zh-hans/requests/dongshan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "二组路灯不亮" in html
    for secret in ("王秀英", "13812345678", "二组18号", "不公开的诉求", "还没受理的诉求", "邻里纠纷的诉求"):
        assert secret not in html
    assert "东山村 第一网格 二组" in html
    assert hidden.pk and not_yet.pk


def test_public_list_filters_and_bad_filters(client, sensitive):
    assert (
        "二组路灯不亮"
        in client.get("/zh-hans/requests/dongshan/?status=accepted&category=roads-lights").content.decode()
    )
    assert "二组路灯不亮" not in client.get("/zh-hans/requests/dongshan/?status=closed").content.decode()
    for query in ("status=nonsense", "category=nonsense", "page=abc", "page=99"):
        response = client.get(f"/zh-hans/requests/dongshan/?{query}")
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert client.get("/zh-hans/requests/nowhere/").status_code == 404


def test_public_list_query_count(client, sensitive, filed, worker, django_assert_max_num_queries):
    for _i in range(5):
        services.act(filed(), "accept", worker)
    with django_assert_max_num_queries(12):
        assert client.get("/zh-hans/requests/dongshan/").status_code == 200


def test_open311_services(client):
    data = client.get("/open311/v2/services.json").json()
    assert len(data) == 9
    for service in data:
        assert set(service) == OPEN311_SERVICE_FIELDS
        assert service["type"] == "realtime" and service["metadata"] is False
    assert {s["group"] for s in data} == {"综治工作", "市场监管", "综合执法", "便民服务"}


def test_open311_requests(client, sensitive, filed):
    filed(show_publicly=False)
    with time_machine.travel(MONDAY + dt.timedelta(days=3), tick=False):  # the default window is 90 days back
        data = client.get("/open311/v2/requests.json").json()
    assert len(data) == 1
    item = data[0]
    assert set(item) == OPEN311_REQUEST_FIELDS
    assert item["service_request_id"] == str(sensitive.pk)
    assert item["status"] == "open"
    assert item["service_code"] == "roads-lights"
    assert item["lat"] == 34.12 and item["long"] == 113.65
    assert "13812345678" not in item["description"] and "王秀英" not in item["description"]
    assert "18号" not in item["address"] and item["media_url"] == ""
    assert item["requested_datetime"].startswith("2026-11-23T09:00:00+08:00")
    detail = client.get(f"/open311/v2/requests/{sensitive.pk}.json").json()
    assert detail == data


def test_open311_filters_and_errors(client, sensitive):
    assert client.get("/open311/v2/requests.json?status=closed").json() == []
    assert len(client.get("/open311/v2/requests.json?status=open&service_code=roads-lights").json()) == 1
    assert len(client.get(f"/open311/v2/requests.json?service_request_id={sensitive.pk},999").json()) == 1
    assert client.get("/open311/v2/requests.json?start_date=2026-12-01T00:00:00Z").json() == []
    for query in ("status=pending", "start_date=yesterday", "service_request_id=abc"):
        response = client.get(f"/open311/v2/requests.json?{query}")
        assert response.status_code == 400
        assert response.json()[0]["code"] == 400
    missing = client.get("/open311/v2/requests/999999.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_open311_closed_status(client, sensitive, worker, committee):
    services.act(sensitive, "dispatch", worker, platform="bianmin")
    assert client.get("/open311/v2/requests.json?status=closed").json() == []
    assert wf.OPEN311_STATUS[wf.CLOSED] == "closed"


def test_grid_workers_on_the_village_page(client, village, worker, grid):
    GridWorker.objects.create(grid=grid, name="吴建华", work_phone="0371-6011 2301")
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    html = client.get(page.url).content.decode()
    assert "周红梅" in html and "0371-6011 2300" in html and "吴建华" in html
    assert "/zh-hans/requests/dongshan/" in html


def test_a_mobile_number_is_refused_as_work_phone(grid):
    from django.core.exceptions import ValidationError

    worker = GridWorker(grid=grid, name="张三", work_phone="13812345678")
    with pytest.raises(ValidationError):
        worker.full_clean()
