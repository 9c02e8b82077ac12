"""Personal numbers that no public output may show in full (PIPL; DOMAIN.md §5), found and masked.

Pure functions, no Django. What is found:
- resident ID numbers (GB 11643): 18 characters whose ISO 7064 MOD 11-2 check character holds, X upper or lower;
- mobile numbers: 11 digits 1[3-9]…, optionally after +86 / 0086 / 86;
- bank-card numbers: 16 to 19 digits with a valid Luhn sum and a card-issuer first digit (2221–2720, 3–6, 9).

However they are written: full-width digits (１３８…), groups separated by one space, hyphen, dot or slash
(`138 1234 5678`, `138-1234-5678`, `138.1234.5678`, `138/1234/5679`, `110105 19491231 002X`), or split by inline
HTML tags (`138<b>1234</b>5678`). Block-level tags (`</td><td>`, `<p>`, `<br>`) and line breaks separate numbers.

The text is read as runs of digit groups joined by separators; a number is a run of *whole* consecutive groups,
so digits glued to other digits never count (a 19-digit card holds no ID number, 12 digits hold no mobile), and
landlines (`0376-7261 3018`), dates, amounts, the 12348 hotline and voucher numbers are left alone.
"""

import re
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

# Full-width forms (U+FF01–FF5E) and wide spaces become their ASCII look-alikes; one character for one, so
# positions in the translated text are positions in the original.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20}
_WIDTH |= {0x2010: 0x2D, 0x2011: 0x2D, 0x2012: 0x2D, 0x2013: 0x2D, 0x2014: 0x2D, 0x2212: 0x2D, 0x00B7: 0x2E}

# Tags that do not break a line: a number split by them reads as one number.
_INLINE_TAG = r"</?(?:a|b|i|u|s|em|strong|span|mark|small|sub|sup|font|code|abbr|bdi|bdo|q|del|ins)\b[^<>]{0,300}>"
_GAP = rf"(?:[ \t]|&nbsp;|&#160;|{_INLINE_TAG})"
_SEPARATOR = rf"(?:{_GAP}{{0,3}}[-./]{_GAP}{{0,3}}|{_GAP}{{1,3}})"
_GROUP = r"[0-9]+[Xx]?"
_RUN = re.compile(rf"{_GROUP}(?:{_SEPARATOR}{_GROUP})*")
_GROUP_IN_RUN = re.compile(rf"{_GROUP}|{_INLINE_TAG}")

MOBILE = re.compile(r"(?:0086|86)?(1[3-9][0-9]{9})")
CARD_LENGTHS = range(16, 20)
LONGEST = CARD_LENGTHS[-1]  # 19 digits, a card: no number is longer (0086 + a mobile is 15), so no longer run of
# groups needs looking at


def id_check_char(first_17: str) -> str:
    """The 18th character of a resident ID number (ISO 7064 MOD 11-2)."""
    total = sum(int(first_17[index]) * weight for index, weight in enumerate(ID_WEIGHTS))
    return ID_CHECK_CHARS[total % 11]


def is_valid_id_number(text: str) -> bool:
    if not re.fullmatch(r"[1-9][0-9]{16}[0-9Xx]", text):
        return False
    return id_check_char(text[:17]) == text[17].upper()


# Luhn doubles every second digit from the right and adds the digits of the product: 0→0, 1→2, …, 5→1+0, 9→1+8.
LUHN_DOUBLED = "0246813579"


def luhn_ok(digits: str) -> bool:
    total = sum(
        int(char if position % 2 == 0 else LUHN_DOUBLED[int(char)]) for position, char in enumerate(reversed(digits))
    )
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    if not digits.isdigit() or len(digits) not in CARD_LENGTHS:
        return False
    issuer_ok = re.match(r"[34569]", digits) is not None or 2221 <= int(digits[:4]) <= 2720
    return issuer_ok and luhn_ok(digits)


def mobile_digits(digits: str) -> str | None:
    """The 11 digits of a mobile number written as digits, with or without the 86 / 0086 country prefix."""
    match = MOBILE.fullmatch(digits)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Finding:
    kind: str  # "id", "mobile" or "card"
    text: str  # as written, separators and inline tags included
    number: str = ""  # the bare number: digits (and a final X), country prefix dropped
    start: int = 0
    end: int = 0

    @property
    def masked(self) -> str:
        return MASKERS[self.kind](self.number or self.text)


def _kind_of(number: str) -> tuple[str, str] | None:
    if len(number) == 18 and is_valid_id_number(number):
        return "id", number.upper()
    if (mobile := mobile_digits(number)) is not None:
        return "mobile", mobile
    if is_card_number(number):
        return "card", number
    return None


def _candidates(plain: str, text: str, run: re.Match) -> list[Finding]:
    """The numbers made of whole consecutive groups of a run of `plain` (text with full-width forms translated),
    as written in `text`. A group that ends with X can only end an ID number: a reading that goes on past it is
    no number, which _kind_of says."""
    groups = [g for g in _GROUP_IN_RUN.finditer(plain, run.start(), run.end()) if not g.group().startswith("<")]
    found = []
    for first in range(len(groups)):
        number = ""
        for last in range(first, len(groups)):
            number += groups[last].group()
            if len(number) > LONGEST:
                break
            kind = _kind_of(number)
            if kind:
                start, end = groups[first].start(), groups[last].end()
                found.append(Finding(kind[0], text[start:end], kind[1], start, end))
    return found


def find_personal_data(text: str) -> list[Finding]:
    """Every full ID, mobile and bank-card number in text (plain or HTML), in the order they are written.

    An ID number is never also reported as a card; otherwise the longest reading of a run of groups wins.
    """
    if not text:
        return []
    plain = text.translate(_WIDTH)
    candidates = [found for run in _RUN.finditer(plain) for found in _candidates(plain, text, run)]
    ordered = sorted(candidates, key=lambda f: (f.kind != "id", -(f.end - f.start), f.start))
    chosen: list[Finding] = []
    taken: set[int] = set()  # positions of the numbers chosen so far: a reading that overlaps one is dropped
    for finding in ordered:
        span = range(finding.start, finding.end)
        if taken.isdisjoint(span):
            taken.update(span)
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)


def contains_personal_data(text: str) -> bool:
    return bool(find_personal_data(text))


def mask_name(name: str) -> str:
    """张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明: the family name and the last character stay."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _bare(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text.translate(_WIDTH))


def mask_id_number(text: str) -> str:
    """4201**********1234: the first four and the last four characters stay."""
    text = _bare(text).upper()
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_mobile(text: str) -> str:
    """138****5678 (a +86 / 0086 prefix is dropped)."""
    digits = re.sub(r"\D", "", text.translate(_WIDTH))
    digits = mobile_digits(digits) or digits
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_card(text: str) -> str:
    """Only the last four digits of a card stay: ************1111."""
    digits = re.sub(r"\D", "", text.translate(_WIDTH))
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


def mask_email(address: str) -> str:
    """w***@example.org: the first character of the mailbox and the domain stay (the domain says only the provider)."""
    address = (address or "").strip()
    if "@" not in address:
        return "*" * len(address)
    mailbox, domain = address.rsplit("@", 1)
    return f"{mailbox[:1]}***@{domain}" if mailbox else f"***@{domain}"


MASKERS = {"id": mask_id_number, "mobile": mask_mobile, "card": mask_card}


def _starred_positions(finding: Finding, count: int) -> range:
    """Which of the finding's digit characters (counted from 0, prefix included) become stars."""
    prefix = count - len(finding.number)
    if finding.kind == "id":
        return range(4, count - 4)
    if finding.kind == "mobile":
        return range(prefix + 3, prefix + 7)
    return range(count - 4)


def mask_all(text: str) -> str:
    """text with every full ID, mobile and card number masked where it stands: separators, tags and the
    layout stay (`138 1234 5678` → `138 **** 5678`), digits inside tags are not touched."""
    findings = find_personal_data(text)
    if not findings:
        return text
    plain = text.translate(_WIDTH)
    chars = list(text)
    for finding in findings:
        # Tags blanked out, at the same length: digits of an attribute are not the number's.
        visible = re.sub(_INLINE_TAG, lambda tag: " " * len(tag.group()), plain[finding.start : finding.end])
        digit_at = [finding.start + m.start() for m in re.finditer(r"[0-9Xx]", visible)]
        for ordinal in _starred_positions(finding, len(digit_at)):
            chars[digit_at[ordinal]] = "*"
    return "".join(chars)
