"""Which tree-cache scopes a change retires (home/treecache.py), wired to the model and Wagtail page signals.

What the tree cache keeps for a URL comes from the pages of its own scope (home/scopes.py: a village, a portal-wide
section or the portal home), their translations in the other language trees, and the village of the scope:

| change | retires |
| --- | --- |
| a page saved (a draft, publish, unpublish), created or deleted in a village or section | it, in every language |
| a page moved | the scopes it left and entered, in every language |
| a village or section renamed (its slug) | the old and the new slug's scopes, in every language |
| a Village saved or deleted | the scopes of its village pages |
| a view restriction added, changed or removed | its page's scope (urgent notices skip restricted pages) |
| a portal home (a language root) or Wagtail's root saved, moved or deleted; a Site or Locale changed | everything |

A change to a village or section page itself (depth 3), a Village or a restriction on a village page also retires
the portal home's scope (scopes.HOME): its list of villages (home/village_list.py) is kept there.

Anything that cannot be placed retires everything: a stale route is worse than a cold cache. Raw saves (loaddata)
retire everything too, without asking the database where they belong.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_slug_changed, post_page_move

from . import scopes, treecache

# Depth 2 is a portal home (a language root); depth 1 is Wagtail's root.
HOME_DEPTH = 2


def scopes_of_url_path(url_path: str) -> set[str]:
    """The scope of a page at this url_path, in every language; EVERYTHING for a portal home or above. A village
    or section page (depth 3) is also in the portal home's list of villages: HOME too."""
    parts = [part for part in url_path.split("/") if part]
    if len(parts) < HOME_DEPTH:
        return {treecache.EVERYTHING}
    found = scopes.translated({scopes.scope_of_url_path(url_path)})
    return found | {scopes.HOME} if len(parts) == HOME_DEPTH else found


def _page_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    if not isinstance(instance, Page):
        return
    if raw:
        treecache.bump_everything()
        return
    if created and instance.depth <= scopes.SCOPE_DEPTH:
        scopes.forget()  # a new village or section: its slug joins the map before it is read
    treecache.bump(_scopes_of_page(instance))


def _page_deleted(sender, instance, **kwargs) -> None:
    if not isinstance(instance, Page):
        return
    treecache.bump(_scopes_of_page(instance))
    if instance.depth <= scopes.SCOPE_DEPTH:
        scopes.forget()


def _scopes_of_page(page: Page) -> set[str]:
    if page.depth <= HOME_DEPTH:
        return {treecache.EVERYTHING}
    return scopes_of_url_path(page.url_path)


def _slug_changed(sender, instance, instance_before, **kwargs) -> None:
    """Sent by Wagtail at commit: the old slug's routes must go too, and the scope map with the old slug."""
    if instance.depth <= HOME_DEPTH:
        treecache.bump_everything()
    else:
        treecache.bump(scopes_of_url_path(instance_before.url_path) | scopes_of_url_path(instance.url_path))
    if instance.depth <= scopes.SCOPE_DEPTH:
        scopes.forget()


def _page_moved(sender, instance, url_path_before: str = "", url_path_after: str = "", **kwargs) -> None:
    # Both places change: the village it left loses the page, the one it joined gains it.
    treecache.bump(scopes_of_url_path(url_path_before) | scopes_of_url_path(url_path_after or instance.url_path))
    if instance.depth <= scopes.SCOPE_DEPTH or url_path_before.count("/") <= scopes.SCOPE_DEPTH:
        scopes.forget()


def _village_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        treecache.bump_everything()
        return
    from .models import VillagePage

    url_paths = VillagePage.objects.filter(village_id=instance.pk).values_list("url_path", flat=True)
    # HOME: the portal home lists the villages by township.
    treecache.bump(scopes.translated({scopes.scope_of_url_path(url_path) for url_path in url_paths}) | {scopes.HOME})


def _restriction_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        treecache.bump_everything()
        return
    url_path = Page.objects.filter(pk=instance.page_id).values_list("url_path", flat=True).first()
    if url_path is not None:  # else its page is being deleted, and that page's own deletion retires its scope
        treecache.bump(scopes_of_url_path(url_path))


def _everything(sender, **kwargs) -> None:
    treecache.bump_everything()


def connect() -> None:
    """Called once from HomeConfig.ready()."""
    from .models import Village

    treecache.connect()
    post_save.connect(_page_saved, dispatch_uid="treecache_page_saved")
    post_delete.connect(_page_deleted, dispatch_uid="treecache_page_deleted")
    page_slug_changed.connect(_slug_changed, dispatch_uid="treecache_slug_changed")
    post_page_move.connect(_page_moved, dispatch_uid="treecache_page_moved")
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(_village_changed, sender=Village, dispatch_uid=f"treecache_village_{name}")
        signal.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"treecache_pvr_{name}")
        for model in (Site, Locale):
            signal.connect(_everything, sender=model, dispatch_uid=f"treecache_{name}_{model.__name__}")
