"""The spaCy tokenizer of govextract: raw text in, normalized tokens out.

``doc.text`` is always the raw input (a lone surrogate, which spaCy cannot store, becomes
U+FFFD: one character for one, so offsets still hold).  Tokens are single characters except digit runs,
Latin words, whitespace runs, markdown marks and pinyin annotations, so that any span
a rule finds starts and ends on a token boundary.  Each token carries its normalized
form and role (see :mod:`govextract.normalize`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .normalize import set_norms, split_words

SEGMENTERS = ("char", "pkuseg")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class GovTokenizer:
    """Character tokenizer with normalization; optionally groups words with pkuseg."""

    def __init__(self, vocab: Vocab, segmenter: str = "char", pkuseg_model: str | None = None):
        if segmenter not in SEGMENTERS:
            raise ValueError(f"unknown segmenter {segmenter!r}: choose one of {', '.join(SEGMENTERS)}")
        self.vocab = vocab
        self.segmenter = segmenter
        self.pkuseg_model = pkuseg_model
        self._pkuseg = None
        if segmenter == "pkuseg":
            from .segmentation import load_pkuseg

            self._pkuseg = load_pkuseg(pkuseg_model)

    def __call__(self, text: str) -> Doc:
        # spaCy's string store cannot hold lone surrogates; replacing each one keeps all offsets.
        text = LONE_SURROGATE.sub("\ufffd", text)
        words = split_words(text)
        if self._pkuseg is not None:
            from .segmentation import merge_words

            words = merge_words(words, self._pkuseg)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        set_norms(doc, words)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # Serialization: only the settings; the pkuseg model stays in its cache.
    def _settings(self) -> dict:
        return {"segmenter": self.segmenter, "pkuseg_model": self.pkuseg_model}

    def _load_settings(self, settings: dict) -> "GovTokenizer":
        self.__init__(self.vocab, settings["segmenter"], settings.get("pkuseg_model"))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps(self._settings())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "GovTokenizer":
        return self._load_settings(srsly.msgpack_loads(data))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "settings.json", self._settings())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "GovTokenizer":
        return self._load_settings(srsly.read_json(Path(path) / "settings.json"))


@registry.tokenizers("govextract.Tokenizer.v1")
def create_tokenizer(segmenter: str = "char", pkuseg_model: str | None = None) -> Callable[[Language], GovTokenizer]:
    def make(nlp: Language) -> GovTokenizer:
        return GovTokenizer(nlp.vocab, segmenter=segmenter, pkuseg_model=pkuseg_model)

    return make
