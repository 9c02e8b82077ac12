"""The SQL for a page of search results: one statement matches, filters, caps groups, ranks and cuts;
a second counts the same matches up to COUNT_CAP.

What matches comes from the query's plan (search.planner): every required concept ("and"; any of them when
nothing holds every one: "or") through any of its alternatives (the typed word, a synonym, a pinyin
reading), each alternative's words all present; one of them must be the row's own (not only an article's
page title, the row's "context"). Question words and filler never make a row match.

Ranking, in order: on a non-Chinese tree (English), rows whose text is in that language; how the required
concepts are found in the title (typed word 3, synonym 2, pinyin 1, plus one per whole compound word of the
query, 村规民约, in the title); when some concepts were missing ("or"), how many are in the row at all;
how many asking words are in the title; the newer; the later indexed. Word counts use the stored " word "
strings, so both databases rank alike. At most `GROUP_CAP` rows of one group (the articles of one rules
page) are kept.

Why no BM25 or ts_rank: they only broke ties between rows with as many title words and the same date,
and cost a third of the query time when a common word matches 10,000 notices; without them SQLite and
PostgreSQL also give the same order.
"""

from django.db import connection

from search.planner import Alternative, Concept, Plan
from search.registry import Query

TABLE = "portal_search_searchdocument"
FTS = "portal_search_fts"
GROUP_CAP = 2
# Results are counted up to this many; beyond it the page says "more than 1,000" and lists the first 1,000
# (a hundred pages): counting every one of 10,000 matches cost as much as ranking them.
COUNT_CAP = 1000
TEXT_COLUMNS = ("d.title_terms", "d.body_terms")
TITLE_SCALE = 4  # a concept's weight counts four times a whole compound word in the title


def _find(column: str) -> str:
    # Not LIKE: a word may hold % or _.
    return f"instr({column}, %s) > 0" if connection.vendor == "sqlite" else f"strpos({column}, %s) > 0"


def _alternative_in(alternative: Alternative, columns: tuple[str, ...]) -> tuple[str, list]:
    """SQL true when every slot of the alternative has one of its forms as a word of one of the columns."""
    if alternative.pinyin:
        columns = ("d.pinyin_terms",)
    slots, params = [], []
    for slot in alternative.slots:
        found = [_find(column) for _form in slot for column in columns]
        slots.append("(" + " OR ".join(found) + ")")
        params += [f" {form} " for form in slot for _column in columns]
    return "(" + " AND ".join(slots) + ")", params


def _concept_score(concept: Concept) -> tuple[str, list]:
    """The weight of the best alternative found in the title, 0 if none is."""
    branches, params = [], []
    for alternative in sorted(concept.alternatives, key=lambda alt: -alt.weight):
        condition, found = _alternative_in(alternative, ("d.title_terms",))
        branches.append(f"WHEN {condition} THEN {alternative.weight}")
        params += found
    return "(CASE " + " ".join(branches) + " ELSE 0 END)", params


def _count_in(concepts: list[Concept], columns: tuple[str, ...]) -> tuple[str, list]:
    """How many of the concepts have an alternative in the columns."""
    if not concepts:
        return "0", []
    parts, params = [], []
    for concept in concepts:
        conditions = [_alternative_in(alternative, columns) for alternative in concept.alternatives]
        parts.append("(CASE WHEN " + " OR ".join(sql for sql, _p in conditions) + " THEN 1 ELSE 0 END)")
        params += [param for _sql, found in conditions for param in found]
    return " + ".join(parts), params


def _title_rank(plan: Plan) -> tuple[str, list]:
    parts, params = [], []
    for concept in plan.required:
        sql, found = _concept_score(concept)
        parts.append(f"{TITLE_SCALE} * {sql}")
        params += found
    for term in plan.bonus:
        parts.append(f"(CASE WHEN {_find('d.title_terms')} THEN 1 ELSE 0 END)")
        params.append(f" {term} ")
    return (" + ".join(parts) or "0"), params


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


def own_language_first(query: Query) -> bool:
    """On a tree whose language is not Chinese (English), rows in its language come first."""
    return not query.locale.language_code.startswith("zh")


def _ranked(source: str, match: tuple[str, list], query: Query, restricted, offset, limit, cap):
    """The page of ids and the capped count; `source` and `match` are the database's full-text parts."""
    plan: Plan = query.plan
    in_title, title_params = _title_rank(plan)
    in_text, text_params = "0", []
    if query.operator == "or":  # with "and" every row holds every concept: nothing to tell apart
        in_text, text_params = _count_in(plan.required, TEXT_COLUMNS)
        if len(plan.required) == 2:
            # "or" runs only when no row holds both concepts with a word of its own (the same own-words test),
            # so a row holds one: the count is 1, unless that one is only in its context (an article's page
            # title), which only a row with a context can be. Counting it for every row ran four strpos on
            # body_terms, each one detoasting it: four fifths of the query at 20,000 matches (issue 21).
            in_text = f"(CASE WHEN d.context_terms = '' THEN 1 ELSE {in_text} END)"
    asking, asking_params = _count_in(plan.optional, ("d.title_terms",))
    own, own_params = "0", []
    if own_language_first(query):
        own, own_params = "(CASE WHEN d.language = %s THEN 1 ELSE 0 END)", [query.locale.language_code]
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
    order = "e DESC, t DESC, x DESC, q DESC, date DESC NULLS LAST, id DESC"
    sql = f"""
        SELECT shown.id, counted.n
        FROM (SELECT COUNT(*) AS n FROM (SELECT 1 {matched} LIMIT %s) AS c) AS counted
        LEFT JOIN (
            SELECT d.id AS id, d.date AS date, {own} AS e, {in_title} AS t, {in_text} AS x, {asking} AS q {matched}
            ORDER BY {order} LIMIT %s OFFSET %s
        ) AS shown ON 1 = 1
        ORDER BY shown.e DESC, shown.t DESC, shown.x DESC, shown.q DESC, shown.date DESC NULLS LAST, shown.id DESC
    """  # noqa: S608
    params = [
        *matched_params,
        cap + 1,
        *own_params,
        *title_params,
        *text_params,
        *asking_params,
        *matched_params,
        limit,
        offset,
    ]
    if connection.vendor == "postgresql":
        ranks = (
            f"{own} AS e, {in_title} AS t, {in_text} AS x, {asking} AS q",
            [*own_params, *title_params, *text_params, *asking_params],
        )
        base = (f"FROM {source} WHERE {match[0]} AND {where}", [*match[1], *filter_params])
        sql, params = _one_pass(base, ranks, order, cap, limit, offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows if row[0] is not None], rows[0][1]


def _one_pass(base: tuple[str, list], ranks: tuple[str, list], order: str, cap: int, limit: int, offset: int):
    """PostgreSQL: the matches are read once, into a narrow materialised set (id, group, date and the four
    ranks) that the group cap, the capped count and the page all read.

    Issue 21: at 305 villages a common word matches thousands of rows of a locale. Reading them from the table
    three times (the group cap's subquery, the count, the page) was most of the time, and the count's LIMIT
    tempted the planner into a sequential scan that decompressed the tsvector of every row of the locale."""
    sql = f"""
        WITH m AS MATERIALIZED (SELECT d.id AS id, d."group" AS g, d.date AS date, {ranks[0]} {base[0]}),
        capped AS (
            SELECT id, date, e, t, x, q FROM m WHERE g = ''
            UNION ALL
            SELECT id, date, e, t, x, q FROM (
                SELECT *, ROW_NUMBER() OVER (PARTITION BY g ORDER BY t DESC, id) AS n FROM m WHERE g <> ''
            ) AS grouped WHERE n <= {GROUP_CAP}
        )
        SELECT shown.id, counted.n
        FROM (SELECT COUNT(*) AS n FROM (SELECT 1 FROM capped LIMIT %s) AS c) AS counted
        LEFT JOIN (SELECT * FROM capped ORDER BY {order} LIMIT %s OFFSET %s) AS shown ON 1 = 1
        ORDER BY shown.e DESC, shown.t DESC, shown.x DESC, shown.q DESC, shown.date DESC NULLS LAST, shown.id DESC
    """  # noqa: S608
    return sql, [*ranks[1], *base[1], cap + 1, limit, offset]


def _fts5_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts5_concept(concept: Concept) -> str:
    alternatives = []
    for alternative in concept.alternatives:
        slots = ["(" + " OR ".join(_fts5_phrase(form) for form in slot) + ")" for slot in alternative.slots]
        alternatives.append("(" + " AND ".join(slots) + ")")
    return "(" + " OR ".join(alternatives) + ")"


def _all_terms(plan: Plan) -> list[str]:
    return list(dict.fromkeys(term for concept in plan.required for alt in concept.alternatives for term in alt.terms))


def _sqlite(query: Query, restricted, offset, limit, cap):
    plan: Plan = query.plan
    if plan.titles_only:
        source, match = f"{TABLE} d", (_find("d.title_terms"), [plan.titles_only])
        return _ranked(source, match, query, restricted, offset, limit, cap)
    joiner = " AND " if query.operator == "and" else " OR "
    concepts = joiner.join(_fts5_concept(concept) for concept in plan.required)
    # One word must be the row's own (its title, text or title pinyin), not only its context.
    own_words = "{title_terms body_terms pinyin_terms} : (" + " OR ".join(map(_fts5_phrase, _all_terms(plan))) + ")"
    expression = f"({concepts}) AND {own_words}"
    # CROSS JOIN fixes the join order in SQLite: the FTS match first, then its rows. Left to itself the
    # planner may scan the documents and run the match once per row (seconds at 10,000 notices).
    source = f"{FTS} CROSS JOIN {TABLE} d ON d.id = {FTS}.rowid"
    return _ranked(source, (f"{FTS} MATCH %s", [expression]), query, restricted, offset, limit, cap)


def _tsquery_concept(concept: Concept) -> tuple[str, list]:
    alternatives, params = [], []
    for alternative in concept.alternatives:
        slots = []
        for slot in alternative.slots:
            slots.append("(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(slot)) + ")")
            params += list(slot)
        alternatives.append("(" + " && ".join(slots) + ")")
    return "(" + " || ".join(alternatives) + ")", params


def _postgres(query: Query, restricted, offset, limit, cap):
    plan: Plan = query.plan
    if plan.titles_only:
        source, match = f"{TABLE} d", (_find("d.title_terms"), [plan.titles_only])
        return _ranked(source, match, query, restricted, offset, limit, cap)
    joiner = " && " if query.operator == "and" else " || "
    parts = [_tsquery_concept(concept) for concept in plan.required]
    concepts = "(" + joiner.join(sql for sql, _params in parts) + ")"
    concept_params = [param for _sql, params in parts for param in params]
    terms = _all_terms(plan)
    some = "(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(terms)) + ")"
    # Title words weigh A, text B, an article's page title C, title pinyin D: one word must be the row's own.
    # Only a row with a context can match on it alone; ts_filter() copies the vector, which for a word in all
    # 10,000 notices cost as much as the rest of the query, so it runs for those rows only.
    own_words = "(d.context_terms = '' OR ts_filter(d.vector, '{a,b,d}') @@ " + some + ")"
    match = (f"d.vector @@ {concepts} AND {own_words}", [*concept_params, *terms])
    return _ranked(f"{TABLE} d", match, query, restricted, offset, limit, cap)


def search_ids(
    query: Query, restricted: list[str], offset: int, limit: int, cap: int = COUNT_CAP
) -> tuple[list[int], int]:
    """The ids of the rows on the asked page of results, best first, and how many rows match in all, or
    `cap` + 1 when more than `cap` do."""
    if connection.vendor == "postgresql":
        return _postgres(query, restricted, offset, limit, cap)
    return _sqlite(query, restricted, offset, limit, cap)
