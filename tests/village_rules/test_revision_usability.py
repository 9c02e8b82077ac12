"""Issue 20, rules revision: a warning before sending a draft with unanswered comments, the township told and
shown what awaits it, the right words after each step, the answer to a comment reaching its author."""

import pytest
from django.contrib.messages import get_messages

from notifications.models import Notification
from village_rules import services, tasks
from village_rules.services import RevisionError

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def commented_draft(to_stage, revision, make_resident, village):
    author = make_resident(village)
    to_stage("drafting")
    comment = services.add_comment(revision, author, "婚宴桌数再少一些", 1)
    return revision, comment, author


def test_sending_a_draft_with_unanswered_comments_is_refused_until_the_committee_says_it_knows(
    commented_draft, committee
):
    revision, _comment, _author = commented_draft
    with pytest.raises(RevisionError, match="1"):
        services.submit_for_review(revision, committee)
    assert services.submit_for_review(revision, committee, despite_unanswered=True).stage == "review"


def test_the_admin_warns_in_chinese_and_offers_the_choice(client, commented_draft, committee):
    revision, comment, _author = commented_draft
    client.force_login(committee)
    detail = client.get(f"/admin/rules-revisions/{revision.pk}/", **ZH).content.decode()
    assert 'id="unanswered-warning"' in detail
    assert "还有 1 条村民意见没有答复" in detail and "不答复直接报送草案" in detail

    refused = client.post(f"/admin/rules-revisions/{revision.pk}/step/", {"action": "submit_for_review"}, **ZH)
    assert refused.status_code == 400 and "还有 1 条村民意见没有答复" in refused.content.decode()

    services.decide_on_comment(comment, committee, adopted=True, reason="已改为10桌")
    detail = client.get(f"/admin/rules-revisions/{revision.pk}/", **ZH).content.decode()
    assert 'id="unanswered-warning"' not in detail
    sent = client.post(f"/admin/rules-revisions/{revision.pk}/step/", {"action": "submit_for_review"}, **ZH)
    assert sent.status_code == 302
    assert [str(m) for m in get_messages(sent.wsgi_request)] == [
        "草案已报送乡镇，已通知乡镇审核人员。下一步：乡镇审核。"
    ]


def test_the_township_is_told_and_sees_the_draft_on_its_dashboard(client, to_stage, revision, reviewer, village):
    to_stage("review")
    note = Notification.objects.get(recipient=reviewer)
    assert note.message == tasks.REVIEW_MESSAGE and revision.title in note.text and village.name in note.text
    client.force_login(reviewer)
    dashboard = client.get("/admin/", **ZH).content.decode()
    assert "待您审核的村规民约" in dashboard and f"/admin/rules-revisions/{revision.pk}/" in dashboard
    assert "有 1 份村规民约草案等待乡镇审核" in dashboard


def test_after_approval_the_message_says_what_happened_and_what_is_next(client, to_stage, revision, reviewer):
    to_stage("review")
    client.force_login(reviewer)
    response = client.post(f"/admin/rules-revisions/{revision.pk}/step/", {"action": "approve", "note": ""}, **ZH)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["乡镇已审核同意草案。下一步：提交村民会议表决。"]
    assert not any("已完成" in message for message in shown)


def test_the_answer_to_a_comment_reaches_its_author(commented_draft, committee):
    _revision, comment, author = commented_draft
    services.decide_on_comment(comment, committee, adopted=False, reason="与上位法不符")
    note = Notification.objects.get(recipient=author)  # make_resident gives the user
    assert note.message == tasks.ANSWER_MESSAGES["not_adopted"]
    assert note.url.endswith(f"#comment-{comment.pk}") and "与上位法不符" in note.text


def test_the_version_in_force_is_titled_as_the_rules(to_stage, revision, rules_page, village):
    to_stage("filed")
    rules_page.refresh_from_db()
    adopted = revision.procedure.adopted_on  # the assembly's meeting date (make_motion: today)
    assert rules_page.version_in_force().title == f"{village.name}村规民约（{adopted.year}年修订）"
