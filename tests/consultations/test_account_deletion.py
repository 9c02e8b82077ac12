"""An account that reported, moderated or entered ballots is not deleted from the admin: a message says why."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from consultations.models import Comment, CommentReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(consultation, make_resident):
    author, reporter = make_resident(), make_resident()
    comment = Comment.objects.create(page=consultation, author=author, text="<p>评论</p>")
    CommentReport.objects.create(comment=comment, reporter=reporter.user, reason="不文明")
    return reporter.user


def test_deleting_an_account_with_records_is_refused_with_a_reason(admin_client, reporter):
    response = admin_client.post(reverse("wagtailusers_users:delete", args=[reporter.pk]), follow=True)

    body = response.content.decode()  # the admin speaks the staff member's language: here Simplified Chinese
    assert response.status_code == 200
    assert f"无法删除“{reporter.get_username()}”" in body and "请改为停用这个账号" in body
    assert get_user_model().objects.filter(pk=reporter.pk).exists()


def test_bulk_deletion_is_refused_too(admin_client, reporter, make_user):
    plain = make_user("plain-account")
    url = reverse("wagtail_bulk_action", args=["auth", "user", "delete"]) + f"?id={plain.pk}&id={reporter.pk}"

    response = admin_client.post(url, follow=True)

    assert response.status_code == 200 and "无法删除" in response.content.decode()
    assert get_user_model().objects.filter(pk__in=[plain.pk, reporter.pk]).count() == 2


def test_an_account_without_records_is_deleted(admin_client, make_user):
    user = make_user("no-records")

    response = admin_client.post(reverse("wagtailusers_users:delete", args=[user.pk]))

    assert response.status_code == 302 and not get_user_model().objects.filter(pk=user.pk).exists()
