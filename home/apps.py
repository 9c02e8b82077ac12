from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portal and villages")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the village provisioning handlers)
