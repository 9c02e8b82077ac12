"""Keep each village's group, collection, pages and permissions in step with the register."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Village, VillagePage
from .services import grant_committee_page_permissions, provision_village


@receiver(post_save, sender=Village, dispatch_uid="provision_village")
def village_saved(sender, instance: Village, raw: bool = False, **kwargs) -> None:
    if not raw:
        provision_village(instance)


@receiver(post_save, sender=VillagePage, dispatch_uid="village_page_permissions")
def village_page_saved(sender, instance: VillagePage, created: bool, raw: bool = False, **kwargs) -> None:
    # Translations and aliases of a village page are new pages: the committee must reach them too.
    if created and not raw:
        grant_committee_page_permissions(instance)
