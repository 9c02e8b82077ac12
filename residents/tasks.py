"""Background work. With the default immediate backend it runs at once; with a worker, in the background."""

from django.utils.translation import gettext_noop
from django_tasks import task


@task()
def import_household_roll(roll_import_id: int) -> None:
    from .models import RollImport
    from .roll import run_import

    run_import(RollImport.objects.get(pk=roll_import_id))


VERIFIED_MESSAGE = gettext_noop(
    "The village committee of %(village)s has verified you: you can now take part in consultations, votes, "
    "proposals and requests."
)
REJECTED_MESSAGE = gettext_noop(
    "The village committee of %(village)s could not verify you. Reason: %(reason)s. Correct your details under "
    "My account, or ask at the village committee office."
)


@task()
def tell_verification(resident_id: int) -> int:
    """The resident hears the committee's answer to their sign-up in the inbox, and by e-mail or text message."""
    from django.urls import reverse
    from django.utils import translation

    from notifications import services as notifications

    from .models import Resident

    resident = Resident.objects.select_related("village").get(pk=resident_id)
    if resident.user_id is None or resident.is_deleted:
        return 0  # registered at the office: the committee tells them in person
    if resident.verification == Resident.Verification.VERIFIED:
        message, params = VERIFIED_MESSAGE, {"village": resident.village.name}
    elif resident.verification == Resident.Verification.REJECTED:
        message, params = REJECTED_MESSAGE, {"village": resident.village.name, "reason": resident.rejection_reason}
    else:
        return 0
    with translation.override(None):  # the link is to the default language, like the other notifications
        url = reverse("residents:profile")
    return len(notifications.notify([resident.user_id], message, params, url, sms=True))
