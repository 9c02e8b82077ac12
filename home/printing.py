"""The print view for the 公开栏 (the noticeboard outside the committee office): A4, large type, a QR code.

Apps register what they print (notices, consultations, council meetings): a model, a template and a function
giving the template's context and the posting period. Home renders the QR code of the short link and says how
long the sheet stays posted; it never imports the apps.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe


def min_posted_days() -> int:
    """Local rules keep a notice posted at least five days (DOMAIN.md §4); the notices' own setting."""
    return int(getattr(settings, "NOTICES_MIN_POSTED_DAYS", 5))


@dataclass(frozen=True)
class PostingPeriod:
    start: datetime.date
    end: datetime.date
    min_days: int


def posting_period(start: datetime.date, until: datetime.date | None = None) -> PostingPeriod:
    """From `start` until `until`, but never fewer than the minimum days (a sheet posted the 1st stays to the 6th)."""
    days = min_posted_days()
    earliest = start + datetime.timedelta(days=days)
    return PostingPeriod(start=start, end=max(earliest, until or earliest), min_days=days)


@dataclass(frozen=True)
class Printable:
    template: str
    # (the object in the visitor's language, request) → (context for the template, posting period)
    context: Callable[[Any, Any], tuple[dict[str, Any], PostingPeriod]]


_printables: dict[type, Printable] = {}


def register_printable(
    model: type, template: str, context: Callable[[Any, Any], tuple[dict[str, Any], PostingPeriod]]
) -> None:
    _printables[model] = Printable(template, context)


def printable_for(obj: Any) -> Printable | None:
    for model in type(obj).__mro__:
        if model in _printables:
            return _printables[model]
    return None


def qr_svg(url: str) -> SafeString:
    """The URL as an inline SVG QR code: error level M (a creased or rained-on sheet still scans), 4-module quiet
    zone, drawn with one path so it prints sharp at any size. segno escapes nothing we pass but the URL, which is
    ours (PORTAL_BASE_URL and a code from home.shortlinks' alphabet)."""
    code = segno.make(url, error="m", micro=False)
    return mark_safe(code.svg_inline(scale=1, border=4, svgclass="qr", lineclass="qr-line", omitsize=True))  # noqa: S308
