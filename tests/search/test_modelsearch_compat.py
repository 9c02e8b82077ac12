"""What the segmenting search backends (search/backends) rely on in modelsearch beyond its public API
(docs/wagtail-internals.md): the stock add_items rebuilt with another ObjectIndexer through its __globals__, and
the SQLite compiler's and results' private methods. Each test fails when an upgrade changes what is used."""

import inspect

import pytest
from django.db import connection
from modelsearch.backends.database.postgres import postgres as stock_postgres
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping

from notices.models import NoticePage
from search.backends import add_items_with_indexer
from search.backends import postgres as segmenting_postgres

# modelsearch's SQLite module only imports where the database is SQLite (its FTS model is registered there).
ON_SQLITE = connection.vendor == "sqlite"
sqlite_only = pytest.mark.skipif(not ON_SQLITE, reason="modelsearch's SQLite backend loads on SQLite only")


def _sqlite():
    from modelsearch.backends.database.sqlite import sqlite

    from search.backends import sqlite as segmenting

    return sqlite, segmenting


def _global_names(code) -> set[str]:
    """The names a function's code (and the comprehensions inside it, own code objects before Python 3.12) reads."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if inspect.iscode(constant):
            names |= _global_names(constant)
    return names


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


@pytest.mark.parametrize("vendor", [pytest.param("sqlite", marks=sqlite_only), "postgres"])
def test_add_items_builds_its_indexer_by_the_global_name(vendor):
    stock = _sqlite()[0] if vendor == "sqlite" else stock_postgres
    index = stock.SQLiteIndex if vendor == "sqlite" else stock.PostgresIndex
    add_items = index.add_items
    assert add_items.__closure__ is None
    assert "ObjectIndexer" in _global_names(add_items.__code__)  # the one global the rebuild replaces
    assert add_items.__globals__["ObjectIndexer"] is stock.ObjectIndexer
    assert _parameters(add_items) == ["self", "model", "objs"]
    assert _parameters(stock.ObjectIndexer.__init__) == ["self", "obj", "backend"]
    assert _parameters(stock.ObjectIndexer.prepare_value) == ["self", "value"]


@pytest.mark.parametrize("vendor", [pytest.param("sqlite", marks=sqlite_only), "postgres"])
def test_the_rebuilt_add_items_uses_the_segmenting_indexer(vendor):
    module = _sqlite()[1] if vendor == "sqlite" else segmenting_postgres
    index = module.SegmentingSQLiteIndex if vendor == "sqlite" else module.SegmentingPostgresIndex
    assert index.add_items.__globals__["ObjectIndexer"] is module.SegmentingObjectIndexer
    assert index.add_items.__code__ is index.__mro__[1].add_items.__code__  # upstream's lines, not a copy


def test_a_function_with_a_closure_is_refused():
    def outer():
        captured = 1

        def add_items(self, model, objs):
            return captured

        return add_items

    with pytest.raises(RuntimeError, match=r"review search\.backends"):
        add_items_with_indexer(outer(), object)


@sqlite_only
def test_the_sqlite_compiler_methods_the_ranked_search_calls():
    stock_sqlite = _sqlite()[0]
    compiler = stock_sqlite.SQLiteSearchQueryCompiler
    assert _parameters(compiler.search) == ["self", "config", "start", "stop", "score_field"]
    assert _parameters(compiler._build_rank_expression) == ["self", "vectors", "config"]
    assert _parameters(compiler.get_search_vectors) == ["self"]
    assert _parameters(compiler.build_search_query) == ["self", "query", "config"]
    assert _parameters(compiler.get_config) == ["self", "backend"]
    assert compiler.FTS_TABLE_FIELDS == ["title", "body"]
    assert _parameters(stock_sqlite.SQLiteSearchResults._do_count) == ["self"]
    entry = stock_sqlite.SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model
    assert {"content_type", "object_id"} <= {field.name for field in entry._meta.get_fields()}


def test_the_document_field_hook_of_the_elastic_mapping():
    assert _parameters(ElasticsearchBaseMapping._get_document_field_data) == ["self", "field", "obj"]


@pytest.mark.django_db
@sqlite_only
def test_the_ranked_sqlite_search_finds_what_the_stock_compiler_finds(make_notice):
    stock_sqlite, segmenting_sqlite = _sqlite()
    from wagtail.search.backends import get_search_backend

    for number in range(3):
        make_notice(f"村规民约修订第{number}次", "请村民提出意见。")
    make_notice("停水通告", "明天停水。")
    backend = get_search_backend()
    assert isinstance(backend, segmenting_sqlite.SegmentingSQLiteSearchBackend)
    ranked = backend.search("民约", NoticePage.objects.live())
    stock = type(
        "Stock",
        (type(backend),),
        {
            "query_compiler_class": stock_sqlite.SQLiteSearchQueryCompiler,
            "results_class": stock_sqlite.SQLiteSearchResults,
        },
    )
    stock_results = stock({}).search("民约", NoticePage.objects.live())
    found = {page.pk for page in ranked}
    assert found == {page.pk for page in stock_results} and len(found) >= 3
    assert ranked.count() == len(found)
