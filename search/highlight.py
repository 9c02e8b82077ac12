"""Snippets with the matched words marked: pure functions over plain text."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.text import normalise


def _match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    # OpenCC maps character for character and NFKC keeps CJK lengths, so offsets in the normalised
    # text are offsets in the original.
    folded = normalise(text)
    if len(folded) != len(text):
        folded = text.lower()
    spans = []
    for term in sorted(set(terms), key=len, reverse=True):
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = folded.find(term, end)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):  # 环境 + 整治 side by side read better as one mark
        if merged and merged[-1][1] == s:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def highlight(text: str, terms: list[str], width: int = 90) -> SafeString:
    """About `width` characters around the first match, escaped, with every match in <mark>."""
    text = " ".join(text.split())
    spans = _match_spans(text, terms)
    begin = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), begin + width)
    parts, position = [], begin
    for s, e in spans:
        if s < begin or e > end:
            continue
        parts.append(escape(text[position:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        position = e
    parts.append(escape(text[position:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 every piece of text went through escape()
