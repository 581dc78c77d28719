"""Entities the lexicon does not know, found where the requirement lists business objects.

Only enumerations are trusted (see lists.py): "管理客户、供应商、质检记录" names objects, while free
prose is full of nouns that are not. An item whose head word is already a concept adds nothing
here (the scan found it); an item whose head is a feature word (发布, 搜索, statistics) or that
reads as an action ("pay by card") is not an object. The rest become new entities, named in
English from the words table when it covers every character (质检记录 ->
QualityInspectionRecord), otherwise given a neutral name (CustomEntity1), and those only in a
list that is mostly objects. The requirement's own words only ever reach the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingenio.pipeline.brains.offline.lexicon import Lexicon
from ingenio.pipeline.brains.offline.lists import en_lists, zh_lists
from ingenio.pipeline.brains.offline.names import (
    RESERVED_TYPE_NAMES,
    is_cjk,
    pascal,
    singularize,
    split_words,
)
from ingenio.pipeline.brains.offline.scan import TermIndex, Token, scan_en, scan_zh

MAX_NEW_ENTITIES = 40  # a 5000-character list of nonsense must not become a 5000-table schema
DENSE_LIST = 0.6  # share of a list's items that must be objects before unnamed ones are trusted

_ZH_APP_SUFFIX = re.compile(r"(?:系统|平台|应用|网站|商城|小程序|APP|App|app|软件|后台|论坛|博客)$")
_EN_WORD = re.compile(r"[a-z]{2,20}")
_EN_PREPOSITIONS = frozenset(
    {"by", "with", "for", "to", "on", "in", "at", "from", "via", "into", "of", "about"}
)
_EN_DETERMINERS = frozenset(
    {"a", "an", "the", "each", "every", "their", "its", "our", "your", "my", "his", "her", "any",
     "all", "some", "several", "many", "multiple"}
)  # fmt: skip
# The last character of an unnamed Chinese object says what kind of thing it is.
_ZH_HEAD_CHARS = {
    "document": "单表书据证",
    "person": "员人者师生客户商",
    "place": "室馆库仓站点厅场区楼店",
    "category": "类级型",
    "record": "录志历",
}


@dataclass(frozen=True, slots=True)
class NewEntity:
    position: int
    name: str
    label: str
    head: str  # the generic field set: document, person, place, category, record, default


@dataclass(frozen=True, slots=True)
class Enumerations:
    spans: tuple[tuple[int, int], ...]  # character ranges of the list clauses
    entities: tuple[NewEntity, ...]


def read_enumerations(
    text: str, tokens: list[Token], index: TermIndex, lexicon: Lexicon
) -> Enumerations:
    spans: list[tuple[int, int]] = []
    found: list[NewEntity] = []
    for zh in zh_lists(text):
        spans.append((zh.start, zh.end))
        found.extend(_zh_list_entities(zh.items, index, lexicon))
    for en in en_lists(tokens):
        spans.append((en.start, en.end))
        for number, item in enumerate(en.items):
            entity = _en_entity(item, number == 0, index, lexicon)
            if entity is not None:
                found.append(entity)
    found.sort(key=lambda e: e.position)
    named: list[NewEntity] = []
    labels: set[str] = set()
    for entity in found:
        if entity.label in labels:
            continue
        labels.add(entity.label)
        if not entity.name:  # nothing to translate it from: a neutral, numbered name
            unnamed = sum(1 for e in named if e.name.startswith("CustomEntity"))
            entity = replace(entity, name=f"CustomEntity{unnamed + 1}")
        named.append(entity)
    return Enumerations(tuple(sorted(spans)), tuple(named[:MAX_NEW_ENTITIES]))


def head_of(name: str, label: str, lexicon: Lexicon) -> str:
    """The generic field set for an entity the lexicon has no concept for."""
    words = split_words(name)
    if words and words[-1] in lexicon.words.heads:
        return lexicon.words.heads[words[-1]]
    last = label[-1:]
    for head, chars in _ZH_HEAD_CHARS.items():
        if last and last in chars:
            return head
    return "default"


def _zh_list_entities(
    items: tuple[tuple[int, str], ...], index: TermIndex, lexicon: Lexicon
) -> list[NewEntity]:
    out: list[NewEntity] = []
    unnamed: list[NewEntity] = []
    objects = considered = 0
    for position, raw in items:
        if _ZH_APP_SUFFIX.search(raw):
            continue  # "开发一个在线商城": the app itself, not one of its objects
        considered += 1
        covered, entity = _zh_entity(_trim_zh(raw, lexicon), position, index, lexicon)
        objects += covered or bool(entity and entity.name)
        if entity is not None:
            (out if entity.name else unnamed).append(entity)
    # Untranslatable items are trusted only in a list that is mostly objects (an ERP's 30
    # business objects), not in one that is mostly actions (选课和退选).
    if unnamed and objects >= considered * DENSE_LIST:
        out.extend(unnamed)
    return out


def _trim_zh(item: str, lexicon: Lexicon) -> str:
    """ "支持商品发布" -> "商品发布", "系统需要管理客户信息" -> "客户": the object an item names."""
    words = lexicon.words
    item = _strip_affixes(item, (), words.zh_trail)
    cut = max(
        (item.rfind(w) + len(w) for w in words.zh_lead if len(w) >= 2 and w in item), default=0
    )
    cut = max(cut, item.rfind("的") + 1)
    if cut < len(item):
        item = item[cut:]
    return _strip_affixes(item, words.zh_lead, words.zh_trail)


def _strip_affixes(item: str, leads: tuple[str, ...], trails: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for lead in leads:
            if item.startswith(lead) and len(item) > len(lead):
                item, changed = item[len(lead) :], True
        for trail in trails:
            if item.endswith(trail) and len(item) > len(trail):
                item, changed = item[: -len(trail)], True
    return item


def _zh_entity(
    core: str, position: int, index: TermIndex, lexicon: Lexicon
) -> tuple[bool, NewEntity | None]:
    """(whether the item names a known concept, the new entity it names if any)."""
    stop = lexicon.words.zh_stop
    if not 2 <= len(core) <= 8 or not all(is_cjk(ch) for ch in core) or core in stop:
        return False, None
    hits = scan_zh(core, index)
    tail = core[hits[-1].end :] if hits else core
    if not tail or (len(tail) == 1 and tail not in lexicon.words.zh_words):
        return bool(hits), None  # the head is a known concept: the main scan has it already
    if tail in stop or any(s in tail for s in stop if len(s) >= 2):
        return False, None  # 商品发布, 数据统计, 审核申请: a feature or an action, not an object
    name = _safe(_translate(core, lexicon))
    return False, NewEntity(position, name, core, head_of(name, core, lexicon))


def _translate(text: str, lexicon: Lexicon) -> str:
    """English PascalCase for a Chinese noun phrase, or "" unless every character is covered:
    a half-translated name (砼配比单 -> "Order") would be worse than a neutral one."""
    words: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(8, len(text) - i), 0, -1):
            english = lexicon.zh_english.get(text[i : i + size])
            if english:
                words.extend(english)
                i += size
                break
        else:
            return ""
    return pascal(words[-4:])


def _en_entity(
    item: tuple[Token, ...], first: bool, index: TermIndex, lexicon: Lexicon
) -> NewEntity | None:
    words = lexicon.words
    filler = words.en_stop | words.en_noun_context
    if first:
        # "An ERP to manage customers": a list's first item carries the sentence's subject and
        # verb; its object is what follows the last function word.
        start = max((i + 1 for i, t in enumerate(item) if t.text in filler), default=0)
        end = len(item)
    else:
        start = 0
        while start < len(item) and item[start].text in filler:
            start += 1
        if start and item[start - 1].text in _EN_PREPOSITIONS:
            return None  # "pay by card", "check in on site": an action, not an object
        # "sprockets for a workshop": the object is what comes before the preposition.
        prepositions = [i for i in range(start, len(item)) if item[i].text in _EN_PREPOSITIONS]
        end = prepositions[0] if prepositions else len(item)
    while end > start and item[end - 1].text in words.en_stop:
        end -= 1
    core = item[start:end]
    if not 1 <= len(core) <= 3 or not all(_EN_WORD.fullmatch(t.text) for t in core):
        return None
    if any(t.text in filler for t in core):
        return None  # a verb or a function word inside: a phrase, not a noun
    before = item[start - 1].text if start else ""
    if singularize(core[-1].text) == core[-1].text and before not in _EN_DETERMINERS:
        return None  # listed objects are plural ("widgets") or counted ("a deposit")
    head_end = core[-1].start + len(core[-1].text)
    if any(h.end == head_end for h in scan_en(list(item), index, lexicon)):
        return None  # the head is a known concept: the main scan has it already
    head = core[-1].text
    if head in words.en_stop or head.endswith(("ing", "ly", "ed")):
        return None
    parts = [t.text for t in core[:-1]] + [singularize(head)]
    label = " ".join(parts)
    name = _safe(pascal(parts))
    return NewEntity(core[0].start, name, label[:1].upper() + label[1:], head_of(name, "", lexicon))


def _safe(name: str) -> str:
    return name + "Entry" if name in RESERVED_TYPE_NAMES else name
