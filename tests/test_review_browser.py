"""The review page in a real headless Chromium: clicking a field brings its highlighted evidence into view.

Debian's chromium driven by Playwright (no `playwright install`); skipped only where it is absent.
Screenshots go to test-artifacts/review/ (ignored by git).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from directive_extract.archive.review import render_page

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "review"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")

IN_VIEW = """id => {
  const el = document.getElementById(id);
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
      && r.left >= 0 && r.right <= window.innerWidth;
}"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=60_000)
        yield b
        b.close()


def _row_id(html: str, field: str) -> str:
    m = re.search(rf'<tr id="row-(v\d+)" class="r-{field}">', html)
    assert m, f"no {field} row in the side table"
    return m.group(1)


def test_clicking_the_signer_shows_its_highlight(browser, seed_outputs, tmp_path):
    seed = next(p.name for p in SEEDS if seed_outputs[p.name].signature and seed_outputs[p.name].signature.signer)
    d = seed_outputs[seed]
    html = render_page(d)
    page_file = tmp_path / "review.html"
    page_file.write_text(html, encoding="utf-8")
    vid = _row_id(html, "signer")

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    assert not page.evaluate(IN_VIEW, vid), "the signer should start below the fold"

    link = page.locator(f'#fields a[data-v="{vid}"]')
    assert d.signature.signer in link.inner_text()
    link.click()
    page.wait_for_function(IN_VIEW, arg=vid, timeout=5_000)
    assert "active" in page.get_attribute(f"#{vid}", "class")
    assert page.inner_text(f"#{vid}") == d.signature.signer
    assert "active" in page.get_attribute(f"#row-{vid}", "class")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{seed}-signer.png"))
    assert [u for u in requests if not u.startswith("file:")] == []  # nothing from the network
    page.close()


def test_clicking_a_mark_selects_its_side_table_row(browser, seed_outputs, tmp_path):
    seed = SEEDS[0].name
    html = render_page(seed_outputs[seed])
    page_file = tmp_path / "review.html"
    page_file.write_text(html, encoding="utf-8")
    vid = _row_id(html, "number")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(page_file.as_uri())
    page.locator(f'mark[data-v="{vid}"]').last.click()
    assert "active" in page.get_attribute(f"#row-{vid}", "class")
    # the timeline's entries jump too
    first_entry = page.locator("#timeline a[data-v]").first
    if first_entry.count():
        target = first_entry.get_attribute("data-v")
        first_entry.click()
        page.wait_for_function(IN_VIEW, arg=target, timeout=5_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{seed}-number.png"), full_page=False)
    page.close()
