"""The site search page: one plain GET form, filters by village, type and year, paginated."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from home.models import Village, VillagePage
from search.engine import add_snippets, run
from search.registry import Query, search_type_choices

MAX_QUERY = 100
PER_PAGE = 10
SUGGESTIONS = ["村规民约", "村务公开", "财务公开", "宅基地", "法律援助", "12348"]


def parse_filters(params, villages: list[Village], kinds: list[str]) -> tuple[dict, list[str]]:
    """The chosen filters and a message for each value that was not understood (and is then ignored)."""
    chosen: dict = {"village": None, "type": "", "year": None}
    ignored: list[str] = []
    code = params.get("village", "")
    if code:
        chosen["village"] = next((v for v in villages if v.code == code), None)
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
        if year.isdigit() and 1949 < int(year) < 2200:
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
    villages = list(Village.objects.order_by("township", "name"))
    kinds = search_type_choices()
    chosen, more = parse_filters(request.GET, villages, [key for key, _label in kinds])
    ignored += more
    locale = Locale.get_active()
    hits: list = []
    query = None
    if text:
        village_page = None
        if chosen["village"] is not None:
            village_page = VillagePage.objects.filter(village=chosen["village"], locale=locale).first()
        query = Query(
            text=text,
            terms=[],
            operator="and",
            locale=locale,
            village=chosen["village"],
            village_page=village_page,
            year=chosen["year"],
            request=request,
        )
        hits = run(query, [chosen["type"]] if chosen["type"] else None)
    paginator = Paginator(hits, PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    if query is not None:
        add_snippets(list(results), query.terms)
    filters = {
        "q": text,
        "village": chosen["village"].code if chosen["village"] else "",
        "type": chosen["type"],
        "year": chosen["year"] or "",
    }
    context = {
        "query": text,
        "results": results,
        "villages": villages,
        "kinds": kinds,
        "chosen": chosen,
        "ignored": ignored,
        "filter_query": urlencode({k: v for k, v in filters.items() if v}),
        "suggestions": SUGGESTIONS,
        "any_word": query is not None and query.operator == "or",
    }
    return render(request, "search/search.html", context)
