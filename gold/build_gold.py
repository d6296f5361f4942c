"""Turn hand-written annotation sheets into gold JSON Lines with exact offsets.

Annotators read ``gold/texts/<id>.txt`` and write ``gold/annotations/<id>.<pass>.tsv``,
one span per line, in document order within each layer::

    LABEL <TAB> surface <TAB> value <TAB> unit [<TAB> context]

``surface`` is the span as it reads in the raw text; line breaks, spaces and inline
pinyin annotations such as ``(fā)`` inside it may be left out, the rest (Traditional
characters included) must be as written.  ``context`` is an optional longer string
around the surface, used when the surface alone would be found at the wrong place.
Values are plain decimals (``389000``) or ranges (``[6,7]``); PROJECT lines leave value
and unit empty.  Lines starting with ``#`` are comments.

Each layer (numeric, project) keeps its own cursor: a span is searched from the end of
the previous span of its layer, so this script never guesses; it only locates what the
annotator wrote.  ``--review`` prints every span with context for proofreading.

Usage::

    python gold/build_gold.py            # all sheets of pass A -> gold/<id>.jsonl
    python gold/build_gold.py --pass B --out gold/agreement
    python gold/build_gold.py --review 000_1501fc7da49c873c
    python gold/build_gold.py --review 001_50a963f61061be04 --sheet part2.tsv --start-line 331
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
NUMERIC = {"MONEY", "PERCENT", "AREA", "COUNT", "QUANTITY"}
LABELS = NUMERIC | {"PROJECT"}
# Characters an annotator may omit from a surface: layout and scraper annotations.
SKIPPABLE = r"(?:\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+\)|[ \t\r\n\u3000]|\*\*)*"
DIGIT_BEFORE = re.compile(r"[0-9０-９.．零〇○一二三四五六七八九十百千万亿两萬億兩]$")


def surface_pattern(surface: str) -> re.Pattern[str]:
    chars = [c for c in surface if not c.isspace()]
    return re.compile(SKIPPABLE.join(re.escape(c) for c in chars))


def parse_value(raw: str):
    raw = raw.strip()
    if not raw:
        return None
    if raw.startswith("["):
        low, high = raw.strip("[]").split(",")
        return [_number(low), _number(high)]
    return _number(raw)


def _number(raw: str):
    value = Decimal(raw.strip())
    return int(value) if value == value.to_integral_value() else float(value)


def locate(text: str, sheet: Path, start_offset: int = 0) -> list[dict]:
    cursors = {"numeric": start_offset, "project": start_offset}
    spans: list[dict] = []
    for line_no, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        while len(fields) < 5:
            fields.append("")
        label, surface, value, unit, context = (f.strip() for f in fields[:5])
        where = f"{sheet.name}:{line_no}"
        if label not in LABELS:
            raise SystemExit(f"{where}: unknown label {label!r}")
        layer = "numeric" if label in NUMERIC else "project"
        start = _find(text, surface, context, cursors[layer], numeric=layer == "numeric")
        if start is None:
            raise SystemExit(f"{where}: {surface!r} not found after offset {cursors[layer]}")
        begin, end = start
        cursors[layer] = end
        span = {"start": begin, "end": end, "label": label, "text": text[begin:end]}
        if layer == "numeric":
            try:
                span["value"] = parse_value(value)
            except Exception as exc:  # noqa: BLE001 - report any malformed value
                raise SystemExit(f"{where}: bad value {value!r}: {exc}") from exc
            span["unit"] = unit or None
        spans.append(span)
    spans.sort(key=lambda s: (s["start"], s["label"] == "PROJECT"))
    return spans


def _find(text: str, surface: str, context: str, cursor: int, numeric: bool):
    target = surface_pattern(surface)
    if context:
        ctx = surface_pattern(context).search(text, cursor)
        if not ctx:
            return None
        hit = target.search(text, ctx.start(), ctx.end())
        return (hit.start(), hit.end()) if hit else None
    pos = cursor
    while True:
        hit = target.search(text, pos)
        if not hit:
            return None
        # A numeric surface must not begin inside a longer number (5% inside 15%).
        if numeric and DIGIT_BEFORE.search(text[max(0, hit.start() - 1):hit.start()]):
            if surface[0] in "0123456789０１２３４５６７８９一二三四五六七八九十两零〇○百千万亿萬億兩":
                pos = hit.start() + 1
                continue
        return hit.start(), hit.end()


def build(pass_name: str, out_dir: Path) -> list[Path]:
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for sheet in sorted((GOLD_DIR / "annotations").glob(f"*.{pass_name}.tsv")):
        doc_id = sheet.name.split(".")[0]
        text = (GOLD_DIR / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        record = {"id": doc_id, "text": text, "spans": locate(text, sheet)}
        target = out_dir / f"{doc_id}.jsonl"
        target.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written


def review(doc_id: str, pass_name: str, sheet: Path | None = None, start_line: int = 1) -> None:
    text = (GOLD_DIR / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
    sheet = sheet or GOLD_DIR / "annotations" / f"{doc_id}.{pass_name}.tsv"
    start_offset = sum(len(line) for line in text.splitlines(keepends=True)[: start_line - 1])
    for span in locate(text, sheet, start_offset):
        left = text[max(0, span["start"] - 12):span["start"]].replace("\n", "⏎")
        right = text[span["end"]:span["end"] + 12].replace("\n", "⏎")
        inner = span["text"].replace("\n", "⏎")
        print(f'{span["start"]:>6} {span["label"]:<8} {left}[{inner}]{right}  {span.get("value", "")} {span.get("unit") or ""}')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pass", dest="pass_name", default="A", help="annotation pass (sheet suffix)")
    parser.add_argument("--out", type=Path, default=GOLD_DIR, help="output folder")
    parser.add_argument("--review", metavar="DOC_ID", help="print the located spans of one document")
    parser.add_argument("--sheet", type=Path, help="with --review: a partial sheet to check")
    parser.add_argument("--start-line", type=int, default=1, help="with --sheet: text line the sheet starts at")
    args = parser.parse_args(argv)
    if args.review:
        review(args.review, args.pass_name, args.sheet, args.start_line)
        return 0
    for path in build(args.pass_name, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
