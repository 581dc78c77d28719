"""The generated project: Kotlin parses, the migration applies, OpenAPI validates, JPA matches SQL.

Every check runs on the real tools (tree-sitter, the machine's PostgreSQL, the OpenAPI
validator) against handcrafted specs, including one built to break naive generators.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.pipeline.codegen.checks import (
    MIGRATION,
    OPENAPI,
    mapping_problems,
    openapi_check,
    parse_check,
    project_files,
    sql_check,
)
from tests.pipeline.codegen.specs import INJECTIONS, f, hostile_spec, model, shop_spec, sized_spec
from tests.support.infra import pg_reachable, unavailable

from ingenio.pipeline.appspec import AppSpec, FieldType, RelationKind, RelationSpec
from ingenio.pipeline.codegen.package import build_project
from ingenio.pipeline.codegen.project_files import (
    KOTLIN_VERSION,
    SPRING_BOOT_VERSION,
    SPRINGDOC_VERSION,
)
from ingenio.pipeline.codegen.resolve import build_model

FIXTURES: dict[str, Callable[[], AppSpec]] = {
    "shop": shop_spec,
    "hostile": hostile_spec,
    "sized10": lambda: sized_spec(10),
    "sized30": lambda: sized_spec(30),
}


def files_of(spec: AppSpec) -> dict[str, bytes]:
    return project_files(build_project(spec, preview=False, progress=lambda p, m: None).zip_bytes)


@pytest.fixture
def postgres() -> None:
    if not pg_reachable():
        unavailable("PostgreSQL")


@pytest.mark.parametrize("name", FIXTURES)
def test_all_kotlin_parses(name: str) -> None:
    files = files_of(FIXTURES[name]())
    kotlin = [p for p in files if p.endswith((".kt", ".kts"))]
    assert len(kotlin) > 10
    assert parse_check(files) == []


@pytest.mark.usefixtures("postgres")
@pytest.mark.parametrize("name", FIXTURES)
def test_migration_applies_with_tables_keys_and_indexes(name: str) -> None:
    spec = FIXTURES[name]()
    files = files_of(spec)
    facts = sql_check(files[MIGRATION].decode())
    project = build_model(spec)
    joins = {x.join.name: x for e in project.entities for x in e.fields if x.join}
    assert facts.tables == {e.table for e in project.entities} | set(joins)
    for entity in project.entities:
        for x in entity.columns:
            key = (entity.table, x.column or "")
            if x.target:  # a reference: foreign key to the target's table, and an index
                assert facts.foreign_keys[key] == project.entity(x.target).table
                assert key in facts.indexed
            if x.unique:
                assert key in facts.unique
    for join_name, x in joins.items():
        assert x.join is not None
        assert x.target
        assert (
            facts.foreign_keys[(join_name, x.join.target_column)] == project.entity(x.target).table
        )
        assert (join_name, x.join.target_column) in facts.indexed
    assert mapping_problems(files, facts) == []


@pytest.mark.usefixtures("postgres")
def test_shop_schema_has_the_declared_foreign_keys() -> None:
    facts = sql_check(files_of(shop_spec())[MIGRATION].decode())
    assert facts.foreign_keys == {
        ("products", "category_id"): "categories",
        ("products_tags", "product_id"): "products",
        ("products_tags", "tag_id"): "tags",
    }
    assert {("products", "sku"), ("categories", "name"), ("tags", "name")} <= facts.unique


@pytest.mark.parametrize("name", FIXTURES)
def test_openapi_document_validates_and_covers_every_entity(name: str) -> None:
    spec = FIXTURES[name]()
    document = openapi_check(files_of(spec)[OPENAPI])
    paths = document["paths"]
    assert isinstance(paths, dict)
    for entity in build_model(spec).entities:
        assert set(paths[entity.path]) == {"get", "post"}
        assert set(paths[entity.path + "/{id}"]) == {"parameters", "get", "put", "delete"}


def test_openapi_mirrors_the_validation_constraints() -> None:
    document = openapi_check(files_of(shop_spec())[OPENAPI])
    schemas = document["components"]["schemas"]  # type: ignore[index]
    create = schemas["ProductCreateRequest"]
    assert set(create["required"]) >= {"name", "sku", "price", "onSale", "status", "categoryId"}
    props = create["properties"]
    assert (props["name"]["minLength"], props["name"]["maxLength"]) == (2, 100)
    assert (props["price"]["minimum"], props["price"]["maximum"]) == (0, 99999.99)
    assert props["status"]["enum"] == ["ON_SALE", "SOLD_OUT"]
    assert props["tagIds"]["type"] == "array"


def test_dtos_carry_the_spec_constraints_as_jakarta_annotations() -> None:
    dtos = files_of(shop_spec())["src/main/kotlin/com/example/campusshop/dto/ProductDtos.kt"]
    text = dtos.decode()
    create = text[
        text.index("data class ProductCreateRequest") : text.index(
            "data class ProductUpdateRequest"
        )
    ]
    assert (
        "@field:NotBlank\n    @field:Size(min = 2, max = 100)\n    val name: String? = null"
        in create
    )
    assert '@field:DecimalMin("0")\n    @field:DecimalMax("99999.99")' in create
    assert "@field:Min(0L)\n    val stock: Int? = null" in create
    assert "@field:NotNull\n    val categoryId: Long? = null" in create


def test_configuration_reads_the_database_from_the_environment() -> None:
    files = files_of(shop_spec())
    config = yaml.safe_load(files["src/main/resources/application.yml"])
    datasource = config["spring"]["datasource"]
    assert datasource["url"] == "${DB_URL:jdbc:postgresql://localhost:5432/campus_shop}"
    assert datasource["username"].startswith("${DB_USERNAME:")
    assert datasource["password"].startswith("${DB_PASSWORD:")
    assert config["spring"]["flyway"]["enabled"] is True
    assert 'rootProject.name = "campus-shop"' in files["settings.gradle.kts"].decode()


def test_build_uses_the_spring_boot_4_modular_starters() -> None:
    """Boot 4 auto-configures a technology only when its starter is present.

    Without spring-boot-starter-flyway, Flyway would be on the class path and never run; without
    spring-boot-starter-webmvc-test, @WebMvcTest would not resolve.
    """
    build = files_of(shop_spec())["build.gradle.kts"].decode()
    declared = set(re.findall(r'^\s*\w+\("([^":]+:[^":]+)(?::[^"]+)?"\)$', build, re.M))
    assert declared == {
        "org.springframework.boot:spring-boot-starter-webmvc",
        "org.springframework.boot:spring-boot-starter-data-jpa",
        "org.springframework.boot:spring-boot-starter-validation",
        "org.springframework.boot:spring-boot-starter-flyway",
        "org.flywaydb:flyway-database-postgresql",
        "org.springdoc:springdoc-openapi-starter-webmvc-ui",
        "tools.jackson.module:jackson-module-kotlin",  # Jackson 3, which Boot 4 uses
        "org.jetbrains.kotlin:kotlin-reflect",
        "org.postgresql:postgresql",
        "org.springframework.boot:spring-boot-starter-webmvc-test",
        "org.junit.platform:junit-platform-launcher",
    }
    assert f'id("org.springframework.boot") version "{SPRING_BOOT_VERSION}"' in build
    assert f"springdoc-openapi-starter-webmvc-ui:{SPRINGDOC_VERSION}" in build
    for plugin in ("jvm", "plugin.spring", "plugin.jpa"):
        assert f'kotlin("{plugin}") version "{KOTLIN_VERSION}"' in build
    assert "-Xannotation-default-target=param-property" in build


def test_versions_are_one_consistent_boot_4_line() -> None:
    boot, kotlin, springdoc = (
        tuple(int(part) for part in version.split("."))
        for version in (SPRING_BOOT_VERSION, KOTLIN_VERSION, SPRINGDOC_VERSION)
    )
    assert boot[0] == 4
    assert kotlin >= (2, 2)  # Boot 4's Kotlin baseline
    assert springdoc[0] == 3  # springdoc 2.x is built for Boot 3
    readme = files_of(shop_spec())["README.md"].decode()
    assert f"Spring Boot {SPRING_BOOT_VERSION}" in readme
    assert f"Kotlin {KOTLIN_VERSION}" in readme


def test_controller_tests_use_the_boot_4_test_annotations() -> None:
    files = files_of(shop_spec())
    test = files["src/test/kotlin/com/example/campusshop/web/ProductControllerTest.kt"].decode()
    assert "import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest" in test
    assert "import org.springframework.test.context.bean.override.mockito.MockitoBean" in test
    assert "@WebMvcTest(ProductController::class)" in test
    kotlin = "\n".join(data.decode() for path, data in files.items() if path.endswith(".kt"))
    for removed in ("org.springframework.boot.test", "com.fasterxml"):
        assert removed not in kotlin


def test_readme_explains_running_in_chinese_and_english_without_live_markup() -> None:
    readme = files_of(hostile_spec())["README.md"].decode()
    assert "## 运行" in readme
    assert "## Running it" in readme
    assert "gradle wrapper" in readme
    assert "<script>" not in readme
    assert "DB_URL" in readme


hostile_text = st.one_of(
    st.sampled_from([*INJECTIONS, "class", "fun", "order", "user", "2fa", "价格", "魑魅魍魉", ""]),
    st.text(max_size=30),
)


@st.composite
def random_specs(draw: st.DrawFn) -> AppSpec:
    """Specs whose names and labels are drawn from hostile text, with random relations."""
    kinds = st.sampled_from(list(FieldType))
    models = []
    count = draw(st.integers(1, 4))
    names = [draw(hostile_text) for _ in range(count)]
    for name in names:
        fields = [
            f(draw(hostile_text), draw(hostile_text), draw(kinds), required=draw(st.booleans()),
              unique=draw(st.booleans()), reference=draw(st.sampled_from(names)))
            for _ in range(draw(st.integers(0, 5)))
        ]  # fmt: skip
        models.append(model(name, draw(hostile_text), draw(hostile_text), *fields))
    relations = [
        RelationSpec(from_model=draw(st.sampled_from(names)), to_model=draw(st.sampled_from(names)),
                     kind=draw(st.sampled_from([RelationKind.MANY_TO_MANY,
                                                RelationKind.ONE_TO_MANY])),
                     field_name=draw(hostile_text))
        for _ in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    return AppSpec(app_name=draw(hostile_text), display_name=draw(hostile_text),
                   package_name="com.example.random", description=draw(hostile_text),
                   models=models, relations=relations)  # fmt: skip


@pytest.mark.usefixtures("postgres")
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(random_specs())
def test_any_spec_gives_a_project_that_parses_applies_and_validates(spec: AppSpec) -> None:
    files = files_of(spec)  # build_project itself fails on a Kotlin syntax error
    facts = sql_check(files[MIGRATION].decode())
    assert mapping_problems(files, facts) == []
    openapi_check(files[OPENAPI])
