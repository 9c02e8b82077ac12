"""Actions that change the page tree and permissions for a village. Safe to run again on the same village."""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page

from .models import PortalHomePage, Village, VillagePage

logger = logging.getLogger(__name__)

# A committee edits and publishes its own village's pages. It never deletes one: notices, minutes and
# ballots are archived, not removed (VCOL art. 34).
COMMITTEE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COMMITTEE_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _section_pages() -> list[tuple[type[Page], str, str]]:
    """(page type, title, slug) for the sections every village starts with, as the feature apps registered them."""
    from . import registry

    return registry.sections()


@transaction.atomic
def provision_village(village: Village) -> VillagePage | None:
    """Give a village its committee group, media collection, page and sections, and scope the group to them."""
    group = _ensure_committee_group(village)
    _ensure_collection(village, group)
    village_page = _ensure_village_page(village)
    for page in VillagePage.objects.filter(village=village):
        grant_committee_page_permissions(page)
    return village_page


def _ensure_committee_group(village: Village) -> Group:
    group = village.committee_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=village.committee_group_name)
        Village.objects.filter(pk=village.pk).update(committee_group=group)
        village.committee_group = group
    elif group.name != village.committee_group_name:
        group.name = village.committee_group_name
        group.save(update_fields=["name"])
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    # Translating its own pages (search.translation_access scopes the submission to pages the group may edit).
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    )
    return group


def _ensure_collection(village: Village, group: Group) -> Collection:
    collection = village.collection
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=f"{village.name} ({village.code})")
        Village.objects.filter(pk=village.pk).update(collection=collection)
        village.collection = collection
    for app_label, codename in COMMITTEE_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return collection


def _ensure_village_page(village: Village) -> VillagePage | None:
    default_locale = Locale.get_default()
    existing = VillagePage.objects.filter(village=village, locale=default_locale).first()
    if existing is not None:
        return existing
    portal = PortalHomePage.objects.filter(locale=default_locale).first()
    if portal is None:
        logger.warning("No portal home page yet: village %s gets its page when one exists.", village.code)
        return None
    village_page = portal.add_child(instance=VillagePage(title=village.name, slug=village.code, village=village))
    village_page.save_revision().publish()
    new_pages: list[Page] = [village_page]
    # Section titles are content in the default locale, whatever language the editor's admin uses.
    with translation.override(default_locale.language_code):
        sections = _section_pages()
    for page_type, title, slug in sections:
        section = village_page.add_child(instance=page_type(title=title, slug=slug))
        section.save_revision().publish()
        new_pages.append(section)
    _mirror_into_synchronised_locales(new_pages)
    return village_page


def _mirror_into_synchronised_locales(pages: list[Page]) -> None:
    """Create aliases in every locale synchronised from this one, as the admin does for pages made there."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    for page in pages:
        create_aliases_for_new_page(page)


def grant_committee_page_permissions(village_page: VillagePage) -> None:
    """Let the village's committee edit and publish this village page and everything under it, nothing else."""
    group = village_page.village.committee_group
    if group is None:
        return
    for codename in COMMITTEE_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=village_page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
