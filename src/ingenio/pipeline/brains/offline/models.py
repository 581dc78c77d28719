"""Data models and relations from the picked entities.

A reference field is kept only when one of its targets is in the spec, so there is never a
dangling reference; every kept reference gets its many_to_one relation and the one_to_many
inverse on the target; many_to_many collections appear where the concept declares them (Post
and Tag) and their target exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from ingenio.pipeline.appspec import (
    DataModel,
    EnumValue,
    FieldSpec,
    FieldType,
    RelationKind,
    RelationSpec,
)
from ingenio.pipeline.brains.offline.analysis import Pick
from ingenio.pipeline.brains.offline.dsl import DERIVED, FieldTemplate
from ingenio.pipeline.brains.offline.lexicon import Family, Lexicon
from ingenio.pipeline.brains.offline.names import camel, table_name
from ingenio.pipeline.brains.offline.scan import Language

DEFAULT_MAX_LENGTH = 255
IMPLICIT_FIELDS = frozenset({"id", "createdat", "updatedat"})


def build_models(
    picks: Iterable[Pick], family: Family | None, language: Language, lexicon: Lexicon
) -> tuple[list[DataModel], list[RelationSpec]]:
    picks = list(picks)
    present = frozenset(p.name for p in picks)
    labels = {p.name: p.label for p in picks}
    models: list[DataModel] = []
    relations: list[RelationSpec] = []
    tables: set[str] = set()
    for pick in picks:
        fields = _fields(pick, family, present, labels, language, lexicon)
        table = table_name(pick.name)
        while table in tables:  # two names with one plural; keep tables distinct
            table += "_x"
        tables.add(table)
        models.append(
            DataModel(
                name=pick.name,
                label=pick.label,
                table_name=table,
                description=_model_description(pick.label, fields, language),
                fields=fields,
            )
        )
        relations.extend(_relations(pick, fields, labels, language))
        for link in pick.concept.links if pick.concept else ():
            if link.target in present and not present.intersection(link.unless):
                relations.append(
                    RelationSpec(
                        from_model=pick.name,
                        to_model=link.target,
                        kind=RelationKind.MANY_TO_MANY,
                        field_name=link.name,
                        label=link.zh if language == "zh" else link.en,
                    )
                )
    return models, relations


def _templates(pick: Pick, family: Family | None, lexicon: Lexicon) -> list[FieldTemplate]:
    if pick.concept is None:
        return list(lexicon.generic.get(pick.head, lexicon.generic["default"]))
    extra = {f.name: f for f in (family.extra.get(pick.name, ()) if family else ())}
    merged = [extra.pop(f.name, f) for f in pick.concept.fields]
    return [*merged, *extra.values()]


def _fields(
    pick: Pick,
    family: Family | None,
    present: frozenset[str],
    labels: dict[str, str],
    language: Language,
    lexicon: Lexicon,
) -> list[FieldSpec]:
    fields: list[FieldSpec] = []
    seen: set[str] = set()
    for template in _templates(pick, family, lexicon):
        if not template.applies(present):
            continue
        target = next((t for t in template.targets if t in present), None)
        if template.type is FieldType.REFERENCE and target is None:
            continue  # its target is not part of this app
        name = camel(target) if template.name == DERIVED and target else template.name
        if name.lower() in seen or name.lower() in IMPLICIT_FIELDS:
            continue
        seen.add(name.lower())
        label = template.zh if language == "zh" else template.en
        if label == DERIVED and target:
            label = labels[target]
        fields.append(_field(template, name, label, target, pick.label, language, lexicon))
    return fields


def _field(
    template: FieldTemplate,
    name: str,
    label: str,
    target: str | None,
    model_label: str,
    language: Language,
    lexicon: Lexicon,
) -> FieldSpec:
    max_length = template.max_length
    if template.type is FieldType.STRING and max_length is None:
        max_length = DEFAULT_MAX_LENGTH
    options = lexicon.enums.get(template.enum or "", ())
    description = (
        f"{model_label}的{label}" if language == "zh" else f"{label} of the {model_label.lower()}"
    )
    return FieldSpec(
        name=name,
        label=label,
        type=template.type,
        description=description,
        required=template.required,
        unique=template.unique,
        min_length=template.min_length,
        max_length=max_length,
        min_value=template.min_value,
        max_value=template.max_value,
        enum_values=[
            EnumValue(name=o.name, label=o.zh if language == "zh" else o.en) for o in options
        ],
        reference=target,
    )


def _relations(
    pick: Pick, fields: list[FieldSpec], labels: dict[str, str], language: Language
) -> list[RelationSpec]:
    relations: list[RelationSpec] = []
    for f in fields:
        if f.type is not FieldType.REFERENCE or f.reference is None:
            continue
        inverse = f"{pick.label}（{f.label}）" if language == "zh" else f"{pick.label} ({f.label})"
        relations.append(
            RelationSpec(
                from_model=pick.name,
                to_model=f.reference,
                kind=RelationKind.MANY_TO_ONE,
                field_name=f.name,
                label=f.label,
            )
        )
        relations.append(
            RelationSpec(
                from_model=f.reference,
                to_model=pick.name,
                kind=RelationKind.ONE_TO_MANY,
                field_name=f.name,
                label=inverse,
            )
        )
    return relations


def _model_description(label: str, fields: list[FieldSpec], language: Language) -> str:
    shown = [f.label for f in fields[:3]]
    if language == "zh":
        return f"{label}：记录{'、'.join(shown)}等信息" if shown else f"{label}数据"
    listed = ", ".join(s.lower() for s in shown)
    return f"{label}: records {listed} and more" if shown else f"{label} records"
