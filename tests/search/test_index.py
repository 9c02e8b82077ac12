"""The site search index (search.models.SearchDocument): kept in step with pages and proposals, rebuilt by
update_index, one query a search, and the database-specific full-text parts on SQLite and PostgreSQL."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from consultations.models import ConsultationIndexPage, ConsultationPage, Proposal
from notices.models import NoticePage
from residents.models import Resident
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

EXAMPLE = "关于修订本村村规民约的通知"


def titles(client, **params) -> list[str]:
    response = client.get("/zh-hans/search/", params)
    assert response.status_code == 200
    return re.findall(r'class="card-link" href="[^"]*">([^<]+)</a>', response.content.decode())


def links(client, **params) -> list[str]:
    response = client.get("/zh-hans/search/", params)
    return re.findall(r'class="card-link" href="([^"]*)"', response.content.decode())


def _fts_matches(word: str) -> int:
    # Reads the FTS5 index itself (not the content table), so stale entries would be counted.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portal_search_fts WHERE portal_search_fts MATCH %s", [f'"{word}"'])
        return cursor.fetchone()[0]


def test_unpublishing_and_deleting_a_page_take_it_out_of_the_index(client, make_notice):
    notice = make_notice("停水通告", "明天停水。")
    assert titles(client, q="停水") == ["停水通告"]
    notice.unpublish()
    assert titles(client, q="停水") == []
    notice.save_revision().publish()
    assert titles(client, q="停水") == ["停水通告"]
    NoticePage.objects.get(pk=notice.pk).delete()
    assert titles(client, q="停水") == []
    assert not SearchDocument.objects.filter(page_id=notice.pk).exists()
    if connection.vendor == "sqlite":
        assert _fts_matches("停水") == 0


def test_a_draft_does_not_reach_the_index(client, make_notice):
    notice = make_notice("道路维修通知", "修路。")
    notice.title = "草稿标题"
    notice.save_revision()
    assert titles(client, q="维修") == ["道路维修通知"]
    assert titles(client, q="草稿") == []


def test_update_index_rebuilds_the_site_search_rows(client, make_notice, rules_in_force):
    make_notice(EXAMPLE, "请提出意见。")
    before = set(SearchDocument.objects.values_list("key", flat=True))
    SearchDocument.objects.all().delete()
    assert titles(client, q="村规民约") == []
    call_command("update_index", stdout=io.StringIO())
    assert set(SearchDocument.objects.values_list("key", flat=True)) == before
    assert EXAMPLE in titles(client, q="村规民约")


def test_restricted_pages_are_not_shown(client, make_notice, notice_index):
    make_notice("停水通告", "明天停水。")
    PageViewRestriction.objects.create(page=notice_index, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client, q="停水") == []


def test_at_most_two_articles_of_one_rules_page(client, rules_in_force):
    # Every article of the fixture's rules holds 村民; the page's title does not.
    found = titles(client, q="村民 遵守")
    assert len([t for t in found if t.startswith(rules_in_force.title + " · ")]) == 2


def test_the_whole_search_is_a_fixed_number_of_queries(client, make_notice):
    for n in range(3):
        make_notice(f"环境整治通报{n}", "检查结果。", slug=f"a{n}")
    titles(client, q="环境整治")  # warms per-process caches
    with CaptureQueriesContext(connection) as few:
        titles(client, q="环境整治")
    for n in range(15):
        make_notice(f"环境整治通报{n}", "检查结果。", slug=f"b{n}", date=datetime.date(2025, 1, 1))
    with CaptureQueriesContext(connection) as many:
        assert len(titles(client, q="环境整治", page=2)) == 8
    assert len(many) == len(few)
    fts = [q["sql"] for q in many.captured_queries if "portal_search_searchdocument" in q["sql"]]
    assert len(fts) == 2  # the ranked page of ids with their count, then those rows with their pages


def test_query_count_is_the_same_for_every_kind_of_hit_and_beyond_the_count_cap(
    client, make_notice, rules_in_force, consultation, resident, monkeypatch
):
    # Hits of several kinds (notices, proposals; rules articles among the matches) and more matches than are
    # counted cost the same queries as a single notice: nothing is loaded per hit or per kind.
    make_notice("村民议事通知", "请村民参加。", slug="one")
    titles(client, q="村民")  # warms per-process caches
    with CaptureQueriesContext(connection) as few:
        assert titles(client, q="村民") != []
    for n in range(3):
        _proposal(consultation, resident, title=f"村民提案{n}", text="<p>村民建议。</p>")
        make_notice(f"村民会议通知{n}", "村民参加。", slug=f"more{n}")
    monkeypatch.setattr("search.engine.COUNT_CAP", 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/zh-hans/search/", {"q": "村民"})
    found = re.findall(r'class="card-link" href="[^"]*">([^<]+)</a>', response.content.decode())
    assert len(found) == 6 and response.context["more"] is True
    assert any(t.startswith("村民提案") for t in found) and any(t.startswith("村民会议通知") for t in found)
    assert len(many) == len(few)


# Proposals


@pytest.fixture
def consultation(village_page) -> ConsultationPage:
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    page = ConsultationPage(title="文化广场改造征求意见", slug="square", summary="广场改造方案")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def resident(village_page) -> Resident:
    return Resident.objects.create(
        village=village_page.village, display_name="村民甲", verification=Resident.Verification.VERIFIED
    )


def _proposal(consultation, resident, **fields) -> Proposal:
    values = {"title": "广场增设健身器材", "text": "<p>建议在广场东侧安装单杠和双杠。</p>", "location_note": "东侧空地"}
    return Proposal.objects.create(page=consultation, author=resident, **{**values, **fields})


def test_proposals_are_found_and_link_to_the_proposal(client, consultation, resident, make_village):
    proposal = _proposal(consultation, resident)
    assert titles(client, q="健身器材") == ["广场增设健身器材"]
    assert titles(client, q="单杠", type="proposals") == ["广场增设健身器材"]
    assert links(client, q="单杠") == [f"{consultation.url}#proposal-{proposal.pk}"]
    assert titles(client, q="单杠", village="dongshan") == ["广场增设健身器材"]
    make_village(code="xihe", name="西河村")
    assert titles(client, q="单杠", village="xihe") == []


def test_an_edited_proposal_is_found_by_its_new_words_only(client, consultation, resident):
    from consultations import services

    opened = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    ConsultationPage.objects.filter(pk=consultation.pk).update(proposals_open=opened)
    proposal = _proposal(consultation, resident)
    proposal.page.refresh_from_db()
    services.edit_proposal(proposal, resident, title="广场增设乒乓球台", now=opened + datetime.timedelta(days=1))
    assert titles(client, q="乒乓球台") == ["广场增设乒乓球台"]
    assert titles(client, q="健身器材") == []


def test_withdrawn_proposals_are_not_found(client, consultation, resident):
    proposal = _proposal(consultation, resident)
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    assert titles(client, q="健身器材") == []
    proposal.status = Proposal.Status.SELECTED
    proposal.save()
    assert titles(client, q="健身器材") == ["广场增设健身器材"]


def test_proposals_follow_their_consultation_page(client, consultation, resident):
    _proposal(consultation, resident)
    consultation.unpublish()
    assert titles(client, q="健身器材") == []
    consultation.save_revision().publish()
    assert titles(client, q="健身器材") == ["广场增设健身器材"]
    PageViewRestriction.objects.create(page=consultation, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client, q="健身器材") == []


# The database-specific parts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI's PostgreSQL pass)")
def test_postgresql_full_text_parts(make_notice):
    from wagtail.search.backends import get_search_backend

    from search.backends.postgres import SegmentingPostgresSearchBackend

    notice = make_notice(EXAMPLE, "请提出意见。")
    backend = get_search_backend()
    assert isinstance(backend, SegmentingPostgresSearchBackend)
    for word in ["村规", "民约", "村規民約"]:  # the Wagtail backend (admin search) cuts words too
        assert notice.pk in [page.pk for page in backend.search(word, NoticePage.objects.live())]
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM portal_search_searchdocument WHERE page_id = %s", [notice.pk])
        vector = cursor.fetchone()[0]
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'portal_search_doc_locale_vector'")
        assert "gin" in cursor.fetchone()[0].lower()
    assert "'村规民约'" in vector and "'民约'" in vector


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI's PostgreSQL pass)")
def test_postgresql_rows_keep_the_wide_columns_out_of_line():
    """portal_search 0005: the tsvector and the body's text leave the heap row, the ranked columns stay in it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'portal_search_searchdocument'")
        assert "toast_tuple_target=256" in cursor.fetchone()[0]
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'portal_search_searchdocument'::regclass"
            " AND attnum > 0 AND NOT attisdropped"
        )
        storage = dict(cursor.fetchall())
    assert {storage[c] for c in ("vector", "body", "body_terms")} == {"x"}
    assert {storage[c] for c in ("title_terms", "pinyin_terms", "context_terms", "villages", "path", "group")} == {"m"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI's PostgreSQL pass)")
@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_update_index_leaves_no_dead_rows_behind(make_notice):
    """A full rebuild writes every row again; update_index then rewrites the table without the old copies."""
    from search.indexing import compact, rebuild

    for number in range(12):
        make_notice(f"停水通告{number}", "明天停水。" * 200)

    def table() -> tuple[int, int, int]:
        """The table's file, its pages, and the pages its live rows are on."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_relation_filenode('portal_search_searchdocument'),"
                " pg_relation_size('portal_search_searchdocument') / 8192,"
                " (SELECT count(DISTINCT (ctid::text::point)[0]) FROM portal_search_searchdocument)"
            )
            return cursor.fetchone()

    rebuild()
    rebuild()
    before, pages_before, _used = table()
    assert compact() is True
    after, pages, used = table()
    # Rewritten (a new file), with nothing but live rows: every page holds some (how much a rebuild grew the old
    # file depends on how much of it the database pruned on the way, so the sizes are compared loosely).
    assert after != before
    assert pages == used and pages <= pages_before
    with transaction.atomic():
        assert compact() is False  # VACUUM cannot run in a transaction: left to the command


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_fts_table_follows_every_change(make_notice):
    def rows_with(word: str) -> int:
        return SearchDocument.objects.filter(body_terms__contains=f" {word} ").count()

    notice = make_notice("停水通告", "明天停水。")  # with its zh-hant and English aliases
    assert _fts_matches("停水") == rows_with("停水") >= 1
    notice.title = "停电通告"
    notice.save_revision().publish()
    assert _fts_matches("停电") == SearchDocument.objects.filter(title_terms__contains=" 停电 ").count() >= 1
    before = rows_with("停水")
    SearchDocument.objects.filter(page_id=notice.pk).update(body_terms=" ")
    assert _fts_matches("停水") == rows_with("停水") == before - 1
