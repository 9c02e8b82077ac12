"""Demo village rules: the full text in force (2023) and the earlier 2019 text, for every demo village."""

import datetime

from django.db import transaction
from wagtail.models import Locale

from home.models import VillagePage
from home.seeding import Seeder

from .models import RulesVersion, VillageRulesPage

# The 2023 text. {village} is replaced by the village name.
CHAPTERS_2023: list[tuple[str, list[str]]] = [
    (
        "总则",
        [
            "为了加强村民自我管理、自我教育、自我服务，推进移风易俗，建设和谐美丽{village}，根据《中华人民共和国村民委员会组织法》等法律法规，结合本村实际，制定本村规民约。",
            "本村规民约适用于本村全体村民，在本村居住的外来人员参照执行。",
            "村民应当遵守宪法和法律法规，爱党爱国，崇德向善，邻里和睦，尊老爱幼。",
        ],
    ),
    (
        "社会治安",
        [
            "村民应当自觉维护村里的公共秩序，不参与赌博、不传播谣言，发现违法犯罪行为及时向村委会或者公安机关报告。",
            "爱护公共设施，不得损坏村里的道路、路灯、水渠、健身器材和监控设备；损坏的，照价赔偿。",
            "加强防火安全，不在山林、田间野外用火，不焚烧秸秆，家中电线老化的及时更换。",
        ],
    ),
    (
        "村风民俗",
        [
            "红白喜事简办，婚事宴席不超过15桌，每桌标准不超过500元；丧事从简，不搞封建迷信活动。",
            "提倡不收彩礼或者少收彩礼，彩礼最高不超过3万元，反对借婚姻索取财物。",
            "红白理事会负责指导和监督红白喜事，村民办事前向红白理事会报备。",
            "倡导文明新风，积极参加文化广场活动和“好媳妇”“好婆婆”评选。",
        ],
    ),
    (
        "婚姻家庭",
        [
            "男女平等，婚姻自由，反对包办、买卖婚姻。",
            "子女应当履行赡养义务，不得让老人独居危房，不得以分家、放弃继承等为由拒绝赡养。",
            "反对家庭暴力。发生家庭暴力的，村委会、妇联应当及时劝阻、调解，并协助受害人报警或者申请人身安全保护令。",
            "保障妇女土地承包和宅基地权益，出嫁、离婚、丧偶妇女的合法权益任何人不得侵犯。",
        ],
    ),
    (
        "邻里关系和土地",
        [
            "邻里之间互谅互让，建房、排水、通行等事项发生矛盾的，协商解决。",
            "村民建房应当依法申请宅基地，按照批准的位置和面积建设，不得占用耕地和村内道路。",
            "承包地流转应当签订书面合同，写明期限、租金和用途，不得改变土地的农业用途。",
        ],
    ),
    (
        "环境卫生",
        [
            "垃圾分类投放，不在房前屋后堆放柴草、粪便和建筑垃圾，实行门前三包。",
            "畜禽圈养，不得散放在村内道路和公共场所。",
            "爱护河道和水塘，不向河里倾倒垃圾、排放污水。",
        ],
    ),
    (
        "纠纷调解和奖惩",
        [
            "村民之间发生纠纷，可以先由村人民调解委员会调解；调解不成的，可以依法申请仲裁或者向人民法院起诉，也可以拨打12348咨询。",
            "对遵守本村规民约表现突出的村民和家庭，由村委会在村务公开栏表扬，并优先推荐参加各级评先评优。",
            "违反本村规民约的，由村民委员会进行批评教育，责令改正；情节严重的，在村民会议上通报。不得罚款、搜查或者限制人身自由。",
        ],
    ),
    (
        "附则",
        [
            "本村规民约经村民会议讨论通过，报乡镇人民政府备案后施行。",
            "本村规民约由村民委员会负责解释。",
        ],
    ),
]

# What the 2019 text said differently, by (chapter index, article index) in CHAPTERS_2023; None = not there yet.
CHANGES_2019: dict[tuple[int, int], str | None] = {
    (2, 0): "红白喜事简办，婚事宴席不超过20桌，每桌标准不超过600元；丧事从简。",
    (2, 1): "提倡少收彩礼，彩礼最高不超过5万元。",
    (2, 2): None,
    (3, 2): None,
    (5, 1): None,
    (6, 2): "违反本村规民约的，由村民委员会进行批评教育，责令改正。",
}
EXTRA_2019 = (5, "不得在村内燃放烟花爆竹。")  # an article of 2019 dropped in 2023: fireworks now follow county rules


def text_2023(village: str) -> list[tuple[str, dict]]:
    return [
        ("chapter", {"title": title, "articles": [a.format(village=village) for a in articles]})
        for title, articles in CHAPTERS_2023
    ]


def text_2019(village: str) -> list[tuple[str, dict]]:
    chapters = []
    for c, (title, articles) in enumerate(CHAPTERS_2023):
        kept = []
        for a, article in enumerate(articles):
            changed = CHANGES_2019.get((c, a), article)
            if changed is not None:
                kept.append(changed.format(village=village))
        if c == EXTRA_2019[0]:
            kept.append(EXTRA_2019[1])
        chapters.append(("chapter", {"title": title, "articles": kept}))
    return chapters


@transaction.atomic
def seed(log) -> None:
    for village_page in VillagePage.objects.filter(locale=Locale.get_default()).select_related("village"):
        rules_page = VillageRulesPage.objects.child_of(village_page).first()
        if rules_page is None or rules_page.versions.exists():
            continue
        name = village_page.village.name
        adults = village_page.village.adult_villagers
        rules_page.intro = (
            f"<p>{name}村规民约由村民会议讨论通过，报{village_page.village.township}人民政府备案。"
            "对村规民约有意见和建议的，可以随时向村委会提出。</p>"
        )
        rules_page.body = []
        rules_page.versions = [
            RulesVersion(
                title="2023年修订版",
                meeting="2023年第一次村民会议",
                adopted_on=datetime.date(2023, 3, 12),
                votes_for=adults * 3 // 5,
                votes_against=adults // 20,
                votes_abstain=adults // 25,
                filed_on=datetime.date(2023, 3, 17),
                text=text_2023(name),
            ),
            RulesVersion(
                title="2019年版",
                meeting="2019年第二次村民会议",
                adopted_on=datetime.date(2019, 6, 23),
                votes_for=adults * 11 // 20,
                votes_against=adults // 15,
                votes_abstain=adults // 30,
                filed_on=datetime.date(2019, 6, 28),
                text=text_2019(name),
            ),
        ]
        rules_page.save_revision().publish()
    log("village rules: ready")


def _seed_revisions(log) -> None:
    from . import demo_revisions  # it imports this module's texts

    demo_revisions.seed(log)


# home.seeding runs these: the rules once the villages exist; the revisions when the committees' and the
# township's accounts, the residents and the council exist (they go through the township's review and an assembly).
SEEDERS = [
    Seeder("village_rules", seed, needs=("home",)),
    Seeder("village_rules.revisions", _seed_revisions, needs=("village_rules", "residents", "council", "grid")),
]
