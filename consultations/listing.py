"""What the consultation page lists: one page of proposals and the discussion around them, in fixed queries.

A consultation can gather hundreds of proposals; the page shows PROPOSALS_PER_PAGE of them (``?page=``, the sort
order kept in the links) with their comment threads and follow-up, and the consultation's own comments and
follow-up. Comments and follow-up are read in one query each for the whole page and sorted out here.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, Subquery, prefetch_related_objects
from django.utils.translation import ngettext
from wagtail.images import get_image_model

from residents.models import Resident

from .models import Comment, ConsultationPage, FollowUp, Proposal

PROPOSALS_PER_PAGE = 20
PHOTO_RENDITION = "max-640x480"
PROPOSAL_ORDERS = {
    "supports": ("-support_count", "-pk"),
    "newest": ("-created_at", "-pk"),
    "discussed": ("-comment_count", "-pk"),
}


@dataclass(frozen=True)
class ProposalPage:
    proposals: list[Proposal]
    number: int
    last: int
    total: int

    @property
    def has_other_pages(self) -> bool:
        return self.last > 1

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.last else None

    @property
    def links(self) -> list[int | None]:
        return page_links(self.number, self.last)


def page_number(raw: str | None) -> int:
    """The requested page; anything that is not a positive number asks for the first."""
    if raw is None or not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return 1
    return max(1, int(raw))


def page_links(current: int, last: int) -> list[int | None]:
    """GOV.UK-style page numbers: the first, the last and the current one with its neighbours; None is a gap."""
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    links: list[int | None] = []
    for number in shown:
        if links and number - links[-1] > 1:  # type: ignore[operator]  (the last item is a number here)
            links.append(None)
        links.append(number)
    return links


def _listed(page: ConsultationPage):
    return Proposal.objects.filter(page=page).exclude(status=Proposal.Status.WITHDRAWN)


def _rows(page: ConsultationPage, order: str, start: int) -> list[Proposal]:
    """One page of proposals with their authors, and the number listed in all, in one query.

    The page is picked in a subquery from the proposals alone and only its rows are joined to their authors: a
    window count over the joined rows made the database join every proposal (500 of them, 2 ms) to sort out 20.
    The count is a subquery too, computed once.
    """
    ordering = PROPOSAL_ORDERS[order]
    picked = _listed(page).order_by(*ordering).values("pk")[start : start + PROPOSALS_PER_PAGE]
    count = _listed(page).order_by().values("page").annotate(n=Count("pk")).values("n")
    # The card shows the author's public name and the date a proposal went to the council: a resident row has
    # some twenty columns (phone and real name among them) that a public page neither needs nor should hold.
    shown = [field.attname for field in Proposal._meta.concrete_fields]
    return list(
        Proposal.objects.filter(pk__in=picked)
        .select_related("author", "council_proposal")
        .only(*shown, *_author_fields("author"), "council_proposal__submitted_at")
        .annotate(listed=Subquery(count))
        .order_by(*ordering)
    )


def _author_fields(relation: str) -> list[str]:
    return [f"{relation}__{name}" for name in Resident.PUBLIC_NAME_FIELDS]


def _with_photos(proposals: list[Proposal]) -> list[Proposal]:
    """The photos and their renditions in one query, and none when no proposal listed has a photo (most pages):
    Django's prefetch walks every row even when there is nothing to fetch."""
    if any(proposal.photo_id for proposal in proposals):
        photos = get_image_model().objects.prefetch_renditions(PHOTO_RENDITION)
        prefetch_related_objects(proposals, Prefetch("photo", queryset=photos))
    return proposals


def proposal_page(page: ConsultationPage, order: str, requested: str | None) -> ProposalPage:
    """One page of proposals in `order`; a page past the last shows the last. The total comes with the rows, so
    that only a page past the end costs a second query."""
    number = page_number(requested)
    rows = _rows(page, order, (number - 1) * PROPOSALS_PER_PAGE)
    total = rows[0].listed if rows else _listed(page).count()
    last = max(1, -(-total // PROPOSALS_PER_PAGE))
    if number > last:
        number = last
        rows = _rows(page, order, (number - 1) * PROPOSALS_PER_PAGE)
    for proposal in rows:
        # The count in words, as the card shows it: a blocktranslate per card cost more than the rest of the line.
        count = proposal.support_count
        proposal.support_label = ngettext("%(n)s support", "%(n)s supports", count) % {"n": count}
    return ProposalPage(proposals=_with_photos(rows), number=number, last=last, total=total)


def attach_discussion(page: ConsultationPage, proposals: list[Proposal]) -> tuple[list[Comment], list[FollowUp]]:
    """Give each proposal its comment threads (`threads`) and follow-up (`updates`), each thread its replies
    (`shown_replies`); return the consultation's own threads and follow-up. Two queries in all."""
    ids = [proposal.pk for proposal in proposals]
    comments = list(
        Comment.objects.filter(page=page)
        .filter(Q(proposal__isnull=True) | Q(proposal__in=ids) | Q(parent__proposal__in=ids))
        .select_related("author")
        .only(*[field.attname for field in Comment._meta.concrete_fields], *_author_fields("author"))
        .order_by("created_at", "pk")
    )
    threads = [comment for comment in comments if comment.parent_id is None]
    replies: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        if comment.parent_id is not None:
            replies[comment.parent_id].append(comment)
    by_proposal: dict[int | None, list[Comment]] = defaultdict(list)
    for thread in threads:
        thread.shown_replies = replies[thread.pk]
        by_proposal[thread.proposal_id].append(thread)
    updates: dict[int | None, list[FollowUp]] = defaultdict(list)
    for update in FollowUp.objects.filter(page=page).filter(Q(proposal__isnull=True) | Q(proposal__in=ids)):
        updates[update.proposal_id].append(update)
    for proposal in proposals:
        proposal.threads = by_proposal[proposal.pk]
        proposal.updates = updates[proposal.pk]
    return by_proposal[None], updates[None]
