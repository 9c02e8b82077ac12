"""Quiz scoring: the pure function, and the form served by the article (no login, CSRF, tampering)."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from home.demo import ensure_page, paragraph
from legal_aid.models import LegalEducationPage
from legal_aid.quiz import score_quiz

QUESTIONS = [
    {
        "question": "流转期限五年以上的，可以怎么办？",
        "choices": [{"text": "申请土地经营权登记", "correct": True}, {"text": "到法院公证", "correct": False}],
        "explanation": "农村土地承包法第四十一条。",
    },
    {
        "question": "能不能改变土地的农业用途？",
        "choices": [
            {"text": "可以", "correct": False},
            {"text": "不能", "correct": True},
            {"text": "村干部同意就可以", "correct": False},
        ],
        "explanation": "农村土地承包法第三十八条。",
    },
]


def test_all_right():
    result = score_quiz(QUESTIONS, {"q1": "0", "q2": "1"})
    assert (result.score, result.total, result.unanswered, result.tampered) == (2, 2, 0, False)


def test_wrong_and_unanswered_score_nothing():
    result = score_quiz(QUESTIONS, {"q1": "1"})
    assert (result.score, result.unanswered, result.tampered) == (0, 1, False)
    assert result.questions[0].chosen == 1 and result.questions[0].right == 0
    assert result.questions[1].answered is False


@pytest.mark.parametrize(
    "answers",
    [
        {"q1": "7", "q2": "1"},
        {"q1": "-1", "q2": "1"},
        {"q1": "abc", "q2": "1"},
        {"q1": "²", "q2": "1"},
        {"q1": "0", "q2": "1", "q3": "0"},
    ],
)
def test_tampered_answers_are_not_counted_and_flagged(answers):
    result = score_quiz(QUESTIONS, answers)
    assert result.tampered is True
    assert result.score == (2 if answers.get("q1") == "0" else 1)


@pytest.fixture
def article(education_index) -> LegalEducationPage:
    page = LegalEducationPage(
        title="土地流转要签书面合同", slug="land", date=datetime.date(2026, 9, 15), body=paragraph("正文。")
    )
    page.quiz = [
        (
            "question",
            {
                "question": q["question"],
                "choices": q["choices"],
                "explanation": q["explanation"],
            },
        )
        for q in QUESTIONS
    ]
    return ensure_page(education_index, page)


def test_quiz_form_needs_no_login_and_is_sent_with_get_without_a_csrf_token(client, article):
    html = client.get(article.url).content.decode()

    # No token, no cookie: the article with its quiz can come from the anonymous page cache.
    assert 'method="get"' in html and "csrfmiddlewaretoken" not in html
    assert 'name="submitted"' in html
    assert 'type="radio" name="q1" value="0"' in html
    assert "农村土地承包法第四十一条" not in html  # explanations only after submitting


def test_submitted_quiz_is_scored_with_explanations(client, article):
    response = client.post(f"{article.url}quiz/", {"q1": "0", "q2": "0"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["quiz_result"].score == 1
    assert "农村土地承包法第四十一条" in html and "农村土地承包法第三十八条" in html
    assert "不能" in html  # the right answer to the question missed


def test_quiz_sent_with_get_is_scored_and_not_cached(client, article):
    response = client.get(f"{article.url}quiz/", {"submitted": "1", "q1": "0", "q2": "0"})

    assert response.status_code == 200
    assert response.context["quiz_result"].score == 1
    assert "农村土地承包法第三十八条" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and not response.cookies


def test_quiz_sent_with_get_and_no_answer_is_scored_zero(client, article):
    response = client.get(f"{article.url}quiz/", {"submitted": "1"})

    result = response.context["quiz_result"]
    assert (response.status_code, result.score, result.unanswered) == (200, 0, 2)


def test_tampered_get_submission_gets_a_400(client, article):
    response = client.get(f"{article.url}quiz/", {"submitted": "1", "q1": "0", "q2": "99"})

    assert response.status_code == 400
    assert response.context["quiz_result"].score == 1


def test_quiz_address_with_other_parameters_shows_the_article(client, article):
    response = client.get(f"{article.url}quiz/", {"utm_source": "wechat", "q1": "0"})

    assert response.status_code == 200 and "quiz_result" not in response.context


def test_article_with_its_quiz_comes_from_the_page_cache(client, article, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    try:
        assert client.get(article.url)["X-Page-Cache"] == "miss"
        assert client.get(article.url)["X-Page-Cache"] == "hit"
        answered = client.get(f"{article.url}quiz/", {"submitted": "1", "q1": "0"})
        assert answered["X-Page-Cache"] != "hit" and "quiz_result" in answered.context
        again = client.get(f"{article.url}quiz/", {"submitted": "1", "q1": "0"})
        assert again["X-Page-Cache"] != "hit" and "quiz_result" in again.context  # results are not kept
    finally:
        cache.clear()


def test_unanswered_submission_is_scored_zero(client, article):
    response = client.post(f"{article.url}quiz/", {})

    assert response.status_code == 200
    result = response.context["quiz_result"]
    assert (result.score, result.unanswered) == (0, 2)


def test_tampered_submission_gets_a_400_with_a_message_and_the_valid_answers_scored(client, article):
    response = client.post(f"{article.url}quiz/", {"q1": "0", "q2": "99"})

    assert response.status_code == 400
    assert response.context["quiz_result"].score == 1
    assert 'role="alert"' in response.content.decode()


def test_quiz_post_without_csrf_token_is_refused(article):
    csrf_client = Client(enforce_csrf_checks=True)

    assert csrf_client.post(f"{article.url}quiz/", {"q1": "0"}).status_code == 403


def test_get_on_the_quiz_address_shows_the_article(client, article):
    response = client.get(f"{article.url}quiz/")

    assert response.status_code == 200
    assert "quiz_result" not in response.context


def test_article_without_quiz_shows_no_form(client, education_index):
    page = ensure_page(education_index, LegalEducationPage(title="人民调解不收费", slug="mediation"))

    assert "csrfmiddlewaretoken" not in client.get(page.url).content.decode()
    assert client.post(f"{page.url}quiz/", {"q1": "0"}).status_code == 200
