"""Creating a village provisions its group, media collection, page tree and permissions."""

from django.contrib.auth.models import Permission
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale

from consultations.models import ConsultationIndexPage
from council.models import CouncilPage
from home.models import Village, VillagePage
from home.services import provision_village
from notices.models import NoticeIndexPage
from village_rules.models import VillageRulesPage


def test_new_village_gets_page_and_sections_in_every_locale(translated_trees, make_village, portal_home):
    village = make_village(code="xihe", name="西河村")

    pages = VillagePage.objects.filter(village=village)
    assert {page.locale.language_code for page in pages} == {"zh-hans", "zh-hant", "en"}
    source = pages.get(locale=Locale.get_default())
    assert source.get_parent().specific == portal_home
    assert source.slug == "xihe" and source.title == "西河村" and source.live
    section_types = [type(child.specific) for child in source.get_children()]
    assert section_types == [NoticeIndexPage, VillageRulesPage, ConsultationIndexPage, CouncilPage]
    # Section titles are content in the default language, whatever the editor's UI language is.
    assert source.get_children().first().title == "村务公开"


def test_new_village_gets_committee_group_scoped_to_its_pages(make_village):
    village = make_village()
    group = village.committee_group

    assert group is not None and village.code in group.name
    assert group.permissions.filter(codename="access_admin").exists()
    scoped_pages = {p.page_id for p in GroupPagePermission.objects.filter(group=group)}
    assert scoped_pages == set(VillagePage.objects.filter(village=village).values_list("pk", flat=True))
    codenames = set(GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    # Archive, never delete (VCOL art. 34): the committee cannot delete pages.
    assert "delete_page" not in codenames


def test_new_village_gets_its_own_media_collection(make_village):
    village = make_village(name="南岗村", code="nangang")

    assert village.collection is not None and "南岗村" in village.collection.name
    granted = set(
        GroupCollectionPermission.objects.filter(
            group=village.committee_group, collection=village.collection
        ).values_list("permission__codename", flat=True)
    )
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= granted


def test_provisioning_twice_changes_nothing(make_village):
    village = make_village()
    counts = (
        VillagePage.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Permission.objects.filter(group=village.committee_group).count(),
    )

    provision_village(Village.objects.get(pk=village.pk))
    village.save()

    assert counts == (
        VillagePage.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Permission.objects.filter(group=village.committee_group).count(),
    )


def test_renaming_village_renames_its_group(make_village):
    village = make_village(name="桃园村", code="taoyuan")
    village.name = "桃源村"
    village.save()

    village.committee_group.refresh_from_db()
    assert "桃源村" in village.committee_group.name
