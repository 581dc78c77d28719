"""Enumerations in a requirement: the clauses that list things, split into their items.

"管理客户、供应商和采购单" and "track customers, suppliers and purchase orders" are lists;
a clause counts as one with three or more items, or two after a cue word (管理, including).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingenio.pipeline.brains.offline.scan import Token

_ZH_CLAUSE = re.compile(r"[^。;!?\n:]+")
_ZH_ITEM = re.compile(r"[^、,/]+?(?=[、,/]|以及|和|与|或者|及(?!时)|$)")
_ZH_SEPARATOR = re.compile(r"^(?:以及|和|与|或者|及)")
_ZH_CUE = re.compile(r"管理|包括|包含|涉及|维护|实体|对象|记录")
_EN_SEPARATORS = frozenset({",", "and", "or", "&", "/", "、"})
_EN_CLAUSE_END = frozenset({".", ";", ":", "!", "?"})
_EN_CUES = frozenset(
    {
        "manage",
        "manages",
        "including",
        "includes",
        "include",
        "track",
        "tracks",
        "entities",
        "objects",
        "such",
        "records",
        "stores",
    }
)


@dataclass(frozen=True, slots=True)
class ZhList:
    start: int
    end: int
    items: tuple[tuple[int, str], ...]  # (position, text without its separator)


@dataclass(frozen=True, slots=True)
class EnList:
    start: int
    end: int
    items: tuple[tuple[Token, ...], ...]


def zh_lists(text: str) -> list[ZhList]:
    found = []
    for clause in _ZH_CLAUSE.finditer(text):
        body = clause.group()
        items = [
            (clause.start() + m.start(), _ZH_SEPARATOR.sub("", m.group().strip()))
            for m in _ZH_ITEM.finditer(body)
            if m.group().strip()
        ]
        if len(items) >= 3 or (len(items) == 2 and _ZH_CUE.search(body)):
            found.append(ZhList(clause.start(), clause.end(), tuple(items)))
    return found


def en_lists(tokens: list[Token]) -> list[EnList]:
    found = []
    clause: list[Token] = []
    for token in [*tokens, Token(".", -1)]:
        if token.text not in _EN_CLAUSE_END:
            clause.append(token)
            continue
        items: list[list[Token]] = [[]]
        for t in clause:
            if t.text in _EN_SEPARATORS:
                items.append([])
            else:
                items[-1].append(t)
        kept = tuple(tuple(i) for i in items if i)
        cue = any(t.text in _EN_CUES for t in clause)
        if len(kept) >= 3 or (len(kept) == 2 and cue):
            last = clause[-1]
            found.append(EnList(clause[0].start, last.start + len(last.text), kept))
        clause = []
    return found
