from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class VillageRulesConfig(AppConfig):
    name = "village_rules"
    verbose_name = _("Village rules")

    def ready(self) -> None:
        from home import registry

        from .models import VillageRulesPage

        # The base links to this app's pages by role, and every new village gets this section (issue 19).
        registry.register_section("rules", VillageRulesPage, lambda: gettext("Village rules"), "rules", 20)
        from . import privacy

        privacy.register_section()
