from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageRulesConfig(AppConfig):
    name = "village_rules"
    verbose_name = _("Village rules")

    def ready(self) -> None:
        from . import privacy

        privacy.register_section()
