"""Build and configuration files, the README and .gitignore of a generated project.

Versions are one consistent Spring Boot 4.1 line (docs/decisions/spring-boot-version.md says why
and cites the sources): the Kotlin plugin is the 2.3 line Boot 4.1 manages, springdoc 3.1 is the
line built against Boot 4.1, and dependency management 1.1.7 is the one Boot's BOM declares.
Boot 4 split auto-configuration into modules, so each technology comes through its own starter:
without `spring-boot-starter-flyway` the migrations would silently never run.
"""

from __future__ import annotations

from ingenio.pipeline.codegen.escaping import kotlin_string, markdown_text
from ingenio.pipeline.codegen.model import Project

SPRING_BOOT_VERSION = "4.1.2"
DEPENDENCY_MANAGEMENT_VERSION = "1.1.7"
KOTLIN_VERSION = "2.3.21"
SPRINGDOC_VERSION = "3.1.0"
GRADLE_VERSION = "8.14.3"  # Boot 4.1 supports Gradle 8.14+ and 9.x
JAVA_VERSION = 17

_BUILD = f"""\
plugins {{
    kotlin("jvm") version "{KOTLIN_VERSION}"
    kotlin("plugin.spring") version "{KOTLIN_VERSION}"
    kotlin("plugin.jpa") version "{KOTLIN_VERSION}"
    id("org.springframework.boot") version "{SPRING_BOOT_VERSION}"
    id("io.spring.dependency-management") version "{DEPENDENCY_MANAGEMENT_VERSION}"
}}

group = __GROUP__
version = "0.0.1-SNAPSHOT"

java {{
    toolchain {{
        languageVersion.set(JavaLanguageVersion.of({JAVA_VERSION}))
    }}
}}

repositories {{
    mavenCentral()
}}

dependencies {{
    implementation("org.springframework.boot:spring-boot-starter-webmvc")
    implementation("org.springframework.boot:spring-boot-starter-data-jpa")
    implementation("org.springframework.boot:spring-boot-starter-validation")
    implementation("org.springframework.boot:spring-boot-starter-flyway")
    implementation("org.flywaydb:flyway-database-postgresql")
    implementation("org.springdoc:springdoc-openapi-starter-webmvc-ui:{SPRINGDOC_VERSION}")
    implementation("tools.jackson.module:jackson-module-kotlin")
    implementation("org.jetbrains.kotlin:kotlin-reflect")
    runtimeOnly("org.postgresql:postgresql")
    testImplementation("org.springframework.boot:spring-boot-starter-webmvc-test")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
}}

kotlin {{
    compilerOptions {{
        // param-property: Spring Boot's documented setting for Kotlin 2.2+ annotation targets.
        freeCompilerArgs.addAll("-Xjsr305=strict", "-Xannotation-default-target=param-property")
    }}
}}

// Hibernate proxies subclass entities for lazy loading, so entity classes must be open.
allOpen {{
    annotation("jakarta.persistence.Entity")
    annotation("jakarta.persistence.MappedSuperclass")
    annotation("jakarta.persistence.Embeddable")
}}

tasks.withType<Test> {{
    useJUnitPlatform()
}}
"""

_APPLICATION_YML = """\
spring:
  application:
    name: __NAME__
  datasource:
    url: ${DB_URL:jdbc:postgresql://localhost:5432/__DATABASE__}
    username: ${DB_USERNAME:postgres}
    password: ${DB_PASSWORD:postgres}
  jpa:
    open-in-view: false
    hibernate:
      # Flyway owns the schema (src/main/resources/db/migration); Hibernate never changes it.
      ddl-auto: none
  flyway:
    enabled: true
  data:
    web:
      pageable:
        max-page-size: 100
server:
  port: ${PORT:8080}
springdoc:
  swagger-ui:
    path: /swagger-ui.html
"""

_GITIGNORE = """\
.gradle/
build/
out/
.kotlin/
.idea/
*.iml
.vscode/
.DS_Store
"""


def build_files(project: Project) -> dict[str, str]:
    return {
        "settings.gradle.kts": f"rootProject.name = {kotlin_string(project.folder)}\n",
        "build.gradle.kts": _BUILD.replace("__GROUP__", kotlin_string(project.package)),
        "src/main/resources/application.yml": _APPLICATION_YML.replace(
            "__NAME__", project.folder
        ).replace("__DATABASE__", project.database),
        ".gitignore": _GITIGNORE,
        "README.md": render_readme(project),
    }


def render_readme(project: Project) -> str:
    title = markdown_text(project.display_name) or project.app_class
    description = markdown_text(project.description)
    rows = [
        f"| {markdown_text(e.label)} | `{e.class_name}` | `{e.table}` | `{e.path}` |"
        for e in project.entities
    ]
    table = ["| 实体 Entity | 类 Class | 表 Table | 接口 API |", "|---|---|---|---|", *rows]
    db = project.database
    run = [
        "```bash",
        f"createdb {db}",
        f"gradle wrapper --gradle-version {GRADLE_VERSION}",
        f"DB_URL=jdbc:postgresql://localhost:5432/{db} DB_USERNAME=postgres \\",
        "  DB_PASSWORD=postgres ./gradlew bootRun",
        "```",
    ]
    lines = [
        f"# {title}",
        "",
        *([description, ""] if description else []),
        f"Kotlin {KOTLIN_VERSION} · Spring Boot {SPRING_BOOT_VERSION} · Spring Data JPA · "
        f"Jakarta Validation · Flyway · PostgreSQL · springdoc-openapi · Gradle Kotlin DSL",
        "",
        *table,
        "",
        "## 运行",
        "",
        f"需要 JDK {JAVA_VERSION}+、PostgreSQL，以及 Gradle {GRADLE_VERSION}+（仅用于生成 Gradle "
        "Wrapper：压缩包里无法附带 wrapper 的 jar 文件）。",
        "",
        *run,
        "",
        "启动时 Flyway 执行 `src/main/resources/db/migration/V1__init.sql` 建表。"
        "接口文档：<http://localhost:8080/swagger-ui.html>，以及 `docs/openapi.yaml`。"
        "运行测试：`./gradlew test`。",
        "",
        "| 环境变量 | 默认值 |",
        "|---|---|",
        f"| `DB_URL` | `jdbc:postgresql://localhost:5432/{db}` |",
        "| `DB_USERNAME` | `postgres` |",
        "| `DB_PASSWORD` | `postgres` |",
        "| `PORT` | `8080` |",
        "",
        "## Running it",
        "",
        f"You need JDK {JAVA_VERSION}+, PostgreSQL, and Gradle {GRADLE_VERSION}+ once, to create "
        "the Gradle wrapper (its jar cannot be shipped inside the archive): run `gradle wrapper` "
        "in this folder, then use `./gradlew` as shown above. The variables in the table "
        "configure the database connection and the port.",
        "",
        "On start-up Flyway applies `src/main/resources/db/migration/V1__init.sql`. The API is "
        "documented at <http://localhost:8080/swagger-ui.html> and in `docs/openapi.yaml`; "
        "`appspec.json` is the specification the project was generated from. Run the tests with "
        "`./gradlew test`.",
        "",
    ]
    return "\n".join(lines)
