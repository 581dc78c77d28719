"""render_preview as a function: safe embedding, a policy that matches, sample data, determinism."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tests.pipeline.preview.specs import (
    HOSTILE_IMG,
    HOSTILE_SCRIPT,
    HOSTILE_SVG,
    HOSTILE_TEMPLATE,
    build_spec,
    enum,
    field,
    model,
    ref,
)

import ingenio
from ingenio.pipeline.appspec import AppSpec, FieldType
from ingenio.pipeline.codegen.preview import render_preview

ISLAND = re.compile(r'<script type="application/json" id="ingenio-data">(.*?)</script>', re.S)


def island(page: str) -> dict[str, Any]:
    match = ISLAND.search(page)
    assert match, "no data island"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def csp_of(page: str) -> dict[str, str]:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert match, "no CSP meta tag"
    directives = (d.strip().split(" ", 1) for d in html.unescape(match.group(1)).split(";"))
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_same_spec_gives_byte_identical_html_even_in_another_process(
    marketplace_spec: AppSpec,
) -> None:
    first = render_preview(marketplace_spec)
    assert render_preview(AppSpec.model_validate_json(marketplace_spec.model_dump_json())) == first
    # Another interpreter with another hash seed: set or dict ordering must not leak into output.
    code = (
        "import sys\n"
        "from ingenio.pipeline.appspec import AppSpec\n"
        "from ingenio.pipeline.codegen.preview import render_preview\n"
        "spec = AppSpec.model_validate_json(sys.stdin.buffer.read())\n"
        "sys.stdout.buffer.write(render_preview(spec).encode())\n"
    )
    src = str(Path(ingenio.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": src}
    other = subprocess.run(
        [sys.executable, "-c", code],
        input=marketplace_spec.model_dump_json().encode(),
        capture_output=True,
        check=True,
        env=env,
    )
    assert other.stdout == first.encode()


def test_policy_allows_only_the_inline_script_and_style_and_no_fetch(
    marketplace_spec: AppSpec,
) -> None:
    page = render_preview(marketplace_spec)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1
    assert len(styles) == 1
    csp = csp_of(page)
    assert csp["default-src"] == "'none'"
    assert csp["script-src"] == sha256_source(scripts[0])
    assert csp["style-src"] == sha256_source(styles[0])
    assert csp["img-src"] == "data:"
    assert csp["require-trusted-types-for"] == "'script'"
    assert "connect-src" not in csp  # falls back to default-src 'none'
    assert "unsafe" not in page[: page.index("</head>")].split("<style>")[0]


def test_hostile_strings_stay_inside_the_data_island(hostile_spec: AppSpec) -> None:
    page = render_preview(hostile_spec)
    # Exactly our two script elements and one style element survive, whatever the spec says.
    assert page.count("<script") == 2
    assert page.count("</script") == 2
    assert page.count("<style") == 1
    assert page.count("</style") == 1
    for markup in ("<img", "<svg", "<b>", "\u2028", "\u2029"):
        assert markup not in page
    assert f"<title>{html.escape(HOSTILE_SCRIPT)}" in page
    # ... and the data reads back exactly as written.
    data = island(page)
    thing, other = data["entities"]
    assert data["app"]["title"] == HOSTILE_SCRIPT + HOSTILE_TEMPLATE
    assert data["app"]["description"] == HOSTILE_IMG
    assert data["app"]["name"] == "Evil</script>App"
    assert thing["label"] == HOSTILE_IMG
    assert thing["name"] == "Thing\"]'); window.pwned=5;//"
    assert [f["name"] for f in thing["fields"]] == ["__proto__", "constructor", "kind"]
    assert thing["fields"][0]["help"] == HOSTILE_TEMPLATE
    assert thing["fields"][2]["options"] == [["A", HOSTILE_SVG], ["B", HOSTILE_SCRIPT]]
    assert other["fields"][0]["ref"] == 0  # resolved by position, not by the odd name
    assert data["nav"][0] == {"kind": "dashboard", "title": HOSTILE_SCRIPT}


def test_lone_surrogates_and_control_characters_do_not_break_the_document() -> None:
    spec = build_spec(
        {
            "appName": "Odd",
            "displayName": "Odd\x00\x07 app\ud800",
            "packageName": "com.ex.odd",
            "language": "en",
        },
        [model("Item", "Item\udc00", [field("name", "Name\ud83d", "string", required=True)])],
    )
    page = render_preview(spec)
    page.encode("utf-8")  # a lone surrogate would raise here
    assert "<title>Odd app\ufffd</title>" in page
    assert island(page)["entities"][0]["label"] == "Item\ufffd"


def test_thirty_entities_stay_well_under_300_kb(thirty_spec: AppSpec) -> None:
    size = len(render_preview(thirty_spec).encode())
    assert size < 300_000, f"{size} bytes"


def test_chrome_follows_the_spec_language(marketplace_spec: AppSpec, library_spec: AppSpec) -> None:
    zh, en = render_preview(marketplace_spec), render_preview(library_spec)
    assert '<html lang="zh-CN">' in zh
    assert '<html lang="en">' in en
    zh_messages, en_messages = island(zh)["messages"], island(en)["messages"]
    assert zh_messages.keys() == en_messages.keys()
    assert (zh_messages["new"], zh_messages["prev"], zh_messages["next"]) == (
        "新建",
        "上一页",
        "下一页",
    )
    assert zh_messages["errRequired"] == "{label}为必填项"
    assert (en_messages["new"], en_messages["prev"], en_messages["next"]) == (
        "New",
        "Previous",
        "Next",
    )


def test_navigation_follows_the_spec_pages_and_covers_every_model(
    marketplace_spec: AppSpec, library_spec: AppSpec
) -> None:
    nav = island(render_preview(marketplace_spec))["nav"]
    assert [(item["kind"], item["title"]) for item in nav] == [
        ("dashboard", "首页概览"),
        ("list", "商品列表"),
        ("new", "发布商品"),
        ("list", "分类管理"),
        ("list", "订单列表"),
        ("list", "用户管理"),
        ("list", "评价列表"),
    ]
    # Without pages the app still gets a dashboard and a list per model.
    bare = library_spec.model_copy(update={"pages": []})
    nav = island(render_preview(bare))["nav"]
    assert [item["kind"] for item in nav] == ["dashboard", "list", "list", "list", "list"]
    assert [item.get("entity") for item in nav[1:]] == [0, 1, 2, 3]


def tight_spec() -> AppSpec:
    """Constraints that fight the usual sample values, odd names, a dangling reference."""
    models = [
        model(
            "Node",
            "节点",
            [
                field("code", "代码", "string", required=True, unique=True, maxLength=2),
                field("essay", "长文", "string", required=True, minLength=25, maxLength=30),
                field(
                    "big",
                    "大数",
                    "long",
                    required=True,
                    minValue=1_000_000,
                    maxValue=1_000_010,
                    unique=True,
                ),
                field("tiny", "小数", "decimal", required=True, minValue=0.001, maxValue=0.002),
                field("negative", "负数", "decimal", required=True, maxValue=-5),
                field("age", "年龄", "int", required=True, minValue=70),
                ref("parent", "上级", "Node", required=True),
                ref("ghost", "不存在", "Missing"),
                enum("empty", "空枚举", [], required=True),
                field("when", "时间", "datetime", required=True, unique=True),
            ],
        ),
        model(
            "商品 类",
            "中文名模型",
            [
                field("名称", "名称", "string", required=True, unique=True),
                ref("node", "节点", "Node", required=True, unique=True),
                field("birthday", "生日", "date", required=True),
            ],
        ),
    ]
    app = {"appName": "Tight", "displayName": "约束", "packageName": "com.ex.tight"}
    return build_spec(app, models)


def assert_rows_respect(spec: AppSpec) -> None:
    entities = island(render_preview(spec))["entities"]
    ids = {i: {row["id"] for row in e["rows"]} for i, e in enumerate(entities)}
    for spec_model, entity in zip(spec.models, entities, strict=True):
        rows = entity["rows"]
        assert 3 <= len(rows) <= 5, spec_model.name
        for i, f in enumerate(spec_model.fields):
            values = [row["values"][i] for row in rows]
            where = f"{spec_model.name}.{f.name}: {values}"
            if f.required:
                assert all(v is not None and v != "" for v in values), where
            if f.unique:
                assert len(set(values)) == len(values), where
            for v in values:
                assert_value_fits(f.type, f, entity["fields"][i], v, ids, where)


def assert_value_fits(
    kind: FieldType, f: Any, view: dict[str, Any], v: Any, ids: dict[int, set[int]], where: str
) -> None:
    if kind in (FieldType.STRING, FieldType.TEXT) or view["type"] == "string":
        assert isinstance(v, str), where
        assert (f.min_length or 0) <= len(v) <= (f.max_length or 10**9), where
    elif kind in (FieldType.INT, FieldType.LONG, FieldType.DECIMAL) or view["type"] == "long":
        assert isinstance(v, int | float), where
        assert not isinstance(v, bool), where
        if kind is not FieldType.DECIMAL:
            assert isinstance(v, int), where
        assert (f.min_value if f.min_value is not None else -1e308) <= v, where
        assert v <= (f.max_value if f.max_value is not None else 1e308), where
    elif kind is FieldType.BOOLEAN:
        assert isinstance(v, bool), where
    elif kind is FieldType.DATE:
        date.fromisoformat(v)
    elif kind is FieldType.DATETIME:
        datetime.fromisoformat(v)
    elif kind is FieldType.ENUM:
        assert v in {e.name for e in f.enum_values}, where
    elif kind is FieldType.REFERENCE:
        assert v is None or v in ids[view["ref"]], where


def test_sample_rows_respect_every_constraint(
    marketplace_spec: AppSpec, library_spec: AppSpec, thirty_spec: AppSpec
) -> None:
    for spec in (marketplace_spec, library_spec, thirty_spec, tight_spec()):
        assert_rows_respect(spec)


def test_unusual_specs_degrade_to_usable_inputs() -> None:
    fields = island(render_preview(tight_spec()))["entities"][0]["fields"]
    by_name = {f["name"]: f for f in fields}
    assert by_name["ghost"]["type"] == "long"  # dangling reference: an id typed by hand
    assert "ref" not in by_name["ghost"]
    assert by_name["empty"]["type"] == "string"  # an enum without values cannot be a select
    assert by_name["parent"]["ref"] == 0


def test_samples_look_plausible(marketplace_spec: AppSpec) -> None:
    entities = island(render_preview(marketplace_spec))["entities"]
    users, categories, products = entities[0], entities[1], entities[2]
    assert all(re.fullmatch(r"user\d+@example\.com", row["values"][1]) for row in users["rows"])
    assert {row["values"][0] for row in categories["rows"]} <= {
        "数码电子",
        "图书教材",
        "生活用品",
        "运动户外",
        "服饰鞋包",
        "美妆个护",
    }
    titles = [row["values"][0] for row in products["rows"]]
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in titles), titles
