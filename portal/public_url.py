"""One public address for every link the portal writes outside a page: e-mails, texts, API, feeds, sitemap.

PORTAL_BASE_URL (settings, from the environment) is the address residents type, e.g. https://cunwu.example.gov.cn.
Wagtail builds absolute page addresses (the API's html_url, the sitemap) from its Site record, which migrations
create as localhost:80, so the default Site is kept at that address (sync_default_site, run after every
migrate); feeds and e-mails use public_url(); `check --deploy` warns while production still has the default.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/")


def public_url(path: str) -> str:
    """An absolute address for a path of the portal ("/zh-hans/…"); an absolute URL is returned unchanged."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{base_url()}/{path.lstrip('/')}"


def site_address() -> tuple[str, int]:
    """(hostname, port) of the base URL as a Wagtail Site stores them."""
    parts = urlsplit(base_url())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port


def sync_default_site(**kwargs) -> int:
    """Point the default Site at the public address; the number of rows changed (0 when already right)."""
    from wagtail.models import Site

    hostname, port = site_address()
    return (
        Site.objects.filter(is_default_site=True)
        .exclude(hostname=hostname, port=port)
        .update(hostname=hostname, port=port)
    )


class PublicLinksFeedMixin:
    """Django's feeds prefix links with the request's host, which behind a proxy or in a worker may not be the
    public one; an absolute link is left as it is, so every link a feed writes goes through public_url()."""

    def feed_url(self, obj) -> str:
        return public_url(self.request.path)

    def link(self, obj) -> str:
        return public_url(obj.url)

    def item_link(self, item) -> str:
        return public_url(item.url)


@checks.register(checks.Tags.security, deploy=True)
def check_public_base_url(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: links in e-mails, the API, feeds and the sitemap would point at a developer's machine."""
    parts = urlsplit(settings.PORTAL_BASE_URL)
    if settings.PORTAL_BASE_URL.rstrip("/") == DEFAULT_BASE_URL or parts.hostname in {"127.0.0.1", "localhost"}:
        return [
            checks.Warning(
                f"PORTAL_BASE_URL is {settings.PORTAL_BASE_URL!r}: e-mail, API, feed and sitemap links would "
                "point there, not at the portal's public address.",
                hint="Set PORTAL_BASE_URL in the environment, e.g. https://cunwu.example.gov.cn",
                id="portal.W001",
            )
        ]
    if parts.scheme != "https":
        return [
            checks.Warning(
                f"PORTAL_BASE_URL {settings.PORTAL_BASE_URL!r} is not https: links in e-mails would be sent in clear.",
                hint="Use the https:// address that nginx serves.",
                id="portal.W002",
            )
        ]
    return []
