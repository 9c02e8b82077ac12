"""A resident's comments on draft village rules in their profile and export, and what deletion does to them.

Comments point at the Resident row, which survives account deletion with every personal field blanked, so a
comment stays on the draft (the committee may already have adopted it) under "已注销用户". Reports point at
the account itself and go with it (CASCADE).
"""

from django.utils.translation import gettext_lazy as _

from residents.privacy import PrivacySection, register


def _comments(user):
    from .models import ArticleComment

    return ArticleComment.objects.filter(author__user=user).select_related("page").order_by("-created_at", "-pk")


def contributions(user) -> list[dict]:
    return [
        {"title": f"{c.page.title} {c.article_label}".strip(), "url": f"{c.page.url}#comment-{c.pk}", "meta": ""}
        for c in _comments(user)
    ]


def export(user) -> dict:
    return {
        "comments": [
            {
                "revision": c.page.title,
                "article": c.article_label or None,
                "text": c.text,
                "hidden_by_moderator": c.is_hidden,
                "decision": c.decision,
                "decision_reason": c.decision_reason,
                "at": c.created_at.isoformat(),
            }
            for c in _comments(user)
        ]
    }


def register_section() -> None:
    register(
        PrivacySection(
            key="village_rules",
            title=_("My comments on draft village rules"),
            contributions=contributions,
            export=export,
            order=60,
        )
    )
