"""Normalization that never rewrites the raw text.

Reports mix Traditional and Simplified characters, full-width digits, inline pinyin
annotations left by scrapers (``發(fā)展``), markdown ``**`` marks and PDF line breaks
inside numbers (``1022 万\\n亩``).  Rules should see one clean Simplified string, while
every reported span must stay a slice of the raw input.

The design: the tokenizer cuts the raw text into small tokens and gives each a
normalized form (``token.norm_``) and a role (``token.tag_``): ``EXCLUDED`` for
annotations and markup, ``SPACE`` for layout whitespace that may be joined.  The
:class:`CleanView` of a doc concatenates the norms of the kept tokens into one clean
string and maps any clean range back to whole tokens, hence to raw offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX, NORM, TAG
from spacy.tokens import Doc

import opencc

EXCLUDED = "EXCLUDED"
SPACE = "SPACE"

_T2S = opencc.OpenCC("t2s")
# Full-width ASCII block and the ideographic space to their half-width forms.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
# Multi-character tokens; everything else becomes a one-character token.
SPECIAL_TOKEN = re.compile(
    rf"((?<=[{HAN}])\([{PINYIN_LETTERS}]{{1,8}}\)"  # scraper pinyin annotation after a Han character
    r"|[0-9０-９]+"  # digit runs
    r"|[A-Za-zＡ-Ｚａ-ｚ]+"  # Latin words and unit symbols (kV, MW)
    r"|\*{2,}"  # markdown emphasis
    r"|\s+)"  # whitespace runs
)
SOFT_BREAK_MIN_LINE = 15
WHITESPACE_RUN = re.compile(r"\s+")  # one whitespace token each (see SPECIAL_TOKEN)
PINYIN_TOKEN = re.compile(rf"\([{PINYIN_LETTERS}]+\)")
TRAILING_PINYIN = re.compile(rf"(?<=[{HAN}])\([{PINYIN_LETTERS}]{{1,8}}\)$")


def split_words(text: str) -> list[str]:
    """Cut raw text into tokens whose concatenation is exactly ``text``."""
    words: list[str] = []
    extend, append = words.extend, words.append
    for index, part in enumerate(SPECIAL_TOKEN.split(text)):
        if index & 1:
            append(part)
        elif part:
            extend(part)
    return words


@lru_cache(maxsize=65536)
def normalize_chars(text: str) -> str:
    """Traditional to Simplified and full-width to half-width, for any string."""
    return _T2S.convert(text).translate(_WIDTH)


@lru_cache(maxsize=65536)
def token_norm(word: str) -> tuple[str, str]:
    """(norm, tag) of one token, independent of its neighbours."""
    if word.isspace():
        if "\n" in word:
            return "\n", ""  # line break: a separator unless set_norms finds it soft
        if "\t" in word:
            return "\t", ""  # table cell separator
        return " ", SPACE  # stray spaces inside a line: joined
    if word.startswith("**"):
        return word, EXCLUDED
    if word[0] == "(" and PINYIN_TOKEN.fullmatch(word):
        return word, EXCLUDED
    return normalize_chars(word), ""


# A line break is a PDF wrap, not a paragraph end, when a long line stops mid-sentence and
# the next line goes on with text: "1022 万\n亩", "突破3万\n\n元", "静脉环保产\n\n业园".
LINE_BREAK = re.compile(r"[ \t\u3000]*\n\s*")
HEADING = re.compile(
    r"(?:专栏|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]|第[一二三四五六七八九十\d]+[章节条]|[●★◆■▲•※#/\-–—])"
)
LABEL = re.compile(r"[^，。：:\n]{1,20}[：:]")  # "电力工程建设：" opens a list line
# "19 华域汽车技术研发中心 在建": a table row (its number, a space, a cell, another column)
TABLE_ROW = re.compile(rf"\d{{1,3}}[ \t\u3000]+[{HAN}][^\n]*?[{HAN}][ \t\u3000]+\S")
SENTENCE_END = "。！？；：!?;:"


def soft_break_offsets(text: str) -> set[int]:
    """Raw offsets of the whitespace runs holding a line break that joins a wrapped line."""
    soft = set()
    for m in LINE_BREAK.finditer(text):
        start, end = m.start(), m.end()
        if start == 0 or end >= len(text):
            continue
        annotation = TRAILING_PINYIN.search(text, max(0, start - 12), start)
        before_at = annotation.start() if annotation else start  # 發(fā)\n展: look past the annotation
        if before_at == 0:
            continue
        before, after = text[before_at - 1], text[end]
        if before in SENTENCE_END or not (_is_texty(before) or before in "、，,") or not _is_texty(after):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start:start].lstrip()
        if len(line) < SOFT_BREAK_MIN_LINE or HEADING.match(line) or HEADING.match(text, end) or LABEL.match(text, end) \
                or TABLE_ROW.match(text, end):
            continue
        soft.add(start)
    return soft


def _is_texty(char: str) -> bool:
    return char.isalnum() and not char.isspace()


def layout_spaces(words: list[str], whitespace: list[int]) -> list[int]:
    """Of the whitespace tokens at ``whitespace`` (their indices, in order), those layout
    joins (norm ``" "``, tag SPACE): stray spaces inside a line and soft line breaks, except
    between two digit runs, where whitespace separates numbers (a table row "295 600")."""
    text = "".join(words)
    soft = soft_break_offsets(text)
    joined = []
    for i, run in zip(whitespace, WHITESPACE_RUN.finditer(text)):
        if token_norm(run.group())[1] != SPACE and run.start() not in soft:
            continue
        if 0 < i < len(words) - 1 and words[i - 1][-1].isdigit() and words[i + 1][0].isdigit():
            continue
        joined.append(i)
    return joined


def set_norms(doc: Doc, words: list[str]) -> None:
    """Write norms and tags of all tokens in one vectorized pass."""
    if not words:
        return
    strings = doc.vocab.strings
    distinct = {word: code for code, word in enumerate(dict.fromkeys(words))}
    codes = list(map(distinct.__getitem__, words))
    norm_hash = np.empty(len(distinct), dtype="uint64")
    tag_hash = np.empty(len(distinct), dtype="uint64")
    for word, code in distinct.items():
        norm, tag = token_norm(word)
        norm_hash[code] = strings.add(norm)
        tag_hash[code] = strings.add(tag) if tag else 0
    index = np.asarray(codes, dtype="int64")
    tags = tag_hash[index]
    norms = norm_hash[index]
    space_codes = [code for word, code in distinct.items() if word.isspace()]
    whitespace = np.flatnonzero(np.isin(index, space_codes))
    joined = layout_spaces(words, whitespace.tolist())
    tags[whitespace] = 0
    tags[joined] = strings.add(SPACE)
    norms[joined] = strings.add(" ")
    doc.from_array([NORM, TAG], np.stack([norms, tags], axis=1))


@dataclass
class CleanView:
    """The clean string of a doc and the way back to raw offsets."""

    text: str
    token_index: np.ndarray  # kept tokens, in order
    clean_start: list[int]  # clean offset of each kept token
    raw_start: np.ndarray  # raw offset of each token of the doc
    raw_end: np.ndarray

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Doc token range covering the clean range [start, end)."""
        first = bisect_right(self.clean_start, start) - 1
        last = bisect_right(self.clean_start, end - 1) - 1
        return int(self.token_index[first]), int(self.token_index[last]) + 1

    def raw_range(self, start: int, end: int) -> tuple[int, int]:
        """Raw character range covering the clean range [start, end)."""
        first, stop = self.token_range(start, end)
        return int(self.raw_start[first]), int(self.raw_end[stop - 1])


def clean_view(doc: Doc) -> CleanView:
    """Build the clean string of a doc from its token norms and tags."""
    if len(doc) == 0:
        empty = np.zeros(0, dtype="int64")
        return CleanView("", empty, [], empty, empty)
    array = doc.to_array([NORM, TAG, IDX]).astype("uint64")
    cached = _VIEWS.get(id(doc))
    if cached is not None and np.array_equal(cached[0], array):
        return cached[1]  # the numeric and project components share one view per doc
    view = _build_view(doc, array)
    _VIEWS[id(doc)] = (array, view)
    while sum(len(a) for a, _ in _VIEWS.values()) > VIEW_CACHE_TOKENS and len(_VIEWS) > 1:
        _VIEWS.popitem(last=False)
    return view


# Views of the last docs seen, keyed by id(doc) and checked against the token arrays, so a
# retokenized doc or a new doc at a reused address never gets a stale view.
VIEW_CACHE_TOKENS = 2_000_000
_VIEWS: "OrderedDict[int, tuple[np.ndarray, CleanView]]" = OrderedDict()


def _build_view(doc: Doc, array: np.ndarray) -> CleanView:
    skip = {doc.vocab.strings[EXCLUDED], doc.vocab.strings[SPACE]}
    kept = ~np.isin(array[:, 1], np.array(sorted(skip), dtype="uint64"))
    token_index = np.flatnonzero(kept)
    hashes, inverse = np.unique(array[kept, 0], return_inverse=True)
    distinct = [doc.vocab.strings[int(h)] for h in hashes]
    pieces = np.array(distinct, dtype=object)[inverse]
    lengths = np.array([len(p) for p in distinct], dtype="int64")[inverse]
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else lengths
    raw_start = array[:, 2].astype("int64")
    raw_end = np.append(raw_start[1:], raw_start[-1] + len(doc[-1].text))
    return CleanView("".join(pieces), token_index, starts.tolist(), raw_start, raw_end)
