"""The Elasticsearch/OpenSearch side of the segmenting backends, without any client library.

Chinese words are cut here (search.text) before a document is sent, and the index's default analyzer
splits on whitespace only: the stock standard analyzer would cut every Chinese character apart again.
The query side is SegmentingBackendMixin, as for the database backends. The concrete backends
(`elasticsearch8`, `opensearch3`) only combine these with modelsearch's classes, so this module is what
the tests exercise; no live Elasticsearch or OpenSearch server has been tried.
"""

import copy

from modelsearch.index import AutocompleteField, SearchField

from . import segment_value

# Whitespace then lower case: the words arrive cut and folded to Simplified by search.text.
SEGMENTED_ANALYZER = {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}


def segmented_settings(stock: dict) -> dict:
    """The stock index settings with a whitespace `default` analyzer (index and search side)."""
    settings = copy.deepcopy(stock)
    analysis = settings.setdefault("settings", {}).setdefault("analysis", {})
    analysis.setdefault("analyzer", {})["default"] = SEGMENTED_ANALYZER
    return settings


def _segment(value):
    if isinstance(value, str):
        return segment_value(value)
    if isinstance(value, list):  # e.g. a StreamField's searchable content
        return [_segment(item) for item in value]
    return value


class SegmentingMappingMixin:
    """Put before a modelsearch Elasticsearch/OpenSearch mapping class."""

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, SearchField | AutocompleteField):
            value = _segment(value)
            edgengrams = [value] if edgengrams else []
        return name, value, edgengrams
