"""Chinese numerals for 第N章 / 第N条: computed from the position, never typed by an editor."""

DIGITS = "零一二三四五六七八九"
SMALL_UNITS = ["", "十", "百", "千"]


def _below_ten_thousand(n: int, *, leading: bool) -> str:
    """1..9999 in Chinese; `leading` is True when nothing bigger precedes it (so 10 reads 十, not 一十)."""
    digits = [int(d) for d in f"{n:04d}"]
    out: list[str] = []
    pending_zero = False
    started = False
    for position, digit in enumerate(digits):
        unit = SMALL_UNITS[3 - position]
        if digit == 0:
            pending_zero = started or not leading
            continue
        if pending_zero and (started or not leading):
            out.append("零")
        pending_zero = False
        if digit == 1 and unit == "十" and not started and leading:
            out.append("十")
        else:
            out.append(DIGITS[digit] + unit)
        started = True
    return "".join(out)


def chinese_numeral(n: int) -> str:
    """The number as written in Chinese legal texts: 1→一, 10→十, 11→十一, 20→二十, 105→一百零五, 1010→一千零一十."""
    if not isinstance(n, int) or n < 0:
        raise ValueError("chinese_numeral takes a non-negative integer")
    if n == 0:
        return DIGITS[0]
    if n >= 10**8:
        raise ValueError("chinese_numeral supports numbers below one hundred million")
    high, low = divmod(n, 10_000)
    if not high:
        return _below_ten_thousand(low, leading=True)
    text = _below_ten_thousand(high, leading=True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_ten_thousand(low, leading=False).lstrip("零")
    return text


def chapter_label(n: int) -> str:
    return f"第{chinese_numeral(n)}章"


def article_label(n: int) -> str:
    return f"第{chinese_numeral(n)}条"
