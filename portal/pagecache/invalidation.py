"""Which cached pages a change makes stale, wired to Wagtail's page signals and the apps' model signals.

A change under a village (its pages, or a proposal, comment, support, ballot, meeting, motion, register entry
of that village) makes that village's pages stale and the portal-wide pages that list across villages (home,
search, legal-aid directory, legal education); what residents add (proposals, supports, comments, ballots,
questions) only the home page and search among those, and a ballot none of them (its counts are on its consultation's
page alone). A change to a portal-wide page makes everything stale: the
header, footer and banners on every page may show it.

Each change bumps the counters twice: at once, and again when the transaction commits, so that a visitor who
rebuilt a page between the two (still seeing the old rows) does not leave a stale copy behind.
"""

import logging

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import GLOBAL_SCOPE, bump

logger = logging.getLogger(__name__)

# Models whose rows appear on public pages, by app label and model name (apps stay independent of this file).
WATCHED_MODELS = [
    "home.Village",
    "consultations.Proposal",
    "consultations.Support",
    "consultations.Comment",
    "consultations.BallotBox",
    "council.Council",
    "council.CouncilTerm",
    "council.CouncilMember",
    "council.Meeting",
    "council.MeetingAttachment",
    "council.AgendaItem",
    "council.Attendance",
    "council.Motion",
    "council.RollCallVote",
    "council.Delegation",
    "council.CouncilProposal",
    "council.MeetingDemand",
    "council.DemandSignature",
    "notices.NoticeQuestion",
    "legal_aid.LegalAidContact",
    "legal_aid.LegalEducationSeries",
    "notices.NoticeCategory",
    "grid.Grid",
    "grid.GridWorker",
    # A page restricted a moment ago must leave the cache at once, not when its copy expires.
    "wagtailcore.PageViewRestriction",
]
# How to walk from a row towards its village or page, first match wins.
PARENT_FIELDS = ("page", "notice", "proposal", "comment", "ballot", "question", "meeting", "agenda_item", "motion")
PARENT_FIELDS += ("term", "council", "grid", "demand")


PORTAL_SCOPES_KEY = "pagecache:portal-scopes"
# What residents add under a village. Of the portal-wide pages only the home page and search can show these rows;
# the legal-aid directory and legal education never do, so a vote leaves their cached copies alone (they stay
# servable from the cache even while the database is down).
PARTICIPATION_MODELS = {
    "consultations.Proposal",
    "consultations.Support",
    "consultations.Comment",
    "consultations.BallotBox",
    "council.CouncilProposal",
    "council.MeetingDemand",
    "council.DemandSignature",
    "notices.NoticeQuestion",
}
PARTICIPATION_PORTAL_SCOPES = {"", "search"}
# A ballot box's counts and receipts are shown on its consultation's page alone (results, live results): not on
# the home page, not in search. A vote makes only its village's pages stale, so that a busy vote leaves the
# portal-wide pages cached (and servable while the database is down).
PORTAL_SCOPES_SHOWING = {"consultations.BallotBox": frozenset()}


def portal_scopes() -> list[str]:
    """The home page, search, and every section hanging off a portal home rather than off a village. Kept in
    the cache (a section is added by publishing a portal-wide page, which clears it) so that a vote or a
    comment costs no query for it."""
    from . import page_cache

    scopes = page_cache().get(PORTAL_SCOPES_KEY)
    if scopes is None:
        from home.models import PortalHomePage, VillagePage

        homes = Page.objects.type(PortalHomePage).values_list("path", flat=True)
        sections = Page.objects.filter(depth=3, path__regex=r"^(" + "|".join(homes) + ")") if homes else []
        slugs = sections.exclude(content_type__model=VillagePage._meta.model_name).values_list("slug", flat=True)
        scopes = ["", "search", *sorted(set(slugs))]
        page_cache().set(PORTAL_SCOPES_KEY, scopes, timeout=300)
    return scopes


def scopes_for_url_path(url_path: str) -> list[str]:
    """A page under a village: that village (in every language: home.scopes.translated) and the portal-wide
    pages. Anything else: every page.

    url_path is "/<portal home>/<village or section>/...": the second part is the scope in the page's URL."""
    parts = [part for part in url_path.split("/") if part]
    if len(parts) < 2 or parts[1] in portal_scopes():  # a portal home, or a portal-wide section
        return [GLOBAL_SCOPE]
    return [*_translated([parts[1]]), *portal_scopes()]


def _translated(slugs) -> list[str]:
    from home.scopes import translated

    return sorted(translated(set(slugs)))


def scopes_for_instance(instance, depth: int = 0) -> list[str]:
    if isinstance(instance, Page):
        return scopes_for_url_path(instance.url_path)
    village_id = instance.pk if instance._meta.label == "home.Village" else getattr(instance, "village_id", None)
    if village_id:
        from home.models import VillagePage

        slugs = VillagePage.objects.filter(village_id=village_id).values_list("slug", flat=True).distinct()
        return [*_translated(slugs), *portal_scopes()]
    if getattr(instance, "page_id", None) or getattr(instance, "notice_id", None):
        via = "page" if getattr(instance, "page_id", None) else "notice"
        if (url_path := _url_path_in_hand(instance, via)) is not None:
            return scopes_for_url_path(url_path)
        page_id = getattr(instance, f"{via}_id")
        return scopes_for_url_path(Page.objects.values_list("url_path", flat=True).get(pk=page_id))
    if depth < 5:
        for name in PARENT_FIELDS:
            parent_id = getattr(instance, f"{name}_id", None)
            if parent_id:
                parent_model = instance._meta.get_field(name).related_model
                parent = _related_in_hand(instance, name)
                for via in ("page", "notice"):
                    if parent is not None and (url_path := _url_path_in_hand(parent, via)) is not None:
                        return scopes_for_url_path(url_path)  # a ballot's question's page, loaded already
                for via in ("page", "notice"):  # a ballot's question's page: one query, not two
                    if any(field.name == via for field in parent_model._meta.get_fields()):
                        rows = parent_model.objects.filter(pk=parent_id).values_list(f"{via}__url_path", flat=True)
                        return scopes_for_url_path(rows.first() or "")
                return scopes_for_instance(getattr(instance, name), depth + 1)
    return [GLOBAL_SCOPE]


def _related_in_hand(instance, name: str):
    """The related row if the instance already holds it (no query), else None."""
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not getattr(field, "is_relation", False) or not hasattr(field, "is_cached") or not field.is_cached(instance):
        return None
    return getattr(instance, name)


def _url_path_in_hand(instance, via: str) -> str | None:
    """The url_path of the page the instance holds in memory (a vote's page, handed down by the view), or None
    when it would take a query: the row is then asked for as before."""
    page = _related_in_hand(instance, via)
    url_path = page.__dict__.get("url_path") if page is not None else None
    return url_path or None


def invalidate(instance) -> None:
    """Make the cached pages showing this row or page stale, now and again at commit."""
    try:
        scopes = scopes_for_instance(instance)
    except Exception:  # a parent already deleted by a cascade, say: be safe rather than precise
        logger.debug("Page cache: could not place %r, invalidating everything", instance, exc_info=True)
        scopes = [GLOBAL_SCOPE]
    label = instance._meta.label
    if label in PARTICIPATION_MODELS and GLOBAL_SCOPE not in scopes:
        sections = set(portal_scopes()) - PORTAL_SCOPES_SHOWING.get(label, PARTICIPATION_PORTAL_SCOPES)
        scopes = [scope for scope in scopes if scope not in sections]
    bump(scopes)
    transaction.on_commit(lambda: bump(scopes))


def _on_change(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        invalidate(instance)


def _on_m2m_change(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate(instance)


def _on_page_change(sender, instance, **kwargs) -> None:
    if instance.depth <= 3:  # a portal home or one of its sections: the list of portal-wide scopes may change
        from . import page_cache

        page_cache().delete(PORTAL_SCOPES_KEY)
    invalidate(instance)


def _on_page_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate(instance)


def _on_page_move(sender, instance, url_path_before: str = "", url_path_after: str = "", **kwargs) -> None:
    # The old place loses the page as the new one gains it: both villages (and the portal-wide pages), or
    # everything when either place is portal-wide.
    if instance.depth <= 3 or url_path_before.count("/") <= 3:
        from . import page_cache

        page_cache().delete(PORTAL_SCOPES_KEY)
    scopes = {*scopes_for_url_path(url_path_before), *scopes_for_url_path(url_path_after or instance.url_path)}
    scopes = {GLOBAL_SCOPE} if GLOBAL_SCOPE in scopes else scopes
    bump(scopes)
    transaction.on_commit(lambda: bump(scopes))


def _on_slug_change(sender, instance, instance_before, **kwargs) -> None:
    """Sent by Wagtail at commit: the pages at the old addresses must not be served from the cache either."""
    if instance.depth <= 3:
        from . import page_cache

        page_cache().delete(PORTAL_SCOPES_KEY)
    bump(scopes_for_url_path(instance_before.url_path))


def connect() -> None:
    """Called once from an AppConfig.ready()."""
    from django.apps import apps

    page_published.connect(_on_page_change, dispatch_uid="pagecache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(_on_page_move, dispatch_uid="pagecache_moved")
    page_slug_changed.connect(_on_slug_change, dispatch_uid="pagecache_slug_changed")
    post_delete.connect(_on_page_delete, dispatch_uid="pagecache_page_deleted")
    for label in WATCHED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_on_change, sender=model, dispatch_uid=f"pagecache_saved_{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"pagecache_deleted_{label}")
        for field in model._meta.many_to_many:  # contact.villages.add(...) saves no row of the model itself
            m2m_changed.connect(
                _on_m2m_change, sender=field.remote_field.through, dispatch_uid=f"pagecache_m2m_{label}"
            )
