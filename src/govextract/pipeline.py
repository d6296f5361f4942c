"""Building the govextract pipeline: ``govextract.load()`` and ``govextract.extract()``."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import numeric as _numeric, projects as _projects  # noqa: F401  (register the component factories)
from . import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from .entities import Entity, doc_entities

MAX_DOC_CHARS = 10_000_000


def load(segmenter: str = "char", patterns_dir: str | None = None, projects: bool = True) -> Language:
    """A new pipeline: govextract tokenizer, numeric layer, project layer.

    ``segmenter`` is ``"char"`` (default) or ``"pkuseg"`` (needs ``govextract download-model pkuseg``);
    ``patterns_dir`` replaces the bundled ``patterns/`` folder.
    """
    config = {"nlp": {"tokenizer": {"@tokenizers": "govextract.Tokenizer.v1", "segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    nlp.max_length = MAX_DOC_CHARS  # no parser: memory grows linearly, ~1 KB per character
    nlp.add_pipe("govextract_numbers", config={"patterns_dir": patterns_dir})
    if projects:
        nlp.add_pipe("govextract_projects", config={"patterns_dir": patterns_dir})
    return nlp


@lru_cache(maxsize=4)
def _default_pipeline(segmenter: str) -> Language:
    return load(segmenter=segmenter)


def extract(text: str, segmenter: str = "char") -> list[Entity]:
    """Entities of one text, with a shared default pipeline."""
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    from .batch import split_chunks

    nlp = _default_pipeline(segmenter)
    entities = []
    for offset, chunk in split_chunks(text):  # long texts in paragraph chunks
        entities += doc_entities(nlp(chunk), offset)
    for entity in entities:  # the raw slice, also where the doc had to replace a lone surrogate
        entity.text = text[entity.start:entity.end]
    return entities
