"""Input no database column can hold is refused at the door with a 400 and a message, never a 500 further in.

PostgreSQL refuses the NUL character (U+0000) in any text value, so ``?tag=a%00b`` reaching a queryset filter, or a
form field reaching a save, ends in a server error deep in a view. Django's form fields already refuse NUL, but
query parameters, hand-read POST fields and cookies never pass through one. So one middleware looks at
everything a request brings before any view runs. APIs (``/api/``, ``/open311/``) get JSON; pages get a short page in
the visitor's language that shows back what they typed (without the bad characters), so that nothing is lost.

A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE (files not counted) or with more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS is refused by Django when it is first read (here, by the middleware), with a
SuspiciousOperation that Django answers through handler400: bad_request() makes that a page (or JSON) in the
visitor's language, 413 for a body too large, 400 otherwise. The body is not read again, so nothing typed can
be shown back; the page is rendered without context processors (no session or user exists yet).
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .unavailable import typed_text

# Text PostgreSQL cannot store. (Invalid UTF-8 never gets this far: Django decodes it to U+FFFD.)
UNSTORABLE = ("\x00",)
JSON_PREFIXES = ("/api/", "/open311/")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_unstorable(text: str) -> bool:
    return any(char in text for char in UNSTORABLE)


def _strings(request: HttpRequest) -> Iterable[str]:
    yield request.path_info
    for name, values in request.GET.lists():
        yield name
        yield from values
    for name, value in request.COOKIES.items():
        yield name
        yield value
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        for name, values in request.POST.lists():
            yield name
            yield from values


def bad_input_response(request: HttpRequest) -> HttpResponse:
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        message = _(
            "Part of what was sent contains characters the portal cannot store (such as the NUL character). "
            "Remove them and try again."
        )
        if request.path_info.startswith(JSON_PREFIXES):
            response = JsonResponse({"error": "bad_input", "message": message}, status=400)
        else:
            texts = [text.replace("\x00", "") for text in typed_text(request)]
            context = {"request": request, "message": message, "typed_text": texts, "LANGUAGE_CODE": language}
            response = HttpResponse(loader.get_template("400_bad_input.html").render(context), status=400)
    add_never_cache_headers(response)
    return response


def _refusal(exception: Exception | None) -> tuple[int, str, str, str]:
    """(status, error code, heading, message) for a request Django refused as it read it."""
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        message = _(
            "What you sent is larger than the portal accepts (%(limit)s of text at most; attached files are not "
            "counted). Please shorten the text, or send a long document as an attachment, and try again."
        ) % {"limit": limit}
        return 413, "too_large", _("This is too large to send"), message
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        message = _(
            "The form you sent has more fields or files than the portal accepts (%(limit)d at most). "
            "Please send it in several parts."
        ) % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
        return 400, "too_many_fields", _("This form is too large to send"), message
    message = _("The request could not be understood. Please go back and try again.")
    return 400, "bad_request", _("This could not be read"), message


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: every request Django refuses as bad (a body too large, too many fields, a bad host) gets a
    clear answer in the visitor's language, never Django's bare "Bad Request (400)"."""
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        status, code, heading, message = _refusal(exception)
        if request.path_info.startswith(JSON_PREFIXES):
            response = JsonResponse({"error": code, "message": message}, status=status)
        else:
            context = {"heading": heading, "message": message, "typed_text": [], "LANGUAGE_CODE": language}
            response = HttpResponse(loader.get_template("400_bad_input.html").render(context), status=status)
    add_never_cache_headers(response)
    return response


class RejectUnstorableInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            bad = any(has_unstorable(text) for text in _strings(request))
        except MultiPartParserError:
            bad = True  # a body that cannot be read as the form it claims to be is bad input too
        if bad:
            return bad_input_response(request)
        return self.get_response(request)
