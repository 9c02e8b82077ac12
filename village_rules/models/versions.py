"""村规民约: the rules in force and the adopted versions before it (the revision procedure is in revision.py).

Each adopted text is a RulesVersion row attached to the village's rules page, not a page revision: a page
revision records an editor's save, whereas a version records a decision of the village assembly with its
votes and its filing date, and every earlier version stays public (archive, never delete). A revision
(revision.py) creates the next version when it is filed.
"""

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import IndexPage
from home.models.visibility import without_restricted

from ..adoption import filed_late, filing_deadline, passed_by_assembly
from ..blocks import RulesTextBlock
from ..diff import NumberedArticle, diff_articles
from ..numerals import article_label, chapter_label


def number_chapters(text) -> list[dict[str, Any]]:
    """Chapters of a rules text with their computed labels; articles are numbered across chapters, as in
    Chinese laws. Shared by adopted versions and the drafts of revisions."""
    chapters: list[dict[str, Any]] = []
    number = 0
    for chapter_number, block in enumerate(text, start=1):
        articles = []
        for article_text in block.value["articles"]:
            number += 1
            articles.append(NumberedArticle(number, article_label(number), article_text.strip(), block.value["title"]))
        chapters.append({"label": chapter_label(chapter_number), "title": block.value["title"], "articles": articles})
    return chapters


class VillageRulesPage(RoutablePageMixin, IndexPage):
    """The village rules in force, the earlier versions and the revisions below it."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("notes on the rules"),
        help_text=_("Optional: how the rules are applied, whom to ask. The rules themselves are in the versions."),
    )

    content_panels = IndexPage.content_panels + [
        InlinePanel("versions", heading=_("Adopted versions"), label=_("Version")),
        FieldPanel("body"),
    ]
    search_fields = IndexPage.search_fields + [index.SearchField("body"), index.SearchField("rules_text")]
    api_fields = IndexPage.api_fields + [APIField("body"), APIField("versions")]

    parent_page_types = ["home.VillagePage"]
    subpage_types = ["village_rules.RuleRevisionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("village rules page")

    def get_listing(self):
        from .revision import RuleRevisionPage

        return without_restricted(RuleRevisionPage.objects.child_of(self).live()).order_by("-date", "-pk")

    def version_list(self) -> list["RulesVersion"]:
        # Cached per instance: the template, the search text and the routes all read it.
        if not hasattr(self, "_version_list"):
            self._version_list = list(self.versions.all())
        return self._version_list

    def version_in_force(self) -> "RulesVersion | None":
        """The latest adopted version that has been filed with the township."""
        return next((version for version in self.version_list() if version.filed_on), None)

    def rules_text(self) -> str:
        version = self.version_in_force()
        return "\n".join(article.text for article in version.articles()) if version else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        versions = self.version_list()
        in_force = self.version_in_force()
        context.update(
            versions=versions,
            in_force=in_force,
            shown_version=in_force,
            earlier_versions=[v for v in versions if in_force and v.adopted_on < in_force.adopted_on],
            compare_url=self.url + self.reverse_subpage("compare") if self.url else "",
            compare_from=versions[1].pk if len(versions) > 1 else None,
            compare_to=versions[0].pk if versions else None,
        )
        return context

    def sub_route_in(self, copy: "Page", rest: str, query: str) -> tuple[str, str]:
        """The same versions on another language's copy (portal_tags.language_links): each copy has its own rows
        of the same versions, in the same order."""
        ours = [str(version.pk) for version in self.version_list()]
        theirs = [str(pk) for pk in RulesVersion.objects.filter(page_id=copy.pk).values_list("pk", flat=True)]
        ids = dict(zip(ours, theirs, strict=False)) if len(ours) == len(theirs) else {}
        if match := re.fullmatch(r"versions/(\d+)/", rest):
            rest = f"versions/{ids.get(match[1], match[1])}/"
        if query and rest == "compare/":
            params = QueryDict(query, mutable=True)
            for name in ("from", "to"):
                if params.get(name) in ids:
                    params[name] = ids[params[name]]
            query = params.urlencode()
        return rest, query

    @path("versions/<int:version_id>/", name="version")
    def version_view(self, request, version_id: int):
        version = next((v for v in self.version_list() if v.pk == version_id), None)
        if version is None:
            response = self.render(
                request,
                context_overrides={"shown_version": None, "error": _("There is no such version of these rules.")},
            )
            response.status_code = 404
            return response
        return self.render(request, context_overrides={"shown_version": version})

    @path("compare/", name="compare")
    def compare_view(self, request):
        by_id = {str(v.pk): v for v in self.version_list()}
        old, new = by_id.get(request.GET.get("from", "")), by_id.get(request.GET.get("to", ""))
        if old is None or new is None:
            response = self.render(
                request,
                template="village_rules/village_rules_page.html",
                context_overrides={"error": _("Choose two versions of these rules from the lists to compare them.")},
            )
            response.status_code = 400
            return response
        changes = diff_articles(old.articles(), new.articles())
        return self.render(
            request,
            template="village_rules/rules_compare.html",
            context_overrides={
                "old": old,
                "new": new,
                "changes": changes,
                "changed_count": sum(1 for c in changes if c.kind != "unchanged"),
                "compare_from": old.pk,
                "compare_to": new.pk,
            },
        )


class RulesVersion(models.Model):
    """One text of the rules as adopted by the village assembly, with its votes and filing with the township."""

    page = ParentalKey(VillageRulesPage, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(_("title"), max_length=80, help_text=_("For example 2023年修订版."))
    meeting = models.CharField(
        _("adopted by"),
        max_length=120,
        help_text=_("The village assembly that adopted the text, for example 2023年第一次村民会议."),
    )
    adopted_on = models.DateField(_("adopted on"))
    votes_for = models.PositiveIntegerField(_("votes for"))
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    filed_on = models.DateField(
        _("filed with the township on"),
        null=True,
        blank=True,
        help_text=_("Rules are filed (备案) with the township within 10 days of adoption; leave empty until then."),
    )
    text = StreamField(RulesTextBlock(), verbose_name=_("text of the rules"))

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("meeting"),
                FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("filed_on")]),
                FieldRowPanel([FieldPanel("votes_for"), FieldPanel("votes_against"), FieldPanel("votes_abstain")]),
            ],
            heading=_("Adoption record"),
        ),
        FieldPanel("text"),
    ]
    api_fields = [
        APIField("title"),
        APIField("meeting"),
        APIField("adopted_on"),
        APIField("votes_for"),
        APIField("votes_against"),
        APIField("votes_abstain"),
        APIField("filed_on"),
        APIField("numbered_articles"),
    ]

    class Meta:
        verbose_name = _("version of the rules")
        verbose_name_plural = _("versions of the rules")
        ordering = ["-adopted_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.adopted_on and self.filed_on and self.filed_on < self.adopted_on:
            errors["filed_on"] = _("The rules cannot be filed before the assembly adopted them.")
        if self.votes_for is not None and not passed_by_assembly(
            self.votes_for, self.votes_against or 0, self.votes_abstain or 0
        ):
            errors["votes_for"] = _(
                "Village rules pass only when more than half of those present vote for them "
                "(abstentions count as present)."
            )
        if errors:
            raise ValidationError(errors)

    def chapters(self) -> list[dict[str, Any]]:
        return number_chapters(self.text)

    def articles(self) -> list[NumberedArticle]:
        return [article for chapter in self.chapters() for article in chapter["articles"]]

    @property
    def numbered_articles(self) -> list[dict[str, Any]]:
        return [
            {"chapter": chapter["label"], "chapter_title": chapter["title"], "label": a.label, "text": a.text}
            for chapter in self.chapters()
            for a in chapter["articles"]
        ]

    @property
    def filing_deadline(self) -> datetime.date:
        return filing_deadline(self.adopted_on)

    @property
    def filed_late(self) -> bool:
        return filed_late(self.adopted_on, self.filed_on, datetime.date.today())
