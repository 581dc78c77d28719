"""Escaping: requirement text lands in comments, literals, SQL, YAML and Markdown as inert text."""

from __future__ import annotations

import re
import unicodedata

import psycopg
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.pipeline.codegen.checks import POSTGRES_DSN
from tests.pipeline.codegen.specs import INJECTIONS
from tests.support.infra import pg_reachable, unavailable
from tree_sitter import Node, Parser

from ingenio.pipeline.codegen.escaping import (
    clean_text,
    comment_text,
    kotlin_string,
    markdown_text,
    sql_string,
)
from ingenio.pipeline.codegen.kotlin_syntax import kotlin_language, syntax_problems

texts = st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=200))


def _decode_kotlin_literal(literal: str) -> str:
    assert literal[0] == literal[-1] == '"'
    return re.sub(r"\\(.)", r"\1", literal[1:-1])


def _node_types(root: Node) -> list[str]:
    kinds, stack = [], [root]
    while stack:
        node = stack.pop()
        kinds.append(node.type)
        stack.extend(node.children)
    return kinds


@given(texts)
def test_clean_text_is_one_printable_line(text: str) -> None:
    cleaned = clean_text(text)
    assert "\n" not in cleaned
    assert "\r" not in cleaned
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") for c in cleaned)
    assert cleaned == cleaned.strip()


@given(texts)
def test_kotlin_string_literal_is_one_inert_string(text: str) -> None:
    literal = kotlin_string(text)
    source = f"val label = {literal}\n".encode()
    assert syntax_problems({"A.kt": source}) == []
    # No `$name` or `${...}` template may survive inside the literal.
    kinds = _node_types(Parser(kotlin_language()).parse(source).root_node)
    assert not {k for k in kinds if "interpolation" in k}
    assert _decode_kotlin_literal(literal) == clean_text(text)


@given(texts)
def test_comment_text_cannot_close_or_open_a_comment(text: str) -> None:
    comment = comment_text(text)
    assert "*/" not in comment
    assert "/*" not in comment
    source = f"/** {comment} */\nclass A\n\n// {comment}\nval b = 1\n"
    assert syntax_problems({"A.kt": source.encode()}) == []


@given(texts)
def test_markdown_text_has_no_live_markup(text: str) -> None:
    rendered = markdown_text(text)
    assert "<" not in rendered
    assert ">" not in rendered
    assert "\n" not in rendered
    # Every Markdown special character is escaped with a backslash.
    unescaped = re.sub(r"\\.", "", rendered)
    assert not set(unescaped) & set("`*_[]|#!~")


@given(texts)
def test_yaml_round_trips_cleaned_text(text: str) -> None:
    cleaned = clean_text(text)
    dumped = yaml.safe_dump({"label": cleaned}, allow_unicode=True)
    assert yaml.safe_load(dumped) == {"label": cleaned}


def test_sql_string_literals_come_back_unchanged_from_postgres() -> None:
    if not pg_reachable():
        unavailable("PostgreSQL")
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:

        @settings(max_examples=60, deadline=None)
        @given(texts)
        def check(text: str) -> None:
            row = conn.execute(f"SELECT {sql_string(text)}").fetchone()
            assert row is not None
            assert row[0] == clean_text(text)

        check()


@pytest.mark.parametrize("text", INJECTIONS)
def test_each_injection_is_neutralised_in_kotlin(text: str) -> None:
    source = (
        f"/**\n * {comment_text(text)}\n */\n"
        f"enum class E(val label: String) {{\n    A({kotlin_string(text)}),\n}}\n"
    )
    assert syntax_problems({"E.kt": source.encode()}) == []
    kinds = _node_types(Parser(kotlin_language()).parse(source.encode()).root_node)
    # Still exactly one class with one constant: nothing was declared by the text.
    assert kinds.count("enum_entry") == 1
    assert kinds.count("class_declaration") == 1
    assert kinds.count("function_declaration") == 0
