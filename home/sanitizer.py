"""The one place where user-supplied HTML is cleaned (bleach). Every model that stores it calls this on save.

Residents write proposals, comments and requests with a handful of formatting tags. Anything else —
scripts, styles, event handlers, iframes, javascript: links — is removed, and links open safely.
"""

import html
import re

import bleach
from bleach.linkifier import DEFAULT_CALLBACKS

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})


def _safe_link(attrs: dict, new: bool = False) -> dict:
    # User links are never endorsed by the portal and never get the opener.
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


def sanitize_html(html: str | None) -> str:
    """User HTML reduced to the allowed tags, with bare URLs made into safe links."""
    if not html:
        return ""
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return bleach.linkify(cleaned, callbacks=[*DEFAULT_CALLBACKS, _safe_link], parse_email=False)


def sanitize_text(text: str | None) -> str:
    """Plain text with every tag removed, for titles and one-line fields."""
    if not text:
        return ""
    return bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True).strip()


A_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Only the tags a resident may use count as formatting: "x<y and y>z" or "<村口大街>" is text, not a tag, and
# would otherwise be cut out by bleach.
AN_ALLOWED_TAG = re.compile(r"</?(?:" + "|".join(sorted(ALLOWED_TAGS)) + r")\b[^<>]*>", re.IGNORECASE)


def plain_text_to_html(text: str | None) -> str:
    """What a resident typed in a plain text box, as paragraphs: a blank line starts a new one, a single line
    break stays a line break, and < > & are shown as typed. Text written with the allowed formatting tags is
    left as it is, for sanitize_html."""
    if not text or AN_ALLOWED_TAG.search(text):
        return text or ""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    return "".join(f"<p>{html.escape(part, quote=False).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def html_to_plain_text(value: str | None) -> str:
    """Stored user HTML back as the plain text a resident edits in a text box (the reverse of plain_text_to_html;
    formatting other than paragraphs and line breaks is dropped, bare links are linked again on save)."""
    if not value:
        return ""
    text = re.sub(r"(?i)<br\s*/?>", "\n", value)
    text = re.sub(r"(?i)</(p|li|blockquote|ul|ol)>\s*", "\n\n", text)
    text = A_TAG.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
