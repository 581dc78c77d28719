"""The one-line field syntax of the lexicon's YAML files, and the templates it describes.

A field is written ``name type [flags...] | 中文标签 | English label``, for example
``price decimal required range:0..99999999 | 价格 | Price``. Flags: ``required``, ``unique``,
``len:min..max``, ``range:min..max`` (either bound may be left out), ``if:Model`` and
``unless:Model`` (the field exists only when that model is, or is not, in the spec). A type is
``string text int long decimal boolean date datetime``, ``enum:EnumName`` or
``ref:Target[/Fallback...]``: a reference to the first of those models the spec has, dropped
when it has none. A field named ``_`` takes its name and label from that target.

One line per field keeps about 170 concepts readable in a few screens of YAML, where the
equivalent Python literals would run to thousands of lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingenio.pipeline.appspec import FieldType

DERIVED = "_"  # a field (or label) named after the reference target the spec has


class LexiconSyntaxError(ValueError):
    """A data file does not follow the syntax above; raised at load time, never per request."""


@dataclass(frozen=True, slots=True)
class EnumOption:
    name: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class FieldTemplate:
    name: str
    type: FieldType
    zh: str
    en: str
    required: bool = False
    unique: bool = False
    min_length: int | None = None
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    enum: str | None = None
    targets: tuple[str, ...] = ()
    only_if: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def applies(self, present: frozenset[str]) -> bool:
        return all(m in present for m in self.only_if) and not any(
            m in present for m in self.unless
        )


@dataclass(frozen=True, slots=True)
class LinkTemplate:
    """A many-to-many collection, e.g. ``tags Tag | 标签 | Tags`` on Post."""

    name: str
    target: str
    zh: str
    en: str
    unless: tuple[str, ...] = ()


_SIMPLE_TYPES = {t.value: t for t in FieldType if t not in (FieldType.ENUM, FieldType.REFERENCE)}


def parse_field(line: str) -> FieldTemplate:
    head, zh, en = _split_labels(line)
    words = head.split()
    if len(words) < 2:
        raise LexiconSyntaxError(f"field needs a name and a type: {line!r}")
    name, type_word, *flags = words
    kwargs: dict[str, object] = {}
    if type_word.startswith("enum:"):
        field_type, kwargs["enum"] = FieldType.ENUM, type_word[5:]
    elif type_word.startswith("ref:"):
        field_type, kwargs["targets"] = FieldType.REFERENCE, tuple(type_word[4:].split("/"))
    elif type_word in _SIMPLE_TYPES:
        field_type = _SIMPLE_TYPES[type_word]
    else:
        raise LexiconSyntaxError(f"unknown type {type_word!r} in {line!r}")
    for flag in flags:
        key, _, value = flag.partition(":")
        if flag in ("required", "unique"):
            kwargs[flag] = True
        elif key == "len":
            low, high = _bounds(value, line)
            kwargs["min_length"] = None if low is None else int(low)
            kwargs["max_length"] = None if high is None else int(high)
        elif key == "range":
            kwargs["min_value"], kwargs["max_value"] = _bounds(value, line)
        elif key in ("if", "unless"):
            kwargs["only_if" if key == "if" else "unless"] = tuple(value.split("/"))
        else:
            raise LexiconSyntaxError(f"unknown flag {flag!r} in {line!r}")
    return FieldTemplate(name=name, type=field_type, zh=zh, en=en, **kwargs)  # type: ignore[arg-type]


def parse_link(line: str) -> LinkTemplate:
    head, zh, en = _split_labels(line)
    words = head.split()
    if len(words) < 2:
        raise LexiconSyntaxError(f"link needs a name and a target: {line!r}")
    unless: tuple[str, ...] = ()
    for flag in words[2:]:
        if not flag.startswith("unless:"):
            raise LexiconSyntaxError(f"unknown link flag {flag!r} in {line!r}")
        unless = tuple(flag[7:].split("/"))
    return LinkTemplate(name=words[0], target=words[1], zh=zh, en=en, unless=unless)


def parse_enum_option(text: str) -> EnumOption:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 3 or not all(parts):
        raise LexiconSyntaxError(f"enum option must be NAME|中文|English: {text!r}")
    return EnumOption(*parts)


def _split_labels(line: str) -> tuple[str, str, str]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) == 2 and parts[1] == DERIVED:  # "_ ref:A/B | _": both labels from the target
        parts.append(DERIVED)
    if len(parts) != 3 or not all(parts):
        raise LexiconSyntaxError(f"expected 'definition | 中文 | English': {line!r}")
    return parts[0], parts[1], parts[2]


def _bounds(value: str, line: str) -> tuple[float | None, float | None]:
    low, sep, high = value.partition("..")
    if not sep:
        raise LexiconSyntaxError(f"bounds must be written min..max: {line!r}")
    try:
        return (float(low) if low else None, float(high) if high else None)
    except ValueError as exc:
        raise LexiconSyntaxError(f"bad number in {line!r}") from exc
