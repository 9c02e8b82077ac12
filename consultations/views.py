"""Thin views: each reads the request, calls consultations.services, and shows the result or the refusal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.ids import as_id
from notifications import services as notifications
from portal.admin_lists import stream_csv
from portal.ratelimit import rate_limited
from residents.decorators import not_verified_response
from residents.decorators import standing as not_verified_standing

from . import listing, phases, photos, posted, services
from .models import Comment, ConsultationPage, Option, Proposal, Question, Support
from .rules import can_edit_comment, can_follow, can_manage_consultation, can_report_comment, can_take_part


def _resident(request):
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    return None if resident is None or resident.is_deleted else resident


def _questions(records: ConsultationPage) -> list[Question]:
    """The record page's questions (the counted ones), options in order, ballot boxes with them."""
    questions = list(
        Question.objects.filter(page=records).prefetch_related(
            Prefetch("options", queryset=Option.objects.order_by("sort_order", "pk"))
        )
    )
    for question in questions:
        question.page = records  # the page (and its village) is already in hand
    return questions


def _in_words_of(questions: list[Question], page: ConsultationPage) -> None:
    """Show the counted questions in the words of this page's translation (an alias has the source's words)."""
    if page.alias_of_id is not None or page.pk == getattr(questions[0].page, "pk", None):
        return
    words = dict(Question.objects.filter(page=page).values_list("translation_key", "text"))
    labels = dict(Option.objects.filter(question__page=page).values_list("translation_key", "label"))
    for question in questions:
        question.shown_text = words.get(question.translation_key) or question.text
        for option in question.options.all():
            option.translated_label = labels.get(option.translation_key)


def _with_voter(questions: list[Question], resident) -> None:
    """Each question with the resident's participation (and open ballot): 'you voted on …' instead of a form."""
    participations = services.participation_of(resident, questions)
    ballots = services.current_open_ballots(resident, questions)
    for question in questions:
        question.my_participation = participations.get(question.pk)
        question.my_ballot = ballot = ballots.get(question.pk)
        question.my_choice_ids = {choice.option_id for choice in ballot.choices.all()} if ballot else set()


def consultation_context(page: ConsultationPage, request) -> dict:
    """Everything the consultation page shows, in a number of queries that does not grow with its content.

    Whatever language tree the page is read in, what residents did is read from its record page
    (home.translations): one set of proposals, comments, ballots and results for the three trees."""
    now = timezone.now()
    records = page.records
    order = request.GET.get("order", "supports")
    if order not in listing.PROPOSAL_ORDERS:
        order = "supports"
    proposal_page = listing.proposal_page(records, order, request.GET.get("page"))
    comments, follow_ups = listing.attach_discussion(records, proposal_page.proposals)
    phase = records.phase_at(now)
    questions = _questions(records)
    if phases.allows(phase, "vote") and any(q.kind == Question.Kind.YES_NO and not q.options.all() for q in questions):
        # A yes/no question written by a script (not in the page editor) gets its three options on first use.
        for question in questions:
            services.ensure_options(question)
        questions = _questions(records)
    if questions:
        _in_words_of(questions, page)
    show_results = services.results_visible(records, now)
    user = request.user
    resident = _resident(request)
    _with_voter(questions, resident)
    may_take_part = user.is_authenticated and can_take_part(user, records)
    standing, _record = not_verified_standing(user, page.village)
    proposals = proposal_page.proposals
    return {
        "phase": phase,
        "timeline": phases.timeline(page.phase_openings(), now),
        "proposals": proposal_page.proposals,
        "proposal_page": proposal_page,
        "proposal_order": order,
        "comments": comments,
        "questions": questions,
        "results": [services.question_results(q, now=now) for q in questions] if show_results else [],
        "voting_closes": records.voting_closes(),
        "can_take_part": may_take_part,
        # What a visitor, a resident still waiting, or one outside the audience can do here, said at the top.
        "standing": "audience" if standing == "verified" and not may_take_part else standing,
        "supported": (
            set(Support.objects.filter(resident=resident, proposal__in=proposals).values_list("proposal_id", flat=True))
            if resident and may_take_part
            else set()
        ),
        "can_manage": user.is_authenticated and can_manage_consultation(user, records),
        "can_vote": phases.allows(phase, "vote"),
        "can_propose": phases.allows(phase, "submit_proposal"),
        "can_support": phases.allows(phase, "support"),
        "can_comment": phases.allows(phase, "comment"),
        "can_edit_proposals": phases.allows(phase, "edit_proposal"),
        "follow_ups": follow_ups,
        "following_page": notifications.is_following(user, records),
        "followed_proposals": notifications.followed_ids(user, Proposal),
        "comment_edit_until": now - services.COMMENT_EDIT_WINDOW,
        "resident": resident,
        # Withdrawn proposals are hidden from everyone else (page, API, search); their author sees them listed.
        "my_withdrawn_proposals": (
            Proposal.objects.filter(page=records, author=resident, status=Proposal.Status.WITHDRAWN).only(
                "pk", "title", "status"
            )
            if resident
            else ()
        ),
    }


def _page(page_id: int) -> ConsultationPage:
    if as_id(page_id) is None:
        raise Http404  # the page's pk is a one-to-one key, which Django does not guard against overflow
    return get_object_or_404(ConsultationPage.objects.live(), pk=page_id)


def _gate(request, page):
    """A refusal response for someone who may not take part, or None."""
    if not can_take_part(request.user, page):
        return not_verified_response(request, posted.full_village(page))
    return None


def _question(page: ConsultationPage, question_id: int) -> Question:
    """A question of this consultation, asked for through any language tree's copy of it."""
    if as_id(question_id) is None:
        raise Http404
    records = page.records
    question = get_object_or_404(Question.objects.filter(page__translation_key=page.translation_key), pk=question_id)
    if question.page_id in (page.pk, records.pk):
        question.page = page if question.page_id == page.pk else records  # one page object, one village lookup
    return question


def _ballot(page_id: int, question_id: int) -> tuple[ConsultationPage, Question, list[Option] | None]:
    """The page, the question and (when read with them) its options: one query for a question of the page posted
    to, the lookups of _page and _question otherwise (another tree's copy, or a 404)."""
    if as_id(page_id) is None or as_id(question_id) is None:
        raise Http404
    if found := posted.ballot_target(page_id, question_id):
        return found
    page = _page(page_id)
    return page, _question(page, question_id), None


@login_required
@require_POST
@rate_limited("ballot")
def vote(request, page_id: int, question_id: int):
    page, question, options = _ballot(page_id, question_id)
    if refusal := _gate(request, page):
        return refusal
    try:
        cast = services.cast_ballot(question, _resident(request), request.POST.getlist("option"), options=options)
    except services.ConsultationError as error:
        messages.error(request, str(error))
        return redirect(page.url + f"#question-{question.pk}")
    if cast.secret:
        # Shown once: the portal keeps no link from the voter to this receipt or this choice (DOMAIN §10).
        _in_words_of([cast.question], page)
        # The light frame (base_light.html): this page is rendered on every secret ballot, the full one was more
        # than half of its CPU; it links back to the consultation, which has the site's navigation. page.url
        # reads Wagtail's cached site root paths (no Site query, unlike get_url(request) with the lookups off).
        context = {"page": page, "cast": cast, "back_url": page.url}
        response = TemplateResponse(request, "consultations/ballot_cast.html", context)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
    messages.success(
        request,
        _("Your vote is recorded. Your receipt code is %(code)s: keep it to check the published list.")
        % {"code": cast.receipt},
    )
    return redirect(page.url + f"#question-{cast.question.pk}")


def proposal_input_error(values: dict[str, str]) -> str | None:
    """What is wrong with a typed proposal, or None. The length checks spare PostgreSQL a DataError (a 500)."""
    if not values["title"] or not values["text"]:
        return _("Please give your proposal a title and a text.")
    if len(values["title"]) > Proposal._meta.get_field("title").max_length:
        return _("The title can be at most 120 characters.")
    if len(values["location_note"]) > Proposal._meta.get_field("location_note").max_length:
        return _("The place can be at most 200 characters.")
    return None


@login_required
@rate_limited("proposal")
def new_proposal(request, page_id: int):
    page = _page(page_id)
    if refusal := _gate(request, page):
        return refusal
    values = {k: request.POST.get(k, "").strip() for k in ("title", "text", "location_note")}
    upload = request.FILES.get("photo")
    error = None
    if request.method == "POST":
        error = proposal_input_error(values)
        if error is None:
            try:
                with transaction.atomic():
                    # Checked before the proposal is stored; stored with it or not at all.
                    photo = (
                        photos.store_photo(upload, village=page.village, user=request.user, title=values["title"])
                        if upload
                        else None
                    )
                    services.submit_proposal(page, _resident(request), photo=photo, **values)
            except services.ConsultationError as refused:
                error = str(refused)
            else:
                messages.success(request, _("Thank you, your proposal is published."))
                return redirect(page.url + "#proposals")
    return TemplateResponse(
        request,
        "consultations/proposal_form.html",
        {"page": page, "values": values, "error": error, "photo_dropped": bool(error and upload)},
        status=400 if error else 200,
    )


@login_required
@require_POST
@rate_limited("support")
def toggle_support(request, page_id: int, proposal_id: int):
    if as_id(page_id) is None or as_id(proposal_id) is None:
        raise Http404
    if found := posted.proposal_target(page_id, proposal_id):
        page, proposal = found  # one query: the proposal of the (record) page posted to, the page, its village
    else:
        page = _page(page_id)
        records = page.records
        proposal = get_object_or_404(Proposal, pk=proposal_id, page=records)
        proposal.page = records  # in hand, with its village: the services' checks and the page cache ask no query
    if refusal := _gate(request, page):
        return refusal
    try:
        if request.POST.get("withdraw"):
            services.withdraw_support(proposal, _resident(request))
        else:
            services.support(proposal, _resident(request))
    except services.ConsultationError as error:
        messages.error(request, str(error))
    return redirect(page.url + f"#proposal-{proposal.pk}")


@login_required
@require_POST
@rate_limited("comment")
def comment(request, page_id: int):
    if as_id(page_id) is None:
        raise Http404
    # '²', 'abc' or 2**63 were a 500 (ValueError, OverflowError): anything but an id is "none".
    proposal_id = as_id(request.POST.get("proposal"))
    if proposal_id and (found := posted.proposal_target(page_id, proposal_id)):
        page, proposal = found  # a comment on a proposal of the page posted to: one query for both
    else:
        page = posted.live_page(page_id)
        if page is None:
            raise Http404
        proposal = _of_page(Proposal, proposal_id, page.records)
    if refusal := _gate(request, page):
        return refusal
    text = request.POST.get("text", "")
    parent = _of_page(Comment, request.POST.get("parent"), page.records)
    try:
        services.add_comment(page, _resident(request), text, proposal=proposal, parent=parent)
    except services.ConsultationError as error:
        return TemplateResponse(
            request, "consultations/comment_form.html", {"page": page, "text": text, "error": str(error)}, status=400
        )
    messages.success(request, _("Your comment is published."))
    return redirect(page.url + "#comments")


def _of_page(model, value, records):
    """The proposal or comment of this consultation named by a form field, or None (no query for an empty one)."""
    pk = as_id(value)
    found = model.objects.filter(pk=pk, page=records).first() if pk else None
    if found is not None:
        found.page = records
    return found


@login_required
@require_POST
@rate_limited("report")
def report(request, page_id: int, comment_id: int):
    page = _page(page_id)
    target = get_object_or_404(Comment, pk=comment_id, page=page.records)
    if not can_report_comment(request.user, target):
        return not_verified_response(request, page.village)
    services.report_comment(target, request.user, request.POST.get("reason", "")[:200])
    messages.success(request, _("Thank you. The village committee will look at this comment."))
    return redirect(page.url + "#comments")


def results_csv(request, page_id: int):
    """Counts per option and the published receipts, UTF-8 with BOM so that Excel and WPS read the Chinese;
    streamed question by question (portal.admin_lists), so a county-wide ballot's receipts are not one string."""
    page = _page(page_id)
    if not services.results_visible(page.records):
        return HttpResponseBadRequest(_("The results are not published yet."))
    records = page.records
    questions = _questions(records)
    if questions:
        _in_words_of(questions, page)

    def rows():
        for question in questions:
            result = services.question_results(question)
            yield [_("Question"), question.shown_text]
            yield [_("Rule applied"), question.get_rule_display()]
            yield [_("Took part"), result["participants"], _("Eligible"), result["eligible"]]
            for row in result["rows"]:
                yield [row["option"].shown_label, row["count"]]
            outcome = result["outcome"]
            yield [_("Valid (quorum met)"), _("yes") if outcome.quorum_met else _("no")]
            yield [_("Passed"), _("yes") if outcome.passed else _("no")]
            for receipt in result["receipts"]:
                yield [_("Receipt counted"), receipt]
            yield []

    return stream_csv(f"consultation-{page.pk}-results.csv", rows())


@login_required
@require_POST
def toggle_follow(request, page_id: int):
    """Follow or unfollow the consultation, or one of its proposals (``proposal``)."""
    page = _page(page_id)
    target = page
    anchor = "#follow"
    if request.POST.get("proposal"):
        target = get_object_or_404(Proposal, pk=as_id(request.POST.get("proposal")) or 0, page=page.records)
        anchor = f"#proposal-{target.pk}"
    if request.POST.get("unfollow"):  # always allowed: someone who moved away must be able to stop the news
        notifications.unfollow(request.user, target)
        messages.success(request, _("You no longer follow this."))
    else:
        if not can_follow(request.user, target):
            return not_verified_response(request, page.village)
        services.follow(request.user, target)
        messages.success(request, _("You follow this now: news appears under “My notifications” and by e-mail."))
    return redirect(page.url + anchor)


@login_required
@rate_limited("comment")
def edit_comment(request, page_id: int, comment_id: int):
    """The author corrects their comment within 15 minutes of writing it (a plain form, no script).

    Anyone else gets a 404: the address must not even confirm what the comment says. A comment the committee hid
    shows its author the committee's notice, never the hidden text in a box to edit (services refuse the edit too).
    """
    page = _page(page_id)
    target = get_object_or_404(Comment.objects.select_related("author"), pk=comment_id, page=page.records)
    if not can_edit_comment(request.user, target):
        raise Http404
    if target.is_hidden:
        return TemplateResponse(
            request, "consultations/comment_hidden.html", {"page": page, "comment": target}, status=403
        )
    text = request.POST.get("text", "") if request.method == "POST" else target.text
    error = None
    if request.method == "POST":
        if not text.strip():
            error = _("Please write your comment.")
        else:
            try:
                services.edit_comment(target, _resident(request), text)
            except services.ConsultationError as refused:
                error = str(refused)
            else:
                messages.success(request, _("Your comment is updated."))
                return redirect(page.url + f"#comment-{target.pk}")
    return TemplateResponse(
        request,
        "consultations/comment_edit.html",
        {"page": page, "comment": target, "text": text, "error": error},
        status=400 if error else 200,
    )
