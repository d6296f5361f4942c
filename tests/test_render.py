"""The HTML page of ``govextract.render``: content, escaping, and what a real browser shows."""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from govextract.render import LABEL_COLORS, add_subcommand, render_html, render_text

GOLD = Path(__file__).resolve().parents[1] / "gold"

TEXT = '一、重点项目\n实施中农吉牧10万头肉牛产业园项目，投资6000万元，增长6%—7%。备注<b>&"引号"</b>\n'


def _span(text: str, fragment: str, label: str, **extra: Any) -> dict[str, Any]:
    start = text.index(fragment)
    return {"start": start, "end": start + len(fragment), "label": label, "text": fragment, **extra}


SPANS = [
    _span(TEXT, "中农吉牧10万头肉牛产业园项目", "PROJECT", amounts=[[TEXT.index("6000万元"), TEXT.index("6000万元") + 6]]),
    _span(TEXT, "10万头", "COUNT", value=100000, unit="头"),
    _span(TEXT, "6000万元", "MONEY", value=60000000, unit="CNY"),
    _span(TEXT, "6%—7%", "PERCENT", value=[6, 7], unit="%", qualifier='以上"'),
    _span(TEXT, '<b>&"引号"', "COUNT", value=1, unit="<b>"),
]
RECORD = {"id": 'doc <1> & "x"', "text": TEXT, "spans": SPANS}


class Marks(HTMLParser):
    """Every ``<mark>`` with its attributes, its text content and the labels of marks around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, Any]] = []
        self.open: list[dict[str, Any]] = []
        self.text: list[str] = []
        self.in_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and ("class", "ge-text") in attrs:
            self.in_text = 1
        elif self.in_text and tag == "div":
            self.in_text += 1
        if tag == "mark":
            mark = {**dict(attrs), "content": "", "inside": [m["data-label"] for m in self.open]}
            self.marks.append(mark)
            self.open.append(mark)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()
        elif tag == "div" and self.in_text:
            self.in_text -= 1

    def handle_data(self, data: str) -> None:
        for mark in self.open:
            mark["content"] += data
        if self.in_text:
            self.text.append(data)


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    parser.close()
    assert not parser.open, "a <mark> was left open"
    return parser


def joined(marks: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(label, start) -> text of all fragments of that span."""
    spans: dict[tuple[str, str], str] = {}
    for mark in marks:
        key = (mark["data-label"], mark["data-start"])
        spans[key] = spans.get(key, "") + mark["content"]
    return spans


# --- content ------------------------------------------------------------------------------
def test_text_is_kept_exactly_and_escaped() -> None:
    page = render_html([RECORD])
    parsed = parse(page)
    assert "".join(parsed.text) == TEXT  # line breaks, quotes and markup characters survive
    assert "<b>&" not in page and "&lt;b&gt;&amp;" in page
    assert "doc &lt;1&gt; &amp; &quot;x&quot;" in page  # the id in the section attribute
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script" not in page and "http" not in page  # standalone: nothing to fetch or run


def test_both_layers_are_marked_with_nesting() -> None:
    marks = parse(render_html([RECORD])).marks
    by_label = {(m["data-label"], m["content"]) for m in marks}
    assert ("PROJECT", "中农吉牧10万头肉牛产业园项目") in by_label
    assert ("COUNT", "10万头") in by_label and ("MONEY", "6000万元") in by_label
    count = next(m for m in marks if m["content"] == "10万头")
    assert count["inside"] == ["PROJECT"] and "ge-numeric" in count["class"]
    project = next(m for m in marks if m["data-label"] == "PROJECT")
    assert project["inside"] == [] and "ge-project" in project["class"]
    for span in SPANS:
        assert joined(marks)[(span["label"], str(span["start"]))] == TEXT[span["start"]:span["end"]]


def test_hover_titles_carry_value_unit_and_qualifier() -> None:
    titles = {m["data-label"] + ":" + m["content"]: m["title"] for m in parse(render_html([RECORD])).marks}
    assert "value 60,000,000 CNY" in titles["MONEY:6000万元"]
    assert "value 100,000 头" in titles["COUNT:10万头"]
    assert 'value 6–7 % · qualifier 以上"' in titles["PERCENT:6%—7%"]
    assert "amounts 6000万元" in titles["PROJECT:中农吉牧10万头肉牛产业园项目"]
    assert 'COUNT: <b>&"引号"' in titles['COUNT:<b>&"引号"']  # unescaped back by the parser
    page = render_html([RECORD])
    assert 'title="COUNT: &lt;b&gt;&amp;&quot;引号&quot; · value 1 &lt;b&gt;' in page


def test_crossing_spans_stay_well_formed() -> None:
    text = "甲乙丙丁戊己"
    spans = [{"start": 0, "end": 4, "label": "PROJECT"}, {"start": 2, "end": 6, "label": "MONEY"},
             {"start": 1, "end": 3, "label": "COUNT"}]
    marks = parse("<div class='ge-text'>" + render_text(text, spans) + "</div>").marks
    assert joined(marks) == {("PROJECT", "0"): "甲乙丙丁", ("MONEY", "2"): "丙丁戊己", ("COUNT", "1"): "乙丙"}
    assert sum(1 for m in marks if m.get("data-part") == "cont") >= 1
    assert all(m["data-part"] == "cont" for m in marks if "data-part" in m)


def test_out_of_range_spans_are_ignored_not_crashing() -> None:
    page = render_html({"id": "x", "text": "投资5元", "spans": [{"start": 2, "end": 99, "label": "MONEY"}]})
    assert parse(page).marks == []


def test_docs_from_the_pipeline() -> None:
    import govextract

    doc = govextract.load()("实施中农吉牧10万头肉牛产业园项目，投资6000万元。")
    labels = {m["data-label"] for m in parse(render_html(doc)).marks}
    assert {"MONEY", "COUNT"} <= labels


def test_gold_documents_render_every_span() -> None:
    from govextract.evaluation import read_span_files

    labels: set[str] = set()
    for record in read_span_files(GOLD):
        marks = parse(render_html(record)).marks
        assert joined(marks) == {(s["label"], str(s["start"])): s["text"] for s in record.spans}, record.id
        labels |= {m["data-label"] for m in marks}
    assert labels == {"MONEY", "PERCENT", "AREA", "COUNT", "QUANTITY", "PROJECT"}


# --- command line -------------------------------------------------------------------------
def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="govextract")
    add_subcommand(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_render_subcommand_runs_the_pipeline(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("投资6000万元，改造老旧小区18个。", encoding="utf-8")
    out = tmp_path / "page.html"
    assert _run_cli(["render", str(source), "-o", str(out)]) == 0
    labels = {m["data-label"] for m in parse(out.read_text(encoding="utf-8")).marks}
    assert labels == {"MONEY", "COUNT"}


def test_render_subcommand_given_spans_and_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "gold.html"
    gold_file = sorted(GOLD.glob("*.jsonl"))[-1]
    assert _run_cli(["render", str(gold_file), "--given-spans", "-o", str(out)]) == 0
    assert "PROJECT" in {m["data-label"] for m in parse(out.read_text(encoding="utf-8")).marks}
    assert _run_cli(["render", str(gold_file), str(tmp_path / "missing.txt"), "--given-spans", "-o", str(out)]) == 1


# --- a real browser -----------------------------------------------------------------------
def _chromium() -> str | None:
    candidates = [os.environ.get("GOVEXTRACT_CHROMIUM", ""), "chromium", "chromium-browser",
                  "google-chrome", "google-chrome-stable"]
    return next((found for name in candidates if name and (found := shutil.which(name))), None)


CHROMIUM = _chromium()
needs_browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium binary found: install Debian's chromium (apt-get install chromium) or set GOVEXTRACT_CHROMIUM")

# Measures what the browser laid out; the result is written into the DOM so --dump-dom returns it.
PROBE = """<script>
const rows = [...document.querySelectorAll("mark.ge-span")].map(m => {
  const box = m.getBoundingClientRect(), style = getComputedStyle(m);
  return {label: m.dataset.label, start: m.dataset.start, text: m.textContent, title: m.title,
          width: box.width, height: box.height, background: style.backgroundColor, border: style.borderTopWidth,
          inProject: !!m.parentElement.closest("mark.ge-project")};
});
const out = document.createElement("pre"); out.id = "ge-probe"; out.textContent = JSON.stringify(rows);
document.body.appendChild(out);
</script>"""


def _browser(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", "--window-size=1200,900",
               *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _rgb(hex_color: str) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@needs_browser
def test_browser_lays_out_the_highlighted_spans(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(render_html([RECORD]).replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = _browser(page, tmp_path / "profile", "--dump-dom")
    found = re.search(r'<pre id="ge-probe">(.*?)</pre>', result.stdout, re.S)
    assert found, f"no probe output; chromium said: {result.stderr[-2000:]}"
    rows = json.loads(html.unescape(found.group(1)))
    spans = joined([{"data-label": r["label"], "data-start": r["start"], "content": r["text"]} for r in rows])
    assert sorted(spans.values()) == sorted(TEXT[s["start"]:s["end"]] for s in SPANS)
    for row in rows:
        assert row["width"] > 0 and row["height"] > 0, row  # actually drawn, not collapsed
        if row["label"] == "PROJECT":
            assert row["border"] == "2px", row
        else:
            assert row["background"] == _rgb(LABEL_COLORS[row["label"]]), row
    money = next(r for r in rows if r["label"] == "MONEY")
    assert "value 60,000,000 CNY" in money["title"] and not money["inProject"]
    assert next(r for r in rows if r["text"] == "10万头")["inProject"]


@needs_browser
def test_browser_screenshot_of_a_gold_document(tmp_path: Path) -> None:
    from govextract.evaluation import read_span_files

    page = tmp_path / "gold.html"
    page.write_text(render_html(read_span_files(sorted(GOLD.glob("*.jsonl"))[-1])), encoding="utf-8")
    shot = tmp_path / "gold.png"
    result = _browser(page, tmp_path / "profile", f"--screenshot={shot}", "--hide-scrollbars")
    assert shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000  # a blank page compresses far smaller
