"""What a page says about itself in one plain sentence: its meta description and its share text (og:description).

Search engines show it under the link and chat apps in the preview card, so it is public output like the page
itself: plain text, about DESCRIPTION_LENGTH characters, with every full ID, mobile and bank-card number masked
(DOMAIN.md §5). It comes from what the page already has, in this order: the editor's own "search description"
(the promote tab), the summary, the introduction, the first paragraph of the body; a page with none of these
says what kind of page it is. Read from fields already loaded with the page (stream fields as their raw data, so
no image or document is fetched): no query.
"""

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.rich_text import get_text_for_indexing

from home.privacy.detect import mask_all

DESCRIPTION_LENGTH = 120
# Plain-text fields, then rich-text fields, then stream fields whose paragraphs count, in order of preference.
TEXT_FIELDS = ("search_description", "summary")
RICH_TEXT_FIELDS = ("intro",)
STREAM_FIELDS = ("body", "charter")
PARAGRAPH_BLOCKS = ("paragraph",)  # a people list or a finance table is never a description
SENTENCE_END = re.compile(r"[。！？；]|[.!?;](?=\s|$)")

# What a page with no text of its own says about itself, by page type.
TYPE_DESCRIPTIONS = {
    "home.portalhomepage": gettext_lazy(
        "Public affairs, village rules, consultations and villager councils of every village in one place."
    ),
    "home.villagepage": gettext_lazy(
        "Notices, village rules, consultations and the villager council of the village, and how to reach its committee."
    ),
    "notices.noticeindexpage": gettext_lazy(
        "Public affairs notices of the village: finances, village affairs and party affairs, and the archive."
    ),
    "village_rules.villagerulespage": gettext_lazy(
        "The village rules in force, every earlier version and the revisions under way."
    ),
    "consultations.consultationindexpage": gettext_lazy(
        "Consultations of the village: proposals, comments and votes of its residents."
    ),
    "council.councilpage": gettext_lazy("The villager council: members, meetings, decisions and its charter."),
    "legal_aid.legalaiddirectorypage": gettext_lazy(
        "Free legal help: village legal advisers, the legal-aid centre, mediation committees and the 12348 hotline."
    ),
    "legal_aid.legaleducationindexpage": gettext_lazy(
        "Legal education for villagers: short articles on everyday law, with quizzes."
    ),
}


def mask_personal_data(text: str) -> str:
    """The project's masker for full ID, mobile and bank-card numbers (home.privacy)."""
    return mask_all(text)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _first_paragraph(stream: Any) -> str:
    """The first non-empty paragraph block of a stream field, as plain text (from its raw data: no query)."""
    for item in getattr(stream, "raw_data", None) or []:
        if isinstance(item, dict) and item.get("type") in PARAGRAPH_BLOCKS and isinstance(item.get("value"), str):
            text = _squeeze(get_text_for_indexing(item["value"]))
            if text:
                return text
    return ""


def own_text(page: Any) -> str:
    """The page's own best short text, unmasked and uncut: empty when it has none."""
    for name in TEXT_FIELDS:
        text = _squeeze(str(getattr(page, name, "") or ""))
        if text:
            return text
    for name in RICH_TEXT_FIELDS:
        text = _squeeze(get_text_for_indexing(str(getattr(page, name, "") or "")))
        if text:
            return text
    for name in STREAM_FIELDS:
        text = _first_paragraph(getattr(page, name, None))
        if text:
            return text
    return ""


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """At most `length` characters: whole sentences when the first ones fill at least half of it, else cut
    with an ellipsis."""
    if len(text) <= length:
        return text
    ends = [match.end() for match in SENTENCE_END.finditer(text) if match.end() <= length]
    if ends and ends[-1] >= length // 2:
        return text[: ends[-1]].strip()
    return text[: length - 1].rstrip() + "…"


def fallback(page: Any) -> str:
    meta = getattr(page, "_meta", None)
    described = TYPE_DESCRIPTIONS.get(meta.label_lower if meta else "")
    title = str(getattr(page, "title", "") or "")
    if described is None:
        return title
    return _("%(title)s: %(description)s") % {"title": title, "description": described}


def describe_text(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Plain text made fit for a description: masked before it is cut, so a cut never leaves the digits of a
    full number, and at most `length` characters."""
    return shorten(mask_personal_data(_squeeze(text)), length)


def page_description(page: Any, length: int = DESCRIPTION_LENGTH) -> str:
    """The page's meta description (see the module's docstring)."""
    return describe_text(own_text(page) or fallback(page), length)
