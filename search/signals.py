"""Keep the index and the Traditional Chinese translations right after a publish."""

from modelsearch.index import insert_or_update_object
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs) -> None:
    # modelsearch indexes a page on post_save, which for a clusterable page runs before its child rows
    # (a rules page's adopted versions, a notice's attachments) are written; page_published comes after.
    insert_or_update_object(instance.specific)


def sync_traditional_translation(sender, instance, revision=None, **kwargs) -> None:
    """A published Simplified page with a zh-hant translation gets its changed strings converted too."""
    from search.services import sync_traditional

    user = getattr(revision, "user", None)
    if user is not None:
        sync_traditional(instance, user)


def connect() -> None:
    page_published.connect(reindex_published_page, dispatch_uid="search.reindex_published_page")
    page_published.connect(sync_traditional_translation, dispatch_uid="search.sync_traditional_translation")
