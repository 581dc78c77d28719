"""What users touch: REST endpoints, pages and roles for a set of data models.

Every model gets the same six endpoints and three pages, so every model is reachable; roles come
from the app family (librarian, reader...) or default to an administrator and a user, and their
permissions follow each model's kind: reference data is read by members and managed by staff,
content is fully owned by members, transactions are created and updated but not deleted by them.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingenio.pipeline.appspec import (
    Action,
    DataModel,
    EndpointSpec,
    HttpMethod,
    Operation,
    PageSpec,
    PageType,
    Permission,
    RoleSpec,
)
from ingenio.pipeline.brains.offline.lexicon import Kind, Policy, RoleTemplate
from ingenio.pipeline.brains.offline.names import pluralize, resource_path
from ingenio.pipeline.brains.offline.scan import Language

_C, _R, _U, _D = Action.CREATE, Action.READ, Action.UPDATE, Action.DELETE
_CRUD = [_C, _R, _U, _D]
_PERMISSIONS: Mapping[Policy, Mapping[Kind, list[Action]]] = {
    "all": {"user": _CRUD, "master": _CRUD, "content": _CRUD, "transaction": _CRUD},
    "staff": {"user": [_R, _U], "master": _CRUD, "content": _CRUD, "transaction": _CRUD},
    "member": {"user": [_R, _U], "master": [_R], "content": _CRUD, "transaction": [_C, _R, _U]},
    "viewer": {"user": [_R], "master": [_R], "content": [_R], "transaction": [_R]},
}
_POLICY_TEXT: Mapping[Policy, tuple[str, str]] = {
    "all": ("拥有全部数据的管理权限", "Full access to all data"),
    "staff": ("管理业务数据，查看和更新用户资料", "Manages business data; views and updates users"),
    "member": (
        "浏览基础数据，创建和管理自己的内容与业务记录",
        "Browses reference data; creates and manages own content and records",
    ),
    "viewer": ("只读查看全部数据", "Read-only access to all data"),
}
DEFAULT_ROLES = (
    RoleTemplate("ADMIN", "管理员", "Administrator", "all"),
    RoleTemplate("USER", "普通用户", "User", "member"),
)

# (operation, method, suffix, Chinese summary, English summary)
_ENDPOINTS = (
    (Operation.LIST, HttpMethod.GET, "", "分页查询{z}列表", "List {p}"),
    (Operation.SEARCH, HttpMethod.GET, "/search", "按关键字搜索{z}", "Search {p}"),
    (Operation.GET, HttpMethod.GET, "/{id}", "获取{z}详情", "Get one {e}"),
    (Operation.CREATE, HttpMethod.POST, "", "新建{z}", "Create a {e}"),
    (Operation.UPDATE, HttpMethod.PUT, "/{id}", "更新{z}", "Update a {e}"),
    (Operation.DELETE, HttpMethod.DELETE, "/{id}", "删除{z}", "Delete a {e}"),
)
_PAGES = (
    (PageType.LIST, "List", "{z}列表", "{e} list"),
    (PageType.DETAIL, "Detail", "{z}详情", "{e} details"),
    (PageType.FORM, "Form", "编辑{z}", "Edit {e}"),
)


def build_endpoints(models: list[DataModel], language: Language) -> list[EndpointSpec]:
    endpoints = []
    for model in models:
        base = resource_path(model.table_name)
        for operation, method, suffix, zh, en in _ENDPOINTS:
            template = zh if language == "zh" else en
            lower = model.label.lower()
            words = lower.split()
            plural = " ".join([*words[:-1], pluralize(words[-1])]) if words else lower
            summary = template.format(z=model.label, e=lower, p=plural)
            endpoints.append(
                EndpointSpec(
                    method=method,
                    path=base + suffix,
                    model=model.name,
                    operation=operation,
                    summary=summary,
                )
            )
    return endpoints


def build_pages(models: list[DataModel], language: Language) -> list[PageSpec]:
    pages = [
        PageSpec(
            name="Dashboard",
            title="仪表盘" if language == "zh" else "Dashboard",
            type=PageType.DASHBOARD,
        )
    ]
    for model in models:
        for page_type, suffix, zh, en in _PAGES:
            title = (zh if language == "zh" else en).format(z=model.label, e=model.label)
            pages.append(
                PageSpec(name=model.name + suffix, title=title, type=page_type, model=model.name)
            )
    return pages


def build_roles(
    models: list[DataModel],
    kinds: Mapping[str, Kind],
    templates: tuple[RoleTemplate, ...],
    language: Language,
) -> list[RoleSpec]:
    roles = []
    for template in templates:
        permissions = [
            Permission(model=m.name, actions=list(_PERMISSIONS[template.policy][kinds[m.name]]))
            for m in models
        ]
        zh, en = _POLICY_TEXT[template.policy]
        roles.append(
            RoleSpec(
                name=template.name,
                label=template.zh if language == "zh" else template.en,
                description=zh if language == "zh" else en,
                permissions=permissions,
            )
        )
    return roles
