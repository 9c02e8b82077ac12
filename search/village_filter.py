"""The search form's village filter: every village of the county as <option>s, rendered once per change.

At 305 villages the template loop over the options cost about 9 ms of a search page's CPU, more than the
ranked SQL of most queries (bench/county.py). The options depend only on the villages' codes, townships and
names, so their HTML is kept in the tree cache (home/treecache.py) under the portal home's scope, which a
Village saved or deleted retires (home/treeinvalidation.py). With the cache off it is built on every view.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from home import scopes, treecache
from home.models import Village

Choices = dict[str, tuple[str, str]]


def _build() -> tuple[Choices, str]:
    rows = Village.objects.order_by("township", "name").values_list("code", "township", "name")
    choices = {code: (township, name) for code, township, name in rows}
    html = "".join(
        f'<option value="{escape(code)}">{escape(township)} {escape(name)}</option>'
        for code, (township, name) in choices.items()
    )
    return choices, html


def village_filter() -> tuple[Choices, str]:
    """code → (township, name) of every village in the order the filter lists them, and their <option>s."""
    return treecache.remember("search-villages", (), _build, scope=scopes.HOME)


def village_options(html: str, chosen_code: str) -> SafeString:
    """The <option>s of village_filter(), the chosen one selected."""
    if chosen_code:
        mine = f'<option value="{escape(chosen_code)}">'
        html = html.replace(mine, mine[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308  (every value escaped in _build)
