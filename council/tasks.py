"""Background work: e-mail a resident about their proposal (immediate backend by default)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def mail_resident(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=True)
