"""What a typed query asks for: the concepts a result must hold, each with the ways it may be written.

A query is cut into words as the index is (search.text), then read the way a villager means it:
- a name from the synonym list (search.synonyms) is one concept that any name of its group satisfies;
- question words and filler (怎么, 如何, 吗, 办理, how, to …) are optional: they only break ties between
  results that hold the same content words, so 怎么申请低保 ranks the 低保 pages first, not "…怎么办";
- letters that read as pinyin (dibao, ting shui, cwgk) may also match the pinyin of title words
  (search.pinyin), ranked below a match of the letters themselves; English words match their plurals;
- a query of one character searches titles only (the index holds words, not characters).
Pure functions: no database, no request.
"""

import re
from dataclasses import dataclass, field

import rjieba

from search import pinyin
from search.synonyms import Synonyms, phrase_key, singular
from search.text import _load_dictionary, _words, query_terms

EXACT, SYNONYM, PINYIN = 3, 2, 1  # how much a concept found in a title weighs, by how it was found
MAX_CONCEPTS = 12  # content concepts kept from one query (the box takes 100 characters)
MAX_ALTERNATIVES = 6

# Asking words and filler, in Simplified Chinese (queries are folded to it first) and English.
FILLER = frozenset(
    """
    怎么 怎么办 怎么样 怎样 如何 为什么 为何 什么 啥 哪里 哪儿 哪个 哪些 在哪 在哪里 在哪儿 去哪 去哪里 找谁 谁
    多少 几 能不能 能否 可不可以 可以 能 是否 是不是 有没有 会不会 要不要 吗 呢 吧 啊 呀 么 嘛 了 请问 请 问
    问问 一下 我 我们 我家 咱 咱们 你 您 想 想要 要 需要 应该 得 办理 办 申请 咨询 查询 查 了解 知道
    how what where when who why which whom whose can could do does did i me my we our you your to the a an of for
    in on at is are was be by with about please want need get find apply
    """.split()  # noqa: SIM905 (a word list is easier to review as text)
)
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_ALPHA = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class Alternative:
    # Index words that must all be in the row, each as one of its forms (rule or rules); pinyin words for a
    # pinyin alternative.
    slots: tuple[tuple[str, ...], ...]
    weight: int  # EXACT, SYNONYM or PINYIN
    pinyin: bool = False  # looked up in the row's pinyin words rather than its text words

    @property
    def terms(self) -> list[str]:
        return [form for slot in self.slots for form in slot]


def _slots(terms) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(english_forms(term)) if _ASCII_ALPHA.match(term) else (term,) for term in terms)


@dataclass
class Concept:
    text: str  # as read from the query (normalised), for the "did you mean" suggestions
    alternatives: list[Alternative]
    optional: bool = False  # a question word or filler: ranks, never required

    def text_terms(self) -> list[str]:
        return [term for alt in self.alternatives if not alt.pinyin for term in alt.terms]


@dataclass
class Plan:
    concepts: list[Concept] = field(default_factory=list)
    bonus: list[str] = field(default_factory=list)  # whole words of the query (村规民约): one more in a title
    titles_only: str = ""  # a one-character query: titles holding it

    @property
    def required(self) -> list[Concept]:
        return [concept for concept in self.concepts if not concept.optional]

    @property
    def optional(self) -> list[Concept]:
        return [concept for concept in self.concepts if concept.optional]

    def highlight_terms(self) -> list[str]:
        if self.titles_only:
            return [self.titles_only]
        return list(dict.fromkeys(term for concept in self.required for term in concept.text_terms()))

    def __bool__(self) -> bool:
        return bool(self.titles_only or self.concepts)


def required_terms(terms: list[str]) -> list[str]:
    """The words a row must hold to hold every word: a compound that contains another query word (村规民约
    with 村规 and 民约, as search-mode cutting gives them) is not required, since its pieces are."""
    return [term for term in terms if not any(other != term and other in term for other in terms)]


def _alternative(text: str, weight: int) -> Alternative | None:
    terms = required_terms(query_terms(text))
    return Alternative(_slots(terms), weight) if terms else None


def english_forms(word: str) -> list[str]:
    """A word and its plural or singular, as the index may hold either: rule, rules; policy, policies."""
    base = singular(word)
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        plural = base[:-1] + "ies"
    elif base.endswith(("s", "x", "ch", "sh")):
        plural = base + "es"
    else:
        plural = base + "s"
    return list(dict.fromkeys([word, base, plural]))


def _letters_concept(words: list[str]) -> Concept:
    """ASCII words read as English (with plural forms) and, when they can be, as pinyin run together."""
    alternatives = [Alternative(_slots(words), EXACT)]
    letters = "".join(words)
    if pinyin.is_syllable_run(letters) or (len(words) == 1 and pinyin.could_be_initials(letters)):
        alternatives.append(Alternative(((letters,),), PINYIN, pinyin=True))
    return Concept(" ".join(words), alternatives)


def _content(text: str, plan: Plan) -> list[Concept]:
    """Concepts for a run of content words: one per required word, as the index cuts it."""
    terms = query_terms(text)
    required = required_terms(terms)
    plan.bonus += [term for term in terms if term not in required]
    concepts: list[Concept] = []
    pending_syllables: list[str] = []  # ting shui: single syllables typed apart read as one word

    def flush() -> None:
        if pending_syllables:
            concepts.append(_letters_concept(list(pending_syllables)))
            pending_syllables.clear()

    for term in required:
        if _ASCII_ALPHA.match(term):
            if pinyin.is_syllable(term) and term not in FILLER:
                pending_syllables.append(term)
                continue
            flush()
            concepts.append(_letters_concept([term]))
            continue
        flush()
        concepts.append(Concept(term, [Alternative(((term,),), EXACT)]))
    flush()
    # One Chinese character beside other words (交 in 水费怎么交) is rarely a word of the index: it ranks only.
    if any(len(concept.text) > 1 for concept in concepts):
        for concept in concepts:
            if len(concept.text) == 1 and _CHINESE.match(concept.text):
                concept.optional = True
    return concepts


def _tokens(key: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of each word of the precise cut (boundaries for phrase detection)."""
    _load_dictionary()
    out, position = [], 0
    for token in rjieba.cut(key):
        out.append((position, position + len(token), token))
        position += len(token)
    return out


def _phrases(key: str, synonyms: Synonyms) -> list[tuple[int, int, str]]:
    """Non-overlapping names of the synonym list in the query, longest first, aligned on word boundaries;
    a word that is a name plus one character (低保金, 医保卡) counts as the name."""
    tokens = [token for token in _tokens(key) if token[2].strip()]
    starts = {start for start, _end, _token in tokens}
    ends = {end for _start, end, _token in tokens}
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(key)
    spans = sorted(
        ((start, end) for start in starts for end in ends if 0 < end - start <= synonyms.longest),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    for start, end in spans:
        phrase = key[start:end]
        if phrase in synonyms and not any(taken[start:end]):
            found.append((start, end, phrase))
            taken[start:end] = [True] * (end - start)
    for start, end, token in tokens:
        if len(token) >= 3 and _CHINESE.match(token[-1]) and token[:-1] in synonyms and not any(taken[start:end]):
            found.append((start, end, token[:-1]))
            taken[start:end] = [True] * (end - start)
    return sorted(found)


def _phrase_concept(phrase: str, synonyms: Synonyms, plan: Plan) -> Concept | None:
    own = _alternative(phrase, EXACT)
    if own is None:
        return None
    plan.bonus += [term for term in query_terms(phrase) if term not in own.terms]
    alternatives = [own]
    if pinyin.is_syllable_run(phrase):  # dibao is in the list, and reads as pinyin too
        alternatives.append(Alternative(((phrase,),), PINYIN, pinyin=True))
    for name in synonyms.others(phrase):
        alternative = _alternative(phrase_key(name), SYNONYM)
        if alternative is not None and alternative.slots not in [alt.slots for alt in alternatives]:
            alternatives.append(alternative)
    return Concept(phrase, alternatives[:MAX_ALTERNATIVES])


def _segments(key: str, synonyms: Synonyms) -> list[tuple[str, str]]:
    """("phrase", name) and ("text", words between names), in query order."""
    out, position = [], 0
    for start, end, phrase in _phrases(key, synonyms):
        if start > position:
            out.append(("text", key[position:start]))
        out.append(("phrase", phrase))
        position = end
    if position < len(key):
        out.append(("text", key[position:]))
    return out


def _text_concepts(text: str, plan: Plan) -> list[Concept]:
    """Content runs between filler words become concepts; each filler word an optional concept."""
    _load_dictionary()
    concepts: list[Concept] = []
    run: list[str] = []
    for token in [*rjieba.cut(text), " "]:
        word = token.strip()
        if word and word in FILLER:
            concepts += _content("".join(run), plan)
            run = []
            terms = required_terms(_words(word))
            concepts += [Concept(word, [Alternative(_slots(terms), EXACT)], optional=True)] if terms else []
        else:
            run.append(token)
    concepts += _content("".join(run), plan)
    return concepts


def make_plan(text: str, synonyms: Synonyms) -> Plan:
    """The plan for a typed query (see the module's docstring)."""
    key = phrase_key(text)
    compact = key.replace(" ", "")
    if len(compact) == 1 and compact.isalnum():
        return Plan(titles_only=compact)
    plan = Plan()
    for kind, part in _segments(key, synonyms):
        if kind == "phrase":
            concept = _phrase_concept(part, synonyms, plan)
            plan.concepts += [concept] if concept else []
        else:
            plan.concepts += _text_concepts(part, plan)
    if plan.concepts and not plan.required:  # 怎么办 alone: the asking words are all there is
        for concept in plan.concepts:
            concept.optional = False
    if len(plan.required) == 1 and len(plan.required[0].text) == 1 and _CHINESE.match(plan.required[0].text):
        return Plan(titles_only=plan.required[0].text)  # 水吗: one character is all there is to look for
    required = plan.required[:MAX_CONCEPTS]
    plan.concepts = [c for c in plan.concepts if c.optional or c in required]
    plan.bonus = list(dict.fromkeys(term for term in plan.bonus if term))
    return plan
