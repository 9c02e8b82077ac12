"""Keep the index right after a publish.

modelsearch indexes a page on post_save, which for a clusterable page runs before its child rows (a
rules page's adopted versions, a notice's attachments) are written; page_published comes after them.
"""

from modelsearch.index import insert_or_update_object
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs) -> None:
    insert_or_update_object(instance.specific)


def connect() -> None:
    page_published.connect(reindex_published_page, dispatch_uid="search.reindex_published_page")
