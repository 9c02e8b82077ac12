"""What of a request may be shown publicly. Pure: no names, phone numbers or exact addresses of private persons."""

import re

from home.privacy.detect import mask_all, mask_name

# Landlines and other long digit runs that mask_all (IDs, mobiles, cards) leaves: 7 or more digits.
_LONG_NUMBER = re.compile(r"\d[\d\- ]{5,}\d")


def public_description(text: str, names: list[str] = ()) -> str:
    """The description with ID, mobile and card numbers masked (home.privacy.detect), the known names of
    the people involved masked (张三 → 张*), and any other long number hidden."""
    text = mask_all(text or "")
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return _LONG_NUMBER.sub(lambda m: "*" * len(m.group()), text)


def coarse_place(village_name: str, grid_name: str, place: str) -> str:
    """Village, grid and the coarse place the resident gave (never the exact address)."""
    return " ".join(part for part in (village_name, grid_name, place) if part)


def request_names(request) -> list[str]:
    """Names that must not appear in public: the resident's, the contact's, the mediation parties'."""
    names = [request.contact_name]
    resident = request.resident
    if resident is not None:
        names += [resident.real_name, resident.display_name]
    return names


def coarse_coordinate(value) -> float | None:
    """About one kilometre: enough for a map of the village, not enough to find a house."""
    return round(float(value), 2) if value is not None else None
