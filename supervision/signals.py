"""Each village gets its supervision committee group with it, as it gets its committee group."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from home.models import Village

from .roles import supervision_group


@receiver(post_save, sender=Village, dispatch_uid="supervision_group")
def village_saved(sender, instance: Village, raw: bool = False, **kwargs) -> None:
    if not raw:
        supervision_group(instance)
