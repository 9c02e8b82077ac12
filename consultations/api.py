"""Open data for consultations (read-only, public): proposals without personal fields, and tallies after closing.

Only consultations that are live and not under a view restriction are listed. The only personal datum is
the author's public display name, the one a public page shows anyway. Tallies appear when results are public
(voting closed, or the committee chose live results), with the same figures as the results page.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from home.ids import as_id
from home.models.visibility import without_restricted
from home.privacy.detect import mask_all

from . import services
from .models import ConsultationPage, Option, Proposal, Question


def public_consultations():
    return without_restricted(ConsultationPage.objects.live())


class MaskedCharField(serializers.CharField):
    """Resident-written text as the API shows it: no full ID, mobile or card number (home.privacy)."""

    def to_representation(self, value):
        return mask_all(super().to_representation(value))


class ProposalSerializer(serializers.ModelSerializer):
    consultation = serializers.IntegerField(source="page_id")
    title = MaskedCharField(read_only=True)
    text = MaskedCharField(read_only=True)
    location_note = MaskedCharField(read_only=True)
    status_reason = MaskedCharField(read_only=True)
    author = serializers.CharField(source="author.public_name")
    council_proposal = serializers.IntegerField(source="council_proposal_id", allow_null=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "consultation",
            "title",
            "text",
            "location_note",
            "status",
            "status_reason",
            "support_count",
            "comment_count",
            "author",
            "council_proposal",
            "created_at",
        ]


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500
    # An offset past the database's 64-bit integer was a 500; beyond this there is nothing to list anyway.
    max_offset = 10_000_000

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), self.max_offset)


class ProposalList(ListAPIView):
    """GET /api/v2/consultations/proposals/?consultation=<page id>&status=<status>"""

    serializer_class = ProposalSerializer
    pagination_class = Pagination
    authentication_classes: list = []
    permission_classes: list = []

    def get_queryset(self):
        rows = (
            Proposal.objects.filter(page__in=public_consultations().values("pk"))
            .exclude(status=Proposal.Status.WITHDRAWN)
            .select_related("author")
            .order_by("pk")
        )
        consultation = self.request.query_params.get("consultation", "")
        if consultation.isascii() and consultation.isdigit():
            page_id = as_id(consultation)  # 0 or past 2**63 - 1 names no page (and overflowed the database)
            # Any language tree's page id names the same consultation (its proposals hang off the record page).
            group = ConsultationPage.objects.filter(pk=page_id).values("translation_key")
            rows = rows.filter(page__translation_key__in=group) if page_id else rows.none()
        status = self.request.query_params.get("status")
        if status in Proposal.Status.values:
            rows = rows.filter(status=status)
        return rows


def tally_data(question: Question, result: dict) -> dict:
    outcome = result["outcome"]
    return {
        "id": question.pk,
        "text": question.text,
        "kind": question.kind,
        "mode": question.mode,
        "rule": question.rule,
        "final": result["final"],
        "closed_at": question.closed_at,
        "options": [
            {"id": row["option"].pk, "label": row["option"].shown_label, "votes": row["count"]}
            for row in result["rows"]
        ],
        "participants": result["participants"],
        "eligible": result["eligible"],
        "households_participating": outcome.households,
        "eligible_households": outcome.eligible_households,
        "turnout_percent": result["turnout_percent"],
        "ballots_counted": result["ballots"],
        "quorum_met": outcome.quorum_met,
        "passed": outcome.passed,
        # Counted receipts, without their choices (DOMAIN §10).
        "receipts": result["receipts"],
    }


class TallyView(APIView):
    """GET /api/v2/consultations/<page id>/tally/: 403 until the results are public, 404 for no such page."""

    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request, page_id: int):
        page = public_consultations().filter(pk=page_id).first()
        if page is None:
            raise Http404
        records = page.records  # the same tally through every language tree's page id
        if not services.results_visible(records):
            return Response({"detail": _("The results are not published yet.")}, status=403)
        questions = Question.objects.filter(page=records).prefetch_related(
            Prefetch("options", queryset=Option.objects.order_by("sort_order", "pk"))
        )
        data = []
        for question in questions:
            question.page = records
            data.append(tally_data(question, services.question_results(question)))
        return Response({"consultation": page.pk, "title": page.title, "phase": page.phase, "questions": data})
