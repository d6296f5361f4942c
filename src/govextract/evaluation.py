"""Validation of span files and precision/recall scoring against gold (spec sections 5-6).

* :func:`validate_records` checks a gold or prediction file: span text equals
  ``text[start:end]``, offsets in range, known labels, no overlap within a layer.
* :func:`score` computes strict and partial precision/recall/F1 per label, micro over
  all labels and over the numeric layer, value accuracy, and per-document figures.
* :func:`error_report` lists false positives, false negatives and boundary or label
  mismatches with context, grouped by label.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .entities import LABELS, NUMERIC_LABELS, PROJECT_LABEL

DEV_IDS = ("000", "001", "002")
TEST_IDS = ("003", "004")
SPLITS = {"dev": DEV_IDS, "test": TEST_IDS}


class InvalidSpanFile(ValueError):
    """A gold or prediction file breaks the file-format contract."""


@dataclass
class SpanRecord:
    id: str
    text: str
    spans: list[dict[str, Any]]
    source: str = ""  # file:line, for messages


# --- reading and validation ---------------------------------------------------------------
def read_span_file(path: str | Path) -> list[SpanRecord]:
    """Read a JSON Lines span file (gold or predictions) and validate it."""
    path = Path(path)
    records, problems = [], []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InvalidSpanFile(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise InvalidSpanFile(f"{path}: cannot read: {exc.strerror}") from exc
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{line_no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON ({exc.msg})")
            continue
        record = _record_from_json(obj, where, problems)
        if record:
            records.append(record)
    problems += validate_records(records)
    if problems:
        raise InvalidSpanFile("\n".join(problems))
    return records


def read_span_files(path: str | Path) -> list[SpanRecord]:
    """A file, or every ``*.jsonl`` file directly inside a folder (sorted)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise InvalidSpanFile(f"{path}: no .jsonl files in this folder")
        return [record for file in files for record in read_span_file(file)]
    return read_span_file(path)


def _record_from_json(obj: Any, where: str, problems: list[str]) -> SpanRecord | None:
    if not isinstance(obj, dict):
        problems.append(f"{where}: expected a JSON object")
        return None
    doc_id, text, spans = obj.get("id"), obj.get("text"), obj.get("spans")
    if not isinstance(doc_id, str) or not doc_id:
        problems.append(f"{where}: missing or non-string 'id'")
        return None
    if not isinstance(text, str):
        problems.append(f"{where}: document {doc_id!r} has no 'text' string")
        return None
    if not isinstance(spans, list) or not all(isinstance(s, dict) for s in spans):
        problems.append(f"{where}: document {doc_id!r}: 'spans' must be a list of objects")
        return None
    return SpanRecord(doc_id, text, spans, where)


def validate_records(records: Iterable[SpanRecord], require_values: bool = False) -> list[str]:
    """Every violation of the file-format contract, each naming file, line and span."""
    problems = []
    seen_ids: dict[str, str] = {}
    for record in records:
        if record.id in seen_ids:
            problems.append(f"{record.source}: duplicate document id {record.id!r} (first at {seen_ids[record.id]})")
        seen_ids.setdefault(record.id, record.source)
        layers: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for index, span in enumerate(record.spans):
            where = f"{record.source}: document {record.id!r} span {index}"
            start, end, label = span.get("start"), span.get("end"), span.get("label")
            if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
                problems.append(f"{where}: start and end must be integers")
                continue
            if not 0 <= start < end <= len(record.text):
                problems.append(f"{where}: offsets [{start}, {end}) out of range for a text of {len(record.text)} characters")
                continue
            if label not in LABELS:
                problems.append(f"{where}: unknown label {label!r}")
                continue
            if span.get("text") != record.text[start:end]:
                problems.append(f"{where}: text {span.get('text')!r} differs from text[{start}:{end}] = {record.text[start:end]!r}")
            if require_values and label in NUMERIC_LABELS and ("value" not in span or "unit" not in span):
                problems.append(f"{where}: numeric span without value and unit")
            layers["project" if label == PROJECT_LABEL else "numeric"].append((start, end, index))
        for layer, spans in layers.items():
            spans.sort()
            for (s1, e1, i1), (s2, e2, i2) in zip(spans, spans[1:]):
                if s2 < e1:
                    problems.append(
                        f"{record.source}: document {record.id!r}: spans {i1} [{s1},{e1}) and {i2} [{s2},{e2}) overlap in the {layer} layer"
                    )
    return problems


def select_split(records: list[SpanRecord], split: str) -> list[SpanRecord]:
    if split == "all":
        return records
    prefixes = SPLITS[split]
    return [r for r in records if r.id.split("_")[0] in prefixes]


# --- scoring -----------------------------------------------------------------------------
@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    strict: int = 0
    partial: int = 0  # matched predictions under partial matching
    valued: int = 0  # strict numeric matches whose gold has a value
    value_correct: int = 0

    def add(self, other: "Counts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, matched: int) -> dict[str, float]:
        precision = matched / self.predicted if self.predicted else 0.0
        recall = matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1}

    def as_dict(self) -> dict[str, Any]:
        result = {"predicted": self.predicted, "gold": self.gold, "strict": self.prf(self.strict),
                  "partial": self.prf(self.partial)}
        result["strict"]["matched"] = self.strict
        result["partial"]["matched"] = self.partial
        if self.valued:
            result["value_accuracy"] = self.value_correct / self.valued
        return result


@dataclass
class Scores:
    per_label: dict[str, Counts] = field(default_factory=dict)
    per_document: dict[str, Counts] = field(default_factory=dict)

    def micro(self, labels: Iterable[str]) -> Counts:
        total = Counts()
        for label in labels:
            total.add(self.per_label.get(label, Counts()))
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "labels": {label: counts.as_dict() for label, counts in self.per_label.items()},
            "micro": self.micro(LABELS).as_dict(),
            "micro_numeric": self.micro(NUMERIC_LABELS).as_dict(),
            "documents": {doc: counts.as_dict() for doc, counts in self.per_document.items()},
        }


def _same_value(gold: Any, predicted: Any) -> bool:
    if isinstance(gold, list) or isinstance(predicted, list):
        return isinstance(gold, list) and isinstance(predicted, list) and len(gold) == len(predicted) and all(
            _same_value(g, p) for g, p in zip(gold, predicted))
    try:
        g, p = float(gold), float(predicted)
    except (TypeError, ValueError):
        return False
    return g == p or abs(g - p) <= 1e-9 * max(abs(g), abs(p))


def partial_matches(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of the same label, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0 and g["label"] == p["label"]:
                pairs.append((-overlap, gi, pi))
    pairs.sort()
    used_gold, used_pred, matches = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matches.append((gi, pi))
    return matches


def score_document(gold: list[dict], predicted: list[dict]) -> dict[str, Counts]:
    counts: dict[str, Counts] = defaultdict(Counts)
    for span in gold:
        counts[span["label"]].gold += 1
    for span in predicted:
        counts[span["label"]].predicted += 1
    by_key = {(p["start"], p["end"], p["label"]): p for p in predicted}
    for g in gold:
        p = by_key.get((g["start"], g["end"], g["label"]))
        if p is None:
            continue
        c = counts[g["label"]]
        c.strict += 1
        if g["label"] in NUMERIC_LABELS and g.get("value") is not None:
            c.valued += 1
            c.value_correct += _same_value(g["value"], p.get("value"))
    for gi, _ in partial_matches(gold, predicted):
        counts[gold[gi]["label"]].partial += 1
    return counts


def score(gold: list[SpanRecord], predicted: list[SpanRecord]) -> Scores:
    """Score predictions against gold; a gold document with no prediction counts as empty."""
    by_id = {r.id: r for r in predicted}
    scores = Scores(per_label={label: Counts() for label in LABELS})
    for record in gold:
        pred = by_id.get(record.id)
        if pred is not None and pred.text != record.text:
            raise InvalidSpanFile(f"{pred.source}: document {record.id!r} has a different text than the gold")
        doc_counts = score_document(record.spans, pred.spans if pred else [])
        total = Counts()
        for label, counts in doc_counts.items():
            scores.per_label[label].add(counts)
            total.add(counts)
        scores.per_document[record.id] = total
    return scores


def format_scores(scores: Scores, title: str = "") -> str:
    """A plain-text table: per label, micro rows, then per document."""
    lines = [title] if title else []
    header = f"{'label':<14}{'gold':>6}{'pred':>6}  {'strict P':>8}{'R':>7}{'F1':>7}  {'partial P':>9}{'R':>7}{'F1':>7}  {'value acc':>9}"
    lines += [header, "-" * len(header)]

    def row(name: str, c: Counts) -> str:
        s, p = c.prf(c.strict), c.prf(c.partial)
        value = f"{c.value_correct / c.valued:9.3f}" if c.valued else f"{'-':>9}"
        return (f"{name:<14}{c.gold:>6}{c.predicted:>6}  {s['precision']:8.3f}{s['recall']:7.3f}{s['f1']:7.3f}  "
                f"{p['precision']:9.3f}{p['recall']:7.3f}{p['f1']:7.3f}  {value}")

    for label in LABELS:
        lines.append(row(label, scores.per_label.get(label, Counts())))
    lines.append("-" * len(header))
    lines.append(row("micro numeric", scores.micro(NUMERIC_LABELS)))
    lines.append(row("micro all", scores.micro(LABELS)))
    lines.append("")
    lines.append(f"{'document':<24}{'gold':>6}{'pred':>6}  {'strict F1':>9}  {'partial F1':>10}")
    for doc_id, c in scores.per_document.items():
        lines.append(f"{doc_id:<24}{c.gold:>6}{c.predicted:>6}  {c.prf(c.strict)['f1']:9.3f}  {c.prf(c.partial)['f1']:10.3f}")
    return "\n".join(lines)


# --- error report -------------------------------------------------------------------------
def _context(text: str, start: int, end: int, width: int = 20) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return f"{left}[{text[start:end]}]{right}".replace("\n", "⏎").replace("\t", "⇥")


def error_report(gold: list[SpanRecord], predicted: list[SpanRecord]) -> str:
    """Every FP, FN and boundary/label mismatch with ±20 characters of context, by label."""
    by_id = {r.id: r for r in predicted}
    groups: dict[str, list[str]] = defaultdict(list)
    for record in gold:
        pred = by_id.get(record.id)
        pred_spans = pred.spans if pred else []
        text = record.text
        gold_keys = {(g["start"], g["end"], g["label"]) for g in record.spans}
        pred_keys = {(p["start"], p["end"], p["label"]) for p in pred_spans}
        unmatched_gold = [g for g in record.spans if (g["start"], g["end"], g["label"]) not in pred_keys]
        unmatched_pred = [p for p in pred_spans if (p["start"], p["end"], p["label"]) not in gold_keys]
        used = set()
        for g in unmatched_gold:
            overlapping = [p for p in unmatched_pred if id(p) not in used and p["start"] < g["end"] and g["start"] < p["end"]]
            if overlapping:
                p = max(overlapping, key=lambda p: min(p["end"], g["end"]) - max(p["start"], g["start"]))
                used.add(id(p))
                kind = "BOUNDARY" if p["label"] == g["label"] else f"LABEL {p['label']}"
                groups[g["label"]].append(
                    f"{kind:<16}{record.id}  gold {_context(text, g['start'], g['end'])}  pred [{p['text']}]".replace("\n", "⏎"))
            else:
                groups[g["label"]].append(f"{'FN':<16}{record.id}  {_context(text, g['start'], g['end'])}")
        for p in unmatched_pred:
            if id(p) not in used:
                groups[p["label"]].append(f"{'FP':<16}{record.id}  {_context(text, p['start'], p['end'])}")
    out = []
    for label in LABELS:
        if groups.get(label):
            out.append(f"== {label} ({len(groups[label])}) ==")
            out.extend(groups[label])
            out.append("")
    return "\n".join(out)
