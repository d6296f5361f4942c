"""The pipeline as users load it: raw-text offsets, robustness, serialization, multiprocessing."""

import json
import re
import shutil

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govextract
from govextract.data import PatternError, default_patterns_dir

from conftest import spans_of

PINYIN_EDGE = re.compile(r"^\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)$")
MESSY_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.．,，%％万萬亿億元个個户戶亩畝吨噸/年第一二三十百千两零〇○余多几")
    + list("发發展(fā)（）“”《》★、；。\n\t \u3000**")
    + ["(zhǎn)", "\n\n", "1022 万\n亩", "\ud800", "\x00", "\x1b", "😀", "A", "kV", "MW"]
)


def check_spans(text: str, nlp) -> None:
    doc = nlp(text)
    text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)  # see GovTokenizer
    assert doc.text == text
    previous_end = {"numbers": 0, "projects": 0}
    for key in ("numbers", "projects"):
        for span in doc.spans[key]:
            assert 0 <= span.start_char < span.end_char <= len(text)
            assert span.start_char >= previous_end[key]  # ordered, no overlap within a layer
            previous_end[key] = span.end_char
            raw = text[span.start_char:span.end_char]
            assert span.text == raw
            assert not raw[0].isspace() and not raw[-1].isspace()
            assert not PINYIN_EDGE.search(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MESSY_ALPHABET, max_size=60).map("".join))
def test_offsets_on_adversarial_text(nlp, text):
    check_spans(text, nlp)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_offsets_on_random_unicode(nlp, text):
    check_spans(text, nlp)


def test_offsets_on_gold_texts(nlp, gold_texts):
    for text in gold_texts.values():
        check_spans(text, nlp)


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "Hello world, 100 USD and 20% growth.", "\x00\x01\x02控制字符\x7f", "\ud800孤立代理\udfff",
     "（未闭合的括号 “引号 《书名", "))))((((", "★★★", "专栏", "等等等、、、"],
)
def test_bad_input_never_crashes(nlp, text):
    check_spans(text, nlp)


def test_one_megabyte_line_without_newline(nlp):
    text = "投资6000万元，改造老旧小区18个，" * 60_000  # about 1.1 million characters
    doc = nlp(text)
    assert len(doc.spans["numbers"]) == 120_000
    assert doc.spans["numbers"][-1].text == "18个"


@pytest.mark.parametrize(
    "filler",
    ["一" * 20_000, "2025年8月项目" * 5_000, "建设长丰新材料产业园项目、" * 5_000, "①建设南湖大道、" * 5_000],
)
def test_long_runs_without_delimiters_keep_the_spans_after_them(nlp, filler):
    # Runs like these once took minutes (the rules backtracked over the whole run at every
    # character); the spans after them must still come out.
    doc = nlp(filler + "。投资3亿元。")
    assert doc.spans["numbers"][-1].text == "3亿元"


def test_extract_returns_spec_span_objects():
    entities = govextract.extract("投资10亿元的上海电气风电装备制造产业园进展顺利")
    records = [e.to_dict() for e in entities]
    assert records[0] == {"start": 2, "end": 6, "label": "MONEY", "text": "10亿元", "value": 1_000_000_000, "unit": "CNY"}
    assert records[1]["label"] == "PROJECT" and records[1]["text"] == "上海电气风电装备制造产业园"
    assert records[1]["amounts"] == [[2, 6]]
    json.dumps(records)  # plain JSON


def test_lone_surrogates_keep_offsets():
    text = "\ud800投资3亿元"
    (entity,) = govextract.extract(text)
    assert (entity.start, entity.end, entity.text) == (3, 6, "3亿元")


def test_extract_rejects_non_text():
    with pytest.raises(TypeError):
        govextract.extract(b"bytes")


def test_save_and_load_round_trip(tmp_path, nlp, gold_texts):
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    text = gold_texts["003_8ab6f3729bfceb48"]
    before = [e.to_dict() for e in govextract.doc_entities(nlp(text))]
    after = [e.to_dict() for e in govextract.doc_entities(reloaded(text))]
    assert before and before == after
    assert (tmp_path / "pipeline" / "govextract_numbers" / "units.json").is_file()


def test_editing_a_pattern_file_changes_behaviour(tmp_path):
    patterns = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), patterns)
    text = "新建泊位12个，年运量3000标准箱"
    assert spans_of(govextract.load(patterns_dir=str(patterns)), text) == [("COUNT", "12个", 12)]
    units = json.loads((patterns / "units.json").read_text(encoding="utf-8"))
    units["classifiers"].append("标准箱")
    (patterns / "units.json").write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    assert spans_of(govextract.load(patterns_dir=str(patterns)), text) == [
        ("COUNT", "12个", 12), ("COUNT", "3000标准箱", 3000)]


def test_broken_pattern_file_is_named(tmp_path):
    patterns = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), patterns)
    (patterns / "units.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PatternError, match="units.json"):
        govextract.load(patterns_dir=str(patterns))


def test_two_processes_give_the_same_result(nlp, gold_texts):
    texts = list(gold_texts.values())
    one = [[e.to_dict() for e in govextract.doc_entities(d)] for d in nlp.pipe(texts)]
    two = [[e.to_dict() for e in govextract.doc_entities(d)] for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert one == two


def test_traditional_and_simplified_agree(nlp):
    simplified = spans_of(nlp, "新建高标准农田18万亩，全市肉牛超过10万头")
    traditional = spans_of(nlp, "新建高標準農田18萬畝，全市肉牛超過10萬頭")
    assert [(l, v) for l, _, v in simplified] == [(l, v) for l, _, v in traditional]
