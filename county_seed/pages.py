"""Publishing thousands of pages at once: batched inserts into the page tree, for the scale generator only.

`parent.add_child(instance=page)` and `save_revision().publish()` cost one or two dozen queries and every
page signal per page (search index, caches, reference index, log entries), and wagtail-localize's alias per
synchronised language as much again: some 0.3 s a notice, days for a county's five years. Here a batch of
pages of one type is written as the editor's path would leave it, with a few statements per table:

- treebeard's materialised paths are computed after the parent's last child (`Page._get_path`), the
  parent's `numchild` is raised once;
- the `wagtailcore_page` rows first (their ids come back from the insert), then the page type's own table;
- one published revision per page holding `serializable_data()`, as `live_revision` and `latest_revision`;
- an alias in every language tree synchronised from the parent's (as `create_aliases_for_new_page` makes
  them: same translation key, `alias_of` the source, no revision of its own).

No signal is sent, so the caller rebuilds the search index and clears the portal's caches afterwards
(`search.indexing.rebuild`, `home.caches.clear_portal_caches`). Only for pages without child objects
(inline panels) and without children of their own.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, QuerySet
from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail_localize.models import LocaleSynchronization

BATCH = 500
# What an alias does not copy from its source (wagtail.actions.create_alias), plus the ids and the tree.
NOT_COPIED = {"id", "page_ptr_id", "path", "depth", "numchild", "url_path", "latest_revision_id", "alias_of_id"}


def _insert(model: type, objects: list, fields: list) -> list[tuple]:
    # QuerySet._batched_insert is what bulk_create runs underneath; bulk_create itself refuses a model with a
    # parent table, so the two tables of a page type are written one after the other, ids from the first.
    return QuerySet(model)._batched_insert(objects, fields, BATCH)


def _write(model: type, pages: list[Page]) -> None:
    base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    for page, row in zip(pages, _insert(Page, pages, base_fields), strict=True):
        page.id = row[0]
        page.page_ptr_id = row[0]
    _insert(model, pages, list(model._meta.local_concrete_fields))


def _place(parent: Page, pages: list[Page]) -> None:
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last is not None else 0
    depth = parent.depth + 1
    for number, page in enumerate(pages, start=step + 1):
        page.depth = depth
        page.path = Page._get_path(parent.path, depth, number)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.numchild = 0
        page.locale_id = parent.locale_id


def _grow(parent: Page, count: int) -> None:
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    parent.numchild += count


def publish_children(parent: Page, pages: list[Page]) -> list[Page]:
    """Publish `pages` (unsaved, one type, each with title, slug and a `date`) under `parent`, and their aliases
    in every synchronised language tree. Returns the pages, saved."""
    if not pages:
        return pages
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    base_type = ContentType.objects.get_for_model(Page)
    _place(parent, pages)
    for page in pages:
        published = timezone.make_aware(datetime.datetime.combine(page.date, datetime.time(9)))
        page.content_type = content_type
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = published
    _write(model, pages)
    _grow(parent, len(pages))
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                object_str=page.title,
                created_at=page.first_published_at,
                content=page.serializable_data(),
            )
            for page in pages
        ],
        batch_size=BATCH,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = page.live_revision_id = revision.pk
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=BATCH)
    _mirror(parent, model, pages)
    return pages


def _mirror(parent: Page, model: type, pages: list[Page]) -> None:
    copied = [f.attname for f in model._meta.concrete_fields if f.attname not in NOT_COPIED]
    for sync in LocaleSynchronization.objects.filter(sync_from_id=parent.locale_id):
        twin = Page.objects.filter(translation_key=parent.translation_key, locale_id=sync.locale_id).first()
        if twin is None:
            continue
        aliases = [model(**{name: getattr(page, name) for name in copied}, alias_of_id=page.pk) for page in pages]
        _place(twin, aliases)
        _write(model, aliases)
        _grow(twin, len(aliases))
