from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "grid"
    verbose_name = _("Grid management and resident requests")

    def ready(self) -> None:
        from . import privacy

        privacy.register_section()
