"""Who may translate a page: wagtail-localize's submission views, scoped to the pages the user may edit.

wagtail-localize asks only for the global `submit_translation` permission, which every village committee has
(home.services gives it to the group): left alone, a committee could start translations of another village's
pages. These views take the same addresses (registered before wagtail-localize's, search/wagtail_hooks.py) and
also ask that the user may edit the page being translated; the editing and the one-click OpenCC conversion
then happen on the copies in the zh-hant and English trees, which the committee's page permissions cover
(home.signals grants them on every translation and alias of the village page). docs/languages.md.
"""

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
    source = page.alias_of if page.alias_of_id else page
    return user.is_superuser or source.permissions_for_user(user).can_edit()


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


def scope_translate_buttons() -> None:
    """Show wagtail-localize's "Translate this page" / "Sync translated pages" buttons only where they work.

    Its button hook asks only for the global permission, so a committee would see the button on the pages above
    its village that the explorer shows it (the portal home) and then get 没有权限. Its registered function is
    replaced by one that asks `may_translate` first (called when the admin's URLs are built, after every app's
    hooks are registered; importing wagtail-localize's hooks earlier would change the order of all hooks)."""
    from wagtail import hooks
    from wagtail_localize import wagtail_hooks as localize_hooks

    original = localize_hooks.page_listing_more_buttons

    def scoped(page, user, view_name=None, next_url=None):
        if not may_translate(user, page):
            return
        yield from original(page, user, view_name=view_name, next_url=next_url)

    for name in ("register_page_header_buttons", "register_page_listing_more_buttons"):
        registered = hooks._hooks.get(name, [])
        hooks._hooks[name] = [(scoped if fn is original else fn, order) for fn, order in registered]
