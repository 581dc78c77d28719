"""Reading a requirement: language, app family, the entities it needs, the app's names.

The entity list follows the text: every concept mentioned and every object listed, in order of
first mention. A recognised family adds the entities such an app always has (a library has
readers and loans even when the text only says 图书馆), unless the text spells out its own model
(eight or more objects), whose size then stays what the user wrote.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from ingenio.pipeline.brains.offline.appname import (
    app_identifier,
    display_name,
    fallback_names,
)
from ingenio.pipeline.brains.offline.lexicon import Concept, Family, Lexicon, load_lexicon
from ingenio.pipeline.brains.offline.names import english_label, is_cjk
from ingenio.pipeline.brains.offline.scan import (
    Hit,
    Language,
    TermIndex,
    Token,
    detect_language,
    normalize,
    scan,
    strip_code,
    tokenize,
)
from ingenio.pipeline.brains.offline.unknown import (
    Enumerations,
    NewEntity,
    read_enumerations,
)

MAX_TEXT = 20_000  # the API allows 5000 characters; anything longer is read only this far
MAX_ENTITIES = 60
EXPLICIT_MODEL = 10  # this many objects listed: the user wrote the model, templates add nothing
TRIGGER_WEIGHT = 3
MIN_VOTES = 3  # without a trigger word, a family needs this many of its own entities named
FALLBACK_HEAD = "fallback"  # the field set of the one entity of a requirement not understood


@dataclass(frozen=True, slots=True)
class Pick:
    """One entity of the app: a known concept, or a new one with a generic field set."""

    name: str
    label: str
    concept: Concept | None
    head: str = "default"


@dataclass(frozen=True, slots=True)
class Analysis:
    requirement: str  # as typed, whitespace collapsed: for descriptions, never for identifiers
    text: str  # normalised, code removed: what was read
    language: Language
    family: Family | None
    picks: tuple[Pick, ...]
    app_name: str
    display_name: str
    understood: bool  # False: nothing recognised, picks hold one generic placeholder


@functools.lru_cache(maxsize=64)  # plan and execute read the same requirement; it is pure
def analyse(requirement: str) -> Analysis:
    lexicon = load_lexicon()
    text = normalize(requirement[:MAX_TEXT]).strip()
    language = detect_language(text)  # of what the user typed, code included
    text = strip_code(text)
    tokens = tokenize(text)
    hits = scan(text, tokens, term_index(None), lexicon)
    family = _choose_family(text, tokens, hits, lexicon)
    if family is not None and family.terms:
        hits = scan(text, tokens, term_index(family.key), lexicon)
    index = term_index(family.key if family else None)
    picks = _picks(hits, read_enumerations(text, tokens, index, lexicon), family, language, lexicon)
    shown = display_name(text, language)
    app = app_identifier(shown, lexicon) if shown else ""
    # Named after the first entity that is not the ubiquitous User ("Pet Manager").
    lead = next((p for p in picks if p.name != "User"), picks[0] if picks else None)
    fallback_app, fallback_display = fallback_names(
        family, lead.label if lead else None, lead.name if lead else None, language
    )
    understood = bool(picks)
    if not understood:
        label = "数据条目" if language == "zh" else "Item"
        picks = (Pick("Item", label, None, FALLBACK_HEAD),)
    return Analysis(
        " ".join(requirement[:MAX_TEXT].split()),
        text,
        language,
        family,
        picks,
        app or fallback_app,
        shown or fallback_display,
        understood,
    )


def concept_label(concept: Concept, family: Family | None, language: Language) -> str:
    if language == "en":
        return concept.en
    return family.labels.get(concept.name, concept.zh) if family else concept.zh


@functools.cache
def term_index(family_key: str | None) -> TermIndex:
    lexicon = load_lexicon()
    return TermIndex(lexicon, lexicon.family(family_key) if family_key else None)


def _choose_family(
    text: str, tokens: list[Token], hits: list[Hit], lexicon: Lexicon
) -> Family | None:
    at: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        at.setdefault(token.text, []).append(i)
    words = [t.text for t in tokens]
    mentioned = {h.concept for h in hits}
    shared = _shared_core()
    best: tuple[int, Family] | None = None
    for family in lexicon.families:
        triggers = sum(1 for t in family.triggers if _contains(text, words, at, t))
        votes = sum(1 for c in family.core if c in mentioned and c not in shared)
        score = TRIGGER_WEIGHT * triggers + votes
        if (triggers or votes >= MIN_VOTES) and (best is None or score > best[0]):
            best = (score, family)
    return best[1] if best else None


@functools.cache
def _shared_core() -> frozenset[str]:
    """Concepts in three or more families' cores (User, Category...) say nothing of the family."""
    counts = Counter(c for f in load_lexicon().families for c in f.core)
    return frozenset(c for c, n in counts.items() if n >= 3)


def _contains(text: str, words: list[str], at: dict[str, list[int]], trigger: str) -> bool:
    if is_cjk(trigger[0]):
        return trigger in text
    wanted = trigger.lower().split()
    variants = (wanted, [*wanted[:-1], wanted[-1] + "s"])
    return any(words[i : i + len(wanted)] in variants for i in at.get(wanted[0], ())) or (
        len(wanted) == 1 and wanted[0] + "s" in at
    )


def _picks(
    hits: list[Hit],
    lists: Enumerations,
    family: Family | None,
    language: Language,
    lexicon: Lexicon,
) -> tuple[Pick, ...]:
    mentions = sorted(
        [(h.position, h.concept, None) for h in hits]
        + [(e.position, e.name, e) for e in lists.entities],
        key=lambda m: m[0],
    )
    listed = [m for m in mentions if any(a <= m[0] < b for a, b in lists.spans)]
    if len(dict.fromkeys(m[1] for m in listed)) >= EXPLICIT_MODEL:
        mentions = listed  # the user wrote the model out; "for a distribution company" is context
    explicit: dict[str, NewEntity | None] = {}
    for _, name, entity in mentions:
        explicit.setdefault(name, None if name in lexicon.concepts else entity)
    names = list(explicit)
    if family is not None and len(names) < EXPLICIT_MODEL:
        names = [*family.core, *(n for n in names if n not in family.core)]
    if (
        names
        and len(names) < EXPLICIT_MODEL
        and "User" not in names
        and _needs_user(names, lexicon)
    ):
        names.insert(0, "User")
    picks = []
    for name in names[:MAX_ENTITIES]:
        concept = lexicon.concepts.get(name)
        if concept is not None:
            picks.append(Pick(name, concept_label(concept, family, language), concept))
            continue
        entity = explicit[name]
        assert entity is not None  # a name is a concept or came from a new entity
        label = entity.label
        if language == "en" and any(is_cjk(ch) for ch in label):
            label = english_label(name)
        picks.append(Pick(name, label, None, entity.head))
    return tuple(picks)


def _needs_user(names: list[str], lexicon: Lexicon) -> bool:
    """A concept requires an owner (收藏 needs a user) and nothing present can be it."""
    present = set(names)
    for name in names:
        concept = lexicon.concepts.get(name)
        for f in concept.fields if concept else ():
            if f.required and "User" in f.targets and not present.intersection(f.targets):
                return True
    return False
