"""Files every generated project has once: the application class and the `common` package.

These contain no requirement text, only the (validated) package and application class names.
"""

from __future__ import annotations

from ingenio.pipeline.codegen.escaping import comment_text
from ingenio.pipeline.codegen.model import Project

_APPLICATION = """\
package __PACKAGE__

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

/** __TITLE__ */
@SpringBootApplication
class __APP__

fun main(args: Array<String>) {
    runApplication<__APP__>(*args)
}
"""

_PAGE_RESPONSE = """\
package __PACKAGE__.common

import org.springframework.data.domain.Page

/**
 * One page of results. Spring Data's own Page is not serialised directly: its JSON shape is
 * not guaranteed stable across versions. `T : Any` because Spring Data 4 is JSpecify
 * @NullMarked, which Kotlin reads as a non-null bound on Page's type parameter.
 */
data class PageResponse<T : Any>(
    val content: List<T>,
    val page: Int,
    val size: Int,
    val totalElements: Long,
    val totalPages: Int,
) {
    companion object {
        fun <T : Any> of(page: Page<T>): PageResponse<T> =
            PageResponse(page.content, page.number, page.size, page.totalElements, page.totalPages)
    }
}
"""

_ERRORS = """\
package __PACKAGE__.common

/** The body of every error response. */
data class ErrorResponse(
    val status: Int,
    val error: String,
    val message: String,
    val violations: List<FieldViolation> = emptyList(),
)

/** One failed validation constraint of a request field. */
data class FieldViolation(
    val field: String,
    val message: String,
)

/** The requested record does not exist (404). */
class NotFoundException(entity: String, id: Long) : RuntimeException("$entity $id not found")

/** The request refers to a record that does not exist (400). */
class InvalidReferenceException(entity: String, id: Long) :
    RuntimeException("$entity $id does not exist")
"""

_SEARCH = """\
package __PACKAGE__.common

/** Escape character of the LIKE patterns built by [containsPattern]. */
const val LIKE_ESCAPE = '\\\\'

/** A case-insensitive "contains" LIKE pattern; `%` and `_` typed by the user match literally. */
fun containsPattern(query: String): String {
    val escaped = query.lowercase()
        .replace("\\\\", "\\\\\\\\")
        .replace("%", "\\\\%")
        .replace("_", "\\\\_")
    return "%" + escaped + "%"
}
"""

_HANDLER = """\
package __PACKAGE__.common

import org.springframework.dao.DataIntegrityViolationException
import org.springframework.http.HttpStatus
import org.springframework.http.ResponseEntity
import org.springframework.http.converter.HttpMessageNotReadableException
import org.springframework.web.bind.MethodArgumentNotValidException
import org.springframework.web.bind.annotation.ExceptionHandler
import org.springframework.web.bind.annotation.RestControllerAdvice
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException

/** Maps failures to HTTP statuses: not found 404, invalid input 400, conflicting data 409. */
@RestControllerAdvice
class ApiExceptionHandler {

    @ExceptionHandler(NotFoundException::class)
    fun notFound(ex: NotFoundException): ResponseEntity<ErrorResponse> =
        respond(HttpStatus.NOT_FOUND, ex.message ?: "Not found")

    @ExceptionHandler(MethodArgumentNotValidException::class)
    fun invalid(ex: MethodArgumentNotValidException): ResponseEntity<ErrorResponse> {
        val violations = ex.bindingResult.fieldErrors.map {
            FieldViolation(it.field, it.defaultMessage ?: "invalid")
        }
        return respond(HttpStatus.BAD_REQUEST, "Validation failed", violations)
    }

    @ExceptionHandler(InvalidReferenceException::class)
    fun invalidReference(ex: InvalidReferenceException): ResponseEntity<ErrorResponse> =
        respond(HttpStatus.BAD_REQUEST, ex.message ?: "Invalid reference")

    @ExceptionHandler(HttpMessageNotReadableException::class)
    fun unreadable(ex: HttpMessageNotReadableException): ResponseEntity<ErrorResponse> =
        respond(HttpStatus.BAD_REQUEST, "Malformed request body")

    @ExceptionHandler(MethodArgumentTypeMismatchException::class)
    fun typeMismatch(ex: MethodArgumentTypeMismatchException): ResponseEntity<ErrorResponse> =
        respond(HttpStatus.BAD_REQUEST, "Invalid value for parameter " + ex.name)

    @ExceptionHandler(DataIntegrityViolationException::class)
    fun conflict(ex: DataIntegrityViolationException): ResponseEntity<ErrorResponse> =
        respond(HttpStatus.CONFLICT, "Duplicate value, or the record is still referenced")

    private fun respond(
        status: HttpStatus,
        message: String,
        violations: List<FieldViolation> = emptyList(),
    ): ResponseEntity<ErrorResponse> =
        ResponseEntity.status(status)
            .body(ErrorResponse(status.value(), status.reasonPhrase, message, violations))
}
"""


def common_files(project: Project) -> dict[str, str]:
    """Relative path (under the project folder) -> content."""
    main = f"src/main/kotlin/{project.package_path}"
    title = comment_text(project.display_name) or project.app_class
    files = {
        f"{main}/Application.kt": _APPLICATION.replace("__APP__", project.app_class).replace(
            "__TITLE__", title
        ),
        f"{main}/common/PageResponse.kt": _PAGE_RESPONSE,
        f"{main}/common/Errors.kt": _ERRORS,
        f"{main}/common/Search.kt": _SEARCH,
        f"{main}/common/ApiExceptionHandler.kt": _HANDLER,
    }
    return {path: text.replace("__PACKAGE__", project.package) for path, text in files.items()}
