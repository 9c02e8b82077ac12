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
TRIED = 4  # candidate queries checked for results, at most


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


# Title words per locale, kept in this process until the index next changes here (search.indexing bumps the
# generation) or a minute has passed (a change written by another worker): reading 10,000 titles and cutting
# them up cost more than the search itself. A word gone stale only costs a suggestion: every suggestion is
# checked for results before it is shown.
VOCABULARY_SECONDS = 60
_vocabulary: dict[int, tuple[int, float, "Vocabulary"]] = {}


@dataclass
class Vocabulary:
    titles: set[str]
    others: set[str]
    by_reading: dict[str, set[str]]  # pinyin reading (and initials of long words) → Chinese words
    by_char: dict[str, set[str]]  # character → Chinese words holding it
    latin: dict[str, set[str]]  # first letter → English words

    @classmethod
    def of(cls, titles: set[str], others: set[str]) -> "Vocabulary":
        by_reading: dict[str, set[str]] = {}
        by_char: dict[str, set[str]] = {}
        latin: dict[str, set[str]] = {}
        for word in titles | others:
            if pinyin.is_chinese_word(word):
                by_reading.setdefault(pinyin.reading(word), set()).add(word)
                if len(word) >= pinyin.INITIALS_FROM:
                    by_reading.setdefault(pinyin.initials(word), set()).add(word)
                for char in set(word):
                    by_char.setdefault(char, set()).add(word)
            elif word.isascii() and word.isalpha():
                latin.setdefault(word[0], set()).add(word)
        return cls(titles, others, by_reading, by_char, latin)

    def __contains__(self, word: str) -> bool:
        return word in self.titles or word in self.others

    def near(self, typed: str) -> set[str]:
        """Words that may be within reach of `typed`: the same reading, enough characters or letters in common."""
        if pinyin.is_chinese_word(typed):
            found = set(self.by_reading.get(pinyin.reading(typed), ()))
            counts: dict[str, int] = {}
            for char in set(typed):
                for word in self.by_char.get(char, ()):
                    counts[word] = counts.get(word, 0) + 1
            return found | {word for word, shared in counts.items() if shared >= len(set(typed)) - 1}
        found = set(self.by_reading.get(typed, ()))
        if len(typed) >= 5:  # a letter away from a reading: readings of about the same length and first letter
            for reading, words in self.by_reading.items():
                if reading[:1] == typed[:1] and abs(len(reading) - len(typed)) <= 1:
                    found |= words
        return found | {word for word in self.latin.get(typed[:1], ()) if abs(len(word) - len(typed)) <= 2}


def generation() -> int:
    from search import indexing

    return indexing.GENERATION[0]


def vocabulary(locale, known: Synonyms) -> Vocabulary:
    import time

    kept = _vocabulary.get(locale.pk)
    if kept and kept[0] == generation() and time.monotonic() - kept[1] < VOCABULARY_SECONDS:
        return kept[2]
    others = dictionary_words() | {phrase_key(word) for word in known.words()}
    made = Vocabulary.of(title_words(locale), others)
    _vocabulary[locale.pk] = (generation(), time.monotonic(), made)
    return made


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


def nearest(typed: str, known: "Vocabulary", limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Known words nearest to `typed` (normalised), best first."""
    found = []
    for word in known.near(typed):
        distance = _distance(typed, word)
        if distance is not None:
            found.append(Candidate(word, distance, word in known.titles))
    found.sort(key=lambda c: (c.distance, not c.from_titles, abs(len(c.word) - len(typed)), c.word))
    # A word that reads the same as the typed one beats any that is spelt a character away (低包: 低保, not 承包).
    best = found[0].distance if found else 0
    return [candidate.word for candidate in found if candidate.distance <= best + 0.5][:limit]


def containing(char: str, known: "Vocabulary", limit: int = MAX_SUGGESTIONS) -> list[str]:
    """For a one-character query that no title holds: known words with that character."""
    words = sorted((w for w in known.by_char.get(char, ()) if len(w) <= 4), key=lambda w: (len(w), w))
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
    words = vocabulary(query.locale, known)
    key = phrase_key(query.text)
    if plan.titles_only:
        return containing(plan.titles_only, words)
    options: list[str] = []
    for concept in plan.required:
        typed = concept.text
        if typed in words or typed.replace(" ", "") in words:
            continue
        for word in nearest(typed.replace(" ", ""), words):
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
