"""Units, multipliers and classifiers, read from ``patterns/units.json``.

A :class:`UnitTable` knows, for every unit string of the clean text, which label it
gives a number (``元`` -> MONEY, ``亩`` -> AREA, ``个`` -> COUNT ...) and how the unit is
reported (``元`` -> ``CNY``, ``个百分点`` -> ``pp``).  It also builds the regular
expression fragments the numeric rules are made of, longest alternatives first.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .data import PatternError

LABEL_OF_SECTION = {"area": "AREA", "quantity": "QUANTITY", "classifiers": "COUNT"}


@dataclass(frozen=True)
class Unit:
    label: str
    code: str  # the unit as reported: ISO code, %, pp, or the written unit


def alternation(items) -> str:
    """Regex alternation of literal strings, longest first so the longest wins."""
    return "|".join(regex.escape(item) for item in sorted(set(items), key=lambda s: (-len(s), s)))


class UnitTable:
    def __init__(self, data: dict):
        try:
            self.multipliers: dict[str, int] = dict(data["multipliers"])
            self.units: dict[str, Unit] = {}
            for written, code in data["currencies"].items():
                self.units[written] = Unit("MONEY", code)
            for written, code in data["percent"].items():
                self.units[written] = Unit("PERCENT", code)
            for section, label in LABEL_OF_SECTION.items():
                for written in data[section]:
                    self.units.setdefault(written, Unit(label, written))
            self.percent_words: dict[str, str] = dict(data["percent_words"])
            self.tenths: str = data["tenths"]
            self.rate_denominators: list[str] = list(data["rate_denominators"])
        except (KeyError, TypeError) as exc:
            raise PatternError(f"units.json: missing or malformed entry {exc}") from exc

    def unit_pattern(self) -> str:
        """Any unit; Latin units must not run on into a longer word (MW vs MWh is listed)."""
        parts = []
        for written in sorted(self.units, key=lambda s: (-len(s), s)):
            escaped = regex.escape(written)
            parts.append(escaped + "(?![A-Za-z])" if written[-1].isascii() and written[-1].isalpha() else escaped)
        return "|".join(parts)

    def multiplier_pattern(self) -> str:
        """Multipliers, each refusing to eat the head of a unit (千 of 千米 in 5千米)."""
        parts = []
        for mult in sorted(self.multipliers, key=lambda s: (-len(s), s)):
            clashes = [u[len(mult):] for u in self.units if u.startswith(mult) and u[len(mult):] in self.units]
            guard = f"(?!{alternation(clashes)})" if clashes else ""
            parts.append(regex.escape(mult) + guard)
        return "|".join(parts)

    def rate_pattern(self) -> str:
        return alternation(set(self.rate_denominators) | set(self.units))

    def resolve(self, written: str, rate: str = "") -> Unit:
        """The reported unit of a written unit and optional rate denominator."""
        unit = self.units[written]
        if not rate:
            return unit
        denominator = rate.lstrip("/")
        denominator = self.units[denominator].code if denominator in self.units else denominator
        return Unit(unit.label, f"{unit.code}/{denominator}")
