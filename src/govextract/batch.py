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
from .io import InputDocument, InputError, csv_writer, read_documents, write_csv_record, write_jsonl_record

CHUNK_CHARS = 200_000  # documents longer than this are tagged paragraph-chunk by paragraph-chunk


def split_chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most ~size characters, cut after a blank line when possible."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind("\n", start + size // 2, end)
            if cut >= 0:
                end = cut + 1
        chunks.append((start, text[start:end]))
        start = end
    return chunks


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


def extract_records(nlp, documents: Iterable[InputDocument], include_text: bool, n_process: int = 1) -> Iterator[dict]:
    """Spec records for documents, in input order; long documents are chunked."""
    def pieces():
        for index, document in enumerate(documents):
            chunks = split_chunks(document.text)
            for number, (offset, chunk) in enumerate(chunks):
                yield chunk, (index, document, offset, number == len(chunks) - 1)

    current: list[dict] = []
    for doc, (index, document, offset, last) in nlp.pipe(pieces(), as_tuples=True, n_process=n_process):
        for entity in doc_entities(doc):
            span = entity.to_dict()
            span["start"] += offset
            span["end"] += offset
            if "amounts" in span:
                span["amounts"] = [[s + offset, e + offset] for s, e in span["amounts"]]
            current.append(span)
        if last:
            record = {"id": document.id}
            if include_text:
                record["text"] = document.text
            record["spans"] = current
            record["meta"] = {"source": document.source, "encoding": document.encoding, "characters": len(document.text)}
            current = []
            yield record


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
        writer = csv_writer(out) if output_format == "csv" else None
        for record in extract_records(nlp, documents(), include_text, n_process=n_process):
            if writer is not None:
                write_csv_record(writer, record)
            else:
                write_jsonl_record(out, record)
            written += 1
            progress.update(record["meta"]["characters"])
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
    print(f"govextract: {read} documents read, {written} written, {len(errors)} inputs failed", file=sys.stderr)
    return EXIT_FAILED if errors else EXIT_OK
