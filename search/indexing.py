"""Services that write the search index (search.models.SearchDocument): refresh one page or object,
rebuild everything. The text is normalised and cut into words here (search.text), so every database
stores and matches the same words."""

from collections.abc import Iterable
from functools import cache

from django.db import connection, transaction
from wagtail.models import Page

from home.privacy.detect import mask_all
from search.models import SearchDocument
from search.pinyin import pinyin_terms
from search.planner import FILLER
from search.registry import Document, SearchType, search_types
from search.text import index_terms, index_text

BATCH = 500
# Bumped by every write of the index in this process: what is derived from it (search.suggest's vocabulary)
# is made again.
GENERATION = [0]


class IndexContext:
    """What many rows need and one query can load: the village pages, the legal-aid directories."""

    def __init__(self) -> None:
        self._villages: dict[str, tuple[str, str]] | None = None
        self._directories: list | None = None
        self._languages: dict[int, str] | None = None

    def language_of(self, locale_id: int) -> str:
        if self._languages is None:
            from wagtail.models import Locale

            self._languages = dict(Locale.objects.values_list("pk", "language_code"))
        return self._languages.get(locale_id, "")

    def village_of(self, path: str) -> tuple[str, str]:
        """(code, name) of the village page at or above `path`, or ("", "")."""
        if self._villages is None:
            from home.models import VillagePage

            rows = VillagePage.objects.values_list("path", "village__code", "title")
            self._villages = {path: (code, title) for path, code, title in rows}
            self._lengths = sorted({len(p) for p in self._villages})
        for length in self._lengths:
            found = self._villages.get(path[:length])
            if found:
                return found
        return ("", "")

    def directories(self) -> list:
        if self._directories is None:
            from legal_aid.models import LegalAidDirectoryPage

            self._directories = list(LegalAidDirectoryPage.objects.live().select_related("locale"))
        return self._directories


def _terms(text: str) -> str:
    return f" {index_text(text)} " if text else ""


def _pinyin(title_words: str) -> str:
    words = pinyin_terms(index_terms(title_words), skip=FILLER) if title_words else []
    return f" {' '.join(words)} " if words else ""


def text_language(page, title: str, context: IndexContext) -> str:
    """The language a row's text is in: an alias shows its original's text (wagtail-localize mirrors the
    default language's pages), and on a non-Chinese tree a title of Chinese characters only is Chinese."""
    from django.conf import settings

    from search.pinyin import is_chinese_word

    own = context.language_of(page.locale_id)
    if getattr(page, "alias_of_id", None):
        return settings.LANGUAGE_CODE
    if not own.startswith("zh") and is_chinese_word("".join(ch for ch in title if ch.isalpha())):
        return settings.LANGUAGE_CODE
    return own


def _row(document: Document, context: IndexContext) -> SearchDocument:
    page = document.page
    code, name = context.village_of(page.path)
    villages = document.villages if document.villages is not None else (f" {code} " if code else "")
    # No full ID, mobile or card number goes into the index, its words or its snippets (home.privacy).
    title, body = mask_all(document.title), mask_all(document.body)
    title_words = title if document.title_words is None else mask_all(document.title_words)
    return SearchDocument(
        key=document.key,
        kind=document.kind,
        page_id=page.pk,
        anchor=document.anchor,
        locale_id=page.locale_id,
        path=page.path,
        villages=villages,
        village_name=name,
        year=document.date.year if document.date else None,
        date=document.date,
        expires=document.expires,
        title=title,
        body=body,
        title_terms=_terms(title_words),
        body_terms=_terms(body),
        context_terms=_terms(mask_all(document.context)),
        pinyin_terms=_pinyin(title_words),
        language=text_language(page, title, context),
        group=document.group,
    )


def index_objects(search_type: SearchType, objects: Iterable, context: IndexContext | None = None) -> int:
    """Add the rows of `objects` (none of which has rows yet); returns how many were written."""
    context = context or IndexContext()
    rows = [_row(document, context) for obj in objects for document in search_type.documents(obj, context)]
    SearchDocument.objects.bulk_create(rows, batch_size=BATCH)
    GENERATION[0] += 1
    return len(rows)


@cache
def host_page_classes() -> tuple[type, ...]:
    """The page classes whose saving or publishing changes the index."""
    return tuple({search_type.host_class() for search_type in search_types()})


@transaction.atomic
def refresh_page(page_id: int) -> None:
    """Rewrite every row that sits on the page, from the page as stored (not as held in memory: a
    draft revision must not reach the index)."""
    SearchDocument.objects.filter(page_id=page_id).delete()
    GENERATION[0] += 1
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    page = page.specific
    context = IndexContext()
    for search_type in search_types():
        objects = search_type.objects_on(page)
        if not objects:
            continue
        rows = [
            _row(document, context)
            for obj in objects
            for document in search_type.documents(obj, context)
            if document.page.pk == page_id  # an object may sit on several pages (a contact)
        ]
        SearchDocument.objects.bulk_create(rows, batch_size=BATCH)


def remove_page(page_id: int) -> None:
    SearchDocument.objects.filter(page_id=page_id).delete()
    GENERATION[0] += 1


def refresh_subtree(page: Page) -> None:
    """After a move: paths and villages of the page and everything under it changed."""
    ids = SearchDocument.objects.filter(page__path__startswith=page.path).values_list("page_id", flat=True)
    for page_id in sorted(set(ids)):
        refresh_page(page_id)


@transaction.atomic
def refresh_object(search_type: SearchType, obj) -> None:
    """Rewrite the rows of one object of a type that is not a page (a proposal, a contact)."""
    remove_object(search_type, obj.pk)
    index_objects(search_type, [obj])


def remove_object(search_type: SearchType, pk) -> None:
    SearchDocument.objects.filter(key__startswith=f"{search_type.key}:{pk}:").delete()
    GENERATION[0] += 1


def rebuild() -> int:
    """Empty the index and write every row again; returns the number of rows."""
    written = _rewrite_all()
    if connection.vendor == "postgresql":
        # Fresh statistics at once: without them the planner guesses that few rows match a word and scans
        # the whole table by locale instead of using the GIN index (40 to 80 ms instead of 1 to 15 at
        # 10,000 notices) until autovacuum gets round to the table.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
    return written


def compact() -> bool:
    """PostgreSQL, outside a transaction: rewrite the table after a full rebuild (VACUUM FULL).

    The rebuild deletes every row and writes it again, so the heap holds the dead copies beside the live ones
    until a VACUUM FULL: at 305 villages × 5 years 212 MB instead of 103, and the search page's p95 60–70 ms
    instead of 35–45 (bench/README.md, issue 21). Locks the table for the rewrite (10–40 s at that size)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM FULL ANALYZE {SearchDocument._meta.db_table}")
    return True


@transaction.atomic
def _rewrite_all() -> int:
    SearchDocument.objects.all().delete()
    GENERATION[0] += 1
    context = IndexContext()
    written = 0
    for search_type in search_types():
        batch = []
        for obj in search_type.everything().iterator(chunk_size=BATCH):
            batch.append(obj)
            if len(batch) == BATCH:
                written += index_objects(search_type, batch, context)
                batch = []
        written += index_objects(search_type, batch, context)
    return written
