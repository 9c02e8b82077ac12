"""The synonym list (search/synonyms.txt), entry by entry, both ways, and the county's own additions (snippets).

Each entry's names are written as index rows titled "<name>，相关事项" (through search.indexing, so cut as a page
title is), all in one module-wide index; then each name is searched and must find the rows of every other
name of its line.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from home.models import Village, VillagePage
from notices.models import NoticeIndexPage
from search.engine import run
from search.indexing import IndexContext, _row
from search.models import SearchDocument, SearchSynonym
from search.registry import Document, Query
from search.synonyms import repository_groups

GROUPS = repository_groups()


def _title(name: str) -> str:
    return f"{name}，相关事项"


@pytest.fixture(scope="module")
def synonym_rows(module_transaction) -> int:
    from wagtail_localize.models import LocaleSynchronization

    LocaleSynchronization.objects.all().delete()
    village = Village.objects.create(
        code="synonyms", name="同义村", township="柳溪镇", adult_villagers=1, households=1, representatives=1
    )
    index = NoticeIndexPage.objects.child_of(VillagePage.objects.get(village=village)).get()
    context = IndexContext()
    rows = [
        _row(Document(key=f"notices:syn{number}:{name}", kind="notices", page=index, title=_title(name)), context)
        for number, group in enumerate(GROUPS)
        for name in group
    ]
    SearchDocument.objects.bulk_create(rows)
    return index.pk


def _found(text: str) -> set[str]:
    query = Query(text=text, terms=[], operator="and", locale=Locale.get_default())
    return {hit.title for hit in run(query, limit=200, suggest=False).hits}


def test_the_list_has_at_least_sixty_entries_of_distinct_names():
    assert len(GROUPS) >= 60
    assert sum(len(group) - 1 for group in GROUPS) >= 60  # pairs of official and everyday names
    for group in GROUPS:
        assert len(set(group)) == len(group), group


@pytest.mark.parametrize("group", GROUPS, ids=[" = ".join(group) for group in GROUPS])
def test_each_entry_finds_the_others_both_ways(db, synonym_rows, group):
    for name in group:
        missing = {_title(other) for other in group} - _found(name)
        assert not missing, f"{name} does not find {missing}"


def test_county_editors_add_local_names_in_the_admin(db, synonym_rows, client, make_user):
    editor = make_user("county-editor-1")
    editor.groups.add(Group.objects.get(name="county editor"))
    assert editor.has_perm("portal_search.add_searchsynonym")
    assert _found("合疗") == set()
    admin = make_user("admin-synonyms", is_superuser=True, is_staff=True)
    client.force_login(admin)

    response = client.post(
        reverse("wagtailsnippets_portal_search_searchsynonym:add"),
        {"words": "低保 =  救济粮 ", "note": "老人的叫法"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert SearchSynonym.objects.get().words == "低保 = 救济粮"
    assert _title("低保") in _found("救济粮") and _title("最低生活保障") in _found("救济粮")
    SearchSynonym.objects.all().delete()
    assert _title("低保") not in _found("救济粮")  # an editor's removal applies at once


@pytest.mark.parametrize("words", ["低保", "低保 = 低保", "a = b = c = d = e = f = g = h = i", "低保 = " + "长" * 31])
def test_a_snippet_needs_two_different_names_of_sensible_length(db, words):
    with pytest.raises(ValidationError):
        SearchSynonym(words=words).full_clean()


def test_a_county_synonym_makes_cached_search_pages_stale(db, synonym_rows, client, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    url = "/zh-hans/search/?q=救济粮"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    SearchSynonym.objects.create(words="低保 = 救济粮")

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and _title("低保") in response.content.decode()
    cache.clear()
