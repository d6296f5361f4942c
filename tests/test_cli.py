"""The command line as analysts use it: folders of messy files, nothing lost, clear exit codes."""

import csv
import io
import json
import subprocess
import sys

import pytest

import govextract
from govextract import batch
from govextract.cli import main
from govextract.io import read_documents

from conftest import GOLD_DIR

REPORT = "投资6000万元，改造老旧小区18个，惠及居民6700户。"


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_txt_and_jsonl(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "x1", "text": "增长6%以上"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "x2", "text": "新建高标准农田38.9万亩"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"), "-o", str(out), "-q"], capsys)
    assert code == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["a", "x1", "x2"]
    assert records[0]["text"] == REPORT
    assert [s["text"] for s in records[0]["spans"]] == ["6000万元", "18个", "6700户"]
    assert records[1]["spans"][0] == {"start": 2, "end": 4, "label": "PERCENT", "text": "6%", "value": 6, "unit": "%",
                                      "qualifier": "以上"}
    assert records[2]["spans"][0]["value"] == 389000
    assert "3 documents read, 3 written, 0 inputs failed" in err


def test_the_summary_line_counts_one_document_in_the_singular(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = run(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl"), "-q"], capsys)
    assert code == 0
    assert "1 document read, 1 written, 0 inputs failed" in err


def test_folder_of_messy_files_loses_nothing(tmp_path, capsys):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "gbk.txt").write_bytes("投资1.5亿元".encode("gb18030"))
    (folder / "utf16.txt").write_bytes("新建3所幼儿园".encode("utf-16"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "增长7%".encode("utf-8"))
    (folder / "sub" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "docs.jsonl").write_text('{"id": "j1", "text": "180公里"}\n{"id": broken\n{"id": "j3", "text": "3所"}\n',
                                       encoding="utf-8")
    (folder / "notes.md").write_text("ignored: not a report suffix", encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.txt"
    code, _, err = run(["extract", str(folder), "-o", str(out), "--errors", str(errors), "-q"], capsys)
    assert code == 1
    records = {r["id"]: r for r in read_jsonl(out)}
    assert set(records) == {"gbk", "utf16", "bom", "j1", "j3"}
    assert records["gbk"]["meta"]["encoding"] == "gb18030"
    assert records["utf16"]["meta"]["encoding"] == "utf-16"
    assert records["bom"]["meta"]["encoding"] == "utf-8-sig"
    assert records["gbk"]["spans"][0]["value"] == 150000000
    report = errors.read_text(encoding="utf-8")
    assert "binary.txt: binary file" in report
    assert "empty.txt: empty file" in report
    assert "docs.jsonl:2: malformed JSON" in report
    assert "5 documents read, 5 written, 3 inputs failed" in err
    assert "docs.jsonl:2" in err


def test_csv_output_has_a_row_per_span(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, _ = run(["extract", str(tmp_path / "a.txt"), "--format", "csv", "-o", str(out), "-q"], capsys)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert code == 0
    assert [(r["id"], r["label"], r["text"], r["value"], r["unit"]) for r in rows] == [
        ("a", "MONEY", "6000万元", "60000000", "CNY"), ("a", "COUNT", "18个", "18", "个"), ("a", "COUNT", "6700户", "6700", "户")]


def test_glob_stdin_and_missing_inputs(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("增长75%".encode("utf-8"))))
    code, out, err = run(["extract", str(tmp_path / "*.txt"), "-", str(tmp_path / "missing.txt"), "--no-text", "-q"], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r["id"] for r in records] == ["a", "stdin"]
    assert "text" not in records[0]
    assert "missing.txt: no such file or folder" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "x.txt", "--n-process", "0"])
    assert exit_info.value.code == 2


def test_multiprocessing_gives_the_same_output_in_order(tmp_path, capsys):
    texts = tmp_path / "texts"
    texts.mkdir()
    for path in sorted((GOLD_DIR / "texts").glob("*.txt")):
        (texts / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(["extract", str(texts), "-o", str(one), "-q"], capsys)[0] == 0
    assert run(["extract", str(texts), "-o", str(two), "-q", "--n-process", "2"], capsys)[0] == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_chunked_long_document_has_the_same_spans(monkeypatch):
    nlp = govextract.load()
    documents = lambda: [d for d in read_documents([str(GOLD_DIR / "texts" / "001_50a963f61061be04.txt")])]
    whole = next(batch.extract_records(nlp, documents(), include_text=False))
    monkeypatch.setattr(batch, "CHUNK_CHARS", 3000)
    assert len(batch.split_chunks(documents()[0].text)) > 10
    chunked = next(batch.extract_records(nlp, documents(), include_text=False))
    assert chunked["spans"] == whole["spans"]


def test_evaluate_and_validate_commands(tmp_path, capsys):
    code, out, _ = run(["validate", str(GOLD_DIR)], capsys)
    assert code == 0 and "valid (5 documents" in out
    scores, errors = tmp_path / "scores.json", tmp_path / "errors.txt"
    code, out, _ = run(["evaluate", "--gold", str(GOLD_DIR), "--split", "test", "--json", str(scores),
                        "--errors", str(errors)], capsys)
    assert code == 0
    assert "micro numeric" in out and "003_8ab6f3729bfceb48" in out and "001_50a963f61061be04" not in out
    data = json.loads(scores.read_text(encoding="utf-8"))
    assert set(data["labels"]) == {"MONEY", "PERCENT", "AREA", "COUNT", "QUANTITY", "PROJECT"}
    assert 0 < data["micro"]["strict"]["f1"] <= 1


def test_evaluate_scores_a_prediction_file(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": REPORT, "spans": [
        {"start": 2, "end": 8, "label": "MONEY", "text": "6000万元", "value": 60000000}]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "text": REPORT, "spans": []}) + "\n", encoding="utf-8")
    code, out, _ = run(["evaluate", "--gold", str(gold), "--pred", str(pred)], capsys)
    assert code == 0 and "MONEY" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "spans": [{"start": 0, "end": 5, "label": "MONEY", "text": "x"}]}\n')
    code, _, err = run(["evaluate", "--gold", str(gold), "--pred", str(bad)], capsys)
    assert code == 1 and "bad.jsonl:1" in err


def test_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "govextract.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and govextract.__version__ in result.stdout
