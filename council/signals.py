"""Every change of a village's register figures is kept as a dated record (council.models.register)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from home.models import Village


@receiver(post_save, sender=Village, dispatch_uid="council_record_register")
def keep_register_history(sender, instance: Village, raw: bool = False, **kwargs) -> None:
    if raw:  # fixtures load their own history
        return
    from .services import record_register

    record_register(instance)
