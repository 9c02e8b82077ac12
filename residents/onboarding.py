"""Onboarding a county: its village register into villages, page trees and committee accounts, in one go.

Saving a Village runs the same provisioning as an editor's save (home.signals → home.services.provision_village:
committee group, media collection, village page and sections in every language tree), so there is one way a
village comes to be. Each village then gets one committee account with a one-time password, unless its committee
group already has an account: a second run of the same register writes nothing and issues no password.

The plan is made again inside the transaction that writes, so a register checked in the preview and changed on
the portal since is refused rather than half applied.
"""

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from home.models import Village

from .models import OneTimePassword
from .village_register import RegisterPlan, plan_register

# No 0/O, 1/l/I: the password is read off paper and typed by someone who may not know the Latin alphabet well.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_GROUPS = 4  # four groups of four: 16 characters, above STAFF_PASSWORD_MIN_LENGTH

Progress = Callable[[int, int], None]


@dataclass
class Credential:
    """A committee account made by the import, with the one password printed for it (kept nowhere else)."""

    division_code: str
    township: str
    village: str
    username: str
    password: str

    def as_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


class RegisterRefused(Exception):
    """The register has refused rows: nothing was written."""

    def __init__(self, plan: RegisterPlan) -> None:
        super().__init__(f"{len(plan.bad_rows)} rows refused")
        self.plan = plan


def one_time_password() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(PASSWORD_GROUPS))


def issue_one_time_password(user, by=None) -> str:
    """Give the account a new password that its holder must replace at the first sign-in (residents.first_signin)."""
    password = one_time_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    OneTimePassword.objects.update_or_create(user=user, defaults={"password_hash": user.password, "issued_by": by})
    return password


def must_change_password(user) -> bool:
    """True while the account still has the password the county issued."""
    hashes = OneTimePassword.objects.filter(user_id=user.pk).values_list("password_hash", flat=True)
    return any(stored == user.password for stored in hashes)


def apply_register(table: list[list[str]], by=None, progress: Progress | None = None) -> tuple[RegisterPlan, list]:
    """Write the register; RegisterRefused (and nothing written) when any row is refused."""
    with transaction.atomic():
        plan = plan_register(table)
        if not plan.ok:
            raise RegisterRefused(plan)
        credentials: list[Credential] = []
        today = timezone.localdate()
        total = len(plan.rows)
        for index, row in enumerate(plan.rows, start=1):
            village = _save_village(row, today)
            if (credential := ensure_committee_account(village, by)) is not None:
                credentials.append(credential)
            if progress is not None:
                progress(index, total)
    return plan, credentials


def _save_village(row, today: datetime.date) -> Village:
    if row.action == "unchanged":
        return Village.objects.select_related("committee_group").get(pk=row.village_id)
    if row.action == "create":
        village = Village(code=row.code, register_updated_on=today, **row.figures())
    else:
        village = Village.objects.get(pk=row.village_id)
        for name, value in row.figures().items():
            setattr(village, name, value)
        village.register_updated_on = today
    village.full_clean()
    village.save()  # home.signals provisions the group, collection and pages (idempotent for an update)
    return village


def committee_username(village: Village) -> str:
    return f"committee-{village.code}"


def ensure_committee_account(village: Village, by=None) -> Credential | None:
    """One committee account for a village whose committee group has none; None when it has one already."""
    group = village.committee_group
    if group is None or group.user_set.exists():
        return None
    User = get_user_model()
    username, number = committee_username(village), 1
    while User.objects.filter(username=username).exists():  # a person took the name: the next free one
        number += 1
        username = f"{committee_username(village)}-{number}"
    user = User.objects.create_user(username=username, first_name=f"{village.name}村委会"[:150])
    user.groups.add(group)
    password = issue_one_time_password(user, by)
    return Credential(village.division_code, village.township, village.name, username, password)
