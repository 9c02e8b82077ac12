"""Who may translate a page: wagtail-localize's submission views, scoped to the pages the user may edit.

wagtail-localize asks only for the global `submit_translation` permission, which every village committee has
(home.services gives it to the group): left alone, a committee could start translations of another village's
pages. These views take the same addresses (registered before wagtail-localize's, search/wagtail_hooks.py) and
also ask that the user may edit the page being translated; the editing and the one-click OpenCC conversion
then happen on the copies in the zh-hant and English trees, which the committee's page permissions cover
(home.signals grants them on every translation and alias of the village page). docs/languages.md.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

PERMISSION = "wagtail_localize.submit_translation"


def may_translate(user, page: Page) -> bool:
    """May this user submit `page` (or the source of an alias) for translation?"""
    if not user.is_active or not user.has_perm(PERMISSION):
        return False
    if user.is_superuser:
        return True  # without loading an alias's original (a query per row of the explorer)
    source = page.alias_of if page.alias_of_id else page
    return source.permissions_for_user(user).can_edit()


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        if not may_translate(request.user, get_object_or_404(Page, id=kwargs["page_id"])):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if isinstance(instance, Page) and not may_translate(request.user, instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _translation_facts(parent_path: str, parent_depth: int) -> dict:
    """For every child of the listed parent, what wagtail-localize's two buttons ask, in three queries:
    the locales its translation group is not (yet) translated into, and its source's id if a translation
    of that source is enabled."""
    from django.db.models import Exists, OuterRef
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    rows = Page.objects.filter(depth=parent_depth + 1, path__startswith=parent_path)
    keys = rows.values("translation_key")
    translated: dict = {}
    # Aliases are left out here, not in SQL: with "alias_of IS NULL" in the query PostgreSQL ANDed the bitmap of
    # every non-alias page into each key's lookup (0.9 s at 114,584 pages, the county home's 311 rows).
    for key, locale_id, alias_of in Page.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "locale_id", "alias_of_id"
    ):
        if alias_of is None:
            translated.setdefault(key, set()).add(locale_id)
    sources = (
        TranslationSource.objects.filter(
            object__translation_key__in=keys, object__content_type=ContentType.objects.get_for_model(Page)
        )
        .filter(Exists(Translation.objects.filter(source=OuterRef("pk"), enabled=True)))
        .values_list("object__translation_key", "locale_id", "id")
    )
    return {
        "locales": set(Locale.objects.values_list("pk", flat=True)),
        "translated": translated,
        "synced": {(key, locale_id): pk for key, locale_id, pk in sources},
    }


def _listing_buttons(page: Page, facts: dict, next_url: str | None):
    """wagtail-localize's page_listing_more_buttons (0.x, wagtail_localize/wagtail_hooks.py), from the facts."""
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _
    from wagtail.admin.widgets.button import Button as ListingButton

    if page.is_root():
        return
    if facts["locales"] - facts["translated"].get(page.translation_key, set()):
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield ListingButton(_("Translate this page"), url, priority=60, icon_name="wagtail-localize-language")
    source_id = facts["synced"].get((page.translation_key, page.locale_id))
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def scope_translate_buttons() -> None:
    """Show wagtail-localize's "Translate this page" / "Sync translated pages" buttons only where they work.

    Its button hook asks only for the global permission, so a committee would see the button on the pages above
    its village that the explorer shows it (the portal home) and then get 没有权限. Its registered function is
    replaced by one that asks `may_translate` first (called when the admin's URLs are built, after every app's
    hooks are registered; importing wagtail-localize's hooks earlier would change the order of all hooks).

    In the explorer's listing the rows' answers are read for the whole listing at once (home/explorer.py): its
    three queries per row were a third of the explorer's queries at the county home."""
    from wagtail import hooks
    from wagtail_localize import wagtail_hooks as localize_hooks

    from home import explorer

    original = localize_hooks.page_listing_more_buttons

    def scoped(page, user, view_name=None, next_url=None):
        if not may_translate(user, page):
            return
        facts = explorer.for_listing("translations", _translation_facts) if explorer.listed(page) else None
        if facts is None:
            yield from original(page, user, view_name=view_name, next_url=next_url)
        else:
            yield from _listing_buttons(page, facts, next_url)

    for name in ("register_page_header_buttons", "register_page_listing_more_buttons"):
        registered = hooks._hooks.get(name, [])
        hooks._hooks[name] = [(scoped if fn is original else fn, order) for fn, order in registered]
