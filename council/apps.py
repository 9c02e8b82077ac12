from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Villager council")

    def ready(self) -> None:
        from home import registry

        from .models import CouncilPage

        # The base links to this app's pages by role, and every new village gets this section (issue 19).
        registry.register_section("council", CouncilPage, lambda: gettext("Villager council"), "council", 40)
        registry.register_village_panel(
            "council",
            lambda _page, section_of, _request: {"council_page": section_of(CouncilPage)},
            "council/includes/village_council.html",
            30,
        )
        from . import privacy, rules, signals  # noqa: F401  (rules registers permissions, signals the register history)

        privacy.register_section()
        from . import broadcasts

        broadcasts.connect()
        from home.printing import register_printable
        from home.shortlinks import register_kind

        from .models import Meeting
        from .printing import MEETING_KIND, meeting_sheet, resolve_meeting

        register_kind(MEETING_KIND, Meeting, resolve_meeting)
        register_printable(Meeting, "council/meeting_print.html", meeting_sheet)
