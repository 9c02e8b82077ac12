"""Admin: the county's own search synonyms (snippets), beside the repository's list (search/synonyms.txt)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["words", "note", "updated_at"]
    search_fields = ["words", "note"]


register_snippet(SearchSynonymViewSet)
