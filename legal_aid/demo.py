"""Demo legal services for 柳溪县: a dozen contacts and a dozen legal-education articles, one with a quiz."""

import datetime

from django.db import transaction

from home.demo import ensure_page, paragraph, portal_home
from home.models import Village

from .models import LegalAidContact, LegalAidDirectoryPage, LegalAidKind, LegalEducationIndexPage, LegalEducationPage
from .models import LegalEducationSeries as Series

K = LegalAidKind
# (kind, name, phone, address, reception hours, village codes; empty = whole county)
CONTACTS = [
    (K.HOTLINE, "12348公共法律服务热线", "12348", "", "全天24小时", []),
    (
        K.LEGAL_AID_CENTRE,
        "柳溪县法律援助中心",
        "0376-7212 348",
        "县城人民路88号公共法律服务中心一楼",
        "工作日 8:30–17:30",
        [],
    ),
    (K.LAW_FIRM, "河南柳溪律师事务所", "0376-7218 866", "县城建设路126号", "工作日 9:00–17:00", []),
    (
        K.LAW_FIRM,
        "河南信合律师事务所柳溪分所",
        "0376-7225 018",
        "县城滨河路36号二楼",
        "工作日 8:30–17:30，周六上午",
        [],
    ),
    (
        K.JUSTICE_OFFICE,
        "柳溪镇司法所",
        "0376-7261 0148",
        "柳溪镇政府院内东楼",
        "工作日 8:30–17:30",
        ["dongshan", "xihe"],
    ),
    (K.JUSTICE_OFFICE, "石桥乡司法所", "0376-7385 0148", "石桥乡政府东侧", "工作日 8:30–17:30", ["nangang", "taoyuan"]),
    (
        K.MEDIATION,
        "东山村人民调解委员会",
        "0376-7261 3018",
        "东山村党群服务中心一楼调解室",
        "每周一、周四上午",
        ["dongshan"],
    ),
    (K.MEDIATION, "西河村人民调解委员会", "0376-7261 4102", "西河村村委会院内", "每周二上午", ["xihe"]),
    (K.MEDIATION, "南岗村人民调解委员会", "0376-7385 2207", "南岗村便民服务室", "每周三上午", ["nangang"]),
    (K.MEDIATION, "桃园村人民调解委员会", "0376-7385 3316", "桃园村委会", "每周六上午", ["taoyuan"]),
    (
        K.VILLAGE_ADVISER,
        "刘明律师（河南柳溪律师事务所）",
        "0376-7218 866",
        "东山村党群服务中心一楼",
        "每月第一个星期三上午 9:00–11:30",
        ["dongshan", "xihe"],
    ),
    (
        K.VILLAGE_ADVISER,
        "杨静律师（河南信合律师事务所柳溪分所）",
        "0376-7225 018",
        "南岗村便民服务室",
        "每月第二个星期五上午 9:00–11:30",
        ["nangang", "taoyuan"],
    ),
]

SERIES = [
    ("土地和宅基地", "land", "承包地、流转、宅基地的常见问题。"),
    ("婚姻家庭", "family", "彩礼、赡养、家暴、继承。"),
    ("打工维权", "work", "讨薪、工伤、劳动合同。"),
]

QUIZ = [
    (
        "流转期限五年以上的土地经营权，可以怎么办？",
        ["可以向登记机构申请土地经营权登记", "必须到法院公证", "只能口头约定，不能写合同"],
        0,
        "农村土地承包法第四十一条：土地经营权流转期限为五年以上的，当事人可以向登记机构申请土地经营权登记。",
    ),
    (
        "土地流转以后，能不能把耕地改成养殖场或者盖房子？",
        ["可以，租了就随便用", "不能改变土地的农业用途", "村干部同意就可以"],
        1,
        "农村土地承包法第三十八条：土地经营权流转不得改变土地所有权的性质和土地的农业用途。",
    ),
    (
        "流转期限最长可以签多久？",
        ["想签多久签多久", "三十年", "不得超过承包期的剩余期限"],
        2,
        "农村土地承包法第三十八条：流转期限不得超过承包期的剩余期限。",
    ),
]

# (slug, title, date, series slug, tags, summary, paragraphs)
ARTICLES = [
    (
        "land-transfer-contract",
        "土地流转要签书面合同",
        (2026, 9, 15),
        "land",
        ["土地流转", "合同"],
        "把承包地租给别人种，一定要签书面合同，写清楚期限、租金和到期怎么办。",
        [
            "根据农村土地承包法，土地经营权流转期限为五年以上的，当事人可以向登记机构申请土地经营权登记。",
            "流转合同一般应当写明：双方姓名、地块位置和面积、流转期限、用途、租金和支付方式、到期后地上附着物怎么处理。",
            "流转期限不得超过承包期的剩余期限，不得改变土地的农业用途。租金最好通过银行转账，留下凭据。",
            "签合同前可以请村法律顾问看一看，不收费。",
        ],
    ),
    (
        "bride-price-disputes",
        "彩礼纠纷怎么处理",
        (2026, 10, 20),
        "family",
        ["彩礼", "婚姻"],
        "民法典禁止借婚姻索取财物。没有结婚或者结婚时间很短的，彩礼可以要求返还。",
        [
            "民法典第一千零四十二条规定，禁止借婚姻索取财物。",
            "按照最高人民法院关于彩礼纠纷的司法解释，已经登记结婚但共同生活时间较短、彩礼数额过高的，法院可以根据实际情况判决返还部分彩礼。",
            "发生纠纷，可以先找村人民调解委员会调解，也可以拨打12348咨询。",
        ],
    ),
    (
        "homestead-rules",
        "宅基地一户只能有一处",
        (2026, 8, 2),
        "land",
        ["宅基地", "建房"],
        "农村村民一户只能拥有一处宅基地，面积不能超过省里规定的标准。",
        [
            "土地管理法第六十二条规定，农村村民一户只能拥有一处宅基地，其宅基地的面积不得超过省、自治区、直辖市规定的标准。",
            "建房要先向村民小组和村委会提出申请，经乡镇人民政府审核批准，才能动工。",
            "出卖、出租、赠与住宅后，再申请宅基地的，不予批准。",
        ],
    ),
    (
        "elder-support",
        "赡养老人是子女的法定义务",
        (2026, 7, 18),
        "family",
        ["赡养", "老人"],
        "不管老人有没有分家、有没有财产，成年子女都要赡养。",
        [
            "民法典第一千零六十七条规定，成年子女不履行赡养义务的，缺乏劳动能力或者生活困难的父母，有要求成年子女给付赡养费的权利。",
            "赡养包括经济上供养、生活上照料和精神上慰藉。子女不能以放弃继承权为由拒绝赡养。",
            "老人可以找村人民调解委员会调解，也可以申请法律援助，到法院起诉要求给付赡养费。",
        ],
    ),
    (
        "domestic-violence",
        "遇到家庭暴力怎么办",
        (2026, 6, 30),
        "family",
        ["家暴", "婚姻", "妇女权益"],
        "家暴不是家务事。可以报警、找村委会和妇联，也可以向法院申请人身安全保护令。",
        [
            "反家庭暴力法规定，家庭暴力受害人可以向公安机关报案，也可以向村委会、妇联求助。",
            "遭受家庭暴力或者面临家庭暴力的现实危险，可以向人民法院申请人身安全保护令，法院在七十二小时内作出裁定，情况紧急的二十四小时内作出。",
            "保存好证据：报警回执、伤情照片、就医记录、聊天记录都有用。",
        ],
    ),
    (
        "unpaid-wages",
        "在外打工被欠工资怎么办",
        (2026, 5, 12),
        "work",
        ["讨薪", "农民工"],
        "被拖欠工资，先收集证据，再找劳动保障监察投诉，农民工讨薪可以申请法律援助。",
        [
            "保存好考勤记录、工资条、工友证言、和老板的聊天记录。",
            "可以向用工所在地的劳动保障监察机构投诉，也可以申请劳动仲裁。",
            "农民工请求支付劳动报酬的，申请法律援助不受经济困难条件的限制。拨打12348可以问清楚怎么申请。",
        ],
    ),
    (
        "work-injury",
        "打工受了工伤怎么认定",
        (2026, 4, 8),
        "work",
        ["工伤", "农民工"],
        "受了工伤要在一年内申请工伤认定，单位不申请的，自己也可以申请。",
        [
            "工伤保险条例规定，职工发生事故伤害，所在单位应当自事故发生之日起三十日内提出工伤认定申请。",
            "单位没有申请的，受伤职工或者近亲属可以在一年内直接向社会保险行政部门申请。",
            "没有签劳动合同的，也可以用工资记录、工作证、工友证言证明劳动关系。",
        ],
    ),
    (
        "inheritance-basics",
        "农村房子和存款怎么继承",
        (2026, 3, 21),
        "family",
        ["继承", "老人"],
        "没有遗嘱的，配偶、子女、父母是第一顺序继承人，一般平均分。",
        [
            "民法典规定，继承开始后，有遗嘱的按照遗嘱办理，没有遗嘱的按照法定继承办理。",
            "第一顺序继承人是配偶、子女、父母。同一顺序继承人继承遗产的份额，一般应当均等。",
            "出嫁的女儿和儿子一样有继承权。",
        ],
    ),
    (
        "mediation-free",
        "人民调解不收费",
        (2026, 2, 16),
        "",
        ["人民调解", "纠纷"],
        "邻里纠纷、家庭矛盾可以找村人民调解委员会，调解不收费，达成的协议有法律约束力。",
        [
            "人民调解法规定，人民调解委员会调解民间纠纷，不收取任何费用。",
            "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。",
            "双方可以共同向人民法院申请司法确认，确认后一方不履行的，另一方可以申请强制执行。",
        ],
    ),
    (
        "legal-aid-how",
        "哪些人可以申请法律援助",
        (2026, 1, 10),
        "",
        ["法律援助"],
        "经济困难的，可以申请免费的律师帮助；有些情况不看经济条件。",
        [
            "法律援助法规定，经济困难的公民在请求给付赡养费、抚养费，请求支付劳动报酬，请求工伤赔偿等情况下，可以申请法律援助。",
            "英雄烈士近亲属维权、因见义勇为受到损害请求赔偿等情况，申请法律援助不受经济困难条件的限制。",
            "可以到县法律援助中心申请，行动不便的老年人、残疾人可以预约上门服务。",
        ],
    ),
    (
        "telecom-fraud",
        "防范电信诈骗：三个不要",
        (2025, 12, 5),
        "",
        ["反诈", "老人"],
        "不要相信陌生来电要求转账，不要点陌生链接，不要把验证码告诉别人。",
        [
            "公安机关、法院不会通过电话要求转账到“安全账户”。",
            "自称亲人借钱的，先打电话或者当面核实。",
            "被骗了马上拨打110报警，保存好转账记录。",
        ],
    ),
    (
        "land-contract-women",
        "妇女的承包地受法律保护",
        (2025, 11, 20),
        "land",
        ["妇女权益", "土地流转"],
        "出嫁、离婚、丧偶，妇女的承包地都不能被随便收回。",
        [
            "农村土地承包法规定，承包期内，妇女结婚，在新居住地未取得承包地的，发包方不得收回其原承包地。",
            "妇女离婚或者丧偶，仍在原居住地生活或者不在原居住地生活但在新居住地未取得承包地的，发包方不得收回其原承包地。",
            "村规民约和村民会议的决定，不得侵犯妇女的土地权益。",
        ],
    ),
]


def _seed_contacts() -> None:
    villages = {village.code: village for village in Village.objects.all()}
    for kind, name, phone, address, hours, codes in CONTACTS:
        contact, _created = LegalAidContact.objects.update_or_create(
            kind=kind, name=name, defaults={"phone": phone, "address": address, "reception_hours": hours}
        )
        contact.villages.set([villages[code] for code in codes if code in villages])


NEEDS = ("home",)  # the portal home and the villages (home.seeding)


@transaction.atomic
def seed(log) -> None:
    home = portal_home()
    directory = ensure_page(
        home,
        LegalAidDirectoryPage(
            title="法律援助和法律咨询",
            slug="legal-aid",
            intro="<p>遇到法律问题，可以打电话、上门或者在网上免费咨询。老年人、残疾人可以预约上门服务。"
            "每个村都有村法律顾问，定期到村里接待村民。</p>",
        ),
    )
    if directory.body:
        # The foundation's demo listed the contacts as text; they are structured contacts now.
        directory.body = []
        directory.save_revision().publish()
    _seed_contacts()
    series = {
        slug: Series.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})[0]
        for name, slug, description in SERIES
    }
    education = ensure_page(
        home,
        LegalEducationIndexPage(
            title="学法用法", slug="legal-education", intro="<p>用大白话讲和农村生活有关的法律。</p>"
        ),
    )
    for slug, title, day, series_slug, tags, summary, paragraphs in ARTICLES:
        page = ensure_page(
            education,
            LegalEducationPage(
                title=title,
                slug=slug,
                date=datetime.date(*day),
                summary=summary,
                body=paragraph(*paragraphs),
                series=series.get(series_slug),
            ),
        )
        if (page.series_id is None and series_slug) or not page.tags.exists():
            # Articles from an earlier demo exist without series and tags.
            page.series = series.get(series_slug)
            page.tags.set(tags)
            if slug == "land-transfer-contract":
                page.quiz = [
                    (
                        "question",
                        {
                            "question": question,
                            "choices": [{"text": text, "correct": i == right} for i, text in enumerate(choices)],
                            "explanation": explanation,
                        },
                    )
                    for question, choices, right, explanation in QUIZ
                ]
            page.save_revision().publish()
    log("legal aid and legal education: ready")
