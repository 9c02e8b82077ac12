"""One SQL query for a page of search results: match, filters, ranking, per-group cap, count and cut.

Ranking, in order: how many query words are in the title (title hits first); when some words were
missing (the "any word" fallback), how many are in the title or text; the newer; the database's own
relevance (BM25 on SQLite, ts_rank on PostgreSQL). Word counts use the stored " word " strings, so both
databases rank alike. At most `GROUP_CAP` rows of one group (the articles of one rules page) are kept.
"""

from django.db import connection

from search.registry import Query

TABLE = "portal_search_searchdocument"
FTS = "portal_search_fts"
GROUP_CAP = 2


def _fts5_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _filters(query: Query, restricted: list[str]) -> tuple[str, list]:
    sql, params = ["d.locale_id = %s"], [query.locale.pk]
    if query.kinds:
        sql.append("d.kind IN (" + ", ".join(["%s"] * len(query.kinds)) + ")")
        params += query.kinds
    if query.year:
        sql.append("d.year = %s")
        params.append(query.year)
    if query.village is not None:
        sql.append("(d.villages = '*' OR d.villages LIKE %s)")
        params.append(f"% {query.village.code} %")
    for path in restricted:
        sql.append("d.path NOT LIKE %s")
        params.append(path + "%")
    return " AND ".join(sql), params


def _word_count(column_sets: list[list[str]], terms: list[str], vendor: str) -> tuple[str, list]:
    """SQL summing, over the terms, 1 when the term is a word of any of the columns."""
    find = "instr({column}, %s) > 0" if vendor == "sqlite" else "strpos({column}, %s) > 0"
    parts, params = [], []
    for term in terms:
        found = " OR ".join(find.format(column=column) for columns in column_sets for column in columns)
        parts.append(f"(CASE WHEN {found} THEN 1 ELSE 0 END)")
        params += [f" {term} "] * sum(len(columns) for columns in column_sets)
    return " + ".join(parts), params


def _ranked(source: str, score: tuple[str, list], match: tuple[str, list], query: Query, restricted, offset, limit):
    """The shared shape of the query; `source`, `score` and `match` are the database's full-text parts."""
    vendor = connection.vendor
    in_title, title_params = _word_count([["d.title_terms"]], query.terms, vendor)
    if query.operator == "and":  # every row holds every word: nothing to tell apart
        in_text, text_params = "0", []
    else:
        in_text, text_params = _word_count([["d.title_terms", "d.body_terms"]], query.terms, vendor)
    where, filter_params = _filters(query, restricted)
    sql = f"""
        WITH m AS (
            SELECT d.id, d."group" AS g, d.date, {in_title} AS t, {in_text} AS x, {score[0]} AS s
            FROM {source} WHERE {match[0]} AND {where}
        ), r AS (
            SELECT id, date, t, x, s, ROW_NUMBER() OVER (PARTITION BY g ORDER BY t DESC, x DESC, s) AS n FROM m
        ), k AS (
            SELECT id, date, t, x, s, COUNT(*) OVER () AS total FROM r WHERE n <= {GROUP_CAP}
        )
        SELECT id, total FROM k ORDER BY t DESC, x DESC, date DESC NULLS LAST, s, id DESC LIMIT %s OFFSET %s
    """
    params = [*title_params, *text_params, *score[1], *match[1], *filter_params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)


def _sqlite(query: Query, restricted, offset, limit):
    words = [_fts5_phrase(term) for term in query.terms]
    own_words = "{title_terms body_terms} : (" + " OR ".join(words) + ")"
    if query.operator == "and":
        # Every word somewhere (the page title counts for an article), one of them in the row's own text.
        expression = "(" + " AND ".join(words) + ") AND " + own_words
    else:
        expression = own_words
    # bm25() is lower for better matches; title words weigh most, an article's page title least.
    score = (f"bm25({FTS}, 10.0, 1.0, 0.2)", [])
    source = f"{FTS} JOIN {TABLE} d ON d.id = {FTS}.rowid"
    return _ranked(source, score, (f"{FTS} MATCH %s", [expression]), query, restricted, offset, limit)


def _postgres(query: Query, restricted, offset, limit):
    each = " {op} ".join(["plainto_tsquery('simple', %s)"] * len(query.terms))
    every, some = "(" + each.format(op="&&") + ")", "(" + each.format(op="||") + ")"
    # Title words weigh A, text B, an article's page title C: one word must be the row's own.
    own_words = "ts_filter(d.vector, '{a,b}') @@ " + some
    found = every if query.operator == "and" else some
    match = (f"d.vector @@ {found} AND {own_words}", [*query.terms, *query.terms])
    score = (f"-ts_rank(d.vector, {some})", list(query.terms))
    return _ranked(f"{TABLE} d", score, match, query, restricted, offset, limit)


def search_ids(query: Query, restricted: list[str], offset: int, limit: int) -> tuple[list[int], int]:
    """The ids of the rows on the asked page of results, best first, and how many rows match in all."""
    if connection.vendor == "postgresql":
        return _postgres(query, restricted, offset, limit)
    return _sqlite(query, restricted, offset, limit)
