"""Helpers for data migrations (they receive historical models, so they import nothing from the apps' models)."""

from collections import defaultdict

from django.conf import settings


def record_page_ids(apps) -> dict[int, int]:
    """Every page id → the id of its record page (home.translations): the default-locale page of its translation
    group, else the group's first page."""
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True).first()
    groups = defaultdict(list)
    for pk, key, locale_id in Page.objects.values_list("pk", "translation_key", "locale_id"):
        groups[key].append((pk, locale_id))
    mapping = {}
    for members in groups.values():
        in_default = [pk for pk, locale_id in members if locale_id == default]
        record = min(in_default) if in_default else min(pk for pk, _locale in members)
        for pk, _locale in members:
            mapping[pk] = record
    return mapping


def move_onto_record_pages(model, field: str, mapping: dict[int, int], unique_with: tuple[str, ...] = ()) -> None:
    """Point `field` of every row at its record page. Where (record page, *unique_with) is taken already, the row
    would be a duplicate of one the record page has: it is deleted (follows and phase notices only)."""
    attname = f"{field}_id"
    for row in model.objects.exclude(**{f"{field}__isnull": True}).order_by("pk"):
        record = mapping.get(getattr(row, attname))
        if record is None or record == getattr(row, attname):
            continue
        if unique_with:
            taken = model.objects.filter(**{attname: record}, **{name: getattr(row, name) for name in unique_with})
            if taken.exists():
                row.delete()
                continue
        model.objects.filter(pk=row.pk).update(**{attname: record})
    # queryset.update() sends no signal: without this, cached pages would show the rows where they were.
    from home.caches import clear_portal_caches

    clear_portal_caches()
