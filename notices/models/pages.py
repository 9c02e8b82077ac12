"""村务公开 pages: a village's notice index (current notices and the archive) and the notices."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home import translations
from home.models import ArticlePage, IndexPage
from home.models.visibility import without_restricted
from home.printing import min_posted_days
from portal.ratelimit import rate_limited

from .. import disclosure
from ..blocks import NoticeBodyBlock, finance_summary
from .categories import NoticeCategory

NOTICES_PER_PAGE = 20


class NoticeIndexPage(RoutablePageMixin, IndexPage):
    parent_page_types = ["home.VillagePage"]
    # Audit reports (VCOL art. 35) are notices of their own type from the supervision app (supervision.audit_models).
    subpage_types = ["notices.NoticePage", "supervision.AuditReportPage"]
    max_count_per_parent = 1
    feed_routes = ("rss", "atom")  # advertised here and on the village page (home.feeds)

    class Meta:
        verbose_name = _("notice index page")

    def notices(self):
        return without_restricted(NoticePage.objects.child_of(self).live()).select_related("category")

    def get_listing(self):
        """Notices still posted: pinned first, then the newest."""
        today = timezone.localdate()
        return self.notices().filter(posted_until__gte=today).order_by("-pinned", "-date", "-pk")

    def get_archive(self):
        return self.notices().filter(posted_until__lt=timezone.localdate()).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        from home.feeds import feed_links

        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = feed_links(self, request=request)
        route = getattr(request, "routable_resolver_match", None)
        if route is None or route.url_name not in ("archive",):
            context["listing"] = Paginator(self.get_listing(), NOTICES_PER_PAGE).get_page(request.GET.get("page"))
            context["archive_count"] = self.get_archive().count()
        return context

    @path("archive/", name="archive")
    def archive(self, request):
        """Expired notices, browsable by year and category: archived, never deleted (VCOL art. 34)."""
        notices = self.get_archive()
        years = [day.year for day in notices.dates("date", "year", order="DESC")]
        categories = list(NoticeCategory.objects.all())
        year, category = request.GET.get("year", ""), request.GET.get("category", "")
        if year.isascii() and year.isdigit() and 1 <= int(year) <= 9999:  # date__year needs a real year
            notices = notices.filter(date__year=int(year))
        if category:
            notices = notices.filter(category__slug=category)
        return self.render(
            request,
            context_overrides={
                "archive": Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page")),
                "years": years,
                "categories": categories,
                "selected_year": year,
                "selected_category": category,
            },
            template="notices/notice_archive.html",
        )

    @path("feed/rss/", name="rss")
    def rss(self, request):
        from ..feeds import NoticeRssFeed

        return NoticeRssFeed()(request, index=self)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        from ..feeds import NoticeAtomFeed

        return NoticeAtomFeed()(request, index=self)


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = NoticeCategory
        fields = ["name", "slug", "is_financial"]


class FinanceField(serializers.Field):
    """Every finance table of the body with its rows and totals; amounts as strings so nothing is rounded."""

    def to_representation(self, value):
        tables = []
        for block in value:
            if block.block_type != "finance":
                continue
            summary = finance_summary(block.value)
            totals = summary["totals"]
            if totals is None:  # an unreadable stored amount: no figures rather than wrong ones, and no 500
                tables.append({"title": block.value["title"], "rows": [], "unreadable": True})
                continue
            tables.append(
                {
                    "title": block.value["title"],
                    "rows": [
                        {
                            "direction": row.direction,
                            "item": row.item,
                            "amount": str(row.amount),
                            "category": row.category,
                            "note": row.note,
                            "voucher": row.voucher,
                        }
                        for row in summary["rows"]
                    ],
                    "opening_balance": str(totals.opening_balance),
                    "income": str(totals.income),
                    "expenditure": str(totals.expenditure),
                    "balance": str(totals.balance),
                }
            )
        return tables


class AttachmentSerializer(serializers.Serializer):
    def to_representation(self, value):
        document = value.document
        return {
            "title": value.title or document.title,
            "url": document.url,
            "file_extension": document.file_extension,
            "file_size": document.file_size,
        }


class NoticePage(RoutablePageMixin, ArticlePage):
    class PeriodKind(models.TextChoices):
        NONE = "", _("No period")
        MONTH = disclosure.MONTH, _("Month")
        QUARTER = disclosure.QUARTER, _("Quarter")

    category = models.ForeignKey(
        NoticeCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    period_kind = models.CharField(_("period"), max_length=8, blank=True, choices=PeriodKind.choices)
    period_year = models.PositiveSmallIntegerField(_("year of the period"), null=True, blank=True)
    period_number = models.PositiveSmallIntegerField(
        _("month or quarter"), null=True, blank=True, help_text=_("1–12 for a month, 1–4 for a quarter.")
    )
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Shown at the top of the list."))
    posted_until = models.DateField(
        _("posted until"),
        null=True,
        blank=True,
        help_text=_("At least 5 days after the date. Left empty, it is 5 days after the date."),
    )
    urgent = models.BooleanField(
        _("urgent"), default=False, help_text=_("Shows a banner on every page of the village until it expires.")
    )
    body = StreamField(NoticeBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("period_kind"), FieldPanel("period_year"), FieldPanel("period_number")]),
        MultiFieldPanel([FieldPanel("posted_until"), FieldPanel("pinned"), FieldPanel("urgent")], heading=_("Posting")),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
    ]
    search_fields = ArticlePage.search_fields + [
        index.RelatedFields("category", [index.SearchField("name"), index.FilterField("slug")]),
        index.FilterField("period_kind"),
        index.FilterField("urgent"),
        index.FilterField("posted_until"),
    ]
    api_fields = ArticlePage.api_fields + [
        APIField("category", serializer=CategorySerializer()),
        APIField("period"),
        APIField("pinned"),
        APIField("posted_until"),
        APIField("urgent"),
        APIField("attachments", serializer=AttachmentSerializer(many=True)),
        APIField("finance", serializer=FinanceField(source="body")),
    ]

    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("notice")
        indexes = [models.Index(fields=["period_kind", "period_year", "period_number"])]

    @property
    def period(self) -> str:
        """2026-10 or 2026-Q3; empty when the notice covers no period."""
        if not self.period_kind or not self.period_year or not self.period_number:
            return ""
        return disclosure.Period(self.period_kind, self.period_year, self.period_number).key()

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.period_kind and (self.period_year is None or self.period_number is None):
            errors["period_number"] = _("Give the year and the month or quarter of the period.")
        elif self.period_kind:
            top = 12 if self.period_kind == disclosure.MONTH else 4
            if not 1 <= self.period_number <= top:
                errors["period_number"] = _("A month is 1–12, a quarter 1–4.")
        earliest = self.date + datetime.timedelta(days=min_posted_days())
        if self.posted_until is not None and self.posted_until < earliest:
            errors["posted_until"] = _("A notice stays posted at least %(days)d days: until %(date)s or later.") % {
                "days": min_posted_days(),
                "date": earliest.isoformat(),
            }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.posted_until is None:
            self.posted_until = self.date + datetime.timedelta(days=min_posted_days())
        return super().save(*args, **kwargs)

    def get_workflow(self):
        """The category's review workflow (the county's switch, notices.NoticeCategory.review_workflow) comes
        before any workflow of the page tree: a reviewed category is reviewed wherever the notice sits."""
        category = self.category
        if category is not None and category.review_workflow_id is not None:
            workflow = category.review_workflow
            if workflow.active and getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
                return workflow
        return super().get_workflow()

    @property
    def has_workflow(self) -> bool:
        return self.get_workflow() is not None

    @property
    def is_expired(self) -> bool:
        return self.posted_until is not None and self.posted_until < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        from ..forms import QuestionForm
        from .questions import NoticeQuestion

        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.select_related("document"))
        # Residents' questions belong to the notice, not to one language's copy of it (home.translations).
        records = translations.record_page_id(self)
        context["questions"] = list(
            NoticeQuestion.objects.published()
            .filter(notice_id=records)
            .select_related("resident")
            .order_by("created_at")
        )
        resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
        context["my_waiting_questions"] = (
            list(NoticeQuestion.objects.unanswered().filter(notice_id=records, resident=resident)) if resident else []
        )
        context.setdefault("question_form", QuestionForm())
        context["ask_url"] = self.url + self.reverse_subpage("ask")
        # "经村务监督委员会审核" with the date and the reviewers: the supervision app's record of the live revision.
        from supervision.review import published_review

        context["supervision_review"] = published_review(self)
        return context

    @path("ask/", name="ask")
    @rate_limited("question")
    def ask(self, request):
        """POST a resident's question; errors come back on the notice with the text kept."""
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied
        from django.core.exceptions import ValidationError as DjangoValidationError
        from django.shortcuts import redirect

        from ..forms import QuestionForm
        from ..services import ask_question

        if request.method != "POST":
            return redirect(self.url)
        form = QuestionForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                ask_question(request.user, self, form.cleaned_data["text"])
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            except DjangoValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("Thank you. Your question is published with the committee's answer."))
                return redirect(self.url)
        response = self.render(request, context_overrides={"question_form": form})
        response.status_code = status
        return response


class NoticeAttachment(Orderable):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("link text"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
