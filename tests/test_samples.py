"""End to end on the five seed documents: gold fields, reviewed expected JSON, spans, schema."""

import json

import jsonschema
import pytest

from conftest import ROOT, SEEDS, expected

GOLD = ROOT.parent / "shared" / "gold"
SCHEMA = json.loads((ROOT / "schemas" / "directive.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_matches_reviewed_expected_json(seed, seed_outputs):
    from tools.update_expected import projection

    assert projection(seed_outputs[seed]) == expected(seed)


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_every_span_grounds_its_value(seed, seed_outputs):
    from directive_extract.normalize import key

    d = seed_outputs[seed]

    def grounded(value, span):
        assert 0 <= span.start < span.end <= len(d.text)
        evidence = "".join(key(d.text[span.start:span.end]).split())
        assert "".join(key(value).split()) in evidence, (value, d.text[span.start:span.end])

    values = [(d.number.text, d.number.span)] if d.number else []
    values += [(d.issued_date.text, d.issued_date.span)] if d.issued_date else []
    values += [(r.name, r.span) for r in d.recipients] + [(r.name, r.span) for r in d.distribution]
    values += [(c.number, c.span) for c in d.cited_documents] + [(c.number, c.span) for c in d.legal_bases]
    values += [(r.unit, r.span) for r in d.responsibilities] + [(f.text[:40], f.span) for f in d.footnotes]
    values += [(p.label, p.span) for p in d.phases]
    if d.signature and d.signature.signer:
        values.append((d.signature.signer, d.signature.span))
    if d.issuer and d.issuer.span:
        values.append((d.issuer.name.split()[0], d.issuer.span))
    assert values
    for value, span in values:
        grounded(value, span)


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_output_validates_against_committed_schema(seed, seed_outputs):
    jsonschema.validate(json.loads(seed_outputs[seed].model_dump_json()), SCHEMA)


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside this checkout")
@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_gold_header_fields(seed, seed_outputs):
    gold = json.loads((GOLD / seed.replace(".txt", ".json")).read_text(encoding="utf-8"))
    d = seed_outputs[seed]
    assert d.document_type.code == gold["document_type"]
    assert (d.number.text if d.number else None) == gold["number"]
    assert (d.issued_date.date if d.issued_date else None) == gold["issued_date"]
    assert d.place == gold["place"]
    assert [c.number for c in d.cited_documents] == gold["cited_documents"]
    assert [(b.number, b.date) for b in d.legal_bases] == [(b["number"], b["date"]) for b in gold["legal_bases"]]
    assert d.signature.signer == gold["signature"]["signer"]
    assert [a.mark for a in d.signature.authority] == gold["signature"]["authority"]


def test_committed_schema_matches_models():
    from directive_extract.models import json_schema

    assert json_schema() == SCHEMA, "schemas/directive.schema.json drifted: run `directive-extract schema --out schemas/directive.schema.json`"
