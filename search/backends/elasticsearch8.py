"""Elasticsearch 8 backend with Chinese words cut before they are sent (needs the `elasticsearch` client;
untested against a live server). Select it in WAGTAILSEARCH_BACKENDS as
`search.backends.elasticsearch8`; create the index with `update_index` so the analyzer settings apply."""

from modelsearch.backends import elasticsearch8 as stock

from . import SegmentingBackendMixin
from .elastic import SegmentingMappingMixin, segmented_settings


class SegmentingElasticsearch8Mapping(SegmentingMappingMixin, stock.Elasticsearch8Mapping):
    pass


class SegmentingElasticsearch8SearchBackend(SegmentingBackendMixin, stock.Elasticsearch8SearchBackend):
    mapping_class = SegmentingElasticsearch8Mapping
    settings = segmented_settings(stock.Elasticsearch8SearchBackend.settings)


SearchBackend = SegmentingElasticsearch8SearchBackend
