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
        # The village page shows no rules panel (the section tile links them), but templates may ask for the page.
        registry.register_village_panel(
            "rules", lambda _page, section_of, _request: {"rules_page": section_of(VillageRulesPage)}, None, 25
        )
        from . import privacy

        privacy.register_section()
