"""The offline brain's knowledge: concepts (entities with fields), app families and word lists.

Everything lives in YAML beside this module (``data/``) and is loaded, checked and indexed once
per process. A broken data file fails loudly at load time (and in the test suite), never as a
half-built spec.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import yaml

from ingenio.pipeline.appspec import FieldType
from ingenio.pipeline.brains.offline.dsl import (
    DERIVED,
    EnumOption,
    FieldTemplate,
    LexiconSyntaxError,
    LinkTemplate,
    parse_enum_option,
    parse_field,
    parse_link,
)
from ingenio.pipeline.brains.offline.names import english_label, is_cjk, split_words

Kind = Literal["user", "master", "content", "transaction"]
Policy = Literal["all", "staff", "member", "viewer"]
_KINDS: tuple[Kind, ...] = ("user", "master", "content", "transaction")
_POLICIES: tuple[Policy, ...] = ("all", "staff", "member", "viewer")

# libyaml is about ten times faster than the pure-Python loader; fall back if it is missing.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Concept:
    """A business object the brain knows: its names, the words that mention it, its fields."""

    name: str
    zh: str
    en: str
    kind: Kind
    terms: tuple[str, ...]
    fields: tuple[FieldTemplate, ...]
    links: tuple[LinkTemplate, ...]


@dataclass(frozen=True, slots=True)
class RoleTemplate:
    name: str
    zh: str
    en: str
    policy: Policy


@dataclass(frozen=True, slots=True)
class Family:
    """A kind of app (library, hotel booking, ...) and what a person expects it to contain."""

    key: str
    app_name: str
    zh_name: str
    en_name: str
    triggers: tuple[str, ...]
    core: tuple[str, ...]
    kinds: Mapping[str, Kind]
    labels: Mapping[str, str]
    terms: Mapping[str, str]
    extra: Mapping[str, tuple[FieldTemplate, ...]]
    roles: tuple[RoleTemplate, ...]
    features: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Words:
    zh_words: Mapping[str, tuple[str, ...]]
    heads: Mapping[str, str]
    zh_stop: frozenset[str]
    zh_lead: tuple[str, ...]
    zh_trail: tuple[str, ...]
    en_stop: frozenset[str]
    en_noun_context: frozenset[str]
    en_noun_follow: frozenset[str]
    en_verbs: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    concepts: Mapping[str, Concept]
    enums: Mapping[str, tuple[EnumOption, ...]]
    families: tuple[Family, ...]
    generic: Mapping[str, tuple[FieldTemplate, ...]]
    words: Words
    # Chinese word or term -> English words: the words table first, then every concept's terms
    # (采购 is Purchase even though 采购 alone also mentions a PurchaseOrder).
    zh_english: Mapping[str, tuple[str, ...]]

    def family(self, key: str) -> Family | None:
        return next((f for f in self.families if f.key == key), None)


@functools.cache
def load_lexicon() -> Lexicon:
    data = resources.files(__package__) / "data"
    concepts: dict[str, Concept] = {}
    for entry in sorted(data.joinpath("concepts").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            for name, raw in _read(entry.read_text("utf-8")).items():
                if name in concepts:
                    raise LexiconSyntaxError(f"concept {name} defined twice")
                concepts[name] = _concept(name, raw)
    enums = {
        name: tuple(parse_enum_option(o) for o in options)
        for name, options in _read(data.joinpath("enums.yaml").read_text("utf-8")).items()
    }
    families = tuple(
        _family(key, raw)
        for key, raw in _read(data.joinpath("families.yaml").read_text("utf-8")).items()
    )
    generic = {
        key: tuple(parse_field(line) for line in lines)
        for key, lines in _read(data.joinpath("generic.yaml").read_text("utf-8")).items()
    }
    words = _words(_read(data.joinpath("words.yaml").read_text("utf-8")))
    zh_english = {
        term: tuple(split_words(c.name))
        for c in concepts.values()
        for term in c.terms
        if is_cjk(term[0])
    }
    zh_english.update(words.zh_words)
    lexicon = Lexicon(concepts, enums, families, generic, words, zh_english)
    _check(lexicon)
    return lexicon


def _read(text: str) -> dict[str, Any]:
    loaded = yaml.load(text, Loader=_Loader)  # a safe loader either way
    if not isinstance(loaded, dict):
        raise LexiconSyntaxError("a lexicon file must hold a mapping")
    return loaded


def _concept(name: str, raw: dict[str, Any]) -> Concept:
    kind = raw.get("kind", "master")
    if kind not in _KINDS:
        raise LexiconSyntaxError(f"{name}: unknown kind {kind!r}")
    return Concept(
        name=name,
        zh=str(raw["zh"]),
        en=str(raw.get("en") or english_label(name)),
        kind=kind,
        terms=tuple(str(t) for t in raw.get("terms", ())),
        fields=tuple(parse_field(line) for line in raw.get("fields", ())),
        links=tuple(parse_link(line) for line in raw.get("links", ())),
    )


def _family(key: str, raw: dict[str, Any]) -> Family:
    app_name, zh_name, en_name = str(raw["app"]).split("|")
    roles = []
    for text in raw["roles"]:
        name, zh, en, policy = str(text).split("|")
        if policy not in _POLICIES:
            raise LexiconSyntaxError(f"{key}: unknown policy {policy!r}")
        roles.append(RoleTemplate(name, zh, en, policy))
    kinds = dict(raw.get("kinds") or {})
    if any(k not in _KINDS for k in kinds.values()):
        raise LexiconSyntaxError(f"{key}: unknown kind in {kinds}")
    return Family(
        key=key,
        app_name=app_name,
        zh_name=zh_name,
        en_name=en_name,
        triggers=tuple(str(t) for t in raw["triggers"]),
        core=tuple(raw["core"]),
        kinds=kinds,
        labels=dict(raw.get("labels") or {}),
        terms={str(k): str(v) for k, v in (raw.get("terms") or {}).items()},
        extra={m: tuple(parse_field(f) for f in fs) for m, fs in (raw.get("extra") or {}).items()},
        roles=tuple(roles),
        features=tuple(_pair(key, str(f)) for f in raw["features"]),
    )


def _pair(where: str, text: str) -> tuple[str, str]:
    zh, sep, en = text.partition("|")
    if not (sep and zh and en):
        raise LexiconSyntaxError(f"{where}: expected 中文|English, got {text!r}")
    return zh, en


def _words(raw: dict[str, Any]) -> Words:
    heads = {word: cls for cls, members in raw["heads"].items() for word in members}
    return Words(
        zh_words={str(k): tuple(str(v).split()) for k, v in raw["zh_words"].items()},
        heads=heads,
        zh_stop=frozenset(raw["zh_stop"]),
        # Longest first, so that 以及 is cut before 及.
        zh_lead=tuple(sorted(raw["zh_lead"], key=lambda w: (-len(w), w))),
        zh_trail=tuple(sorted(raw["zh_trail"], key=lambda w: (-len(w), w))),
        en_stop=frozenset(raw["en_stop"]),
        en_noun_context=frozenset(raw["en_noun_context"]),
        en_noun_follow=frozenset(str(w) for w in raw["en_noun_follow"]),
        en_verbs={str(k): str(v) for k, v in raw["en_verbs"].items()},
    )


def _check(lexicon: Lexicon) -> None:
    """Every name a data file mentions must exist; terms must not be claimed twice."""
    models = lexicon.concepts
    owner: dict[str, str] = {}
    templates: list[tuple[str, FieldTemplate]] = []
    for concept in models.values():
        templates.extend((concept.name, f) for f in concept.fields)
        for term in concept.terms:
            key = term.lstrip("~").lower()
            if owner.setdefault(key, concept.name) != concept.name:
                raise LexiconSyntaxError(
                    f"term {term!r} claimed by {owner[key]} and {concept.name}"
                )
        for link in concept.links:
            if link.target not in models:
                raise LexiconSyntaxError(f"{concept.name}.{link.name}: unknown {link.target}")
    for family in lexicon.families:
        named = [*family.core, *family.kinds, *family.labels, *family.terms.values(), *family.extra]
        for model in named:
            if model not in models:
                raise LexiconSyntaxError(f"family {family.key}: unknown concept {model}")
        templates.extend((family.key, f) for fs in family.extra.values() for f in fs)
    templates.extend(("generic", f) for fs in lexicon.generic.values() for f in fs)
    for verb, model in lexicon.words.en_verbs.items():
        if model not in models:
            raise LexiconSyntaxError(f"verb {verb}: unknown concept {model}")
    for where, template in templates:
        if template.type is FieldType.ENUM and template.enum not in lexicon.enums:
            raise LexiconSyntaxError(f"{where}.{template.name}: unknown enum {template.enum}")
        for target in (*template.targets, *template.only_if, *template.unless):
            if target not in models:
                raise LexiconSyntaxError(f"{where}.{template.name}: unknown model {target}")
        if template.name == DERIVED and template.type is not FieldType.REFERENCE:
            raise LexiconSyntaxError(f"{where}: only a reference may be named {DERIVED}")
