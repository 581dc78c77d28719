"""AppSpec -> Project: every name chosen once, safely, and every relation resolved.

The spec may come from a model or a person and may skip validation, so nothing is trusted: an
unknown reference target becomes a plain id column, an enum without values a string, a
duplicate or implicit field a renamed (or dropped) one. See ``identifiers`` for the rules.
"""

from __future__ import annotations

import dataclasses

from ingenio.pipeline.appspec import AppSpec, DataModel, FieldSpec, FieldType, RelationKind
from ingenio.pipeline.codegen import bounds
from ingenio.pipeline.codegen.escaping import clean_text
from ingenio.pipeline.codegen.identifiers import (
    MAX_SQL_LENGTH,
    SQL_RESERVED,
    NameRegistry,
    camel,
    constant_name,
    first_words,
    kebab,
    member_name,
    singular,
    snake,
    sql_words,
    type_name,
    words,
)
from ingenio.pipeline.codegen.kotlin_names import TEMPLATE_TYPE_NAMES
from ingenio.pipeline.codegen.model import (
    ENTITY_CLASS_SUFFIXES,
    Entity,
    EnumConstant,
    EnumType,
    Field,
    InverseCollection,
    JoinTable,
    Kind,
    Project,
)
from ingenio.pipeline.errors import CodegenError
from ingenio.pipeline.events import Stage
from ingenio.pipeline.naming import package_name_problem

# Entity members the templates declare, the DTO mapper's name, and what data classes generate.
IMPLICIT_MEMBERS = (
    "id", "createdAt", "updatedAt", "onCreate", "onUpdate", "toResponse",
    "copy", "equals", "hashCode", "toString",
)  # fmt: skip
IMPLICIT_COLUMNS = ("id", "created_at", "updated_at")


def build_model(spec: AppSpec) -> Project:
    problem = package_name_problem(spec.package_name)
    if problem:
        raise CodegenError(Stage.GENERATE, f"包名不可用：{problem}")
    classes = NameRegistry(TEMPLATE_TYPE_NAMES, fold_case=True)
    app_class = classes.claim(type_name(spec.app_name, fallback="App") + "Application")
    resolver = _Resolver(spec, classes)
    entities = resolver.entities()
    app_words = first_words(spec.app_name, spec.display_name) or ["app"]
    return Project(
        spec=spec,
        package=spec.package_name,
        app_class=app_class,
        folder=kebab(app_words),
        database=snake(sql_words(spec.app_name) or ["app"])[:MAX_SQL_LENGTH],
        display_name=spec.display_name or spec.app_name,
        description=spec.description,
        entities=entities,
        enums=tuple(resolver.enums),
    )


class _Resolver:
    def __init__(self, spec: AppSpec, classes: NameRegistry) -> None:
        self.spec = spec
        self.classes = classes
        self.relations = NameRegistry(
            ["flyway_schema_history"], joiner="_", max_length=MAX_SQL_LENGTH
        )
        self.enums: list[EnumType] = []
        self.class_of: dict[str, str] = {}  # spec model name (several spellings) -> class
        # Kept for the second pass that adds one-to-many collections: each entity's member
        # names, and the property each reference field got, by (class, spec field name).
        self.members: dict[str, NameRegistry] = {}
        self.reference_props: dict[tuple[str, str], str] = {}

    def entities(self) -> tuple[Entity, ...]:
        paths = NameRegistry(joiner="-")
        tags = NameRegistry()
        shells: list[tuple[DataModel, Entity]] = []
        for index, model in enumerate(self.spec.models, 1):
            base = type_name(model.name, model.label, fallback=f"Model{index}")
            if self.classes.taken(base) and base.lower() in _TEMPLATE_FOLDED:
                base += "Item"  # `Table` -> `TableItem` reads better than `Table2`
            cls = self.classes.claim(base, lambda b: [b + s for s in ENTITY_CLASS_SUFFIXES])
            for key in (model.name, model.name.lower(), base):
                self.class_of.setdefault(key, cls)
            table_words = sql_words(model.table_name) or [*sql_words(cls)[:-1], _plural(cls)]
            table = snake(table_words)
            if table in SQL_RESERVED or table.startswith("pg_"):
                table = "app_" + table
            label = model.label or model.name
            tag = clean_text(label) or cls
            shells.append(
                (
                    model,
                    Entity(
                        class_name=cls,
                        label=label,
                        tag=tags.claim(tag if not tags.taken(tag) else f"{tag} ({cls})"),
                        description=model.description,
                        table=self.relations.claim(table),
                        path="/api/" + paths.claim(kebab(words(model.table_name) or table_words)),
                        fields=(),
                    ),
                )
            )
        with_fields = [self._with_fields(model, shell) for model, shell in shells]
        # Second pass: a collection needs the child's reference field, which may belong to an
        # entity resolved later.
        return tuple(self._with_inverse(entity, with_fields) for entity in with_fields)

    def _target(self, name: str | None) -> str | None:
        if not name:
            return None
        for key in (name, name.lower(), type_name(name, fallback="")):
            if key in self.class_of:
                return self.class_of[key]
        return None

    def _with_fields(self, model: DataModel, entity: Entity) -> Entity:
        members = self.members.setdefault(entity.class_name, NameRegistry(IMPLICIT_MEMBERS))
        columns = NameRegistry(IMPLICIT_COLUMNS, joiner="_", max_length=MAX_SQL_LENGTH)
        fields: list[Field] = []
        for index, spec_field in enumerate(model.fields, 1):
            if _is_implicit(spec_field):
                continue
            fields.append(self._field(entity, spec_field, index, members, columns))
        declared = {f.name for f in model.fields}
        for rel in self.spec.relations:
            if rel.kind is RelationKind.ONE_TO_MANY:
                continue  # the inverse side, added by _with_inverse once every entity exists
            if self._target(rel.from_model) != entity.class_name or rel.field_name in declared:
                continue
            target = self._target(rel.to_model)
            if target is None:
                continue
            declared.add(rel.field_name)
            if rel.kind is RelationKind.MANY_TO_ONE:
                implied = FieldSpec(
                    name=rel.field_name,
                    label=rel.label or rel.field_name,
                    type=FieldType.REFERENCE,
                    reference=rel.to_model,
                )
                fields.append(self._field(entity, implied, len(fields) + 1, members, columns))
            else:
                fields.append(self._collection(entity, rel.field_name, rel.label, target, members))
        return dataclasses.replace(entity, fields=tuple(fields))

    def _with_inverse(self, entity: Entity, entities: list[Entity]) -> Entity:
        """Add a read-only collection for each one-to-many relation from this entity.

        By the AppSpec convention a one-to-many's ``fieldName`` is the child's reference field
        (the JPA ``mappedBy``), so the collection is named after the child (``products``). A
        spec that uses ``fieldName`` as the collection's name instead still works: the child's
        first reference back to this entity owns it. With no reference back the relation cannot
        be mapped, so it is skipped rather than invented.
        """
        members = self.members[entity.class_name]
        owned: set[tuple[str, str]] = set()  # (child, mapped_by): one collection each
        collections: list[InverseCollection] = []
        for rel in self.spec.relations:
            child = self._target(rel.to_model)
            if rel.kind is not RelationKind.ONE_TO_MANY or child is None:
                continue
            if self._target(rel.from_model) != entity.class_name:
                continue
            back = [
                f.prop
                for e in entities
                if e.class_name == child
                for f in e.fields
                if f.kind is Kind.REFERENCE and f.target == entity.class_name
            ]
            named = self.reference_props.get((child, rel.field_name))
            mapped_by = named if named in back else next(iter(back), None)
            if mapped_by is None or (child, mapped_by) in owned:
                continue
            owned.add((child, mapped_by))
            # Two references from one child (buyer, seller) give buyerOrders and sellerOrders.
            qualifier = sql_words(mapped_by) if len(back) > 1 else []
            plural = camel([*qualifier, *sql_words(child)[:-1], _plural(child)])
            base = plural if named in back else member_name(rel.field_name, fallback=plural)
            label = rel.label or next(e.label for e in entities if e.class_name == child)
            collections.append(InverseCollection(members.claim(base), label, child, mapped_by))
        return dataclasses.replace(entity, inverse=tuple(collections))

    def _field(
        self,
        entity: Entity,
        f: FieldSpec,
        index: int,
        members: NameRegistry,
        columns: NameRegistry,
    ) -> Field:
        kind = Kind(f.type.value)
        target = self._target(f.reference) if kind is Kind.REFERENCE else None
        if kind is Kind.REFERENCE and target is None:
            kind = Kind.LONG  # keeps the id the requirement asked for, without a foreign key
        if kind is Kind.ENUM and not f.enum_values:
            kind = Kind.STRING
        base = member_name(f.name, f.label, fallback=f"field{index}")
        if kind is Kind.REFERENCE:
            ws = words(base)
            base = camel(ws[:-1]) if len(ws) > 1 and ws[-1] == "id" else base
            prop = members.claim(base, lambda b: (b, b + "Id"))
            column = columns.claim(snake([*sql_words(prop), "id"]))
            self.reference_props.setdefault((entity.class_name, f.name), prop)
        else:
            prop = members.claim(base)
            column_name = snake(sql_words(prop))
            if column_name in SQL_RESERVED:
                column_name += "_value"
            column = columns.claim(column_name)
        min_length, max_length = bounds.lengths(kind, f.min_length, f.max_length)
        min_value, max_value = bounds.values(kind, f.min_value, f.max_value)
        return Field(
            prop=prop,
            dto=prop + "Id" if kind is Kind.REFERENCE else prop,
            column=column,
            kind=kind,
            label=f.label or f.name,
            description=f.description,
            required=f.required,
            unique=f.unique,
            min_length=min_length,
            max_length=max_length,
            min_value=min_value,
            max_value=max_value,
            enum=self._enum(entity, prop, f) if kind is Kind.ENUM else None,
            target=target,
        )

    def _enum(self, entity: Entity, prop: str, f: FieldSpec) -> EnumType:
        names = NameRegistry(joiner="_")
        constants = tuple(
            EnumConstant(
                name=names.claim(constant_name(v.name, v.label, fallback=f"VALUE_{i}")),
                label=v.label or v.name,
            )
            for i, v in enumerate(f.enum_values, 1)
        )
        class_name = self.classes.claim(entity.class_name + prop[0].upper() + prop[1:])
        enum = EnumType(class_name=class_name, label=f.label or f.name, constants=constants)
        self.enums.append(enum)
        return enum

    def _collection(
        self, entity: Entity, name: str, label: str, target: str, members: NameRegistry
    ) -> Field:
        base = member_name(name, label, fallback=target[0].lower() + target[1:] + "List")
        prop = members.claim(base, lambda b: (b, singular(b) + "Ids"))
        join_columns = NameRegistry(joiner="_", max_length=MAX_SQL_LENGTH)
        owner_column = join_columns.claim(snake([*sql_words(entity.class_name), "id"]))
        target_column = snake([*sql_words(target), "id"])
        if join_columns.taken(target_column):
            target_column = snake([*sql_words(singular(prop)), "id"])
        return Field(
            prop=prop,
            dto=singular(prop) + "Ids",
            column=None,
            kind=Kind.MANY,
            label=label or name,
            target=target,
            join=JoinTable(
                name=self.relations.claim(snake([entity.table, *sql_words(prop)])),
                owner_column=owner_column,
                target_column=join_columns.claim(target_column),
            ),
        )


_TEMPLATE_FOLDED = frozenset(name.lower() for name in TEMPLATE_TYPE_NAMES)


def _plural(class_name: str) -> str:
    last = (sql_words(class_name) or ["item"])[-1]
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        return last[:-1] + "ies"
    return last + ("es" if last.endswith(("s", "x", "ch", "sh")) else "s")


def _is_implicit(f: FieldSpec) -> bool:
    """A field that only restates the implicit id/createdAt/updatedAt (which are never listed)."""
    name = camel(words(f.name))
    if name == "id":
        return f.type in (FieldType.INT, FieldType.LONG)
    if name in ("createdAt", "updatedAt"):
        return f.type in (FieldType.DATE, FieldType.DATETIME)
    return False
