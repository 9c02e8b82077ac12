"""Keep the search index and the Traditional Chinese translations right after a save or publish."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from modelsearch.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import indexing
from search.registry import search_types


def reindex_published_page(sender, instance, **kwargs) -> None:
    # modelsearch indexes a page on post_save, which for a clusterable page runs before its child rows
    # (a rules page's adopted versions, a notice's attachments) are written; page_published comes after.
    insert_or_update_object(instance.specific)
    refresh_page(sender, instance)


def refresh_page(sender, instance, **kwargs) -> None:
    """Saved (an alias made, a title fixed), published or unpublished: the site search rows follow."""
    if kwargs.get("raw") or not isinstance(instance, indexing.host_page_classes()):
        return
    indexing.refresh_page(instance.pk)


def remove_unpublished_page(sender, instance, **kwargs) -> None:
    """An unpublished page has no rows. Not read back from the database: Wagtail unpublishes a page that is
    about to be deleted without saving it (pre_delete), so the stored row still says live, and rows written
    then would outlive the page (the deletion has already collected what to cascade)."""
    if isinstance(instance, indexing.host_page_classes()):
        indexing.remove_page(instance.pk)


def refresh_moved(sender, instance, **kwargs) -> None:
    indexing.refresh_subtree(instance)


def _object_type(sender):
    return next((t for t in search_types() if not t.is_page_type() and t.model_class() is sender), None)


def refresh_object(sender, instance, **kwargs) -> None:
    search_type = _object_type(sender)
    if search_type is not None and not kwargs.get("raw"):
        indexing.refresh_object(search_type, instance)


def remove_object(sender, instance, **kwargs) -> None:
    search_type = _object_type(sender)
    if search_type is not None:
        indexing.remove_object(search_type, instance.pk)


def refresh_object_relations(sender, instance, action, **kwargs) -> None:
    # e.g. the villages a legal-aid contact serves: a filter of its rows.
    if action.startswith("post_"):
        refresh_object(type(instance), instance)


def synonyms_changed(sender, instance, **kwargs) -> None:
    """A county synonym changes what searches find: cached search pages are stale, at once and after commit."""
    from django.db import transaction

    from portal.pagecache import bump

    bump(["search"])
    transaction.on_commit(lambda: bump(["search"]))


def sync_traditional_translation(sender, instance, revision=None, **kwargs) -> None:
    """A published Simplified page with a zh-hant translation gets its changed strings converted too."""
    from search.services import sync_traditional

    user = getattr(revision, "user", None)
    if user is not None:
        sync_traditional(instance, user)


def connect() -> None:
    page_published.connect(reindex_published_page, dispatch_uid="search.reindex_published_page")
    page_published.connect(sync_traditional_translation, dispatch_uid="search.sync_traditional_translation")
    page_unpublished.connect(remove_unpublished_page, dispatch_uid="search.refresh_unpublished_page")
    post_page_move.connect(refresh_moved, dispatch_uid="search.refresh_moved")
    post_save.connect(refresh_page, dispatch_uid="search.refresh_saved_page")
    from search.models import SearchSynonym

    post_save.connect(synonyms_changed, sender=SearchSynonym, dispatch_uid="search.synonyms_saved")
    post_delete.connect(synonyms_changed, sender=SearchSynonym, dispatch_uid="search.synonyms_deleted")
    for search_type in search_types():
        if search_type.is_page_type():
            continue
        model = search_type.model_class()
        uid = f"search.{search_type.key}"
        post_save.connect(refresh_object, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(remove_object, sender=model, dispatch_uid=f"{uid}.delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(refresh_object_relations, sender=field.remote_field.through, dispatch_uid=f"{uid}.m2m")
