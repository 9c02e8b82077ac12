"""Admin: notice categories, the disclosure calendar (menu and dashboard) and residents' questions."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.admin_lists import page_size

from . import views
from .calendar import calendar_rows, overdue_villages, village_queryset
from .models import NoticeCategory


class NoticeCategoryViewSet(SnippetViewSet):
    model = NoticeCategory
    icon = "tag"
    menu_label = _("Notice categories")
    add_to_settings_menu = True
    list_display = ["name", "slug", "is_financial", "review_workflow", "sort_order"]


register_snippet(NoticeCategoryViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("notices/calendar/", views.calendar, name="notices_calendar"),
        path("notices/questions/", views.questions, name="notices_questions"),
        path("notices/questions/<int:pk>/", views.answer, name="notices_answer"),
    ]


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("notices.view_calendar")


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return CalendarMenuItem(_("Disclosure calendar"), reverse("notices_calendar"), icon_name="date", order=210)


@hooks.register("register_admin_menu_item")
def register_questions_menu_item():
    return CalendarMenuItem(_("Residents' questions"), reverse("notices_questions"), icon_name="help", order=211)


class DisclosurePanel(Component):
    name = "notices_disclosure"
    template_name = "notices/admin/dashboard_panel.html"
    order = 90

    def __init__(self, villages):
        self.villages = villages

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        # The database finds the overdue villages; the dashboard names one page of them (with their rows
        # computed for that page only) and links the calendar, which lists every village, paged.
        overdue = overdue_villages(self.villages, today)
        shown = list(overdue[: page_size()])
        context["overdue_count"] = overdue.count()
        context["overdue_rows"] = calendar_rows(shown, today) if shown else []
        return context


@hooks.register("construct_homepage_panels")
def add_disclosure_panel(request, panels):
    if not request.user.has_perm("notices.view_calendar"):
        return
    villages = village_queryset(request.user)
    if villages.exists():
        panels.append(DisclosurePanel(villages))
