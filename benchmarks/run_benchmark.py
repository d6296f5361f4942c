"""Speed, memory and accuracy of govextract against Microsoft Recognizers-Text, in one run.

    python benchmarks/run_benchmark.py            # from the repository root

Each system is measured in a subprocess of its own (``--worker NAME``), so that the
peak RSS of one does not include the libraries of another; the worker prints one JSON
object that this script turns into the tables.  The texts are the gold documents,
repeated until the corpus reaches ``--target-mb`` of UTF-8, and fed document by
document.  The first pass over the five gold texts is a warm-up whose output is also
scored against the gold with govextract's own harness.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ("govextract-char", "govextract-pkuseg", "recognizers-text", "spacy-blank-zh")
# spaCy's own blank Chinese pipeline (character tokens, no components): the cost of making
# spaCy docs at all, a ceiling for any spaCy pipeline with one token per character.
REFERENCE = "spacy-blank-zh"
COVERED = ("MONEY", "PERCENT", "AREA", "QUANTITY")  # labels Recognizers-Text has a model for


# --- corpus -------------------------------------------------------------------------------
def read_gold_texts(gold: Path) -> list[tuple[str, str]]:
    """(id, text) of the gold documents, read without govextract (keeps the peer's RSS clean)."""
    documents = []
    for path in sorted(gold.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                record = json.loads(line)
                documents.append((record["id"], record["text"]))
    if not documents:
        raise SystemExit(f"no gold documents in {gold}")
    return documents


def repetitions(documents: list[tuple[str, str]], target_mb: float) -> int:
    size = sum(len(text.encode("utf-8")) for _, text in documents)
    return max(1, math.ceil(target_mb * 1_000_000 / size))


# --- workers (run in their own process) ---------------------------------------------------
Tagger = Callable[[list[str]], list[list[dict[str, Any]]]]


class Unavailable(Exception):
    """The system cannot run on this machine; the message says why."""


def govextract_tagger(segmenter: str) -> Tagger:
    if segmenter == "pkuseg":
        try:
            from govextract.segmentation import load_pkuseg
        except ImportError as exc:
            raise Unavailable(f"govextract.segmentation not importable: {exc}") from exc
        try:
            load_pkuseg()
        except Exception as exc:  # ModelNotFoundError, or anything the loader raises
            raise Unavailable(f"{type(exc).__name__}: {exc}") from exc
    import govextract

    nlp = govextract.load(segmenter=segmenter)

    def tag(texts: list[str]) -> list[list[dict[str, Any]]]:
        return [[entity.to_dict() for entity in govextract.doc_entities(doc)] for doc in nlp.pipe(texts)]

    return tag


def recognizers_tagger() -> Tagger:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from recognizers_peer import RecognizersPeer
    except ImportError as exc:
        raise Unavailable(f"not installed ({exc}); pip install -e '.[bench]'") from exc
    peer = RecognizersPeer()

    def tag(texts: list[str]) -> list[list[dict[str, Any]]]:
        return [peer.spans(text) for text in texts]

    tag.peer = peer  # type: ignore[attr-defined]
    return tag


def blank_zh_tagger() -> Tagger:
    import spacy

    nlp = spacy.blank("zh")  # default segmenter: one token per character

    def tag(texts: list[str]) -> list[list[dict[str, Any]]]:
        return [[] for _ in nlp.pipe(texts)]

    return tag


def make_tagger(system: str) -> Tagger:
    if system == "recognizers-text":
        return recognizers_tagger()
    if system == REFERENCE:
        return blank_zh_tagger()
    return govextract_tagger(system.split("-")[1])


def peak_rss_mb() -> float:
    """Peak resident set of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_worker(system: str, gold: Path, reps: int, runs: int) -> dict[str, Any]:
    documents = read_gold_texts(gold)
    texts = [text for _, text in documents]
    corpus = texts * reps
    result: dict[str, Any] = {"system": system, "reps": reps, "documents": len(corpus),
                              "chars": sum(map(len, corpus)), "bytes": sum(len(t.encode("utf-8")) for t in corpus)}
    started = time.perf_counter()
    try:
        tagger = make_tagger(system)
    except Unavailable as exc:
        return {**result, "status": "unavailable", "reason": str(exc)}
    result["load_s"] = time.perf_counter() - started
    predictions = tagger(texts)  # warm-up, and the output that is scored
    result["predictions"] = {doc_id: spans for (doc_id, _), spans in zip(documents, predictions, strict=True)}
    peer = getattr(tagger, "peer", None)
    if peer is not None:  # what the adapter dropped on the gold texts
        result["dropped_offsets"] = peer.dropped_offsets
        result["dropped_unmapped"] = dict(peer.dropped_unmapped)
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        tagger(corpus)
        times.append(time.perf_counter() - started)
    return {**result, "status": "ok", "times": times, "peak_rss_mb": peak_rss_mb()}


# --- the parent: machine, subprocesses, tables --------------------------------------------
def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
        physical = psutil.cpu_count(logical=False)
    except ImportError:
        ram, physical = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB", None
    versions = []
    for package in ("govextract", "spacy", "recognizers-text-suite"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} not installed")
    return [
        f"machine: {cpu}; {os.cpu_count()} logical cores" + (f" ({physical} physical)" if physical else "") + f"; RAM {ram}",
        f"python:  {platform.python_implementation()} {platform.python_version()} on {platform.platform()}",
        f"libs:    {', '.join(versions)}",
    ]


def spawn(system: str, args: argparse.Namespace, reps: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", system, "--gold", str(args.gold),
               "--reps", str(reps), "--runs", str(args.runs)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return {"system": system, "status": "failed", "reason": tail[0]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def speed_table(results: list[dict[str, Any]], runs: int) -> list[str]:
    header = (f"{'system':<20}{'corpus':>22}{'load s':>8}{'chars/s (median)':>18}{'min–max':>20}"
              f"{'peak RSS MiB':>14}")
    lines = [header, "-" * len(header)]
    for r in results:
        if r["status"] != "ok":
            lines.append(f"{r['system']:<20}  not run: {r['reason']}")
            continue
        rates = sorted(r["chars"] / t for t in r["times"])
        median = r["chars"] / statistics.median(r["times"])
        corpus = f"{r['reps']}× = {r['chars'] / 1e6:.2f}M ch {r['bytes'] / 1e6:.1f}MB"
        lines.append(f"{r['system']:<20}{corpus:>22}{r['load_s']:>8.2f}{median:>18,.0f}"
                     f"{f'{rates[0]:,.0f}–{rates[-1]:,.0f}':>20}{r['peak_rss_mb']:>14.0f}")
    rate = {r["system"]: r["chars"] / statistics.median(r["times"]) for r in results if r["status"] == "ok"}
    if "recognizers-text" in rate:
        lines.append("speed relative to Recognizers-Text: " + ", ".join(
            f"{name} {value / rate['recognizers-text']:.1f}×" for name, value in rate.items() if name != "recognizers-text"))
    lines.append(f"chars/s = corpus characters / median wall time of {runs} runs (after one warm-up pass over "
                 "the gold texts); peak RSS = ru_maxrss of the system's own process, load included.")
    lines.append(f"{REFERENCE} = spacy.blank('zh'), one token per character and no components: the time spaCy "
                 "needs to make the docs, not an extractor.")
    return lines


def accuracy_table(results: list[dict[str, Any]], gold_path: Path) -> list[str]:
    from govextract.evaluation import SpanRecord, read_span_files, score

    gold = read_span_files(gold_path)
    scored = []
    for r in results:
        if r["status"] != "ok" or r["system"] == REFERENCE:
            continue
        predicted = [SpanRecord(g.id, g.text, r["predictions"].get(g.id, []), r["system"]) for g in gold]
        scored.append((r["system"], score(gold, predicted)))
    if not scored:
        return ["(no system ran)"]
    width = 34  # the four cells below
    top = f"{'':<16}{'':>6}" + "".join(f"{name:^{width}}" for name, _ in scored)
    header = f"{'label':<16}{'gold':>6}" + "".join(f"{'pred':>6}{'strict F1':>10}{'partial F1':>11}{'value':>7}"
                                                   for _ in scored)
    lines = [top, header, "-" * len(header)]

    def cells(counts: Any) -> str:
        strict, partial = counts.prf(counts.strict)["f1"], counts.prf(counts.partial)["f1"]
        value = f"{counts.value_correct / counts.valued:.3f}" if counts.valued else "-"
        return f"{counts.predicted:>6}{strict:>10.3f}{partial:>11.3f}{value:>7}"

    for label in COVERED:
        gold_count = scored[0][1].per_label[label].gold
        lines.append(f"{label:<16}{gold_count:>6}" + "".join(cells(s.per_label[label]) for _, s in scored))
    micro = [s.micro(COVERED) for _, s in scored]
    lines.append("-" * len(header))
    lines.append(f"{'micro (covered)':<16}{micro[0].gold:>6}" + "".join(cells(m) for m in micro))
    lines.append("value = share of strict matches whose value equals the gold value (spec section 6). "
                 "COUNT and PROJECT are left out: Recognizers-Text has no model for them.")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold", help="folder of gold .jsonl files")
    parser.add_argument("--target-mb", type=float, default=3.0, help="corpus size for govextract, MB of UTF-8")
    parser.add_argument("--peer-reps", type=int, default=3,
                        help="repetitions for Recognizers-Text (slower; 0 = same corpus as govextract)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per system (the median is reported)")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--reps", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(run_worker(args.worker, args.gold, args.reps, args.runs), ensure_ascii=False))
        return 0

    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # keep order with stderr progress
    print(f"$ {shlex.join([sys.executable, *sys.argv])}   (cwd {Path.cwd()})")
    print(*machine(), sep="\n")
    documents = read_gold_texts(args.gold)
    reps = repetitions(documents, args.target_mb)
    print(f"texts:   {len(documents)} gold documents ({sum(len(t) for _, t in documents):,} chars) from {args.gold}, "
          f"repeated {reps}× for govextract, {args.peer_reps or reps}× for Recognizers-Text\n")
    results = []
    for system in SYSTEMS:
        print(f"running {system} ...", file=sys.stderr, flush=True)
        results.append(spawn(system, args, args.peer_reps or reps if system == "recognizers-text" else reps))

    print("== speed and memory ==")
    print(*speed_table(results, args.runs), sep="\n")
    peer = next((r for r in results if r["system"] == "recognizers-text" and r["status"] == "ok"), None)
    if peer:
        print(f"Recognizers-Text results dropped by the adapter on the gold texts: {peer['dropped_offsets']} with "
              f"offsets not matching their text, no spec label for {peer['dropped_unmapped'] or 'none'}")
    print("\n== accuracy on the gold (govextract's harness, labels Recognizers-Text covers) ==")
    print(*accuracy_table(results, args.gold), sep="\n")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
