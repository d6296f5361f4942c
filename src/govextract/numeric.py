"""The numeric component: MONEY, PERCENT, AREA, COUNT and QUANTITY spans with exact values.

Rules run on the clean string of the doc (:mod:`govextract.normalize`) and every hit
is mapped back to raw tokens.  Three regular expressions propose candidates (number +
unit with optional range and rate; ``百分之N``; ``N成``); context rules from
``patterns/contexts.json`` then drop what the spec excludes (ordinals, durations,
quoted slogans, vague amounts, ``一`` + classifier ...) and read the qualifiers.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .data import PatternComponent
from .entities import NUMBERS_KEY
from .normalize import CleanView, clean_view
from .numbers import CHINESE_DIGITS, CHINESE_NUMERAL_CHARS, NumberError, parse_number
from .segmentation import exact_spans
from .units import UnitTable, alternation

UNITS_FILE = "units.json"
CONTEXTS_FILE = "contexts.json"


@dataclass
class Candidate:
    start: int  # clean offsets
    end: int
    label: str
    value: Decimal | list[Decimal]
    unit: str
    numeral: str  # the (last) numeral as written, for context rules
    written_unit: str
    qualifier: str | None = None


HAN = regex.compile(r"\p{Han}")
COLUMN = regex.compile(r"\p{Han}[ \t\u3000]+\S")  # a further column of a table row
MAX_NUMERAL = 24  # 一千二百三十四万五千六百七十八亿 has 16 characters


class NumericRules:
    """Compiled rules of the numeric layer, built from the two pattern files."""

    def __init__(self, units: dict, contexts: dict):
        self.units_data, self.contexts_data = units, contexts
        self.table = UnitTable(units)
        c = contexts
        self.leading = alternation(c["leading_qualifiers"])
        self.trailing = alternation(c["trailing_qualifiers"])
        self.ordinal_prefixes = tuple(c["ordinal_prefixes"])
        self.vague_prefixes = tuple(c["vague_prefixes"])
        self.articles = set(c["article_numerals"])
        self.ordinal_numerals = set(c["ordinal_numerals"])
        self.zero_numerals = set(c["zero_numerals"])
        self.phase_classifiers = set(c["phase_classifiers"])
        self.time_words = tuple(c["time_words"])
        self.approximators = tuple(c["approximators"])
        self.classifier_followers = {k: tuple(v) for k, v in c["classifier_followers"].items()}
        self.idioms = tuple(c["idioms"])
        self.rank_prefixes = {k: set(v) for k, v in c["rank_prefixes"].items()}
        self.quote_pairs = [tuple(pair) for pair in c["quote_pairs"]]
        self.max_quoted = int(c["max_quoted_length"])
        self._compile()

    def _compile(self) -> None:
        arabic = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
        # A Chinese numeral starts a run of numeral characters (never inside one) and is at most
        # MAX_NUMERAL long: a long run of 一 must not make the search quadratic.
        chinese = (f"(?<![{CHINESE_NUMERAL_CHARS}])[{CHINESE_NUMERAL_CHARS}]{{1,{MAX_NUMERAL}}}"
                   f"(?:[.点][{''.join(CHINESE_DIGITS)}]{{1,{MAX_NUMERAL}}})?")
        number = f"(?:(?<![0-9A-Za-z.])(?:{arabic})|{chinese})"
        mult = self.table.multiplier_pattern()
        unit = self.table.unit_pattern()
        approx = alternation(self.approximators)
        sep = alternation(self.contexts_data["range_separators"])
        rate = self.table.rate_pattern()
        self.main = regex.compile(
            rf"(?P<neg>(?:(?<=[\t\n])|^)-)?"
            rf"(?:(?P<low>{number})(?P<lowmult>{mult})?(?P<lowunit>{unit})?(?P<sep>{sep}))?"
            rf"(?P<num>{number})(?P<approx>{approx})?(?P<mult>{mult})?(?P<approx2>{approx})?"
            rf"(?P<big>大)?(?P<unit>{unit})(?P<rate>/(?:{rate}))?"
        )
        words = alternation(self.table.percent_words)
        self.percent_word = regex.compile(
            rf"(?P<word>{words})(?P<low>{number})(?:(?P<sep>{sep})(?:{words})?(?P<num>{number}))?"
        )
        self.tenths = regex.compile(rf"(?P<num>(?<![0-9A-Za-z.])\d+|[一二三四五六七八九两十])(?P<unit>{regex.escape(self.table.tenths)})")
        self.leading_re = regex.compile(rf"(?:{self.leading})$")
        self.trailing_re = regex.compile(rf"^(?:{self.trailing})")

    # --- candidates -----------------------------------------------------------------
    def find(self, clean: str) -> list[Candidate]:
        found = [c for m in self.main.finditer(clean) if (c := self._main_candidate(m))]
        found += [c for m in self.percent_word.finditer(clean) if (c := self._percent_word_candidate(m))]
        found += [c for m in self.tenths.finditer(clean) if (c := self._tenths_candidate(m))]
        quoted = self._quoted_ranges(clean)
        kept = [c for c in found if self._allowed(c, clean, quoted)]
        for candidate in kept:
            candidate.qualifier = self._qualifier(clean, candidate)
        return kept

    def _main_candidate(self, m: regex.Match) -> Candidate | None:
        unit = self.table.resolve(m["unit"], m["rate"] or "")
        try:
            high = parse_number(m["num"], m["mult"] or "")
            if m["neg"]:
                high = -high
            value: Decimal | list[Decimal] = high
            if m["low"]:
                if m["lowunit"] and self.table.units[m["lowunit"]].label != unit.label:
                    return None
                low = parse_number(m["low"], m["lowmult"] or m["mult"] or "")
                value = [low, high]
        except NumberError:
            if m["low"]:  # "百-2万元": keep the determinate upper end alone
                return self._retry_from(m, m.start("num"))
            return None
        if m["big"] and unit.label != "COUNT":
            return None
        return Candidate(m.start(), m.end(), unit.label, value, unit.code, m["num"], m["unit"])

    def _retry_from(self, m: regex.Match, start: int) -> Candidate | None:
        again = self.main.match(m.string, start)
        return self._main_candidate(again) if again and not again["low"] else None

    def _percent_word_candidate(self, m: regex.Match) -> Candidate | None:
        code = self.table.percent_words[m["word"]]
        try:
            low = parse_number(m["low"])
            value: Decimal | list[Decimal] = [low, parse_number(m["num"])] if m["num"] else low
        except NumberError:
            return None
        return Candidate(m.start(), m.end(), "PERCENT", value, code, m["num"] or m["low"], m["word"])

    def _tenths_candidate(self, m: regex.Match) -> Candidate | None:
        try:
            value = parse_number(m["num"]) * 10
        except NumberError:
            return None
        return Candidate(m.start(), m.end(), "PERCENT", value, "%", m["num"], m["unit"])

    # --- context rules --------------------------------------------------------------
    def _allowed(self, c: Candidate, clean: str, quoted: list[tuple[int, int]]) -> bool:
        before = clean[max(0, c.start - 4):c.start]
        after = clean[c.end:c.end + 8]
        if before.endswith(self.ordinal_prefixes) or before.endswith(self.vague_prefixes):
            return False
        if clean.startswith(self.idioms, c.start):
            return False
        at = bisect_right(quoted, (c.start, len(clean) + 1)) - 1  # the last quote opening at or before
        if at >= 0 and quoted[at][0] <= c.start and c.end <= quoted[at][1]:
            return False
        if set(c.numeral) <= self.zero_numerals:
            return False
        if c.label == "COUNT":
            if c.numeral in self.ordinal_numerals:  # 二轮, 二期: counting uses 两
                return False
            if c.numeral in self.articles and clean[c.start:c.end] == c.numeral + c.written_unit:
                return False
            if c.written_unit in self.phase_classifiers and c.numeral[0] in CHINESE_NUMERAL_CHARS:
                return False
            rest = after.lstrip("".join(self.approximators) + "半")
            if rest.startswith(self.time_words):
                return False
            if after.startswith(self.classifier_followers.get(c.written_unit, ())):
                return False
            for prefix, classifiers in self.rank_prefixes.items():
                if before.endswith(prefix) and c.written_unit in classifiers:
                    return False
        if c.written_unit == self.table.tenths and after.startswith(("本", "为", "果", "立", "效")):
            return False  # 成本, 成为, 成果, 成立, 成效: the character is a word, not tenths
        return True

    @staticmethod
    def is_row_number(raw: str, start: int, end: int, c: Candidate) -> bool:
        """``6 张江复旦国际创新中心 在建``: in a table row, the number opening the line and set
        off by a space is the row's number, and the "classifier" after it opens a name (spec:
        list numbering is never numeric). Read on the raw text, where the columns still are:
        a wrapped count (``852 名``, ``852 名学生参加``) has no further column on its line."""
        after_number = start + len(c.numeral)
        if c.label != "COUNT" or not c.numeral.isdigit() or not raw[after_number:after_number + 1].isspace():
            return False
        line_start = raw.rfind("\n", 0, start) + 1
        if raw[line_start:start].strip() or not HAN.match(raw, end):
            return False
        line_end = raw.find("\n", end)
        return COLUMN.search(raw, end, len(raw) if line_end < 0 else line_end) is not None

    def _quoted_ranges(self, clean: str) -> list[tuple[int, int]]:
        ranges = []
        for opening, closing in self.quote_pairs:
            pattern = regex.compile(
                f"{regex.escape(opening)}[^{regex.escape(opening + closing)}]{{1,{self.max_quoted}}}{regex.escape(closing)}"
            )
            ranges += [(m.start(), m.end()) for m in pattern.finditer(clean)]
        return sorted(ranges)

    def _qualifier(self, clean: str, c: Candidate) -> str | None:
        lead = self.leading_re.search(clean[max(0, c.start - 4):c.start])
        trail = self.trailing_re.search(clean[c.end:c.end + 4])
        words = [m.group() for m in (lead, trail) if m]
        return ",".join(words) or None


def _opens_line(doc: Doc, index: int) -> bool:
    """Whether token ``index`` starts a raw line (the token before it holds a line break)."""
    return index == 0 or "\n" in doc[index - 1].text


@Language.factory(
    "govextract_numbers",
    default_config={"patterns_dir": None, "span_key": NUMBERS_KEY, "set_ents": True},
)
def make_numbers(nlp: Language, name: str, patterns_dir: str | None, span_key: str, set_ents: bool) -> "NumericTagger":
    return NumericTagger(nlp, name, patterns_dir=patterns_dir, span_key=span_key, set_ents=set_ents)


class NumericTagger(PatternComponent):
    """spaCy component writing the numeric layer to ``doc.spans[span_key]`` (and ``doc.ents``)."""

    pattern_files = (UNITS_FILE, CONTEXTS_FILE)

    def __init__(self, nlp: Language, name: str = "govextract_numbers", *, patterns_dir: str | None = None,
                 span_key: str = NUMBERS_KEY, set_ents: bool = True):
        self.span_key = span_key
        self.set_ents = set_ents
        super().__init__(name, patterns_dir)

    def build_rules(self, patterns: dict[str, dict]) -> "NumericRules":
        return NumericRules(patterns[UNITS_FILE], patterns[CONTEXTS_FILE])

    def __call__(self, doc: Doc) -> Doc:
        view = clean_view(doc)
        spans = self.spans_from_view(doc, view)
        doc.spans[self.span_key] = spans
        if self.set_ents:
            # A fresh doc has no entity annotation: tokens outside the spans can stay unannotated,
            # ten times faster than marking each one "outside"; annotated docs are overwritten.
            doc.set_ents(spans, default="outside" if doc.has_annotation("ENT_IOB") else "unmodified")
        return doc

    def spans_from_view(self, doc: Doc, view: CleanView) -> list[Span]:
        candidates = self.rules.find(view.text)
        # Only a count of digits opening a raw line may be a table row's number; doc.text is
        # rebuilt from the tokens on every access, so it is read only when such a count exists.
        maybe_rows = [c for c in candidates if c.label == "COUNT" and c.numeral.isdigit()
                      and _opens_line(doc, view.token_range(c.start, c.end)[0])]
        if maybe_rows:
            raw = doc.text
            rows = {id(c) for c in maybe_rows if self.rules.is_row_number(raw, *view.raw_range(c.start, c.end), c)}
            candidates = [c for c in candidates if id(c) not in rows]
        spans = exact_spans(doc, view, [(c.start, c.end, c.label) for c in candidates])
        attributes = {(span.start, span.end): c for span, c in zip(spans, candidates)}
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        for span in spans:
            c = attributes[(span.start, span.end)]
            span._.value, span._.unit, span._.qualifier = c.value, c.unit, c.qualifier
        return spans
