"""No personal number leaves the portal (DOMAIN §5; issue 18): full ID, mobile and card numbers, in every written
form, are seeded through every publish path, every resident form and every staff text the public reads
(tests/leak_seed*.py), then every public output is crawled for them (tests/leak_crawl.py): every URL pattern of
the resolver with its arguments filled from the seeded objects, and every live page of every locale with every
sub-route of its type. A pattern neither crawled nor excluded with a reason fails the coverage test.

Each route gets numbers of its own, so a failure names the route whose guard gave way. The dataset is seeded and
crawled once for the module (module_transaction); the guard tests seed a village of their own.
"""

import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils.html import strip_tags
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from home import printing, shortlinks
from home.models import Village, VillagePage
from home.privacy import guard
from home.privacy.detect import find_personal_data, mask_all
from notices.models import NoticeIndexPage
from tests.leak_crawl import CRAWLED, SUBROUTES, Seeded, crawl, uncovered_routes
from tests.leak_media import read_served, served_by_nginx
from tests.leak_seed import ALL_NUMBERS, ROUTES, STORED, make_user, seed_publish_paths, seed_translations, text
from tests.leak_seed_media import MARKERS, seed_documents, seed_private_request_photo, seed_proposal_photos
from tests.leak_seed_records import seed_council, seed_grid, seed_resident_forms, seed_rules, seed_supervision
from tests.page_tree import build_every_page_type


def _leaks(done) -> list[tuple[str, str]]:
    return [
        (url, ALL_NUMBERS[f.number])
        for url, body in done.bodies.items()
        for f in find_personal_data(body)
        if f.number in ALL_NUMBERS
    ]


def _codes() -> tuple[list[str], list[str]]:
    from council.models import Meeting

    objects = [p.specific for p in Page.objects.live().filter(depth__gt=1) if shortlinks.is_public(p)]
    objects += list(Meeting.objects.all())
    codes = [shortlinks.code_for(obj) for obj in objects]
    printable = [code for code, obj in zip(codes, objects, strict=True) if printing.printable_for(obj) is not None]
    return sorted(set(codes)), sorted(set(printable))


@pytest.fixture(scope="module")
def site(module_transaction):
    """One village with every seed, crawled once: (what was seeded, the crawl)."""
    village = Village.objects.create(
        code="qingshan", name="青山村", township="柳溪镇", adult_villagers=900, households=300, representatives=27
    )
    village_page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    admin = make_user("leak-admin", is_staff=True, is_superuser=True)
    committee = make_user("leak-committee")
    committee.groups.add(village.committee_group)
    build_every_page_type(village_page)
    seed_publish_paths(village_page, admin)
    seed_translations(village_page)
    forms = seed_resident_forms(village_page, committee, "leak")
    resident = forms["resident"]
    rules = seed_rules(village_page, resident, committee)
    grid = seed_grid(village, resident, committee)
    seed_supervision(village, resident, committee)
    council = seed_council(village, resident, committee)
    uploads = {
        "proposal photos": seed_proposal_photos(Page.objects.get(pk=forms["consultation"]).specific, "leak"),
        "private request": seed_private_request_photo(village, resident, "leak"),
        "documents": seed_documents(admin),
        "owner": resident.user,
        "handler": committee,
    }
    codes, printable = _codes()
    seeded = Seeded(
        villages=[village.code],
        consultations=[forms["consultation"]],
        proposals=[forms["proposal"]],
        comments=[forms["comment"]],
        requests=grid["requests"],
        private_requests=[uploads["private request"]["request"]],
        meetings=[council["meeting"]],
        demands=[council["demand"]],
        versions=rules["versions"],
        rule_comments=[rules["rule_comment"]],
        codes=codes,
        printable=printable,
        uploads=uploads,
    )
    return seeded, crawl(Client(), seeded)


def test_every_route_is_crawled_or_excluded():
    """A new URL pattern or page sub-route must be added to the crawl, or excluded with its reason."""
    assert not uncovered_routes(), "add to tests/leak_crawl.py CRAWLED/SUBROUTES or an exclusion with its reason"


def test_no_full_number_reaches_any_public_output(site):
    _seeded, done = site
    assert len(done.bodies) > 300
    errors = {url: status for url, status in done.statuses.items() if status >= 500}
    assert not errors, errors
    leaks = _leaks(done)
    assert not leaks, leaks


def test_each_stored_text_is_shown_masked_somewhere(site):
    """Stored text must be shown, masked: a route nothing renders would pass the crawl without proving it."""
    _seeded, done = site
    crawled = "\n".join(done.bodies.values())
    unseen = [route for route in STORED if strip_tags(mask_all(text(route))) not in crawled]
    assert not unseen, unseen


def test_every_crawled_pattern_was_requested(site):
    _seeded, done = site
    assert not [key for key in CRAWLED if not done.keys.get(key)]
    assert not [key for key in SUBROUTES if not done.keys.get(key)]


def test_every_live_page_of_every_locale_answers(site):
    _seeded, done = site
    for language in ("zh-hans", "zh-hant", "en"):
        pages = Page.objects.live().filter(depth__gt=1, locale__language_code=language)
        assert pages.count() > 15, language
        for page in pages:
            assert done.statuses.get(page.url) == 200, (page.url, done.statuses.get(page.url))


def test_the_seeds_reached_the_routes(site):
    """The translation attempts went through wagtail-localize; the people list and the refusals are on record."""
    from wagtail_localize.models import Translation

    assert Translation.objects.filter(source__object_id__isnull=False).count() >= 2
    assert set(STORED) <= set(ROUTES)


def _unguard(monkeypatch, cls, name) -> None:
    monkeypatch.setattr(cls, name, getattr(cls, name).unguarded)


def _no_live_save_check(monkeypatch) -> None:
    monkeypatch.setattr(guard, "check_live_save", lambda instance, update_fields: None)


# Each guard taken away in turn -> the routes whose number must then be found by the crawl. A publish through
# PublishRevisionAction also writes the live page with page.save(), so the model-level invariant backs up that
# guard; removing that guard alone is refused still, and both layers are taken away for its routes. Resident
# text is not here: stored text is masked on every output too (the "stored ..." routes), so removing the
# submission check alone leaks nothing.
# The linked-document check sits inside both the publish action and the live-save invariant, so taking it away
# alone opens its route.
GUARDS = {
    "publish action + live-save invariant": (
        lambda mp: (_unguard(mp, PublishRevisionAction, "execute"), _no_live_save_check(mp)),
        ["revision.publish", "scheduled", "bulk publish", "workflow approval"],
    ),
    "copy check + live-save invariant": (
        lambda mp: (_unguard(mp, CopyPageAction, "check"), _no_live_save_check(mp)),
        ["copy with publish"],
    ),
    "live-save invariant alone": (_no_live_save_check, ["page.save (shell command)"]),
    "linked-document check": (
        lambda mp: mp.setattr(guard, "refuse_linked_documents", lambda instance: None),
        ["private document attached"],
    ),
    # wagtail-localize writes the live translation, then publishes a revision of it: the writer's own check, the
    # publish action and the live-save invariant each stop it, so all three are taken away.
    "translation writer + publish action + live-save invariant": (
        lambda mp: (
            _unguard(mp, TranslationSource, "create_or_update_translation"),
            _unguard(mp, PublishRevisionAction, "execute"),
            _no_live_save_check(mp),
        ),
        ["translation editor publish", "translation sync"],
    ),
}


@pytest.mark.parametrize("removed", list(GUARDS))
def test_each_guard_is_load_bearing(removed, monkeypatch, client, village_page, make_user):
    take_away, routes = GUARDS[removed]
    take_away(monkeypatch)
    seed_publish_paths(village_page, make_user("county-admin", is_staff=True, is_superuser=True), mirror=False)
    seed_translations(village_page)
    # The seeded notices in every locale, each page and its API detail: where a publish path's number shows.
    notices = NoticeIndexPage.objects.child_of(village_page).get()
    trees = [p.path for p in Page.objects.filter(translation_key=notices.translation_key)]
    done = crawl(client, Seeded(villages=[village_page.village.code]), within=trees)
    leaked_routes = {route for _url, route in _leaks(done)}
    assert set(routes) <= leaked_routes, (removed, leaked_routes)


def test_stored_public_document_title_is_masked_in_the_documents_api(client, village_page):
    # A document saved through the ORM (before, or around, the upload check) in the public root collection.
    get_document_model().objects.create(title="名单 13812340015", file=ContentFile(b"ok", name="public.csv"))
    for url in (
        "/api/v2/documents/?fields=*",
        *(f"/api/v2/documents/{d.pk}/" for d in get_document_model().objects.all()),
    ):
        assert "13812340015" not in client.get(url).content.decode(), url
    listing = client.get("/api/v2/documents/?fields=*").json()["items"]
    assert mask_all("名单 13812340015") in [item["title"] for item in listing]  # listed, masked (portal.api)


# Served files (tests/leak_media.py, seeds in tests/leak_seed_media.py). The number check above covers their
# addresses, headers, EXIF and text; these say that the files were really read, and what else must not be there.
def test_every_linked_file_was_read_back_without_personal_metadata(site):
    _seeded, done = site
    problems = {url: served.problems for url, served in done.media.items() if served.problems}
    assert not problems, problems
    renditions = [url for url, s in done.media.items() if url.startswith("/media/images/") and s.status == 200]
    assert len(renditions) >= 3 and all(done.media[url].kind == "image" for url in renditions)
    # Originals are linked by the images API only; nginx does not serve them (read from storage all the same).
    originals = [served for url, served in done.media.items() if url.startswith("/media/original_images/")]
    assert originals and all(s.status == 404 and s.stored for s in originals)


def test_every_served_document_was_read_with_the_upload_checks_extractor(site):
    seeded, done = site
    stored = seeded.uploads["documents"]
    refused = {name for name, kept in stored.items() if not kept}
    assert refused == {"上传联系人.docx"}  # full numbers in a Word file: nothing to mask, refused
    documents = {url: s for url, s in done.media.items() if url.startswith("/documents/")}
    for extension, marker in MARKERS.items():
        served = [s for url, s in documents.items() if url.endswith(f".{extension}") and s.status == 200]
        assert served and any(marker in s.text for s in served), extension
        assert all(extension in s.disposition or s.disposition.startswith("inline") for s in served)
    masked = "\n".join(s.text for s in documents.values())
    assert mask_all(text("masked CSV upload")) in masked and mask_all(text("masked XLSX upload")) in masked


def _rendition_of(done, image_id: int) -> list[str]:
    from wagtail.images import get_image_model

    urls = {r.url for r in get_image_model().objects.get(pk=image_id).renditions.all()}
    return [url for url in done.media if url in urls]


def test_resident_photos_through_the_forms_are_served_clean(site):
    from consultations.models import Proposal

    seeded, done = site
    photos = seeded.uploads["proposal photos"]
    assert photos["statuses"]["html called html"] == 400 and "html called html" not in photos["proposals"]
    for kind, extension in (("jpeg", "jpg"), ("heic", "jpg"), ("png called html", "png")):
        assert photos["statuses"][kind] == 302, kind
        image = Proposal.objects.get(pk=photos["proposals"][kind]).photo
        assert image.file.name.endswith(f".{extension}") and "notice" not in image.file.name, kind
        served = _rendition_of(done, image.pk)
        assert served and all(done.media[url].status == 200 for url in served), kind
        assert all(done.media[url].content_type == f"image/{'jpeg' if extension == 'jpg' else extension}"
                   for url in served)  # fmt: skip


def test_a_withdrawn_proposals_photo_leaves_every_output(site, client):
    seeded, done = site
    photos = seeded.uploads["proposal photos"]
    assert photos["statuses"]["withdraw"] == 302 and photos["withdrawn renditions"]
    for url in photos["withdrawn renditions"]:
        assert not [page for page, body in done.bodies.items() if url in body], url
        assert served_by_nginx(url)[0] == 404
    image = photos["withdrawn image"]
    listing = json.loads(done.bodies["/api/v2/images/?fields=%2A&limit=100"])
    assert image not in [item["id"] for item in listing["items"]]
    assert client.get(f"/api/v2/images/{image}/", follow=True).status_code == 404


def test_a_private_request_photo_only_through_the_checking_view(site):
    seeded, done = site
    private = seeded.uploads["private request"]
    assert private["status"] == 302
    url = f"/zh-hans/requests/mine/{private['request']}/photo/"
    assert done.statuses[url] != 200 and done.keys["grid:photo"]  # the anonymous crawl
    assert not [u for u in done.media if u.startswith("/media/grid/")]  # no output links the file itself
    for user, expected in (
        (private["stranger"], 404),
        (seeded.uploads["owner"], 200),
        (seeded.uploads["handler"], 200),
    ):
        client = Client()
        client.force_login(user)
        served = read_served(url, client)
        assert served.status == expected, user
        if expected == 200:
            assert served.kind == "image" and served.content_type == "image/jpeg" and not served.problems
            found = [f for f in find_personal_data(served.text) if f.number in ALL_NUMBERS]
            assert not found, found
