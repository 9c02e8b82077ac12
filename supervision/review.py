"""No financial notice of a reviewed category goes live without the supervision committee's approval (民主理财).

The rule sits where the personal-data guard sits (home.privacy.guard.register_publish_check), below every route:
- on_publish, in Wagtail's PublishRevisionAction: the editor's Publish, bulk publish, a workflow's approval,
  scheduled publishing (refused and unscheduled there), reverting to an older revision, the API and management
  commands that publish a revision; and copying a page "published": the copy has no review of its own;
- on_live_save, the model invariant: a live notice row is never written becoming live, or with content other
  than its live revision's, unless that live revision was approved (page.save() in a shell or a script).

"Reviewed" is the county's switch: the notice's category (in the revision, or the one it is live under, so a
notice cannot be re-labelled out of its review) has a review workflow holding an active SupervisionReviewTask.
"Approved" is an approved SupervisionReviewTaskState of that very revision with the reviewer's name and day
recorded (only its approve() records them, after checking the reviewer) by someone other than the submitter
and the revision's author. A page in another language tree (an alias or a translation) shares its record
page's review (home.translations): it goes live only when the zh-hans notice is live and reviewed.
"""

import datetime
import json
from dataclasses import dataclass

from django.db.models import CharField, F, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState

from home import translations
from home.models import Village, VillagePage
from home.privacy.detect import mask_name
from home.privacy.guard import PublishRefused

from . import roles
from .workflow import SupervisionReviewTask, SupervisionReviewTaskState

# What a resident reads on the notice: what the review approved must be what is live.
CONTENT_FIELDS = ("title", "summary", "body", "date", "category", "period_kind", "period_year", "period_number")


class ReviewRequired(PublishRefused):
    def __init__(self, message: str):
        super().__init__(message, code="supervision_review")


def reviewed_category_ids() -> set[int]:
    """Categories the county has put under the supervision committee's review (one query)."""
    from notices.models import NoticeCategory

    tasks = SupervisionReviewTask.objects.filter(active=True).values("pk")
    return set(
        NoticeCategory.objects.filter(
            review_workflow__active=True, review_workflow__workflow_tasks__task__in=tasks
        ).values_list("pk", flat=True)
    )


def approved_review(revision_id: int | None) -> SupervisionReviewTaskState | None:
    """The approval of this revision, by a reviewer who neither submitted nor wrote it."""
    if revision_id is None:
        return None
    return (
        SupervisionReviewTaskState.objects.filter(
            revision_id=revision_id,
            status=TaskState.STATUS_APPROVED,
            reviewed_on__isnull=False,
            finished_by__isnull=False,
        )
        .exclude(finished_by_id=F("workflow_state__requested_by_id"))
        .exclude(finished_by_id=F("revision__user_id"))
        .order_by("-finished_at", "-pk")
        .first()
    )


def _record_id(page) -> int | None:
    """The record page whose review this page shares, or None when it is its own record page."""
    if page.pk is None:  # record_page_id caches on the page: never ask it before the page has its id
        default = translations.default_locale_id()
        if page.locale_id == default:
            return None
        group = Page.objects.filter(translation_key=page.translation_key, locale_id=default)
        return group.values_list("pk", flat=True).first()
    record_id = translations.record_page_id(page)
    return None if record_id == page.pk else record_id


def _record_page_reviewed(record_id: int) -> bool:
    live_revision = Page.objects.filter(pk=record_id, live=True).values_list("live_revision_id", flat=True).first()
    return approved_review(live_revision) is not None


def _is_notice(obj) -> bool:
    from notices.models import NoticePage

    return isinstance(obj, NoticePage)


def _live_category_id(page_id: int | None) -> int | None:
    from notices.models import NoticePage

    if page_id is None:
        return None
    return NoticePage.objects.filter(pk=page_id, live=True).values_list("category_id", flat=True).first()


def _refuse_translation() -> ReviewRequired:
    return ReviewRequired(
        _(
            "This notice cannot be published in this language before the supervision committee has reviewed "
            "and approved it in simplified Chinese (民主理财)."
        )
    )


def _refuse_unreviewed() -> ReviewRequired:
    return ReviewRequired(
        _(
            "This financial notice cannot be published before the village affairs supervision committee has "
            "reviewed and approved this version of it (民主理财, VCOL art. 32). Submit it for review."
        )
    )


def refuse_unreviewed_publish(obj, revision) -> None:
    """PublishCheck.on_publish: the revision must be the approved one (None: a live copy, never approved)."""
    if not _is_notice(obj):
        return
    reviewed = reviewed_category_ids()  # one query, and nothing more while the county has switched none on
    if not reviewed or not {obj.category_id, _live_category_id(obj.pk)} & reviewed:
        return
    record_id = _record_id(obj)
    if record_id is not None:
        if not _record_page_reviewed(record_id):
            raise _refuse_translation()
        return
    if revision is None or approved_review(revision.pk) is None:
        raise _refuse_unreviewed()


def content_of(page) -> tuple[str, ...]:
    """The notice's public content as comparable strings (a stream as its stored JSON)."""
    values = []
    for name in CONTENT_FIELDS:
        field = page._meta.get_field(name)
        value = field.value_from_object(page)
        if name == "body":
            value = json.dumps(field.get_prep_value(value), sort_keys=True, default=str)
        values.append("" if value is None else str(value))
    return tuple(values)


def refuse_unreviewed_live_save(instance, update_fields) -> None:
    """PublishCheck.on_live_save: a live notice row is written (instance.live is True)."""
    if not _is_notice(instance):
        return
    reviewed = reviewed_category_ids()
    if not reviewed:
        return
    stored = type(instance).objects.filter(pk=instance.pk).first() if instance.pk is not None else None
    live_before = stored is not None and stored.live
    if not {instance.category_id, stored.category_id if live_before else None} & reviewed:
        return
    written = CONTENT_FIELDS if update_fields is None else [f for f in CONTENT_FIELDS if f in set(update_fields)]
    if live_before and not any(
        a != b
        for name, a, b in zip(CONTENT_FIELDS, content_of(instance), content_of(stored), strict=True)
        if name in written
    ):
        return  # nothing a resident reads changes (a move, a lock, a revision saved as a draft)
    record_id = _record_id(instance)
    if record_id is not None:
        if not _record_page_reviewed(record_id):
            raise _refuse_translation()
        return
    if approved_review(instance.live_revision_id) is None:
        raise _refuse_unreviewed()
    if content_of(instance) != content_of(instance.live_revision.as_object()):
        raise _refuse_unreviewed()


# -- who reviews where --------------------------------------------------------------------------------------


def supervised_villages(user) -> list[Village]:
    """The villages whose supervision committee this user sits on (their groups, roles.py)."""
    if not user.is_authenticated:
        return []
    names = user.groups.filter(name__startswith=roles.GROUP_PREFIX).values_list("name", flat=True)
    codes = [name.removeprefix(roles.GROUP_PREFIX) for name in names]
    return list(Village.objects.filter(code__in=codes)) if codes else []


def notice_ids_in_villages(villages: list[Village]):
    """The ids (as the workflow state's text object_id) of the pages below these villages' pages, in every tree."""
    paths = list(VillagePage.objects.filter(village__in=villages).values_list("path", flat=True))
    if not paths:
        return Page.objects.none().values_list("pk", flat=True)
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return Page.objects.filter(below).annotate(text_id=Cast("pk", CharField())).values("text_id")


# -- what the published notice shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedReview:
    reviewed_on: datetime.date
    reviewers: tuple[str, ...]  # masked (DOMAIN §5: the second character of a name starred)


def published_review(page) -> PublishedReview | None:
    """The approval of the live version of the notice (its record page's, in another language tree)."""
    record_id = _record_id(page)
    if record_id is None:
        state = approved_review(page.live_revision_id)
    else:
        live = Page.objects.filter(pk=record_id, live=True).values_list("live_revision_id", flat=True).first()
        state = approved_review(live)
    if state is None:
        return None
    names = (mask_name(state.reviewer_name),) if state.reviewer_name else ()
    return PublishedReview(state.reviewed_on, names)
