"""PostgreSQL full-text backend with Chinese words cut before they are stored."""

from modelsearch.backends.database.postgres import postgres as stock

from . import SegmentingBackendMixin, add_items_with_indexer, segment_value


class SegmentingObjectIndexer(stock.ObjectIndexer):
    def prepare_value(self, value):
        return segment_value(super().prepare_value(value))


class SegmentingPostgresIndex(stock.PostgresIndex):
    add_items = add_items_with_indexer(stock.PostgresIndex.add_items, SegmentingObjectIndexer)


class SegmentingPostgresSearchBackend(SegmentingBackendMixin, stock.PostgresSearchBackend):
    index_class = SegmentingPostgresIndex


SearchBackend = SegmentingPostgresSearchBackend
