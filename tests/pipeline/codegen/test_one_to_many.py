"""One-to-many relations: a read-only collection on the parent, mapped by the child's reference.

The child's ``...Id`` field stays the one way to change the relation, so the collection must not
leak into DTOs, the OpenAPI document or the schema (the JPA/SQL mapping check covers the last).
"""

from __future__ import annotations

import yaml
from tests.pipeline.codegen.checks import OPENAPI, project_files
from tests.pipeline.codegen.specs import f, hostile_spec, model, one_to_many, ref, shop_spec

from ingenio.pipeline.appspec import AppSpec, FieldType
from ingenio.pipeline.codegen.identifiers import KOTLIN_RESERVED
from ingenio.pipeline.codegen.package import build_project
from ingenio.pipeline.codegen.resolve import build_model

DOMAIN = "src/main/kotlin/com/example/campusshop/domain"


def files_of(spec: AppSpec) -> dict[str, str]:
    built = build_project(spec, preview=False, progress=lambda p, m: None)
    return {path: data.decode() for path, data in project_files(built.zip_bytes).items()}


def test_the_parent_gets_a_collection_mapped_by_the_childs_reference() -> None:
    category = files_of(shop_spec())[f"{DOMAIN}/Category.kt"]
    assert "import jakarta.persistence.OneToMany" in category
    assert (
        '    @OneToMany(mappedBy = "category")\n'
        "    var products: MutableSet<Product> = mutableSetOf()\n"
    ) in category
    assert "/** 商品 */" in category


def test_the_collection_stays_out_of_dtos_openapi_and_services() -> None:
    files = files_of(shop_spec())
    base = "src/main/kotlin/com/example/campusshop"
    for path in (f"{base}/dto/CategoryDtos.kt", f"{base}/service/CategoryService.kt"):
        assert "products" not in files[path]
    schemas = yaml.safe_load(files[OPENAPI])["components"]["schemas"]
    for name in ("CategoryCreateRequest", "CategoryUpdateRequest", "CategoryResponse"):
        assert "products" not in schemas[name]["properties"]


def test_hostile_relations_give_safe_names_or_are_skipped() -> None:
    project = build_model(hostile_spec())
    inverse = {e.class_name: e.inverse for e in project.entities if e.inverse}
    # fieldName picks which of Order's two references to User owns each collection, and the
    # names say which (like buyerOrders / sellerOrders); the repeated relation adds nothing.
    assert [(c.prop, c.target, c.mapped_by) for c in inverse["User"]] == [
        ("user2Orders", "Order", "user2"),
        ("userOrders", "Order", "user"),
        ("users", "User", "parent"),
    ]
    # A fieldName that is no reference of the child names the collection, made safe.
    [tables] = inverse["Group"]
    assert (tables.target, tables.mapped_by) == ("TableItem", "group")
    assert tables.prop not in KOTLIN_RESERVED
    # No reference back (Group -> Page) and an unknown child are skipped.
    assert set(inverse) == {"User", "Group"}
    for entity in project.entities:
        names = [x.prop for x in entity.fields] + [c.prop for c in entity.inverse]
        assert len(set(names)) == len(names)


def test_a_collection_name_in_field_name_maps_to_the_first_reference_back() -> None:
    """Some specs put the collection's name, not the child's reference, in fieldName."""
    spec = AppSpec(
        app_name="Mail",
        display_name="邮件",
        package_name="com.example.mail",
        models=[
            model("Person", "人", "people", f("name", "姓名", FieldType.STRING)),
            model(
                "Letter",
                "信",
                "letters",
                ref("sender", "寄件人", "Person"),
                ref("recipient", "收件人", "Person"),
            ),
        ],
        relations=[one_to_many("Person", "Letter", "letters")],
    )
    [letters] = build_model(spec).entity("Person").inverse
    assert (letters.prop, letters.mapped_by) == ("letters", "sender")
