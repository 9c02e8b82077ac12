"""OpenSearch 3 backend with Chinese words cut before they are sent (needs the `opensearch-py` client;
untested against a live server). Select it in WAGTAILSEARCH_BACKENDS as `search.backends.opensearch3`."""

from modelsearch.backends import opensearch3 as stock

from . import SegmentingBackendMixin
from .elastic import SegmentingMappingMixin, segmented_settings


class SegmentingOpenSearch3Mapping(SegmentingMappingMixin, stock.OpenSearch3Mapping):
    pass


class SegmentingOpenSearch3SearchBackend(SegmentingBackendMixin, stock.OpenSearch3SearchBackend):
    mapping_class = SegmentingOpenSearch3Mapping
    settings = segmented_settings(stock.OpenSearch3SearchBackend.settings)


SearchBackend = SegmentingOpenSearch3SearchBackend
