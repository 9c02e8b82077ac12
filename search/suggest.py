"""“Did you mean”: when a search finds nothing, the nearest words the portal knows, in the searcher's script.

Known words are the governance dictionary (dictionary.txt), every name of the synonym list and the words of
the titles in the visitor's language tree. A typed word that is none of them is replaced by the nearest:
one that reads the same (低宝 → 低保, the commonest slip of a pinyin keyboard), then one a character or a
letter away (低保金额 → 低保), or for letters one whose pinyin or English spelling is a letter away. A
suggestion is offered only if searching it finds something. Written in the script the visitor typed
(Traditional for 低寶), else in their tree's.
"""

from dataclasses import dataclass

from search import pinyin
from search.registry import Query
from search.synonyms import Synonyms, phrase_key
from search.text import DICTIONARY, to_simplified, to_traditional

MAX_SUGGESTIONS = 3
TRIED = 6  # candidate queries checked for results, at most


@dataclass(frozen=True)
class Candidate:
    word: str
    distance: float
    from_titles: bool


def levenshtein(a: str, b: str, limit: int = 2) -> int:
    """Edit distance, or limit + 1 once it is certainly larger than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def dictionary_words() -> set[str]:
    words = set()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.split()[0])
    return words


def title_words(locale) -> set[str]:
    """The words of every title in the locale's tree (one query: the distinct stored title words)."""
    from search.models import SearchDocument

    rows = SearchDocument.objects.filter(locale=locale).values_list("title_terms", flat=True).distinct()
    return {word for terms in rows for word in terms.split() if len(word) >= 2}


def _distance(typed: str, word: str) -> float | None:
    """How far a known word is from a typed one; None when too far to suggest."""
    if word == typed:
        return None
    if pinyin.is_chinese_word(typed):
        if not pinyin.is_chinese_word(word) or abs(len(word) - len(typed)) > 1:
            return None
        if len(word) == len(typed) and pinyin.reading(word) == pinyin.reading(typed):
            return 0
        edits = levenshtein(typed, word, 1)
        return 1 + 0.5 * (len(word) != len(typed)) if edits <= 1 and len(typed) >= 2 else None
    if not typed.isascii() or not typed.isalpha() or len(typed) < 3:
        return None
    if pinyin.is_chinese_word(word):
        if pinyin.reading(word) == typed or (len(word) >= 3 and pinyin.initials(word) == typed):
            return 0.5
        return 1.5 if len(typed) >= 5 and levenshtein(typed, pinyin.reading(word), 1) <= 1 else None
    if word.isascii() and word.isalpha():
        allowed = 2 if len(typed) >= 7 else 1
        edits = levenshtein(typed, word, allowed)
        return float(edits) if edits <= allowed and len(typed) >= 4 else None
    return None


def nearest(typed: str, titles: set[str], others: set[str], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Known words nearest to `typed` (normalised), best first."""
    found = []
    for word in titles | others:
        distance = _distance(typed, word)
        if distance is not None:
            found.append(Candidate(word, distance, word in titles))
    found.sort(key=lambda c: (c.distance, not c.from_titles, abs(len(c.word) - len(typed)), c.word))
    # A word that reads the same as the typed one beats any that is spelt a character away (低包: 低保, not 承包).
    best = found[0].distance if found else 0
    return [candidate.word for candidate in found if candidate.distance <= best + 0.5][:limit]


def containing(char: str, titles: set[str], others: set[str], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """For a one-character query that no title holds: known words with that character."""
    words = sorted((w for w in titles | others if char in w and len(w) <= 4), key=lambda w: (len(w), w))
    return words[:limit]


def _script(text: str, locale) -> str:
    """ "traditional" or "simplified": what the visitor typed in, else their tree's script."""
    if to_simplified(text) != text:
        return "traditional"
    if to_traditional(text) != text:
        return "simplified"
    return "traditional" if locale.language_code == "zh-hant" else "simplified"


def candidates(query: Query, known: Synonyms) -> list[str]:
    """Whole queries to suggest, best first, not yet checked for results (normalised Simplified)."""
    plan = query.plan
    titles = title_words(query.locale)
    others = dictionary_words() | {phrase_key(word) for word in known.words()}
    key = phrase_key(query.text)
    if plan.titles_only:
        return containing(plan.titles_only, titles, others)
    vocabulary = titles | others
    options: list[str] = []
    for concept in plan.required:
        typed = concept.text
        if typed in vocabulary or typed.replace(" ", "") in vocabulary:
            continue
        for word in nearest(typed.replace(" ", ""), titles, others):
            options.append(key.replace(typed, word))
    return list(dict.fromkeys(option for option in options if option != key))


def suggestions(query: Query, known: Synonyms) -> list[str]:
    """Up to MAX_SUGGESTIONS queries that find something, in the visitor's script."""
    from search.engine import run

    script = _script(query.text, query.locale)
    found = []
    for text in candidates(query, known)[:TRIED]:
        probe = Query(text=text, terms=[], operator="and", locale=query.locale, village=query.village,
                      year=query.year, kinds=query.kinds, request=query.request)  # fmt: skip
        if run(probe, limit=1, suggest=False, known=known).total:
            found.append(to_traditional(text) if script == "traditional" else text)
        if len(found) == MAX_SUGGESTIONS:
            break
    return found
