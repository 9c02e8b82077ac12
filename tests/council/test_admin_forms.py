"""Creating a meeting in the admin freezes the register figures; an edit never re-reads them."""

from wagtail.test.utils.form_data import rich_text

from council.models import Meeting

from .conftest import DAY


def _formsets(prefixes=("agenda", "attendance", "attachments")) -> dict:
    data = {}
    for prefix in prefixes:
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MIN_NUM_FORMS": 0}
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
    return data


def _meeting_data(village, **fields) -> dict:
    data = {
        "village": village.pk,
        "kind": "assembly",
        "title": "村民会议",
        "date": DAY.isoformat(),
        "place": "",
        "convener": "",
        "called_by": "regular",
        "demanded_by": "",
        "present_persons": 51,
        "present_households": 0,
        "group_name": "",
        "eligible_adults": 5,
        "eligible_households": 5,
        "minutes": rich_text("<p>纪要</p>"),
    }
    return data | _formsets() | fields


def test_admin_create_freezes_register_and_edit_keeps_it(client, village, committee):
    client.force_login(committee)
    response = client.post("/admin/council/meetings/new/", _meeting_data(village), follow=True)
    assert response.status_code == 200
    meeting = Meeting.objects.get()
    # The typed 5/5 are ignored for an assembly: the register's 100 adults and 30 households are frozen.
    assert (meeting.eligible_adults, meeting.eligible_households) == (100, 30)
    village.adult_villagers = 999
    village.save()
    data = _meeting_data(village, title="村民会议（改）", eligible_adults=1)
    client.post(f"/admin/council/meetings/edit/{meeting.pk}/", data, follow=True)
    meeting.refresh_from_db()
    assert meeting.title == "村民会议（改）" and meeting.eligible_adults == 100


def test_admin_cannot_create_meeting_for_another_village(client, village, committee, make_village):
    other = make_village(code="xihe", name="西河村")
    client.force_login(committee)
    response = client.post("/admin/council/meetings/new/", _meeting_data(other), follow=True)
    assert not Meeting.objects.exists()
    assert response.status_code == 200  # the form comes back with the village field in error


def test_a_group_meeting_without_its_households_figure_asks_for_it(client, village, committee):
    client.force_login(committee)
    # The admin renders in the portal's default language, Simplified Chinese.
    data = _meeting_data(village, kind="group", group_name="一组", eligible_adults=30, eligible_households=0)
    response = client.post("/admin/council/meetings/new/", data | {"present_persons": 2}, follow=True)
    assert not Meeting.objects.exists()
    assert response.context["form"].errors["eligible_households"] == ["请填写本组户数：法定人数据此判断。"]
    assert "eligible_adults" not in response.context["form"].errors


def test_an_assembly_asks_for_a_register_figure_the_village_lacks(client, village, committee):
    village.households = 0
    village.save()
    client.force_login(committee)
    response = client.post("/admin/council/meetings/new/", _meeting_data(village), follow=True)  # in zh-hans
    assert not Meeting.objects.exists()
    assert response.context["form"].non_field_errors() == [
        f"{village.name}在 {DAY.isoformat()} 有效的登记中没有总户数。"
        "请先录入：没有这一数字，无法判断会议是否达到法定人数。"
    ]


def test_a_council_meeting_without_voting_members_asks_for_them(client, village, committee):
    client.force_login(committee)
    response = client.post("/admin/council/meetings/new/", _meeting_data(village, kind="council"), follow=True)
    assert not Meeting.objects.exists()
    assert response.context["form"].non_field_errors() == [  # in zh-hans, the admin's default
        f"{village.name}在 {DAY.isoformat()} 没有登记有表决权的理事。"
        "请先录入：没有这一数字，无法判断会议是否达到法定人数。"
    ]
