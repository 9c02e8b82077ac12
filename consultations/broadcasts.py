"""A consultation is broadcast to its audience when it opens for comments, when voting opens and when the results
are published: the phases residents must not miss.

Phases follow from dates, so there is no moment at which one "opens" in a request: the periodic job
(consultations.tasks.announce_phases) records a PhaseNotice once per consultation and phase, and this receiver
hears that row being created. The event key is the consultation and phase, so each is broadcast once.
"""

from django.utils import timezone
from django.utils.translation import gettext_noop

from .phases import ACTION_PHASES, PHASES

PHASE_MESSAGES = {
    "comments": gettext_noop("%(village)s consultation “%(title)s” is open for your comments."),
    "voting": gettext_noop("%(village)s consultation “%(title)s”: voting has opened."),
    "results": gettext_noop("%(village)s consultation “%(title)s”: the results are published."),
}


def broadcast_moment(openings: dict, phase: str) -> str | None:
    """Which announcement opening `phase` makes: "comments" for the first phase that takes comments (the
    consultation opens), "voting", "results", or None (a later comment phase is news to followers only)."""
    if phase in ("voting", "results"):
        return phase
    first = next((name for name in PHASES if openings.get(name) is not None), None)
    return "comments" if phase == first and phase in ACTION_PHASES["comment"] else None


def announce_phase(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    from home.shortlinks import code_for
    from notifications import broadcasts
    from notifications.models import Broadcast

    from .tasks import ANNOUNCE_WITHIN

    page = instance.page
    code = code_for(page)
    openings = page.phase_openings()
    moment = broadcast_moment(openings, instance.phase)
    opened = openings.get(instance.phase)
    village = page.village
    if moment is None or village is None or opened is None or timezone.now() - opened > ANNOUNCE_WITHIN:
        return  # nothing to broadcast, or a phase that opened long ago (first run, old data)
    broadcasts.announce(
        village, Broadcast.Kind.PHASE, f"consultation:{page.pk}:{moment}", page.title, PHASE_MESSAGES[moment],
        {"village": village.name, "title": page.title}, f"/n/{code}" if code else "",
        audience=page.audience or "residents",
    )  # fmt: skip


def connect() -> None:
    from django.db.models.signals import post_save

    from .models import PhaseNotice

    post_save.connect(announce_phase, sender=PhaseNotice, dispatch_uid="consultations_phase_broadcast")
