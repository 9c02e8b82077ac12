"""A notice on the 公开栏: the full text and attachments' titles, posted from its date until its posted_until."""

from typing import Any

from home.printing import PostingPeriod, posting_period


def notice_sheet(page: Any, request: Any) -> tuple[dict[str, Any], PostingPeriod]:
    attachments = list(page.attachments.select_related("document"))
    return {"notice": page, "attachments": attachments}, posting_period(page.date, page.posted_until)
