"""Make the portal home page the site root, and set up the three content locales.

Traditional Chinese and English are synchronised from Simplified Chinese, so every page exists in
every language (as an alias until an editor translates it) and links never fall back to another tree.
"""

import uuid

from django.db import migrations

DEFAULT_LANGUAGE = "zh-hans"
OTHER_LANGUAGES = ["zh-hant", "en"]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize.LocaleSynchronization")
    PortalHomePage = apps.get_model("home.PortalHomePage")

    default_locale, _ = Locale.objects.get_or_create(language_code=DEFAULT_LANGUAGE)
    for language_code in OTHER_LANGUAGES:
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default_locale})

    # Wagtail's own first migration leaves a "Welcome" page at depth 2; the portal home replaces it.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2).delete()
    if PortalHomePage.objects.exists():
        return
    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="portalhomepage")
    root = Page.objects.get(depth=1)
    home = PortalHomePage.objects.create(
        title="村务通",
        draft_title="村务通",
        slug="home",
        county_name="本县",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=default_locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="村务通")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
