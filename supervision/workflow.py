"""Democratic financial review (民主理财): the supervision committee's task in a Wagtail workflow.

VCOL art. 32 gives the village affairs supervision committee the oversight of the village's finances; the review
before publication is done in Wagtail's own workflow engine (a Task and its TaskState), not a state machine of
our own. The county switches it on per notice category (notices.NoticeCategory.review_workflow); the data
migration 0002 makes the workflow "民主理财审核" with this task.

Who acts: a member in office of the supervision committee of the notice's own village (its group, roles.py),
never the editor who submitted the notice nor the author of the revision under review. The rule is held in
SupervisionReviewTaskState.approve/reject (every route ends there) and, for the publication itself, in
supervision.review at the publish layer (home.privacy.guard): no approved review, no live notice.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import Page, Task, TaskState

REASON_MAX_LENGTH = 2000  # characters, as a complaint: the reason is read by the committee, not filed


class ReturnForm(TaskStateCommentForm):
    """Returning a notice needs its reason (the committee must know what to correct)."""

    comment = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea, required=True, max_length=REASON_MAX_LENGTH
    )


def _notice(obj) -> Page | None:
    from notices.models import NoticePage

    obj = obj.specific if isinstance(obj, Page) else obj
    return obj if isinstance(obj, NoticePage) else None


def _submitter_ids(task_state: TaskState | None) -> set[int]:
    """The editor who submitted and the author of the revision under review: neither may review it."""
    if task_state is None:
        return set()
    ids = {task_state.workflow_state.requested_by_id, task_state.revision.user_id}
    return {pk for pk in ids if pk is not None}


def may_review(user, obj, task_state: TaskState | None = None) -> bool:
    """A supervision member in office of the notice's village who neither submitted nor wrote it."""
    from .rules import is_supervision_member_of

    notice = _notice(obj)
    if notice is None or not user.is_authenticated or not user.is_active:
        return False
    if task_state is None:
        task_state = notice.current_workflow_task_state
    if user.pk in _submitter_ids(task_state):
        return False
    from notices.services import village_of

    cache = user.__dict__.setdefault("_supervision_review_villages", {})
    if notice.pk not in cache:
        cache[notice.pk] = village_of(notice)
    return bool(is_supervision_member_of(user, cache[notice.pk]))


def reviewer_name(user, village) -> str:
    """The reviewer's name as the committee's record has it (the register's real name); shown masked."""
    from .models import SupervisionMember

    member = (
        SupervisionMember.objects.in_office()
        .filter(village=village, resident__user=user)
        .select_related("resident")
        .first()
    )
    if member is not None and member.resident.real_name:
        return member.resident.real_name
    return user.get_full_name() or user.get_username()


class SupervisionReviewTaskState(TaskState):
    """One review of one revision: who approved it under which name and on which day, or why it was returned."""

    reviewer_name = models.CharField(_("reviewer"), max_length=60, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision committee review")
        verbose_name_plural = _("supervision committee reviews")

    def _refuse_unless_reviewer(self, user) -> None:
        if user is None or not may_review(user, self.revision.as_object(), self):
            raise PermissionDenied(
                gettext(
                    "Only a member of this village's supervision committee who did not submit the notice can "
                    "review it (VCOL art. 32)."
                )
            )

    def approve(self, user=None, update=True, comment=""):
        self._refuse_unless_reviewer(user)
        notice = self.revision.as_object()
        latest = Page.objects.filter(pk=notice.pk).values_list("latest_revision_id", flat=True).first()
        if latest != self.revision_id:
            # Wagtail publishes the latest revision on approval: approving must approve exactly what was read.
            raise ValidationError(
                gettext("The notice was changed after it was submitted. Return it instead, with your reason.")
            )
        from notices.services import village_of

        self.reviewer_name = reviewer_name(user, village_of(notice))
        self.reviewed_on = timezone.localdate()
        return super().approve(user=user, update=update, comment=comment)

    def reject(self, user=None, update=True, comment=""):
        self._refuse_unless_reviewer(user)
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError(gettext("Give the reason for returning the notice."))
        return super().reject(user=user, update=update, comment=comment[:REASON_MAX_LENGTH])


class SupervisionReviewTask(Task):
    """The village's supervision committee reviews a financial notice before it is published (民主理财)."""

    task_state_class = SupervisionReviewTaskState

    class Meta:
        verbose_name = _("supervision committee review task")
        verbose_name_plural = _("supervision committee review tasks")

    def user_can_access_editor(self, obj, user) -> bool:
        return may_review(user, obj)

    def locked_for_user(self, obj, user) -> bool:
        # What is reviewed is what is published: only the reviewers may act on it while it is under review.
        return not may_review(user, obj)

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        if not may_review(user, obj):
            return []
        # Wagtail's own action names, so its menus ("… and Publish") and cancel rules treat them as approval.
        return [("approve", gettext("Approve after review"), False), ("reject", gettext("Return with a reason"), True)]

    def get_form_for_action(self, action):
        return ReturnForm if action == "reject" else super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        state = task_state.specific
        if action_name == "approve":
            state.approve(user=user, comment=kwargs.get("comment", ""))
        elif action_name == "reject":
            state.reject(user=user, comment=kwargs.get("comment", ""))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """In-progress reviews of notices in the villages whose supervision committee this user sits on."""
        from .review import notice_ids_in_villages, supervised_villages

        villages = supervised_villages(user)
        if not villages:
            return TaskState.objects.none()
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .filter(workflow_state__object_id__in=notice_ids_in_villages(villages))
            .exclude(workflow_state__requested_by=user)
            .exclude(revision__user=user)
        )

    @classmethod
    def get_description(cls) -> str:
        return gettext("The supervision committee of the notice's village reviews it before publication")
