"""The audit report: who did what, in which village, when. A committee member sees their own villages only."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.dateparse import parse_date
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from portal.admin_lists import page_size
from residents.rules import committee_villages

from .log import ACTIONS, OTHER_APP_PREFIXES, describe_details

FIELDS = ("pk", "timestamp", "action", "label", "user_id", "data")


def _audit_actions() -> Q:
    query = Q(action__in=list(ACTIONS))
    for prefix in OTHER_APP_PREFIXES:
        query |= Q(action__startswith=prefix)
    return query


def _filtered(model, villages: list[int], params: dict, all_villages: bool):
    entries = model.objects.filter(_audit_actions()).order_by()  # no ordering inside a UNION's parts
    if not all_villages or params["village"]:
        entries = entries.filter(data__village_id__in=villages)
    if params["action"]:
        entries = entries.filter(action=params["action"])
    if params["user"]:
        entries = entries.filter(user__username__icontains=params["user"])
    if params["since"]:
        entries = entries.filter(timestamp__date__gte=params["since"])
    if params["until"]:
        entries = entries.filter(timestamp__date__lte=params["until"])
    return entries.values(*FIELDS)


def _params(request, allowed_villages: dict) -> dict:
    village = request.GET.get("village", "")
    action = request.GET.get("action", "")
    known_action = action in ACTIONS or action.startswith(OTHER_APP_PREFIXES)
    return {
        "village": village if village in allowed_villages else "",
        "action": action if known_action else "",
        "user": request.GET.get("user", "").strip()[:150],
        "since": _date(request.GET.get("since")),
        "until": _date(request.GET.get("until")),
    }


def _date(value: str | None) -> datetime.date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _registered_label(action: str) -> str:
    # action_exists() makes Wagtail collect the apps' register_log_actions hooks; get_action_label() alone
    # does not, and was a KeyError (a 500) when the report was the first page a fresh process served.
    return log_registry.get_action_label(action) if log_registry.action_exists(action) else action


def audit_report(request):
    """Model and page log entries of the audit actions, newest first, filtered and paginated in the database."""
    villages = {str(v.pk): v for v in committee_villages(request.user).order_by("name")}
    if not villages:
        raise PermissionDenied
    params = _params(request, villages)
    ids = [int(params["village"])] if params["village"] else [int(pk) for pk in villages]
    all_villages = request.user.is_superuser
    entries = _filtered(ModelLogEntry, ids, params, all_villages).union(
        _filtered(PageLogEntry, ids, params, all_villages), all=True
    )
    page = Paginator(entries.order_by("-timestamp", "-pk"), page_size()).get_page(request.GET.get("p"))
    rows = list(page.object_list)
    users = get_user_model().objects.in_bulk({row["user_id"] for row in rows if row["user_id"]})
    for row in rows:
        row["user"] = users.get(row["user_id"])
        row["village"] = villages.get(str((row["data"] or {}).get("village_id")))
        row["action_label"] = ACTIONS.get(row["action"]) or _registered_label(row["action"])
        row["details"] = describe_details(row["data"])
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "audit/admin/report.html",
        {
            "rows": rows,
            "page_obj": page,
            "villages": list(villages.values()),
            "actions": ACTIONS,
            "params": params,
            "query": query.urlencode(),
        },
    )
