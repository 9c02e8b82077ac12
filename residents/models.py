"""A resident's standing in their village: profile, verification by the village committee, roll imports.

Real names and phone numbers live here and nowhere else. They are shown to the resident and to their own
village's committee only, never on a public page or in the API (PIPL art. 6; DOMAIN.md §5).
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Village
from home.privacy.detect import mask_all
from home.privacy.resident_text import PublicTextValidator

NAME_MAX_LENGTH = 40
# Direction overrides and isolates: they make a name read differently from what it is (spoofing), never needed.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def single_line(text: str) -> str:
    """A name as one line: line breaks, tabs and other control characters become spaces, runs of spaces one, ends
    trimmed, direction overrides dropped. A name goes into e-mail subjects ("王*英 replied …"), where a line break
    is a header injection (``Wang\r\nBcc: …``) that Django refuses with BadHeaderError."""
    chars = []
    for char in text or "":
        if char in _BIDI_CONTROLS:
            continue
        chars.append(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char)
    return " ".join("".join(chars).split())


def mask_name(name: str) -> str:
    """王秀英 → 王*英, 李明 → 李*: the second character replaced by '*' (DOMAIN.md §5)."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" + name[2:]


def mask_phone(phone: str) -> str:
    """+8613812345678 → 138****5678."""
    digits = (phone or "").removeprefix("+86")
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


class Resident(models.Model):
    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Waiting for the village committee")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    class Source(models.TextChoices):
        SIGNUP = "signup", _("Signed up on the portal")
        ROLL = "roll", _("Household roll")
        COUNTER = "counter", _("Registered at the village office")

    # Null for residents registered at the counter or from the roll who have no login (offline channel),
    # and for residents who deleted their account (their counted ballots keep pointing here).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="resident"
    )
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="residents", verbose_name=_("village"))
    household_number = models.CharField(_("household number"), max_length=20, blank=True)
    real_name = models.CharField(
        _("real name"), max_length=40, blank=True, help_text=_("Seen only by the village committee.")
    )
    # Shown next to everything the resident writes in public.
    display_name = models.CharField(
        _("public display name"), max_length=40, validators=[PublicTextValidator(NAME_MAX_LENGTH)]
    )
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    phone_verified = models.BooleanField(_("mobile number confirmed"), default=False)
    is_representative = models.BooleanField(_("villager representative (村民代表)"), default=False)
    is_council_member = models.BooleanField(_("villager council member"), default=False)
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for not verifying"), blank=True)
    source = models.CharField(_("registered through"), max_length=10, choices=Source.choices, default=Source.SIGNUP)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    notify_by_email = models.BooleanField(_("notify me by e-mail"), default=True)
    notify_by_sms = models.BooleanField(_("notify me by text message"), default=False)
    # Broadcasts (notifications.broadcasts): the inbox is on by default, like e-mail; quiet hours hold e-mail and
    # text messages (not the inbox, which rings nothing) until they end, except for urgent notices.
    # db_default: rows written by code that predates the field (an older migration state) still get a value.
    notify_in_inbox = models.BooleanField(_("announcements in my portal inbox"), default=True, db_default=True)
    quiet_from = models.TimeField(
        _("quiet hours from"), null=True, blank=True, help_text=_("No e-mail or text message from this time (22:00).")
    )
    quiet_until = models.TimeField(
        _("quiet hours until"),
        null=True,
        blank=True,
        help_text=_("… until this time (07:00). Urgent notices still come."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    deleted_at = models.DateTimeField(_("account deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            models.Index(fields=["village", "verification"]),
            models.Index(fields=["village", "household_number"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["phone"], condition=~models.Q(phone=""), name="resident_phone_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.public_name} ({self.village.name})"

    def save(self, *args, **kwargs) -> None:
        # Every path (forms, services, roll import, the admin) stores names as one line, whatever it was given.
        self.display_name = single_line(self.display_name)[:NAME_MAX_LENGTH]
        self.real_name = single_line(self.real_name)[:NAME_MAX_LENGTH]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.display_name = single_line(self.display_name)
        self.real_name = single_line(self.real_name)
        if len(self.display_name) > NAME_MAX_LENGTH:
            raise ValidationError({"display_name": _("At most 40 characters.")})

    @property
    def is_verified(self) -> bool:
        return self.verification == self.Verification.VERIFIED

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def has_login(self) -> bool:
        return self.user_id is not None

    # What public_name reads: a listing that shows authors loads only these (.only(), see public_name_fields).
    PUBLIC_NAME_FIELDS = ("display_name", "real_name", "deleted_at")

    @property
    def public_name(self) -> str:
        """The only name a public page may show."""
        if self.is_deleted:
            return str(_("Deleted user"))
        # A display name chosen before numbers were refused in it (PublicTextValidator) is shown masked.
        return mask_all(self.display_name) or mask_name(self.real_name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class VerificationEvent(models.Model):
    """Who verified or rejected whom, and when: the history shown to the committee and in the data export."""

    class Action(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        REGISTERED = "registered", _("Registered at the village office")
        IMPORTED = "imported", _("Found on the household roll")
        CLAIMED = "claimed", _("Account linked after a confirmed claim")

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("verification event")
        verbose_name_plural = _("verification events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class RollImport(models.Model):
    """One upload of a village's household roll (户籍名册) and its per-row report."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed: nothing was imported")

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="roll_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200, blank=True)
    encoding = models.CharField(max_length=20, blank=True)
    # The decoded file, kept only until the import has run.
    content = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # [{"row": 2, "outcome": "matched|created|rejected", "household": "...", "name": "王*英", "message": "..."}]
    report = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.village.name} {self.file_name} ({self.get_status_display()})"

    def counts(self) -> dict[str, int]:
        result = {"matched": 0, "created": 0, "rejected": 0}
        for row in self.report:
            result[row["outcome"]] = result.get(row["outcome"], 0) + 1
        return result

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ResidentClaim(models.Model):
    """A sign-up that says it is a resident already on record (registered at the office or from the roll).

    The sign-up never takes the record over by itself: it gets a record of its own (unverified, seeing nothing of
    the claimed one) and this claim, which the committee confirms in its queue, or which a code texted to the
    phone already on file proves. Only then is the account moved onto the record (residents.claims).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the village committee")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Not confirmed")

    class Method(models.TextChoices):
        COMMITTEE = "committee", _("Confirmed by the village committee")
        PHONE_CODE = "phone_code", _("Code sent to the mobile number on file")

    claimant = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="claims_made")
    record = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="claims_on")
    # The number typed at sign-up when it is the one on the record: a code sent there proves the claim.
    phone = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    method = models.CharField(max_length=12, choices=Method.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("claim to a resident record")
        verbose_name_plural = _("claims to resident records")
        constraints = [
            # One open claim per sign-up; a record may be claimed by several sign-ups (one of them is real).
            models.UniqueConstraint(
                fields=["claimant"], condition=models.Q(status="pending"), name="one_pending_claim_per_signup"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claimant_id} → {self.record_id} ({self.status})"


class OneTimePassword(models.Model):
    """A password the county issued (onboarding), which its holder must replace at the first sign-in.

    Only the hash the account had when the password was issued is kept, never the password: once the account's
    hash differs, the holder (or an administrator) has set a new one and the row is dropped
    (residents.first_signin). The printed sheet is the only copy of the password itself.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="one_time_password")
    password_hash = models.CharField(max_length=256)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("one-time password")
        verbose_name_plural = _("one-time passwords")

    def __str__(self) -> str:
        return f"{self.user_id} {self.issued_at:%Y-%m-%d}"

    @property
    def still_in_use(self) -> bool:
        """The account still has the issued password: its holder has not chosen their own yet."""
        return self.user.password == self.password_hash
