"""A publish refused for personal data, or by another rule of the publish layer (home.privacy.guard), is a message
in the admin, never a 500.

When a publish deep inside an admin view (a bulk action, a workflow approval, the translation editor) is
refused, the editor is sent back where they came from with the refusal, the masked numbers named, in their
language. Nothing half-done stays: the refusal comes before the publish writes anything, a workflow action runs
in Wagtail's own transaction (Task.on_action), and the translation writer in ours (guard._guarded_translation).
wagtail-localize publishes after the commit, so a refusal can also come out of the view's end; its draft stays
saved, as any draft may.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .guard import PublishRefused


class PersonalDataRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _is_admin_post(self, request: HttpRequest) -> bool:
        return request.method == "POST" and request.path.startswith(reverse("wagtailadmin_home"))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._is_admin_post(request):
            return self.get_response(request)
        try:
            return self.get_response(request)
        except PublishRefused as refusal:  # from an on-commit publish
            return refused_response(request, refusal)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PublishRefused) or not self._is_admin_post(request):
            return None
        return refused_response(request, exception)


def refused_response(request: HttpRequest, refusal: PublishRefused) -> HttpResponse:
    list(messages.get_messages(request))  # a "published" message queued before the refusal would be untrue
    messages.error(request, str(refusal))
    back = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("wagtailadmin_home")
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        # Wagtail's modal workflows (approve, bulk actions) close and go to "redirect", where the message shows.
        return JsonResponse({"step": "success", "redirect": back, "error_code": refusal.code, "error": str(refusal)})
    return HttpResponseRedirect(back)
