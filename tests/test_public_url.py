"""One public address (PORTAL_BASE_URL) drives every link written outside a page, and check --deploy warns about
the default. Issue 20: e-mails pointed at 127.0.0.1:8000 and the API's html_url at http://localhost/.

Every output that writes an absolute link is here: e-mail (notifications), the API's html_url, both feeds of both
feed-carrying sections, the sitemap.
"""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail.models import Locale, Site

from home.models import VillagePage
from notices.models import NoticeIndexPage
from notifications import services as notifications
from portal.public_url import check_public_base_url, sync_default_site
from tests.page_tree import build_every_page_type

PUBLIC = "https://cunwu.example.gov.cn"


@pytest.fixture
def public_address(settings, village_page):
    settings.PORTAL_BASE_URL = settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = PUBLIC
    sync_default_site()
    return build_every_page_type(village_page)


def _links(text: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


def _foreign(links: set[str]) -> set[str]:
    # Namespaces and the feed generator's own URLs are not links to the portal.
    known = ("http://www.w3.org/", "http://www.sitemaps.org/", "http://purl.org/", "http://backend.userland.com/")
    return {link for link in links if not link.startswith(PUBLIC) and not link.startswith(known)}


def test_the_default_site_follows_the_public_address(public_address):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("cunwu.example.gov.cn", 443, PUBLIC)
    assert sync_default_site() == 0  # already right: nothing written


def test_api_html_url(client, public_address):
    items = client.get("/api/v2/pages/", {"locale": "zh-hans", "limit": 50}).json()["items"]
    urls = {item["meta"]["html_url"] for item in items}
    assert urls and all(url.startswith(PUBLIC + "/zh-hans/") for url in urls), urls
    detail = client.get(f"/api/v2/pages/{items[0]['id']}/").json()
    assert detail["meta"]["html_url"].startswith(PUBLIC)


def test_feeds_and_sitemap(client, public_address):
    from legal_aid.models import LegalEducationIndexPage

    notices = NoticeIndexPage.objects.filter(locale=Locale.get_default()).first()
    education = LegalEducationIndexPage.objects.filter(locale=Locale.get_default()).first()
    for path in (
        notices.url + "feed/rss/",
        notices.url + "feed/atom/",
        education.url + "feed/rss/",
        education.url + "feed/atom/",
        "/sitemap.xml",
    ):
        response = client.get(path, HTTP_HOST="10.0.0.5:8000")  # an app server's own address, as behind nginx
        assert response.status_code == 200, path
        links = _links(response.content.decode())
        assert links, path
        assert not _foreign(links), (path, _foreign(links))


def test_notification_email_links(public_address, make_user):
    user = make_user("wang", email="wang@example.org")
    notice = next(page for page in public_address.values() if page.url and "notices" in page.url)

    notifications.notify([user.pk], "There is a new follow-up update on “%(title)s”.", {"title": "x"}, notice.url)

    assert len(mail.outbox) == 1
    assert f"{PUBLIC}{notice.url}" in mail.outbox[0].body


def test_deploy_check_warns_about_the_default_address(settings):
    for address in ("http://127.0.0.1:8000", "http://localhost", "http://cunwu.example.gov.cn"):
        settings.PORTAL_BASE_URL = address
        assert [message.id for message in check_public_base_url(None)] in (["portal.W001"], ["portal.W002"])
    settings.PORTAL_BASE_URL = PUBLIC
    assert check_public_base_url(None) == []


def test_check_deploy_fails_at_warning_level_with_the_default(settings):
    """As CI runs it (.ci/run: check --deploy --fail-level WARNING)."""
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    with pytest.raises(SystemCheckError, match=r"portal\.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


def test_village_pages_of_every_language_are_in_the_sitemap(client, public_address, village_page):
    body = client.get("/sitemap.xml").content.decode()
    for page in VillagePage.objects.filter(village=village_page.village):
        # Absolute at the public address (a bare path would be a weaker claim that any URL containing it meets).
        assert page.full_url.startswith(f"{PUBLIC}/")
        assert f"<loc>{page.full_url}</loc>" in body
