"""Scorer on hand-computed cases, cross-checked with nervaluate; the validator on good and bad files."""

import json

import pytest

from govextract.evaluation import (
    InvalidSpanFile, SpanRecord, error_report, partial_matches, read_span_file, read_span_files, score,
    select_split, validate_records,
)

from conftest import GOLD_DIR

TEXT = "投资6000万元，改造老旧小区18个，惠及居民6700户，增长75%。"


def span(start, end, label, value=None):
    record = {"start": start, "end": end, "label": label, "text": TEXT[start:end]}
    if value is not None:
        record["value"] = value
    return record


def doc(spans):
    return [SpanRecord("000_x", TEXT, spans, "mem")]


GOLD = doc([span(2, 8, "MONEY", 60000000), span(15, 18, "COUNT", 18), span(23, 28, "COUNT", 6700), span(31, 34, "PERCENT", 75)])


def test_hand_computed_scores():
    predicted = doc([
        span(2, 8, "MONEY", 60000000),      # strict match, right value
        span(15, 17, "COUNT", 18),          # partial only (boundary)
        span(23, 28, "COUNT", 670),         # strict match, wrong value
        span(29, 34, "PERCENT", 75),        # partial only
        span(9, 11, "COUNT"),               # false positive
    ])
    scores = score(GOLD, predicted)
    micro = scores.micro(["MONEY", "PERCENT", "AREA", "COUNT", "QUANTITY", "PROJECT"])
    assert (micro.predicted, micro.gold, micro.strict, micro.partial) == (5, 4, 2, 4)
    assert micro.prf(micro.strict) == pytest.approx({"precision": 2 / 5, "recall": 2 / 4, "f1": 2 * 0.4 * 0.5 / 0.9})
    assert micro.prf(micro.partial) == pytest.approx({"precision": 4 / 5, "recall": 1.0, "f1": 2 * 0.8 / 1.8})
    count = scores.per_label["COUNT"]
    assert (count.predicted, count.gold, count.strict, count.partial) == (3, 2, 1, 2)
    assert (micro.valued, micro.value_correct) == (2, 1)  # value accuracy 0.5


def test_one_gold_span_is_matched_once_by_largest_overlap():
    gold = [span(2, 8, "MONEY")]
    predicted = [span(2, 4, "MONEY"), span(3, 8, "MONEY")]
    assert partial_matches(gold, predicted) == [(0, 1)]
    scores = score(doc(gold), doc(predicted))
    money = scores.per_label["MONEY"]
    assert (money.predicted, money.gold, money.partial) == (2, 1, 1)


def test_partial_needs_the_same_label():
    scores = score(doc([span(2, 8, "MONEY")]), doc([span(2, 8, "COUNT")]))
    assert scores.micro(["MONEY", "COUNT"]).partial == 0


def test_ranges_compare_element_wise():
    gold = doc([span(31, 34, "PERCENT", [6, 7])])
    assert score(gold, doc([span(31, 34, "PERCENT", [6, 7.0])])).per_label["PERCENT"].value_correct == 1
    assert score(gold, doc([span(31, 34, "PERCENT", 6)])).per_label["PERCENT"].value_correct == 0


def test_agrees_with_nervaluate(nlp):
    """Strict and partial figures per label equal nervaluate's strict and ent_type schemes."""
    nervaluate = pytest.importorskip("nervaluate")
    gold = read_span_files(GOLD_DIR)
    predicted = []
    for record in gold:
        from govextract import doc_entities
        spans = [e.to_dict() for e in doc_entities(nlp(record.text))]
        predicted.append(SpanRecord(record.id, record.text, spans, "pipeline"))
    ours = score(gold, predicted)

    def entities(records):  # nervaluate wants inclusive ends
        return [[{"label": s["label"], "start": s["start"], "end": s["end"] - 1} for s in r.spans] for r in records]

    labels = ["MONEY", "PERCENT", "AREA", "COUNT", "QUANTITY", "PROJECT"]
    theirs = nervaluate.Evaluator(entities(gold), entities(predicted), tags=labels, loader="dict").evaluate()
    for label in labels:
        c = ours.per_label[label]
        if not c.gold and not c.predicted:
            continue
        result = theirs["entities"][label]
        assert result["strict"].precision == pytest.approx(c.prf(c.strict)["precision"]), label
        assert result["strict"].recall == pytest.approx(c.prf(c.strict)["recall"]), label
        assert result["ent_type"].precision == pytest.approx(c.prf(c.partial)["precision"]), label
        assert result["ent_type"].recall == pytest.approx(c.prf(c.partial)["recall"]), label


def test_error_report_lists_each_kind():
    predicted = doc([span(2, 8, "MONEY"), span(15, 17, "COUNT"), span(9, 11, "COUNT"), span(31, 34, "AREA")])
    report = error_report(GOLD, predicted)
    assert "BOUNDARY" in report and "FP" in report and "FN" in report and "LABEL AREA" in report
    assert "[18个]" in report  # the gold text with context


# --- validation -------------------------------------------------------------------------
def write(tmp_path, records, name="pred.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def test_gold_is_valid_and_complete():
    records = read_span_files(GOLD_DIR)
    assert [r.id[:3] for r in records] == ["000", "001", "002", "003", "004"]
    labels = {s["label"] for r in records for s in r.spans}
    assert labels == {"MONEY", "PERCENT", "AREA", "COUNT", "QUANTITY", "PROJECT"}
    for record in records:
        text = (GOLD_DIR / "texts" / f"{record.id}.txt").read_text(encoding="utf-8")
        assert record.text == text
        assert all(s.get("value") is not None for s in record.spans if s["label"] != "PROJECT")
    assert [r.id[:3] for r in select_split(records, "test")] == ["003", "004"]


@pytest.mark.parametrize(
    "bad_span, message",
    [
        ({"start": 2, "end": 8, "label": "MONEY", "text": "6000万"}, "differs from text[2:8]"),
        ({"start": 2, "end": 800, "label": "MONEY", "text": "x"}, "out of range"),
        ({"start": 2, "end": 8, "label": "CASH", "text": "6000万元"}, "unknown label 'CASH'"),
        ({"start": "2", "end": 8, "label": "MONEY", "text": "6000万元"}, "must be integers"),
    ],
)
def test_validator_names_file_line_and_span(tmp_path, bad_span, message):
    path = write(tmp_path, [{"id": "a", "text": TEXT, "spans": []}, {"id": "b", "text": TEXT, "spans": [bad_span]}])
    with pytest.raises(InvalidSpanFile) as error:
        read_span_file(path)
    assert f"{path}:2" in str(error.value) and "span 0" in str(error.value) and message in str(error.value)


def test_validator_rejects_overlap_within_a_layer_only():
    ok = SpanRecord("a", TEXT, [span(2, 8, "MONEY"), span(0, 8, "PROJECT")], "f:1")
    assert validate_records([ok]) == []
    bad = SpanRecord("a", TEXT, [span(2, 8, "MONEY"), span(4, 9, "COUNT")], "f:1")
    (problem,) = validate_records([bad])
    assert "overlap in the numeric layer" in problem


def test_validator_reports_broken_json_and_keeps_going(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "a", "text": "x", "spans": []}\n{not json\n[1]\n', encoding="utf-8")
    with pytest.raises(InvalidSpanFile) as error:
        read_span_file(path)
    assert f"{path}:2: not valid JSON" in str(error.value)
    assert f"{path}:3: expected a JSON object" in str(error.value)


def test_validator_rejects_undecodable_file(tmp_path):
    path = tmp_path / "binary.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(InvalidSpanFile, match="binary.jsonl"):
        read_span_file(path)
