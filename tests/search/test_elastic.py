"""Document preparation for Elasticsearch/OpenSearch, without a server or client library: the words are
cut before a document leaves, and the index analyzer keeps them whole. Never run against a live server."""

import json

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping, ElasticsearchBaseSearchBackend

from notices.models import NoticePage
from search.backends import segment_query
from search.backends.elastic import SegmentingMappingMixin, segmented_settings

pytestmark = pytest.mark.django_db


class Mapping(SegmentingMappingMixin, ElasticsearchBaseMapping):
    pass


def test_a_document_carries_cut_simplified_words(make_notice):
    notice = make_notice("关于修订本村村规民约的通知", "請各位村民提出意見。")
    document = Mapping(NoticePage).get_document(NoticePage.objects.get(pk=notice.pk))
    # Filter fields (keywords for exact filters, e.g. title_filter) keep the text as it is.
    searched = {name: value for name, value in document.items() if not name.endswith("_filter")}
    text = json.dumps(searched, ensure_ascii=False, default=str)
    assert all(f" {word} " in text for word in ["村规民约", "村规", "民约"])  # the title, cut with its pieces
    assert "意见" in text and "意見" not in text  # the StreamField body too, folded to Simplified
    assert "关于修订本村村规民约的通知" not in text  # nothing reaches the index uncut
    assert document["pk"] == str(notice.pk)


def test_queries_are_cut_the_same_way():
    assert segment_query("村規民約") == segment_query("村规民约")
    assert "村规民约" in segment_query("村規民約").split()


def test_the_index_analyzer_splits_on_whitespace_only():
    stock = ElasticsearchBaseSearchBackend.settings
    settings = segmented_settings(stock)
    default = settings["settings"]["analysis"]["analyzer"]["default"]
    assert default == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    assert "default" not in stock["settings"]["analysis"]["analyzer"]  # the stock settings are untouched
    assert "ngram_analyzer" in settings["settings"]["analysis"]["analyzer"]
