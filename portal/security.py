"""Security headers that Django's SecurityMiddleware does not set: Content-Security-Policy and Permissions-Policy.

The public site runs no inline script or style, so its policy is strict (settings.CONTENT_SECURITY_POLICY).
The Wagtail admin still writes inline scripts (editor bootstrapping) and style attributes, so under /admin/
the script and style sources are widened by settings.CSP_ADMIN_RELAXED; everything else stays strict there too.
"""

import functools

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(_admin_prefix()):
            parts.replace = {**(parts.replace or {}), **settings.CSP_ADMIN_RELAXED}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


def _admin_prefix() -> str:
    return _admin_prefix_in(get_urlconf(), get_script_prefix())


@functools.lru_cache(maxsize=8)
def _admin_prefix_in(urlconf: str | None, script_prefix: str) -> str:
    # Asked on every response, cached pages included: reverse() once per URL configuration, not per request.
    return reverse("wagtailadmin_home", urlconf=urlconf)
