"""SQLite FTS5 backend (the default) with Chinese words cut before they are stored."""

from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from . import SegmentingBackendMixin, add_items_with_indexer, segment_value


class SegmentingObjectIndexer(stock.ObjectIndexer):
    def prepare_value(self, value):
        return segment_value(super().prepare_value(value))


class SegmentingSQLiteIndex(stock.SQLiteIndex):
    add_items = add_items_with_indexer(stock.SQLiteIndex.add_items, SegmentingObjectIndexer)


class RankedSQLiteSearchQueryCompiler(stock.SQLiteSearchQueryCompiler):
    """Ranks inside one FTS query instead of one correlated FTS subquery per matching row.

    The stock compiler annotates each candidate with a subquery that runs MATCH again, which grows with
    the square of the matches: a common word over 10,000 notices took seconds. Here the FTS query is run
    once, restricted to the queryset's rows, ordered by the same BM25 expression and cut to the page.
    """

    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, MatchAll | Not):
            return super().search(config, start, stop, score_field)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        allowed = self.queryset.order_by().annotate(object_text_id=Cast("pk", TextField())).values("object_text_id")
        rows = (
            stock.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                index_entry__object_id__in=allowed,
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", "score")[start:stop]
        )
        rows = list(rows)
        pk_field = self.queryset.model._meta.pk
        ranked = [(pk_field.to_python(object_id), score) for object_id, score in rows]
        objects = self.queryset.in_bulk([pk for pk, _score in ranked])
        results = []
        for pk, score in ranked:
            obj = objects.get(pk)
            if obj is not None:
                if score_field:
                    setattr(obj, score_field, score)
                results.append(obj)
        return results


class RankedSQLiteSearchResults(stock.SQLiteSearchResults):
    def _do_count(self):
        # The ranked compiler returns a list; counting goes through the stock (queryset) path.
        compiler = self.query_compiler
        stock_search = stock.SQLiteSearchQueryCompiler.search
        return stock_search(compiler, compiler.get_config(self.backend), None, None).count()


class SegmentingSQLiteSearchBackend(SegmentingBackendMixin, stock.SQLiteSearchBackend):
    index_class = SegmentingSQLiteIndex
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults


SearchBackend = SegmentingSQLiteSearchBackend
