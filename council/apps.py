from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Villager council")

    def ready(self) -> None:
        from . import privacy, rules, signals  # noqa: F401  (rules registers permissions, signals the register history)

        privacy.register_section()
