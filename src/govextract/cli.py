"""Command line: ``govextract extract | evaluate | validate | render | download-model``.

Exit codes: 0 success, 1 some inputs failed (the rest was processed), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Sequence

from . import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _open_output(path: str | None) -> IO[str]:
    if path in (None, "-"):
        return sys.stdout
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc


# --- extract ------------------------------------------------------------------------------
def cmd_extract(args: argparse.Namespace) -> int:
    from .batch import run_batch

    return run_batch(
        inputs=args.inputs,
        output=args.output,
        output_format=args.format,
        include_text=args.include_text,
        segmenter=args.segmenter,
        n_process=args.n_process,
        errors_path=args.errors,
        quiet=args.quiet,
    )


# --- evaluate -----------------------------------------------------------------------------
def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import error_report, format_scores, read_span_files, score, select_split

    gold = select_split(read_span_files(args.gold), args.split)
    if not gold:
        raise UsageError(f"no gold documents in split {args.split!r} of {args.gold}")
    if args.pred:
        predicted = read_span_files(args.pred)
        source = args.pred
    else:
        predicted = _predict(gold, args.segmenter)
        source = f"govextract {__version__} pipeline (segmenter={args.segmenter})"
    scores = score(gold, predicted)
    print(format_scores(scores, title=f"split={args.split}  gold={args.gold}  predictions: {source}"))
    if args.json:
        with _open_output(args.json) as out:
            json.dump({"split": args.split, "predictions": source, **scores.as_dict()}, out, ensure_ascii=False, indent=2)
    if args.errors:
        with _open_output(args.errors) as out:
            out.write(error_report(gold, predicted))
    return EXIT_OK


def _predict(gold, segmenter: str):
    from .entities import doc_entities
    from .evaluation import SpanRecord
    from .pipeline import load

    nlp = load(segmenter=segmenter)
    records = []
    for record, doc in zip(gold, nlp.pipe(r.text for r in gold)):
        spans = [entity.to_dict() for entity in doc_entities(doc)]
        records.append(SpanRecord(record.id, record.text, spans, "pipeline"))
    return records


# --- validate -----------------------------------------------------------------------------
def cmd_validate(args: argparse.Namespace) -> int:
    from .evaluation import InvalidSpanFile, read_span_files

    failed = 0
    for path in args.paths:
        try:
            records = read_span_files(path)
        except InvalidSpanFile as exc:
            failed += 1
            print(str(exc), file=sys.stderr)
            continue
        spans = sum(len(r.spans) for r in records)
        print(f"{path}: valid ({len(records)} documents, {spans} spans)")
    return EXIT_FAILED if failed else EXIT_OK


# --- parser -------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govextract", description="Structured data from Chinese government reports.")
    parser.add_argument("--version", action="version", version=f"govextract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="tag report files and write spans (JSON Lines or CSV)")
    ex.add_argument("inputs", nargs="+", help=".txt or .jsonl files, folders, glob patterns, or - for standard input")
    ex.add_argument("-o", "--output", help="output file (default: standard output)")
    ex.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="jsonl (spec format) or csv (a row per span)")
    text = ex.add_mutually_exclusive_group()
    text.add_argument("--include-text", dest="include_text", action="store_true", default=True,
                      help="embed each document's text in JSON Lines output (default, as the spec's format)")
    text.add_argument("--no-text", dest="include_text", action="store_false", help="leave the document text out")
    ex.add_argument("--segmenter", choices=("char", "pkuseg"), default="char", help="word segmentation (default: char)")
    ex.add_argument("--n-process", type=int, default=1, help="worker processes (same output, input order)")
    ex.add_argument("--errors", help="also write the list of failed inputs to this file")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser("evaluate", help="score the pipeline or a prediction file against gold")
    ev.add_argument("--gold", default="gold", help="gold file or folder of .jsonl files (default: gold)")
    ev.add_argument("--pred", help="predictions in the spec format; default: run the pipeline on the gold texts")
    ev.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ev.add_argument("--segmenter", choices=("char", "pkuseg"), default="char")
    ev.add_argument("--json", help="write the scores as JSON to this file")
    ev.add_argument("--errors", help="write every false positive, false negative and mismatch to this file")
    ev.set_defaults(func=cmd_evaluate)

    va = sub.add_parser("validate", help="check gold or prediction files against the format contract")
    va.add_argument("paths", nargs="+", help="files or folders of .jsonl files")
    va.set_defaults(func=cmd_validate)

    from . import render, segmentation  # their subcommands: render, download-model

    render.add_subcommand(sub)
    segmentation.add_subcommand(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "n_process", 1) < 1:
        parser.error("--n-process must be at least 1")
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"govextract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a clear message instead of a traceback
        from .data import PatternError
        from .evaluation import InvalidSpanFile

        if isinstance(exc, (InvalidSpanFile, PatternError)):
            print(f"govextract: error: {exc}", file=sys.stderr)
            return EXIT_FAILED
        raise


if __name__ == "__main__":
    sys.exit(main())
