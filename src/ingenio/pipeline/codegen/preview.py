"""The browser preview: one self-contained HTML file that is the generated app's UI.

Every string in an AppSpec may be hostile: a spec comes from an LLM that read a user's text, and
that text can carry ``</script>`` or an ``onerror`` attribute. So the spec reaches the page only
as data: a JSON island inside ``<script type="application/json">`` (with ``<``, ``>``, ``&`` and
U+2028/2029 escaped), read by the page's script with ``JSON.parse`` and rendered with
``textContent``. A Content-Security-Policy with hashes of the one inline script and style (and
Trusted Types, so a stray ``innerHTML`` fails loudly) means the page can load nothing and send
nothing. Model and field names are never turned into JS identifiers or CSS selectors: the page
refers to entities and fields by position.

Output is a pure function of the spec (sample rows come from seeded generators, no clock), so the
same spec always gives byte-identical HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from functools import cache
from importlib.resources import files
from typing import Any

from ingenio.pipeline.appspec import AppSpec, DataModel, FieldSpec, FieldType, PageType
from ingenio.pipeline.codegen.preview_samples import TITLE_NAMES, sample_rows

PAGE_SIZE = 10
# How many fields a list table shows besides the id; the rest live on the detail view.
TABLE_COLUMNS = 6

JsonObj = dict[str, Any]

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that could end the JSON island or break a JS parser if left raw. JSON itself
# only allows them inside strings, where the \u escapes mean the same thing.
_HTML_UNSAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def render_preview(spec: AppSpec) -> str:
    """The preview of ``spec`` as one HTML document that needs no network."""
    data = build_preview_data(spec)
    script, style = _asset("preview.js"), _asset("preview.css")
    values = {
        "lang": "zh-CN" if spec.language == "zh" else "en",
        "csp": html.escape(content_security_policy(script, style)),
        "title": html.escape(_clean(spec.display_name or spec.app_name)),
        "noscript": html.escape(data["messages"]["noscript"]),
        "style": style,
        "data": json_for_html(data),
        "script": script,
    }
    # One pass, so text substituted in can never be mistaken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("preview.html"))


def content_security_policy(script: str, style: str) -> str:
    """A policy that runs exactly our inline script and style and allows no fetch at all."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src '{_sha256(script)}'",
            f"style-src '{_sha256(style)}'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'",
        ]
    )


def json_for_html(data: JsonObj) -> str:
    """JSON that is safe verbatim inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # A lone surrogate (possible in a Python str, never in valid UTF-8) would make the caller's
    # encode() fail; U+FFFD shows the reader that something was lost.
    text = _LONE_SURROGATE.sub("\ufffd", text)
    for raw, escaped in _HTML_UNSAFE:  # str.replace is ~10x faster than translate here
        text = text.replace(raw, escaped)
    return text


def build_preview_data(spec: AppSpec) -> JsonObj:
    """Everything the page's script needs: app, chrome messages, entities with rows, navigation."""
    messages = _messages()[spec.language]
    # The first model of a name wins, as in AppSpec.model_by_name.
    index: dict[str, int] = {}
    for i, model in enumerate(spec.models):
        index.setdefault(model.name, i)
    entities = [_entity(model, index) for model in spec.models]
    rows = sample_rows(entities, _samples()[spec.language])
    for entity, entity_rows in zip(entities, rows, strict=True):
        entity["rows"] = entity_rows
    nav = _navigation(spec, index, entities, messages)
    fingerprint = hashlib.sha256(
        json.dumps(entities, ensure_ascii=False, sort_keys=True).encode("utf-8", "replace")
    ).hexdigest()[:16]
    return {
        "app": {
            "name": spec.app_name,
            "title": spec.display_name or spec.app_name,
            "description": spec.description,
            "lang": spec.language,
        },
        "pageSize": PAGE_SIZE,
        # The browser keeps edited rows across reloads only while the spec is unchanged.
        "fingerprint": fingerprint,
        "messages": messages,
        "entities": entities,
        "nav": nav,
    }


def _entity(model: DataModel, index: dict[str, int]) -> JsonObj:
    fields = [_field(f, index) for f in model.fields]
    return _compact(
        {
            "name": model.name,
            "label": model.label or model.name,
            "help": model.description,
            "fields": fields,
            "title": _title_field(fields),
            "columns": _columns(fields),
        }
    )


def _field(f: FieldSpec, index: dict[str, int]) -> JsonObj:
    kind = f.type.value
    ref = index.get(f.reference) if f.type is FieldType.REFERENCE and f.reference else None
    if f.type is FieldType.REFERENCE and ref is None:
        kind = "long"  # dangling reference: the id is typed by hand, as the API would take it
    options = [[v.name, v.label or v.name] for v in f.enum_values]
    if f.type is FieldType.ENUM and not options:
        kind = "string"
    numeric = kind in ("int", "long", "decimal")
    textual = kind in ("string", "text")
    return _compact(
        {
            "name": f.name,
            "label": f.label or f.name,
            "type": kind,
            "help": f.description,
            "required": f.required,
            "unique": f.unique,
            "minLength": f.min_length if textual else None,
            "maxLength": f.max_length if textual else None,
            "min": _finite(f.min_value) if numeric else None,
            "max": _finite(f.max_value) if numeric else None,
            "options": options if kind == "enum" else None,
            "ref": ref,
        }
    )


def _title_field(fields: list[JsonObj]) -> int | None:
    """The field that names a row in selects, links and headings."""
    strings = [i for i, f in enumerate(fields) if f["type"] == "string"]
    for i in strings:
        if fields[i]["name"].lower() in TITLE_NAMES:
            return i
    candidates = [i for i in strings if fields[i].get("required")] or strings
    return candidates[0] if candidates else None


def _columns(fields: list[JsonObj]) -> list[int]:
    """Which fields the list table shows: long texts only when nothing else is left."""
    short = [i for i, f in enumerate(fields) if f["type"] != "text"]
    long = [i for i, f in enumerate(fields) if f["type"] == "text"]
    return (short + long)[:TABLE_COLUMNS]


def _navigation(
    spec: AppSpec, index: dict[str, int], entities: list[JsonObj], messages: dict[str, str]
) -> list[JsonObj]:
    """Sidebar items from spec.pages, plus a dashboard and a list for every model left out."""
    nav: list[JsonObj] = []
    seen: set[tuple[str, int]] = set()
    key: tuple[str, int]
    item: JsonObj
    for page in spec.pages:
        if page.type is PageType.DASHBOARD:
            key, item = ("dashboard", -1), {"kind": "dashboard", "title": page.title}
        else:
            target = index.get(page.model or "")
            if target is None:
                continue
            title = page.title or entities[target]["label"]
            if page.type is PageType.DETAIL:
                entities[target].setdefault("detailTitle", title)
                continue
            kind = "list" if page.type is PageType.LIST else "new"
            key, item = (kind, target), {"kind": kind, "entity": target, "title": title}
            entities[target].setdefault(f"{kind}Title", title)
        if key not in seen:
            seen.add(key)
            nav.append(item)
    if ("dashboard", -1) not in seen:
        nav.insert(0, {"kind": "dashboard", "title": messages["dashboard"]})
    for i, entity in enumerate(entities):
        if ("list", i) not in seen:
            nav.append({"kind": "list", "entity": i, "title": entity["label"]})
    return nav


def _compact(obj: JsonObj) -> JsonObj:
    """Drop empty and false entries: the page treats a missing key as unset, and 30 entities stay
    small. Zero is a real bound and stays."""
    return {k: v for k, v in obj.items() if not (v is None or v is False or v == "" or v == [])}


def _finite(value: float | None) -> float | int | None:
    if value is None or not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def _clean(text: str) -> str:
    """Text fit for the document's <title>: no control characters, no lone surrogates."""
    text = _CONTROL.sub("", text).replace("\u2028", " ").replace("\u2029", " ")
    return _LONE_SURROGATE.sub("\ufffd", text)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()


@cache
def _asset(name: str) -> str:
    return (files("ingenio.pipeline.codegen") / "preview_assets" / name).read_text("utf-8")


@cache
def _samples() -> dict[str, JsonObj]:
    loaded: dict[str, JsonObj] = json.loads(_asset("samples.json"))
    return loaded


@cache
def _messages() -> dict[str, dict[str, str]]:
    loaded: dict[str, dict[str, str]] = json.loads(_asset("messages.json"))
    return loaded
