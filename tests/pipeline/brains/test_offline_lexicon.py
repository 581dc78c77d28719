"""The offline brain's data: every concept and family builds a valid spec; bad data fails loudly."""

from __future__ import annotations

import pytest
from tests.pipeline.brains.test_offline_brain import assert_consistent

from ingenio.pipeline.appspec import FieldType
from ingenio.pipeline.brains.offline.analysis import Analysis, Pick, concept_label
from ingenio.pipeline.brains.offline.builder import build_plan, build_spec
from ingenio.pipeline.brains.offline.dsl import LexiconSyntaxError, parse_field
from ingenio.pipeline.brains.offline.lexicon import load_lexicon
from ingenio.pipeline.brains.offline.scan import Language
from ingenio.pipeline.validation.rules import check_spec

LEXICON = load_lexicon()


def _analysis(picks: list[Pick], language: Language, family_key: str | None) -> Analysis:
    family = LEXICON.family(family_key) if family_key else None
    return Analysis("需求", "需求", language, family, tuple(picks), "SomeApp", "某应用", True)


def _picks(names: list[str], language: Language, family_key: str | None) -> list[Pick]:
    family = LEXICON.family(family_key) if family_key else None
    concepts = [LEXICON.concepts[n] for n in names]
    return [Pick(c.name, concept_label(c, family, language), c) for c in concepts]


@pytest.mark.parametrize("name", sorted(LEXICON.concepts))
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_concept_alone_builds_a_valid_spec(name: str, language: Language) -> None:
    analysis = _analysis(_picks([name], language, None), language, None)
    spec = build_spec(analysis, build_plan(analysis).model_copy(update={"language": language}))
    report = check_spec(spec)
    assert report.is_valid, [e.message for e in report.errors]
    assert_consistent(spec)
    model = spec.models[0]
    assert len(model.fields) >= 2
    assert any(f.required for f in model.fields)


@pytest.mark.parametrize("family", LEXICON.families, ids=lambda f: f.key)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_family_template_scores_well(family: object, language: Language) -> None:
    key = family.key  # type: ignore[attr-defined]
    core = list(family.core)  # type: ignore[attr-defined]
    analysis = _analysis(_picks(core, language, key), language, key)
    spec = build_spec(analysis, build_plan(analysis).model_copy(update={"language": language}))
    report = check_spec(spec)
    assert report.is_valid
    assert report.quality_score >= 85, [n for d in report.breakdown for n in d.notes]
    assert_consistent(spec)
    assert len(spec.roles) >= 2


def test_enums_have_labelled_values() -> None:
    for name, options in LEXICON.enums.items():
        assert len(options) >= 2, name
        assert len({o.name for o in options}) == len(options), name


def test_field_syntax_reads_constraints_and_rejects_mistakes() -> None:
    price = parse_field("price decimal required range:0..99 | 价格 | Price")
    assert (price.type, price.required, price.min_value, price.max_value) == (
        FieldType.DECIMAL,
        True,
        0.0,
        99.0,
    )
    ref = parse_field("_ ref:Guest/User required | _")
    assert ref.targets == ("Guest", "User")
    assert ref.zh == ref.en == "_"
    for bad in (
        "price money | 价格 | Price",
        "price decimal range:1-2 | 价格 | Price",
        "price decimal often | 价格 | Price",
        "price decimal | 价格",
        "price | 价格 | Price",
    ):
        with pytest.raises(LexiconSyntaxError):
            parse_field(bad)
