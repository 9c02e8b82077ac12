"""The site search index: one row per thing a visitor can find, whatever its type.

Every searchable type (notices, rules articles, proposals, contacts …) writes its rows here when it is
saved or published, so a search is one full-text query with its filters, ranking and page cut in SQL,
instead of one backend query per type merged in Python. The full-text side is the database's own:
an FTS5 table kept in step by triggers on SQLite, a generated tsvector column with a GIN index on
PostgreSQL (both made in migration 0001, outside the model, because Django has no field for them).

Careful: on SQLite, a migration that alters this table rebuilds it and drops the triggers; recreate them
(see migration 0001) in the same migration. tests/search/test_index.py fails if they are missing.
"""

from django.db import models


class SearchDocument(models.Model):
    # "<type>:<pk>:<part>": the parts of one object share the prefix, so they are replaced together.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    anchor = models.CharField(max_length=200, blank=True)  # "#article-12", "?kind=lawyer"
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
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
    # Rows of one group (the articles of one rules page) are capped in the results so they cannot flood
    # them; blank for a row on its own.
    group = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["page"], name="portal_search_doc_page")]

    def __str__(self) -> str:
        return self.key
