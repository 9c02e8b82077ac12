"""Per-user and per-IP rate limits on ballots, proposals, supports, comments and reports (portal.ratelimit)."""

import pytest
import time_machine
from django.core.cache import cache

from consultations import services
from consultations.models import BallotBox, Comment, Proposal

from .conftest import IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db
DELIBERATION = OPENINGS["deliberation_opens"]


@pytest.fixture(autouse=True)
def tight_limits(settings):
    cache.clear()
    settings.RATE_LIMITS = {
        "comment": {"user": (2, 600), "ip": (4, 600)},
        "ballot": {"user": (2, 600), "ip": (100, 600)},
        "proposal": {"user": (1, 3600), "ip": (100, 3600)},
        "support": {"user": (100, 600), "ip": (100, 600)},
        "report": {"user": (1, 3600), "ip": (100, 3600)},
    }
    yield
    cache.clear()


def test_third_comment_in_ten_minutes_gets_429_with_the_text_kept(client, consultation, make_resident):
    resident = make_resident()
    client.force_login(resident.user)
    url = f"/zh-hans/consultations/{consultation.pk}/comments/"
    with time_machine.travel(DELIBERATION, tick=False):
        for number in range(2):
            assert client.post(url, {"text": f"意见{number}"}).status_code == 302
        response = client.post(url, {"text": "第三条意见，很长很长的内容"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "<h1>请稍后再试</h1>" in html  # the slow-down message in the page's language, Simplified Chinese
    assert "第三条意见，很长很长的内容" in html  # what they typed, ready to send again
    assert f'action="{url}"' in html
    assert Comment.objects.count() == 2


def test_limit_is_per_user_and_another_resident_can_still_comment(client, consultation, make_resident):
    first, second = make_resident(), make_resident()
    url = f"/zh-hans/consultations/{consultation.pk}/comments/"
    with time_machine.travel(DELIBERATION, tick=False):
        client.force_login(first.user)
        for _number in range(3):
            client.post(url, {"text": "意见"})
        client.force_login(second.user)
        assert client.post(url, {"text": "我的意见"}).status_code == 302
        # The address limit (4 per window) is now reached for everyone behind it.
        assert client.post(url, {"text": "再来一条"}).status_code == 429


def test_address_comes_from_x_real_ip_only_behind_a_trusted_proxy(client, consultation, make_resident):
    url = f"/zh-hans/consultations/{consultation.pk}/comments/"
    residents = [make_resident() for _ in range(5)]
    with time_machine.travel(DELIBERATION, tick=False):
        for number, resident in enumerate(residents):
            client.force_login(resident.user)
            # Five households behind nginx (127.0.0.1 is trusted): five addresses, no address limit reached.
            response = client.post(url, {"text": "意见"}, HTTP_X_REAL_IP=f"10.0.0.{number}")
            assert response.status_code == 302
        # A client that is not the proxy cannot choose its address with the header.
        for _number in range(4):
            client.post(url, {"text": "意见"}, REMOTE_ADDR="203.0.113.9", HTTP_X_REAL_IP="10.9.9.9")
        client.force_login(make_resident().user)
        response = client.post(url, {"text": "意见"}, REMOTE_ADDR="203.0.113.9", HTTP_X_REAL_IP="10.9.9.8")
    assert response.status_code == 429


def test_ballots_are_limited_and_the_choice_is_kept(client, consultation, make_resident, make_question):
    resident = make_resident()
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    client.force_login(resident.user)
    url = f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/"
    with time_machine.travel(IN_VOTING, tick=False):
        assert client.post(url, {"option": yes.pk}).status_code == 200  # the secret ballot's receipt, shown once
        assert client.post(url, {"option": yes.pk}).status_code == 302  # already voted: back with the message
        response = client.post(url, {"option": yes.pk})
    assert response.status_code == 429
    assert f'name="option" value="{yes.pk}"' in response.content.decode()
    assert BallotBox.objects.get(question=question).ballots == 1


def test_proposals_and_reports_are_limited(client, consultation, make_resident):
    resident = make_resident()
    client.force_login(resident.user)
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        url = f"/zh-hans/consultations/{consultation.pk}/proposals/new/"
        assert client.post(url, {"title": "修路", "text": "村口的路"}).status_code == 302
        response = client.post(url, {"title": "第二个提案", "text": "路灯"})
        assert response.status_code == 429
        assert "第二个提案" in response.content.decode()
        assert Proposal.objects.count() == 1
    with time_machine.travel(DELIBERATION, tick=False):
        comment = Comment.objects.create(page=consultation, author=make_resident(), text="广告")
        report = f"/zh-hans/consultations/{consultation.pk}/comments/{comment.pk}/report/"
        assert client.post(report, {"reason": "广告"}).status_code == 302
        assert client.post(report, {"reason": "广告"}).status_code == 429


def test_get_requests_are_never_counted(client, consultation, make_resident):
    client.force_login(make_resident().user)
    url = f"/zh-hans/consultations/{consultation.pk}/proposals/new/"
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        for _number in range(5):
            assert client.get(url).status_code == 200
