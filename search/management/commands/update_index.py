"""Wagtail's update_index (the search backends, for the admin's search) plus the site search index.

This app is listed before wagtail.search in INSTALLED_APPS, so `manage.py update_index` runs this."""

from wagtail.search.management.commands.update_index import Command as WagtailCommand

from search.indexing import compact, rebuild


class Command(WagtailCommand):
    help = "Rebuild the search backends and the site search index."

    def handle(self, **options):
        super().handle(**options)
        if options.get("schema_only"):
            return
        written = rebuild()
        self.write(f"site search: indexed {written} rows")
        if compact():
            self.write("site search: table rewritten without the old rows (VACUUM FULL)")
