"""Gates for views that need a verified resident (voting, supporting, commenting …).

    @require_verified_resident(village_from=lambda request, **kw: get_object_or_404(Village, code=kw["code"]))
    def vote(request, code): ...

A visitor who is not signed in is sent to sign in; a signed-in user who is not a verified resident of the
village gets a 403 page that says why and how to get verified.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from .rules import is_verified_resident_of


def standing(user, village=None) -> tuple[str, object]:
    """Why this user cannot take part in the village, and their resident record: ("anonymous" | "no_resident" |
    "other_village" | "rejected" | "waiting" | "verified", resident or None). Shared by the refusal page and the
    notes at the top of pages where residents take part, so both say the same thing."""
    if not user.is_authenticated:
        return "anonymous", None
    resident = getattr(user, "resident", None)
    if resident is None or resident.is_deleted:
        return "no_resident", None
    if village is not None and resident.village_id != village.pk:
        return "other_village", resident
    if resident.verification == resident.Verification.REJECTED:
        return "rejected", resident
    if not resident.is_verified:
        return "waiting", resident
    return "verified", resident


def not_verified_response(request, village=None, status: int = 403):
    reason, resident = standing(request.user, village)
    if reason in ("anonymous", "verified"):
        reason = "no_resident" if resident is None else "waiting"
    return TemplateResponse(
        request,
        "residents/not_verified.html",
        {"village": village, "resident": resident, "reason": reason},
        status=status,
    )


def require_verified_resident(village_from=None):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            village = village_from(request, *args, **kwargs) if village_from else None
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_verified_resident_of(request.user, village):
                return not_verified_response(request, village)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class VerifiedResidentRequiredMixin:
    """Class-based views: set get_village() to scope the check to one village."""

    def get_village(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        village = self.get_village()
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_verified_resident_of(request.user, village):
            return not_verified_response(request, village)
        return super().dispatch(request, *args, **kwargs)
