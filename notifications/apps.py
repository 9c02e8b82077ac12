from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from home import registry

        from . import privacy
        from .tasks import release_due_deliveries

        privacy.register_section()
        # Quiet hours ended, the daily cap renewed, a worker died: every few minutes, what waited goes out.
        registry.register_periodic_job("broadcast deliveries released", release_due_deliveries, 40)
