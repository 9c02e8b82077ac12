"""Reading a row id from a request parameter: only ASCII digits within the database's 64-bit integer.

``str.isdigit()`` alone lets through '²' (which ``int()`` refuses) and 2**63 (which the database refuses): both
were HTTP 500s. Anything that is not an id is ``None``, which the caller treats as "not found".
"""

MAX_ID = 2**63 - 1


def as_id(raw: object) -> int | None:
    """The positive id in ``raw`` (a query or form value), or None."""
    if not isinstance(raw, str):
        raw = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else ""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        return None
    number = int(raw)
    return number if 0 < number <= MAX_ID else None
