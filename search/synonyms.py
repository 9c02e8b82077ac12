"""Words that mean the same to a searcher: official names and the everyday names villagers type (低保 for
最低生活保障), from the repository's list (synonyms.txt) and the county's own additions (admin snippets).

A query that holds one of them (aligned with the words it is cut into: 低保 in 怎么申请低保, not inside an
unrelated word) looks for any name of its group, so either name finds the other's pages. Groups that share a
word are one group. Pure functions apart from `county_groups()`, which reads the snippets (one small query).
"""

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from search.text import normalise

SYNONYMS = Path(__file__).with_name("synonyms.txt")
SEPARATOR = re.compile(r"\s*[=＝]\s*")
_ASCII_WORD = re.compile(r"[a-z]+")
# Plurals that are not a word plus "s".
NOT_PLURAL = frozenset({"news", "series", "species", "always", "various", "bus", "gas", "yes", "this", "its", "has"})


def singular(word: str) -> str:
    """rules → rule, policies → policy, classes → class; other words as they are. English only."""
    if len(word) < 4 or word in NOT_PLURAL or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def phrase_key(text: str) -> str:
    """The form phrases are compared in: normalised (Simplified, lower case), English words singular, one
    space between words."""
    folded = _ASCII_WORD.sub(lambda match: singular(match.group()), normalise(text))
    return " ".join(folded.split())


def parse_groups(text: str) -> list[list[str]]:
    """The groups of a synonyms text: one a line, names separated by "=", "#" starts a comment."""
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        names = [name for name in SEPARATOR.split(line) if name] if line else []
        if len(names) >= 2:
            groups.append(names)
    return groups


@cache
def repository_groups() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in parse_groups(SYNONYMS.read_text(encoding="utf-8")))


@dataclass
class Synonyms:
    """Every known name, by its phrase key, with the names of its (merged) group."""

    groups: dict[str, frozenset[str]] = field(default_factory=dict)  # key → every name of its group, as written
    longest: int = 0  # characters of the longest key

    @classmethod
    def of(cls, groups) -> "Synonyms":
        # Union-find over phrase keys: groups sharing a name (宅基地 in two lines) become one.
        parent: dict[str, str] = {}
        written: dict[str, set[str]] = {}

        def root(key: str) -> str:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        for group in groups:
            keys = []
            for name in group:
                key = phrase_key(name)
                parent.setdefault(key, key)
                written.setdefault(key, set()).add(name)
                keys.append(key)
            for key in keys[1:]:
                parent[root(key)] = root(keys[0])
        members: dict[str, set[str]] = {}
        for key, names in written.items():
            members.setdefault(root(key), set()).update(names)
        table = {key: frozenset(members[root(key)]) for key in written}
        return cls(table, max((len(key) for key in table), default=0))

    def others(self, key: str) -> list[str]:
        """The other names of the group of `key` (a phrase key), longest first: [] for an unknown phrase."""
        group = self.groups.get(key, frozenset())
        return sorted((name for name in group if phrase_key(name) != key), key=lambda name: (-len(name), name))

    def __contains__(self, key: str) -> bool:
        return key in self.groups

    def words(self) -> set[str]:
        return {name for group in self.groups.values() for name in group}


def county_groups() -> list[list[str]]:
    """The county's own groups (admin → Search synonyms)."""
    from search.models import SearchSynonym

    return [group for text in SearchSynonym.objects.values_list("words", flat=True) for group in parse_groups(text)]


def current() -> Synonyms:
    """The repository's groups with the county's: the county's are read on each search (a table of a few rows),
    so an editor's change applies at once in every worker; the merge is kept per distinct set of them."""
    return _merged(tuple(tuple(group) for group in county_groups()))


@lru_cache(maxsize=8)
def _merged(county: tuple[tuple[str, ...], ...]) -> Synonyms:
    return Synonyms.of([*repository_groups(), *county])
