"""Admin: the village register as a snippet. Only county staff (model permissions) may edit it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Village
from .permissions import ever_published


class VillageViewSet(SnippetViewSet):
    model = Village
    icon = "home"
    menu_label = _("Villages")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "township", "code", "adult_villagers", "households", "representatives"]
    list_filter = ["township"]
    search_fields = ["name", "township", "code"]


register_snippet(VillageViewSet)


def _refuse_deletion(request: HttpRequest, page: Page) -> HttpResponse:
    messages.error(
        request,
        _(
            "A page that was published is archived, never deleted (Village Committees Organisation Law, art. 34). "
            "Unpublish it instead, or ask a county administrator."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_delete_page")
def keep_village_records(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A second guard behind home.permissions: a committee deletes only drafts that were never published."""
    if request.user.is_superuser or not ever_published(page):
        return None
    return _refuse_deletion(request, page)


@hooks.register("before_bulk_action")
def keep_village_records_in_bulk(request: HttpRequest, action_type: str, objects, action_class_instance):
    deletes_pages = action_type == "delete" and any(issubclass(m, Page) for m in action_class_instance.models)
    if deletes_pages and not request.user.is_superuser:
        published = [page for page in objects if ever_published(page)]
        if published or not objects:
            return _refuse_deletion(request, published[0]) if published else redirect("wagtailadmin_explore_root")
    return None


@hooks.register("construct_explorer_page_queryset")
def explorer_rows_in_bulk(parent_page: Page, pages, request: HttpRequest):
    """The rows' "add child page" and translation buttons are read for the whole listing at once (home/explorer.py)."""
    from . import explorer

    explorer.arm(parent_page)
    return pages
