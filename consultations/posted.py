"""What a ballot, support or comment POST names, read in one query in the usual case (docs/voting.md, issue 25).

The busiest writes of the portal each start by reading the consultation page, the question or proposal posted to,
the options and the page's village. Where the question or proposal hangs off the page posted to (the record page:
always in zh-hans), one query reads them all: the page by a join, the options as the rows, the village's id by a
subquery on the page's grandparent (a consultation sits under its village's consultation index). Anything else
(another tree's copy, a page of an unusual shape, a name that does not exist) takes the general path, which
answers exactly as before: these functions never decide what is found, only how many queries finding it takes.
Each query is compiled into SQL once per thread (portal.prepared): the compiling was half of these reads' CPU.
"""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Substr

from home.models import ArticlePage, Village, VillagePage
from portal.prepared import Prepared

from .models import ConsultationPage, Option, Proposal, Question

VILLAGE_PK = "village_pk_in_hand"


def _village_pk(page_field: str) -> Subquery:
    """The id of the village whose village page is the grandparent of the page this outer field names, or NULL.

    An equality on the page's path (unique, indexed): no scan of the villages' pages."""
    prefix = f"{page_field}__" if page_field else ""
    steplen = ArticlePage.steplen
    grandparent = Substr(OuterRef(f"{prefix}path"), 1, (OuterRef(f"{prefix}depth") - 2) * steplen)
    return Subquery(VillagePage.objects.filter(path=grandparent).values("village_id")[:1])


def _give_village(page: ConsultationPage, village_pk: int | None) -> ConsultationPage:
    """Hand the page its village from the subquery's id: an instance with only its id loaded (every permission
    compares ids; another field, if one is ever read, loads on access). Without an id the page keeps its own
    lookup (ConsultationPage.village)."""
    if village_pk is not None:
        page.__dict__["village"] = Village.from_db(page._state.db, ["id"], [village_pk])
    return page


def full_village(page: ConsultationPage) -> Village | None:
    """The page's village with every field loaded, for a refusal page that names it (the path's last step)."""
    village = page.village
    if village is not None and village.get_deferred_fields():
        village = Village.objects.filter(pk=village.pk).first()
    return village


_BALLOT = Prepared(
    lambda page_id, question_id: (
        Option.objects.filter(question_id=question_id, question__page_id=page_id, question__page__live=True)
        .select_related("question__page")
        .annotate(**{VILLAGE_PK: _village_pk("question__page")})
        .order_by("sort_order", "pk")
    ),
    related_once=True,  # one question and page for all its options
)
_PROPOSAL = Prepared(
    lambda page_id, proposal_id: (
        Proposal.objects.filter(pk=proposal_id, page_id=page_id, page__live=True)
        .select_related("page")
        .annotate(**{VILLAGE_PK: _village_pk("page")})
        .order_by("pk")[:1]
    )
)
_PAGE = Prepared(
    lambda page_id: (
        ConsultationPage.objects.live().filter(pk=page_id).annotate(**{VILLAGE_PK: _village_pk("")}).order_by("pk")[:1]
    )
)


def ballot_target(page_id: int, question_id: int) -> tuple[ConsultationPage, Question, list[Option]] | None:
    """The live page, its question and the question's options in order, in one query; None when the question is
    not one of this page's own (another tree's copy) or has no options yet: the caller looks it up as before."""
    rows = _BALLOT(page_id=page_id, question_id=question_id)
    if not rows:
        return None
    question = rows[0].question
    page = _give_village(question.page, getattr(rows[0], VILLAGE_PK))
    for option in rows:
        option.question = question  # one question object for all rows
    return page, question, rows


def proposal_target(page_id: int, proposal_id: int) -> tuple[ConsultationPage, Proposal] | None:
    """The live page and its proposal in one query; None when the proposal is not this page's (the caller looks
    them up as before, with the 404 for a page that is not live)."""
    found = _PROPOSAL(page_id=page_id, proposal_id=proposal_id)
    if not found:
        return None
    proposal = found[0]
    return _give_village(proposal.page, getattr(proposal, VILLAGE_PK)), proposal


def live_page(page_id: int) -> ConsultationPage | None:
    """The live consultation page with its village's id, in one query, or None."""
    found = _PAGE(page_id=page_id)
    return _give_village(found[0], getattr(found[0], VILLAGE_PK)) if found else None
