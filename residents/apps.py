from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = _("Residents")

    def ready(self) -> None:
        from home.models import Village
        from portal import staff_security  # noqa: F401  (connects its user_logged_in receiver)

        from . import first_signin, signals  # noqa: F401  (first_signin connects its user_logged_in receiver)
        from .models import Resident

        post_save.connect(signals.village_saved, sender=Village, dispatch_uid="residents_village_council_group")
        post_save.connect(signals.resident_saved, sender=Resident, dispatch_uid="residents_sync_groups")
