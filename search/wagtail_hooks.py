"""Admin: the county's own search synonyms (snippets), beside the repository's list (search/synonyms.txt)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import translation_access
from search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["words", "note", "updated_at"]
    search_fields = ["words", "note"]


register_snippet(SearchSynonymViewSet)


@hooks.register("register_admin_urls", order=-1)
def scoped_translation_urls():
    """wagtail-localize's submission addresses, answered by views that also check the page (the lower order puts
    these patterns before wagtail-localize's, so they are matched first; reverse() is unchanged). Called once
    the hooks of every app are registered, which is when wagtail-localize's button hook can be scoped too."""
    translation_access.scope_translate_buttons()
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translation_access.ScopedSubmitPageTranslationView.as_view(),
            name="portal_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_access.ScopedUpdateTranslationsView.as_view(),
            name="portal_update_translations",
        ),
    ]
