"""我的通知: the signed-in user's notifications, newest first, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from home.ids import as_id

from . import services
from .models import Notification


@login_required
def inbox(request):
    rows = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "unread": services.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request):
    """Mark one (``id``) or all notifications read; with ``next``, go on to what the notification is about."""
    raw = request.POST.get("id", "")
    number = as_id(raw)
    if number or not raw:  # no id: all; a garbage id (or one past 2**63 - 1, a 500 before): none
        services.mark_read(request.user, number)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        # Not redirect(): it reads a string without "/" or "." as a view name (NoReverseMatch, a 500).
        return HttpResponseRedirect(target)
    return redirect("notifications:inbox")
