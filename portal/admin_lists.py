"""Bounded cost for the admin's own lists and exports at county size (issue 21).

A committee's screen and a county editor's screen run the same code; the county's holds 305 villages of rows.
So every list shows one page of an ordered queryset (a fixed number of queries whatever the row count), and every
export streams its rows from the database in chunks (constant memory, the first bytes sent at once).
"""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import translation
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import IndexView

DEFAULT_PAGE_SIZE = 50
EXPORT_CHUNK = 2000  # rows per database round trip of a streamed export
BOM = "\ufeff"  # Excel and WPS read UTF-8 Chinese only after a byte-order mark


def page_size() -> int:
    """Rows per admin page; a setting so that the tests can page a handful of rows."""
    return int(getattr(settings, "ADMIN_LIST_PAGE_SIZE", DEFAULT_PAGE_SIZE))


def paginate(request: HttpRequest, rows: QuerySet | Sequence, *, param: str = "p", per_page: int | None = None):
    """The requested page of ``rows`` (a bad or too large number gives the first or last page).

    A queryset must be ordered: an unordered one pages differently on PostgreSQL from one request to the next.
    """
    if isinstance(rows, QuerySet) and not rows.ordered:
        raise ValueError(f"{rows.model.__name__}: an admin list must be ordered to be paginated")
    paginator = WagtailPaginator(rows, per_page or page_size())
    page = paginator.get_page(request.GET.get(param))
    page.elided_page_range = paginator.get_elided_page_range(page.number)
    page.param = param
    return page


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Sequence], language: str | None = None) -> Iterator[str]:
    """The BOM, then one CSV line per row, as the rows come, in the request's language: the server reads the
    generator after the view (and its middleware) has returned, when the thread may speak another language."""
    writer = csv.writer(_Echo())
    yield BOM
    with translation.override(language):
        for row in rows:
            yield writer.writerow(row)


def stream_csv(filename: str, rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """A CSV download that streams: ``rows`` should be a generator over ``QuerySet.iterator(chunk_size=...)``."""
    lines = csv_lines(rows, translation.get_language())
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class RelatedIndexMixin:
    """For a Wagtail IndexView: the rows' related records (the columns and their __str__) come with the rows,
    in the listing's one query, instead of one query per row and column."""

    list_select_related: tuple[str, ...] = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.select_related(*self.list_select_related) if self.list_select_related else queryset


class RelatedIndexView(RelatedIndexMixin, IndexView):
    pass


class RelatedViewSetMixin:
    """For a ModelViewSet whose index_view_class has RelatedIndexMixin: ``list_select_related`` names them."""

    list_select_related: tuple[str, ...] = ()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=self.list_select_related, **kwargs)
