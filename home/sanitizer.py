"""The one place where user-supplied HTML is cleaned (bleach). Every model that stores it calls this on save.

Residents write proposals, comments and requests with a handful of formatting tags. Anything else —
scripts, styles, event handlers, iframes, javascript: links — is removed, and links open safely.
"""

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
