"""A standalone HTML page showing extracted spans, for checking output by eye.

Both layers are drawn at once: PROJECT spans as an outlined box, numeric spans as a
coloured highlight inside it.  Every span is a ``<mark>`` whose ``title`` (shown on
hover) gives its label, value, unit and qualifier, so a reader can check values
without opening the JSON.

displaCy's span style was not used: it puts a space between tokens (wrong for
Chinese, where our tokens are single characters), drops line breaks and has no
hover text.  The markup here keeps the raw text exactly (``white-space: pre-wrap``),
so what is highlighted is ``text[start:end]`` and nothing else.

Spans that cross each other's boundaries (not allowed by the spec, but possible in a
faulty prediction file) are drawn as several fragments so the HTML stays well formed;
fragments after the first carry ``data-part="cont"`` and no label badge.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence, Union

from .entities import LABELS, NUMERIC_LABELS, PROJECT_LABEL

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .evaluation import SpanRecord

RenderInput = Union["SpanRecord", Mapping[str, Any], "Doc"]

# Colours chosen to stay distinguishable on a projector and for common colour blindness.
LABEL_COLORS: dict[str, str] = {
    "MONEY": "#ffd166",
    "PERCENT": "#8ecae6",
    "AREA": "#95d5b2",
    "COUNT": "#f4acb7",
    "QUANTITY": "#cdb4db",
    PROJECT_LABEL: "#3a86ff",
}


@dataclass(frozen=True)
class _Doc:
    id: str
    text: str
    spans: list[dict[str, Any]]


# --- input normalisation ------------------------------------------------------------------
def _as_doc(item: RenderInput, index: int) -> _Doc:
    """One shape for records, JSON dicts and spaCy docs, so the renderer has one path."""
    from spacy.tokens import Doc

    from .evaluation import SpanRecord

    if isinstance(item, Mapping):
        return _Doc(str(item.get("id", f"document {index + 1}")), str(item["text"]), list(item.get("spans", [])))
    if isinstance(item, SpanRecord):
        return _Doc(item.id, item.text, list(item.spans))
    if isinstance(item, Doc):  # a Doc run through the govextract pipeline
        from .entities import doc_entities

        doc_id = item.user_data.get("id") or f"document {index + 1}"
        return _Doc(str(doc_id), item.text, [entity.to_dict() for entity in doc_entities(item)])
    raise TypeError(f"cannot render a {type(item).__name__}: pass SpanRecords, spec dicts or spaCy Docs")


# --- titles -------------------------------------------------------------------------------
def _format_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _format_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "–".join(_format_number(v) for v in value)
    return _format_number(value)


def span_title(span: Mapping[str, Any], text: str) -> str:
    """Hover text: what a reviewer needs to judge the span without the JSON."""
    parts = [f"{span['label']}: {text[span['start']:span['end']]}"]
    if span.get("value") is not None:
        unit = span.get("unit")
        parts.append(f"value {_format_value(span['value'])}" + (f" {unit}" if unit else ""))
    elif span.get("unit"):
        parts.append(f"unit {span['unit']}")
    if span.get("qualifier"):
        parts.append(f"qualifier {span['qualifier']}")
    amounts = span.get("amounts") or []
    if amounts:
        parts.append("amounts " + ", ".join(text[s:e] for s, e in amounts))
    parts.append(f"[{span['start']}:{span['end']}]")
    return " · ".join(parts)


# --- markup -------------------------------------------------------------------------------
def _open_tag(span: Mapping[str, Any], index: int, title: str, continued: bool) -> str:
    label = str(span["label"])
    layer = "project" if label == PROJECT_LABEL else "numeric"
    attributes = {
        "class": f"ge-span ge-{layer}" + ("" if layer == "project" else f" ge-{label.lower()}"),
        "data-label": label,
        "data-span": str(index),
        "data-start": str(span["start"]),
        "data-end": str(span["end"]),
        "title": title,
    }
    if span.get("value") is not None:
        attributes["data-value"] = _format_value(span["value"]).replace(",", "")
    if span.get("unit"):
        attributes["data-unit"] = str(span["unit"])
    if continued:
        attributes["data-part"] = "cont"
    rendered = " ".join(f'{name}="{escape(value, quote=True)}"' for name, value in attributes.items())
    return f"<mark {rendered}>"


def _nesting_order(spans: Sequence[Mapping[str, Any]]) -> list[int]:
    """Indices sorted so that an enclosing span opens before what it contains.

    At the same start the longer span is outer; at equal extent PROJECT is outer,
    because a project may contain numbers and not the other way round.
    """
    return sorted(range(len(spans)), key=lambda i: (spans[i]["start"], -spans[i]["end"],
                                                    spans[i]["label"] != PROJECT_LABEL))


def render_text(text: str, spans: Sequence[Mapping[str, Any]]) -> str:
    """Escaped text with each valid span wrapped in (possibly fragmented) nested marks."""
    valid = [s for s in spans if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
             and 0 <= s["start"] < s["end"] <= len(text)]
    order = _nesting_order(valid)
    titles = {i: span_title(valid[i], text) for i in order}
    boundaries = sorted({0, len(text)} | {valid[i]["start"] for i in order} | {valid[i]["end"] for i in order})
    starts: dict[int, list[int]] = {}
    for i in order:
        starts.setdefault(valid[i]["start"], []).append(i)

    out: list[str] = []
    stack: list[int] = []
    for position, next_position in zip(boundaries, boundaries[1:], strict=False):
        # Close every span that ends here; spans opened after it are closed and reopened.
        ending = [i for i in stack if valid[i]["end"] == position]
        if ending:
            depth = min(stack.index(i) for i in ending)
            reopen = [i for i in stack[depth:] if valid[i]["end"] != position]
            out.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            for i in reopen:
                out.append(_open_tag(valid[i], i, titles[i], continued=True))
                stack.append(i)
        for i in starts.get(position, []):
            out.append(_open_tag(valid[i], i, titles[i], continued=False))
            stack.append(i)
        out.append(escape(text[position:next_position], quote=False))
    out.append("</mark>" * len(stack))
    return "".join(out)


_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.3rem; }
h2 { font-size: 1.1rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; }
.ge-legend { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; font-size: .85rem; }
.ge-legend span { padding: .1rem .5rem; border-radius: .3rem; }
.ge-counts { color: #555; font-size: .85rem; }
.ge-text { white-space: pre-wrap; line-height: 2.4; font-size: 1rem; overflow-wrap: anywhere; }
mark.ge-span { color: inherit; cursor: help; }
mark.ge-numeric { padding: .1em .05em; border-radius: .2em; }
mark.ge-project { background: rgba(58, 134, 255, .08); border: 2px solid %(project)s;
                  border-radius: .3em; padding: .15em .1em; box-decoration-break: clone;
                  -webkit-box-decoration-break: clone; }
mark.ge-span::before { content: attr(data-label); font-size: .55em; font-weight: bold;
                       vertical-align: super; margin-right: .15em; letter-spacing: .02em; }
mark.ge-span[data-part="cont"]::before { content: none; }
mark.ge-project::before { color: %(project)s; }
mark.ge-numeric::before { color: #444; }
%(numeric)s
"""


def _css() -> str:
    numeric = "\n".join(f"mark.ge-{label.lower()} {{ background: {LABEL_COLORS[label]}; }}"
                        f"\n.ge-legend .ge-key-{label.lower()} {{ background: {LABEL_COLORS[label]}; }}"
                        for label in NUMERIC_LABELS)
    numeric += (f"\n.ge-legend .ge-key-project {{ border: 2px solid {LABEL_COLORS[PROJECT_LABEL]};"
                f" background: rgba(58, 134, 255, .08); }}")
    return _CSS % {"project": LABEL_COLORS[PROJECT_LABEL], "numeric": numeric}


def _section(doc: _Doc) -> str:
    counts = {label: 0 for label in LABELS}
    for span in doc.spans:
        counts[span.get("label", "")] = counts.get(span.get("label", ""), 0) + 1
    summary = ", ".join(f"{label} {n}" for label, n in counts.items() if n) or "no spans"
    return (f'<section class="ge-doc" data-id="{escape(doc.id, quote=True)}">\n'
            f"<h2>{escape(doc.id)}</h2>\n"
            f'<p class="ge-counts">{len(doc.text):,} characters · {escape(summary)}</p>\n'
            f'<div class="ge-text" lang="zh">{render_text(doc.text, doc.spans)}</div>\n'
            f"</section>")


def render_html(items: RenderInput | Iterable[RenderInput], title: str = "govextract spans") -> str:
    """A self-contained HTML page (inline CSS, no scripts, no network) for the documents."""
    if isinstance(items, Mapping) or hasattr(items, "text"):  # one record or one Doc
        items = [items]  # type: ignore[list-item]
    docs = [_as_doc(item, index) for index, item in enumerate(items)]
    legend = "".join(f'<span class="ge-key-{label.lower()}">{label}</span>' for label in LABELS)
    body = "\n".join(_section(doc) for doc in docs)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<div class="ge-legend">{legend}<span>hover a span for its value and unit</span></div>\n'
        f"{body}\n</body>\n</html>\n"
    )


# --- command line -------------------------------------------------------------------------
def add_subcommand(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``render`` to the ``govextract`` command (the CLI module wires it in)."""
    parser = subparsers.add_parser("render", help="write an HTML page highlighting the spans of documents")
    parser.add_argument("inputs", nargs="+", help=".txt or .jsonl files, folders, glob patterns, or - for standard input")
    parser.add_argument("-o", "--output", help="HTML file to write (default: standard output)")
    parser.add_argument("--segmenter", choices=("char", "pkuseg"), default="char", help="word segmentation (default: char)")
    parser.add_argument("--given-spans", action="store_true",
                        help="draw the spans stored in .jsonl inputs (gold or extract output) instead of running the pipeline")
    parser.add_argument("--title", default="govextract spans", help="page title")
    parser.set_defaults(func=cmd_render)
    return parser


def _given_span_records(inputs: list[str], errors: list[str]) -> list["SpanRecord"]:
    from .evaluation import InvalidSpanFile, read_span_file
    from .io import InputError, expand_inputs

    records: list[SpanRecord] = []
    for item in expand_inputs(inputs):
        if isinstance(item, InputError):
            errors.append(str(item))
        elif item == "-" or Path(item).suffix.lower() != ".jsonl":
            errors.append(f"{item}: --given-spans needs .jsonl files with spans")
        else:
            try:
                records.extend(read_span_file(item))
            except InvalidSpanFile as exc:
                errors.append(str(exc))
    return records


def _extracted_records(inputs: list[str], segmenter: str, errors: list[str]) -> list[dict[str, Any]]:
    from .batch import extract_records
    from .io import InputDocument, read_documents
    from .pipeline import load

    documents: list[InputDocument] = []
    for item in read_documents(inputs):
        if isinstance(item, InputDocument):
            documents.append(item)
        else:
            errors.append(str(item))
    if not documents:
        return []
    return list(extract_records(load(segmenter=segmenter), documents, include_text=True))


def cmd_render(args: argparse.Namespace) -> int:
    """Render what could be read; name every input that could not (exit 1), like ``extract``."""
    from .cli import EXIT_FAILED, EXIT_OK, _open_output

    errors: list[str] = []
    records: list[Any]
    if args.given_spans:
        records = _given_span_records(args.inputs, errors)
    else:
        records = _extracted_records(args.inputs, args.segmenter, errors)
    for error in errors:
        print(f"govextract: {error}", file=sys.stderr)
    if records:
        out = _open_output(args.output)
        try:
            out.write(render_html(records, title=args.title))
        finally:
            if out is not sys.stdout:
                out.close()
    spans = sum(len(r["spans"] if isinstance(r, dict) else r.spans) for r in records)
    print(f"govextract: rendered {len(records)} documents, {spans} spans"
          + (f" to {args.output}" if args.output and args.output != "-" else ""), file=sys.stderr)
    return EXIT_FAILED if errors or not records else EXIT_OK
