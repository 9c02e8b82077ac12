"""List the documents stored before uploads were checked whose title, file name or text shows a full personal
number (home/document_checks.py), so that the committee can replace them with masked copies.

    manage.py scan_documents

Exit status 1 when any is found. Documents in private collections (with a view restriction) are skipped.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from home import document_checks


class Command(BaseCommand):
    help = "List documents whose title, file name or text shows a full ID, mobile or bank card number."

    def handle(self, *args, **options):
        from wagtail.documents import get_document_model

        found = 0
        with translation.override("en"):
            for document in get_document_model().objects.select_related("collection").iterator():
                if document_checks.is_private(document.collection):
                    continue
                try:
                    document_checks.check_title(document.title)
                    if document.file and document.file.storage.exists(document.file.name):
                        with document.file.storage.open(document.file.name, "rb") as stored:
                            stored.name = document.file.name.rsplit("/", 1)[-1]
                            document_checks.check_upload(stored, document.file_extension, store_masked=False)
                except ValidationError as problem:
                    found += 1
                    self.stdout.write(f"document {document.pk}: {' '.join(problem.messages)}")
        if found:
            raise CommandError(f"{found} document(s) show full personal numbers")
        self.stdout.write("no document shows a full personal number")
