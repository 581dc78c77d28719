"""Identifiers: whatever a spec says, the generated name is a legal, readable, unique one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.pipeline.codegen.specs import INJECTIONS

from ingenio.pipeline.codegen.identifiers import (
    KOTLIN_RESERVED,
    NameRegistry,
    constant_name,
    member_name,
    singular,
    type_name,
    words,
)
from ingenio.pipeline.codegen.kotlin_syntax import syntax_problems

HOSTILE_WORDS = [
    *sorted(KOTLIN_RESERVED),
    "order", "user", "group", "select", "2fa", "1st", "价格", "商品名称", "魑魅魍魉",
    "名称", "x" * 500, "", " ", "_", "__init__", "café", "Ünïcödé", "HTTPServer", "value",
]  # fmt: skip
names = st.one_of(st.sampled_from(HOSTILE_WORDS + list(INJECTIONS)), st.text(max_size=80))

MEMBER = re.compile(r"^[a-z][A-Za-z0-9]*$")
TYPE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")


@given(names, names)
def test_member_names_are_legal_non_keyword_ascii(name: str, label: str) -> None:
    result = member_name(name, label, fallback="field1")
    assert MEMBER.match(result), result
    assert result not in KOTLIN_RESERVED
    assert len(result) <= 200


@given(names)
def test_type_and_constant_names_are_legal(name: str) -> None:
    assert TYPE.match(type_name(name, fallback="Model1"))
    assert CONSTANT.match(constant_name(name, fallback="VALUE_1"))


@given(names)
def test_a_generated_name_parses_as_a_kotlin_property(name: str) -> None:
    prop = member_name(name, fallback="field1")
    cls = type_name(name, fallback="Model1")
    source = f"class {cls} {{\n    var {prop}: String? = null\n}}\n\nval x = {cls}().{prop}\n"
    assert syntax_problems({"A.kt": source.encode()}) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("class", "classValue"),
        ("fun", "funValue"),
        ("object", "objectValue"),
        ("when", "whenValue"),
        ("suspend", "suspendValue"),
        ("2fa", "field2fa"),
        ("价格", "price"),
        ("商品名称", "productName"),
        ("联系电话", "contactPhone"),
        ("是否启用", "isEnabled"),
        ("first_name", "firstName"),
        ("HTTPServer", "httpServer"),
        ("café", "cafe"),
    ],
)
def test_member_names_read_well(raw: str, expected: str) -> None:
    assert member_name(raw, fallback="field1") == expected


def test_untranslatable_chinese_falls_back_to_the_label_then_a_numbered_name() -> None:
    assert member_name("魑魅魍魉", "价格", fallback="field7") == "price"
    assert member_name("魑魅魍魉", "魍魉", fallback="field7") == "field7"


def test_enum_constants_from_labels_and_digits() -> None:
    assert constant_name("", "已支付", fallback="VALUE_1") == "PAID"
    assert constant_name("1st", fallback="VALUE_1") == "V_1ST"
    assert constant_name("on sale", fallback="VALUE_1") == "ON_SALE"


def test_registry_numbers_duplicates_and_claims_variants_together() -> None:
    registry = NameRegistry(["id", "categoryId"])
    assert registry.claim("name") == "name"
    assert registry.claim("name") == "name2"
    # `category` is free but its DTO variant `categoryId` is not: both move together.
    assert registry.claim("category", lambda b: (b, b + "Id")) == "category2"
    assert registry.claim("id") == "id2"


def test_registry_folds_case_for_file_names_and_respects_length_limits() -> None:
    classes = NameRegistry(["Order"], fold_case=True)
    assert classes.claim("ORDER") == "ORDER2"
    sql = NameRegistry(joiner="_", max_length=63)
    first = sql.claim("x" * 80)
    second = sql.claim("x" * 80)
    assert len(first) == 63
    assert len(second) <= 63
    assert second.endswith("_2")
    assert first != second


@given(st.lists(names, max_size=30))
def test_registry_never_hands_out_the_same_name_twice(candidates: list[str]) -> None:
    registry = NameRegistry(fold_case=True)
    claimed = [registry.claim(member_name(c, fallback="field")) for c in candidates]
    assert len({c.lower() for c in claimed}) == len(claimed)


def test_words_cap_length_so_names_stay_bounded() -> None:
    assert len(words("a" * 1000 + " b c d e f g h")) == 6
    assert max(len(w) for w in words("a" * 1000)) <= 24


@pytest.mark.parametrize(
    ("plural", "one"),
    [("tags", "tag"), ("categories", "category"), ("classes", "class"), ("boxes", "box"),
     ("courses", "course"), ("news", "new"), ("glass", "glass")],
)  # fmt: skip
def test_singular(plural: str, one: str) -> None:
    assert singular(plural) == one
