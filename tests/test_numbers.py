from decimal import Decimal

import pytest

from govextract.numbers import NumberError, parse_number, to_json_number


@pytest.mark.parametrize(
    "numeral, multiplier, expected",
    [
        ("6000", "万", 60_000_000),
        ("1.5", "亿", 150_000_000),
        ("38.9", "万", 389_000),
        ("97.7", "亿", 9_770_000_000),
        ("一千二百万", "", 12_000_000),
        ("十九", "", 19),
        ("两万", "", 20_000),
        ("三千五百", "", 3_500),
        ("一百零五", "", 105),
        ("二〇三五", "", 2035),
        ("二三.四五", "亿", 2_345_000_000),
        ("3.5", "万亿", 3_500_000_000_000),
        ("1,234.5", "", Decimal("1234.5")),
        ("十万", "亿", 10_000_000_000_000),
        ("一亿二千万", "", 120_000_000),
        ("三点五", "", Decimal("3.5")),
        ("○", "", 0),
    ],
)
def test_values_are_exact(numeral, multiplier, expected):
    assert parse_number(numeral, multiplier) == Decimal(expected)


def test_no_float_rounding():
    assert to_json_number(parse_number("38.9", "万")) == 389000
    assert isinstance(to_json_number(parse_number("38.9", "万")), int)
    assert to_json_number(parse_number("0.3")) == 0.3


@pytest.mark.parametrize("numeral", ["万", "百", "千万", ""])
def test_bare_multipliers_are_not_numbers(numeral):
    with pytest.raises(NumberError):
        parse_number(numeral)
