"""Search backends that put Chinese text through `search.text` on its way in and out.

These serve Wagtail's own search (the admin, `Page.objects.search()`); the public site search reads its
own index table (search.models, search.query), cut by the same `search.text` functions.

The seam: every modelsearch backend turns a field into index text in one place (the database backends'
`ObjectIndexer.prepare_value`, Elasticsearch/OpenSearch's `_get_document_field_data`) and receives
queries through `search()` / `autocomplete()`. Subclassing exactly those keeps each backend's storage,
ranking and filters untouched, so SQLite, PostgreSQL and Elasticsearch/OpenSearch find the same words.
Select one in WAGTAILSEARCH_BACKENDS; `search.backends.database` picks SQLite or PostgreSQL like the
stock one.
"""

from modelsearch.query import And, Not, Or, Phrase, PlainText

from search.text import index_text, query_text


def segment_value(value: str) -> str:
    return index_text(value) if value else value


def segment_query(query):
    """A query string or query object with every piece of typed text cut into index words."""
    if isinstance(query, str):
        return query_text(query)
    if isinstance(query, PlainText):
        return PlainText(query_text(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(query_text(query.query_string))
    if isinstance(query, (And, Or)):
        return type(query)([segment_query(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(segment_query(query.subquery))
    return query


class SegmentingBackendMixin:
    """Query side, shared by all backends."""

    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(segment_query(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(segment_query(query), model_or_queryset, *args, **kwargs)


def add_items_with_indexer(stock_add_items, indexer_class):
    """The stock `add_items` of a database index, building `indexer_class` instead of its ObjectIndexer.

    The stock method names its module's ObjectIndexer directly, so the one-line difference cannot be
    reached by subclassing; rebinding that one global keeps every other line upstream's, so upgrades of
    modelsearch carry over instead of diverging in a copy.
    """
    import types

    if stock_add_items.__closure__ is not None:
        raise RuntimeError("modelsearch changed its add_items: review search.backends")
    namespace = {**stock_add_items.__globals__, "ObjectIndexer": indexer_class}
    return types.FunctionType(stock_add_items.__code__, namespace, stock_add_items.__name__)
