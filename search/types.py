"""The searchable types of the portal; settings.SEARCH_TYPES lists them by dotted path."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelsearch.index import SearchField
from wagtail.search.backends import get_search_backend

from search.registry import Hit, Query, SearchType
from search.text import index_terms


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    return str(value)


def body_text(obj, skip: str = "title") -> str:
    """The indexed text of an object apart from its title, as the backend saw it (before cutting)."""
    return " ".join(
        _plain(f.get_value(obj)) for f in obj.get_search_fields() if isinstance(f, SearchField) and f.field_name != skip
    ).strip()


def _search(queryset, query: Query):
    # The raw text: the segmenting backend cuts it exactly as it cut the indexed text.
    return list(get_search_backend().search(query.text, queryset, operator=query.operator)[: query.limit])


def _page_date(page) -> datetime.date | None:
    date = getattr(page, "date", None)
    if date is None and page.first_published_at:
        date = page.first_published_at.date()
    return date


def page_hits(model, key: str, label, query: Query, make_hits=None) -> list[Hit]:
    # No .public() here: it costs a query per type; the engine drops restricted pages once for all.
    qs = model.objects.live().filter(locale=query.locale)
    if query.village_page is not None:
        qs = qs.filter(path__startswith=query.village_page.path)
    hits = []
    for position, page in enumerate(_search(qs, query)):
        date = _page_date(page)
        if query.year and (date is None or date.year != query.year):
            continue
        made = make_hits(page, query) if make_hits else None
        for hit in made or [_page_hit(page, key, label, query)]:
            hit.position, hit.date = position, date
            hits.append(hit)
    return hits


def _page_hit(page, key, label, query) -> Hit:
    return Hit(
        kind=key,
        kind_label=str(label),
        title=page.title,
        page=page,
        request=query.request,
        path=page.path,
        title_terms=set(index_terms(page.title)),
    )


def _notice_hits(page, query: Query) -> list[Hit]:
    hit = _page_hit(page, "notices", NOTICES.label, query)
    until = getattr(page, "posted_until", None)
    if until and until < datetime.date.today():
        hit.note = str(_("no longer posted"))
    return [hit]


ARTICLES_PER_PAGE = 2


def _rules_hits(page, query: Query) -> list[Hit]:
    """The rules page, then the articles holding every query word, linked to the article itself
    (…/rules/#article-12), best first; the page alone when no single article holds them all."""
    page_hit = _page_hit(page, "rules", RULES.label, query)
    versions = page.version_list()
    version = page.version_in_force() or (versions[0] if versions else None)
    if version is None:
        return [page_hit]
    wanted = set(query.terms)
    page_terms = set(index_terms(page.title))
    scored = []
    for article in version.articles():
        terms = set(index_terms(article.text))
        matched = wanted & terms
        if matched and (query.operator == "or" or wanted <= terms | page_terms):
            scored.append((len(matched), article, terms))
    scored.sort(key=lambda item: (-item[0], item[1].number))
    articles = [
        Hit(
            kind="rules",
            kind_label=str(RULES.label),
            title=f"{page.title} · {article.label}",
            page=page,
            anchor=f"#article-{article.number}",
            request=query.request,
            fixed_text=article.text,
            path=page.path,
            title_terms=set(index_terms(article.label)),
        )
        for _count, article, _terms in scored[:ARTICLES_PER_PAGE]
    ]
    return [page_hit, *articles] if wanted <= page_hit.title_terms or not articles else articles


def _pages(model_path: str, key: str, label, make_hits=None):
    def search(query: Query) -> list[Hit]:
        from django.apps import apps

        return page_hits(apps.get_model(model_path), key, label, query, make_hits)

    return search


def _contacts(query: Query) -> list[Hit]:
    from legal_aid.models import LegalAidContact, LegalAidDirectoryPage

    if query.year:
        return []
    found = _search(LegalAidContact.objects.all(), query)
    if query.village is not None:
        # Contacts have no village filter field in the index: narrow the (few) hits here, in one query.
        serving = LegalAidContact.objects.filter(Q(villages=query.village) | Q(villages__isnull=True))
        allowed = set(serving.values_list("pk", flat=True))
        found = [contact for contact in found if contact.pk in allowed]
    directory = LegalAidDirectoryPage.objects.live().filter(locale=query.locale).first()
    base = directory.get_url(query.request) if directory else ""
    hits = []
    for position, contact in enumerate(found):
        fields = [contact.get_kind_display(), contact.phone, contact.address, contact.reception_hours]
        hits.append(
            Hit(
                kind="contacts",
                kind_label=str(CONTACTS.label),
                title=contact.name,
                fixed_url=f"{base}?kind={contact.kind}" if base else "",
                fixed_text=" ".join(filter(None, fields)),
                position=position,
                title_terms=set(index_terms(contact.name)),
            )
        )
    return hits


NOTICES = SearchType("notices", _("Notices"), _pages("notices.NoticePage", "notices", _("Notices"), _notice_hits))
RULES = SearchType(
    "rules", _("Village rules"), _pages("village_rules.VillageRulesPage", "rules", _("Village rules"), _rules_hits)
)
REVISIONS = SearchType(
    "revisions", _("Rule revisions"), _pages("village_rules.RuleRevisionPage", "revisions", _("Rule revisions"))
)
LEGAL_EDUCATION = SearchType(
    "legal-education",
    _("Legal education"),
    _pages("legal_aid.LegalEducationPage", "legal-education", _("Legal education")),
)
CONTACTS = SearchType("contacts", _("Legal aid contacts"), _contacts)
CONSULTATIONS = SearchType(
    "consultations",
    _("Consultations"),
    _pages("consultations.ConsultationPage", "consultations", _("Consultations")),
)
