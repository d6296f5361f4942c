"""The project component: PROJECT spans in their own layer, linked to their amounts.

Rules (data in ``patterns/projects.json``), all on the clean string:

* head-noun names: a head noun (``产业园``, ``项目`` ...) closes a name; the name opens
  at the start of its list item or clause, after leading verbs (``加快建设``), after the
  last description marker (``投资10亿元的``, ``全省首个``), after money and dates, and after
  strong verbs anywhere before it. Names whose words before the head are generic
  (``重点项目``), counted (``5所幼儿园``) or ranked (``七大产业园区``) are classes, dropped.
* list items: ``★ … ★`` headings, items of ``专栏`` blocks, of numbered lists (``①``,
  ``(2)``, ``3.``, dash bullets ``——``), of ``；``/``、`` lists and ``一是…二是…`` after a
  title (``民生实事项目包括：``, ``20项工程分别是``), and the items of an enumeration closed by
  ``等`` are projects when they carry a head noun, a quoted title or a proper-name ending
  (``药业``, ``路``, ``机场`` ...); before a class of physical works (``等高铁``) or of
  projects (``等16个项目``) shorter bare names count too. The closing class itself is never
  a project, and lists of places or industries (``等地``, ``等产业``) give none.
* enumerations closed by a count of a class work like ``等`` (``乌东德、白鹤滩和向家坝4座大型
  水电站``); coordinated names inside an item are split after a full name (``九鱼公园及七巧马莲``).
* closing heads (``工程``, ``水库``, ``电站`` …) end a name whatever follows, unless another noun
  continues them (``工程机械``) or a head noun follows within a word (``水库灌区工程``); a name is
  dropped when it is a network (``铁路运营里程``), a role (``自由贸易港``), a place's class
  (``天祝县项目``, ``云南省重点水利项目``) or a facility winning a title (``…荣获``).
* coordination: names sharing one head form one span (``东湖、西岭水库``); items of a
  ``等`` enumeration and full names each with their own head stay apart.
* later mentions of a long name already found are projects again; earlier ones are not (P17).
* each project is linked to the MONEY, AREA and QUANTITY spans of its clause
  (``span._.amounts``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable

import re

import numpy as np
import regex
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc, Span

from .data import PatternComponent
from .entities import NUMBERS_KEY, PROJECT_LABEL, PROJECTS_KEY
from .normalize import clean_view
from .segmentation import exact_spans
from .units import alternation

PROJECTS_FILE = "projects.json"
QUOTES = "“”\"「」『』‘’"
CLOSING_QUOTES = "”\"」』’"
OPENING_QUOTES = "“「『‘"
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
HAN = regex.compile(r"\p{Han}")
NUMERALS = "0123456789一二三四五六七八九十"


@dataclass(frozen=True)
class Name:
    start: int  # clean offsets
    end: int


class ProjectRules:
    def __init__(self, data: dict):
        self.data = data
        head = alternation(data["head_nouns"])
        suffix = rf"(?:{data['phase_pattern']})?(?:{data['section_pattern']})?"  # 二期, 茂名段
        self.head_re = regex.compile(rf"(?:{head}){suffix}")
        self.head_end_re = regex.compile(rf"(?:{head}){suffix}$")
        self.phase_re = regex.compile(data["phase_pattern"])
        self.closing_head_re = regex.compile(rf"(?:{alternation(data['closing_heads'])}){suffix}")
        self.head_continuations = tuple(data["head_continuations"])
        self.head_lookahead = int(data["head_lookahead"])
        self.weak_head_re = regex.compile(rf"(?:{alternation(data['weak_heads'])}){suffix}$")
        self.cut_re = re.compile(alternation(data["cut_triggers"]))  # stdlib re: faster for plain alternations
        self.money_re = re.compile(data["money_pattern"])
        self.date_re = re.compile(data["date_pattern"])
        # A产业园和B产业园, 鄂榆高铁和海阿铁路, 临汾机场改扩建和朔州机场: a full name before a coordinator.
        facility = alternation(data["head_nouns"] + data["full_name_classes"])
        self.head_coordinator_re = regex.compile(
            rf"(?:{facility}){suffix}(?:{alternation(data['activity_endings'])})?(?:{alternation(data['coordinators'])})")
        self.cut_end_re = regex.compile(rf"(?:{alternation(data['cut_triggers'])})$")
        self.min_modifier = int(data["min_modifier"])
        self.short_modifier_heads = regex.compile(rf"(?:{alternation(data['short_modifier_heads'])}){suffix}$")
        marker = data["numbered_item_pattern"]
        self.numbered_marker_re = re.compile(marker)  # stdlib re: faster for plain classes
        self.activity_end_re = regex.compile(rf"(?:{alternation(data['activity_endings'])})$")
        self.trailing_work_re = regex.compile(rf"(?:{alternation(data['activity_endings'] + data['progress_words'])})+$")
        self.place_markers = set(data["place_markers"])
        self.slogan_re = regex.compile(data["slogan_pattern"])
        self.ranked_class_re = regex.compile(data["ranked_class_pattern"])
        self.class_openers = tuple(data["class_openers"])
        self.class_openers_re = re.compile(alternation(data["class_openers"]))
        self.class_endings = tuple(data["class_endings"])
        self.rank_word_re = regex.compile(rf"(?r)(?:{alternation(data['rank_words'])})")  # finds the last one
        self.policy_end_re = regex.compile(rf"(?:{alternation(data['policy_words'])})$")
        self.min_unmarked_place_item = int(data["min_unmarked_place_item"])
        self.leading_re = re.compile(alternation(data["leading_triggers"] + data["cut_triggers"]))
        self.trigger_end_re = regex.compile(rf"(?:{alternation(data['leading_triggers'] + data['cut_triggers'])})$")
        self.min_repeated_name = int(data["min_repeated_name"])
        self.min_semicolon_entries = int(data["min_semicolon_entries"])
        self.list_title_re = regex.compile(rf"(?:{alternation(data['list_title_words'])})[^；;：:，,。]{{0,12}}"
                                           rf"(?:[：:]|{alternation(data['list_title_ends'])})")
        self.min_listed_items = int(data["min_listed_items"])
        self.sentence_end_re = re.compile(r"[。\n]")
        self.ordinal_marker_re = regex.compile(data["ordinal_marker_pattern"])
        self.bullet_re = re.compile(data["bullet_pattern"])
        self.item_end_re = re.compile(r"[。；;\n]")
        self.semicolon_part_re = re.compile(r"[^；;。\n]+")
        self.item_marker_re = regex.compile(data["item_marker_pattern"])
        self.description_markers = tuple(data["description_markers"])
        # 的, 首个, and a class the name is a member of (33个重点工程中东海大道)
        self.member_re = regex.compile(data["member_marker_pattern"])
        self.description_re = regex.compile(rf"{alternation(data['description_markers'])}|{data['member_marker_pattern']}")
        # Generic words, amounts and the coordinators between them (国家和省市政策性投资项目).
        generic = alternation(data["generic_words"] + data["coordinators"])
        self.generic_re = regex.compile(rf"(?:{generic}|[\d.,%万亿元个项以上百千]|\s)+")
        self.name_suffix_end_re = regex.compile(rf"(?:{alternation(data['name_suffixes'])}){suffix}$")  # 福州机场二期
        self.designation_verbs = tuple(data["designation_verbs"])
        self.goal_verbs = tuple(data["goal_verbs"])
        self.works_verbs = tuple(data["works_verbs"])
        self.works_re = regex.compile(alternation(data["works_verbs"]))
        self.progress_words = tuple(data["progress_words"])
        self.function_words = tuple(data["function_words"])
        self.coordinators = tuple(data["coordinators"])
        self.after_head = tuple(data["after_head"])
        # What may follow a head noun that ends a name: listed words and any progress or works verb.
        self.name_followers = tuple(data["after_head"] + data["progress_words"] + data["works_verbs"])
        self.max_bare_name = int(data["max_bare_name"])
        # A、B和C4座水电站; not 5个县 (places) nor 一条 (an article)
        counted = (rf"(?=[0-9一二三四五六七八九十两]+[{data['count_classifiers']}](?![{data['counted_place_words']}]))"
                   rf"(?!一[{data['count_classifiers']}])")
        def enumeration_class(nouns: list[str]) -> regex.Pattern:
            """等 and a class ending in one of ``nouns`` (等79个新建项目, 等大型水电站建设)."""
            return regex.compile(
                rf"(?:{regex.escape(data['enumeration_closer'])}|{counted})[^，,。；;：:]{{0,14}}?(?:{alternation(nouns)})"
                rf"(?:$|[，,。；;：:、”\"0-9]|{alternation(data['after_head'])})")

        self.physical_class_re = enumeration_class(data["short_modifier_heads"] + data["bare_name_classes"])
        self.enumeration_class_re = enumeration_class(data["enumeration_heads"])
        self.project_class_re = enumeration_class(data["project_classes"])
        # A、B和C4座大型水电站: a count of a class closes an enumeration like 等.
        self.counted_class_re = regex.compile(
            rf"(?<=[\p{{Han}}）)]){counted}[^，,。；;：:、]{{0,14}}?"
            rf"(?:{alternation(data['short_modifier_heads'] + data['bare_name_classes'] + data['enumeration_heads'])})")
        self.min_short_name = int(data["min_short_name"])
        # A、B等加快建设: with no class after 等, works verbs make the items undertakings.
        self.enumeration_works_re = regex.compile(
            rf"{regex.escape(data['enumeration_closer'])}(?:{alternation(data['enumeration_adverbs'])})?"
            rf"(?:{alternation(data['works_verbs'] + data['progress_words'])})")
        self.closer = data["enumeration_closer"]
        self.closer_words = tuple(data["closer_words"])
        self.category_words = tuple(data["category_words"])
        self.category_anywhere = tuple(data["category_anywhere"])
        self.non_head_words = tuple(data["non_head_words"])
        self.not_name_followers = tuple(data["not_name_followers"])
        self.role_names = tuple(data["role_names"])
        self.place_class_re = regex.compile(data["place_class_pattern"])
        self.title_verbs = tuple(data["title_verbs"])
        self.programme_verbs = tuple(data["programme_verbs"])
        self.position_words = tuple(data["position_words"])
        self.enumerated_place_re = regex.compile(data["enumerated_place_pattern"])
        self.table_row_re = regex.compile(r"(?m)^[ \t]*([0-9]{1,3})(?=[\p{Han}A-Za-z“\"])([^\n]*)$")
        self.table_status_re = regex.compile(rf"(?:{alternation(data['table_status_words'])})[ \t]*$")
        self.min_table_rows = int(data["min_table_rows"])
        self.base_openers = tuple(data["base_openers"])
        self.base_closers = tuple(data["base_closers"])
        self.progress_adverbs_re = regex.compile(rf"^(?:{alternation(data['progress_adverbs'])})+")
        self.rank_end_re = regex.compile(rf"(?:{alternation(data['rank_prefixes'])})+$")  # 创建省级…: 创建 counts
        self.amount_re = regex.compile(rf"(?:{data['money_pattern']})|[0-9][0-9.]*\s*[万亿]?\s*(?:{alternation(data['amount_units'])})")
        self.amount_end_re = regex.compile(rf"(?:{self.amount_re.pattern})$")
        self.project_class_head_re = regex.compile(rf"(?:{alternation(data['project_classes'])}){suffix}$")
        self.planted_area_re = regex.compile(data["planted_area_pattern"])
        self.abstract_endings = tuple(data["abstract_endings"])
        self.closer_re = re.compile(re.escape(self.closer))
        self.enumeration_item_re = re.compile(f"[^{re.escape(data['item_delimiters'])}]+")
        self.coordinator_re = re.compile(alternation(data["coordinators"]))
        self.max_conjunct = int(data["max_conjunct"])
        self.max_bare_conjunct = int(data["max_bare_conjunct"])
        self.max_length = int(data["max_name_length"])
        self.reach = 2 * self.max_length  # how far before and after a head the rules look
        self.amount_labels = set(data["amount_labels"])
        clause = regex.escape(data["clause_delimiters"])
        item = regex.escape(data["clause_delimiters"] + data["item_delimiters"])
        self.item_re = re.compile(rf"(?:(?!——)[^{item}])+")  # stdlib re: faster for plain classes
        self.clause_re = re.compile(rf"[^{clause}]+")
        self.clause_rest_re = re.compile(rf"[^{clause}]*")
        self.star_re = regex.compile(r"★\s*([^★\n]*?\p{Han}{2}[^★\n]*?)\s*★")
        count = (rf"(?<!第)[0-9一二三四五六七八九十两百千]+[{data['count_approximators']}]?\s*[{data['count_classifiers']}]"
                 rf"(?!{alternation(data['duration_units'])})")  # 4个月 is a duration, not a count
        self.count_re = regex.compile(count)  # 11个, 5所: a count of projects or facilities
        self.count_end_re = regex.compile(rf"\s*{count}\s*$")
        # 农田水利设施项目11个。: a count closing the clause counts the projects (a class); 工程6条隧洞 does not.
        self.class_count_re = regex.compile(rf"\s*{count}\s*(?:$|[{clause}、0-9]|{regex.escape(data['enumeration_closer'])})")
        self.min_unmarked_item = int(data["min_unmarked_item"])
        self.opener_re = regex.compile(rf"(?:{alternation(data['list_openers'])})\s*\d+[^\n]*\n")
        self.title_re = regex.compile(rf"(?:{alternation(data['list_openers'])})\s*\d+")
        self.remark_re = re.compile(r"[(（][^()（）]+[)）]$")
        self.alias_re = regex.compile(rf"(?<=(?:{head}))\(([^()]*(?:{head}))\)")

    # --- the rules --------------------------------------------------------------------
    def find(self, clean: str) -> list[Name]:
        names: list[Name] = [Name(m.start(1), m.end(1)) for m in self.star_re.finditer(clean)]
        names += self._list_blocks(clean)
        # Only the items that hold a head noun can hold a head-noun name.
        heads = [m.start() for m in self.head_re.finditer(clean)]
        for start, end in self._items(clean, 0, len(clean)):
            at = bisect_left(heads, start)
            if at < len(heads) and heads[at] < end:
                names += self._head_names(clean, start, end)
        enumerated, classes = self._enumerations(clean)
        names += self._numbered_items(clean)
        rows = self._table_rows(clean)
        names += [n for start, end in rows for n in self._list_item(clean, start, end)]
        if rows:  # a name found in a row's clause does not take the row's number (19 华域…中心)
            cells = {clean.rfind("\n", 0, start) + 1: start for start, _ in rows}
            names = [Name(cells[n.start], n.end) if n.start in cells and n.end > cells[n.start] else n for n in names]
        # A list's own title (专栏6 …), a category label before a colon and the class closing an
        # enumeration (等一批公建、商住和旅游配套项目) are not projects.
        class_starts = [start for start, _ in classes]
        names = [_without_open_quote(clean, n) for n in _outermost(names + enumerated)]
        names = [n for n in names if not self._in_title(clean, n.start)
                 and not self._is_label(clean, n.end) and not _inside(classes, class_starts, n.start)
                 and _balanced(clean[n.start:n.end])]
        # Items of an enumeration closed by 等 are separate spans: they are not coordinated.
        separate = set(enumerated)
        coordinated = self.coordinate(clean, [n for n in names if n not in separate])
        return self._later_mentions(clean, _outermost(coordinated + [n for n in names if n in separate]))

    def _later_mentions(self, clean: str, names: list[Name]) -> list[Name]:
        """Another mention of a project already named is a PROJECT again (spec:
        ``东环高速公路…进入施工阶段``). Only long names closed by a strong head noun are looked
        for, and a mention counts where it stands alone: not inside a name found, not before
        another head noun, and after a delimiter or a verb rather than glued to a word."""
        taken = sorted(names, key=lambda n: n.start)
        first: dict[str, int] = {}  # where each name is first found: only later mentions count (P17)
        for n in taken:
            if n.end - n.start >= self.min_repeated_name:
                first.setdefault(clean[n.start:n.end], n.start)
        found = {f for f in first if "\n" not in f and self.head_end_re.search(f) and not self.weak_head_re.search(f)}
        if not found:
            return names
        starts = [n.start for n in taken]
        extra = []
        for mention in _occurrences(clean, sorted(found, key=len, reverse=True)):
            if mention.start < first[clean[mention.start:mention.end]]:
                continue  # an earlier mention is a project only by itself (P17)
            at = bisect_right(starts, mention.start) - 1
            if (at >= 0 and taken[at].end > mention.start) or (at + 1 < len(taken) and taken[at + 1].start < mention.end):
                continue  # overlaps a name found
            if self.head_re.match(clean, mention.end):
                continue  # part of a longer name
            glued = mention.start > 0 and HAN.match(clean[mention.start - 1]) is not None
            if glued and not self.trigger_end_re.search(clean, max(0, mention.start - 6), mention.start):
                continue
            extra.append(mention)
        return _outermost(names + extra)

    def _in_title(self, clean: str, start: int) -> bool:
        """Whether a name stands on a list's own title line (``专栏23 建设教育高地项目``)."""
        line_start = clean.rfind("\n", 0, start) + 1
        return self.title_re.match(clean, line_start) is not None

    def _is_label(self, clean: str, end: int) -> bool:
        """Whether the item holding a name ends with a colon (``电力工程建设：``)."""
        rest = self.item_re.match(clean, end, end + self.reach)
        stop = rest.end() if rest else end
        return clean[stop:stop + 1] in (":", "：")

    def _items(self, clean: str, start: int, end: int) -> list[tuple[int, int]]:
        """List items and clauses; an alias in brackets after a head noun is its own item."""
        ranges = [(m.start(), m.end()) for m in self.item_re.finditer(clean, start, end)]
        aliases = list(self.alias_re.finditer(clean, start, end))
        if aliases:
            starts = [s for s, _ in ranges]
            for alias in reversed(aliases):
                at = bisect_right(starts, alias.start()) - 1
                s, e = ranges[at]
                ranges[at:at + 1] = [(s, alias.start()), (alias.start(1), alias.end(1)), (alias.end(), e)]
        trimmed = []
        for s, e in ranges:
            while s < e and clean[s] in "—-":
                s += 1
            if e > s:
                trimmed.append((s, e))
        return trimmed

    def _head_names(self, clean: str, start: int, end: int, in_list: bool = False) -> list[Name]:
        """Names closed by a head noun inside one list item or clause [start, end)."""
        found = []
        item = clean[start:end]
        generic_end = 0  # a generic name before a head (重点项目…) is a description of what follows
        for head in self.head_re.finditer(item):
            after = item[head.end():head.end() + self.reach]
            # A head noun followed by more name characters is inside a longer name.
            if after and self.head_re.match(after):
                continue
            if item.startswith(self.non_head_words, head.start()) or after.startswith(self.not_name_followers):
                continue  # 市场主体, 中心城区: the head noun opens another word; 铁路运营里程: a network;
                # 西藏铁路建设公司: a company
            if item.endswith(self.role_names, 0, head.end()):
                continue  # 海南自由贸易港, 国际航运中心: a role of a place, not works (P16)
            if after.strip() and not (after[0].isdigit() or after.startswith(self.name_followers)
                                      or after[0] in CLOSING_QUOTES or self._closes_name(head.group(), after)
                                      or self._before_coordinated_name(after)):
                # 市场主体, 产业带动, 园区路网: the head noun is part of another word; but a generic
                # class before a name describes it (水利工程娄里水库)
                if (self.closing_head_re.fullmatch(head.group()) or self.project_class_head_re.match(head.group())) \
                        and self._is_generic(
                        item[self._left_boundary(item, generic_end, head.start()):head.start()]):
                    member = self.member_re.match(item, head.start())  # 重大产业项目中现代农业物流园
                    generic_end = member.end() if member else head.end()
                continue
            left = self._left_boundary(item, generic_end, head.start())
            name = item[left:head.end()]
            if not name or len(name) > self.max_length:
                continue
            rest = self.clause_rest_re.match(clean, start + head.end(), start + head.end() + self.reach).group()
            if not in_list and not self._is_specific(item, left, head, after, rest):
                if self._is_generic(item[left:head.start()]):
                    generic_end = head.end()
                continue
            found.append(Name(start + left, start + head.end()))
        return _outermost(found)

    def _before_coordinated_name(self, after: str) -> bool:
        """``旗电商服务中心和物流仓储分拣中心完成…``: a coordinator, then another name closed by a
        head noun in the same clause, ends the first name."""
        if not after.startswith(self.coordinators):
            return False
        clause = self.clause_re.match(after)
        if not clause or "、" in clause.group():
            return False
        head = self.head_re.search(clause.group(), 1)  # a name of its own: not …中心及研发中心项目
        return head is not None and head.start() - 1 >= self.min_modifier

    def _closes_name(self, head: str, after: str) -> bool:
        """A closing head noun (``工程``, ``水库``) ends a name whatever follows
        (``…水库工程下闸蓄水``), unless the words after it make another noun (``工程机械``)."""
        if self.closing_head_re.fullmatch(head) is None or after.startswith(self.head_continuations):
            return False
        # 百色水库灌区工程: a head noun a word later (before any 的) makes 水库 part of a longer name
        words = self.clause_re.match(after)
        return not (words and self.head_re.search(words.group().split("的")[0], 0, self.head_lookahead))

    def _left_boundary(self, item: str, lo: int, head_start: int, inner_verbs: bool = True) -> int:
        """Where a name closed at head_start opens: after verbs and descriptions. In a list of
        names (专栏) only verbs at the start of an item are cut (建设工程项目…平台建设项目)."""
        left = lo = max(lo, head_start - self.reach)  # a long item without delimiters stays linear
        for m in reversed(list(self.cut_re.finditer(item, lo, head_start) if inner_verbs else [])):
            if head_start - m.end() >= 2 and len(self.head_re.sub("", item[m.end():head_start])) >= 2:
                left = m.end()  # the last verb that leaves a name
                break
        for m in self.money_re.finditer(item, left, head_start):  # 总投资150亿元海创…项目: money is no part of a name
            if head_start - m.end() >= 2:
                left = m.end()
        for m in self.date_re.finditer(item, left, head_start):
            # 2025年农村饮水工程, …项目8月份地板生产线: a date opening a name or ending a clause is no
            # part of it; after a place it is (洋县2024年老旧小区改造项目).
            before = item[left:m.start()].strip()
            if head_start - m.end() >= 2 and (not before or self.head_re.search(before) or self.leading_re.fullmatch(before)):
                left = m.end()
        for m in self.head_coordinator_re.finditer(item, left, head_start):  # A产业园和B产业园: two names
            if head_start - m.end() >= 2 and not self._is_generic(item[m.end():head_start]):
                left = m.end()  # but A二期工程及配套设施项目 is one name
        for m in reversed(list(self.description_re.finditer(item, left, head_start))):
            if not self._in_word(item, m.start(), m.group()):  # 高等, 等级: the character belongs to a word
                left = m.end()
                break
        while True:  # item numbers, leading verbs and particles (longest first)
            # “目前110千伏变电站: an unclosed quote opens a sentence, not a title, and the word after it counts
            quoted = left < head_start and item[left] in OPENING_QUOTES \
                and not any(q in item[left:head_start] for q in CLOSING_QUOTES)
            at = left + 1 if quoted else left
            lead = self.item_marker_re.match(item, at) or self.leading_re.match(item, at)
            if not lead or head_start - lead.end() < 2:
                break
            left = lead.end()
        while left < head_start and item[left].isspace():
            left += 1
        return left

    def _in_word(self, text: str, at: int, marker: str) -> bool:
        """Whether the marker at ``at`` belongs to a word (高等, 等级), not a marker. After a
        numeral the first character closes a school's short name (一中等学校, 二高等)."""
        for word in self.closer_words:
            offset = word.find(marker)
            begin = at - offset
            if offset < 0 or begin < 0 or not text.startswith(word, begin):
                continue
            if offset > 0 and begin > 0 and text[begin - 1] in NUMERALS:
                continue
            return True
        return False

    def _is_specific(self, item: str, left: int, head: regex.Match, after: str, rest: str = "") -> bool:
        """Outside lists: a name, not a class, a slogan or a title to win. ``rest`` is the
        clause after the head (``、双辽化工园区建设``: progress shared by coordinated names)."""
        modifier = item[left:head.start()]
        before = item[max(0, left - self.reach):left]
        # 投资10亿元的, 建设1000亩的: an amount described before the name
        invested = self.amount_re.search(before) is not None and before.endswith(self.description_markers)
        # 东河大桥, 投资10亿元的香氛产业园: a short name is enough for a bridge or an invested park.
        minimum = 2 if invested or self.short_modifier_heads.match(head.group()) else self.min_modifier
        # A trailing verb makes a sentence (持之以恒抓项目, 名城建设工程), unless it is work on a
        # named facility (三和嘉园建设项目, 第二水厂建设工程).
        trailing_verb = self.cut_end_re.search(modifier) is not None and not self._is_facility_work(modifier)
        if self._is_generic(modifier) or len(modifier.strip(QUOTES)) < minimum or trailing_verb:
            return False  # 重点项目, 人才工程, 持之以恒抓项目 (but 东河大桥)
        if self.count_re.search(modifier):
            return False  # 5所幼儿园附属项目, 新一轮20项民心工程: counted facilities are a class
        if self.leading_re.match(modifier) or self.slogan_re.search(modifier):
            return False  # 实施天桥: a verb before a bare head; “抢”字攻坚项目: a slogan
        if self.ranked_class_re.search(modifier) or self.class_openers_re.search(modifier) \
                or before.rstrip().endswith(self.class_openers):
            return False  # 七大产业园区, 其他饮水工程, 四川全省续建项目, 一批…示范项目: a set of projects
        if modifier.endswith(self.class_endings) and not self._is_facility_work(modifier):
            return False  # 现代水网重点工程, 集中攻坚项目: a class of projects (but 文字博物馆续建工程)
        if self._scoped_class(modifier):
            return False  # 云南省重点水利项目: a place's class of projects
        if modifier.endswith(self.coordinators) or modifier.startswith(self.coordinators):
            return False  # 招商引资和项目: a bare head noun in a coordination
        if any(word in modifier for word in self.function_words):
            return False
        if self.phase_re.fullmatch(modifier.strip()):
            return False  # 启动二期工程建设: a phase of a project named before
        if self.place_class_re.fullmatch(modifier) and self.project_class_head_re.match(head.group()):
            return False  # 天祝县项目: a place's projects
        if before.endswith(self.programme_verbs) and self.project_class_head_re.match(head.group()):
            return False  # 深入实施黑土地保护工程: a programme carried on, not one undertaking (P21)
        if after.startswith(self.title_verbs) or (rest.startswith("、") and any(v in rest for v in self.title_verbs)):
            return False  # …发电站荣获, A产业园、B产业园被列为: existing facilities winning a title
        if before.endswith(self.base_openers) and after.startswith(self.base_closers):
            return False  # 以新三达膜科技产业园为依托: an existing place used as a base (P16)
        if self.rank_end_re.sub("", before).endswith(self.designation_verbs) or self.class_count_re.match(after):
            return False  # 争创…中心: a title; 农田水利设施项目11个: a class of projects
        if self.count_end_re.sub("", before).rstrip().endswith(self.closer):
            return False  # A、B等(79个)新建项目: the class closing an enumeration
        unquoted = QUOTED.sub("", modifier)
        if head.group().startswith("工程") and (
                (unquoted != modifier and self._is_generic(unquoted)) or self.policy_end_re.search(modifier)):
            return False  # “十百千万”工程, 产业振兴工程: a policy drive, not works
        if self.weak_head_re.match(head.group()):
            if len(self.generic_re.sub("", unquoted)) < minimum:
                return False  # 特色电商基地, 城区商业中心: a kind of facility, not one
            # 中心, 基地, 市场 are often goals (打造…中心): ask for works or progress words, or an
            # investment or works in its description (投资10亿元的…基地, 建成全球最大的…基地).
            if before.endswith(self.goal_verbs) or self.planted_area_re.match(after):
                return False  # 打造…中心: a goal; 藤椒基地2000亩: a planted area
            # 、双辽化工园区建设, 和物流仓储分拣中心完成升级改造: progress shared by coordinated names
            shared = rest.startswith(("、",) + self.coordinators) and any(word in rest for word in self.progress_words)
            works = before.endswith(self.works_verbs) or (
                self.works_re.search(before) and before.endswith(self.description_markers)) or invested
            progress = self.progress_adverbs_re.sub("", after, count=1)  # 初步投入使用, 已全面建成
            return works or progress.startswith(self.progress_words) or shared
        return True

    def _scoped_class(self, modifier: str) -> bool:
        """``云南省重点水利``, ``水风光重大能源``: a rank word (重点, 重大) followed only by a
        generic word or a single word names a class of projects of a place or kind."""
        rank = self.rank_word_re.search(modifier)
        if not rank:
            return False
        rest = modifier[rank.end():]
        return len(rest) <= 2 or self._is_generic(rest)

    def _is_facility_work(self, text: str) -> bool:
        """Whether ``text`` is a work word after a named facility (``第二水厂建设``)."""
        work = self.activity_end_re.search(text)  # a head noun counts too (…服务中心建设项目)
        return bool(work) and bool(self._name_ending(text[:work.start()]))

    def _is_generic(self, modifier: str) -> bool:
        modifier = modifier.strip(QUOTES + " ")
        marker = self.item_marker_re.match(modifier)  # (二)项目: an item number is no name
        modifier = modifier[marker.end():] if marker else modifier
        if len(modifier) < 2:
            return True
        return self.generic_re.fullmatch(modifier) is not None

    def _list_blocks(self, clean: str) -> list[Name]:
        """Items of ``专栏`` blocks; a category label before a colon is not an item."""
        names = []
        for opener in self.opener_re.finditer(clean):
            block_end = _block_end(clean, opener.end() - 1)
            for start, end in self._items(clean, opener.end(), block_end):
                if clean[end:end + 1] in (":", "："):
                    continue
                names += self._list_item(clean, start, end)
        return names

    def _list_item(self, clean: str, start: int, end: int) -> list[Name]:
        text = clean[start:end]
        tail = self.count_end_re.search(text)
        if tail:
            end -= len(tail.group())
            text = text[: -len(tail.group())]
        left = self._left_boundary(text, 0, len(text), inner_verbs=False)
        whole = text[left:].strip()
        if len(whole) < 2 or self._is_generic(whole):
            return []
        offset = start + text.index(whole, left)
        if self.head_end_re.search(whole):
            return [Name(offset, offset + len(whole))]
        if self.count_re.search(whole):
            return []  # 两所九年一贯制学校, 建设20所幼儿园: a count of facilities, no name
        if (self.name_suffix_end_re.search(whole) and len(whole) >= 3) or any(q in whole for q in QUOTES):
            return [Name(offset, offset + len(whole))]
        by_head = self._head_names(clean, start, end, in_list=True)
        if by_head:
            return by_head
        return [Name(offset, offset + len(whole))] if self._is_named_activity(whole) else []

    def _without_trailing_work(self, text: str) -> str:
        """``福州机场二期扩建`` -> ``福州机场二期``, ``金钢升级改造项目选址`` -> ``金钢升级改造项目``:
        work done on a named facility is no part of its name."""
        work = self.trailing_work_re.search(text)
        if work:
            rest = text[:work.start()]
            titled = rest.rstrip(CLOSING_QUOTES)  # “四好农村路”提升改造
            if self._name_ending(titled):
                return rest
        return text

    def _without_remark(self, text: str) -> str:
        """``福乐园工程(骨灰堂)`` -> ``福乐园工程``: a bracketed remark after a name that ends in a
        head noun or name ending is no part of it; a phase or section in brackets is (head_end_re)."""
        remark = self.remark_re.search(text)
        if remark and not self._name_ending(text):
            rest = text[:remark.start()]
            if self._name_ending(rest):
                return rest
        return text

    def _is_short_name(self, text: str) -> bool:
        """An unmarked enumeration item read as an owner's name (洪韵科技), not a category
        (绿色糠醛: it opens with generic words), an activity or a count."""
        opening = self.generic_re.match(text)
        return (len(text) >= self.min_short_name and not (opening and opening.end() >= 2)
                and not self.activity_end_re.search(text) and not self.count_re.search(text))

    def _is_named_activity(self, text: str) -> bool:
        """An item with no head noun: a named undertaking (鼎研化工树脂产业化), not a bare
        activity (污水管网改造) nor a count of facilities (新建小学6所)."""
        places = self.place_markers & set(self.generic_re.sub("", text))  # 城市 is no place name
        if len(text) < (self.min_unmarked_place_item if places else self.min_unmarked_item) or self.count_re.search(text):
            return False
        return not (self.activity_end_re.search(text) and not places)

    def _numbered_items(self, clean: str) -> list[Name]:
        """``①贯通…；②…建成通车``: in a numbered list of undertakings, the objects of its clauses
        that carry a head noun, a name suffix or a quoted title are projects."""
        names = []
        entries = self._numbered_entries(clean) + self._titled_entries(clean) + self._bullet_entries(clean)
        for entry_start, entry_end in entries:
            for start, end in self._items(clean, entry_start, entry_end):
                text = clean[start:end]
                left = self._left_boundary(text, 0, len(text))
                whole = text[left:].strip()
                count = self.count_re.match(whole)
                if count:  # 3个农副产品批发市场: the class an item counts is the name (P4); 10条“断头路” has none
                    whole = whole[count.end():].lstrip()
                    if not self.head_end_re.search(whole):
                        continue
                if len(whole) < 3 or self._is_generic(whole) or self.closer in whole:
                    continue
                if any(word in whole for word in self.function_words):
                    continue  # 红星小学为区直属学校: a sentence, not a name
                if self.weak_head_re.search(whole) and text[:left].endswith(self.goal_verbs):
                    continue  # 2. 打造区域商贸物流中心: a goal, not works
                offset = start + text.index(whole, left)
                whole = self._without_remark(self._without_trailing_work(whole))  # P9: 新西门桥拆除重建
                counted = self.count_end_re.sub("", whole)
                if counted != whole and self.head_end_re.search(counted):
                    whole = counted  # P4: 体育惠民工程15个 -> 体育惠民工程
                for part_start, part in self._full_names(whole):
                    # 关爱女孩“五项工程”: the closing quote belongs to the title
                    titled = part.rstrip(CLOSING_QUOTES)
                    ending = self._name_ending(titled)
                    if ending and not self._is_generic(part[:ending.start()]):  # 建设智能化校园: a class
                        names.append(Name(offset + part_start, offset + part_start + len(part)))
        return names

    def _numbered_entries(self, clean: str) -> list[tuple[int, int]]:
        """The text after each item number (``①``, ``(2)``, ``3.``) up to the next one or the line end."""
        markers = list(self.numbered_marker_re.finditer(clean))
        entries = []
        for marker, following in zip(markers, markers[1:] + [None]):
            line_end = clean.find("\n", marker.end())
            end = len(clean) if line_end < 0 else line_end
            if following is not None:
                end = min(end, following.start())
            if end > marker.end():
                entries.append((marker.end(), end))
        return entries

    def _titled_entries(self, clean: str) -> list[tuple[int, int]]:
        """Spec rule 2, lists after a title naming undertakings (before a colon, ``分别是``):

        * ``…民生实事项目包括：A；B；C；D。``: a sentence whose rest has at least
          ``min_semicolon_entries`` parts separated by ``；`` (or ``min_listed_items`` names
          separated by ``、``: ``20项工程分别是A、B、C…等``); each part is an item;
        * ``十件民生实事包括：一是…。二是…。``: the parts opened by ordinal markers (``一是``) up
          to the end of the paragraph. Without such a title ``一是`` only orders the points of
          an argument."""
        entries = []
        for title in self.list_title_re.finditer(clean):
            sentence_end = self.sentence_end_re.search(clean, title.end())
            end = sentence_end.start() if sentence_end else len(clean)
            parts = [(m.start(), m.end()) for m in self.semicolon_part_re.finditer(clean, title.end(), end)]
            if len(parts) >= self.min_semicolon_entries:
                entries += parts
            elif len(parts) == 1 and clean.count("、", title.end(), end) + 1 >= self.min_listed_items:
                entries.append(parts[0])
            if self.ordinal_marker_re.match(clean, title.end()):
                paragraph_end = clean.find("\n", title.end())
                end = len(clean) if paragraph_end < 0 else paragraph_end
                markers = list(self.ordinal_marker_re.finditer(clean, title.end(), end))
                for marker, following in zip(markers, markers[1:] + [None]):
                    entries.append((marker.end(), following.start() if following else end))
        return entries

    def _bullet_entries(self, clean: str) -> list[tuple[int, int]]:
        """``——重庆至怀化铁路(渝怀线)。修建…``: a line opened by a dash bullet names an item in
        its first sentence; the sentences after it describe the item."""
        entries = []
        for bullet in self.bullet_re.finditer(clean):
            sentence_end = self.item_end_re.search(clean, bullet.end())
            end = sentence_end.start() if sentence_end else len(clean)
            if end > bullet.end():
                entries.append((bullet.end(), end))
        return entries

    def _table_rows(self, clean: str) -> list[tuple[int, int]]:
        """``19 华域汽车技术研发中心 在建``: rows of a plan table, numbered 1, 2, 3… at the line
        start (the space after the number is gone from the clean string). The name cell runs
        to a tab or the line end, without a trailing status column. A run of fewer than
        ``min_table_rows`` numbered lines is no table."""
        rows, run, expected = [], [], None
        for line in self.table_row_re.finditer(clean):
            number = int(line.group(1))
            if number != expected:
                rows += run if len(run) >= self.min_table_rows else []
                run = []
            start = line.start(2)
            end = clean.find("\t", start, line.end())
            end = line.end() if end < 0 else end
            status = self.table_status_re.search(clean, start, end)
            run.append((start, status.start() if status else end))
            expected = number + 1
        return rows + (run if len(run) >= self.min_table_rows else [])

    def _full_names(self, text: str) -> list[tuple[int, str]]:
        """``桐柏大道和平洑路城区段``: coordinated parts that are each a full name (own head noun
        or name ending) are separate names; otherwise the text is one."""
        parts = self._coordinated_parts(text)
        full = all(self._is_full_name(part) for _, part in parts)
        return parts if len(parts) > 1 and full else [(0, text)]

    def _enumerations(self, clean: str) -> tuple[list[Name], list[tuple[int, int]]]:
        """``A、B、C等…项目`` and ``A、B和C4座大型水电站``: the items before ``等`` or before a
        count of a class that are names of undertakings, and the ranges of the closing classes."""
        names = []
        classes = []
        clauses = [(m.start(), m.end()) for m in self.clause_re.finditer(clean)]
        starts = [s for s, _ in clauses]
        seen = set()
        for closer in self.closer_re.finditer(clean):
            index = bisect_right(starts, closer.start()) - 1
            if index < 0 or index in seen:
                continue
            seen.add(index)
            clause_start, clause_end = clauses[index]
            text = clean[clause_start:clause_end]
            # every 等 of the clause closes the items since the previous class
            # (新建府东街等街路3条、改造民强路等街路7条)
            lo, at = 0, text.find(self.closer)
            while at > 0:
                if not self._in_word(text, at, self.closer):
                    found, closed_at = self._enumeration(text, clause_start, at, classes, lo)
                    names += found
                    lo = closed_at or lo
                at = text.find(self.closer, at + 1)
        for index, (clause_start, clause_end) in enumerate(clauses):
            if index in seen or "、" not in clean[clause_start:clause_end]:
                continue
            text = clean[clause_start:clause_end]
            counted = self.counted_class_re.search(text)
            # the count must follow the last item: not 金乡、梁山5个县市区的15个项目
            last_item = text[text.rfind("、", 0, counted.start()) + 1:counted.start()] if counted else ""
            if counted and "、" in text[:counted.start()] and "的" not in last_item \
                    and not self.count_re.search(last_item) and not self.trigger_end_re.search(last_item):
                names += self._enumeration(text, clause_start, counted.start(), classes)[0]
        return names, classes

    def _enumeration(self, text: str, clause_start: int, at: int, classes: list[tuple[int, int]],
                     lo: int = 0) -> tuple[list[Name], int | None]:
        """The names among the items of ``text[lo:at]``, closed at ``at`` by ``等`` or a count,
        and where the closing class ends (None when nothing after ``at`` names a class)."""
        # 龙潭、石门等大型水电站: before a class of physical works, a bare name is the place.
        physical = self.physical_class_re.match(text, at)
        bare_names = physical is not None
        works = None if physical else self.enumeration_works_re.match(text, at)
        closing = physical or self.enumeration_class_re.match(text, at) or works
        if not closing:
            return [], None  # 弘业钢管、跃兴公司等新材料: the class after 等 names no undertaking
        classes.append((clause_start + at, clause_start + closing.end()))
        # 中储粮、洪韵科技等一批重大项目, 洮府富硒蔬菜、福顺大米3个产业园, 雅洁新材等有序推进: before a
        # class of projects, a count of a class or works, short items are owners' names.
        project_class = (self.project_class_re.match(text, at) is not None or not text.startswith(self.closer, at)
                         or closing is works)
        kind = closing.group()[len(self.closer):] if closing.group().startswith(self.closer) else closing.group()
        nouns = self.head_re.sub("", kind)  # 等海洋产业园区: a class of parks, not of industries
        if nouns.startswith(self.category_words) or any(word in nouns for word in self.category_anywhere) or (
                not project_class and any(word in nouns for word in self.category_words)):
            return [], closing.end()  # 装备制造、精细化工等产业项目, 等7大领域…项目, 等4个千亿级产业集群: industries
        names = []
        kinds = False  # 实施一批基础设施、节能建筑、清洁能源等重点项目: the items are kinds of projects
        for item in self.enumeration_item_re.finditer(text, lo, at):
            words = item.group()
            left = self._left_boundary(words, 0, len(words))
            kinds = kinds or words[:left].rstrip().endswith(self.class_openers)
            stripped = self._without_trailing_work(words[left:].strip())
            if len(stripped) < 2 or self._is_generic(stripped) or stripped.endswith(self.abstract_endings):
                continue  # 提升通道能力等…项目: an aim, not a name
            if project_class and self.enumerated_place_re.fullmatch(stripped):
                continue  # 牡丹江市、黑河市等其余10个地市项目: places, not owners
            if stripped.endswith(self.position_words):
                continue  # 龙泉街与兴华路交叉口等10个口袋公园: where the works are, not their name (P18)
            ending = self._name_ending(stripped)
            if ending and ending.start() >= 2 and self._is_generic(stripped[:ending.start()]):
                continue  # 病险水库除险加固、…等重点水利工程: a class of works
            begin = clause_start + item.start() + words.index(stripped, left)
            parts = self._enumerated_parts(stripped, bare_names)
            for offset, part in parts:
                # a part coordinated with a full name is a name too (九鱼公园及七巧马莲)
                marked = self._name_ending(part) or any(q in part for q in QUOTES) or len(parts) > 1
                if marked or (not kinds and (self._is_named_activity(part) or (bare_names and len(part) <= self.max_bare_name)
                                             or (project_class and self._is_short_name(part)))):
                    names.append(Name(begin + offset, begin + offset + len(part)))
        return names, closing.end()

    def _enumerated_parts(self, item: str, bare_names: bool) -> list[tuple[int, str]]:
        """An enumeration item holding coordinated names (``九鱼公园及七巧马莲``) gives each
        name; before a class of physical works every coordinated part is a bare name."""
        parts = self._full_names(item)
        if len(parts) > 1:
            return parts
        split = self._coordinated_parts(item)
        if bare_names and all(2 <= len(part) <= self.max_bare_name for _, part in split):
            return split
        # 九鱼公园及七巧马莲: full names, then one more name, not one name sharing a head
        last = split[-1][1]
        ending = self._name_ending(last)
        bare_class = ending is not None and ending.start() < 2  # 东方红小学和幼儿园: no second name
        if len(split) > 1 and len(last) >= 2 and not bare_class \
                and all(self._is_full_name(part) for _, part in split[:-1]):
            return split
        return parts

    def _shape(self, text: str) -> str:
        """The last two characters of ``text`` before a trailing amount and trailing works."""
        amount = self.amount_end_re.search(text)
        text = text[:amount.start()] if amount else text
        work = self.trailing_work_re.search(text)
        text = text[:work.start()] if work else text
        return text[-2:] if len(text) >= 3 else ""

    def _coordinated_parts(self, text: str) -> list[tuple[int, str]]:
        """``text`` cut at its coordinators (和, 及, 与), with each part's offset."""
        parts, at = [], 0
        for coordinator in self.coordinator_re.finditer(text):
            parts.append((at, text[at:coordinator.start()]))
            at = coordinator.end()
        parts.append((at, text[at:]))
        return parts

    def _name_ending(self, text: str) -> regex.Match | None:
        """The head noun or name ending (``电厂``, ``路``) that closes ``text``, if any."""
        return self.head_end_re.search(text) or self.name_suffix_end_re.search(text)

    def _is_full_name(self, part: str) -> bool:
        """A name with its own head noun or name ending (``平洑路``, ``东港电厂``)."""
        ending = self._name_ending(part)
        return len(part) >= 3 and ending is not None and ending.start() >= 2  # not a bare 幼儿园

    def coordinate(self, clean: str, names: list[Name]) -> list[Name]:
        """Coordinated names sharing one head noun form one span: ``东湖、西岭水库``,
        ``新型建筑材料、精细化工和装备制造产业园``."""
        result = []
        for name in names:
            head = self.head_end_re.search(clean[name.start:name.end])
            if not head or head.start() < 2:  # 青石、向桥: a one-character modifier makes a place name
                result.append(name)
                continue
            modifier = clean[name.start:name.start + head.start()]
            parts = self.coordinator_re.split(modifier)
            short = len(modifier) <= 2 or (len(parts) == 2 and all(0 < len(p) <= self.max_conjunct for p in parts))
            # 长春机场三期扩建、延吉机场迁建工程: works listed before 工程 share it.
            parallel = self.activity_end_re.search(modifier) is not None
            shape = self._shape(modifier)
            start = name.start
            while start > 0 and clean[start - 1] == "、":
                window = clean[max(0, start - 1 - self.reach):start - 1]
                previous = self.item_re.search(window[::-1])
                if not previous or previous.start() != 0:
                    break
                text = clean[start - 1 - previous.end():start - 1]
                left = self._left_boundary(text, 0, len(text))
                conjunct = text[left:]
                generic = self._is_generic(conjunct) or self.phase_re.fullmatch(conjunct) is not None  # …加固一期、
                # 设备调试、: a predicate, not a name (but 龙嘉机场三期扩建、 is works shared with 工程)
                generic = generic or (conjunct.endswith(self.name_followers) and not self.activity_end_re.search(conjunct))
                # A conjunct with its own head (after work on it: 庐北变电站建设、) or a name ending is
                # a name of its own; a generic one (…1.1亿元贷款、) shares nothing.
                own_head = self.head_end_re.search(self._without_trailing_work(conjunct))
                shared_work = (parallel and self.activity_end_re.search(conjunct) and not own_head
                               and len(conjunct) > 2 and not generic)
                # 四平电厂35万千瓦、双辽电厂66万千瓦项目, 燕国古城、叶赫古城保护开发项目: conjuncts of
                # one shape (the same ending before amounts and works) share the head (P19).
                same_shape = not own_head and shape != "" and self._shape(conjunct) == shape
                if not (shared_work or same_shape):
                    marked = own_head or (self.name_suffix_end_re.search(conjunct) and len(conjunct) > 3)
                    # 东坪、西沟农村饮水管网延伸工程: a bare place name before a name shares its head.
                    if marked or generic or not (short and len(text) <= 2 * self.max_conjunct or len(conjunct) <= self.max_bare_conjunct):
                        break
                start = start - 1 - previous.end() + left
                if left:
                    break
            result.append(Name(start, name.end))
        return result


def _without_open_quote(clean: str, name: Name) -> Name:
    """``“浦北陈皮产业园集…``: a quote opened before a name and closed later in the sentence is
    no part of it; one closed right after it makes a quoted title or slogan (``“两城三区四基地”``)."""
    if clean[name.start] in OPENING_QUOTES and not _balanced(clean[name.start:name.end]) \
            and clean[name.end:name.end + 1] not in CLOSING_QUOTES:
        return Name(name.start + 1, name.end)
    return name


def _balanced(name: str) -> bool:
    """Quotes and brackets inside a name must pair up (not ``牢固树立“项目``)."""
    return all(name.count(a) == name.count(b) for a, b in ("“”", "()", "（）", "《》"))


def _occurrences(text: str, strings: list[str]) -> list[Name]:
    """Every occurrence of each string in ``text`` (str.find: far faster than one regex
    alternation of many names)."""
    found = []
    for string in strings:
        at = text.find(string)
        while at >= 0:
            found.append(Name(at, at + len(string)))
            at = text.find(string, at + len(string))
    return found


def _inside(ranges: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` falls inside one of the sorted ``ranges``."""
    at = bisect_right(starts, offset) - 1
    return at >= 0 and ranges[at][0] <= offset < ranges[at][1]


def _block_end(clean: str, start: int) -> int:
    """A ``专栏`` block runs until a numbered heading or a sentence with a full stop."""
    heading = regex.compile(r"\n(?:\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|专栏|[^\n]*。)")
    m = heading.search(clean, start)
    return m.start() if m else len(clean)


def _outermost(names: Iterable[Name]) -> list[Name]:
    ordered = sorted(set(names), key=lambda n: (n.start, -n.end))
    kept: list[Name] = []
    for name in ordered:
        if kept and name.start < kept[-1].end:
            continue
        kept.append(name)
    return kept


@Language.factory(
    "govextract_projects",
    default_config={"patterns_dir": None, "span_key": PROJECTS_KEY, "numbers_key": NUMBERS_KEY},
)
def make_projects(nlp: Language, name: str, patterns_dir: str | None, span_key: str, numbers_key: str) -> "ProjectTagger":
    return ProjectTagger(nlp, name, patterns_dir=patterns_dir, span_key=span_key, numbers_key=numbers_key)


class ProjectTagger(PatternComponent):
    """spaCy component writing PROJECT spans to ``doc.spans[span_key]``."""

    pattern_files = (PROJECTS_FILE,)

    def __init__(self, nlp: Language, name: str = "govextract_projects", *, patterns_dir: str | None = None,
                 span_key: str = PROJECTS_KEY, numbers_key: str = NUMBERS_KEY):
        self.span_key = span_key
        self.numbers_key = numbers_key
        super().__init__(name, patterns_dir)

    def build_rules(self, patterns: dict[str, dict]) -> "ProjectRules":
        return ProjectRules(patterns[PROJECTS_FILE])

    def __call__(self, doc: Doc) -> Doc:
        view = clean_view(doc)
        names = self.rules.find(view.text)
        spans = exact_spans(doc, view, [(name.start, name.end, PROJECT_LABEL) for name in names])
        doc.spans[self.span_key] = spans
        self._link_amounts(doc, spans)
        return doc

    def _link_amounts(self, doc: Doc, projects: list[Span]) -> None:
        """Attach the amounts of the same clause (between delimiters) to each project."""
        numbers = [s for s in doc.spans.get(self.numbers_key, []) if s.label_ in self.rules.amount_labels]
        if not numbers or not projects:
            return
        delimiter_hashes = [doc.vocab.strings.add(d) for d in self.rules.data["clause_delimiters"]]
        norms = doc.to_array([NORM]).astype("uint64")
        clause_of_token = np.cumsum(np.isin(norms, np.array(delimiter_hashes, dtype="uint64")))
        owner = np.full(len(doc), -1)
        for index, project in enumerate(projects):
            owner[project.start:project.end] = index
        by_clause: dict[int, list[Span]] = {}
        for number in numbers:
            by_clause.setdefault(int(clause_of_token[number.start]), []).append(number)
        for index, project in enumerate(projects):
            linked = [(n.start_char, n.end_char) for n in by_clause.get(int(clause_of_token[project.start]), [])
                      if owner[n.start] in (-1, index)]
            if linked:
                project._.amounts = linked
