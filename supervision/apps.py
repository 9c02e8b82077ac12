from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

PANEL_TEMPLATE = "supervision/includes/village_supervision.html"


class SupervisionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "supervision"
    verbose_name = _("Village affairs supervision")

    def ready(self) -> None:
        from home import registry

        from . import rules, signals  # noqa: F401  (rules registers permissions, signals the village roles)
        from .services import remind_and_escalate

        # Reminders before a complaint's reply deadline and escalation to the county after it (VCOL art. 31).
        registry.register_periodic_job("complaints reminded or escalated", remind_and_escalate, 30)

        from consultations import locks, paper_clerks

        from .evaluation_services import holds_ballot
        from .evaluation_services import paper_clerks as evaluation_clerks

        # 民主评议 (art. 33): the supervision committee enters the evaluation's paper ballots, not the rated
        # committee, and the ballot's questions and options are frozen from the start (the rated committee edits
        # its village's pages, and may not reword them before the first vote).
        paper_clerks.register(evaluation_clerks)
        locks.register_held_ballots(holds_ballot)

        from django.urls import reverse

        # The village page links the calendar, complaints and audits (no query: the panel only reverses URLs), and
        # elder mode's shortcuts reach the village's disclosure calendar, from which the complaint form is a click.
        registry.register_village_panel("supervision", lambda page, _section_of, _request: {}, PANEL_TEMPLATE, 60)
        registry.register_village_action(
            "supervision", lambda village: reverse("supervision:village_calendar", args=[village.code])
        )

        from home.privacy.guard import PublishCheck, register_publish_check

        from .review import refuse_unreviewed_live_save, refuse_unreviewed_publish

        # 民主理财: a financial notice of a reviewed category goes live only as the revision the village's supervision
        # committee approved, on every publish route (the same layers as the personal-data guard).
        register_publish_check(
            PublishCheck("supervision_review", refuse_unreviewed_publish, refuse_unreviewed_live_save)
        )
