"""What the leak crawl (tests/test_leak.py) requests: every URL pattern of the portal, from the resolver, and every
sub-route of every routable page type, each either filled from the seeded objects or excluded with its reason.

A pattern that is in neither map fails test_every_route_is_crawled_or_excluded, so a new view cannot be missed.
Page routes (Wagtail's serve) are walked through the page tree: every live page of every locale, and at each page
every sub-route of its type (RoutablePageMixin).
"""

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.test import Client
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from tests.leak_media import Served, media_links, read_served
from tests.urlwalk import Route, routes

LANGUAGES = ("zh-hans", "zh-hant", "en")
SEARCHES = ("公告", "低保", "电话", "1381234", "广场", "会议", "网格", "村规")


@dataclass
class Seeded:
    """The ids the crawl fills patterns with (tests/leak_seed*.py makes them)."""

    villages: list[str]
    consultations: list[int] = field(default_factory=list)
    proposals: list[int] = field(default_factory=list)
    comments: list[int] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    private_requests: list[int] = field(default_factory=list)  # not shown publicly, with a photo
    meetings: list[int] = field(default_factory=list)
    demands: list[int] = field(default_factory=list)
    versions: list[int] = field(default_factory=list)
    rule_comments: list[int] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # short-link codes of every public page and meeting
    printable: list[str] = field(default_factory=list)  # the codes of notices, consultations and meetings
    uploads: dict = field(default_factory=dict)  # what tests/leak_seed_media.py uploaded, for its assertions


# pattern (name, or path when unnamed; i18n paths without the language) -> the query strings of its GETs
Fill = Callable[[Seeded], list[dict]]
_API_PAGE = {"fields": "*", "limit": 20}
CRAWLED: dict[str, Fill] = {
    "healthz": lambda s: [{}],
    "sitemap": lambda s: [{}],
    "short_link": lambda s: [{"code": code} for code in s.codes],
    "short_link_in_language": lambda s: [{"code": code} for code in s.codes],
    "print_sheet": lambda s: [{"code": code} for code in s.printable],
    "search": lambda s: [{"?": {"q": query}} for query in SEARCHES],
    "consultations_api:proposals": lambda s: [{}, {"?": {"page": s.consultations[0]}}],
    "consultations_api:tally": lambda s: [{"page_id": pk} for pk in s.consultations],
    "consultations:results_csv": lambda s: [{"page_id": pk} for pk in s.consultations],
    "wagtailapi:pages:listing": lambda s: [{"?": {**_API_PAGE, "offset": n}} for n in range(0, 200, 20)],
    "wagtailapi:pages:find": lambda s: [{"?": {"html_path": "/"}}],
    "wagtailapi:images:listing": lambda s: [{"?": {"fields": "*", "limit": 100}}],
    "wagtailapi:images:find": lambda s: [{"?": {"id": 1}}],
    "wagtailapi:documents:listing": lambda s: [{"?": {"fields": "*", "limit": 100}}],
    "wagtailapi:documents:find": lambda s: [{"?": {"id": 1}}],
    # Each detail: filled from the listing while crawling (DETAILS_FROM_LISTING).
    "wagtailapi:pages:detail": lambda s: [],
    "wagtailapi:images:detail": lambda s: [],
    "wagtailapi:documents:detail": lambda s: [],
    # A document's bytes: every /documents/<id>/<name> that a crawled output links (tests/leak_media.py).
    "wagtaildocs_serve": lambda s: [],
    # Anonymous: never the photo (the owner and handlers: test_leak.py's private photo test).
    "grid:photo": lambda s: [{"pk": pk} for pk in s.requests + s.private_requests],
    "open311:open311_services": lambda s: [{}],
    "open311:open311_requests": lambda s: [{}, {"?": {"status": "open"}}],
    "open311:open311_request": lambda s: [{"pk": pk} for pk in s.requests],
    "grid:public_list": lambda s: [{"code": code} for code in s.villages],
    "grid:assessment": lambda s: [{}],
    "grid:new": lambda s: [{"code": code} for code in s.villages],  # the form (anonymous: the sign-in step)
    "supervision:county_calendar": lambda s: [{}],
    "supervision:village_calendar": lambda s: [{"code": code} for code in s.villages],
    "supervision:complaints": lambda s: [{"code": code} for code in s.villages],
    "supervision:evaluations": lambda s: [{"code": code} for code in s.villages],
    "supervision:new_complaint": lambda s: [{"code": code} for code in s.villages],
    "supervision:audits": lambda s: [{"code": code} for code in s.villages],
    "consultations:new_proposal": lambda s: [{"page_id": pk} for pk in s.consultations],
    "consultations:edit_proposal": lambda s: [{"page_id": s.consultations[0], "proposal_id": p} for p in s.proposals],
    "consultations:edit_comment": lambda s: [{"page_id": s.consultations[0], "comment_id": c} for c in s.comments],
}
DETAILS_FROM_LISTING = {
    "wagtailapi:pages:listing": "/api/v2/pages/{}/",
    "wagtailapi:images:listing": "/api/v2/images/{}/",
    "wagtailapi:documents:listing": "/api/v2/documents/{}/",
}
PAGE_ROUTES = {
    "page": "home.routing.serve: every live page of every locale, from the page tree (page_urls)",
    "wagtail_serve": "Wagtail's serve behind home.routing.serve: the same pages",
}
EXCLUDED_PREFIXES = {
    "admin/": "the Wagtail admin: staff only, behind sign-in (tests/admin_scope covers who sees what)",
    "accounts/": "allauth and the resident's own profile: sign-in forms and one person's own data",
    "static/": "static files: no stored text",
    "media/": "served in development only (DEBUG): the crawl reads every /media/ address the outputs link as "
    "production's nginx serves it (tests/leak_media.py)",
}
_POST = "POST-only action: a GET changes and shows nothing"
EXCLUDED = {
    "wagtaildocs_authenticate_with_password": "the password form of a restricted document: no stored text",
    "wagtailcore_login": "the front-end sign-in form",
    "wagtailcore_authenticate_with_password": "the password form of a restricted page: no stored text",
    "elder_mode": "sets a cookie and redirects back: no content of its own",
    "grid:mine": "one resident's own request, shown only to them (tests/test_personal_pages.py)",
    "notifications:inbox": "one person's own inbox, behind sign-in",
    "notifications:mark_read": _POST,
    "consultations:vote": "the ballot form of a signed-in resident: no stored text",
    "consultations:support": _POST,
    "consultations:withdraw_proposal": _POST,
    "consultations:comment": _POST,
    "consultations:report": _POST,
    "consultations:follow": _POST,
    "accounts/login/code/confirm/": "allauth's sign-in code form",
}
# Sub-routes of routable page types ("app_label.Model:name") -> the kwargs of each URL, or the reason it is left out.
SubFill = Callable[[Page, Seeded], list[dict]]
SUBROUTES: dict[str, SubFill] = {
    "notices.NoticeIndexPage:archive": lambda p, s: [{}, {"?": {"year": 2026}}],
    "notices.NoticeIndexPage:rss": lambda p, s: [{}],
    "notices.NoticeIndexPage:atom": lambda p, s: [{}],
    "legal_aid.LegalEducationIndexPage:rss": lambda p, s: [{}],
    "legal_aid.LegalEducationIndexPage:atom": lambda p, s: [{}],
    "legal_aid.LegalEducationPage:quiz": lambda p, s: [{}],
    "village_rules.VillageRulesPage:version": lambda p, s: [{"version_id": v} for v in _own_versions(p)],
    "village_rules.VillageRulesPage:compare": lambda p, s: [{"?": {"from": a, "to": b}} for a, b in _pairs(p)],
    "council.CouncilPage:meeting": lambda p, s: [{"pk": pk} for pk in s.meetings],
    "council.CouncilPage:export": lambda p, s: [{"what": what} for what in ("meetings", "attendance", "motions")],
    "council.CouncilPage:propose": lambda p, s: [{}],
    "council.CouncilPage:demands": lambda p, s: [{}],
    "council.CouncilPage:demand": lambda p, s: [{"pk": pk} for pk in s.demands],
}
SUBROUTES_EXCLUDED = {
    "notices.NoticePage:ask": "the question form of a signed-in resident (POST); questions show on the notice",
    "supervision.AuditReportPage:ask": "an audit report is a notice: the same question form (POST)",
    "village_rules.RuleRevisionPage:comment": _POST,
    "village_rules.RuleRevisionPage:report": _POST,
    "council.CouncilPage:demand_sign": _POST,
    "council.CouncilPage:demand_withdraw": _POST,
}


def _own_versions(page) -> list[int]:
    from village_rules.models import RulesVersion

    return sorted(RulesVersion.objects.filter(page_id=page.pk).values_list("pk", flat=True))


def _pairs(page) -> list[tuple[int, int]]:
    versions = _own_versions(page)
    return list(itertools.pairwise(versions))


def route_key(route: Route) -> str:
    if route.name:
        return route.name
    return route.path.split("/", 1)[1] if route.path.startswith(LANGUAGES) else route.path


def _bare(path: str) -> str:
    return path.split("/", 1)[1] if path.startswith(LANGUAGES) else path


def portal_routes() -> list[Route]:
    with translation.override(LANGUAGES[0]):
        return routes()


def uncovered_routes() -> list[str]:
    """Patterns neither crawled nor excluded with a reason."""
    missing = []
    for route in portal_routes():
        key, bare = route_key(route), _bare(route.path)
        if bare.startswith(tuple(EXCLUDED_PREFIXES)) or key in EXCLUDED or key in PAGE_ROUTES or key in CRAWLED:
            continue
        missing.append(f"{key} ({route.path})")
    for key in subroute_keys():
        if key not in SUBROUTES and key not in SUBROUTES_EXCLUDED:
            missing.append(key)
    return missing


def _subroutes(model) -> list:
    """A routable page type's sub-routes, without the empty one (the page itself, crawled as a page)."""
    return [p for p in model.get_subpage_urls() if str(p.pattern) not in ("", "^$")]


def subroute_keys() -> list[str]:
    return [
        f"{model._meta.label}:{pattern.name}"
        for model in get_page_models()
        if issubclass(model, RoutablePageMixin)
        for pattern in _subroutes(model)
    ]


def _with_query(url: str, fill: dict) -> str:
    query = fill.get("?")
    return f"{url}?{urlencode(query)}" if query else url


def route_urls(seeded: Seeded) -> Iterator[tuple[str, str]]:
    """(pattern key, URL) for every crawled pattern; i18n patterns in every language."""
    for route in portal_routes():
        key = route_key(route)
        if key not in CRAWLED:
            continue
        for fill in CRAWLED[key](seeded):
            kwargs = {name: value for name, value in fill.items() if name != "?"}
            url = _with_query(route.url(**kwargs), fill)
            if route.path.startswith(LANGUAGES[0] + "/"):
                for language in LANGUAGES:
                    yield key, url.replace(f"/{LANGUAGES[0]}/", f"/{language}/", 1)
            else:
                yield key, url


def page_urls(seeded: Seeded, within: list[str] = ()) -> Iterator[tuple[str, str, Page]]:
    """(sub-route key, URL, page) for every live page of every locale and each sub-route of its type; with
    ``within`` (tree paths), only the pages under those paths, without sub-routes."""
    pages = Page.objects.live().filter(depth__gt=1)
    if within:
        pages = pages.filter(Q.create([("path__startswith", path) for path in within], connector=Q.OR))
    for page in pages.specific().select_related("locale"):
        url = page.url
        if not url:
            continue
        yield "page", url, page
        if within or not isinstance(page, RoutablePageMixin):
            continue
        for pattern in _subroutes(type(page)):
            key = f"{type(page)._meta.label}:{pattern.name}"
            if key in SUBROUTES_EXCLUDED:
                continue
            for fill in SUBROUTES[key](page, seeded):
                kwargs = {name: value for name, value in fill.items() if name != "?"}
                sub = page.reverse_subpage(pattern.name, kwargs=kwargs)
                if sub:
                    yield key, _with_query(url + sub, fill), page


@dataclass
class Crawl:
    bodies: dict[str, str] = field(default_factory=dict)  # URL -> text answered
    statuses: dict[str, int] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)  # pattern key -> URLs requested
    media: dict[str, Served] = field(default_factory=dict)  # a linked file's address -> what was served

    def read_media(self, client: Client) -> None:
        """Every file the bodies link, read back; its text joins the bodies (the number check covers it)."""
        for url in media_links(self.bodies):
            if url in self.media:
                continue
            key = "wagtaildocs_serve" if url.startswith("/documents/") else "media/"
            self.keys.setdefault(key, set()).add(url)
            served = self.media[url] = read_served(url, client)
            self.statuses[url] = served.status
            self.bodies[url] = served.text

    def get(self, client: Client, key: str, url: str) -> str:
        self.keys.setdefault(key, set()).add(url)
        if url in self.bodies:
            return self.bodies[url]
        response = client.get(url)
        self.statuses[url] = response.status_code
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
            errors="replace"
        )
        if "json" in response.get("Content-Type", "") and response.status_code == 200:
            body = json.dumps(json.loads(body), ensure_ascii=False)  # "\u7535\u8bdd" read as 电话, as a client does
        self.bodies[url] = body
        return body


def crawl(client: Client, seeded: Seeded, *, within: list[str] = ()) -> Crawl:
    """Every public output: every live page of every locale with its sub-routes, and every crawled pattern, API
    details taken from the listings, then every file they link (tests/leak_media.py). With ``within`` (tree
    paths), only those pages, each with its API detail."""
    done = Crawl()
    pages_only = bool(within)
    for key, url, page in page_urls(seeded, within):
        done.get(client, key, url)
        if pages_only:
            done.get(client, "wagtailapi:pages:detail", f"/api/v2/pages/{page.pk}/")
    if pages_only:
        return done
    for key, url in route_urls(seeded):
        body = done.get(client, key, url)
        if key in DETAILS_FROM_LISTING and done.statuses[url] == 200:
            for item in json.loads(body)["items"]:
                detail = DETAILS_FROM_LISTING[key].format(item["id"])
                done.get(client, key.replace("listing", "detail"), detail)
    done.read_media(client)
    return done
