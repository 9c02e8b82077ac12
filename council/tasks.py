"""Background work: tell a resident what became of their proposal (immediate backend by default).

The resident hears it in the portal's inbox, with a link to their proposal on the council page, and by e-mail
(or text message, if they have no e-mail address): each step, not only by e-mail as before (issue 20).
"""

from django.utils.translation import gettext_noop
from django_tasks import task

from notifications.mail import send_one

PROPOSAL_MESSAGES = {
    "received": gettext_noop("Your proposal “%(title)s” was received. The council will put it on an agenda or reply."),
    "accepted": gettext_noop("Your proposal “%(title)s” is on the agenda of “%(meeting)s” on %(date)s."),
    "declined": gettext_noop("Your proposal “%(title)s” was declined. Reason: %(reason)s"),
    "decided": gettext_noop("The meeting has voted on your proposal “%(title)s”: see the result on the council page."),
    "implemented": gettext_noop("Your proposal “%(title)s” has been carried out."),
}


@task()
def mail_resident(to: str, subject: str, body: str) -> None:
    send_one(subject, body, to)


@task()
def tell_proposer(proposal_id: int, step: str, params: dict) -> int:
    from notifications import services as notifications

    from .models import CouncilProposal
    from .services import council_page_of

    proposal = CouncilProposal.objects.select_related("submitted_by", "village").get(pk=proposal_id)
    resident = proposal.submitted_by
    if resident is None or resident.user_id is None or resident.is_deleted:
        return 0
    page = council_page_of(proposal.village)
    url = f"{page.url}#my-proposals" if page is not None else ""
    rows = notifications.notify(
        [resident.user_id], PROPOSAL_MESSAGES[step], {"title": proposal.title, **params}, url, sms=True
    )
    return len(rows)


DEMAND_MET = gettext_noop(
    "The demand “%(title)s” has %(count)d signatures and reached its threshold (%(needed)d): the committee must "
    "call the meeting (VCOL art. %(article)s)."
)


@task()
def tell_committee_demand_met(demand_id: int) -> int:
    """The village committee hears that villagers or representatives have forced a meeting."""
    from django.contrib.auth import get_user_model

    from notifications import services as notifications

    from .demand_views import demand_url
    from .models import MeetingDemand

    demand = MeetingDemand.objects.select_related("village").get(pk=demand_id)
    committee = demand.village.committee_group_id
    users = get_user_model().objects.filter(groups=committee, is_active=True) if committee else []
    params = {
        "title": demand.title,
        "count": demand.count(),
        "needed": demand.threshold or 0,
        "article": "26" if demand.kind == "reps_meeting" else "21",
    }
    rows = notifications.notify([user.pk for user in users], DEMAND_MET, params, demand_url(demand), sms=True)
    return len(rows)


AUDIT_DEMAND_MET = gettext_noop(
    "The villagers of %(village)s demand an audit of “%(title)s”: %(count)d signatures, one fifth or more of the "
    "adult villagers (%(needed)d needed). The township or the county organises the audit (VCOL art. 35)."
)


@task()
def tell_township_audit_demand_met(demand_id: int) -> int:
    """VCOL art. 35: the township (its supervision group) and the county hear that villagers demand an audit; the
    village committee is told too, since it must give the auditors the accounts."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from grid.rules import supervision_group_name
    from notifications import services as notifications

    from .demand_views import demand_url
    from .models import MeetingDemand

    demand = MeetingDemand.objects.select_related("village").get(pk=demand_id)
    village = demand.village
    who = Q(groups__name=supervision_group_name(village.township)) | Q(is_superuser=True)
    if village.committee_group_id:
        who |= Q(groups=village.committee_group_id)
    users = set(get_user_model().objects.filter(who, is_active=True).values_list("pk", flat=True))
    params = {"village": village.name, "title": demand.title, "count": demand.count(), "needed": demand.threshold or 0}
    rows = notifications.notify(sorted(users), AUDIT_DEMAND_MET, params, demand_url(demand), sms=True)
    return len(rows)
