"""JPA entities and enum classes (package `<base>.domain`)."""

from __future__ import annotations

from ingenio.pipeline.codegen.escaping import kotlin_string
from ingenio.pipeline.codegen.kotlin_source import INDENT, KotlinFile, annotation, kdoc
from ingenio.pipeline.codegen.kotlin_types import entity_property, type_names
from ingenio.pipeline.codegen.model import DECIMAL_PRECISION, Entity, EnumType, Field, Kind

I1 = INDENT
I2 = INDENT * 2


def render_entity(package: str, entity: Entity) -> str:
    src = KotlinFile(package)
    src.use("Entity", "Table", "Id", "GeneratedValue", "GenerationType", "Column", "Instant")
    src.use("PrePersist", "PreUpdate")
    src.add(*kdoc(entity.label, entity.description))
    src.add(
        "@Entity", f"@Table(name = {kotlin_string(entity.table)})", f"class {entity.class_name} {{"
    )
    src.add(
        "",
        f"{I1}@Id",
        f"{I1}@GeneratedValue(strategy = GenerationType.IDENTITY)",
        f"{I1}var id: Long? = null",
    )
    for f in entity.fields:
        src.add("", *kdoc(f.label, f.description, indent=I1), *_property(src, f))
    for c in entity.inverse:
        src.use("OneToMany")
        src.add(
            "",
            *kdoc(c.label, indent=I1),
            f"{I1}// Read-only: {c.target}.{c.mapped_by} owns the foreign key; change it there.",
            f"{I1}@OneToMany(mappedBy = {kotlin_string(c.mapped_by)})",
            f"{I1}var {c.prop}: MutableSet<{c.target}> = mutableSetOf()",
        )
    src.add(
        "",
        f'{I1}@Column(name = "created_at", nullable = false, updatable = false)',
        f"{I1}var createdAt: Instant = Instant.now()",
        "",
        f'{I1}@Column(name = "updated_at", nullable = false)',
        f"{I1}var updatedAt: Instant = Instant.now()",
        "",
        f"{I1}@PrePersist",
        f"{I1}fun onCreate() {{",
        f"{I2}val now = Instant.now()",
        f"{I2}createdAt = now",
        f"{I2}updatedAt = now",
        f"{I1}}}",
        "",
        f"{I1}@PreUpdate",
        f"{I1}fun onUpdate() {{",
        f"{I2}updatedAt = Instant.now()",
        f"{I1}}}",
        "}",
    )
    return src.render()


def _property(src: KotlinFile, f: Field) -> list[str]:
    src.use(*type_names(f))
    declaration = f"{I1}var {entity_property(f)}"
    if f.kind is Kind.MANY and f.join is not None:
        src.use("ManyToMany", "JoinTable", "JoinColumn")
        return [
            f"{I1}@ManyToMany",
            f"{I1}@JoinTable(",
            f"{I2}name = {kotlin_string(f.join.name)},",
            f"{I2}joinColumns = [JoinColumn(name = {kotlin_string(f.join.owner_column)})],",
            f"{I2}inverseJoinColumns = [JoinColumn(name = {kotlin_string(f.join.target_column)})],",
            f"{I1})",
            declaration,
        ]
    column = kotlin_string(f.column or "")
    if f.kind is Kind.REFERENCE:
        src.use("ManyToOne", "FetchType", "JoinColumn")
        optional = ", optional = false" if f.required else ""
        return [
            f"{I1}@ManyToOne(fetch = FetchType.LAZY{optional})",
            f"{I1}{annotation('JoinColumn', _column_args(f, column))}",
            declaration,
        ]
    lines = []
    if f.kind is Kind.ENUM:
        src.use("Enumerated", "EnumType")
        lines.append(f"{I1}@Enumerated(EnumType.STRING)")
    lines.append(f"{I1}{annotation('Column', _column_args(f, column))}")
    return [*lines, declaration]


def _column_args(f: Field, column: str) -> list[str]:
    args = [f"name = {column}"]
    if f.required:
        args.append("nullable = false")
    if f.unique:
        args.append("unique = true")
    if f.varchar_length is not None:
        args.append(f"length = {f.varchar_length}")
    elif f.is_text:
        args.append('columnDefinition = "text"')
    if f.kind is Kind.DECIMAL:
        args.append(f"precision = {DECIMAL_PRECISION[0]}, scale = {DECIMAL_PRECISION[1]}")
    if f.kind is Kind.ENUM and f.enum is not None:
        args.append(f"length = {f.enum.column_length}")
    return args


def render_enum(package: str, enum: EnumType) -> str:
    src = KotlinFile(package)
    src.add(*kdoc(enum.label))
    src.add(f"enum class {enum.class_name}(val label: String) {{")
    src.add(*(f"{I1}{c.name}({kotlin_string(c.label)})," for c in enum.constants))
    src.add("}")
    return src.render()
