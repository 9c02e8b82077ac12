"""Who may delete a page: archive, never delete, applies to what was published (VCOL art. 34).

A committee never deletes a page that residents could see: notices, minutes and rules are kept true and complete,
and the committee unpublishes instead. A page that was never published is no record at all, just a draft the
clerk started (Wagtail's autosave makes one as soon as the clerk types in "add notice"), so its committee may
delete it. County administrators (superusers) may delete anything, as before.

The rule sits in Wagtail's own permission layer (the page's PagePermissionTester), so the explorer, the page
menus, the delete view and the bulk delete all hide or refuse the action the same way; the before_delete hooks in
home.wagtail_hooks stay as a second guard.
"""

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester


def ever_published(page: Page, *, with_descendants: bool = True) -> bool:
    pages = page.get_descendants(inclusive=True) if with_descendants else Page.objects.filter(pk=page.pk)
    published = Q(live=True) | Q(first_published_at__isnull=False) | Q(last_published_at__isnull=False)
    return pages.filter(published).exists()


class PortalPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        return self.user.is_superuser or not ever_published(self.page)


class NeverPublishedDeletableMixin:
    """Page types whose committees may delete their never-published drafts, and nothing else."""

    def permissions_for_user(self, user):
        return PortalPagePermissionTester(user, self)
