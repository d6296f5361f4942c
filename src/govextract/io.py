"""Reading report files of any common encoding, and writing results.

Inputs are ``.txt`` files (the whole decoded file is one document, id = file stem),
``.jsonl`` files of ``{"id": ..., "text": ...}`` objects, folders (searched recursively
for both), glob patterns, and ``-`` for standard input.  A bad input never stops the
batch: it becomes an :class:`InputError` that names the file (and line) and says why.
"""

from __future__ import annotations

import codecs
import csv
import glob
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

INPUT_SUFFIXES = (".txt", ".jsonl")
NON_SPACE = re.compile(r"\S")
MAX_LINE_CHARS = 50_000_000


@dataclass
class InputDocument:
    id: str
    text: str
    source: str  # file, or file:line
    encoding: str


@dataclass
class InputError:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class DecodeError(ValueError):
    pass


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOM first, then strict UTF-8, then GB18030 (a superset of GBK)."""
    if not data:
        raise DecodeError("empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} at byte {exc.start}") from exc
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes, no text encoding mark)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise DecodeError(
                f"undecodable: not UTF-8 (byte {utf8_error.start}) and not GB18030"
            ) from utf8_error
        if _looks_binary(text):
            raise DecodeError("binary file (control characters)")
        return text, "gb18030"


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > len(sample) // 20


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path | str | InputError]:
    """Files in order given; folders recursively (sorted); globs; ``-`` stays ``-``."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            if not found:
                yield InputError(item, "folder holds no .txt or .jsonl files")
            yield from found
        elif path.is_file():
            yield path
        elif glob.has_magic(item):
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                yield InputError(item, "pattern matches no file")
            yield from matches
        else:
            yield InputError(item, "no such file or folder")


def read_documents(inputs: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[InputDocument | InputError]:
    """Every document of every input, or an error for what cannot be read."""
    for item in expand_inputs(inputs):
        if isinstance(item, InputError):
            yield item
            continue
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _documents_from_bytes(stream.read(), "<stdin>", "stdin", jsonl=None)
            continue
        yield from _documents_from_file(item)


def _documents_from_file(path: Path) -> Iterator[InputDocument | InputError]:
    try:
        decoded = decode_bytes(path.read_bytes())  # the bytes are freed once decoded
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror}")
        return
    except DecodeError as exc:
        yield InputError(str(path), str(exc))
        return
    yield from _documents_from_text(*decoded, str(path), path.stem, jsonl=path.suffix.lower() == ".jsonl")


def _documents_from_bytes(data: bytes, source: str, stem: str, jsonl: bool | None) -> Iterator[InputDocument | InputError]:
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    yield from _documents_from_text(text, encoding, source, stem, jsonl)


def _documents_from_text(text: str, encoding: str, source: str, stem: str, jsonl: bool | None) -> Iterator[InputDocument | InputError]:
    if jsonl is None:  # standard input: JSON Lines when it starts with a JSON object
        first = NON_SPACE.search(text)
        jsonl = bool(first) and first.group() == "{"
    if not jsonl:
        if not NON_SPACE.search(text):
            yield InputError(source, "no text (only whitespace)")
            return
        yield InputDocument(stem, text, source, encoding)
        return
    yield from _jsonl_documents(text, source, encoding)


def _jsonl_documents(text: str, source: str, encoding: str) -> Iterator[InputDocument | InputError]:
    seen = False
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen = True
        where = f"{source}:{line_no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield InputError(where, 'expected an object with a "text" string')
            continue
        doc_id = obj.get("id", f"{Path(source).stem}:{line_no}")
        yield InputDocument(str(doc_id), obj["text"], where, encoding)
    if not seen:
        yield InputError(source, "empty JSON Lines file")


# --- output -------------------------------------------------------------------------------
CSV_COLUMNS = ("id", "label", "start", "end", "text", "value", "unit", "qualifier")


def document_record(document: InputDocument, spans: list[dict], include_text: bool = True) -> dict[str, Any]:
    """The spec's record of one document, with where it came from in ``meta``."""
    record: dict[str, Any] = {"id": document.id}
    if include_text:
        record["text"] = document.text
    record["spans"] = spans
    record["meta"] = _meta(document)
    return record


def _meta(document: InputDocument) -> dict[str, Any]:
    return {"source": document.source, "encoding": document.encoding, "characters": len(document.text)}


def to_json(value: Any) -> str:
    """JSON text; lone surrogates (possible in JSON input) are kept as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True)
    return text


class JsonlSpanWriter:
    """Writes one record per document as its spans arrive: the same line as
    ``to_json(document_record(...))`` without holding all spans of a long document."""

    def __init__(self, out: IO[str], include_text: bool = True):
        self.out, self.include_text = out, include_text
        self.first = True

    def begin(self, document: InputDocument) -> None:
        self.out.write('{"id": ' + to_json(document.id))
        if self.include_text:
            self.out.write(', "text": ' + to_json(document.text))
        self.out.write(', "spans": [')
        self.first = True

    def add(self, spans: list[dict]) -> None:
        for span in spans:
            self.out.write(("" if self.first else ", ") + to_json(span))
            self.first = False

    def end(self, document: InputDocument) -> None:
        self.out.write('], "meta": ' + to_json(_meta(document)) + "}\n")


class CsvSpanWriter:
    """One CSV row per span: id, label, start, end, text, value, unit, qualifier."""

    def __init__(self, out: IO[str]):
        self.writer = csv.writer(out)
        self.writer.writerow(CSV_COLUMNS)
        self.document_id = ""

    def begin(self, document: InputDocument) -> None:
        self.document_id = document.id

    def add(self, spans: list[dict]) -> None:
        for span in spans:
            value = span.get("value")
            self.writer.writerow([
                self.document_id, span["label"], span["start"], span["end"], span["text"],
                json.dumps(value) if isinstance(value, list) else ("" if value is None else value),
                span.get("unit") or "", span.get("qualifier") or "",
            ])

    def end(self, document: InputDocument) -> None:
        pass
