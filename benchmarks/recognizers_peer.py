"""Microsoft Recognizers-Text (Chinese culture) as a peer system, mapped to spec spans.

Recognizers-Text has no notion of our labels, so this adapter translates its results
into the annotation spec (section 3) as faithfully as its output allows:

* currency model -> MONEY, value in units of the currency, unit = ISO code
  (``分``/``角`` results have no ISO code: they are CNY fractions and scaled as such);
* percentage model -> PERCENT, unit ``%`` (``pp`` when the text says ``百分点``);
* dimension model -> AREA for area units, QUANTITY for length, mass, volume and
  speed; information units (``位`` = bit, ``GB``...) and ``罐`` have no spec label and
  are dropped;
* results without a value (a bare unit such as ``亩``) are dropped.

Offsets: the Chinese models return ``start`` and an *inclusive* ``end`` over the raw
input, while ``text`` is their normalized copy (lower case, half-width), so the adapter
checks ``raw[start:end + 1]`` against ``text`` after the same normalization and drops
(and counts) anything that does not line up.  Numeric spans must not overlap in the
spec, but the three models run independently, so overlaps are resolved longest-first.

This module deliberately does not import govextract or spaCy: the benchmark measures
the peer's memory in a process that has only the peer loaded.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

AREA_UNITS = frozenset({"Square centimetre", "Square decimeter", "Square meter", "Square kilometer",
                        "Acre", "Hectare", "Mu"})
# Dimension units that are physical measures in the spec's sense (length, mass, volume, rates).
QUANTITY_UNITS = frozenset({
    "Meter", "Kilometer", "Decimeter", "Centimeter", "Micrometer", "Microns", "Picometer", "Nanometer",
    "Li", "Zhang", "Chi", "Cun", "Fen", "Hao", "Mile", "Inch", "Foot", "Yard", "Knot", "Light year",
    "Meter per second", "Kilometer per hour", "Kilometer per minute", "Kilometer per second",
    "Mile per hour", "Foot per second", "Foot per minute", "Yard per minute", "Yard per second",
    "Liter", "Milliliter", "Cubic meter", "Cubic decimeter", "Cubic millimeter", "Cubic feet", "Gallon",
    "Pint", "Dou", "Dan", "Barrel", "Kilogram", "Jin", "Milligram", "Gram", "Ton", "Pound", "Ounce",
})
# Currency results that carry no ISO code: Chinese fractional units of the yuan.
CNY_FRACTIONS = {"Fen": Decimal("0.01"), "Jiao": Decimal("0.1")}
# Earlier models win ties of equal length when results overlap.
MODEL_ORDER = ("currency", "percentage", "dimension")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value).strip().rstrip("%").replace(",", ""))
    except InvalidOperation:
        return None


@dataclass
class RecognizersPeer:
    """The three Recognizers-Text models, built once, and the mapping of their results."""

    culture: str = "zh-cn"
    dropped_offsets: int = 0  # results whose offsets did not match their text
    dropped_unmapped: dict[str, int] = field(default_factory=dict)  # result unit -> count
    _models: dict[str, Any] = field(default_factory=dict, repr=False)
    _suffixes: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_number_with_unit.resources.chinese_numeric_with_unit import ChineseNumericWithUnit

        with_unit = NumberWithUnitRecognizer(self.culture)
        self._models = {
            "currency": with_unit.get_currency_model(),
            "percentage": NumberRecognizer(self.culture).get_percentage_model(),
            "dimension": with_unit.get_dimension_model(),
        }
        # The library's own spellings of each unit, used to report the unit as written.
        self._suffixes = {unit: sorted((_norm(s) for s in spellings.split("|")), key=len, reverse=True)
                          for unit, spellings in ChineseNumericWithUnit.DimensionSuffixList.items()}

    # -- public -------------------------------------------------------------------------
    def raw_results(self, text: str) -> list[tuple[str, Any]]:
        """(model name, result) for every model, in MODEL_ORDER."""
        return [(name, result) for name in MODEL_ORDER for result in self._models[name].parse(text)]

    def spans(self, text: str) -> list[dict[str, Any]]:
        """Spec span dicts for one document, non-overlapping, sorted by start."""
        candidates = []
        for rank, (model, result) in enumerate(self.raw_results(text)):
            span = self._to_span(text, model, result)
            if span is not None:
                candidates.append((rank, span))
        return _without_overlaps(candidates)

    # -- mapping ------------------------------------------------------------------------
    def _locate(self, text: str, result: Any) -> tuple[int, int] | None:
        start, end = int(result.start), int(result.end) + 1  # end is inclusive in the library
        if not (0 <= start < end <= len(text)) or _norm(text[start:end]) != _norm(result.text):
            self.dropped_offsets += 1
            return None
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def _to_span(self, text: str, model: str, result: Any) -> dict[str, Any] | None:
        resolution = result.resolution or {}
        value = _decimal(resolution.get("value"))
        if value is None:
            return None
        located = self._locate(text, result)
        if located is None:
            return None
        start, end = located
        surface = text[start:end]
        if model == "currency":
            label, unit = "MONEY", resolution.get("isoCurrency")
            if not unit and resolution.get("unit") in CNY_FRACTIONS:
                value, unit = value * CNY_FRACTIONS[resolution["unit"]], "CNY"
            unit = unit or resolution.get("unit")
        elif model == "percentage":
            label, unit = "PERCENT", "pp" if "百分点" in surface else "%"
        else:
            rt_unit = resolution.get("unit")
            if rt_unit in AREA_UNITS:
                label = "AREA"
            elif rt_unit in QUANTITY_UNITS:
                label = "QUANTITY"
            else:
                self.dropped_unmapped[str(rt_unit)] = self.dropped_unmapped.get(str(rt_unit), 0) + 1
                return None
            unit = self._written_unit(surface, str(rt_unit))
        return {"start": start, "end": end, "label": label, "text": surface,
                "value": _json_number(value), "unit": unit, "peer_type": f"{model}:{resolution.get('unit', '')}"}

    def _written_unit(self, surface: str, rt_unit: str) -> str:
        """The unit as the text spells it (spec: unit as written), else the library's name."""
        normalized = _norm(surface)
        for spelling in self._suffixes.get(rt_unit, []):
            written = surface[len(surface) - len(spelling):]
            if normalized.endswith(spelling) and _norm(written) == spelling:
                return written
        return rt_unit


def _without_overlaps(candidates: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Keep the longest of overlapping spans (earlier model on ties), then order by start."""
    kept: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for _, span in sorted(candidates, key=lambda c: (c[1]["start"] - c[1]["end"], c[0])):
        if all(span["end"] <= s or e <= span["start"] for s, e in taken):
            kept.append(span)
            taken.append((span["start"], span["end"]))
    return sorted(kept, key=lambda s: s["start"])
