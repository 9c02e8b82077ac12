"""The search form's village filter (search/village_filter.py): every village listed and the chosen one
selected, its HTML kept in the tree cache and retired when a village is added, renamed or moved."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import Village


def _options(html: str) -> list[tuple[str, bool, str]]:
    select = re.search(r'<select id="search-village" name="village">(.*?)</select>', html, re.S).group(1)
    return [
        (value, bool(selected), label)
        for value, selected, label in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    ]


@pytest.mark.django_db
def test_every_village_is_offered_in_order_and_the_chosen_one_is_selected(client, make_village):
    make_village(code="vf-b", name="乙村", township="西镇")
    make_village(code="vf-a", name="甲村", township="东镇")
    make_village(code="vf-c", name="丙<村", township="东镇")
    options = _options(client.get("/zh-hans/search/?q=公告&village=vf-a").content.decode())
    assert options[0] == ("", False, "所有村")
    labels = {"vf-a": (True, "东镇 甲村"), "vf-b": (False, "西镇 乙村"), "vf-c": (False, "东镇 丙&lt;村")}
    in_order = Village.objects.order_by("township", "name").values_list("code", flat=True)
    ours = [option for option in options if option[0].startswith("vf-")]
    assert ours == [(code, *labels[code]) for code in in_order if code in labels]
    assert [option[0] for option in options[1:]] == list(in_order)
    assert sum(selected for _value, selected, _label in options) == 1
    unknown = client.get("/zh-hans/search/?q=公告&village=nowhere").content.decode()
    assert not any(selected for _value, selected, _label in _options(unknown))
    assert "nowhere" in unknown  # the message that it was ignored


@pytest.mark.django_db
@pytest.mark.usefixtures("cached_lookups")
def test_the_cached_options_follow_every_change_of_a_village(client, make_village):
    village = make_village(code="vf-x", name="戊村", township="北镇")
    client.get("/zh-hans/search/?q=公告")
    with CaptureQueriesContext(connection) as again:
        assert ("vf-x", False, "北镇 戊村") in _options(client.get("/zh-hans/search/?q=公告").content.decode())
    assert not [q for q in again if '"home_village"' in q["sql"]]  # the options came from the cache

    make_village(code="vf-y", name="己村", township="北镇")
    assert ("vf-y", False, "北镇 己村") in _options(client.get("/zh-hans/search/?q=公告").content.decode())
    village.name, village.township = "庚村", "南镇"
    village.save()
    options = _options(client.get("/zh-hans/search/?q=公告&village=vf-x").content.decode())
    assert ("vf-x", True, "南镇 庚村") in options
    assert not [option for option in options if option[2] == "北镇 戊村"]
