"""Demo village rules in force."""

from wagtail.models import Locale

from home.demo import paragraph
from home.models import VillagePage

from .models import VillageRulesPage

ARTICLES = [
    "第一条　为加强村民自我管理、自我教育、自我服务，根据法律法规，结合本村实际，制定本村规民约。",
    "第二条　村民应当遵守法律法规，爱党爱国，邻里和睦，尊老爱幼。",
    "第三条　红白喜事简办。婚事宴席不超过15桌，每桌标准不超过500元；提倡不收或少收彩礼，彩礼不超过3万元。",
    "第四条　子女应当履行赡养义务，不得让老人独居危房，不得以分家为由拒绝赡养。",
    "第五条　保障妇女土地承包和宅基地权益，出嫁、离婚、丧偶妇女的合法权益任何人不得侵犯。",
    "第六条　垃圾分类投放，不在房前屋后堆放柴草和建筑垃圾，门前三包。",
    "第七条　村民之间发生纠纷，先由村人民调解委员会调解，调解不成的，可以依法申请仲裁或者起诉。",
    "第八条　违反本村规民约的，由村民委员会进行批评教育，责令改正；不得罚款、搜查或者限制人身自由。",
    "第九条　本村规民约经村民会议讨论通过，报乡镇人民政府备案后施行。",
]


def seed(log) -> None:
    for village_page in VillagePage.objects.filter(locale=Locale.get_default()):
        rules_page = VillageRulesPage.objects.child_of(village_page).first()
        if rules_page is None or rules_page.body:
            continue
        rules_page.intro = f"<p>{village_page.title}村规民约，2023年3月村民会议通过，已报乡镇人民政府备案。</p>"
        rules_page.body = paragraph(*ARTICLES)
        rules_page.save_revision().publish()
    log("village rules: ready")
