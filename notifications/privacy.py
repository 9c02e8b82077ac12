"""The user's follows and notifications in their data export; account deletion removes them (they cascade)."""

from django.utils.translation import gettext_lazy as _

from residents.privacy import PrivacySection, register


def export(user) -> dict:
    from .models import Follow, Notification

    return {
        "follows": [
            {"type": f.content_type.model, "id": f.object_id, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user).select_related("content_type")
        ],
        "notifications": [
            {"text": n.text, "url": n.url, "at": n.created_at.isoformat(), "read": n.read_at is not None}
            for n in Notification.objects.filter(recipient=user)
        ],
    }


def anonymise(user) -> None:
    """Nothing public to keep: follows and notifications are the person's own and go with the account."""
    from .models import Follow, Notification

    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()


def register_section() -> None:
    register(
        PrivacySection(key="notifications", title=_("My notifications"), export=export, anonymise=anonymise, order=90)
    )
