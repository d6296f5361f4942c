"""Where the rule data lives and how it is read.

Rules are data: ``patterns/*.json`` at the repository root (shipped inside the wheel as
``govextract/patterns``).  Components read the files once at construction and save them
with ``to_disk``, so a saved pipeline carries its own copy.
"""

from __future__ import annotations

import json
from pathlib import Path

PACKAGE_PATTERNS = Path(__file__).resolve().parent / "patterns"
SOURCE_PATTERNS = Path(__file__).resolve().parents[2] / "patterns"


class PatternError(ValueError):
    """A pattern file is missing or malformed."""


def default_patterns_dir() -> Path:
    """The bundled patterns: inside the installed package, else the source checkout."""
    for candidate in (PACKAGE_PATTERNS, SOURCE_PATTERNS):
        if (candidate / "units.json").is_file():
            return candidate
    raise PatternError(f"no pattern files found in {PACKAGE_PATTERNS} or {SOURCE_PATTERNS}")


def read_pattern_file(directory: str | Path | None, name: str) -> dict:
    """Read one JSON pattern file, with an error that names the file."""
    path = Path(directory) if directory else default_patterns_dir()
    path = path / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PatternError(f"pattern file not found: {path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PatternError(f"{path}: not valid UTF-8 JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise PatternError(f"{path}: expected a JSON object at the top level")
    return data


def write_pattern_file(directory: str | Path, name: str, data: dict) -> None:
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class PatternComponent:
    """Base of the rule components: build rules from pattern files, and save those files
    with the pipeline (``nlp.to_disk``) so that ``spacy.load`` restores the same rules."""

    pattern_files: tuple[str, ...] = ()

    def __init__(self, name: str, patterns_dir: str | Path | None):
        from .entities import register_extensions

        register_extensions()
        self.name = name
        self.load_patterns(patterns_dir)

    def load_patterns(self, directory: str | Path | None) -> None:
        self.patterns = {name: read_pattern_file(directory, name) for name in self.pattern_files}
        self.rules = self.build_rules(self.patterns)

    def build_rules(self, patterns: dict[str, dict]):
        raise NotImplementedError

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, *, exclude=tuple()) -> None:
        for name, data in self.patterns.items():
            write_pattern_file(path, name, data)

    def from_disk(self, path: str | Path, *, exclude=tuple()):
        self.load_patterns(path)
        return self
