"""The public revision page's forms: comment on an article, report a comment. Thin: services decide."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from portal.ratelimit import rate_limited
from residents.decorators import not_verified_response

from . import services
from .models import ArticleComment, RuleRevisionPage
from .rules import can_comment, can_report_comment


def _article_number(raw: str) -> int | None:
    """'' is a proposal for a new article; anything else must be a whole number."""
    if raw in ("", "new"):
        return None
    return int(raw) if raw.isascii() and raw.isdigit() else 0


@rate_limited("comment")
def post_comment(request, page: RuleRevisionPage):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if not can_comment(request.user, page):
        return not_verified_response(request, page.village)
    raw_article = request.POST.get("article", "")
    text = request.POST.get("text", "")
    try:
        comment = services.add_comment(page, request.user, text, _article_number(raw_article))
    except services.RevisionError as error:
        # The page again, with what the resident typed kept in the form that refused it (or, for an article
        # the draft does not have, in the form for a new article).
        numbers = {str(article.number) for article in page.draft_articles()}
        form_article = raw_article if raw_article in numbers else "new"
        response = page.render(
            request,
            context_overrides={"form_text": text, "form_error": str(error), "form_article": form_article},
        )
        response.status_code = 400
        return response
    messages.success(request, _("Thank you. Your comment is published; the committee will consider it."))
    return page.redirect_to_article(comment.article_number)


@rate_limited("report")
def report_comment(request, page: RuleRevisionPage, comment_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    comment = get_object_or_404(ArticleComment, page=page.source, pk=comment_id)
    if not can_report_comment(request.user, comment):
        return not_verified_response(request, page.village)
    if services.report_comment(comment, request.user, request.POST.get("reason", "")):
        messages.success(request, _("Thank you. The village committee will look at this comment."))
    else:
        messages.info(request, _("You have already reported this comment."))
    return redirect(page.url + f"#comment-{comment.pk}")
