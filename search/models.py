"""The site search index: one row per thing a visitor can find, whatever its type.

Every searchable type (notices, rules articles, proposals, contacts …) writes its rows here when it is
saved or published, so a search is one full-text query with its filters, ranking and page cut in SQL,
instead of one backend query per type merged in Python. The full-text side is the database's own:
an FTS5 table kept in step by triggers on SQLite, a generated tsvector column with a GIN index on
PostgreSQL (both made in migration 0001, outside the model, because Django has no field for them; since 0004
the GIN index holds (locale_id, vector)).

Careful: on SQLite, a migration that alters this table rebuilds it and drops the triggers; recreate them
(see migration 0001) in the same migration. tests/search/test_index.py fails if they are missing.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    # "<type>:<pk>:<part>": the parts of one object share the prefix, so they are replaced together.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False)  # Meta's
    anchor = models.CharField(max_length=200, blank=True)  # "#article-12", "?kind=lawyer"
    # Not indexed alone: on PostgreSQL it is the first column of the GIN index with the tsvector (migration 0004).
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", db_index=False)
    path = models.CharField(max_length=255)  # the page's tree path: view restrictions are prefixes of it
    # " code " of the village it belongs to, " a b " for several, "*" for every village, "" for none.
    villages = models.CharField(max_length=500, blank=True)
    village_name = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    expires = models.DateField(null=True, blank=True)
    title = models.TextField()
    body = models.TextField(blank=True)  # plain text, cut into snippets for the page of results shown
    # Index words separated by spaces, with a space at both ends so " word " finds a whole word.
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    context_terms = models.TextField(blank=True)  # count for matching only: an article's page title
    # Toneless pinyin of the title words, and initials of long ones (search.pinyin): " dibao cwgk ".
    pinyin_terms = models.TextField(blank=True, default="")
    # The language the row's text is in: its tree's, or the original's for a page nobody translated yet (an
    # English-tree alias of a Chinese page); English rows rank first on the English tree and others say so.
    language = models.CharField(max_length=16, blank=True, default="")
    # Rows of one group (the articles of one rules page) are capped in the results so they cannot flood
    # them; blank for a row on its own.
    group = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["page"], name="portal_search_doc_page")]

    def __str__(self) -> str:
        return self.key


MAX_SYNONYM_WORDS = 8
MAX_SYNONYM_LENGTH = 30


class SearchSynonym(models.Model):
    """County-local names that mean the same (柳溪 calls 新农合 "合疗"), added to search/synonyms.txt's groups.

    One portal serves one county, so an entry applies to every village of it. Edited in the admin
    (snippets) by those with the snippet permissions: the county's editors."""

    words = models.CharField(
        _("words that mean the same"),
        max_length=300,
        help_text=_("Two or more names separated by “=”, the official name first, e.g. 城乡居民医保 = 合疗."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Where the local name is used."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["words"]

    def __str__(self) -> str:
        return self.words

    def names(self) -> list[str]:
        from search.synonyms import parse_groups

        groups = parse_groups(self.words)
        return groups[0] if groups else []

    def clean(self) -> None:
        super().clean()
        from search.synonyms import phrase_key

        names = [name.strip() for name in self.words.replace("＝", "=").split("=") if name.strip()]
        if len({phrase_key(name) for name in names}) < 2:
            raise ValidationError({"words": _("Give at least two different names separated by “=”.")})
        if len(names) > MAX_SYNONYM_WORDS:
            raise ValidationError({"words": _("At most %(count)d names in one entry.") % {"count": MAX_SYNONYM_WORDS}})
        if any(len(name) > MAX_SYNONYM_LENGTH or "#" in name for name in names):
            raise ValidationError(
                {"words": _("Each name is at most %(count)d characters, without “#”.") % {"count": MAX_SYNONYM_LENGTH}}
            )
        self.words = " = ".join(names)
