"""Background work: e-mail a resident about their proposal (immediate backend by default)."""

from django_tasks import task

from notifications.mail import send_one


@task()
def mail_resident(to: str, subject: str, body: str) -> None:
    send_one(subject, body, to)
