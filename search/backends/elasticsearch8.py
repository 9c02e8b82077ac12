"""Elasticsearch 8 backend with Chinese words cut before they are sent (OpenSearch: same pattern on
`modelsearch.backends.opensearch3`). Use a whitespace analyzer for the index: the words are cut here,
and the standard analyzer would split them into single characters again."""

from modelsearch.backends import elasticsearch8 as stock
from modelsearch.index import AutocompleteField, SearchField

from . import SegmentingBackendMixin, segment_value


class SegmentingElasticsearch8Mapping(stock.Elasticsearch8Mapping):
    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, (SearchField, AutocompleteField)) and isinstance(value, str):
            value = segment_value(value)
            edgengrams = [value] if edgengrams else []
        return name, value, edgengrams


class SegmentingElasticsearch8SearchBackend(SegmentingBackendMixin, stock.Elasticsearch8SearchBackend):
    mapping_class = SegmentingElasticsearch8Mapping


SearchBackend = SegmentingElasticsearch8SearchBackend
