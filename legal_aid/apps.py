from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAidConfig(AppConfig):
    name = "legal_aid"
    verbose_name = _("Legal aid and legal education")

    def ready(self) -> None:
        from home import registry

        from .models import LegalAidDirectoryPage

        # The elder-mode shortcut "Legal help" links to the directory by role (issue 19).
        registry.register_page_role("legal_directory", LegalAidDirectoryPage)
        from .services import legal_services_for

        registry.register_village_panel(
            "legal_aid",
            lambda page, _section_of, _request: {"legal_services": legal_services_for(page.village)},
            "legal_aid/includes/village_legal_services.html",
            40,
        )
