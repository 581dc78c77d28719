"""Checks on what ties the models together: relations, endpoints, pages and roles."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from ingenio.pipeline.appspec import (
    AppSpec,
    DataModel,
    FieldType,
    HttpMethod,
    Operation,
    PageType,
    RelationKind,
)
from ingenio.pipeline.validation import names
from ingenio.pipeline.validation.collector import Collector, Subject

CRUD_OPERATIONS: dict[Operation, str] = {
    Operation.LIST: "列表",
    Operation.GET: "详情",
    Operation.CREATE: "新增",
    Operation.UPDATE: "修改",
    Operation.DELETE: "删除",
}
MODEL_PAGES: dict[PageType, str] = {
    PageType.LIST: "列表",
    PageType.DETAIL: "详情",
    PageType.FORM: "表单",
}
_PAGE_TYPE_LABELS = {**MODEL_PAGES, PageType.DASHBOARD: "仪表盘"}

# Spring maps /api/products/{id} and /api/products/{productId} to the same route.
_PATH_VARIABLE = re.compile(r"\{[^/}]*\}")


def check_relations(spec: AppSpec, known: Mapping[str, DataModel], out: Collector) -> None:
    declared: set[tuple[str, str]] = set()
    for k, rel in enumerate(spec.relations):
        path = f"$.relations[{k}]"
        out.examined(Subject.RELATION)
        source, target = known.get(rel.from_model), known.get(rel.to_model)
        if source is None:
            out.add("RELATION_UNKNOWN_MODEL", f"{path}.fromModel", index=k + 1, name=rel.from_model)
        if target is None:
            out.add("RELATION_UNKNOWN_MODEL", f"{path}.toModel", index=k + 1, name=rel.to_model)
        if rel.kind is RelationKind.MANY_TO_ONE:
            declared.add((rel.from_model, rel.field_name))
            if source is None:
                continue
            field = next((f for f in source.fields if f.name == rel.field_name), None)
            if field is None:
                out.add(
                    "RELATION_FIELD_UNKNOWN",
                    f"{path}.fieldName",
                    model=rel.from_model,
                    field=rel.field_name,
                )
            elif field.type is not FieldType.REFERENCE:
                out.add(
                    "RELATION_FIELD_NOT_REFERENCE",
                    f"{path}.fieldName",
                    type=field.type.value,
                    model=rel.from_model,
                    field=rel.field_name,
                )
            elif (
                target is not None and field.reference in known and field.reference != rel.to_model
            ):
                out.add(
                    "RELATION_TARGET_MISMATCH",
                    f"{path}.toModel",
                    to=rel.to_model,
                    target=field.reference,
                    model=rel.from_model,
                    field=rel.field_name,
                )
        elif rel.kind is RelationKind.ONE_TO_MANY and source is not None and target is not None:
            # The "many" side must hold the column; without it the relation cannot be stored.
            if not any(
                f.type is FieldType.REFERENCE and f.reference == rel.from_model
                for f in target.fields
            ):
                out.add("RELATION_NO_INVERSE", path, model=rel.from_model, to=rel.to_model)

    for i, model in enumerate(spec.models):
        for j, field in enumerate(model.fields):
            if field.type is not FieldType.REFERENCE or field.reference not in known:
                continue
            out.examined(Subject.REFERENCE_FIELD)
            if (model.name, field.name) not in declared:
                out.add(
                    "REF_NO_RELATION",
                    f"$.models[{i}].fields[{j}]",
                    model=model.name,
                    field=field.name,
                    target=field.reference,
                )


def check_endpoints(spec: AppSpec, known: Mapping[str, DataModel], out: Collector) -> None:
    operations: defaultdict[str, set[Operation]] = defaultdict(set)
    first_by_route: dict[tuple[HttpMethod, str], int] = {}
    for k, endpoint in enumerate(spec.endpoints):
        path = f"$.endpoints[{k}]"
        out.examined(Subject.ENDPOINT)
        if endpoint.model in known:
            operations[endpoint.model].add(endpoint.operation)
        else:
            out.add(
                "ENDPOINT_UNKNOWN_MODEL",
                f"{path}.model",
                name=endpoint.model,
                method=endpoint.method.value,
                path=endpoint.path,
            )
        if not endpoint.path.startswith("/api/"):
            out.add("ENDPOINT_PATH_NOT_API", f"{path}.path", path=endpoint.path)
        route = (endpoint.method, _PATH_VARIABLE.sub("{}", endpoint.path).rstrip("/"))
        if route in first_by_route:
            out.add(
                "ENDPOINT_DUPLICATE",
                f"{path}.path",
                first=first_by_route[route] + 1,
                method=endpoint.method.value,
                path=endpoint.path,
            )
        else:
            first_by_route[route] = k

    for i, model in enumerate(spec.models):
        out.examined(Subject.CRUD_SLOT, len(CRUD_OPERATIONS))
        present = operations.get(model.name)
        if not present:
            out.add(
                "MODEL_NOT_REACHABLE",
                f"$.models[{i}]",
                units=len(CRUD_OPERATIONS),
                model=model.name,
                plural=model.table_name.replace("_", "-"),
            )
            continue
        missing = [label for op, label in CRUD_OPERATIONS.items() if op not in present]
        if missing:
            out.add(
                "MODEL_MISSING_CRUD",
                f"$.models[{i}]",
                units=len(missing),
                model=model.name,
                ops="、".join(missing),
            )


def check_pages(spec: AppSpec, known: Mapping[str, DataModel], out: Collector) -> None:
    page_types: defaultdict[str, set[PageType]] = defaultdict(set)
    for k, page in enumerate(spec.pages):
        path = f"$.pages[{k}]"
        names.pascal(out, f"{path}.name", page.name, "页面名", "ProductList")
        names.label(out, f"{path}.title", page.title, "页面", page.name)
        if page.model is None:
            if page.type is not PageType.DASHBOARD:
                out.add(
                    "PAGE_MISSING_MODEL",
                    f"{path}.model",
                    type=_PAGE_TYPE_LABELS[page.type],
                    page=page.name,
                )
        elif page.model in known:
            page_types[page.model].add(page.type)
        else:
            out.add("PAGE_UNKNOWN_MODEL", f"{path}.model", page=page.name, name=page.model)

    for i, model in enumerate(spec.models):
        out.examined(Subject.PAGE_SLOT, len(MODEL_PAGES))
        present = page_types.get(model.name, set())
        missing = [label for kind, label in MODEL_PAGES.items() if kind not in present]
        if missing:
            out.add(
                "MODEL_MISSING_PAGES",
                f"$.models[{i}]",
                units=len(missing),
                model=model.name,
                types="、".join(missing),
            )


def check_roles(spec: AppSpec, known: Mapping[str, DataModel], out: Collector) -> None:
    out.examined(Subject.ROLE_SET)
    if not spec.roles:
        out.add("NO_ROLES", "$.roles")
        return
    guarded: set[str] = set()
    for r, role in enumerate(spec.roles):
        path = f"$.roles[{r}]"
        out.examined(Subject.ROLE)
        names.upper_snake(out, f"{path}.name", role.name, "角色名", "ADMIN")
        names.label(out, f"{path}.label", role.label, "角色", role.name)
        if not any(p.actions for p in role.permissions):
            out.add("ROLE_NO_PERMISSIONS", f"{path}.permissions", role=role.name)
        for p, permission in enumerate(role.permissions):
            out.examined(Subject.PERMISSION)
            if permission.model not in known:
                out.add(
                    "PERMISSION_UNKNOWN_MODEL",
                    f"{path}.permissions[{p}].model",
                    role=role.name,
                    name=permission.model,
                )
            elif permission.actions:
                guarded.add(permission.model)
    if not guarded:
        return  # no role grants anything on a known model; the role findings say why
    for i, model in enumerate(spec.models):
        out.examined(Subject.GUARDED_MODEL)
        if model.name not in guarded:
            out.add("MODEL_WITHOUT_PERMISSION", f"$.models[{i}]", model=model.name)
