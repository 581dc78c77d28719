"""Finding the lexicon's words in a requirement: Chinese by longest match, English by tokens.

Chinese has no spaces, so the scan walks the text and takes the longest known term at each
position (商品分类 before 商品). Feature words (用户名, 客户端, 管理) are indexed as blockers that
consume their characters without naming anything, so 客户端 never yields a Customer. English is
matched on word tokens, singular or plural; a word that is also a common verb (book, post, order)
counts only where it reads as a noun: plural, after an article or a verb like "manage", or
before a list separator.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ingenio.pipeline.brains.offline.lexicon import Family, Lexicon
from ingenio.pipeline.brains.offline.names import is_cjk, pluralize

Language = Literal["zh", "en"]

# A run of Chinese is one token: it separates English words without costing a token per character.
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|[\u3400-\u4dbf\u4e00-\u9fff]+|[^\sa-z0-9]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Code is not requirement prose: statements and markup are dropped before reading, so that
# "'; DROP TABLE users; --" does not turn into a user-management app.
_CODE = re.compile(
    r"<(script|style)\b.*?</\1\s*>"
    r"|</?[A-Za-z][^<>]{0,200}>"
    r"|\$\{[^{}]{0,200}\}"
    r"|\{\{.{0,200}?\}\}"
    r"|/\*.*?\*/"
    r"|\b(?:drop|truncate|alter)\s+table\s+\S+"
    r"|\b(?:delete\s+from|insert\s+into)\s+\S+"
    r"|\bselect\b[^;]{0,200}?\bfrom\s+\S+",
    re.IGNORECASE | re.DOTALL,
)
# English phrases that contain a term but never mean the object.
_EN_BLOCKERS = (
    ("in", "order", "to"),
    ("in", "order"),
    ("user", "registration"),
    ("account", "registration"),
    ("sign", "in"),
    ("log", "in"),
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int


@dataclass(frozen=True, slots=True)
class Hit:
    """A concept mentioned at a character position of the normalised text."""

    position: int
    end: int
    concept: str
    term: str


@dataclass(frozen=True, slots=True)
class _EnTerm:
    concept: str | None
    weak: bool
    plural: bool


class TermIndex:
    """Every term of every concept, with a family's own meanings of ambiguous words."""

    def __init__(self, lexicon: Lexicon, family: Family | None) -> None:
        self.zh: dict[str, str | None] = {}
        self.en: dict[tuple[str, ...], _EnTerm] = {}
        for word in sorted(lexicon.words.zh_stop):
            if len(word) >= 2:
                self.zh[word] = None
        for words in _EN_BLOCKERS:
            self.en[words] = _EnTerm(None, weak=False, plural=False)
        for concept in lexicon.concepts.values():
            for term in concept.terms:
                self._add(term, concept.name)
        for term, concept_name in (family.terms if family else {}).items():
            self._add(term, concept_name, override=True)
        # Term lengths by first character, longest first: most characters start no term at all,
        # so the scan moves on after one dictionary miss (5000 characters in about 2 ms).
        lengths: dict[str, set[int]] = {}
        for term in self.zh:
            lengths.setdefault(term[0], set()).add(len(term))
        self.zh_lengths = {ch: sorted(sizes, reverse=True) for ch, sizes in lengths.items()}
        self.en_max = max(map(len, self.en), default=1)

    def _add(self, term: str, concept: str, override: bool = False) -> None:
        if any(is_cjk(ch) for ch in term):
            self.zh[term] = concept
            return
        weak = term.startswith("~")
        words = tuple(term.lstrip("~").lower().split())
        plural = (*words[:-1], pluralize(words[-1]))
        for key, is_plural in ((words, False), (plural, True)):
            if override or key not in self.en or self.en[key].concept is None:
                self.en[key] = _EnTerm(concept, weak, is_plural)


def normalize(text: str) -> str:
    """NFKC (full-width letters and punctuation become ASCII), no control characters."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFKC", text))


def strip_code(text: str) -> str:
    return _CODE.sub(" ", text)


def detect_language(text: str) -> Language:
    cjk = sum(1 for ch in text if is_cjk(ch))
    latin = len(_LATIN_WORD.findall(text))
    if cjk >= 2 and cjk >= latin:
        return "zh"
    return "en" if latin else "zh"


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start()) for m in _TOKEN.finditer(text.lower())]


def scan(text: str, tokens: list[Token], index: TermIndex, lexicon: Lexicon) -> list[Hit]:
    """All concept mentions in text order (Chinese and English may be mixed)."""
    hits = scan_zh(text, index) + scan_en(tokens, index, lexicon)
    return sorted(hits, key=lambda h: h.position)


def scan_zh(text: str, index: TermIndex) -> list[Hit]:
    hits: list[Hit] = []
    i, n = 0, len(text)
    while i < n:
        for size in index.zh_lengths.get(text[i], ()):
            term = text[i : i + size]
            if term in index.zh:
                concept = index.zh[term]
                if concept is not None:
                    hits.append(Hit(i, i + size, concept, term))
                i += size
                break
        else:
            i += 1
    return hits


def scan_en(tokens: list[Token], index: TermIndex, lexicon: Lexicon) -> list[Hit]:
    words = lexicon.words
    hits: list[Hit] = []
    i, n = 0, len(tokens)
    while i < n:
        for size in range(min(index.en_max, n - i), 0, -1):
            key = tuple(t.text for t in tokens[i : i + size])
            term = index.en.get(key)
            if term is None:
                continue
            if term.weak and not term.plural:
                before = tokens[i - 1].text if i else ""
                after = tokens[i + size].text if i + size < n else "."
                if before not in words.en_noun_context and after not in words.en_noun_follow:
                    continue
            if term.concept is not None:
                last = tokens[i + size - 1]
                hits.append(
                    Hit(tokens[i].start, last.start + len(last.text), term.concept, " ".join(key))
                )
            i += size
            break
        else:
            verb = words.en_verbs.get(tokens[i].text)
            if verb is not None:
                hits.append(
                    Hit(
                        tokens[i].start, tokens[i].start + len(tokens[i].text), verb, tokens[i].text
                    )
                )
            i += 1
    return hits
