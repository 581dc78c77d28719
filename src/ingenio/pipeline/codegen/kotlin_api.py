"""DTOs (package `dto`), repositories (`repository`) and services (`service`) of each entity."""

from __future__ import annotations

from ingenio.pipeline.codegen.kotlin_source import INDENT, KotlinFile, annotation, kdoc
from ingenio.pipeline.codegen.kotlin_types import (
    dto_type,
    entity_non_null,
    response_nullable,
    type_names,
)
from ingenio.pipeline.codegen.model import Entity, Field, Kind, Project

I1 = INDENT
I2 = INDENT * 2
I3 = INDENT * 3


def render_dtos(project: Project, entity: Entity) -> str:
    base = project.package
    src = KotlinFile(f"{base}.dto")
    src.use("Instant")
    src.use_generated(f"{base}.domain", entity.class_name)
    for f in entity.fields:
        src.use(*type_names(f))
        if f.enum is not None:
            src.use_generated(f"{base}.domain", f.enum.class_name)
    for class_name, purpose in ((entity.create_request, "新建"), (entity.update_request, "修改")):
        src.add(*kdoc(f"{purpose}{entity.label}的请求 ({class_name})"))
        if entity.fields:
            src.add(f"data class {class_name}(")
            for f in entity.fields:
                src.add(*kdoc(f.label, indent=I1), *_request_property(src, f))
            src.add(")", "")
        else:
            src.add(f"class {class_name}", "")
    src.add(*kdoc(f"{entity.label} ({entity.response})"))
    src.add(f"data class {entity.response}(", f"{I1}val id: Long,")
    for f in entity.fields:
        nullable = "?" if response_nullable(f) else ""
        src.add(f"{I1}val {f.dto}: {dto_type(f)}{nullable},")
    src.add(f"{I1}val createdAt: Instant,", f"{I1}val updatedAt: Instant,", ")", "")
    src.add(f"fun {entity.class_name}.toResponse(): {entity.response} = {entity.response}(")
    src.add(f'{I1}id = checkNotNull(this.id) {{ "not persisted yet" }},')
    for f in entity.fields:
        src.add(f"{I1}{f.dto} = {_response_value(f)},")
    src.add(f"{I1}createdAt = this.createdAt,", f"{I1}updatedAt = this.updatedAt,", ")")
    return src.render()


def _request_property(src: KotlinFile, f: Field) -> list[str]:
    checks: list[tuple[str, list[str]]] = []
    if f.required and f.kind is not Kind.MANY:
        checks.append(("NotBlank" if f.is_text else "NotNull", []))
    size_args = [f"min = {f.min_length}"] if f.min_length else []
    if f.size_max is not None:
        size_args.append(f"max = {f.size_max}")
    if size_args:
        checks.append(("Size", size_args))
    if f.kind in (Kind.INT, Kind.LONG):
        checks += [
            (name, [f"{value}L"])
            for name, value in (("Min", f.min_value), ("Max", f.max_value))
            if value is not None
        ]
    if f.kind is Kind.DECIMAL:
        checks += [
            (name, [f'"{value}"'])
            for name, value in (("DecimalMin", f.min_value), ("DecimalMax", f.max_value))
            if value is not None
        ]
    src.use(*(name for name, _ in checks))
    lines = [f"{I1}{annotation('field:' + name, args)}" for name, args in checks]
    return [*lines, f"{I1}val {f.dto}: {dto_type(f)}? = null,"]


def _response_value(f: Field) -> str:
    if f.kind is Kind.REFERENCE:
        return f"this.{f.prop}?.id"
    if f.kind is Kind.MANY:
        return f"this.{f.prop}.mapNotNull {{ it.id }}.sorted()"
    return f"this.{f.prop}"


def render_repository(project: Project, entity: Entity) -> str:
    src = KotlinFile(f"{project.package}.repository")
    src.use("JpaRepository")
    src.use_generated(f"{project.package}.domain", entity.class_name)
    supers = [f"JpaRepository<{entity.class_name}, Long>"]
    if entity.text_fields:
        src.use("JpaSpecificationExecutor")
        supers.append(f"JpaSpecificationExecutor<{entity.class_name}>")
    src.add(*kdoc(f"{entity.label}的数据访问"))
    src.add(f"interface {entity.repository} : {', '.join(supers)}")
    return src.render()


def render_service(project: Project, entity: Entity) -> str:
    base = project.package
    src = KotlinFile(f"{base}.service")
    src.use("Service", "Transactional", "Pageable")
    src.use_generated(f"{base}.domain", entity.class_name)
    src.use_generated(f"{base}.repository", entity.repository)
    src.use_generated(
        f"{base}.dto", entity.create_request, entity.update_request, entity.response, "toResponse"
    )
    src.use_generated(f"{base}.common", "NotFoundException", "PageResponse")
    targets = sorted({f.target for f in entity.references if f.target})
    repos = {t: "repository" if t == entity.class_name else _var(t) + "Repository" for t in targets}
    if targets:
        src.use_generated(f"{base}.common", "InvalidReferenceException")
    for target in targets:
        src.use_generated(f"{base}.domain", target)
        src.use_generated(f"{base}.repository", target + "Repository")
    params = [f"private val repository: {entity.repository},"]
    params += [f"private val {repos[t]}: {t}Repository," for t in targets if t != entity.class_name]
    src.add(*kdoc(f"{entity.label}的业务逻辑"), "@Service", "@Transactional")
    src.add(f"class {entity.service}(", *(I1 + p for p in params), ") {", "")
    _list_method(src, entity)
    src.add(
        f"{I1}@Transactional(readOnly = true)",
        f"{I1}fun get(id: Long): {entity.response} = find(id).toResponse()",
        "",
    )
    for verb, request in (("create", entity.create_request), ("update", entity.update_request)):
        signature = f"request: {request}" if verb == "create" else f"id: Long, request: {request}"
        start = f"{entity.class_name}()" if verb == "create" else "find(id)"
        src.add(f"{I1}fun {verb}({signature}): {entity.response} {{", f"{I2}val entity = {start}")
        src.add(*(f"{I2}entity.{f.prop} = {_assigned_value(f)}" for f in entity.fields))
        src.add(f"{I2}return repository.save(entity).toResponse()", f"{I1}}}", "")
    src.add(
        f"{I1}fun delete(id: Long) {{",
        f"{I2}repository.delete(find(id))",
        f"{I1}}}",
        "",
        f"{I1}private fun find(id: Long): {entity.class_name} =",
        f"{I2}repository.findById(id).orElseThrow {{ NotFoundException("
        f'"{entity.class_name}", id) }}',
    )
    for target in targets:
        src.add(
            "",
            f"{I1}private fun {_var(target)}Ref(id: Long): {target} =",
            f"{I2}{repos[target]}.findById(id).orElseThrow {{ InvalidReferenceException("
            f'"{target}", id) }}',
        )
    if entity.text_fields:
        _search_method(src, project, entity)
    src.add("}")
    return src.render()


def _list_method(src: KotlinFile, entity: Entity) -> None:
    page_type = f"PageResponse<{entity.response}>"
    src.add(f"{I1}@Transactional(readOnly = true)")
    if not entity.text_fields:
        src.add(
            f"{I1}fun list(pageable: Pageable): {page_type} =",
            f"{I2}PageResponse.of(repository.findAll(pageable).map {{ it.toResponse() }})",
            "",
        )
        return
    src.add(
        f"{I1}fun list(query: String?, pageable: Pageable): {page_type} {{",
        f"{I2}val page = if (query.isNullOrBlank()) {{",
        f"{I3}repository.findAll(pageable)",
        f"{I2}}} else {{",
        f"{I3}repository.findAll(matching(query), pageable)",
        f"{I2}}}",
        f"{I2}return PageResponse.of(page.map {{ it.toResponse() }})",
        f"{I1}}}",
        "",
    )


def _search_method(src: KotlinFile, project: Project, entity: Entity) -> None:
    src.use("Specification")
    src.use_generated(f"{project.package}.common", "LIKE_ESCAPE", "containsPattern")
    src.add(
        "",
        f"{I1}private fun matching(query: String): Specification<{entity.class_name}> {{",
        f"{I2}val pattern = containsPattern(query)",
        f"{I2}return Specification {{ root, _, cb ->",
        f"{I3}cb.or(",
    )
    for f in entity.text_fields:
        src.add(f'{I3}{I1}cb.like(cb.lower(root.get<String>("{f.prop}")), pattern, LIKE_ESCAPE),')
    src.add(f"{I3})", f"{I2}}}", f"{I1}}}")


def _assigned_value(f: Field) -> str:
    value = f"request.{f.dto}"
    if f.kind is Kind.REFERENCE and f.target:
        return f"{value}?.let {{ {_var(f.target)}Ref(it) }}"
    if f.kind is Kind.MANY and f.target:
        return f"{value}.orEmpty().map {{ {_var(f.target)}Ref(it) }}.toMutableSet()"
    if entity_non_null(f):
        # @NotNull/@NotBlank on the request already rejected a missing value with a 400.
        return f"requireNotNull({value})"
    return value


def _var(class_name: str) -> str:
    return class_name[0].lower() + class_name[1:]
