"""Exact values of written numbers: Arabic, Chinese, positional and mixed forms.

All arithmetic is done with :class:`~decimal.Decimal`, so ``38.9万`` is exactly 389000.
Inputs are normalized (Simplified, half-width) number strings as matched by the rules.
"""

from __future__ import annotations

from decimal import Decimal

CHINESE_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
    "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
LARGE_UNITS = {"万": 10**4, "亿": 10**8}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)
# A Chinese number must hold at least one of these: a bare 百/千/万 is not a number.
CHINESE_VALUE_CHARS = "".join(CHINESE_DIGITS) + "十拾"


class NumberError(ValueError):
    """A string the rules matched that is not a determinate number."""


def parse_number(numeral: str, multiplier: str = "") -> Decimal:
    """Value of a numeral and its multiplier (``1.5`` + ``亿``, ``一千二百万``, ``二三.四五`` + ``亿``)."""
    numeral = numeral.replace(",", "").replace("点", ".")
    if not numeral:
        raise NumberError("empty numeral")
    scale = Decimal(1)
    for char in multiplier:
        if char not in SMALL_UNITS and char not in LARGE_UNITS:
            raise NumberError(f"not a multiplier: {multiplier!r}")
        scale *= SMALL_UNITS.get(char) or LARGE_UNITS[char]
    if all(c.isdigit() or c == "." for c in numeral):
        return Decimal(numeral) * scale
    if not any(c in CHINESE_VALUE_CHARS for c in numeral):
        raise NumberError(f"no numeral in {numeral!r}")
    if "." in numeral:
        whole, fraction = numeral.split(".", 1)
        digits = "".join(str(CHINESE_DIGITS[c]) for c in fraction)
        return (Decimal(_chinese_integer(whole)) + Decimal("0." + digits)) * scale
    return Decimal(_chinese_integer(numeral)) * scale


def _chinese_integer(text: str) -> int:
    """Standard (一千二百万) or positional (二〇三五) Chinese integer."""
    if not any(c in SMALL_UNITS or c in LARGE_UNITS for c in text):
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    total = wan = section = number = 0
    for char in text:
        if char in CHINESE_DIGITS:
            number = CHINESE_DIGITS[char]
        elif char in SMALL_UNITS:
            section += (number or 1) * SMALL_UNITS[char]
            number = 0
        elif char == "万":
            wan = (wan + section + number) * 10**4
            section = number = 0
        elif char == "亿":
            total = (total + wan + section + number) * 10**8
            wan = section = number = 0
        else:
            raise NumberError(f"not a Chinese numeral: {char!r} in {text!r}")
    return total + wan + section + number


def to_json_number(value: Decimal) -> int | float:
    """Integral values as int; others as the float whose repr is the same decimal."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
