"""The searchable types of the portal; settings.SEARCH_TYPES lists them by dotted path.

Each turns one object into its rows of the search index (`search.registry.Document`). Visibility is
decided here, at indexing time: drafts, unpublished pages and withdrawn proposals get no rows. View
restrictions are checked at query time instead (a restriction can change without any page being saved).
"""

import datetime

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelsearch.index import SearchField

from search.registry import Document, SearchType


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    return strip_tags(str(value))


def body_text(obj, skip: tuple[str, ...] = ("title",)) -> str:
    """The indexed text of an object apart from its title (and any other field in `skip`), as plain text."""
    fields = [f for f in obj.get_search_fields() if isinstance(f, SearchField) and f.field_name not in skip]
    text = " ".join(_plain(f.get_value(obj)) for f in fields)
    return " ".join(text.split())


def _page_date(page) -> datetime.date | None:
    date = getattr(page, "date", None)
    if date is None and page.first_published_at:
        date = page.first_published_at.date()
    return date


def _page_document(page, kind: str, **fields) -> Document:
    values = {"key": f"{kind}:{page.pk}:", "kind": kind, "page": page, "title": page.title, "date": _page_date(page)}
    return Document(**{**values, **fields})


def _page_type(key: str, label, model: str, make=None) -> SearchType:
    def documents(page, context) -> list[Document]:
        if not page.live:
            return []
        return make(page) if make else [_page_document(page, key, body=body_text(page))]

    def everything():
        from django.apps import apps

        return apps.get_model(model).objects.live().order_by("pk")

    return SearchType(key, label, model, documents, everything)


def _notice_documents(page) -> list[Document]:
    expires = getattr(page, "posted_until", None)
    return [_page_document(page, "notices", body=body_text(page), expires=expires)]


def _rules_documents(page) -> list[Document]:
    """The rules page itself (its title and introduction), then one row per article of the version in
    force, linked to the article (…/rules/#article-12). An article matches when it holds one of the words
    and, with the page title, all of them; at most two articles of a page are shown."""
    rows = [_page_document(page, "rules", body=body_text(page, skip=("title", "rules_text")))]
    versions = page.version_list()
    version = page.version_in_force() or (versions[0] if versions else None)
    if version is None:
        return rows
    for article in version.articles():
        rows.append(
            _page_document(
                page,
                "rules",
                key=f"rules:{page.pk}:{article.number}",
                title=f"{page.title} · {article.label}",
                title_words=article.label,
                body=article.text,
                context=page.title,
                anchor=f"#article-{article.number}",
                group=f"rules:{page.pk}:articles",
            )
        )
    return rows


def _contact_documents(contact, context) -> list[Document]:
    """One row per live legal-aid directory page (one a language), linked to the contact's kind there."""
    codes = [village.code for village in contact.villages.all()]
    villages = " " + " ".join(codes) + " " if codes else "*"
    rows = []
    for directory in context.directories():
        with translation.override(directory.locale.language_code):
            fields = [str(contact.get_kind_display()), contact.phone, contact.address, contact.reception_hours]
        rows.append(
            Document(
                key=f"contacts:{contact.pk}:{directory.pk}",
                kind="contacts",
                page=directory,
                title=contact.name,
                body=" ".join(filter(None, fields)),
                anchor=f"?kind={contact.kind}",
                villages=villages,
            )
        )
    return rows


def _all_contacts():
    from legal_aid.models import LegalAidContact

    return LegalAidContact.objects.prefetch_related("villages").order_by("pk")


def _proposal_documents(proposal, context) -> list[Document]:
    """Proposals are found on their consultation page (…/#proposal-7) unless withdrawn or hidden."""
    from consultations.models import Proposal

    page = proposal.page
    if proposal.status == Proposal.Status.WITHDRAWN or getattr(proposal, "is_hidden", False) or not page.live:
        return []
    return [
        Document(
            key=f"proposals:{proposal.pk}:",
            kind="proposals",
            page=page,
            title=proposal.title,
            body=" ".join(" ".join([strip_tags(proposal.text), proposal.location_note]).split()),
            anchor=f"#proposal-{proposal.pk}",
            date=proposal.created_at.date() if proposal.created_at else None,
        )
    ]


def _all_proposals():
    from consultations.models import Proposal

    return Proposal.objects.select_related("page").order_by("pk")


def _proposals_on(page):
    return page.proposals.all()


NOTICES = _page_type("notices", _("Notices"), "notices.NoticePage", _notice_documents)
RULES = _page_type("rules", _("Village rules"), "village_rules.VillageRulesPage", _rules_documents)
REVISIONS = _page_type("revisions", _("Rule revisions"), "village_rules.RuleRevisionPage")
LEGAL_EDUCATION = _page_type("legal-education", _("Legal education"), "legal_aid.LegalEducationPage")
CONTACTS = SearchType(
    "contacts",
    _("Legal aid contacts"),
    "legal_aid.LegalAidContact",
    _contact_documents,
    _all_contacts,
    host="legal_aid.LegalAidDirectoryPage",
    on_page=lambda page: _all_contacts(),
)
CONSULTATIONS = _page_type("consultations", _("Consultations"), "consultations.ConsultationPage")
PROPOSALS = SearchType(
    "proposals",
    _("Proposals"),
    "consultations.Proposal",
    _proposal_documents,
    _all_proposals,
    host="consultations.ConsultationPage",
    on_page=_proposals_on,
)
