from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Public affairs notices")

    def ready(self) -> None:
        from home import registry

        from .models import NoticeIndexPage

        # The base links to this app's pages by role, and every new village gets this section (issue 19).
        registry.register_section("notices", NoticeIndexPage, lambda: gettext("Public affairs"), "notices", 10)
        from .village_panel import village_notices

        registry.register_village_panel("notices", village_notices, "notices/includes/village_notices.html", 10)
        from home.printing import register_printable

        from .models import NoticePage
        from .printing import notice_sheet

        register_printable(NoticePage, "notices/notice_print.html", notice_sheet)
        from . import broadcasts

        broadcasts.connect()
