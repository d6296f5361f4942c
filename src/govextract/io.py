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
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

INPUT_SUFFIXES = (".txt", ".jsonl")
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
        try:
            data = item.read_bytes()
        except OSError as exc:
            yield InputError(str(item), f"cannot read: {exc.strerror}")
            continue
        jsonl = item.suffix.lower() == ".jsonl"
        yield from _documents_from_bytes(data, str(item), item.stem, jsonl=jsonl)


def _documents_from_bytes(data: bytes, source: str, stem: str, jsonl: bool | None) -> Iterator[InputDocument | InputError]:
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    if jsonl is None:  # standard input: JSON Lines when every line is a JSON object
        jsonl = text.lstrip().startswith("{")
    if not jsonl:
        if not text.strip():
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


def write_jsonl_record(out: IO[str], record: dict[str, Any]) -> None:
    line = json.dumps(record, ensure_ascii=False) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from JSON input: keep them as \u escapes
        line = json.dumps(record, ensure_ascii=True) + "\n"
    out.write(line)


def csv_writer(out: IO[str]):
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    return writer


def write_csv_record(writer, record: dict[str, Any]) -> None:
    for span in record["spans"]:
        value = span.get("value")
        writer.writerow([
            record["id"], span["label"], span["start"], span["end"], span["text"],
            json.dumps(value) if isinstance(value, list) else ("" if value is None else value),
            span.get("unit") or "", span.get("qualifier") or "",
        ])
