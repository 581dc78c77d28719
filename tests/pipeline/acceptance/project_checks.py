"""What a generated project must satisfy, derived from the AppSpec it was generated from.

Each check returns a list of readable problems (empty when the project is right), so a failing
test names every defect at once instead of the first.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections import Counter
from dataclasses import dataclass, field

import yaml
from openapi_spec_validator import validate
from tests.pipeline.codegen.checks import SchemaFacts

from ingenio.pipeline.appspec import AppSpec, FieldType, RelationKind
from ingenio.pipeline.project import GeneratedProject

TablePair = tuple[str, str]
# libyaml parses a 30-entity openapi.yaml in 0.5 s where the pure-Python loader takes 2.8 s.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class ExpectedSchema:
    """The tables and foreign keys the AppSpec's conventions promise (see appspec.py).

    One table per model (its ``tableName``); a foreign key per reference field to a known
    model, and per ``many_to_one`` relation without a declared field; a join table per
    ``many_to_many`` relation, holding a foreign key to each side.
    """

    tables: dict[str, str] = field(default_factory=dict)  # model -> table
    foreign_keys: Counter[TablePair] = field(default_factory=Counter)  # (table, target table)
    join_tables: Counter[TablePair] = field(default_factory=Counter)  # sorted (side, side)


def expected_schema(spec: AppSpec) -> ExpectedSchema:
    expected = ExpectedSchema()
    for model in spec.models:
        expected.tables.setdefault(model.name, model.table_name)
    tables = expected.tables
    declared: set[TablePair] = set()
    for model in spec.models:
        for f in model.fields:
            declared.add((model.name, f.name))
            if f.type is FieldType.REFERENCE and f.reference in tables:
                expected.foreign_keys[(tables[model.name], tables[f.reference])] += 1
    for rel in spec.relations:
        if rel.from_model not in tables or rel.to_model not in tables:
            continue
        ends = (tables[rel.from_model], tables[rel.to_model])
        if (
            rel.kind is RelationKind.MANY_TO_ONE
            and (rel.from_model, rel.field_name) not in declared
        ):
            declared.add((rel.from_model, rel.field_name))
            expected.foreign_keys[ends] += 1
        elif rel.kind is RelationKind.MANY_TO_MANY:
            expected.join_tables[_sorted_pair(ends)] += 1
    return expected


def schema_problems(spec: AppSpec, facts: SchemaFacts) -> list[str]:
    """Where the applied migration differs from the tables and foreign keys the spec declares."""
    expected = expected_schema(spec)
    entity_tables = set(expected.tables.values())
    problems = [
        f"model {model}: no table {table}"
        for model, table in expected.tables.items()
        if table not in facts.tables
    ]
    actual_fks: Counter[TablePair] = Counter()
    by_table: dict[str, list[str]] = {}
    for (table, _column), target in facts.foreign_keys.items():
        by_table.setdefault(table, []).append(target)
        if table in entity_tables:
            actual_fks[(table, target)] += 1
    if actual_fks != expected.foreign_keys:
        missing = sorted((expected.foreign_keys - actual_fks).elements())
        extra = sorted((actual_fks - expected.foreign_keys).elements())
        problems.append(f"foreign keys: missing {missing}, unexpected {extra}")
    join_tables: Counter[TablePair] = Counter()
    for table in sorted(facts.tables - entity_tables):
        targets = by_table.get(table, [])
        if len(targets) != 2 or len(facts.columns[table]) != 2:
            problems.append(f"{table}: not an entity table nor a two-key join table")
            continue
        join_tables[_sorted_pair((targets[0], targets[1]))] += 1
    if join_tables != expected.join_tables:
        problems.append(
            f"join tables link {sorted(join_tables.elements())}, "
            f"many-to-many relations {sorted(expected.join_tables.elements())}"
        )
    return problems


def _sorted_pair(pair: TablePair) -> TablePair:
    first, second = sorted(pair)
    return first, second


def archive_problems(project: GeneratedProject) -> list[str]:
    """One top folder, only safe relative paths, regular files, and a manifest that matches."""
    with zipfile.ZipFile(io.BytesIO(project.zip_bytes)) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        problems = [p for i in infos for p in _entry_problems(i)]
        tops = {name.split("/", 1)[0] for name in names}
        if len(tops) != 1:
            problems.append(f"{len(tops)} top-level entries: {sorted(tops)[:5]}")
        if len(names) != len(set(names)):
            problems.append("duplicate entries")
        contents = {i.filename: archive.read(i) for i in infos if not i.is_dir()}
    manifest = {entry.path: entry for entry in project.manifest}
    if set(manifest) != set(contents):
        problems.append(f"manifest lists {len(manifest)} files, the ZIP holds {len(contents)}")
    else:
        problems += [
            f"{path}: manifest size differs" for path, data in contents.items()
            if manifest[path].size != len(data)
        ]  # fmt: skip
    return problems


def _entry_problems(info: zipfile.ZipInfo) -> list[str]:
    name = info.filename
    segments = name.rstrip("/").split("/")
    problems = []
    if name.startswith("/") or "\\" in name or ":" in segments[0]:
        problems.append(f"{name!r}: absolute or non-POSIX path")
    if any(s in ("", ".", "..") for s in segments):
        problems.append(f"{name!r}: empty, '.' or '..' segment")
    if any(ord(ch) < 32 for ch in name):
        problems.append(f"{name!r}: control character in the name")
    mode = info.external_attr >> 16
    if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        problems.append(f"{name!r}: not a regular file (mode {oct(mode)})")
    return problems


def openapi_document(text: bytes) -> dict[str, object]:
    """The document, validated by openapi-spec-validator (raises when invalid).

    ``checks.openapi_check`` with the C YAML loader: over the whole eval set this saves most of
    a minute.
    """
    document = yaml.load(text, Loader=_YAML_LOADER)
    validate(document)
    return dict(document)
