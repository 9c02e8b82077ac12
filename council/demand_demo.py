"""Demo demands for a meeting in 东山村: one met (linked to the meeting the committee called) and one open.

Called from council.demo's seeder, after the residents and the meetings exist. Safe to run again.
"""

import datetime

from residents.models import Resident

from . import demand_rules, demand_services, services
from .models import MeetingDemand

# Representatives registered at the village office (no login): their signatures are on the paper sheet.
PAPER_REPRESENTATIVES = [
    ("王德明", "0121"),
    ("赵桂芳", "0122"),
    ("陈长林", "0123"),
    ("刘振华", "0124"),
    ("周秀兰", "0125"),
    ("吴金宝", "0126"),
    ("冯老根", "0127"),
    ("郑海燕", "0128"),
]


def _paper_representative(village, admin, name: str, household: str) -> Resident:
    resident, _created = Resident.objects.get_or_create(
        village=village,
        household_number=household,
        source=Resident.Source.COUNTER,
        defaults={
            "real_name": name,
            "display_name": name[0] + "*" + name[2:],
            "is_representative": True,
            "verification": Resident.Verification.VERIFIED,
            "registered_by": admin,
        },
    )
    return resident


def seed(village, admin) -> None:
    if MeetingDemand.objects.filter(village=village).exists():
        return
    representative = Resident.objects.filter(village=village, user__username="representative").first()
    resident = Resident.objects.filter(village=village, user__username="resident").first()
    if representative is None or resident is None:
        return
    # Met: one fifth of the representatives asked for a representatives' meeting on the irrigation channel.
    met = demand_services.start_demand(
        representative.user,
        village,
        demand_rules.REPRESENTATIVES_MEETING,
        "村东灌溉水渠维修资金使用方案",
        "村东水渠去年汛期冲毁两处，春灌前必须修好。维修资金怎么用、由谁施工，应当由村民代表会议讨论决定。",
    )
    for name, household in PAPER_REPRESENTATIVES:
        met.refresh_from_db()
        if met.is_met:
            break
        demand_services.enter_paper_signature(admin, met, _paper_representative(village, admin, name, household))
    met.refresh_from_db()
    if met.is_met:
        meeting = services.record_meeting(
            None,
            village,
            kind="representatives",
            title="村民代表会议：村东灌溉水渠维修资金",
            date=datetime.date(2026, 12, 18),
            place="村党群服务中心二楼会议室",
            convener="村民委员会",
        )
        demand_services.link_meeting(admin, met, meeting)
    # Open: villagers collecting signatures for an assembly on the land-transfer income.
    open_demand = demand_services.start_demand(
        resident.user,
        village,
        demand_rules.ASSEMBLY_BY_VILLAGERS,
        "村集体土地流转收益分配方案",
        "村北120亩土地流转给合作社已满一年，收益怎么分配要由村民会议讨论决定（《村民委员会组织法》第二十四条）。",
    )
    offline = Resident.objects.filter(village=village, source=Resident.Source.COUNTER, is_representative=False).first()
    if offline is not None:
        demand_services.enter_paper_signature(admin, open_demand, offline)
