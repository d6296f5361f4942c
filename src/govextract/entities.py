"""Span attributes (``span._.value`` ...) and the plain :class:`Entity` records users get.

Values are kept as strings inside ``doc.user_data`` so that docs still serialize with
msgpack (multiprocessing, ``DocBin``); the getters give back exact ``Decimal`` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from spacy.tokens import Doc, Span

from .numbers import to_json_number

NUMERIC_LABELS = ("MONEY", "PERCENT", "AREA", "COUNT", "QUANTITY")
PROJECT_LABEL = "PROJECT"
LABELS = NUMERIC_LABELS + (PROJECT_LABEL,)
NUMBERS_KEY = "numbers"
PROJECTS_KEY = "projects"

Value = Decimal | list[Decimal]


def _key(span: Span, name: str) -> tuple:
    return _attribute_key(name, span.start_char, span.end_char, span.label_)


def _attribute_key(name: str, start: int, end: int, label: str) -> tuple:
    return ("govextract", name, start, end, label)


def _encode_value(value: Value | None):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def _decode_value(stored) -> Value | None:
    if stored is None:
        return None
    if isinstance(stored, (list, tuple)):
        return [Decimal(v) for v in stored]
    return Decimal(stored)


def _stored(name: str, encode=lambda v: v, decode=lambda v: v):
    def getter(span: Span):
        return decode(span.doc.user_data.get(_key(span, name)))

    def setter(span: Span, value) -> None:
        span.doc.user_data[_key(span, name)] = encode(value)

    return {"getter": getter, "setter": setter}


def register_extensions() -> None:
    """Declare the ``span._`` attributes (idempotent)."""
    attributes = {
        "value": _stored("value", _encode_value, _decode_value),
        "unit": _stored("unit"),
        "qualifier": _stored("qualifier"),
        "amounts": _stored("amounts", lambda v: [list(p) for p in v] if v else None, lambda v: [tuple(p) for p in v or []]),
    }
    for name, accessors in attributes.items():
        if not Span.has_extension(name):
            Span.set_extension(name, **accessors)


@dataclass
class Entity:
    """One extracted span in raw-text coordinates."""

    start: int
    end: int
    label: str
    text: str
    value: Value | None = None
    unit: str | None = None
    qualifier: str | None = None
    amounts: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_span(cls, span: Span, offset: int = 0) -> "Entity":
        """The entity of a span; ``offset`` places a chunk's span in its whole document."""
        # Reads the stored attributes directly: ``span._`` builds a new accessor per call,
        # which is a tenth of the pipeline's time on a report with many spans.
        stored = span.doc.user_data
        start, end, label = span.start_char, span.end_char, span.label_

        def attribute(name: str):
            return stored.get(_attribute_key(name, start, end, label))

        return cls(
            start=start + offset,
            end=end + offset,
            label=label,
            text=span.text,
            value=_decode_value(attribute("value")),
            unit=attribute("unit"),
            qualifier=attribute("qualifier"),
            amounts=[(s + offset, e + offset) for s, e in attribute("amounts") or []],
        )

    def to_dict(self) -> dict[str, Any]:
        """The span object of the annotation spec (section 5), with extra keys."""
        record: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label, "text": self.text}
        if self.label in NUMERIC_LABELS:
            if isinstance(self.value, list):
                record["value"] = [to_json_number(v) for v in self.value]
            else:
                record["value"] = None if self.value is None else to_json_number(self.value)
            record["unit"] = self.unit
        if self.qualifier:
            record["qualifier"] = self.qualifier
        if self.amounts:
            record["amounts"] = [list(pair) for pair in self.amounts]
        return record


def doc_entities(doc: Doc, offset: int = 0) -> list[Entity]:
    """All spans of both layers, ordered by start (numbers before a project at the same start);
    ``offset`` is where the doc starts in a longer text it is a chunk of."""
    spans: Iterable[Span] = list(doc.spans.get(NUMBERS_KEY, [])) + list(doc.spans.get(PROJECTS_KEY, []))
    entities = [Entity.from_span(span, offset) for span in spans]
    entities.sort(key=lambda e: (e.start, e.label == PROJECT_LABEL, e.end))
    return entities


def doc_record(doc_id: str, doc: Doc, include_text: bool = True) -> dict[str, Any]:
    """One JSON Lines record of the spec's file format."""
    record: dict[str, Any] = {"id": doc_id}
    if include_text:
        record["text"] = doc.text
    record["spans"] = [entity.to_dict() for entity in doc_entities(doc)]
    return record
