"""Pinyin for the search: what title words read as, and whether typed letters could be pinyin.

Many villagers type pinyin on a phone keyboard without picking the characters (dibao for 低保). The index
keeps, per row, the toneless pinyin of its title words of two or more Chinese characters (低保 → dibao,
停水 → tingshui) and, for words of three or more, their initials (村规民约 → cgmy, 村务公开 → cwgk): the
initials of a two-character word (db) would match too many others to help. Pure functions, no Django.

Why pypinyin: maintained, its dictionaries (characters and phrases, so 银行 reads yinhang and 重庆
chongqing) ship inside the wheel, nothing is downloaded at run time.
"""

import re
import unicodedata
from functools import cache, lru_cache

from pypinyin import Style, lazy_pinyin

_CJK_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_LETTERS = re.compile(r"^[a-z]+$")
MAX_SYLLABLE = 6  # zhuang, shuang
INITIALS_FROM = 3  # words this long or longer also store their initials


def is_chinese_word(word: str) -> bool:
    return bool(_CJK_WORD.match(word))


@lru_cache(maxsize=65536)
def reading(word: str) -> str:
    """Toneless pinyin of a Chinese word, syllables run together, ü as v: 低保 → dibao, 绿色 → lvse."""
    return "".join(lazy_pinyin(word, style=Style.NORMAL)).lower()


@lru_cache(maxsize=65536)
def initials(word: str) -> str:
    """First letters of the syllables: 村规民约 → cgmy (zh, ch, sh count as z, c, s, as phone keyboards do)."""
    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER)).lower()


def pinyin_terms(words: list[str], skip: frozenset[str] = frozenset()) -> list[str]:
    """The pinyin index words for a row's title words (index terms): readings, then initials of long words."""
    out: list[str] = []
    for word in words:
        if len(word) < 2 or word in skip or not is_chinese_word(word):
            continue
        out.append(reading(word))
        if len(word) >= INITIALS_FROM:
            out.append(initials(word))
    return list(dict.fromkeys(out))


@cache
def syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (about 400), from its character dictionary."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for value in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))
            plain = plain.replace("ü", "v").lower()
            if _LETTERS.match(plain) and (len(plain) > 1 or plain in "aeo"):
                found.add(plain)
    return frozenset(found)


@lru_cache(maxsize=4096)
def is_syllable_run(letters: str) -> bool:
    """Can these letters be read as whole pinyin syllables one after another (dibao, tingshui, xian)?"""
    if not letters or not _LETTERS.match(letters):
        return False
    known = syllables()
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - MAX_SYLLABLE), end):
            if reachable[start] and letters[start:end] in known:
                reachable[end] = True
                break
    return reachable[-1]


def is_syllable(letters: str) -> bool:
    return letters in syllables()


def could_be_initials(letters: str) -> bool:
    """Letters that could be the initials of a long word (cwgk, cgmy): three to eight, and no vowel, which tells
    them from English words (a syllable starting with a vowel is rare in the long words that store initials)."""
    return 3 <= len(letters) <= 8 and bool(_LETTERS.match(letters)) and not set(letters) & set("aeiouv")
