from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from home import registry

        from .models import ConsultationIndexPage

        # The base links to this app's pages by role, and every new village gets this section (issue 19).
        registry.register_section(
            "consultations", ConsultationIndexPage, lambda: gettext("Consultations"), "consultations", 30
        )
        from .village_panel import village_consultations

        registry.register_village_panel(
            "consultations", village_consultations, "consultations/includes/village_consultations.html", 20
        )
        registry.register_periodic_job("phase announcements", _announce_phases, 10)
        from . import privacy, rules  # noqa: F401  (rules registers the permissions)

        privacy.register_section()
        from home.printing import register_printable

        from .models import ConsultationPage
        from .printing import consultation_sheet

        register_printable(ConsultationPage, "consultations/consultation_print.html", consultation_sheet)

        from django.db.models.signals import pre_delete

        from . import broadcasts
        from .models import Option
        from .models.questions import refuse_deleting_counted_options

        broadcasts.connect()
        pre_delete.connect(refuse_deleting_counted_options, sender=Option, dispatch_uid="counted_options_kept")


def _announce_phases() -> int:
    """The periodic job: announce every phase that has opened since the last run (consultations.tasks)."""
    from .tasks import announce_phases

    return announce_phases.call()
