"""Where seed_demo's e-mails go: files, not the terminal.

Seeding the demo county makes the notifications a real county would send (a comment on a proposal, a follow-up
update, ...). With the development default (console back end) they were printed whole into the
terminal between the migrations and the server's address; with a real mail server they would go to the demo
accounts' example.org addresses. During seed_demo they are written to files instead, one per connection, and
counted for the one-line summary.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class DemoMailBackend(EmailBackend):
    sent = 0  # messages written since `demo_mail_to` began

    def send_messages(self, email_messages) -> int:
        count = super().send_messages(email_messages) or 0
        DemoMailBackend.sent += count
        return count


@contextmanager
def demo_mail_to(directory: Path) -> Iterator[type[DemoMailBackend]]:
    """Inside the block every e-mail is written under `directory`; DemoMailBackend.sent counts them."""
    # override_settings is Django's documented way to swap a setting for a block (the mail back end is read
    # when a connection opens); it is used here outside tests on purpose.
    from django.test.utils import override_settings

    directory.mkdir(parents=True, exist_ok=True)
    DemoMailBackend.sent = 0
    with override_settings(EMAIL_BACKEND="home.demo_mail.DemoMailBackend", EMAIL_FILE_PATH=str(directory)):
        yield DemoMailBackend
