"""Background work of the rules revisions: telling people what they are waiting for (immediate backend by default).

A resident whose comment the committee answers hears of it (issue 20: the answer was only on the page), and the
township's reviewers hear that a draft awaits their review.
"""

from django.utils.translation import gettext_noop
from django_tasks import task

ANSWER_MESSAGES = {
    "adopted": gettext_noop("The village committee adopted your comment on “%(title)s” into the draft: %(reason)s"),
    "not_adopted": gettext_noop("The village committee did not adopt your comment on “%(title)s”: %(reason)s"),
}
REVIEW_MESSAGE = gettext_noop("%(village)s has sent the draft “%(title)s” to the township for review.")


@task()
def comment_answered(comment_id: int) -> int:
    from notifications import services as notifications

    from .models import ArticleComment

    comment = ArticleComment.objects.select_related("author", "page").get(pk=comment_id)
    message = ANSWER_MESSAGES.get(comment.decision)
    author = comment.author
    if message is None or author.user_id is None or author.is_deleted:
        return 0
    params = {"title": comment.page.title, "reason": comment.decision_reason}
    return len(notifications.notify([author.user_id], message, params, f"{comment.page.url}#comment-{comment.pk}"))


@task()
def draft_awaits_review(page_id: int) -> int:
    """The township's reviewers (the users who may approve this village's drafts) hear of a draft sent to them."""
    from notifications import services as notifications

    from .models import RuleRevisionPage
    from .rules import reviewers_of

    page = RuleRevisionPage.objects.get(pk=page_id)
    users = [user.pk for user in reviewers_of(page.village)]
    params = {"village": page.village.name, "title": page.title}
    return len(notifications.notify(users, REVIEW_MESSAGE, params, "/admin/rules-revisions/"))
