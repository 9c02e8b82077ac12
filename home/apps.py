from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portal and villages")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from portal import (
            public_url,  # registers the PORTAL_BASE_URL deploy check
            shared_state,  # noqa: F401  (registers the per-process store deploy check)
        )
        from portal.pagecache import invalidation

        from . import explorer, lookups, signals, treeinvalidation  # noqa: F401  (signals connects the village provisioning handlers)
        from .privacy import guard

        guard.install()  # no revision is published with a full personal number, whatever the route

        invalidation.connect()  # the page cache forgets a village's pages when they change
        lookups.connect()  # the cached sites, locales and restricted paths are dropped when they change
        treeinvalidation.connect()  # the tree cache forgets a village's routes when its pages change
        explorer.connect()  # the explorer's per-listing memo lives for one request

        _skip_tree_sync_on_raw_saves()
        # Wagtail's Site record gives the API's html_url and the sitemap their host: keep it at PORTAL_BASE_URL.
        post_migrate.connect(public_url.sync_default_site, sender=self, dispatch_uid="sync_default_site")


def _skip_tree_sync_on_raw_saves() -> None:
    """wagtail-localize resynchronises the page trees on every LocaleSynchronization save, even a raw one
    from loaddata or a test's serialized rollback, when the locales it points to are not loaded yet."""
    from django.db.models.signals import post_save
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    def sync_trees_unless_raw(sender, instance, raw: bool = False, **kwargs) -> None:
        if not raw:
            sync_trees_on_locale_sync_save(instance=instance, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(
        sync_trees_unless_raw, sender=LocaleSynchronization, weak=False, dispatch_uid="sync_trees_unless_raw"
    )
