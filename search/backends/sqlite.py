"""SQLite FTS5 backend (the default) with Chinese words cut before they are stored."""

from modelsearch.backends.database.sqlite import sqlite as stock

from . import SegmentingBackendMixin, add_items_with_indexer, segment_value


class SegmentingObjectIndexer(stock.ObjectIndexer):
    def prepare_value(self, value):
        return segment_value(super().prepare_value(value))


class SegmentingSQLiteIndex(stock.SQLiteIndex):
    add_items = add_items_with_indexer(stock.SQLiteIndex.add_items, SegmentingObjectIndexer)


class SegmentingSQLiteSearchBackend(SegmentingBackendMixin, stock.SQLiteSearchBackend):
    index_class = SegmentingSQLiteIndex


SearchBackend = SegmentingSQLiteSearchBackend
