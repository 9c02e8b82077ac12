"""The site search page: one plain GET form, filters by village, type and year, paginated."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from home import lookups
from home.models import Village
from search.engine import Results, run
from search.registry import Query, search_type_choices
from search.village_filter import Choices, village_filter, village_options

MAX_QUERY = 100
PER_PAGE = 10
SUGGESTIONS = ["村规民约", "村务公开", "财务公开", "宅基地", "法律援助", "12348"]


class _Found:
    """What Django's paginator needs from the results: their number and the page the engine fetched."""

    def __init__(self, results: Results) -> None:
        self.results = results

    def count(self) -> int:
        return self.results.total

    def __len__(self) -> int:
        return self.results.total

    def __getitem__(self, window: slice) -> list:
        if window.start != self.results.offset:
            raise IndexError("only the page the engine fetched is here")
        return self.results.hits


def _page_number(value: str | None) -> int:
    # Like Paginator.get_page: anything but a positive number means the first page.
    return int(value) if value and value.isascii() and value.isdigit() and int(value) > 0 else 1


def parse_filters(params, villages: Choices, kinds: list[str]) -> tuple[dict, list[str]]:
    """The chosen filters and a message for each value that was not understood (and is then ignored)."""
    chosen: dict = {"village": None, "type": "", "year": None}
    ignored: list[str] = []
    code = params.get("village", "")
    if code:
        found = villages.get(code)
        # The search reads only the code; the name and township are what the page shows.
        chosen["village"] = Village(code=code, township=found[0], name=found[1]) if found else None
        if chosen["village"] is None:
            message = _("There is no village “%(value)s” in this county, so all villages are searched.")
            ignored.append(message % {"value": code[:40]})
    kind = params.get("type", "")
    if kind:
        if kind in kinds:
            chosen["type"] = kind
        else:
            ignored.append(_("“%(value)s” is not a kind of page, so all kinds are searched.") % {"value": kind[:40]})
    year = params.get("year", "")
    if year:
        if year.isascii() and year.isdigit() and 1949 < int(year) < 2200:
            chosen["year"] = int(year)
        else:
            ignored.append(_("“%(value)s” is not a year, so all years are searched.") % {"value": year[:40]})
    return chosen, ignored


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    text = " ".join(request.GET.get("q", "").split())
    ignored = []
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY]
        ignored.append(_("The search was cut to its first %(count)s characters.") % {"count": MAX_QUERY})
    villages, options = village_filter()
    kinds = search_type_choices()
    chosen, more = parse_filters(request.GET, villages, [key for key, _label in kinds])
    ignored += more
    locale = lookups.active_locale()
    lookups.site_for_request(request)  # the hits' links need the site: from the cache, not a query
    found = Results()
    query = None
    if text:
        query = Query(
            text=text,
            terms=[],
            operator="and",
            locale=locale,
            village=chosen["village"],
            year=chosen["year"],
            kinds=[chosen["type"]] if chosen["type"] else [],
            request=request,
        )
        number = min(_page_number(request.GET.get("page")), 10_000)
        found = run(query, offset=(number - 1) * PER_PAGE, limit=PER_PAGE)
    results = Paginator(_Found(found), PER_PAGE).page(found.offset // PER_PAGE + 1)
    filters = {
        "q": text,
        "village": chosen["village"].code if chosen["village"] else "",
        "type": chosen["type"],
        "year": chosen["year"] or "",
    }
    context = {
        "query": text,
        "results": results,
        "village_options": village_options(options, filters["village"]),
        "kinds": kinds,
        "chosen": chosen,
        "ignored": ignored,
        "filter_query": urlencode({k: v for k, v in filters.items() if v}),
        "suggestions": SUGGESTIONS,
        "any_word": query is not None and query.operator == "or" and not found.titles_only,
        "more": found.more,
        "titles_only": found.titles_only,
        "did_you_mean": [
            (word, urlencode({k: v for k, v in {**filters, "q": word}.items() if v})) for word in found.suggestions
        ],
    }
    return render(request, "search/search.html", context)
