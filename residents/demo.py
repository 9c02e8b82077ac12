"""Demo accounts. Every password is `changeme`; the README lists the accounts.

Phone numbers here are fake (the 100 prefix is never issued) and only ever shown masked.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from home.demo import DEMO_PASSWORD
from home.models import Village
from home.seeding import Seeder

from . import roles
from .models import Resident, VerificationEvent

# The demo staff accounts' authenticator secret (residents/demo_mfa.py), published in docs/security.md.
DEMO_TOTP_SECRET = "CUNWUTONGDEMOSTAFF234567"  # noqa: S105  (documented demo secret, seed_demo only)


def _user(username: str, email: str, **flags) -> object:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email, **flags})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _resident(user, village, **fields) -> Resident:
    resident, _created = Resident.objects.get_or_create(user=user, defaults={"village": village, **fields})
    return resident


def seed(log) -> None:
    admin = _user("admin", "admin@example.org", is_staff=True, is_superuser=True)
    villages = list(Village.objects.order_by("pk"))
    for village in villages:
        committee = _user(f"committee-{village.code}", f"committee-{village.code}@example.org")
        committee.groups.add(village.committee_group)
    first = villages[0]
    now = timezone.now()
    verified = {"verification": Resident.Verification.VERIFIED, "verified_by": admin, "verified_at": now}
    resident = _user("resident", "resident@example.org", first_name="秀英", last_name="王")
    _resident(
        resident,
        first,
        display_name="王*英",
        real_name="王秀英",
        household_number="0101",
        phone="+8610000000001",
        phone_verified=True,
        **verified,
    )
    newcomer = _user("newcomer", "newcomer@example.org", first_name="建军", last_name="李")
    _resident(newcomer, first, display_name="李*军", real_name="李建军", household_number="0102")

    # A villager representative who sits on the villager council.
    representative = _user("representative", "representative@example.org", first_name="国强", last_name="张")
    _resident(
        representative,
        first,
        display_name="张*强",
        real_name="张国强",
        household_number="0103",
        is_representative=True,
        is_council_member=True,
        **verified,
    )
    # More people waiting in 东山村's verification queue, one of them rejected once.
    for number, (name, household) in enumerate([("赵桂兰", "0104"), ("陈志明", "0105"), ("刘芳", "0199")], start=1):
        user = _user(f"waiting{number}", f"waiting{number}@example.org")
        _resident(
            user,
            first,
            display_name=name[0] + "*" + name[2:],
            real_name=name,
            household_number=household,
            phone=f"+861000000010{number}",
            phone_verified=True,
        )
    rejected = _user("rejected", "rejected@example.org")
    rejected_resident = _resident(
        rejected,
        first,
        display_name="周*",
        real_name="周磊",
        household_number="9999",
        verification=Resident.Verification.REJECTED,
        verified_by=admin,
        verified_at=now,
        rejection_reason="户号 9999 不在本村户籍名册上。请带户口簿到村委会核对。",
    )
    if not rejected_resident.events.exists():
        VerificationEvent.objects.create(
            resident=rejected_resident,
            action=VerificationEvent.Action.REJECTED,
            by=admin,
            reason=rejected_resident.rejection_reason,
        )
    # Registered at the village office: no phone, no login; her paper ballots are entered by staff.
    if not Resident.objects.filter(village=first, source=Resident.Source.COUNTER).exists():
        offline = Resident.objects.create(
            village=first,
            real_name="孙玉珍",
            display_name="孙*珍",
            household_number="0107",
            source=Resident.Source.COUNTER,
            registered_by=admin,
            **verified,
        )
        VerificationEvent.objects.create(resident=offline, action=VerificationEvent.Action.REGISTERED, by=admin)
    for village in villages:
        roles.council_group(village)
    log(
        f"accounts: admin, {', '.join('committee-' + v.code for v in villages)}, resident, newcomer, "
        "representative, waiting1-3, rejected; one resident without a login"
    )


def _seed_mfa(log) -> None:
    from . import demo_mfa

    demo_mfa.seed(log)


# home.seeding runs these: the accounts once the villages exist, their authenticators after every other seeder
# (grid's and the committees' staff accounts exist by then). The accounts are those the welcome lines list.
SEEDERS = [
    Seeder(
        "residents",
        seed,
        needs=("home",),
        accounts=(
            ("admin", "county administrator (superuser)", "admin/"),
            ("committee-dongshan", "东山村 village committee (also -xihe, -nangang, -taoyuan)", "admin/"),
            ("resident", "verified resident of 东山村", "zh-hans/accounts/login/"),
            ("representative", "villager representative and council member of 东山村", "zh-hans/accounts/login/"),
            ("newcomer", "signed up in 东山村, waiting for the committee's verification", "zh-hans/accounts/login/"),
        ),
        more_accounts=("waiting1", "waiting2", "waiting3", "rejected"),
    ),
    Seeder("residents.mfa", _seed_mfa, last=True),
]
