"""The project model: one safe name per thing, relations resolved, limits made consistent."""

from __future__ import annotations

import pytest
from tests.pipeline.codegen.specs import f, hostile_spec, model, ref, shop_spec

from ingenio.pipeline.appspec import AppSpec, FieldType, RelationKind, RelationSpec
from ingenio.pipeline.codegen.identifiers import KOTLIN_RESERVED, SQL_RESERVED
from ingenio.pipeline.codegen.model import Entity, Field, Kind, Project
from ingenio.pipeline.codegen.resolve import build_model
from ingenio.pipeline.errors import CodegenError


def field(entity: Entity, prop: str) -> Field:
    return next(x for x in entity.fields if x.prop == prop)


@pytest.fixture
def hostile() -> Project:
    return build_model(hostile_spec())


def test_shop_model_keeps_the_spec_names() -> None:
    project = build_model(shop_spec())
    product = project.entity("Product")
    assert product.table == "products"
    assert product.path == "/api/products"
    category = field(product, "category")
    assert (category.kind, category.dto, category.column) == (Kind.REFERENCE, "categoryId",
                                                             "category_id")  # fmt: skip
    tags = field(product, "tags")
    assert tags.kind is Kind.MANY
    assert tags.dto == "tagIds"
    assert tags.join is not None
    assert (tags.join.name, tags.join.owner_column, tags.join.target_column) == (
        "products_tags", "product_id", "tag_id")  # fmt: skip
    assert [e.class_name for e in project.enums] == ["ProductStatus"]


def test_keywords_and_reserved_words_never_reach_kotlin_or_sql(hostile: Project) -> None:
    for entity in hostile.entities:
        assert entity.table not in SQL_RESERVED
        for x in entity.fields:
            assert x.prop not in KOTLIN_RESERVED
            assert x.dto not in KOTLIN_RESERVED
            assert x.column is None or x.column not in SQL_RESERVED
    user = hostile.entity("User")
    assert user.table == "app_user"
    assert field(user, "classValue").column == "class_value"
    assert field(user, "order").column == "order_value"


def test_names_are_unique_within_each_namespace(hostile: Project) -> None:
    classes = [e.class_name for e in hostile.entities] + [e.class_name for e in hostile.enums]
    assert len({c.lower() for c in classes}) == len(classes)
    tables = [e.table for e in hostile.entities]
    tables += [x.join.name for e in hostile.entities for x in e.fields if x.join]
    assert len(set(tables)) == len(tables)
    assert len({e.path for e in hostile.entities}) == len(hostile.entities)
    for entity in hostile.entities:
        members = [m for x in entity.fields for m in {x.prop, x.dto}]
        assert len(set(members)) == len(members)
        assert not set(members) & {"id", "createdAt", "updatedAt", "toResponse"}
        columns = [x.column for x in entity.columns]
        assert len(set(columns)) == len(columns)
        assert not set(columns) & {"id", "created_at", "updated_at"}


def test_colliding_entity_names_get_readable_alternatives(hostile: Project) -> None:
    names = {e.label: e.class_name for e in hostile.entities}
    assert names["餐桌"] == "TableItem"  # `Table` is jakarta.persistence.Table
    assert names["页面"] == "PageItem"  # `Page` is Spring Data's
    assert names["商品"] == "Product"  # translated from Chinese
    assert names["重复的商品"] == "Product2"
    assert names["九条命"] == "Model9Lives"
    assert names["冲突的类名"] == "UserRepository2"  # `UserRepository` belongs to `User`


def test_implicit_fields_are_dropped_only_when_they_restate_the_implicit_ones(
    hostile: Project,
) -> None:
    user = hostile.entity("User")
    props = {x.prop for x in user.fields}
    assert "updatedAt2" in props  # a string `updatedAt` is a real field, renamed
    assert not any(x.label in ("编号", "创建时间") for x in user.fields)


def test_chinese_names_become_english_and_keep_their_labels(hostile: Project) -> None:
    user = hostile.entity("User")
    assert field(user, "price").label == "价格"
    assert field(user, "contactPhone").label == "联系电话"
    assert field(user, "field13").label == "魑魅魍魉"


def test_degenerate_fields_still_generate(hostile: Project) -> None:
    user = hostile.entity("User")
    assert field(user, "ghost").kind is Kind.LONG  # reference to an unknown model
    assert field(user, "mood").kind is Kind.STRING  # enum without values
    parent = field(user, "parent")
    assert (parent.kind, parent.target, parent.dto) == (Kind.REFERENCE, "User", "parentId")


def test_inconsistent_limits_are_dropped(hostile: Project) -> None:
    user = hostile.entity("User")
    assert (field(user, "objectValue").min_value, field(user, "objectValue").max_value) == (
        None, None)  # fmt: skip
    order = field(user, "order")
    assert (order.min_value, order.max_value) == (None, None)  # -inf, beyond int range
    group = field(user, "group")
    assert (group.min_length, group.max_length) == (None, 5)
    price = field(user, "price")
    assert (price.min_value, price.max_value) == ("0.01", None)  # rounded up to the scale


def test_relations_add_reference_fields_and_skip_the_unresolvable(hostile: Project) -> None:
    table = hostile.entity("TableItem")
    assert field(table, "group").target == "Group"
    order = hostile.entity("Order")
    collections = [x for x in order.fields if x.kind is Kind.MANY]
    assert [x.prop for x in collections] == ["tables"]  # duplicate and unknown ones skipped
    friends = field(hostile.entity("User"), "friends")
    assert friends.join is not None
    assert friends.join.owner_column != friends.join.target_column


def test_an_invalid_package_fails_with_a_readable_message() -> None:
    spec = shop_spec().model_copy(update={"package_name": "com.example.fun"})
    with pytest.raises(CodegenError, match="包名"):
        build_model(spec)


def test_a_many_to_one_relation_without_its_field_adds_one() -> None:
    spec = AppSpec(
        app_name="Library",
        display_name="图书馆",
        package_name="com.example.library",
        models=[
            model("Book", "图书", "books", f("title", "书名", FieldType.STRING)),
            model("Loan", "借阅", "loans", ref("reader", "读者", "Reader")),
            model("Reader", "读者", "readers"),
        ],
        relations=[RelationSpec(from_model="Loan", to_model="Book",
                                kind=RelationKind.MANY_TO_ONE, field_name="book")],
    )  # fmt: skip
    loan = build_model(spec).entity("Loan")
    assert [(x.prop, x.target) for x in loan.fields] == [("reader", "Reader"), ("book", "Book")]
