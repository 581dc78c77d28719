"""REST controllers (package `web`) and their MockMvc tests (src/test/kotlin, same package)."""

from __future__ import annotations

from ingenio.pipeline.codegen.escaping import kotlin_string
from ingenio.pipeline.codegen.kotlin_source import INDENT, KotlinFile, kdoc
from ingenio.pipeline.codegen.kotlin_types import sample_value, type_names
from ingenio.pipeline.codegen.model import Entity, Kind, Project

I1 = INDENT
I2 = INDENT * 2
I3 = INDENT * 3
PAGE_SIZE = 20


def render_controller(project: Project, entity: Entity) -> str:
    base = project.package
    src = KotlinFile(f"{base}.web")
    src.use(
        "RestController",
        "RequestMapping",
        "GetMapping",
        "PostMapping",
        "PutMapping",
        "DeleteMapping",
        "PathVariable",
        "RequestBody",
        "ResponseStatus",
        "ResponseEntity",
        "HttpStatus",
        "Valid",
        "Pageable",
        "PageableDefault",
        "URI",
        "ApiTag",
        "ApiOperation",
    )
    src.use_generated(f"{base}.service", entity.service)
    src.use_generated(f"{base}.dto", entity.create_request, entity.update_request, entity.response)
    src.use_generated(f"{base}.common", "PageResponse")
    label = entity.label
    path = kotlin_string(entity.path)
    item_path = kotlin_string(entity.path + "/")
    src.add(*kdoc(f"{label}接口"))
    src.add(
        f"@ApiTag(name = {kotlin_string(entity.tag)})",
        "@RestController",
        f"@RequestMapping({path})",
    )
    src.add(f"class {entity.controller}(private val service: {entity.service}) {{", "")
    pageable = f'@PageableDefault(size = {PAGE_SIZE}, sort = ["id"]) pageable: Pageable,'
    src.add(_summary(f"分页查询{label}"), f"{I1}@GetMapping", f"{I1}fun list(")
    if entity.text_fields:
        src.use("RequestParam")
        src.add(f'{I2}@RequestParam(name = "q", required = false) query: String?,')
    src.add(f"{I2}{pageable}", f"{I1}): PageResponse<{entity.response}> =")
    src.add(f"{I2}service.list({'query, ' if entity.text_fields else ''}pageable)", "")
    # The AppSpec's search endpoint: the same query, at the path the spec declares. A literal
    # segment outranks the "/{id}" pattern in Spring's matching, so the two never collide.
    src.add(_summary(f"搜索{label}"), f'{I1}@GetMapping("/search")', f"{I1}fun search(")
    if entity.text_fields:
        src.add(f'{I2}@RequestParam(name = "q", required = false) query: String?,')
    src.add(f"{I2}{pageable}", f"{I1}): PageResponse<{entity.response}> =")
    src.add(f"{I2}service.list({'query, ' if entity.text_fields else ''}pageable)", "")
    src.add(
        _summary(f"查询{label}详情"),
        f'{I1}@GetMapping("/{{id}}")',
        f'{I1}fun get(@PathVariable("id") id: Long): {entity.response} = service.get(id)',
        "",
        _summary(f"新建{label}"),
        f"{I1}@PostMapping",
        f"{I1}fun create(",
        f"{I2}@Valid @RequestBody request: {entity.create_request},",
        f"{I1}): ResponseEntity<{entity.response}> {{",
        f"{I2}val created = service.create(request)",
        f"{I2}val location = URI.create({item_path} + created.id)",
        f"{I2}return ResponseEntity.created(location).body(created)",
        f"{I1}}}",
        "",
        _summary(f"修改{label}"),
        f'{I1}@PutMapping("/{{id}}")',
        f"{I1}fun update(",
        f'{I2}@PathVariable("id") id: Long,',
        f"{I2}@Valid @RequestBody request: {entity.update_request},",
        f"{I1}): {entity.response} = service.update(id, request)",
        "",
        _summary(f"删除{label}"),
        f'{I1}@DeleteMapping("/{{id}}")',
        f"{I1}@ResponseStatus(HttpStatus.NO_CONTENT)",
        f'{I1}fun delete(@PathVariable("id") id: Long) {{',
        f"{I2}service.delete(id)",
        f"{I1}}}",
        "}",
    )
    return src.render()


def _summary(text: str) -> str:
    return f"{I1}@ApiOperation(summary = {kotlin_string(text)})"


def render_controller_test(project: Project, entity: Entity) -> str:
    """A @WebMvcTest of the controller: the service is mocked, the HTTP contract is checked."""
    base = project.package
    src = KotlinFile(f"{base}.web")
    src.use("WebMvcTest", "Autowired", "MockMvc", "MockitoBean", "Test", "MediaType", "Instant")
    src.use("get", "post", "delete", "status", "jsonPath", "given", "willThrow")
    src.use_generated(f"{base}.service", entity.service)
    src.use_generated(f"{base}.dto", entity.response)
    src.use_generated(f"{base}.common", "NotFoundException")
    for f in entity.fields:
        src.use(*type_names(f))
        if f.enum is not None:
            src.use_generated(f"{base}.domain", f.enum.class_name)
    one, missing_path, collection = (
        kotlin_string(entity.path + suffix) for suffix in ("/1", "/99", "")
    )
    missing = f'NotFoundException("{entity.class_name}", 99L)'
    src.add(f"@WebMvcTest({entity.controller}::class)", f"class {entity.controller}Test {{", "")
    src.add(f"{I1}@Autowired", f"{I1}lateinit var mockMvc: MockMvc", "")
    src.add(f"{I1}@MockitoBean", f"{I1}lateinit var service: {entity.service}", "")
    src.add(
        f"{I1}@Test",
        f"{I1}fun getReturnsTheRecord() {{",
        f"{I2}given(service.get(1L)).willReturn(sample())",
        f"{I2}mockMvc.perform(get({one}))",
        f"{I3}.andExpect(status().isOk())",
        f'{I3}.andExpect(jsonPath("\\$.id").value(1))',
        f"{I1}}}",
        "",
        f"{I1}@Test",
        f"{I1}fun getAnswers404ForAMissingRecord() {{",
        f"{I2}given(service.get(99L)).willThrow({missing})",
        f"{I2}mockMvc.perform(get({missing_path}))",
        f"{I3}.andExpect(status().isNotFound())",
        f"{I1}}}",
        "",
        f"{I1}@Test",
        f"{I1}fun deleteAnswers404ForAMissingRecord() {{",
        f"{I2}willThrow({missing}).given(service).delete(99L)",
        f"{I2}mockMvc.perform(delete({missing_path}))",
        f"{I3}.andExpect(status().isNotFound())",
        f"{I1}}}",
        "",
        f"{I1}@Test",
        f"{I1}fun createAnswers400ForMalformedJson() {{",
        f'{I2}mockMvc.perform(post({collection}).contentType(MediaType.APPLICATION_JSON).content("{{"))',
        f"{I3}.andExpect(status().isBadRequest())",
        f"{I1}}}",
        "",
    )
    if any(f.required and f.kind is not Kind.MANY for f in entity.fields):
        src.add(
            f"{I1}@Test",
            f"{I1}fun createAnswers400WhenRequiredFieldsAreMissing() {{",
            f'{I2}mockMvc.perform(post({collection}).contentType(MediaType.APPLICATION_JSON).content("{{}}"))',
            f"{I3}.andExpect(status().isBadRequest())",
            f'{I3}.andExpect(jsonPath("\\$.violations").isArray())',
            f"{I1}}}",
            "",
        )
    src.add(f"{I1}private fun sample(): {entity.response} = {entity.response}(", f"{I2}id = 1L,")
    src.add(*(f"{I2}{f.dto} = {sample_value(f)}," for f in entity.fields))
    src.add(f"{I2}createdAt = Instant.EPOCH,", f"{I2}updatedAt = Instant.EPOCH,", f"{I1})", "}")
    return src.render()
