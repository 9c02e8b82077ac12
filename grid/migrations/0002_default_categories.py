"""The default request categories, mapped to the four platforms, with the DOMAIN.md §8 deadlines."""

from django.db import migrations

CATEGORIES = [
    # code, name, platform, description, keywords, mediation
    ("mediation", "矛盾纠纷调解", "zongzhi", "邻里、家庭、土地等矛盾纠纷，请村里出面调解", "纠纷,调解,邻里", True),
    ("public-safety", "治安隐患", "zongzhi", "治安、消防、安全隐患", "治安,消防,安全", False),
    ("food-safety", "食品安全", "shichang", "小卖部、餐馆、流动摊贩的食品安全问题", "食品,过期,卫生", False),
    ("consumer", "价格与消费投诉", "shichang", "乱收费、缺斤短两、假冒伪劣", "价格,收费,假货", False),
    ("building", "违章搭建", "zhifa", "乱搭乱建、占用道路或耕地", "违建,占道,耕地", False),
    ("sanitation", "环境卫生", "zhifa", "垃圾堆放、污水、焚烧秸秆", "垃圾,污水,焚烧", False),
    ("roads-lights", "道路与路灯", "bianmin", "道路破损、路灯不亮、桥涵损坏", "道路,路灯,桥", False),
    ("water-power", "供水用电", "bianmin", "自来水、用电、灌溉设施问题", "停水,停电,灌溉", False),
    ("social-services", "社保医保办理", "bianmin", "养老保险、医保、低保等事项咨询办理", "社保,医保,低保", False),
]


def create(apps, schema_editor):
    RequestCategory = apps.get_model("grid", "RequestCategory")
    for order, (code, name, platform, description, keywords, mediation) in enumerate(CATEGORIES):
        RequestCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "platform": platform,
                "description": description,
                "keywords": keywords,
                "is_mediation": mediation,
                "sort_order": order,
                "accept_days": 2,
                "resolve_days": 7,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("grid", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
