"""The scale generator behind `manage.py seed_county`: a whole county of plausible villages and years of records.

Villages go through the register's own checks (residents.village_register.plan_register) and are saved like an
editor's save, so home.services.provision_village gives each its group, collection and page tree in every
language (the slow part: it is timed). Then each village gets its residents, its notices by the disclosure
calendar (batched page inserts, county_seed.pages), one consultation a year with ballots, grid requests
and quarterly representatives' meetings. The search index is rebuilt and the caches cleared at the end.

Not idempotent, on purpose: a second run over a county it already generated is refused before writing
anything (`AlreadySeeded`), since "the same rows again" is not what a scale bench wants. The whole run is one
transaction: a failure leaves nothing behind.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from . import plan, records

Log = Callable[[str], None]
CLERK = "county-seed-clerk"  # the account that "entered" the generated paper ballots


class AlreadySeeded(Exception):
    """The villages this run would create exist already."""


class RegisterRefused(Exception):
    """The generated register failed the register import's checks (a bug in the generator)."""


@dataclass(frozen=True)
class Sizes:
    villages: int = 305
    years: int = 5
    residents_percent: float = 3.0
    seed: int = 21


@dataclass
class Report:
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + count


def register_table(villages: list[plan.VillagePlan]) -> list[list[str]]:
    """The register as a county keeps it (docs/county.md §1), to be checked like an uploaded one."""
    header = ["统计用区划代码", "村名", "乡镇", "成年村民", "户数", "村民代表"]
    return [header] + [
        [v.division_code, v.name, v.township, str(v.adult_villagers), str(v.households), str(v.representatives)]
        for v in villages
    ]


def seed_county(sizes: Sizes, log: Log = lambda message: None) -> Report:
    from home.models import Village
    from residents.village_register import plan_register

    rng = random.Random(sizes.seed)  # noqa: S311  (repeatable generated data, not secrets)
    planned = plan.plan_villages(sizes.villages, rng, plan.county_prefix(settings.COUNTY_DIVISION_CODE))
    existing = Village.objects.filter(division_code__in=[v.division_code for v in planned]).count()
    if existing:
        raise AlreadySeeded(
            f"{existing} of the {len(planned)} villages this run would create exist already (by division code): "
            "the county has been generated in this database. Use a new database to generate it again."
        )
    register = plan_register(register_table(planned))
    if not register.ok:
        raise RegisterRefused("; ".join(f"row {row.number}: {row.errors}" for row in register.bad_rows))
    report = Report()
    began = time.monotonic()
    with transaction.atomic():
        clerk, _created = get_user_model().objects.get_or_create(
            username=CLERK, defaults={"password": make_password(None)}
        )
        villages = _villages(planned, report, log)
        _contents(villages, planned, sizes, clerk, report, log)
        step = time.monotonic()
        from search.indexing import rebuild

        report.add("search rows", rebuild())
        report.seconds["search index rebuild"] = time.monotonic() - step
    from home.caches import clear_portal_caches

    clear_portal_caches()
    report.seconds["total"] = time.monotonic() - began
    return report


def _villages(planned: list[plan.VillagePlan], report: Report, log: Log) -> list:
    from home.models import Village
    from residents.village_register import new_village_code

    taken = set(Village.objects.values_list("code", flat=True))
    villages = []
    step = time.monotonic()
    for number, village in enumerate(planned, start=1):
        code = new_village_code(village.name, village.division_code, taken)
        taken.add(code)
        # A plain save: the post_save signal provisions the group, collection and pages (home.signals).
        villages.append(
            Village.objects.create(
                code=code,
                division_code=village.division_code,
                name=village.name,
                township=village.township,
                adult_villagers=village.adult_villagers,
                households=village.households,
                representatives=village.representatives,
                register_updated_on=timezone.localdate().replace(month=1, day=1),
            )
        )
        if number % 10 == 0 or number == len(planned):
            elapsed = time.monotonic() - step
            log(f"villages: {number}/{len(planned)} provisioned, {elapsed / number:.2f} s each")
    report.seconds["villages (provisioning)"] = time.monotonic() - step
    report.add("villages", len(villages))
    return villages


def _contents(villages, planned, sizes: Sizes, clerk, report: Report, log: Log) -> None:
    today = timezone.localdate()
    timers = dict.fromkeys(["residents", "notices", "consultations and ballots", "requests and meetings"], 0.0)
    for number, (village, shape) in enumerate(zip(villages, planned, strict=True), start=1):
        # Each village draws from its own generator: a village's records are the same whatever the county's size
        # (the first 40 villages of a 305-village county are the 40-village county).
        rng = random.Random(f"{sizes.seed}:{village.division_code}")  # noqa: S311
        step = time.monotonic()
        people = records.residents(village, sizes.residents_percent, rng)
        report.add("residents", len(people))
        lap = time.monotonic()
        timers["residents"] += lap - step
        report.add("notices", records.notices(village, plan.plan_notices(shape, sizes.years, today, rng)))
        timers["notices"] += time.monotonic() - lap
        lap = time.monotonic()
        report.add("consultations", records.consultations(village, sizes.years, people, clerk, rng))
        timers["consultations and ballots"] += time.monotonic() - lap
        lap = time.monotonic()
        report.add("requests", records.requests(village, sizes.years, people, rng))
        report.add("meetings", records.meetings(village, sizes.years, rng))
        timers["requests and meetings"] += time.monotonic() - lap
        if number % 10 == 0 or number == len(villages):
            log(
                f"records: {number}/{len(villages)} villages, "
                + ", ".join(f"{k} {v}" for k, v in report.counts.items())
            )
    report.seconds.update(timers)
