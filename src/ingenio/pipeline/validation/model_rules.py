"""Checks on the app header, the data models and their fields."""

from __future__ import annotations

from collections.abc import Mapping

from ingenio.pipeline.appspec import AppSpec, DataModel, FieldSpec, FieldType
from ingenio.pipeline.naming import package_name_problem
from ingenio.pipeline.validation import names
from ingenio.pipeline.validation.collector import Collector, Subject
from ingenio.pipeline.validation.reserved import (
    IMPLICIT_COLUMNS,
    KOTLIN_BUILTIN_TYPES,
    KOTLIN_HARD_KEYWORDS,
    SQL_RESERVED,
    is_natural_key,
    to_snake,
)


def check_app(spec: AppSpec, out: Collector) -> None:
    problem = package_name_problem(spec.package_name)
    if problem:
        out.add("PACKAGE_NAME_INVALID", "$.packageName", name=spec.package_name, reason=problem)
    names.pascal(out, "$.appName", spec.app_name, "应用名", "CampusMarketplace")
    names.label(out, "$.displayName", spec.display_name, "应用", spec.app_name)
    names.description(
        out, "$.description", spec.description, "应用", spec.display_name or spec.app_name
    )
    if not spec.models:
        out.add("NO_MODELS", "$.models")


def check_models(spec: AppSpec, known: Mapping[str, DataModel], out: Collector) -> None:
    first_by_name: dict[str, int] = {}
    owner_by_table: dict[str, str] = {}
    for i, model in enumerate(spec.models):
        path = f"$.models[{i}]"
        out.examined(Subject.MODEL)
        # Case-insensitive: User.kt and user.kt collide on macOS and Windows file systems, and
        # PostgreSQL folds unquoted table names to lower case.
        key = model.name.lower()
        if key in first_by_name:
            out.add(
                "MODEL_NAME_DUPLICATE",
                f"{path}.name",
                name=model.name,
                first=first_by_name[key] + 1,
            )
        else:
            first_by_name[key] = i
        table = model.table_name.lower()
        if table in owner_by_table:
            out.add(
                "TABLE_NAME_DUPLICATE",
                f"{path}.tableName",
                name=model.table_name,
                other=owner_by_table[table],
            )
        else:
            owner_by_table[table] = model.name

        names.pascal(out, f"{path}.name", model.name, "模型名", "Product")
        if model.name in KOTLIN_BUILTIN_TYPES or model.name in KOTLIN_HARD_KEYWORDS:
            out.add("NAME_RESERVED_KOTLIN", f"{path}.name", kind="模型名", name=model.name)
        names.snake(out, f"{path}.tableName", model.table_name, model.name)
        if table in SQL_RESERVED:
            out.add("NAME_RESERVED_SQL", f"{path}.tableName", kind="表名", name=model.table_name)
        names.label(out, f"{path}.label", model.label, "模型", model.name)
        names.description(
            out, f"{path}.description", model.description, "模型", model.label or model.name
        )
        _check_field_set(model, path, out)
        for j, spec_field in enumerate(model.fields):
            _check_field(model, spec_field, f"{path}.fields[{j}]", known, out)


def _check_field_set(model: DataModel, path: str, out: Collector) -> None:
    if not model.fields:
        out.add("MODEL_NO_FIELDS", f"{path}.fields", model=model.name)
        return
    if len(model.fields) == 1:
        out.add("MODEL_FEW_FIELDS", f"{path}.fields", model=model.name)
    out.examined(Subject.MODEL_WITH_FIELDS)
    if not any(f.required for f in model.fields):
        out.add("MODEL_NO_REQUIRED_FIELD", f"{path}.fields", model=model.name)
    seen: set[str] = set()
    for j, spec_field in enumerate(model.fields):
        # Two spellings of one column (orderNo, order_no, OrderNo) are the same field.
        column, lower = to_snake(spec_field.name), spec_field.name.lower()
        name_path = f"{path}.fields[{j}].name"
        if column in IMPLICIT_COLUMNS:
            out.add("FIELD_NAME_IMPLICIT", name_path, model=model.name, name=spec_field.name)
        elif column in seen or lower in seen:
            out.add("FIELD_NAME_DUPLICATE", name_path, model=model.name, name=spec_field.name)
        seen.update((column, lower))


def _check_field(
    model: DataModel,
    spec_field: FieldSpec,
    path: str,
    known: Mapping[str, DataModel],
    out: Collector,
) -> None:
    name, kind = spec_field.name, spec_field.type
    names.camel(out, f"{path}.name", name, model.name)
    if name in KOTLIN_HARD_KEYWORDS:
        out.add("NAME_RESERVED_KOTLIN", f"{path}.name", kind="字段名", name=name)
    column = to_snake(name)
    # A reference becomes "<name>_id", which no reserved word ends with.
    if kind is not FieldType.REFERENCE and column in SQL_RESERVED:
        out.add("NAME_RESERVED_SQL", f"{path}.name", kind="列名", name=column)
    names.label(out, f"{path}.label", spec_field.label, "字段", f"{model.name}.{name}")

    if kind is FieldType.STRING:
        out.examined(Subject.STRING_FIELD)
        if spec_field.max_length is None:
            out.add(
                "STRING_NO_MAX_LENGTH", f"{path}.maxLength", model=model.name, field=spec_field.name
            )
    elif kind is FieldType.REFERENCE:
        if not spec_field.reference:
            out.add(
                "REF_MISSING_TARGET", f"{path}.reference", model=model.name, field=spec_field.name
            )
        elif spec_field.reference not in known:
            out.add(
                "REF_UNKNOWN_MODEL",
                f"{path}.reference",
                target=spec_field.reference,
                model=model.name,
                field=spec_field.name,
            )
    elif kind is FieldType.ENUM:
        _check_enum(model, spec_field, path, out)

    if is_natural_key(spec_field):
        out.examined(Subject.NATURAL_KEY)
        if not spec_field.unique:
            out.add("UNIQUE_KEY_MISSING", f"{path}.unique", model=model.name, field=spec_field.name)
    lo, hi = spec_field.min_length, spec_field.max_length
    if lo is not None and hi is not None and lo > hi:
        out.add(
            "LENGTH_RANGE_INVALID",
            f"{path}.minLength",
            min=lo,
            max=hi,
            model=model.name,
            field=spec_field.name,
        )
    vlo, vhi = spec_field.min_value, spec_field.max_value
    if vlo is not None and vhi is not None and vlo > vhi:
        out.add(
            "VALUE_RANGE_INVALID",
            f"{path}.minValue",
            min=names.number(vlo),
            max=names.number(vhi),
            model=model.name,
            field=spec_field.name,
        )


def _check_enum(model: DataModel, spec_field: FieldSpec, path: str, out: Collector) -> None:
    if not spec_field.enum_values:
        out.add("ENUM_NO_VALUES", f"{path}.enumValues", model=model.name, field=spec_field.name)
        return
    seen: set[str] = set()
    for k, value in enumerate(spec_field.enum_values):
        value_path = f"{path}.enumValues[{k}]"
        if value.name in seen:
            out.add(
                "ENUM_VALUE_DUPLICATE",
                f"{value_path}.name",
                name=value.name,
                model=model.name,
                field=spec_field.name,
            )
        seen.add(value.name)
        names.upper_snake(out, f"{value_path}.name", value.name, "枚举取值", "ON_SALE")
        names.label(out, f"{value_path}.label", value.label, "枚举取值", value.name)
