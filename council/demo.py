"""Demo council pages."""

from wagtail.models import Locale

from home.demo import paragraph
from home.models import VillagePage

from .models import CouncilPage


def seed(log) -> None:
    for village_page in VillagePage.objects.filter(locale=Locale.get_default()):
        council_page = CouncilPage.objects.child_of(village_page).first()
        if council_page is None or council_page.charter:
            continue
        council_page.intro = (
            "<p>村民理事会由村民推选的老党员、老教师、致富能手等组成，协助村委会办理本村公益事业，"
            "听取和反映村民意见。</p>"
        )
        council_page.charter = paragraph(
            "第一条　理事会在村党组织领导下开展工作，接受村民会议和村民代表会议的监督。",
            "第二条　理事会会议须有三分之二以上理事到会方为有效；议事事项须经到会理事过半数同意方为通过。",
            "第三条　涉及村民切身利益的重大事项，理事会只提出建议，由村民会议或者村民代表会议决定。",
        )
        council_page.save_revision().publish()
    log("council: ready")
