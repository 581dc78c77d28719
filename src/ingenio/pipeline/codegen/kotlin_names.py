"""Every name the Kotlin templates use unqualified, and where each is imported from.

An entity named like one of these (`Table`, `Page`, `Service`) would shadow it or clash with its
import, so ``resolve`` keeps generated class names out of ``TEMPLATE_TYPE_NAMES``. springdoc's
`Tag` and `Operation` are imported under aliases because `Tag` is a common entity name.
A test checks that the generated code uses no capitalised name outside this list.
"""

from __future__ import annotations

_WEB = "org.springframework.web"
IMPORTS: dict[str, str] = {
    # Jakarta Persistence
    "Entity": "jakarta.persistence.Entity",
    "Table": "jakarta.persistence.Table",
    "Id": "jakarta.persistence.Id",
    "GeneratedValue": "jakarta.persistence.GeneratedValue",
    "GenerationType": "jakarta.persistence.GenerationType",
    "Column": "jakarta.persistence.Column",
    "ManyToOne": "jakarta.persistence.ManyToOne",
    "ManyToMany": "jakarta.persistence.ManyToMany",
    "OneToMany": "jakarta.persistence.OneToMany",
    "FetchType": "jakarta.persistence.FetchType",
    "JoinColumn": "jakarta.persistence.JoinColumn",
    "JoinTable": "jakarta.persistence.JoinTable",
    "Enumerated": "jakarta.persistence.Enumerated",
    "EnumType": "jakarta.persistence.EnumType",
    "PrePersist": "jakarta.persistence.PrePersist",
    "PreUpdate": "jakarta.persistence.PreUpdate",
    # Jakarta Validation
    "Valid": "jakarta.validation.Valid",
    "NotBlank": "jakarta.validation.constraints.NotBlank",
    "NotNull": "jakarta.validation.constraints.NotNull",
    "Size": "jakarta.validation.constraints.Size",
    "Min": "jakarta.validation.constraints.Min",
    "Max": "jakarta.validation.constraints.Max",
    "DecimalMin": "jakarta.validation.constraints.DecimalMin",
    "DecimalMax": "jakarta.validation.constraints.DecimalMax",
    # Spring Boot, Web, Data, Transactions
    "SpringBootApplication": "org.springframework.boot.autoconfigure.SpringBootApplication",
    "RestController": "org.springframework.web.bind.annotation.RestController",
    "RestControllerAdvice": "org.springframework.web.bind.annotation.RestControllerAdvice",
    "RequestMapping": "org.springframework.web.bind.annotation.RequestMapping",
    "GetMapping": "org.springframework.web.bind.annotation.GetMapping",
    "PostMapping": "org.springframework.web.bind.annotation.PostMapping",
    "PutMapping": "org.springframework.web.bind.annotation.PutMapping",
    "DeleteMapping": "org.springframework.web.bind.annotation.DeleteMapping",
    "PathVariable": "org.springframework.web.bind.annotation.PathVariable",
    "RequestParam": "org.springframework.web.bind.annotation.RequestParam",
    "RequestBody": "org.springframework.web.bind.annotation.RequestBody",
    "ResponseStatus": "org.springframework.web.bind.annotation.ResponseStatus",
    "ExceptionHandler": "org.springframework.web.bind.annotation.ExceptionHandler",
    "MethodArgumentNotValidException": f"{_WEB}.bind.MethodArgumentNotValidException",
    "MethodArgumentTypeMismatchException": (
        f"{_WEB}.method.annotation.MethodArgumentTypeMismatchException"
    ),
    "HttpMessageNotReadableException": (
        "org.springframework.http.converter.HttpMessageNotReadableException"
    ),
    "DataIntegrityViolationException": "org.springframework.dao.DataIntegrityViolationException",
    "ResponseEntity": "org.springframework.http.ResponseEntity",
    "HttpStatus": "org.springframework.http.HttpStatus",
    "MediaType": "org.springframework.http.MediaType",
    "Service": "org.springframework.stereotype.Service",
    "Transactional": "org.springframework.transaction.annotation.Transactional",
    "Page": "org.springframework.data.domain.Page",
    "Pageable": "org.springframework.data.domain.Pageable",
    "PageableDefault": "org.springframework.data.web.PageableDefault",
    "JpaRepository": "org.springframework.data.jpa.repository.JpaRepository",
    "JpaSpecificationExecutor": "org.springframework.data.jpa.repository.JpaSpecificationExecutor",
    "Specification": "org.springframework.data.jpa.domain.Specification",
    # springdoc (swagger annotations), aliased
    "ApiTag": "io.swagger.v3.oas.annotations.tags.Tag as ApiTag",
    "ApiOperation": "io.swagger.v3.oas.annotations.Operation as ApiOperation",
    # JDK
    "Instant": "java.time.Instant",
    "LocalDate": "java.time.LocalDate",
    "LocalDateTime": "java.time.LocalDateTime",
    "BigDecimal": "java.math.BigDecimal",
    "URI": "java.net.URI",
    # tests
    "Test": "org.junit.jupiter.api.Test",
    # Spring Boot 4 moved the MVC test slice into the spring-boot-webmvc-test module.
    "WebMvcTest": "org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest",
    "Autowired": "org.springframework.beans.factory.annotation.Autowired",
    "MockMvc": "org.springframework.test.web.servlet.MockMvc",
    "MockitoBean": "org.springframework.test.context.bean.override.mockito.MockitoBean",
}

# Functions imported by name (lower camel, so they cannot meet a generated class name).
FUNCTION_IMPORTS: dict[str, str] = {
    "runApplication": "org.springframework.boot.runApplication",
    "get": "org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get",
    "post": "org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post",
    "put": "org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put",
    "delete": "org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete",
    "status": "org.springframework.test.web.servlet.result.MockMvcResultMatchers.status",
    "jsonPath": "org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath",
    "given": "org.mockito.BDDMockito.given",
    "willThrow": "org.mockito.BDDMockito.willThrow",
}

# Kotlin's default imports the templates use; a class of the same name in the generated
# package would take precedence over them.
KOTLIN_TYPES = frozenset(
    {
        "Any",
        "Array",
        "Boolean",
        "Char",
        "Exception",
        "Int",
        "List",
        "Long",
        "Map",
        "MutableSet",
        "Nothing",
        "RuntimeException",
        "Set",
        "String",
        "Unit",
    }
)

# Classes the templates themselves generate in the `common` package.
COMMON_TYPES = frozenset(
    {
        "ApiExceptionHandler",
        "ErrorResponse",
        "FieldViolation",
        "InvalidReferenceException",
        "NotFoundException",
        "PageResponse",
    }
)

TEMPLATE_TYPE_NAMES = frozenset(IMPORTS) | KOTLIN_TYPES | COMMON_TYPES
