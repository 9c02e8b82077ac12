"""A resident's comments on draft rules: in their export and profile; kept under a deleted user afterwards."""

import pytest

from residents.privacy import delete_account, export_user_data
from village_rules import services
from village_rules.models import ArticleComment

pytestmark = pytest.mark.django_db


def test_export_lists_own_comments_only(revision, make_resident, village):
    user = make_resident(village)
    services.add_comment(revision, user, "第三条的罚款应改为教育。", 3)
    services.add_comment(revision, make_resident(village), "别人的意见", 3)

    comments = export_user_data(user)["village_rules"]["comments"]
    assert [c["text"] for c in comments] == ["第三条的罚款应改为教育。"]
    assert comments[0]["revision"] == revision.title and comments[0]["decision"] == "pending"


def test_deletion_keeps_the_comment_under_a_deleted_user(revision, make_resident, village):
    user = make_resident(village)
    comment = services.add_comment(revision, user, "建议新增一条：禁止占道晾晒。", None)
    delete_account(user)
    comment.refresh_from_db()
    assert ArticleComment.objects.filter(pk=comment.pk).exists()
    assert comment.author.is_deleted and comment.author.user is None
