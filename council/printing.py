"""A council meeting's short link and its sheet for the 公开栏 (home.shortlinks, home.printing).

A meeting is no page: its short link is a kind of its own (MEETING_KIND) and opens the meeting on the village's
council page in the visitor's language. A meeting is as public as that council page: when the page is a draft or
restricted, the link opens nothing.
"""

from typing import Any

from home.printing import PostingPeriod, posting_period
from home.shortlinks import Target, page_in_language

MEETING_KIND = 1


def resolve_meeting(pk: int, language_code: str) -> Target | None:
    from home.models import VillagePage

    from .models import CouncilPage, Meeting

    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None:
        return None
    villages = VillagePage.objects.filter(village_id=meeting.village_id).order_by("pk")
    council = None
    for village_page in villages:
        council = CouncilPage.objects.child_of(village_page).order_by("pk").first()
        if council is not None:
            break
    council = page_in_language(council, language_code) if council is not None else None
    if council is None:
        return None
    url = council.url + council.reverse_subpage("meeting", args=[meeting.pk])
    return Target(obj=meeting, url=url, title=meeting.title, page=council)


def meeting_sheet(meeting: Any, request: Any) -> tuple[dict[str, Any], PostingPeriod]:
    """Posted from when the meeting was recorded until the meeting day, and never fewer than the minimum days."""
    agenda = list(meeting.agenda.all())
    return {"meeting": meeting, "agenda": agenda}, posting_period(meeting.created_at.date(), meeting.date)
