"""Personal data that no published page may show in full (PIPL; DOMAIN.md §5), and how to mask it.

Pure functions: detection of resident ID numbers (GB 11643, ISO 7064 MOD 11-2 check digit), mobile
numbers and bank-card numbers (Luhn), and the masks used when a list of people must be published.
"""

import re
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

# Digits not glued to other digits: a 19-digit card number must not count as an ID number inside it.
ID_PATTERN = re.compile(r"(?<![0-9])[1-9]\d{16}[0-9Xx](?![0-9Xx])")
MOBILE_PATTERN = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
# Card numbers are often written in groups of four separated by spaces or hyphens.
CARD_PATTERN = re.compile(r"(?<![0-9])\d(?:[ -]?\d){15,18}(?![0-9])")


def id_check_char(first_17: str) -> str:
    """The 18th character of a resident ID number (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def is_valid_id_number(text: str) -> bool:
    if not re.fullmatch(r"[1-9]\d{16}[0-9Xx]", text):
        return False
    return id_check_char(text[:17]) == text[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


@dataclass(frozen=True)
class Finding:
    kind: str  # "id", "mobile" or "card"
    text: str

    @property
    def masked(self) -> str:
        return MASKERS[self.kind](self.text)


def find_personal_data(text: str) -> list[Finding]:
    """Every full ID number, mobile number and bank-card number in text, in order of kind."""
    if not text:
        return []
    findings: list[Finding] = []
    id_spans: list[tuple[int, int]] = []
    for match in ID_PATTERN.finditer(text):
        if is_valid_id_number(match.group()):
            findings.append(Finding("id", match.group()))
            id_spans.append(match.span())
    for match in MOBILE_PATTERN.finditer(text):
        findings.append(Finding("mobile", match.group()))
    for match in CARD_PATTERN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        inside_id = any(start <= match.start() and match.end() <= end for start, end in id_spans)
        if 16 <= len(digits) <= 19 and not inside_id and luhn_ok(digits):
            findings.append(Finding("card", match.group()))
    return findings


def mask_name(name: str) -> str:
    """张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明: the family name and the last character stay."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_number(text: str) -> str:
    """4201**********1234: the first four and the last four characters stay."""
    text = re.sub(r"\s", "", text)
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_mobile(text: str) -> str:
    """138****5678."""
    digits = re.sub(r"\D", "", text)
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_card(text: str) -> str:
    """Only the last four digits of a card stay: **** **** **** 1234 style, without the spaces."""
    digits = re.sub(r"\D", "", text)
    return "*" * (len(digits) - 4) + digits[-4:]


MASKERS = {"id": mask_id_number, "mobile": mask_mobile, "card": mask_card}


def mask_all(text: str) -> str:
    """text with every full ID, mobile and card number masked."""
    for finding in find_personal_data(text):
        text = text.replace(finding.text, finding.masked)
    return text
