"""The review page's HTML: a mark for every grounded value, well nested, the text intact, the signer named."""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

import pytest
from pydantic import BaseModel
import typer
from typer.testing import CliRunner

from conftest import SEEDS
from directive_extract.archive.commands import add_commands
from directive_extract.archive.review import Value, render_page, render_text
from directive_extract.models import Directive, Span

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Checks nesting and collects the document text, each mark's text and the side table's links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.marks: dict[str, list[str]] = defaultdict(list)
        self.mark_class: dict[str, str] = {}
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.rows: dict[str, list[str]] = defaultdict(list)
        self.external: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _ in self.stack]}")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        for name in ("src", "href"):
            if a.get(name) and not a[name].startswith("#"):
                self.external.append(f"{tag} {name}={a[name]}")
        if tag == "link":
            self.external.append("link")
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "mark":
            self.mark_class[a["data-v"]] = a.get("class", "")
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if any(a.get("id") == "text" for _, a in self.stack):
            self.text.append(data)
            for tag, a in self.stack:
                if tag == "mark":
                    self.marks[a["data-v"]].append(data)
        row = next((a["id"] for _, a in reversed(self.stack) if a.get("id", "").startswith("row-")), None)
        if row:
            self.rows[row].append(data)


def spans(obj, path="") -> list[tuple[str, Span]]:
    """Every (field path, span) of an output, found independently of the page code."""
    found = []
    if isinstance(obj, list):
        for item in obj:
            found += spans(item, path)
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name == "span" and value is not None:
                found.append((path, value))
            elif name != "text" and value is not None:
                found += spans(value, f"{path}.{name}" if path else name)
    return found


@pytest.fixture(scope="module")
def pages(seed_outputs):
    return {name: (d, render_page(d)) for name, d in seed_outputs.items()}


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_every_grounded_value_has_its_mark(pages, seed):
    d, html = pages[seed]
    page = Page(html)
    assert page.errors == []
    assert "".join(page.text) == d.text  # marks wrap the text, never change it
    mark_text = {v: "".join(parts) for v, parts in page.marks.items()}
    grounded = spans(d)
    assert len(grounded) >= 20  # dozens, not a handful
    unmatched = []
    for path, span in grounded:
        evidence = d.text[span.start:span.end]
        if path.startswith("sections"):  # a section is marked by its heading, which opens its span
            ok = any(t and evidence.startswith(t) and "located" not in page.mark_class[v] for v, t in mark_text.items())
        else:
            ok = any(t == evidence and "located" not in page.mark_class[v] for v, t in mark_text.items())
        if not ok:
            unmatched.append((path, evidence[:60]))
    assert unmatched == []
    grounded_marks = [v for v, cls in page.mark_class.items() if "located" not in cls]
    assert len(grounded_marks) == len(grounded)  # one mark (its own id) per grounded value
    assert set(page.links) <= page.ids  # every side-table entry jumps to an element that exists
    assert page.external == []  # self-contained: nothing fetched


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_side_table_names_the_signer(pages, seed):
    d, html = pages[seed]
    assert d.signature and d.signature.signer, "every sample is signed: the extraction lost the signer"
    page = Page(html)
    signer_rows = [" ".join(parts) for row, parts in page.rows.items() if d.signature.signer in " ".join(parts)]
    assert signer_rows, "the side table does not name the signer"
    assert 'class="r-signer"' in html
    assert d.signature.signer in {"".join(t) for t in page.marks.values()}


def test_warnings_and_timeline_are_listed(seed_outputs):
    with_warning = next(d for d in seed_outputs.values() if d.warnings)
    html = render_page(with_warning)
    for w in with_warning.warnings:
        assert w.code in html
    with_phases = next(d for d in seed_outputs.values() if any(p.period for p in d.phases))
    html = render_page(with_phases)
    assert 'id="timeline"' in html
    dated = [p for p in with_phases.phases if p.period and p.period.start]
    assert html.count('class="bar ') >= len(dated)


def test_overlapping_values_nest_and_text_is_escaped():
    text = 'Số <1> & "ký" hiệu\fTrang hai'
    values = [Value("v1", "issuer", "a", 0, 10), Value("v2", "number", "b", 4, 14),
              Value("v3", "recipients", "c", 4, 7), Value("v4", "events", "d", 13, len(text)),
              Value("v5", "signer", "e", -1, -1)]
    html = f'<div id="text">{render_text(text, values)}</div>'
    page = Page(html)
    assert page.errors == []
    assert "".join(page.text) == text
    got = {v: "".join(parts) for v, parts in page.marks.items()}
    assert got == {"v1": text[0:10], "v2": text[4:14], "v3": text[4:7], "v4": text[13:]}
    assert "<1" not in html and "&lt;" in html and "&amp;" in html
    assert html.count('id="v2"') == 1


def test_show_command_writes_a_page_from_input_or_output(tmp_path, seed_outputs):
    app = typer.Typer(add_completion=False)
    add_commands(app)
    runner = CliRunner()
    seed = SEEDS[0]
    r = runner.invoke(app, ["show", str(seed), "--html", str(tmp_path / "a.html")])
    assert r.exit_code == 0, r.stderr
    out = tmp_path / f"{seed.name}.json"
    out.write_text(seed_outputs[seed.name].model_dump_json(), encoding="utf-8")
    r = runner.invoke(app, ["show", str(out), "--html", str(tmp_path / "b.html")])
    assert r.exit_code == 0, r.stderr
    a, b = (tmp_path / "a.html").read_text(encoding="utf-8"), (tmp_path / "b.html").read_text(encoding="utf-8")
    assert a.count("<mark") == b.count("<mark") > 20
    Directive.model_validate_json(out.read_bytes())
    r = runner.invoke(app, ["show", str(tmp_path / "none.json")])
    assert r.exit_code == 2 and "none.json" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    r = runner.invoke(app, ["show", str(bad)])
    assert r.exit_code == 1 and "bad.json" in r.stderr


def test_show_on_an_unusable_output_is_a_usage_error(tmp_path, seed_outputs):
    app = typer.Typer(add_completion=False)
    add_commands(app)
    out = tmp_path / f"{SEEDS[0].name}.json"
    out.write_text(seed_outputs[SEEDS[0].name].model_dump_json(), encoding="utf-8")
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    folder = tmp_path / "page.html"
    folder.mkdir()
    for target, reason in ((afile / "page.html", "not a folder"), (folder, "is a folder")):
        r = CliRunner().invoke(app, ["show", str(out), "--html", str(target)])
        assert r.exit_code == 2 and isinstance(r.exception, SystemExit), r.output
        assert r.stderr.startswith(f"error: {target}: ") and reason in r.stderr
