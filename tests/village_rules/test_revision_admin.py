"""The procedure screens in the admin: scoped to the committee's village and the reviewer's township."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from village_rules import services
from village_rules.models import RevisionProcedure

from .conftest import stage_of


@pytest.fixture
def staff(committee):
    # Committee accounts enter the Wagtail admin through their group; make sure of it for the test client.
    return committee


def test_committee_sees_guidance_and_takes_a_step(client, revision, staff):
    client.force_login(staff)
    assert revision.title in client.get(reverse("rules_revisions:list")).content.decode()
    detail = client.get(reverse("rules_revisions:detail", args=[revision.pk])).content.decode()
    # The admin renders in Simplified Chinese, the portal's default. DOMAIN §3: sanctions educate.
    assert "惩戒以教育为主" in detail
    assert 'value="start_drafting"' in detail and 'value="approve"' not in detail

    response = client.post(reverse("rules_revisions:step", args=[revision.pk]), {"action": "start_drafting"})

    assert response.status_code == 302
    assert stage_of(revision) == "drafting"


def test_a_refused_step_is_a_400_with_the_reason_and_the_typed_note(client, to_stage, revision, staff):
    to_stage("review")
    client.force_login(staff)

    response = client.post(
        reverse("rules_revisions:step", args=[revision.pk]), {"action": "return", "note": "我写的退回意见"}
    )

    assert response.status_code == 400
    assert stage_of(revision) == "review"


def test_reviewer_approves_and_returns_with_comments(client, to_stage, revision, reviewer):
    to_stage("review")
    client.force_login(reviewer)
    detail = client.get(reverse("rules_revisions:detail", args=[revision.pk])).content.decode()
    assert 'value="approve"' in detail and 'value="return"' in detail

    response = client.post(reverse("rules_revisions:step", args=[revision.pk]), {"action": "return", "note": ""})
    assert response.status_code == 400
    client.post(reverse("rules_revisions:step", args=[revision.pk]), {"action": "return", "note": "第九条不得罚款"})
    assert stage_of(revision) == "drafting"


def test_other_townships_reviewer_and_other_villages_committee_see_nothing(
    client, revision, make_reviewer, make_village, committee_member
):
    make_village(code="shiqiao", name="石桥村", township="青石镇")  # the stranger reviews this township's villages
    for user in (make_reviewer("青石镇", username="qingshi"), committee_member(make_village(code="xigou"))):
        client.force_login(user)
        detail = client.get(reverse("rules_revisions:detail", args=[revision.pk]), follow=True)
        assert detail.status_code == 404
        step = client.post(reverse("rules_revisions:step", args=[revision.pk]), {"action": "start_drafting"})
        # A 404 on an unprefixed URL is answered by LocaleMiddleware with a redirect to the prefixed one.
        assert step.status_code == 404 or (step.status_code == 302 and step.url.startswith("/zh-hans/"))
    assert stage_of(revision) == "collecting"


def test_resident_cannot_reach_the_screens(client, revision, make_resident, village):
    client.force_login(make_resident(village))
    assert client.get(reverse("rules_revisions:list")).status_code in (302, 403)


def test_committee_records_the_vote_and_the_filing_from_the_admin(
    client, to_stage, revision, staff, make_motion, village
):
    to_stage("voting")
    client.force_login(staff)
    failed = make_motion(village, yes=100, no=400, abstain=100)
    passed = make_motion(village)
    url = reverse("rules_revisions:step", args=[revision.pk])

    assert client.post(url, {"action": "record_vote", "motion": failed.pk}).status_code == 400
    assert client.post(url, {"action": "record_vote", "motion": passed.pk}).status_code == 302
    assert client.post(url, {"action": "file", "filed_on": "not a date"}).status_code == 400
    assert client.post(url, {"action": "file", "filed_on": datetime.date.today().isoformat()}).status_code == 302
    assert stage_of(revision) == "filed"


def test_committee_decides_and_hides_comments_in_the_admin(client, revision, staff, make_resident, village):
    comment = services.add_comment(revision, make_resident(village), "少办酒席", 2)
    client.force_login(staff)

    response = client.post(reverse("rules_revisions:decide", args=[comment.pk]), {"decision": "adopted", "reason": ""})
    assert response.status_code == 400
    client.post(reverse("rules_revisions:decide", args=[comment.pk]), {"decision": "not_adopted", "reason": "另有规定"})
    client.post(reverse("rules_revisions:moderate", args=[comment.pk]), {"action": "hide", "reason": "广告"})

    comment.refresh_from_db()
    assert (comment.decision, comment.decision_reason, comment.is_hidden) == ("not_adopted", "另有规定", True)


def test_dashboard_flags_an_adopted_revision_not_filed_in_ten_days(client, to_stage, revision, staff):
    to_stage("adopted")
    client.force_login(staff)
    assert "village-rules-filing" not in client.get(reverse("wagtailadmin_home")).content.decode()

    RevisionProcedure.objects.filter(page=revision).update(adopted_on=datetime.date.today() - datetime.timedelta(11))

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "village-rules-filing" in html and revision.title in html


def test_page_editor_shows_the_guidance(client, revision, staff):
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[revision.pk])).content.decode()
    assert "opinions_open_on" in html and "惩戒以教育为主" in html  # in zh-hans, the admin's default


def test_draft_is_fixed_once_sent_to_the_township(to_stage, revision):
    to_stage("review")
    revision.draft = [("chapter", {"title": "总则", "articles": ["改过的条文。"]})]
    with pytest.raises(ValidationError):
        revision.full_clean()
