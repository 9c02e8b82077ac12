"""The public revision page: timeline, draft with comments per article, diff, and forms that work without JS."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from village_rules import services
from village_rules.models import ArticleComment


def test_page_shows_timeline_draft_counts_and_diff(client, revision, make_resident, village, committee):
    revision.draft = [
        (
            "chapter",
            {"title": "总则", "articles": ["村民应当遵守法律法规。", "邻里和睦，尊老爱幼，定期看望独居老人。"]},
        ),
        ("chapter", {"title": "村风民俗", "articles": ["婚事宴席不超过10桌，每桌标准不超过500元。", "提倡不收彩礼。"]}),
    ]
    revision.save_revision().publish()
    resident = make_resident(village)
    for article in (2, 2, 3):
        services.add_comment(revision, resident, f"对第{article}条的意见", article)
    services.add_comment(revision, resident, "建议新增：禁止占道晾晒。", None)
    services.start_drafting(revision, committee)

    html = client.get(revision.url).content.decode()

    assert 'aria-current="step"' in html
    assert html.count("step-past") == 1  # opinions collected; drafting now
    assert revision.url.startswith("/zh-hans/")  # rendered in Simplified Chinese
    assert "2条意见" in html
    assert "禁止占道晾晒" in html
    assert '<ins><span class="visually-hidden">' in html and "定期看望独居老人" in html
    assert "附则" not in html.split('id="revision-draft"')[1].split('id="revision-diff"')[0]  # removed in the draft
    assert 'name="text"' not in html  # anonymous: no form, a sign-in link instead


def test_verified_resident_comments_without_javascript(client, revision, make_resident, village):
    client.force_login(make_resident(village))
    html = client.get(revision.url).content.decode()
    assert 'id="comment-form-2"' in html and 'id="comment-form-new"' in html

    response = client.post(revision.url + "comment/", {"article": "2", "text": "尊老爱幼写得好"})

    assert response.status_code == 302 and response["Location"].endswith("#article-2")
    assert ArticleComment.objects.get().article_label == "第二条"


def test_refused_comment_keeps_what_was_typed_with_a_400(client, revision, make_resident, village):
    client.force_login(make_resident(village))

    response = client.post(revision.url + "comment/", {"article": "99", "text": "我的长意见，不要丢"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "我的长意见，不要丢" in html and 'class="form-error"' in html
    assert not ArticleComment.objects.exists()


def test_unverified_resident_gets_a_403_that_says_why(client, revision, make_resident, village):
    client.force_login(make_resident(village, verified=False))
    response = client.post(revision.url + "comment/", {"article": "1", "text": "意见"})
    assert response.status_code == 403
    assert not ArticleComment.objects.exists()


def test_anonymous_comment_goes_to_sign_in(client, revision):
    response = client.post(revision.url + "comment/", {"article": "1", "text": "意见"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_hidden_comment_shows_a_notice_and_decisions_show_reasons(client, revision, make_resident, village, committee):
    resident = make_resident(village)
    # (A full phone number is refused at submission now: home.privacy.resident_text.)
    hidden = services.add_comment(revision, resident, "张三家住村东头第三户", 1)
    services.moderate_comment(hidden, committee, hide=True, reason="含有他人住址")
    adopted = services.add_comment(revision, resident, "少办酒席", 2)
    services.decide_on_comment(adopted, committee, adopted=True, reason="已写入草案")

    html = client.get(revision.url).content.decode()

    assert "张三家住村东头第三户" not in html and "含有他人住址" in html
    assert "已写入草案" in html


def test_report_a_comment(client, revision, make_resident, village):
    comment = services.add_comment(revision, make_resident(village), "意见", 1)
    client.force_login(make_resident(village))
    response = client.post(f"{revision.url}comments/{comment.pk}/report/")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.report_count == 1


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "resident"])
def test_queries_do_not_grow_with_articles_and_comments(client, revision, make_resident, village, signed_in):
    residents = [make_resident(village) for _ in range(3)]
    if signed_in:
        client.force_login(residents[0])

    def fill(articles: int, comments: int):
        revision.draft = [("chapter", {"title": "总则", "articles": [f"第{n}条的内容。" for n in range(articles)]})]
        revision.save_revision().publish()
        ArticleComment.objects.all().delete()
        ArticleComment.objects.bulk_create(
            ArticleComment(
                page=revision, author=residents[n % 3].resident, article_number=n % articles + 1, text="意见"
            )
            for n in range(comments)
        )

    fill(3, 2)
    small = _queries(client, revision.url)
    fill(60, 300)
    large = _queries(client, revision.url)

    assert small == large
    # The anonymous page keeps the budget of every page type; signing in adds session, user, resident, village.
    assert large <= (22 if signed_in else 18)


def test_filed_revision_shows_the_adopted_text_and_what_it_changed(client, to_stage, revision):
    articles = ["村民应当遵守法律法规。", "邻里和睦，尊老爱幼，定期看望独居老人。"]
    revision.draft = [("chapter", {"title": "总则", "articles": articles})]
    revision.save_revision().publish()
    to_stage("filed")

    html = client.get(revision.url).content.decode()

    assert html.count("step-past") == 5
    assert "2023年修订版" in html.split('id="revision-diff"')[1]  # compared with the text it replaced
    assert "<ins>" in html and "定期看望独居老人" in html
    assert 'name="text"' not in html
