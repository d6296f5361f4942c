"""Shared fixtures: one pipeline per test session (building it reads the pattern files)."""

from pathlib import Path

import pytest

import govextract

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "gold"


@pytest.fixture(scope="session")
def nlp():
    return govextract.load()


@pytest.fixture(scope="session")
def gold_texts():
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((GOLD_DIR / "texts").glob("*.txt"))}


def spans_of(nlp, text, label=None):
    """(label, text, value) triples of the numeric layer (or of one label), values as plain Python numbers."""
    doc = nlp(text)
    out = []
    for entity in govextract.doc_entities(doc):
        if (label is None and entity.label != "PROJECT") or entity.label == label:
            record = entity.to_dict()
            out.append((record["label"], record["text"], record.get("value")))
    return out
