"""The democratic financial review's workflow (民主理财审核) with its one task, the supervision committee's review.

Made here so that the county only has to choose it on a notice category (notices.NoticeCategory.review_workflow);
no category is switched on by this migration: that is the county's decision.
"""

from django.db import migrations

WORKFLOW_NAME = "民主理财审核"
TASK_NAME = "村务监督委员会审核"


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    SupervisionReviewTask = apps.get_model("supervision", "SupervisionReviewTask")
    content_type, _created = ContentType.objects.get_or_create(app_label="supervision", model="supervisionreviewtask")
    task = SupervisionReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SupervisionReviewTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_financial_review_task"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
