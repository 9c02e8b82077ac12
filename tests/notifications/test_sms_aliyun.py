"""The Aliyun SMS adapter (residents.sms_aliyun) against a fake dysmsapi on 127.0.0.1 (never the internet).

The fake server recomputes the signature from the form it received with its own copy of the secret (its own
encoding code, not the adapter's), checks the documented parameters, and answers as the provider does: OK, a
refusal with the provider's code, its rate limit, or nothing at all (a timeout)."""

import base64
import contextlib
import datetime
import hashlib
import hmac
import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from notifications import broadcasts
from notifications.models import Broadcast, Delivery
from notifications.tasks import plan_broadcast
from residents import sms
from residents.sms_aliyun import percent_encode

from .conftest import SHANGHAI, at

pytestmark = pytest.mark.django_db
Status = Delivery.Status
SECRET = "fake-secret/with+odd=chars"
LONG_TITLE = "明天上午八点到下午五点全村停水检修，请各家各户提前储水，不便之处敬请谅解"
NOON = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=SHANGHAI)


def expected_signature(secret: str, form: dict[str, str]) -> str:
    """The documented algorithm, written independently of the adapter: sort, RFC 3986-encode (urlencode's
    quote_via, then the doc's fix-ups for + * ~), sign POST&%2F&<encoded canonical string>."""
    pairs = sorted((k, v) for k, v in form.items() if k != "Signature")
    canonical = urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote_plus)
    canonical = canonical.replace("+", "%20").replace("*", "%2A").replace("%7E", "~")
    to_sign = "POST&%2F&" + urllib.parse.quote_plus(canonical).replace("+", "%20").replace("*", "%2A")
    to_sign = to_sign.replace("%7E", "~")
    return base64.b64encode(hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


class FakeAliyun(BaseHTTPRequestHandler):
    requests: list[dict[str, str]] = []
    answers: dict[str, list[str]] = {}  # phone -> what to answer, one entry per request (then "OK")
    secret = SECRET

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        FakeAliyun.requests.append(form)
        if form.get("Signature") != expected_signature(FakeAliyun.secret, form):
            return self._answer(400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature not match"})
        queue = FakeAliyun.answers.get(form.get("PhoneNumbers", ""), [])
        answer = queue.pop(0) if queue else "OK"
        if answer == "slow":
            time.sleep(1.5)
            answer = "OK"
        if answer == "OK":
            return self._answer(200, {"Code": "OK", "Message": "OK", "BizId": "9006197469364984^0", "RequestId": "x"})
        self._answer(200, {"Code": answer, "Message": "refused by the fake provider", "RequestId": "x"})

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the adapter stopped waiting (the timeout test)
            self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def aliyun(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeAliyun)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeAliyun.requests, FakeAliyun.answers, FakeAliyun.secret = [], {}, SECRET
    settings.RESIDENTS_SMS_SENDER = "residents.sms_aliyun.AliyunSender"
    settings.ALIYUN_SMS = {
        "endpoint": f"http://127.0.0.1:{server.server_address[1]}/", "region": "cn-hangzhou",
        "access_key_id": "LTAIfake", "access_key_secret": SECRET, "sign_name": "村务通",
        "templates": {"code": "SMS_100001", "notice": "SMS_100002", "plain": "SMS_100003"},
        "connect_timeout": 1, "timeout": 0.5,
    }  # fmt: skip
    yield FakeAliyun
    server.shutdown()
    server.server_close()


@pytest.fixture
def urgent(village_page) -> Broadcast:
    return Broadcast.objects.create(
        village=village_page.village, kind=Broadcast.Kind.URGENT_NOTICE, event="notice:sms", title="停水通知",
        message="Urgent notice from %(village)s: %(title)s",
        params={"village": "东山村", "title": LONG_TITLE},
        url="/n/3x7k", urgent=True,
    )  # fmt: skip


def test_percent_encoding_is_the_documented_one():
    assert percent_encode("a b*c~d/é+") == "a%20b%2Ac~d%2F%C3%A9%2B"


def test_a_notice_goes_out_signed_with_the_template_and_short_parameters(aliyun, urgent, make_resident):
    office = make_resident(login=False, phone="13800138000")
    with at(NOON):
        plan_broadcast.enqueue(urgent.pk)
    (form,) = aliyun.requests
    assert form["Signature"] == expected_signature(SECRET, form)  # the server accepted it, too
    assert {k: form[k] for k in ("Action", "Version", "Format", "SignatureMethod", "SignatureVersion")} == {
        "Action": "SendSms", "Version": "2017-05-25", "Format": "JSON", "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
    }  # fmt: skip
    assert (form["PhoneNumbers"], form["SignName"], form["TemplateCode"]) == ("13800138000", "村务通", "SMS_100002")
    assert form["AccessKeyId"] == "LTAIfake" and form["Timestamp"] == "2026-12-02T04:00:00Z"
    params = json.loads(form["TemplateParam"])
    assert params["code"] == "3x7k"  # the template holds the address; only the short link's code varies
    assert len(params["text"]) <= sms.TEXT_LIMIT and params["text"].endswith("…") and "东山村" in params["text"]
    assert "\n" not in params["text"]
    row = Delivery.objects.get(resident=office)
    assert (row.status, row.attempts, row.reason) == (Status.SENT, 1, "")


def test_each_request_has_its_own_nonce_and_a_sign_in_code_uses_the_code_template(aliyun):
    sms.send_sms("13800138000", "Your code is 123456", kind=sms.CODE, params={"code": "123456"})
    sms.send_sms("13800138000", "Your code is 654321", kind=sms.CODE, params={"code": "654321"})
    first, second = aliyun.requests
    assert first["SignatureNonce"] != second["SignatureNonce"]
    assert first["TemplateCode"] == "SMS_100001" and json.loads(first["TemplateParam"]) == {"code": "123456"}


def test_a_wrong_secret_is_refused_by_the_provider(aliyun):
    aliyun.secret = "another-secret"
    with pytest.raises(sms.SmsError) as refused:
        sms.send_sms("13800138000", "hello")
    assert refused.value.code == "SignatureDoesNotMatch" and not refused.value.retry


def test_a_provider_refusal_is_recorded_failed_with_its_code_and_not_sent_again(aliyun, urgent, make_resident):
    make_resident(login=False, phone="13800138001")
    aliyun.answers["13800138001"] = ["isv.MOBILE_NUMBER_ILLEGAL"]
    with at(NOON):
        plan_broadcast.enqueue(urgent.pk)
    row = Delivery.objects.get()
    assert row.status == Status.FAILED and row.reason.startswith("isv.MOBILE_NUMBER_ILLEGAL")
    with at(NOON + datetime.timedelta(hours=2)):
        assert broadcasts.release_due() == []  # the same number would be refused again
    assert len(aliyun.requests) == 1


def test_a_provider_system_error_is_tried_again(aliyun, urgent, make_resident):
    make_resident(login=False, phone="13800138002")
    aliyun.answers["13800138002"] = ["isp.SYSTEM_ERROR"]
    with at(NOON):
        plan_broadcast.enqueue(urgent.pk)
    row = Delivery.objects.get()
    assert (row.status, row.attempts) == (Status.FAILED, 1) and "isp.SYSTEM_ERROR" in row.reason
    with at(NOON + datetime.timedelta(minutes=11)):  # once its queued task is stale (broadcasts.STALE_AFTER)
        for broadcast_id, batch in broadcasts.release_due():
            broadcasts.send_batch(broadcast_id, batch)
    row.refresh_from_db()
    assert (row.status, len(aliyun.requests)) == (Status.SENT, 2)


def test_the_rate_limit_waits_then_sends_once(aliyun, urgent, make_resident, settings):
    settings.BROADCASTS_SMS_RETRY_MINUTES = 30
    make_resident(login=False, phone="13800138003")
    make_resident(login=False, phone="13800138004")
    aliyun.answers["13800138003"] = ["isv.BUSINESS_LIMIT_CONTROL"]
    with at(NOON):
        plan_broadcast.enqueue(urgent.pk)
    limited = Delivery.objects.get(resident__phone="13800138003")
    assert limited.status == Status.LIMITED and "isv.BUSINESS_LIMIT_CONTROL" in limited.reason
    assert limited.not_before == NOON + datetime.timedelta(minutes=30)
    assert Delivery.objects.get(resident__phone="13800138004").status == Status.SENT  # the others go on
    with at(NOON + datetime.timedelta(minutes=29)):
        assert broadcasts.release_due() == []  # not before its time
    with at(NOON + datetime.timedelta(minutes=31)):
        for broadcast_id, batch in broadcasts.release_due():
            broadcasts.send_batch(broadcast_id, batch)
    with at(NOON + datetime.timedelta(minutes=45)):
        assert broadcasts.release_due() == []
    limited.refresh_from_db()
    assert limited.status == Status.SENT
    phones = [form["PhoneNumbers"] for form in aliyun.requests]
    assert sorted(phones) == ["13800138003", "13800138003", "13800138004"]  # refused once, delivered once


def test_no_answer_in_time_is_failed_and_not_sent_again(aliyun, urgent, make_resident):
    make_resident(login=False, phone="13800138005")
    aliyun.answers["13800138005"] = ["slow"]
    with at(NOON):
        plan_broadcast.enqueue(urgent.pk)
    row = Delivery.objects.get()
    assert row.status == Status.FAILED and row.reason.startswith("vc.NO_ANSWER")
    with at(NOON + datetime.timedelta(hours=1)):
        assert broadcasts.release_due() == []  # it may have arrived: sending again could send it twice


def test_a_provider_that_cannot_be_reached_is_tried_again(aliyun, urgent, make_resident, settings):
    with socket.socket() as closed:  # a port nothing listens on: the connection is refused at once
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.ALIYUN_SMS = {**settings.ALIYUN_SMS, "endpoint": f"http://127.0.0.1:{port}/"}
    make_resident(login=False, phone="13800138006")
    with at(NOON):
        plan_broadcast.enqueue(urgent.pk)
    row = Delivery.objects.get()
    assert (row.status, row.attempts) == (Status.FAILED, 1) and row.reason.startswith("vc.CONNECTION_ERROR")
    with at(NOON + datetime.timedelta(minutes=11)):
        assert [batch for _broadcast, batch in broadcasts.release_due()] == [[row.pk]]


def test_the_sender_refuses_to_start_without_its_keys(settings):
    from django.core.exceptions import ImproperlyConfigured

    from residents.sms_aliyun import AliyunSender

    settings.ALIYUN_SMS = {"access_key_id": "", "access_key_secret": "", "sign_name": ""}
    with pytest.raises(ImproperlyConfigured):
        AliyunSender()
