"""A revision (修订) of the village rules: its draft text, its opinion period and its public page.

Where the revision stands in the procedure is in procedure.RevisionProcedure; every change of stage goes
through village_rules.services. The page shows the timeline, the draft with comments per article, the
differences from the rules in force, and a comment form per article that works without JavaScript.
"""

import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Locale

from home.models import ArticlePage

from .. import workflow
from ..blocks import RulesTextBlock
from ..diff import NumberedArticle, diff_articles
from .procedure import ArticleComment, RevisionProcedure, RevisionStep
from .versions import RulesVersion, VillageRulesPage, number_chapters


def _in_thirty_days() -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=30)


class RuleRevisionPage(RoutablePageMixin, ArticlePage):
    """One revision of the rules, from collecting opinions to filing with the township."""

    opinions_open_on = models.DateField(_("opinions collected from"), default=datetime.date.today)
    opinions_close_on = models.DateField(
        _("opinions collected until"),
        default=_in_thirty_days,
        help_text=_("Verified residents can comment on the articles between these two dates (both included)."),
    )
    draft = StreamField(
        RulesTextBlock(),
        blank=True,
        verbose_name=_("draft of the new text"),
        help_text=_(
            "Leave empty to start from the rules in force. The draft can be changed while opinions are "
            "collected and while drafting; after it is sent to the township it is fixed."
        ),
    )

    content_panels = ArticlePage.content_panels + [
        HelpPanel(template="village_rules/admin/drafting_guidance.html", heading=_("Guidance for drafters")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opinions_open_on"), FieldPanel("opinions_close_on")])],
            heading=_("Collecting opinions (征集民意)"),
        ),
        FieldPanel("draft"),
    ]

    parent_page_types = ["village_rules.VillageRulesPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("rules revision")

    # ---- Data ------------------------------------------------------------------------------------------------

    @cached_property
    def village(self):
        from home.models import VillagePage

        parent = VillagePage.objects.ancestor_of(self).select_related("village").first()
        return parent.village if parent else None

    @cached_property
    def rules_page(self) -> VillageRulesPage | None:
        return VillageRulesPage.objects.filter(path=self.path[: -self.steplen]).first() if self.path else None

    @cached_property
    def source(self) -> "RuleRevisionPage":
        """The page in the default language. Translations (zh-hant, en) show the same procedure, steps and
        comments: one revision, read in several languages."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return RuleRevisionPage.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    @cached_property
    def current_procedure(self) -> RevisionProcedure:
        """The procedure row; an unsaved one at the first stage for a page the services have not seen yet."""
        try:
            return self.source.procedure
        except RevisionProcedure.DoesNotExist:
            return RevisionProcedure(page=self.source)

    @property
    def stage(self) -> str:
        return self.current_procedure.stage

    def draft_chapters(self) -> list[dict[str, Any]]:
        return number_chapters(self.draft)

    def draft_articles(self) -> list[NumberedArticle]:
        return [article for chapter in self.draft_chapters() for article in chapter["articles"]]

    def opinions_open(self, today: datetime.date | None = None, stage: str | None = None) -> bool:
        """Residents may comment now: collecting within the dates, or drafting (the draft is public)."""
        today = today or timezone.localdate()
        stage = stage or self.stage
        if stage == workflow.COLLECTING:
            return self.opinions_open_on <= today <= self.opinions_close_on
        return stage in workflow.COMMENT_STAGES

    # ---- Editing ---------------------------------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.opinions_open_on and self.opinions_close_on and self.opinions_close_on < self.opinions_open_on:
            errors["opinions_close_on"] = _("The collection of opinions cannot end before it starts.")
        if self.pk and self.stage not in workflow.COMMENT_STAGES:
            stored = RuleRevisionPage.objects.filter(pk=self.pk).first()
            if stored is not None and [a.text for a in stored.draft_articles()] != [
                a.text for a in self.draft_articles()
            ]:
                errors["draft"] = _(
                    "The draft was sent to the township for review and can no longer be changed. "
                    "If it must change, the township returns it to drafting."
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A new revision starts from the text in force, so that comments and the diff have articles to refer to.
        if not self.draft and self.path and self.rules_page is not None:
            in_force = self.rules_page.version_in_force()
            if in_force is not None:
                self.draft = in_force.text.raw_data
        super().save(*args, **kwargs)
        if self.locale_id == Locale.get_default().pk:
            RevisionProcedure.objects.get_or_create(page=self)

    # ---- Public page -----------------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from ..rules import can_comment

        context = super().get_context(request, *args, **kwargs)
        # Translations share the comments and steps of the page in the default language (same translation key);
        # the stage is the target of the last step, so the page needs no query for the procedure row.
        shared = {"page__translation_key": self.translation_key}
        comments = list(ArticleComment.objects.filter(**shared).select_related("author"))
        steps = list(RevisionStep.objects.filter(**shared).select_related("motion__agenda_item__meeting"))
        stage = steps[-1].target if steps else workflow.COLLECTING
        by_article: dict[int | None, list[ArticleComment]] = defaultdict(list)
        for comment in comments:
            by_article[comment.article_number].append(comment)
        chapters = self.draft_chapters()
        for chapter in chapters:
            chapter["rows"] = [
                {"article": a, "comments": by_article.get(a.number, []), "count": len(by_article.get(a.number, []))}
                for a in chapter["articles"]
            ]
        versions = RulesVersion.objects.filter(page__path=self.path[: -self.steplen], filed_on__isnull=False)
        vote = next((step for step in steps if step.action == "record_vote" and step.date), None)
        if stage == workflow.FILED and vote is not None:
            # Once filed, this revision's own text is in force: show what it changed in the text it replaced.
            versions = versions.filter(adopted_on__lt=vote.date)
        in_force = versions.order_by("-adopted_on", "-pk").first()
        changes = diff_articles(in_force.articles(), self.draft_articles()) if in_force else []
        context.update(
            stage=stage,
            stage_label=workflow.STAGE_LABELS[stage],
            filed=stage == workflow.FILED,
            timeline=workflow.step_states(stage),
            steps=steps,
            chapters=chapters,
            new_article_comments=by_article.get(None, []),
            comment_total=len(comments),
            in_force=in_force,
            changes=changes,
            changed_count=sum(1 for c in changes if c.kind != "unchanged"),
            open_for_comments=self.opinions_open(stage=stage),
            may_comment=can_comment(request.user, self),
            comment_url=self.url + self.reverse_subpage("comment") if self.url else "",
            # A refused comment re-renders the page with what the resident typed (views.post_comment).
            form_text="",
            form_error=None,
            form_article=None,
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("comment/", name="comment")
    def comment_route(self, request):
        from .. import views

        return views.post_comment(request, self)

    @re_path(r"^comments/(?P<comment_id>\d+)/report/$", name="report")
    def report_route(self, request, comment_id: str):
        from .. import views

        return views.report_comment(request, self, int(comment_id))

    def redirect_to_article(self, article_number: int | None):
        anchor = f"#article-{article_number}" if article_number else "#new-articles"
        return redirect(self.url + anchor)
