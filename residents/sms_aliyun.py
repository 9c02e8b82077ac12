"""Aliyun SMS (阿里云短信服务, dysmsapi 2017-05-25 SendSms) over its documented HTTP API, RPC style, signature
version 1.0 (HMAC-SHA1 with the AccessKey secret). Set RESIDENTS_SMS_SENDER=residents.sms_aliyun.AliyunSender
and the ALIYUN_SMS_* variables (docs/reach.md). No SDK: ``requests`` is already in the lock, and the request is
one signed form POST.

Answers: Code "OK" is sent; a rate limit (isv.BUSINESS_LIMIT_CONTROL, Throttling*) raises SmsRateLimited; any
other code raises SmsError with it (isp.* system errors may be retried, isv.* refusals would be refused again);
no answer raises SmsUnavailable.
"""

import base64
import datetime
import hashlib
import hmac
import json
import uuid
from urllib.parse import quote

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .sms import CODE, NOTICE, PLAIN, SmsError, SmsRateLimited, SmsUnavailable

RATE_LIMIT_CODES = ("isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "Throttling")


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as Aliyun signs it: only A-Z a-z 0-9 - _ . ~ stay; a space is %20, not +."""
    return quote(value, safe="-_.~")


def string_to_sign(method: str, params: dict[str, str]) -> str:
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"


def signature(secret: str, method: str, params: dict[str, str]) -> str:
    """Base64(HMAC-SHA1(secret + "&", StringToSign)); ``params`` without Signature."""
    digest = hmac.new(f"{secret}&".encode(), string_to_sign(method, params).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSender:
    def __init__(self) -> None:
        conf = getattr(settings, "ALIYUN_SMS", {})
        missing = [name for name in ("access_key_id", "access_key_secret", "sign_name") if not conf.get(name)]
        if missing:
            raise ImproperlyConfigured(f"Aliyun SMS needs {', '.join('ALIYUN_SMS_' + m.upper() for m in missing)}")
        self.conf = conf

    def send(self, phone: str, message: str) -> None:
        self.send_template(phone, message, PLAIN, {"text": message})

    def template_for(self, kind: str) -> str:
        template = self.conf.get("templates", {}).get(kind, "")
        if not template:
            # a configuration gap, not the resident's: refused at once (no retry can fix it)
            raise SmsError("vc.NO_TEMPLATE", f"ALIYUN_SMS_TEMPLATE_{kind.upper()} is not set")
        return template

    def request_params(self, phone: str, kind: str, params: dict[str, str]) -> dict[str, str]:
        if kind not in (CODE, NOTICE, PLAIN):
            raise SmsError("vc.UNKNOWN_KIND", kind)
        return {
            "AccessKeyId": self.conf["access_key_id"],
            "Action": "SendSms",
            "Format": "JSON",
            "RegionId": self.conf.get("region", "cn-hangzhou"),
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,  # a fresh nonce per request: the provider refuses a replay
            "SignatureVersion": "1.0",
            "Timestamp": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
            "PhoneNumbers": phone,
            "SignName": self.conf["sign_name"],
            "TemplateCode": self.template_for(kind),
            # values as strings: the provider refuses {"code": 123456} (isv.INVALID_JSON_PARAM)
            "TemplateParam": json.dumps({k: str(v) for k, v in params.items()}, ensure_ascii=False),
        }

    def send_template(self, phone: str, message: str, kind: str, params: dict[str, str]) -> None:
        body = self.request_params(phone, kind, params)
        body["Signature"] = signature(self.conf["access_key_secret"], "POST", body)
        try:
            response = requests.post(
                self.conf.get("endpoint") or "https://dysmsapi.aliyuncs.com/",
                data=body,
                timeout=(self.conf.get("connect_timeout", 3), self.conf.get("timeout", 10)),
            )
        except requests.ConnectTimeout as error:
            raise SmsUnavailable("vc.CONNECT_TIMEOUT", str(error)[:120], maybe_sent=False) from error
        except requests.ConnectionError as error:
            raise SmsUnavailable("vc.CONNECTION_ERROR", str(error)[:120], maybe_sent=False) from error
        except requests.Timeout as error:  # the request went out and no answer came: it may have arrived
            raise SmsUnavailable("vc.NO_ANSWER", "no answer in time; the message may have arrived",
                                 maybe_sent=True) from error  # fmt: skip
        try:
            answer = response.json()
        except ValueError as error:
            raise SmsError(f"vc.HTTP_{response.status_code}", "not a JSON answer", retry=True) from error
        code = str(answer.get("Code", ""))
        if code == "OK":
            return
        detail = str(answer.get("Message", ""))[:120]
        if code.startswith(RATE_LIMIT_CODES):
            raise SmsRateLimited(code, detail)
        raise SmsError(code or f"vc.HTTP_{response.status_code}", detail, retry=code.startswith("isp."))
