"""Personal data (PIPL; DOMAIN.md §5): one detector and masker (detect) and the publish guard (guard).

A base module: every app may import it, it imports no feature app.
"""

from .detect import (
    Finding,
    contains_personal_data,
    find_personal_data,
    id_check_char,
    is_valid_id_number,
    luhn_ok,
    mask_all,
    mask_card,
    mask_email,
    mask_id_number,
    mask_mobile,
    mask_name,
)

__all__ = [
    "Finding",
    "contains_personal_data",
    "find_personal_data",
    "id_check_char",
    "is_valid_id_number",
    "luhn_ok",
    "mask_all",
    "mask_card",
    "mask_email",
    "mask_id_number",
    "mask_mobile",
    "mask_name",
]
