"""The list of names templates use unqualified is complete, so no entity can shadow one."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from tests.pipeline.codegen.checks import project_files
from tests.pipeline.codegen.specs import f, hostile_spec, model, shop_spec

from ingenio.pipeline.appspec import AppSpec, FieldType
from ingenio.pipeline.codegen.kotlin_names import TEMPLATE_TYPE_NAMES
from ingenio.pipeline.codegen.model import ENTITY_CLASS_SUFFIXES
from ingenio.pipeline.codegen.package import build_project
from ingenio.pipeline.codegen.resolve import build_model

_COMMENTS_AND_LITERALS = re.compile(
    r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])\'', re.S
)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9_]*\b")
_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")


@pytest.mark.parametrize("make", [shop_spec, hostile_spec])
def test_generated_kotlin_names_nothing_outside_the_reserved_list(
    make: Callable[[], AppSpec],
) -> None:
    spec = make()
    project = build_model(spec)
    generated = {project.app_class, "T"}
    generated |= {e.class_name + s for e in project.entities for s in ENTITY_CLASS_SUFFIXES}
    generated |= {e.class_name for e in project.enums}
    files = project_files(build_project(spec, preview=False, progress=lambda p, m: None).zip_bytes)
    unknown: set[str] = set()
    for path, data in files.items():
        if not path.endswith(".kt"):
            continue
        code = "\n".join(
            line for line in data.decode().splitlines()
            if not line.startswith(("import ", "package "))
        )  # fmt: skip
        for name in _CAPITALISED.findall(_COMMENTS_AND_LITERALS.sub(" ", code)):
            if (
                name not in TEMPLATE_TYPE_NAMES
                and name not in generated
                and not _CONSTANT.match(name)
            ):
                unknown.add(name)
    assert unknown == set()


@pytest.mark.parametrize("name", ["Service", "Test", "String", "Instant", "PageResponse", "Valid"])
def test_an_entity_named_like_a_template_name_is_renamed(name: str) -> None:
    spec = AppSpec(
        app_name="Clash",
        display_name="冲突",
        package_name="com.example.clash",
        models=[model(name, "实体", "things", f("title", "标题", FieldType.STRING))],
    )
    assert build_model(spec).entities[0].class_name == name + "Item"
