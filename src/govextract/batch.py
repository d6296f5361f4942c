"""Batch extraction over many inputs that never loses a document.

Every input document is either written to the output or reported (stderr, and the
``--errors`` file) with its file, line and reason.  Long documents are processed in
chunks cut at paragraph breaks, with offsets kept relative to the whole document.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Iterable, Iterator

from .entities import doc_entities
from .io import CsvSpanWriter, InputDocument, InputError, JsonlSpanWriter, document_record, read_documents

CHUNK_CHARS = 200_000  # documents longer than this are tagged paragraph-chunk by paragraph-chunk
PIPE_BATCH = 4  # chunks in flight per process: bounds memory on very long documents


def iter_chunks(text: str, size: int | None = None) -> Iterator[tuple[int, str, bool]]:
    """(offset, chunk, last?) pieces of at most ~size characters, cut after a blank line
    when possible, made one at a time so a long text is never copied whole."""
    size = size or CHUNK_CHARS
    start = 0
    while True:
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind("\n", start + size // 2, end)
            if cut >= 0:
                end = cut + 1
        yield start, text[start:end], end >= len(text)
        if end >= len(text):
            return
        start = end


def split_chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    return [(offset, chunk) for offset, chunk, _ in iter_chunks(text, size)]


class Progress:
    """A one-line progress display on stderr, only when it is a terminal."""

    def __init__(self, enabled: bool, stream: IO[str] = sys.stderr):
        self.enabled = enabled and stream.isatty()
        self.stream = stream
        self.started = time.perf_counter()
        self.documents = self.characters = 0

    def update(self, characters: int) -> None:
        self.documents += 1
        self.characters += characters
        if self.enabled:
            rate = self.characters / max(time.perf_counter() - self.started, 1e-9)
            self.stream.write(f"\r{self.documents} documents, {self.characters:,} characters, {rate:,.0f} chars/s")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


def extract_spans(nlp, documents: Iterable[InputDocument], n_process: int = 1) -> Iterator[tuple[InputDocument, list[dict], bool]]:
    """(document, spans of one chunk in whole-document offsets, last chunk?), in input order.

    Long documents are tagged chunk by chunk, so memory stays bounded by the chunk size and
    the writer can stream a document's spans before its last chunk is tagged."""
    def pieces():
        for document in documents:
            for offset, chunk, last in iter_chunks(document.text):
                yield chunk, (document, offset, last)

    for doc, (document, offset, last) in nlp.pipe(pieces(), as_tuples=True, n_process=n_process, batch_size=PIPE_BATCH):
        spans = [entity.to_dict() for entity in doc_entities(doc, offset)]
        yield document, spans, last


def extract_records(nlp, documents: Iterable[InputDocument], include_text: bool, n_process: int = 1) -> Iterator[dict]:
    """Whole spec records for documents, in input order."""
    current: list[dict] = []
    for document, spans, last in extract_spans(nlp, documents, n_process):
        current += spans
        if last:
            yield document_record(document, current, include_text)
            current = []


def run_batch(inputs: list[str], output: str | None, output_format: str = "jsonl", include_text: bool = True,
              segmenter: str = "char", n_process: int = 1, errors_path: str | None = None, quiet: bool = False) -> int:
    from .cli import EXIT_FAILED, EXIT_OK, _open_output
    from .pipeline import load

    nlp = load(segmenter=segmenter)
    errors: list[InputError] = []
    read = written = 0
    progress = Progress(enabled=not quiet)

    def documents() -> Iterator[InputDocument]:
        nonlocal read
        for item in read_documents(inputs):
            if isinstance(item, InputError):
                errors.append(item)
                print(f"govextract: {item}", file=sys.stderr)
                continue
            read += 1
            yield item

    out = _open_output(output)
    try:
        writer = CsvSpanWriter(out) if output_format == "csv" else JsonlSpanWriter(out, include_text)
        starting = True
        for document, spans, last in extract_spans(nlp, documents(), n_process=n_process):
            if starting:
                writer.begin(document)
            writer.add(spans)
            starting = last
            if last:
                writer.end(document)
                written += 1
                progress.update(len(document.text))
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as report:
            for error in errors:
                report.write(f"{error}\n")
    print(f"govextract: {_count(read, 'document')} read, {written} written, {_count(len(errors), 'input')} failed",
          file=sys.stderr)
    return EXIT_FAILED if errors else EXIT_OK


def _count(number: int, noun: str) -> str:
    """``1 document``, ``2 documents``: the summary line reads as English."""
    return f"{number} {noun}" + ("" if number == 1 else "s")
