from django import template
from django.utils import timezone
from wagtail.models import Page

from home import treecache
from home.models.visibility import without_restricted
from home.scopes import scope_of_url_path
from notices.models import NoticePage

register = template.Library()

# Root (1) → portal home (2) → village (3): every page of a village shares its first three path steps.
VILLAGE_DEPTH = 3


@register.simple_tag
def urgent_notices(page: Page | None) -> list[NoticePage]:
    """The village's urgent notices still posted, for any page inside a village: one query, or none while the
    village's pages and the date stay the same (home/treecache.py, scoped to the page's village)."""
    if page is None or getattr(page, "depth", 0) < VILLAGE_DEPTH:
        return []
    prefix = page.path[: Page.steplen * VILLAGE_DEPTH]
    today = timezone.localdate()
    return treecache.remember(
        "urgent-notices",
        (prefix, today.isoformat()),
        lambda: list(
            without_restricted(NoticePage.objects.live())
            .filter(path__startswith=prefix, urgent=True, posted_until__gte=today)
            .order_by("-date", "-pk")
            .only("title", "url_path", "path", "depth", "date", "locale_id")[:3]
        ),
        scope=scope_of_url_path(page.url_path),
    )
