"""The resident sees the motion's result on their proposal, and the API carries resolutions, with flat queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from council import services

from .test_pages import _meetings, council_page


def _proposal_voted(committee, resident, meeting, yes: int, title: str):
    proposal = services.submit_proposal(resident.user, resident.village, title, "村东头路灯坏了，请理事会商议维修。")
    services.accept_proposal(committee, proposal, meeting)
    services.record_motion(committee, proposal.agenda_item, f"同意{title}", yes=yes, no=1, publish_resolution=False)
    return proposal


def test_resident_sees_the_result_and_arithmetic_on_their_proposal(
    client, village, committee, roster, make_resident, make_meeting
):
    resident = make_resident(village)
    meeting = make_meeting(kind="council", present=9)
    _proposal_voted(committee, resident, meeting, 5, "修路灯")
    _proposal_voted(committee, resident, meeting, 4, "修水井")
    client.force_login(resident.user)
    html = client.get(council_page(village).url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = html[html.index('class="my-proposals"') : html.index('aria-labelledby="charter"')]
    items = {item.split("</strong>")[0]: item for item in section.split("<li><strong>")[1:]}
    lamps, well = items["修路灯"], items["修水井"]
    # 5 of 9 present is more than half: passed; 4 of 9 is not (5 needed). The rule and numbers are spelt out.
    assert "motion-passed" in lamps and "同意修路灯" in lamps
    # The council page is served under /zh-hans/: Simplified Chinese, whatever the browser asks for.
    assert "motion-failed" in well and "需 5 票" in well
    assert "到会 9 人 ≥ 应到 11 人的三分之二" in lamps


def test_proposal_results_do_not_add_queries(client, village, committee, roster, make_resident, make_meeting):
    resident = make_resident(village)
    meeting = make_meeting(kind="council", present=9)
    _proposal_voted(committee, resident, meeting, 5, "一")
    client.force_login(resident.user)
    url = council_page(village).url
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4):
        _proposal_voted(committee, resident, make_meeting(kind="council", present=9), 5, f"议{number}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def _api(client) -> tuple[dict, int]:
    params = {"type": "council.CouncilPage", "fields": "record", "locale": "zh-hans"}
    client.get("/api/v2/pages/", params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v2/pages/", params)
    return response.json()["items"][0]["record"], len(queries)


def test_api_lists_meetings_motions_and_resolutions_in_flat_queries(client, village, roster, make_meeting):
    _meetings(make_meeting, 1)
    record, few = _api(client)
    motion = record["meetings"][0]["agenda"][0]["motions"][0]
    assert (motion["yes"], motion["no"], motion["abstain"], motion["valid"], motion["passed"]) == (6, 2, 1, True, True)
    assert motion["explanation"] and motion["resolution_url"]
    assert record["resolutions"][0]["url"] == motion["resolution_url"]
    assert record["thresholds"]["supervisors_vote"] is False
    _meetings(make_meeting, 5)
    record, many = _api(client)
    assert len(record["meetings"]) == 6 and len(record["resolutions"]) == 6
    assert many == few
