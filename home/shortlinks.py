"""Short, readable links (/n/<code>) for the noticeboard's QR codes, text messages and WeChat.

A code is a number written in an alphabet without the characters read or typed wrongly (0/o, 1/l/i, u/v): a
villager copying 短链接 from the 公开栏 cannot mistake one character for another. The number is
``id * KINDS + kind``: kind 0 is a page, identified by its translation group's record page (home.translations),
so one code opens the page in every language; other kinds are records that apps register (council meetings),
so home never imports them. Codes never change: they are made from ids, not stored.

Resolving a code never reveals what the public may not see: a draft, an unpublished page or one at or under a
view restriction resolves to nothing, exactly as an unknown code does (the caller answers 404 for both).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from wagtail.models import Page

from portal.public_url import public_url

ALPHABET = "23456789abcdefghjkmnpqrstwxyz"
BASE = len(ALPHABET)
KINDS = 4  # room for two more kinds of record without changing any code already printed
PAGE_KIND = 0
MAX_CODE_LENGTH = 14  # 29**14 > 2**64: anything longer is not a code


@dataclass(frozen=True)
class Target:
    """What a code opens, in the visitor's language: the specific page or the record, and its address."""

    obj: Any
    url: str
    title: str
    page: Page  # the page it is shown on (the page itself, or the council page of a meeting)


# kind → (model, resolve(id, language_code) → Target | None)
_kinds: dict[int, tuple[type, Callable[[int, str], Target | None]]] = {}


def register_kind(kind: int, model: type, resolve: Callable[[int, str], Target | None]) -> None:
    """An app's records with short links of their own (a meeting is no page, yet it is posted)."""
    if not 0 < kind < KINDS:
        raise ValueError(f"short-link kinds are 1..{KINDS - 1}; 0 is a page")
    _kinds[kind] = (model, resolve)


def encode(number: int) -> str:
    if number < 0:
        raise ValueError(number)
    digits = []
    while True:
        number, rest = divmod(number, BASE)
        digits.append(ALPHABET[rest])
        if not number:
            return "".join(reversed(digits))


def decode(code: str) -> int | None:
    """The number a code stands for, case-insensitively; None for anything that is not a code."""
    if not isinstance(code, str) or not 0 < len(code) <= MAX_CODE_LENGTH:
        return None
    number = 0
    for char in code.lower():
        position = ALPHABET.find(char)
        if position < 0:
            return None
        number = number * BASE + position
    return number


def code_for(obj: Any) -> str | None:
    """The code of a page or of a registered record; None for anything else."""
    if isinstance(obj, Page):
        from home.translations import record_page_id

        return encode(record_page_id(obj) * KINDS + PAGE_KIND)
    for kind, (model, _resolve) in _kinds.items():
        if isinstance(obj, model) and obj.pk:
            return encode(obj.pk * KINDS + kind)
    return None


def short_url(obj: Any) -> str:
    """The absolute short link (PORTAL_BASE_URL/n/<code>), or '' when the object has none."""
    code = code_for(obj)
    return public_url(f"/n/{code}") if code else ""


def is_public(page: Page) -> bool:
    """Live and under no view restriction (its own or an ancestor's; an alias takes its source's)."""
    return page.live and not page.get_view_restrictions().exists()


def page_in_language(page: Page, language_code: str) -> Page | None:
    """The public copy of the page in the language, else the public page itself; None when neither is public."""
    translated = (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=language_code, live=True)
        .exclude(pk=page.pk)
        .first()
    )
    for candidate in (translated, page):
        if candidate is not None and is_public(candidate):
            return candidate.specific
    return None


def _resolve_page(pk: int, language_code: str) -> Target | None:
    page = Page.objects.filter(pk=pk).first()
    if page is None:
        return None
    page = page_in_language(page, language_code)
    if page is None:
        return None
    return Target(obj=page, url=page.get_url(), title=page.title, page=page)


def resolve(code: str, language_code: str | None = None) -> Target | None:
    """What the code opens in the language (default: the active one), or None: unknown, draft or private."""
    number = decode(code)
    if number is None or number >= 2**63:
        return None
    pk, kind = divmod(number, KINDS)
    if pk == 0:
        return None
    language_code = language_code or translation.get_language()
    if kind == PAGE_KIND:
        return _resolve_page(pk, language_code)
    if kind in _kinds:
        return _kinds[kind][1](pk, language_code)
    return None
