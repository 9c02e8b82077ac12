from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "grid"
    verbose_name = _("Grid management and resident requests")

    def ready(self) -> None:
        from home import registry

        from . import privacy
        from .services import close_unrated, public_grid_workers

        privacy.register_section()
        registry.register_village_panel(
            "grid",
            lambda page, _section_of, _request: {"grid_workers": public_grid_workers(page.village)},
            "grid/includes/village_grids.html",
            50,
        )
        registry.register_periodic_job("requests closed unrated", close_unrated, 20)
        registry.register_village_action("report", lambda village: reverse("grid:new", args=[village.code]))
