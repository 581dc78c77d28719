"""PlanResult and AppSpec from an analysis: the two answers the offline brain gives.

The spec is built from the plan's entity list (so what the plan agent announced is what the
execute agent delivers, also when a task resumes with a stored plan) and from a fresh, cached
analysis of the requirement for everything the plan does not carry (family, roles).
"""

from __future__ import annotations

import re

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.offline.analysis import Analysis, Pick, concept_label
from ingenio.pipeline.brains.offline.appname import safe_app_name
from ingenio.pipeline.brains.offline.lexicon import Kind, Lexicon, load_lexicon
from ingenio.pipeline.brains.offline.models import build_models
from ingenio.pipeline.brains.offline.names import ascii_words, english_label, pascal
from ingenio.pipeline.brains.offline.surface import (
    DEFAULT_ROLES,
    build_endpoints,
    build_pages,
    build_roles,
)
from ingenio.pipeline.brains.offline.unknown import head_of
from ingenio.pipeline.naming import default_package_name
from ingenio.pipeline.plan import (
    Complexity,
    Module,
    PlannedEndpoint,
    PlannedEntity,
    PlanResult,
    Priority,
)

_PASCAL = re.compile(r"[A-Z][A-Za-z0-9]{0,63}")
_HEAD_KINDS: dict[str, Kind] = {
    "document": "transaction",
    "record": "transaction",
    "person": "user",
}
MAX_DESCRIPTION = 300


def build_plan(analysis: Analysis) -> PlanResult:
    lexicon = load_lexicon()
    lang = analysis.language
    models, _ = build_models(analysis.picks, analysis.family, lang, lexicon)
    endpoints = build_endpoints(models, lang) if analysis.understood else []
    core = set(analysis.family.core) if analysis.family else set()
    modules = [
        Module(
            name=f"{m.label}管理" if lang == "zh" else f"{m.label} management",
            description=m.description,
            priority=Priority.HIGH if m.name in core or not core else Priority.MEDIUM,
        )
        for m in models
    ]
    return PlanResult(
        app_name=analysis.app_name,
        display_name=analysis.display_name,
        summary=_summary(analysis, len(models), len(endpoints)),
        language=lang,
        modules=modules if analysis.understood else [],
        entities=[
            PlannedEntity(
                name=m.name,
                label=m.label,
                description=m.description,
                key_attributes=[f.label for f in m.fields[:5]],
            )
            for m in models
        ],
        features=_features(analysis),
        endpoints=[
            PlannedEndpoint(method=e.method, path=e.path, description=e.summary) for e in endpoints
        ],
        complexity=_complexity(len(models)),
    )


def build_spec(analysis: Analysis, plan: PlanResult) -> AppSpec:
    lexicon = load_lexicon()
    lang = plan.language
    picks = _picks_from_plan(plan, analysis, lexicon)
    models, relations = build_models(picks, analysis.family, lang, lexicon)
    app_name = safe_app_name(plan.app_name) or analysis.app_name
    spec = AppSpec(
        app_name=app_name,
        display_name=plan.display_name.strip()[:100] or analysis.display_name,
        package_name=default_package_name(app_name),
        description=_description(analysis, plan),
        language=lang,
        models=models,
        relations=relations,
    )
    if not analysis.understood:
        # One placeholder entity and nothing else: a spec that is valid but honestly poor, so the
        # quality gate asks the user for a clearer requirement instead of shipping a toy app.
        return spec
    family = analysis.family
    kinds = {p.name: _kind(p, analysis, lexicon) for p in picks}
    roles = family.roles if family else DEFAULT_ROLES
    return spec.model_copy(
        update={
            "endpoints": build_endpoints(models, lang),
            "pages": build_pages(models, lang),
            "roles": build_roles(models, kinds, roles, lang),
        }
    )


def _picks_from_plan(plan: PlanResult, analysis: Analysis, lexicon: Lexicon) -> list[Pick]:
    """The plan's entities as picks; names that are not safe identifiers are made so."""
    if not analysis.understood:
        return list(analysis.picks)
    picks: list[Pick] = []
    seen: set[str] = set()
    for number, entity in enumerate(plan.entities, start=1):
        name = entity.name if _PASCAL.fullmatch(entity.name) else pascal(ascii_words(entity.name))
        if not _PASCAL.fullmatch(name):
            name = f"Entity{number}"
        if name in seen:
            continue
        seen.add(name)
        concept = lexicon.concepts.get(name)
        label = entity.label.strip()
        if concept is not None:
            picks.append(
                Pick(name, label or concept_label(concept, analysis.family, plan.language), concept)
            )
        else:
            label = label or english_label(name)
            picks.append(Pick(name, label, None, head_of(name, label, lexicon)))
    return picks or list(analysis.picks)


def _kind(pick: Pick, analysis: Analysis, lexicon: Lexicon) -> Kind:
    family = analysis.family
    if family is not None and pick.name in family.kinds:
        return family.kinds[pick.name]
    if pick.concept is not None:
        return pick.concept.kind
    return _HEAD_KINDS.get(pick.head, "master")


def _complexity(entities: int) -> Complexity:
    if entities >= 10:
        return Complexity.COMPLEX
    return Complexity.MEDIUM if entities >= 5 else Complexity.SIMPLE


def _summary(analysis: Analysis, entity_count: int, endpoint_count: int) -> str:
    zh = analysis.language == "zh"
    if not analysis.understood:
        return (
            "未能从需求中识别出明确的业务对象，仅生成一个通用数据模型；请补充需要管理的数据，"
            "例如“商品、订单、用户”"
            if zh
            else "No business objects could be recognised in the requirement, so only a generic "
            "data model was produced; please name the data the app should manage, for example "
            "products, orders and users"
        )
    labels = [p.label for p in analysis.picks[:6]]
    family = analysis.family
    if zh:
        kind = f"识别为{family.zh_name}类应用，" if family else ""
        kind = "" if family and family.zh_name == analysis.display_name else kind
        return (
            f"{analysis.display_name}：{kind}包含{entity_count}个实体（{'、'.join(labels)}"
            f"{'等' if entity_count > 6 else ''}），共{endpoint_count}个API端点"
        )
    kind = f"{family.en_name} template, " if family else ""
    kind = "" if family and family.en_name == analysis.display_name else kind
    return (
        f"{analysis.display_name}: {kind}{entity_count} entities ({', '.join(labels)}"
        f"{', ...' if entity_count > 6 else ''}) and {endpoint_count} API endpoints"
    )


def _features(analysis: Analysis) -> list[str]:
    zh = analysis.language == "zh"
    if not analysis.understood:
        return []
    if analysis.family is not None:
        features = [z if zh else e for z, e in analysis.family.features]
    else:
        features = [
            f"{p.label}的增删改查与搜索" if zh else f"Create, edit and search {p.label.lower()}"
            for p in analysis.picks[:4]
        ]
    features.append("基于角色的权限控制" if zh else "Role-based access control")
    features.append("数据总览仪表盘" if zh else "Overview dashboard")
    return features


def _description(analysis: Analysis, plan: PlanResult) -> str:
    text = analysis.requirement
    if len(text) > MAX_DESCRIPTION:
        text = text[: MAX_DESCRIPTION - 1] + "…"
    if text:
        return text
    return plan.summary or ("根据需求生成的应用" if plan.language == "zh" else "Generated app")
