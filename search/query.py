"""The SQL for a page of search results: one statement matches, filters, caps groups, ranks and cuts;
a second counts the same matches up to COUNT_CAP.

Ranking, in order: how many query words are in the title (title hits first); when some words were
missing (the "any word" fallback), how many are in the title or text; the newer; the later indexed.
Word counts use the stored " word " strings, so both databases rank alike. At most `GROUP_CAP` rows of
one group (the articles of one rules page) are kept.

Why no BM25 or ts_rank: they only broke ties between rows with as many title words and the same date,
and cost a third of the query time when a common word matches 10,000 notices; without them SQLite and
PostgreSQL also give the same order.
"""

from django.db import connection

from search.registry import Query

TABLE = "portal_search_searchdocument"
FTS = "portal_search_fts"
GROUP_CAP = 2
# Results are counted up to this many; beyond it the page says "more than 1,000" and lists the first 1,000
# (a hundred pages): counting every one of 10,000 matches cost as much as ranking them.
COUNT_CAP = 1000


def required_terms(terms: list[str]) -> list[str]:
    """The words a row must hold to match every word: a compound that contains another query word
    (村规民约 with 村规 and 民约, as search-mode cutting gives them) is not required, since its pieces
    are; it still ranks the rows that hold it higher (as a title word)."""
    return [term for term in terms if not any(other != term and other in term for other in terms)]


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
        find = "instr(d.villages, %s) > 0" if connection.vendor == "sqlite" else "strpos(d.villages, %s) > 0"
        sql.append(f"(d.villages = '*' OR {find})")  # not LIKE: a code may hold _
        params.append(f" {query.village.code} ")
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


def _ranked(source: str, match: tuple[str, list], query: Query, restricted, offset, limit, cap):
    """The page of ids and the capped count; `source` and `match` are the database's full-text parts."""
    vendor = connection.vendor
    in_title, title_params = _word_count([["d.title_terms"]], query.terms, vendor)
    in_text, text_params = "0", []
    if query.operator == "or":  # with "and" every row holds every word: nothing to tell apart
        in_text, text_params = _word_count([["d.title_terms", "d.body_terms"]], query.terms, vendor)
    where, filter_params = _filters(query, restricted)
    # The cap: a window over the grouped rows (articles) alone, in a subquery run once; a window or a
    # materialised CTE over every match would sort them all (three times slower at 10,000 matches).
    # Every piece put into the SQL text is ours (column names, placeholders); values go in params.
    matched = f"""
        FROM {source} WHERE {match[0]} AND {where} AND (d."group" = '' OR d.id IN (
            SELECT id FROM (
                SELECT d.id, ROW_NUMBER() OVER (PARTITION BY d."group" ORDER BY {in_title} DESC, d.id) AS n
                FROM {source} WHERE {match[0]} AND {where} AND d."group" <> ''
            ) AS grouped WHERE n <= {GROUP_CAP}
        ))
    """  # noqa: S608
    matched_params = [*match[1], *filter_params, *title_params, *match[1], *filter_params]
    # The count and the page are separate subqueries of one statement (one round trip): a COUNT(*) OVER ()
    # beside the ranking kept every match in a window buffer before the top rows were picked (a third of
    # the time at 10,000 matches), and counting stops at `cap` + 1. The count's row comes back even when
    # the page is empty (id NULL); the page's order is restated outside, as a join need not keep it.
    order = "t DESC, x DESC, date DESC NULLS LAST, id DESC"
    sql = f"""
        SELECT shown.id, counted.n
        FROM (SELECT COUNT(*) AS n FROM (SELECT 1 {matched} LIMIT %s) AS c) AS counted
        LEFT JOIN (
            SELECT d.id AS id, d.date AS date, {in_title} AS t, {in_text} AS x {matched}
            ORDER BY {order} LIMIT %s OFFSET %s
        ) AS shown ON 1 = 1
        ORDER BY shown.t DESC, shown.x DESC, shown.date DESC NULLS LAST, shown.id DESC
    """  # noqa: S608
    params = [*matched_params, cap + 1, *title_params, *text_params, *matched_params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows if row[0] is not None], rows[0][1]


def _sqlite(query: Query, restricted, offset, limit, cap):
    words = [_fts5_phrase(term) for term in query.terms]
    own_words = "{title_terms body_terms} : (" + " OR ".join(words) + ")"
    if query.operator == "and":
        # Every word somewhere (the page title counts for an article), one of them in the row's own text.
        every = [_fts5_phrase(term) for term in required_terms(query.terms)]
        expression = "(" + " AND ".join(every) + ") AND " + own_words
    else:
        expression = own_words
    # CROSS JOIN fixes the join order in SQLite: the FTS match first, then its rows. Left to itself the
    # planner may scan the documents and run the match once per row (seconds at 10,000 notices).
    source = f"{FTS} CROSS JOIN {TABLE} d ON d.id = {FTS}.rowid"
    return _ranked(source, (f"{FTS} MATCH %s", [expression]), query, restricted, offset, limit, cap)


def _postgres(query: Query, restricted, offset, limit, cap):
    required = required_terms(query.terms)
    some = "(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(query.terms)) + ")"
    every = "(" + " && ".join(["plainto_tsquery('simple', %s)"] * len(required)) + ")"
    # Title words weigh A, text B, an article's page title C: one word must be the row's own. Only a row
    # with a context can match on it alone; ts_filter() copies the vector, which for a word in all
    # 10,000 notices cost as much as the rest of the query, so it runs for those rows only.
    own_words = "(d.context_terms = '' OR ts_filter(d.vector, '{a,b}') @@ " + some + ")"
    if query.operator == "and":
        match = (f"d.vector @@ {every} AND {own_words}", [*required, *query.terms])
    else:
        match = (f"d.vector @@ {some} AND {own_words}", [*query.terms, *query.terms])
    return _ranked(f"{TABLE} d", match, query, restricted, offset, limit, cap)


def search_ids(
    query: Query, restricted: list[str], offset: int, limit: int, cap: int = COUNT_CAP
) -> tuple[list[int], int]:
    """The ids of the rows on the asked page of results, best first, and how many rows match in all, or
    `cap` + 1 when more than `cap` do."""
    if connection.vendor == "postgresql":
        return _postgres(query, restricted, offset, limit, cap)
    return _sqlite(query, restricted, offset, limit, cap)
