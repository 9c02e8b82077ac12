"""Demo legal-aid directory and legal-education articles for the whole county."""

import datetime

from home.demo import ensure_page, paragraph, portal_home

from .models import LegalAidDirectoryPage, LegalEducationIndexPage, LegalEducationPage


def seed(log) -> None:
    home = portal_home()
    ensure_page(
        home,
        LegalAidDirectoryPage(
            title="法律援助和法律咨询",
            slug="legal-aid",
            intro="<p>遇到法律问题，可以打电话、上门或者在网上免费咨询。老年人、残疾人可以预约上门服务。</p>",
            body=paragraph(
                "全国公共法律服务热线：12348，全天24小时有人接听。",
                "柳溪县法律援助中心：县城人民路88号公共法律服务中心一楼，电话 0376-7212 348，工作日 8:30–17:30。",
                "柳溪镇司法所：镇政府院内，电话 0376-7261 0148。石桥乡司法所：乡政府东侧，电话 0376-7385 0148。",
                "每个村都有村法律顾问，每月第一个星期三上午在村委会接待村民。",
            ),
        ),
    )
    education = ensure_page(
        home,
        LegalEducationIndexPage(
            title="学法用法",
            slug="legal-education",
            intro="<p>用大白话讲和农村生活有关的法律。</p>",
        ),
    )
    ensure_page(
        education,
        LegalEducationPage(
            title="土地流转要签书面合同",
            slug="land-transfer-contract",
            date=datetime.date(2026, 9, 15),
            summary="把承包地租给别人种，一定要签书面合同，写清楚期限、租金和到期怎么办。",
            body=paragraph(
                "根据农村土地承包法，土地经营权流转期限为五年以上的，当事人可以向登记机构申请土地经营权登记。",
                "流转合同一般应当写明：双方姓名、地块位置和面积、流转期限、用途、租金和支付方式、到期后地上附着物怎么处理。",
                "流转期限不得超过承包期的剩余期限，不得改变土地的农业用途。",
            ),
        ),
    )
    ensure_page(
        education,
        LegalEducationPage(
            title="彩礼纠纷怎么处理",
            slug="bride-price-disputes",
            date=datetime.date(2026, 10, 20),
            summary="民法典禁止借婚姻索取财物。没有结婚或者结婚时间很短的，彩礼可以要求返还。",
            body=paragraph(
                "民法典第一千零四十二条规定，禁止借婚姻索取财物。",
                "按照最高人民法院关于彩礼纠纷的司法解释，已经登记结婚但共同生活时间较短、彩礼数额过高的，"
                "法院可以根据实际情况判决返还部分彩礼。",
                "发生纠纷，可以先找村人民调解委员会调解，也可以拨打12348咨询。",
            ),
        ),
    )
    log("legal aid and legal education: ready")
