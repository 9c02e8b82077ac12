"""Wagtail's migrations name its default workflow, task and groups in English ("Moderators approval",
"Moderators", "Editors"); the zh-hans admin showed "提交给Moderators approval" (issue 20). They are data, so no
catalogue translates them: they are renamed here, once, and only while they still have Wagtail's names."""

from django.db import migrations

RENAMES = {
    ("wagtailcore", "Workflow"): {"Moderators approval": "发布审核"},
    ("wagtailcore", "Task"): {"Moderators approval": "审核员审批"},
    ("auth", "Group"): {"Moderators": "审核员", "Editors": "编辑"},
}


def rename(apps, schema_editor, reverse=False):
    for (app, model), names in RENAMES.items():
        manager = apps.get_model(app, model).objects
        for english, chinese in names.items():
            old, new = (chinese, english) if reverse else (english, chinese)
            if not manager.filter(name=new).exists():
                manager.filter(name=old).update(name=new)


def unrename(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_portal_home_and_locales"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
