"""Demo accounts. Every password is `changeme`; the README lists the accounts."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from home.models import Village

from .models import Resident

DEMO_PASSWORD = "changeme"  # noqa: S105  (documented demo password, seed_demo only)


def _user(username: str, email: str, **flags) -> object:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email, **flags})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed(log) -> None:
    admin = _user("admin", "admin@example.org", is_staff=True, is_superuser=True)
    villages = list(Village.objects.order_by("pk"))
    for village in villages:
        committee = _user(f"committee-{village.code}", f"committee-{village.code}@example.org")
        committee.groups.add(village.committee_group)
    first = villages[0]
    resident = _user("resident", "resident@example.org", first_name="秀英", last_name="王")
    Resident.objects.get_or_create(
        user=resident,
        defaults={
            "village": first,
            "display_name": "王*英",
            "verification": Resident.Verification.VERIFIED,
            "verified_by": admin,
            "verified_at": timezone.now(),
        },
    )
    newcomer = _user("newcomer", "newcomer@example.org", first_name="建军", last_name="李")
    Resident.objects.get_or_create(user=newcomer, defaults={"village": first, "display_name": "李*军"})
    log(f"accounts: admin, {', '.join('committee-' + v.code for v in villages)}, resident, newcomer")
