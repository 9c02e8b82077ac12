"""Readable differences between two versions of the rules, article by article.

Chinese has no spaces between words, so words cannot be found by splitting on whitespace: the texts are
compared character by character and short unchanged runs between two changes are folded into the change,
so that a reader sees "改为 X" rather than a confetti of single characters.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Numbers and Latin words stay whole ("15桌" → "10桌" shows 15 → 10, not 5 → 0); every other character,
# Chinese characters and punctuation, is a token of its own.
TOKEN = re.compile(r"[0-9A-Za-z]+(?:[.,][0-9]+)*|.", re.DOTALL)

# An unchanged run this short between two changes is shown as part of the change: 1 character is almost
# never a meaningful word on its own in Chinese.
MIN_EQUAL_RUN = 2
# Below this similarity two articles at the same place are a removal and an addition, not an edit.
MIN_SIMILARITY = 0.4


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class NumberedArticle:
    number: int
    label: str
    text: str
    chapter: str = ""


@dataclass
class ArticleChange:
    kind: str  # "added", "removed", "changed" or "unchanged"
    old: NumberedArticle | None
    new: NumberedArticle | None
    segments: list[Segment] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.old and self.new and self.old.label != self.new.label:
            return f"{self.old.label} → {self.new.label}"
        if self.new is None:
            # A removed article keeps its old number, which the new text may have given to another one.
            return f"原{self.old.label}"  # type: ignore[union-attr]
        return self.new.label


def _matcher(old: Sequence, new: Sequence) -> SequenceMatcher:
    # autojunk off: with it, difflib ignores an element that makes up over 1% of a sequence of 200 or more, so a
    # long article (or a long list of articles) would come out as one big change.
    return SequenceMatcher(None, old, new, autojunk=False)


def char_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn `old` into `new`, compared by characters with tiny unchanged runs merged."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = _matcher(old_tokens, new_tokens)
    # Each run: (tag, old part, new part).
    runs: list[list[str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        runs.append(["equal" if tag == "equal" else "change", "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])])
    merged: list[list[str]] = []
    for index, run in enumerate(runs):
        # The opcodes alternate between equal and changed runs, so an equal run that is neither the first nor
        # the last lies between two changes.
        is_short_gap = run[0] == "equal" and len(run[1]) < MIN_EQUAL_RUN and 0 < index < len(runs) - 1
        if is_short_gap:
            run = ["change", *run[1:]]
        if merged and merged[-1][0] == "change" and run[0] == "change":
            merged[-1][1] += run[1]
            merged[-1][2] += run[2]
        else:
            merged.append(list(run))
    segments: list[Segment] = []
    for tag, old_part, new_part in merged:
        if tag == "equal":
            segments.append(Segment("equal", old_part))
            continue
        if old_part:
            segments.append(Segment("delete", old_part))
        if new_part:
            segments.append(Segment("insert", new_part))
    return _start_changes_at_clauses(segments)


# Punctuation that ends a clause in Chinese (and its ASCII look-alikes).
CLAUSE_MARKS = "，、；：。！？,;:"


def _start_changes_at_clauses(segments: list[Segment]) -> list[Segment]:
    """Slide a lone insertion or deletion so that it starts after a clause mark rather than with one.

    "邻里和睦(，不在山林用火)，不焚烧" and "邻里和睦，(不在山林用火，)不焚烧" say the same; the second reads as
    the clause that was added or removed, which is what a villager looks for."""
    out = list(segments)
    for i in range(1, len(out) - 1):
        before, change, after = out[i - 1], out[i], out[i + 1]
        if change.kind == "equal" or before.kind != "equal" or after.kind != "equal":
            continue
        text, head, tail = change.text, before.text, after.text
        while text and text[0] in CLAUSE_MARKS and tail.startswith(text[0]):
            head, text, tail = head + text[0], text[1:] + text[0], tail[1:]
        out[i - 1], out[i], out[i + 1] = Segment("equal", head), Segment(change.kind, text), Segment("equal", tail)
    return [segment for segment in out if segment.text]


def _similarity(old: str, new: str) -> float:
    return _matcher(old, new).ratio()


def diff_articles(old: Sequence[NumberedArticle], new: Sequence[NumberedArticle]) -> list[ArticleChange]:
    """Article-by-article changes in reading order. Articles are matched by their text, not their number,
    so inserting one article does not make every later article look changed."""
    matcher = _matcher([a.text for a in old], [a.text for a in new])
    changes: list[ArticleChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            # Same texts, possibly renumbered: both sides are kept. An equal block has one length on both sides.
            changes.extend(ArticleChange("unchanged", o, new[j1 + k]) for k, o in enumerate(old[i1:i2]))
        else:
            # A "delete" or "insert" block has one empty side, and _pair_block reports every article of the
            # other side removed or added.
            changes.extend(_pair_block(list(old[i1:i2]), list(new[j1:j2])))
    return changes


def _pair_block(old: list[NumberedArticle], new: list[NumberedArticle]) -> list[ArticleChange]:
    """Within a replaced block, pair each old article with the most similar remaining new one, in order."""
    changes: list[ArticleChange] = []
    j = 0
    for o in old:
        best, best_ratio = None, MIN_SIMILARITY
        for k in range(j, len(new)):
            ratio = _similarity(o.text, new[k].text)
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            changes.append(ArticleChange("removed", o, None))
            continue
        changes.extend(ArticleChange("added", None, n) for n in new[j:best])
        # Similar enough to be an edit, and never the same text: SequenceMatcher leaves no equal pair inside a
        # replaced block (autojunk is off), so the pair is always a change.
        changes.append(ArticleChange("changed", o, new[best], char_diff(o.text, new[best].text)))
        j = best + 1
    changes.extend(ArticleChange("added", None, n) for n in new[j:])
    return changes
