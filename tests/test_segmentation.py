"""pkuseg word segmentation: alignment on normalized text, exact spans, offline model management.

Most tests use a fake segmenter so they run without the model; the ones marked
``needs_model`` use the real one and are skipped until ``govextract download-model pkuseg``.
"""

import io
import pickle
import zipfile

import numpy as np
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import govextract
from govextract import segmentation
from govextract.normalize import split_words
from govextract.segmentation import (
    DOWNLOAD_COMMAND,
    ModelDownloadError,
    ModelNotFoundError,
    exact_spans,
    is_model_installed,
    load_pkuseg,
    merge_words,
)

needs_model = pytest.mark.skipif(
    not is_model_installed(),
    reason=f"pkuseg model not in the cache ({segmentation.default_model_dir()}); run `{DOWNLOAD_COMMAND}`",
)


class GlueSegmenter:
    """Fake pkuseg: the listed words (longest first) are one word, every other character is a word."""

    def __init__(self, *glued: str):
        self.glued = sorted(glued, key=len, reverse=True)
        self.inputs: list[str] = []

    def cut(self, txt: str) -> list[str]:
        self.inputs.append(txt)
        words = []
        for chunk in txt.split():  # like pkuseg: whitespace always separates words
            i = 0
            while i < len(chunk):
                word = next((g for g in self.glued if chunk.startswith(g, i)), chunk[i])
                words.append(word)
                i += len(word)
        return words


class ChunkSegmenter:
    """Fake pkuseg cutting each whitespace-free chunk into words of the given lengths, cyclically."""

    def __init__(self, lengths: list[int]):
        self.lengths = lengths

    def cut(self, txt: str) -> list[str]:
        words, k = [], 0
        for chunk in txt.split():
            i = 0
            while i < len(chunk):
                size = self.lengths[k % len(self.lengths)]
                words.append(chunk[i:i + size])
                i, k = i + size, k + 1
        return words


def is_han_word(token: str) -> bool:
    return all(segmentation.HAN_CHAR.match(c) for c in token)


def fake_pipeline(monkeypatch, segmenter):
    monkeypatch.setattr(segmentation, "load_pkuseg", lambda model_dir=None: segmenter)
    return govextract.load(segmenter="pkuseg")


def entities(nlp, text):
    return [(e.label, e.text, e.start, e.end) for e in govextract.doc_entities(nlp(text))]


# --- merge_words ------------------------------------------------------------------------------
def test_merge_words_segments_the_normalized_text_and_keeps_markup_apart():
    text = "發(fā)展**產業園**\n静脉 环保"
    segmenter = GlueSegmenter("发展产业园", "静脉环保")
    merged = merge_words(split_words(text), segmenter)
    assert "".join(merged) == text
    # Simplified, annotations and markup dropped, the stray space joined, the line break kept
    assert segmenter.inputs == ["发展产业园 静脉环保"]
    assert merged == ["發", "(fā)", "展", "**", "產業園", "**", "\n", "静脉", " ", "环保"]


def test_merge_words_never_merges_digits_or_latin_with_han():
    merged = merge_words(split_words("投资6000万元kV线路"), GlueSegmenter("投资6000万元kV线路"))
    assert merged == ["投资", "6000", "万元", "kV", "线路"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(list("發展产業园项目万元亩一二十(fā)（）、，。\n\t \u3000") + ["(zhǎn)", "**", "38.9", "kV", "\n\n"]),
             max_size=50).map("".join),
    st.lists(st.integers(1, 5), min_size=1, max_size=8),
)
def test_merge_words_keeps_the_raw_text(text, lengths):
    words = split_words(text)
    merged = merge_words(words, ChunkSegmenter(lengths))
    assert "".join(merged) == text
    for token in merged:
        if token not in words:  # a merged token: Han characters only
            assert len(token) > 1 and is_han_word(token), token


# --- exact spans inside words ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text, glued, expected",
    [
        ("投资6000万元，采购设备", ["6000万元"], ("MONEY", "6000万元")),
        ("投资6000万元用于采购设备", ["万元用于"], ("MONEY", "6000万元")),
        ("新增38.9万亩地", ["38.9万亩地"], ("AREA", "38.9万亩")),
        ("新增38.9萬畝地", ["万亩地"], ("AREA", "38.9萬畝")),
        ("安排资金一千二百万元", ["资金一千二"], ("MONEY", "一千二百万元")),
    ],
)
def test_numeric_span_boundaries_inside_words(monkeypatch, nlp, text, glued, expected):
    pkuseg_nlp = fake_pipeline(monkeypatch, GlueSegmenter(*glued))
    doc = pkuseg_nlp(text)
    assert doc.text == text
    (span,) = doc.spans["numbers"]
    assert (span.label_, span.text) == expected
    assert entities(pkuseg_nlp, text) == entities(nlp, text)


def test_project_span_boundaries_inside_words(monkeypatch, nlp):
    text = "加快建设禾香生态板项目，总投资2亿元。"
    pkuseg_nlp = fake_pipeline(monkeypatch, GlueSegmenter("加快建设禾香", "项目总投资"))
    result = entities(pkuseg_nlp, text)
    assert ("PROJECT", "禾香生态板项目", 4, 11) in result
    assert result == entities(nlp, text)


def test_split_reanchors_earlier_spans(monkeypatch, nlp):
    """A project split after the numeric layer must not shift the numeric spans."""
    text = "新增38.9万亩地，建设禾香生态板项目"
    pkuseg_nlp = fake_pipeline(monkeypatch, GlueSegmenter("万亩地", "设禾香"))
    doc = pkuseg_nlp(text)
    assert [(s.text, s.start_char) for s in doc.spans["numbers"]] == [("38.9万亩", 2)]
    assert [(e.text, e.label_) for e in doc.ents] == [("38.9万亩", "AREA")]
    assert entities(pkuseg_nlp, text) == entities(nlp, text)


def test_same_entities_as_char_segmenter_on_gold(monkeypatch, nlp, gold_texts):
    pkuseg_nlp = fake_pipeline(monkeypatch, ChunkSegmenter([2, 3, 1, 4]))
    for text in gold_texts.values():
        assert entities(pkuseg_nlp, text) == entities(nlp, text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(list("0123456789.万萬亿億元个個户戶亩畝吨噸第一二三十百千两发發展建设禾香生态板项目产业园、，。\n ")
                             + ["(fā)", "**", "1022 万\n亩", "kV"]), max_size=60).map("".join),
    st.lists(st.integers(1, 4), min_size=1, max_size=6),
)
def test_same_entities_as_char_segmenter_on_messy_text(nlp, text, lengths):
    from govextract.tokenizer import GovTokenizer

    tokenizer = GovTokenizer(nlp.vocab)
    tokenizer._pkuseg = ChunkSegmenter(lengths)  # a char tokenizer that merges like pkuseg
    doc = tokenizer(text)
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert doc.text == text
    got = [(e.label, e.text, e.start, e.end) for e in govextract.doc_entities(doc)]
    assert got == entities(nlp, text)


def test_exact_spans_is_token_range_for_char_tokens(nlp):
    doc = nlp.make_doc("投资6000万元")
    view = govextract.normalize.clean_view(doc)
    (span,) = exact_spans(doc, view, [(2, 8, "MONEY")])
    assert (span.start, span.end, span.text) == (2, 5, "6000万元")
    assert len(doc) == 5


# --- model management -----------------------------------------------------------------------
def test_missing_model_names_the_download_command(tmp_path, monkeypatch):
    monkeypatch.setenv(segmentation.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(segmentation.subprocess, "run", lambda *a, **k: pytest.fail("must not download"))
    for attempt in (load_pkuseg, lambda: load_pkuseg(tmp_path / "elsewhere"), lambda: govextract.load(segmenter="pkuseg")):
        with pytest.raises(ModelNotFoundError, match="govextract download-model pkuseg") as info:
            attempt()
        assert isinstance(info.value, RuntimeError)
    assert str(tmp_path / "pkuseg") in str(pytest.raises(ModelNotFoundError, load_pkuseg).value)


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(segmentation.CACHE_ENV, str(tmp_path))
    assert segmentation.default_model_dir() == tmp_path / "pkuseg"
    assert segmentation.default_model_dir(tmp_path / "x") == tmp_path / "x" / "pkuseg"


def test_wheel_with_another_hash_is_refused(tmp_path, capsys):
    wheel = tmp_path / segmentation.PKUSEG_WHEEL
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(segmentation.WHEEL_FEATURES, b"not the real model")
    with pytest.raises(ModelDownloadError, match="sha256"):
        segmentation.download_model(tmp_path / "cache", wheel=wheel)
    assert not (tmp_path / "cache" / "pkuseg").exists()
    code = segmentation.main(["download-model", "pkuseg", "--cache-dir", str(tmp_path / "cache"), "--wheel", str(wheel)])
    assert code == 1 and "sha256" in capsys.readouterr().err


def test_subcommand_arguments():
    import argparse

    parser = argparse.ArgumentParser()
    segmentation.add_subcommand(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["download-model", "pkuseg", "--cache-dir", "/tmp/x"])
    assert (args.model, args.cache_dir, args.func) == ("pkuseg", "/tmp/x", segmentation.cmd_download_model)
    with pytest.raises(SystemExit):
        parser.parse_args(["download-model", "jieba"])


def test_pickle_with_code_is_refused():
    payload = pickle.dumps({"unigram": [], "bigram": [], "feature_to_idx": {}, "tag_to_idx": {"x": print}})
    with pytest.raises(ModelDownloadError, match="only plain data"):
        segmentation._features_from_pickle(io.BytesIO(payload))


def test_conversion_writes_msgpack_that_spacy_pkuseg_loads(tmp_path):
    """A tiny model built like the wheel's: converted, then loaded without any pickle."""
    tags = {"B": 0, "B_single": 1, "I": 2, "I_end": 3, "I_first": 4}
    features = {"unigram": ["项目", "建设"], "bigram": [], "feature_to_idx": {"$$": 0, "c.建": 1}, "tag_to_idx": tags}
    weights = io.BytesIO()
    np.savez(weights, sizes=np.array([5, 2]), w=np.zeros(5 * (2 + 5)))
    wheel = tmp_path / "tiny.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(segmentation.WHEEL_FEATURES, pickle.dumps(features))
        archive.writestr(segmentation.WHEEL_WEIGHTS, weights.getvalue())
    model = tmp_path / "model"
    model.mkdir()
    segmentation._convert_wheel(wheel, model)
    assert sorted(p.name for p in model.iterdir()) == ["features.msgpack", "weights.npz"]
    segmenter = load_pkuseg(model)
    assert "".join(segmenter.cut("建设项目")) == "建设项目"


# --- the real model -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pkuseg_nlp():
    return govextract.load(segmenter="pkuseg")


@needs_model
def test_real_model_segments_traditional_text_through_normalization():
    segmenter = load_pkuseg()
    merged = merge_words(split_words("禾香生態板"), segmenter)
    assert merged == ["禾香", "生態板"]  # pkuseg on the raw Traditional text gives 禾/香生/態板
    assert merge_words(split_words("建設禾香生態板生產線"), segmenter)[:1] == ["建設"]


@needs_model
def test_real_model_pipeline_on_gold(pkuseg_nlp, nlp, gold_texts):
    for text in gold_texts.values():
        doc = pkuseg_nlp(text)
        assert doc.text == text
        assert any(len(t) > 1 and is_han_word(t.text) for t in doc)
        assert entities(pkuseg_nlp, text) == entities(nlp, text)


@needs_model
def test_real_model_save_and_load_round_trip(tmp_path, pkuseg_nlp, gold_texts):
    pkuseg_nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.tokenizer.segmenter == "pkuseg"
    assert not list((tmp_path / "pipeline").rglob("*.npz"))  # the model stays in the cache
    text = gold_texts["003_8ab6f3729bfceb48"]
    assert [t.text for t in reloaded(text)] == [t.text for t in pkuseg_nlp(text)]
    assert entities(reloaded, text) == entities(pkuseg_nlp, text)
