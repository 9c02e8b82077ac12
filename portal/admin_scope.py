"""Wagtail admin views that show one record check that record against the viewset's permission policy.

Wagtail's generic views check permissions per *model* for history, usage and inspect (and copy and delete check
the instance only on some paths), so a committee allowed to see meetings at all could read another village's
meeting history at ``/admin/council/meetings/history/10/``. A viewset built on ``ScopedModelViewSet`` gives every
one of its per-record views (edit, delete, copy, history and its results, usage, inspect) the same rule: a record
the user has no permission for is a 404, whatever its id, exactly as if it did not exist.
"""

from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

SCOPED_ACTIONS = ["change", "view", "delete"]


class ScopedObjectMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        policy = getattr(self, "permission_policy", None)
        instance = getattr(obj, "_meta", None) and obj
        if policy is None or instance is None:
            raise Http404  # no policy to ask: refuse rather than show
        if not policy.user_has_any_permission_for_instance(self.request.user, SCOPED_ACTIONS, instance):
            raise Http404
        return obj


def scoped(view_class: type) -> type:
    """``view_class`` with its record checked against the permission policy (see the module's docstring)."""
    return type(f"Scoped{view_class.__name__}", (ScopedObjectMixin, view_class), {})


class ScopedModelViewSet(ModelViewSet):
    edit_view_class = scoped(generic.EditView)
    delete_view_class = scoped(generic.DeleteView)
    copy_view_class = scoped(generic.CopyView)
    history_view_class = scoped(history.HistoryView)
    usage_view_class = scoped(usage.UsageView)
    inspect_view_class = scoped(generic.InspectView)

    # The per-record views a scoped viewset must cover; tests/admin_scope checks each one is scoped.
    SCOPED_VIEWS = ("edit", "delete", "copy", "history", "history_results", "usage", "inspect")
