"""Readable page slugs made from Chinese titles: 停水通知 2026年12月 → tingshui-tongzhi-2026-12.

Django's slugify drops every Chinese character, so a title like 2026年11月财务公开 gave "202611" and 停水通知 gave
nothing at all: publishing then failed with "this field is required" on the promote tab the clerk never opened.
Here the title is cut into words (jieba, the same segmenter as search), each word written in toneless pinyin
(pypinyin) and the words joined with hyphens; numbers stay numbers and the 年/月/日 after them are dropped.

The slug is made when a page is first saved and then kept, so a published address does not change when a typo
in the title is fixed (wagtail-localize copies it to the translations). Nobody types it: the admin shows it
read-only (home.models.base.SlugFromTitleMixin).
"""

import re

import rjieba
from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin

from search.text import _load_dictionary, to_simplified

MAX_LENGTH = 60
_DATE_UNIT = re.compile(r"(\d+)\s*[年月日号號]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _pinyin(word: str) -> str:
    return "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


def _pieces(word: str) -> list[str]:
    # jieba keeps 停水通知 or 财务收支 as one word; in pinyin a run of eight syllables is hard to read, so words
    # of four or more characters are written in pairs (tingshui-tongzhi, caiwu-shouzhi), a tail of three kept whole.
    if len(word) < 4:
        return [word]
    pairs = [word[i : i + 2] for i in range(0, len(word), 2)]
    if len(pairs[-1]) == 1:
        pairs[-2:] = [pairs[-2] + pairs[-1]]
    return pairs


def pinyin_slug(title: str, max_length: int = MAX_LENGTH) -> str:
    """Lower-case ASCII words joined by hyphens; "" when the title has nothing to write (punctuation only)."""
    _load_dictionary()
    text = _DATE_UNIT.sub(r" \1 ", to_simplified(title))
    parts: list[str] = []
    for word in rjieba.cut(text):
        if _HAN.search(word):
            parts += [_pinyin(piece) for piece in _pieces(word)]
        else:
            parts.append(slugify(word))
    slug = "-".join(part for part in parts if part)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


def unique_slug(base: str, siblings) -> str:
    """base, or base-2, base-3 … : the first that no page in ``siblings`` (a queryset) uses."""
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
