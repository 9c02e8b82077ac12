"""The untranslated-string sweep: which English messages a rendered admin screen still shows.

"Known" English is every msgid of the catalogues the admin draws on (Wagtail's apps, wagtail-localize, allauth,
Django and the project's own), read from their English .po files. A msgid is split at its HTML tags and at its
placeholders; each part with a real English word becomes a pattern that must not match a whole text node (or a
title / aria-label / placeholder / alt / button value) of the screen. Whole-node matching is what keeps the
sweep honest: "Pages" must not fail a page whose title mentions pages, but a node reading "219 Pages" does.
"""

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib
import wagtail
import wagtail_localize
from django.conf import settings

SITE_PACKAGES_APPS = [
    Path(wagtail.__file__).parent,
    Path(wagtail_localize.__file__).parent,
    Path(allauth.__file__).parent,
    Path(django.__file__).parent / "conf",
]
# Words an admin screen legitimately shows in Latin letters (names of things, not untranslated messages).
# "English" is the language switcher naming English in English, as every language names itself there.
ALLOWED = {"wagtail", "api", "url", "csv", "pdf", "json", "rss", "atom", "open311", "svg", "id", "ip", "gbk", "english"}
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-z]{3,}")


def _english_catalogues() -> list[Path]:
    found = []
    for root in SITE_PACKAGES_APPS:
        found += root.glob("**/locale/en/LC_MESSAGES/django.po")
    found += [Path(path) / "en" / "LC_MESSAGES" / "django.po" for path in settings.LOCALE_PATHS]
    return [path for path in found if path.exists()]


def _pattern(part: str) -> re.Pattern | None:
    part = " ".join(part.split()).strip(" :：.…")
    words = [w for w in _WORD.findall(_PLACEHOLDER.sub(" ", part)) if w.lower() not in ALLOWED]
    if not words:
        return None
    pieces = _PLACEHOLDER.split(part)
    regex = r".{1,80}?".join(re.escape(piece) for piece in pieces)
    return re.compile(rf"\s*{regex}\s*[:：.…]?\s*")


@cache
def known_english() -> dict[re.Pattern, str]:
    """Pattern -> the msgid it comes from, for every English message the admin may show."""
    patterns: dict[str, tuple[re.Pattern, str]] = {}
    for path in _english_catalogues():
        for entry in polib.pofile(str(path)):
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                for part in _TAG.split(msgid):
                    pattern = _pattern(part)
                    if pattern is not None:
                        patterns.setdefault(pattern.pattern, (pattern, msgid))
    return dict(patterns.values())


class _Text(HTMLParser):
    SKIP = {"script", "style", "template", "noscript", "code", "pre", "textarea"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag in self.SKIP or ("hidden" in values and tag not in self.VOID):
            # What nobody sees (scripts, a hidden counter reading "None") is not a message on the screen.
            self._skipping.append(tag)
        if self._skipping:
            return
        for name in self.ATTRIBUTES & values.keys():
            self.nodes.append(values[name] or "")
        if tag == "input" and values.get("type") in {"submit", "button"}:
            self.nodes.append(values.get("value") or "")

    def handle_endtag(self, tag) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data) -> None:
        if not self._skipping and data.strip():
            self.nodes.append(data)


def text_nodes(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [" ".join(node.split()) for node in parser.nodes if node.strip()]


@dataclass
class Leak:
    text: str
    msgid: str

    def __str__(self) -> str:
        return f"{self.text!r} (msgid {self.msgid!r})"


def without_data(node: str, data: frozenset[str]) -> str:
    """The node with content (page titles, account names) taken out: an English page title quoted in a Chinese
    sentence ("已从“…”重命名为“Applying for …”") is the editor's words, not an untranslated message."""
    for value in sorted(data, key=len, reverse=True):
        if len(value) > 1 and value in node:
            node = node.replace(value, " ")
    return " ".join(node.split())


def untranslated(html: str, data: frozenset[str] = frozenset()) -> list[Leak]:
    """English messages shown as they are: each text node that is a known msgid (or one of its parts)."""
    leaks = []
    patterns = known_english()
    for original in set(text_nodes(html)):
        node = without_data(original, data)
        if not _WORD.search(node):
            continue
        for pattern, msgid in patterns.items():
            if pattern.fullmatch(node):
                leaks.append(Leak(original, msgid))
                break
    return leaks


_ENGLISH_PHRASE = re.compile(r"[A-Za-z][A-Za-z'’-]+(?: [A-Za-z][A-Za-z'’-]+)+[.!?]?")


def english_phrases(html: str, data: frozenset[str] = frozenset()) -> list[str]:
    """Text nodes that are two or more English words and nothing else: English no catalogue knows (model
    names typed without gettext, data such as Wagtail's default workflow names)."""
    return sorted(
        {
            node
            for node in (without_data(text, data) for text in text_nodes(html))
            if _ENGLISH_PHRASE.fullmatch(node) and not {w.lower() for w in _WORD.findall(node)} <= ALLOWED
        }
    )
