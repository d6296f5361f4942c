"""Word segmentation with spacy-pkuseg, offline, and exact spans over word tokens.

Three concerns live here:

* **The model.**  ``spacy_pkuseg.pkuseg(model_name=...)`` downloads its models from
  GitHub at run time, which fails on machines that only reach package registries.  The
  ``pkuseg==0.0.25`` wheels on PyPI carry the same default model, so
  :func:`download_model` (``govextract download-model pkuseg``) fetches that wheel with
  pip, checks its pinned sha256, converts the pickled feature table *once* to
  spacy-pkuseg's own ``features.msgpack`` and stores it with ``weights.npz`` in the user
  cache.  :func:`load_pkuseg` then reads only msgpack + npz and never downloads anything.
* **Alignment.**  pkuseg segments Traditional text poorly, so :func:`merge_words`
  segments the *normalized* text and groups the raw one-character tokens accordingly.
  Only Han characters are ever merged; annotations, markup and whitespace stay tokens of
  their own, and the raw text is untouched.
* **Exact spans.**  A rule match may start or end inside a word (``38.9万`` + ``亩地``);
  :func:`exact_spans` splits such word tokens so every span is exactly the match.

Cache folder: ``$GOVEXTRACT_CACHE_DIR`` if set, else the platform cache folder
(``~/.cache/govextract`` on Linux); the model lives in its ``pkuseg`` subfolder.

Serialization: ``nlp.to_disk`` saves only the tokenizer settings (``segmenter``,
``pkuseg_model``), never the 180 MB model, so ``spacy.load`` of a pkuseg pipeline needs
the model in the cache of the loading machine (``govextract download-model pkuseg``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Protocol, Sequence

import numpy as np
import srsly
from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from .normalize import EXCLUDED, HAN, CleanView, layout_spaces, token_norm

# --- the model ----------------------------------------------------------------------------
PKUSEG_REQUIREMENT = "pkuseg==0.0.25"
PKUSEG_WHEEL = "pkuseg-0.0.25-cp37-cp37m-manylinux1_x86_64.whl"
# sha256 of PKUSEG_WHEEL as served by PyPI (pip checked it against the index's own hash).
PKUSEG_WHEEL_SHA256 = "6fc2f97d0f66cc6722cf772e65dbcde1b01d8cc53b66ac4aa7bce639de79588f"
WHEEL_FEATURES = "pkuseg/models/default/features.pkl"
WHEEL_WEIGHTS = "pkuseg/models/default/weights.npz"
FEATURES_FILE = "features.msgpack"
WEIGHTS_FILE = "weights.npz"
MANIFEST_FILE = "govextract-model.json"
MODEL_SUBDIR = "pkuseg"
CACHE_ENV = "GOVEXTRACT_CACHE_DIR"
DOWNLOAD_COMMAND = "govextract download-model pkuseg"


class ModelNotFoundError(RuntimeError):
    """The pkuseg model is not in the cache; nothing is downloaded implicitly."""


class ModelDownloadError(RuntimeError):
    """Fetching, verifying or converting the pkuseg model failed."""


def default_cache_dir() -> Path:
    """``$GOVEXTRACT_CACHE_DIR``, else the platform's per-user cache folder + ``govextract``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "govextract"


def default_model_dir(cache_dir: str | os.PathLike | None = None) -> Path:
    """Folder of the pkuseg model inside a cache folder (default: :func:`default_cache_dir`)."""
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    return root / MODEL_SUBDIR


def is_model_installed(path: str | os.PathLike | None = None) -> bool:
    """True when ``path`` (default: the cached model folder) holds a converted model."""
    folder = Path(path).expanduser() if path is not None else default_model_dir()
    return (folder / FEATURES_FILE).is_file() and (folder / WEIGHTS_FILE).is_file()


def download_model(cache_dir: str | os.PathLike | None = None, wheel: str | os.PathLike | None = None) -> Path:
    """Fetch, verify and convert the pkuseg default model; return the model folder.

    ``wheel`` is an already downloaded ``pkuseg-0.0.25`` wheel (for machines without any
    network); otherwise pip downloads it from the configured package index.  Either way the
    file must match :data:`PKUSEG_WHEEL_SHA256` before anything in it is read.
    """
    target = default_model_dir(cache_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pkuseg-", dir=target.parent) as tmp:
        work = Path(tmp)
        wheel_path = Path(wheel).expanduser() if wheel is not None else _pip_download(work)
        _check_sha256(wheel_path)
        staging = work / "model"
        staging.mkdir()
        _convert_wheel(wheel_path, staging)
        srsly.write_json(staging / MANIFEST_FILE, {
            "source": f"{PKUSEG_REQUIREMENT} ({PKUSEG_WHEEL})",
            "wheel_sha256": PKUSEG_WHEEL_SHA256,
            "files": [FEATURES_FILE, WEIGHTS_FILE],
        })
        if target.exists():  # replace a previous install in two renames
            os.replace(target, work / "previous")
        os.replace(staging, target)
    _load_cached.cache_clear()
    return target


def _pip_download(dest: Path) -> Path:
    """Download the pinned wheel with pip; pip itself also enforces the hash."""
    requirements = dest / "requirements.txt"
    requirements.write_text(f"{PKUSEG_REQUIREMENT} --hash=sha256:{PKUSEG_WHEEL_SHA256}\n", encoding="utf-8")
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--python-version", "3.7", "--implementation", "cp", "--abi", "cp37m",
        "--platform", "manylinux1_x86_64", "--require-hashes", "-r", str(requirements), "-d", str(dest),
    ]
    try:
        result = subprocess.run(command, check=False)
    except OSError as exc:
        raise ModelDownloadError(f"cannot run pip: {exc}") from exc
    wheel = dest / PKUSEG_WHEEL
    if result.returncode != 0 or not wheel.is_file():
        raise ModelDownloadError(
            f"pip could not download {PKUSEG_WHEEL} (exit code {result.returncode}); check the network or "
            f"pip's index settings, or download the wheel elsewhere and pass it with --wheel"
        )
    return wheel


def _check_sha256(path: Path) -> None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ModelDownloadError(f"cannot read {path}: {exc.strerror}") from exc
    if digest.hexdigest() != PKUSEG_WHEEL_SHA256:
        raise ModelDownloadError(
            f"{path} has sha256 {digest.hexdigest()}, expected {PKUSEG_WHEEL_SHA256} ({PKUSEG_WHEEL}); refusing to use it"
        )


def _convert_wheel(wheel: Path, dest: Path) -> None:
    """Write features.msgpack and weights.npz from the (already verified) wheel."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            with archive.open(WHEEL_FEATURES) as handle:
                features = _features_from_pickle(handle)
            with archive.open(WHEEL_WEIGHTS) as source, open(dest / WEIGHTS_FILE, "wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ModelDownloadError(f"{wheel} does not hold the pkuseg default model: {exc}") from exc
    with np.load(dest / WEIGHTS_FILE, allow_pickle=False) as weights:
        sizes, w = weights["sizes"], weights["w"]
        n_tag, n_feature = int(sizes[0]), int(sizes[1])
        if (n_tag, n_feature) != (len(features["tag_to_idx"]), len(features["feature_to_idx"])) or w.shape != (
            n_tag * (n_feature + n_tag),
        ):
            raise ModelDownloadError("weights.npz does not match features.pkl in the pkuseg wheel")
    srsly.write_msgpack(dest / FEATURES_FILE, features)


class _PlainDataUnpickler(pickle.Unpickler):
    """Unpickles plain containers and strings only: no class, function or module lookups."""

    def find_class(self, module: str, name: str) -> Any:
        raise ModelDownloadError(f"features.pkl refers to {module}.{name}; only plain data is accepted")


def _features_from_pickle(handle: IO[bytes]) -> dict[str, Any]:
    """The feature table of features.pkl, in the layout FeatureExtractor.save writes to msgpack."""
    data = _PlainDataUnpickler(handle).load()
    keys = ("unigram", "bigram", "feature_to_idx", "tag_to_idx")
    if not isinstance(data, dict) or any(key not in data for key in keys):
        raise ModelDownloadError("features.pkl is not a pkuseg feature table")
    table = {
        "unigram": sorted(data["unigram"]),
        "bigram": sorted(data["bigram"]),
        "feature_to_idx": dict(data["feature_to_idx"]),
        "tag_to_idx": dict(data["tag_to_idx"]),
    }
    if not (all(isinstance(w, str) for w in table["unigram"]) and all(isinstance(w, str) for w in table["bigram"])
            and all(isinstance(k, str) and isinstance(v, int) for k, v in table["feature_to_idx"].items())
            and all(isinstance(k, str) and isinstance(v, int) for k, v in table["tag_to_idx"].items())):
        raise ModelDownloadError("features.pkl holds unexpected types")
    return table


def load_pkuseg(model_dir: str | os.PathLike | None = None) -> "Segmenter":
    """The spacy-pkuseg segmenter of a converted model folder (default: the cache).

    Reads only ``features.msgpack`` and ``weights.npz``; raises :class:`ModelNotFoundError`
    when they are missing.  Loaded models are shared within a process (a pipeline loaded
    from disk builds its tokenizer twice).  spacy-pkuseg also reads the word list it ships
    itself (``spacy_pkuseg/dicts/default.pkl``), as with any of its models.
    """
    folder = Path(model_dir).expanduser() if model_dir is not None else default_model_dir()
    if not is_model_installed(folder):
        raise ModelNotFoundError(
            f"the pkuseg model is not installed in {folder} (needs {FEATURES_FILE} and {WEIGHTS_FILE}). "
            f"Run `{DOWNLOAD_COMMAND}` once to fetch it from PyPI (about 50 MB); if you pass it "
            f"--cache-dir DIR, also set {CACHE_ENV}=DIR."
        )
    return _load_cached(str(folder.resolve()))


@lru_cache(maxsize=2)
def _load_cached(folder: str) -> "Segmenter":
    import spacy_pkuseg

    return spacy_pkuseg.pkuseg(model_name=folder)


# --- alignment ----------------------------------------------------------------------------
class Segmenter(Protocol):
    """What merge_words needs of a segmenter: spacy_pkuseg.pkuseg or a test double."""

    def cut(self, txt: str) -> list[str]: ...


HAN_CHAR = re.compile(f"[{HAN}]")


def merge_words(words: list[str], segmenter: Segmenter) -> list[str]:
    """Group the raw tokens of :func:`~govextract.normalize.split_words` into pkuseg words.

    The segmenter sees the normalized text as the rules do (Simplified, half-width,
    annotations and markup dropped, soft line breaks joined, other whitespace as a break);
    consecutive single Han-character tokens that fall in one of its words become one token.
    ``"".join(result) == "".join(words)`` always holds.
    """
    n = len(words)
    if n < 2:
        return list(words)
    joined = set(layout_spaces(words, [i for i, word in enumerate(words) if word.isspace()]))
    pieces: list[str] = []
    han = [False] * n
    starts = [0] * n  # offset of each kept token in the segmenter's output, whitespace removed
    pos = 0
    for i, word in enumerate(words):
        norm, tag = token_norm(word)
        if tag == EXCLUDED:
            pass
        elif word.isspace():
            if i not in joined:
                pieces.append(" ")
        else:
            pieces.append(norm)
            starts[i] = pos
            pos += len(norm)
            han[i] = len(word) == 1 and HAN_CHAR.match(word) is not None
    boundaries = set()
    end = 0
    for piece in segmenter.cut("".join(pieces)):
        end += len(piece)
        boundaries.add(end)
    if end != pos:
        warnings.warn("pkuseg output does not align with its input; keeping character tokens", stacklevel=2)
        return list(words)
    merged: list[str] = []
    for i, word in enumerate(words):
        if han[i] and i and han[i - 1] and starts[i] not in boundaries:
            merged[-1] += word
        else:
            merged.append(word)
    return merged


# --- exact spans --------------------------------------------------------------------------
def exact_spans(doc: Doc, view: CleanView, ranges: Sequence[tuple[int, int, str]]) -> list[Span]:
    """Spans of the clean ranges ``(start, end, label)``, splitting word tokens where needed.

    ``view.token_range`` snaps to whole tokens, so with pkuseg words a match ending in
    ``亩地`` would take the whole word.  Here a boundary inside a merged Han word splits that
    token (one ``doc.retokenize()`` pass) and the span is exactly the match; boundaries
    inside other multi-character tokens (digit runs, Latin words) snap as before, so the
    character segmenter gives the same spans as ``token_range``.  After a split, the spans
    already in ``doc.spans`` are re-anchored; token indices in ``view`` become stale.
    """
    planned: list[tuple[int, int, int, int, str]] = []
    cuts: set[int] = set()
    fresh = len(doc) == len(view.raw_start)  # doc not retokenized since the view was built
    for start, end, label in ranges:
        first, stop = view.token_range(start, end)
        raw_start, cut_start = _raw_boundary(doc, view, start, True, fresh)
        raw_end, cut_end = _raw_boundary(doc, view, end, False, fresh)
        if cut_start:
            cuts.add(raw_start)
        if cut_end:
            cuts.add(raw_end)
        planned.append((first, stop, raw_start, raw_end, label))
    if not cuts and fresh:
        return [Span(doc, first, stop, label=label) for first, stop, _, _, label in planned]
    if cuts:
        split_tokens_at(doc, cuts)
    spans = []
    for _, _, raw_start, raw_end, label in planned:
        span = doc.char_span(raw_start, raw_end, label=label)
        if span is None:  # cannot happen: splits only add token boundaries
            raise AssertionError(f"no token boundary at {raw_start}:{raw_end}")
        spans.append(span)
    return spans


def exact_span(doc: Doc, view: CleanView, start: int, end: int, label: str) -> Span:
    """One exact span; see :func:`exact_spans`, which splits all tokens in one pass."""
    return exact_spans(doc, view, [(start, end, label)])[0]


def _raw_boundary(doc: Doc, view: CleanView, offset: int, at_start: bool, fresh: bool) -> tuple[int, bool]:
    """Raw offset of a span boundary at clean ``offset``, and whether a token must be split there."""
    k = bisect_right(view.clean_start, offset if at_start else offset - 1) - 1
    token = int(view.token_index[k])
    clean_a = view.clean_start[k]
    clean_b = view.clean_start[k + 1] if k + 1 < len(view.clean_start) else len(view.text)
    raw_a, raw_b = int(view.raw_start[token]), int(view.raw_end[token])
    snapped = raw_a if at_start else raw_b
    if offset in (clean_a, clean_b) or raw_b - raw_a < 2:
        return snapped, False
    raw = doc[token].text if fresh else doc.text[raw_a:raw_b]  # doc.text joins all tokens: avoid it
    if not all(HAN_CHAR.match(char) for char in raw):
        return snapped, False
    index = _raw_index(raw, clean_b - clean_a, offset - clean_a)
    return (snapped, False) if index is None else (raw_a + index, True)


def _raw_index(raw: str, norm_length: int, inner: int) -> int | None:
    """Character index in a raw word whose normalized prefix has length ``inner``."""
    if len(raw) == norm_length:
        return inner
    length = 0
    for index, char in enumerate(raw):
        if length == inner:
            return index
        length += len(token_norm(char)[0])
    return None


def split_tokens_at(doc: Doc, offsets: set[int]) -> None:
    """Split the tokens of ``doc`` at raw character ``offsets`` and re-anchor ``doc.spans``.

    Each piece gets its own norm and tag, and is its own head as in an unparsed doc.
    ``doc.ents`` is kept by spaCy; span groups are rebuilt from their character offsets
    because spaCy keeps their (now shifted) token indices.
    """
    token_starts = doc.to_array(IDX).tolist()
    by_token: dict[int, list[int]] = {}
    for offset in sorted(offsets):
        i = bisect_right(token_starts, offset) - 1
        if token_starts[i] != offset:
            by_token.setdefault(i, []).append(offset - token_starts[i])
    if not by_token:
        return
    with doc.retokenize() as retokenizer:
        for i, inner in by_token.items():
            token = doc[i]
            bounds = [0, *inner, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            norms = [token_norm(orth) for orth in orths]
            for norm, tag in norms:  # the retokenizer hashes attribute strings without storing them
                doc.vocab.strings.add(norm)
                doc.vocab.strings.add(tag)
            retokenizer.split(
                token, orths, heads=[(token, k) for k in range(len(orths))],
                attrs={"NORM": [norm for norm, _ in norms], "TAG": [tag for _, tag in norms]},
            )
    for group in doc.spans.values():
        for index, span in enumerate(group):
            group[index] = doc.char_span(span.start_char, span.end_char, label=span.label, kb_id=span.kb_id,
                                         span_id=span.id)


# --- command line -------------------------------------------------------------------------
def add_subcommand(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``download-model pkuseg [--cache-dir DIR] [--wheel FILE]`` to a CLI's subparsers."""
    parser = subparsers.add_parser(
        "download-model",
        help="fetch the pkuseg word segmentation model into the user cache",
        description=f"Download {PKUSEG_REQUIREMENT} from PyPI with pip, verify its sha256, convert its "
                    f"default model and store it in the cache (default: {default_model_dir()}).",
    )
    parser.add_argument("model", choices=("pkuseg",), help="the model to fetch")
    parser.add_argument("--cache-dir", help=f"cache folder (default: ${CACHE_ENV} or {default_cache_dir()})")
    parser.add_argument("--wheel", help=f"use this already downloaded {PKUSEG_WHEEL} instead of pip")
    parser.set_defaults(func=cmd_download_model)
    return parser


def cmd_download_model(args: argparse.Namespace) -> int:
    """Run ``download-model``: 0 on success, 1 when the download or the checks fail."""
    try:
        folder = download_model(args.cache_dir, wheel=args.wheel)
    except ModelDownloadError as exc:
        print(f"govextract: error: {exc}", file=sys.stderr)
        return 1
    print(f"pkuseg model stored in {folder}")
    if args.cache_dir is not None and default_model_dir(args.cache_dir).resolve() != default_model_dir().resolve():
        print(f"not the default cache: set {CACHE_ENV}={Path(args.cache_dir).expanduser()} to use it")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run only the ``download-model`` subcommand (tests; scripts before the CLI has it)."""
    parser = argparse.ArgumentParser(prog="govextract")
    add_subcommand(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)
