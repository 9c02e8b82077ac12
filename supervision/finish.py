"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail publishes the object's latest revision as the last approver, which needs that approver's publish
permission. The supervision committee has none, and should have none (it reviews the village committee's
notices, it does not publish pages): its approval of that very revision is what permits this one publication.
Every other workflow finishes as Wagtail's own does. Imported by Wagtail while its models load, so this module
imports nothing at module level.
"""


def publish_workflow_state(workflow_state, user=None) -> None:
    from wagtail.models import TaskState
    from wagtail.workflows import publish_workflow_state as wagtail_publish

    from .workflow import SupervisionReviewTaskState

    revision = workflow_state.content_object.get_latest_revision()
    approved_by_committee = (
        user is not None
        and SupervisionReviewTaskState.objects.filter(
            workflow_state=workflow_state,
            revision=revision,
            status=TaskState.STATUS_APPROVED,
            reviewed_on__isnull=False,
            finished_by=user,
        ).exists()
    )
    if not approved_by_committee:
        wagtail_publish(workflow_state, user=user)
        return
    # The publish layer (supervision.review via home.privacy.guard) still checks the approval and the content.
    revision.publish(user=user, skip_permission_checks=True)
