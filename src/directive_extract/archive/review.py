"""The review page: one self-contained HTML file to check an extraction against its text.

Every value with a span is a `<mark>` in the text, coloured by field; values the output gives without
a span (subject, place) or inside a larger span (signer, a citation's number, a phase's period) are
looked up in the text and marked too, flagged as located rather than extracted. Overlapping values
are split at every boundary and nested inside each piece, so the HTML stays well formed. A side
table lists the fields, each entry linking to its evidence; warnings and a timeline of phases and
dated events come first. No network: styles and script are inline.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from ..models import Directive, Reference
from ..normalize import key
from .common import flat_phases, vn_date
from .db import date_bounds

# field → (label shown to the clerk, colour). Wide fields get faint colours so short ones stand out.
FIELDS: dict[str, tuple[str, str]] = {
    "document_type": ("Loại văn bản", "rgba(255, 99, 71, .45)"),
    "number": ("Số, ký hiệu", "rgba(255, 165, 0, .55)"),
    "issuer": ("Cơ quan ban hành", "rgba(65, 105, 225, .35)"),
    "place": ("Địa danh", "rgba(0, 139, 139, .35)"),
    "issued_date": ("Ngày ban hành", "rgba(50, 205, 50, .45)"),
    "subject": ("Trích yếu", "rgba(186, 85, 211, .30)"),
    "recipients": ("Kính gửi", "rgba(30, 144, 255, .30)"),
    "legal_bases": ("Căn cứ", "rgba(210, 180, 140, .35)"),
    "cited_documents": ("Văn bản được dẫn", "rgba(244, 164, 96, .22)"),
    "cited_number": ("Số văn bản được dẫn", "rgba(255, 140, 0, .45)"),
    "sections": ("Đề mục", "rgba(128, 128, 128, .25)"),
    "phases": ("Giai đoạn", "rgba(100, 149, 237, .14)"),
    "period": ("Thời gian giai đoạn", "rgba(0, 191, 255, .40)"),
    "events": ("Sự kiện", "rgba(255, 215, 0, .55)"),
    "responsibilities": ("Trách nhiệm", "rgba(144, 238, 144, .22)"),
    "unit": ("Đơn vị thực hiện", "rgba(46, 139, 87, .40)"),
    "distribution": ("Nơi nhận", "rgba(219, 112, 147, .35)"),
    "signature": ("Chữ ký", "rgba(147, 112, 219, .22)"),
    "position": ("Chức vụ người ký", "rgba(147, 112, 219, .40)"),
    "signer": ("Người ký", "rgba(138, 43, 226, .50)"),
    "footnotes": ("Chú thích", "rgba(169, 169, 169, .25)"),
}
ROLES = {"lead": "chủ trì", "partner": "phối hợp", "assigned": "được giao"}


@dataclass(frozen=True)
class Value:
    """One extracted value and where it is in the text (start == end == -1: not found)."""

    id: str
    field: str
    text: str
    start: int
    end: int
    page: int | None = None
    grounded: bool = True  # the span comes from the output; False: looked up by this page

    @property
    def found(self) -> bool:
        return 0 <= self.start < self.end


# ---------------------------------------------------------------- locating values in the text

def _pattern(needle: str) -> re.Pattern:
    """`needle` (in key form) with any run of spaces, and spaces around - and /, allowed."""
    chunks = [re.escape(c) for c in needle.split()]
    body = r"\s+".join(chunks)
    body = body.replace(r"\-", r"\s*-\s*").replace("/", r"\s*/\s*")
    return re.compile(body)


def locate(text_key: str, needle: str | None, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """The first place of `needle` in the text between `lo` and `hi`, ignoring case and line breaks."""
    if not needle or not needle.strip():
        return None
    m = _pattern(key(needle)).search(text_key, lo, len(text_key) if hi is None else hi)
    return (m.start(), m.end()) if m else None


# ---------------------------------------------------------------- the values of a Directive

def _ref_text(r: Reference) -> str:
    head = " ".join(x for x in (r.document_type, r.number) if x)
    parts = [head or "(không rõ)"]
    if r.date:
        parts.append(vn_date(r.date))
    if r.issuer:
        parts.append(r.issuer)
    return ", ".join(parts) + (f" — {r.subject}" if r.subject else "")


def _short(s: str, n: int = 140) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


class _Collector:
    """Builds the value list in reading order of the fields, numbering ids as it goes."""

    def __init__(self, d: Directive) -> None:
        self.d = d
        self.key = key(d.text)
        self.values: list[Value] = []

    def add(self, field: str, text: str, span=None, *, at: tuple[int, int] | None = None,
            grounded: bool = False) -> Value:
        """A value marked at its span, else at `at` (grounded only when the output placed it)."""
        vid = f"v{len(self.values) + 1}"
        if span is not None and at is None and 0 <= span.start < span.end <= len(self.d.text):
            value = Value(vid, field, text, span.start, span.end, span.page)
        elif at is not None:
            page = span.page if span is not None else self._page(at[0])
            value = Value(vid, field, text, at[0], at[1], page, grounded=grounded)
        else:
            value = Value(vid, field, text, -1, -1, None, grounded=span is not None)
        self.values.append(value)
        return value

    def inside(self, field: str, text: str, needle: str | None, parent: Value) -> None:
        """A value found inside its parent's span (the signer in the signature block …)."""
        if not needle:
            return
        at = locate(self.key, needle, parent.start, parent.end) if parent.found else None
        self.add(field, text, at=at)

    def _page(self, pos: int) -> int | None:
        pages = [v for v in self.values if v.page and v.found and v.start <= pos < v.end]
        return pages[0].page if pages else None


def values_of(d: Directive) -> list[Value]:
    """Every value of the output, in the order the side table lists them."""
    c = _Collector(d)
    if d.document_type:
        c.add("document_type", f"{d.document_type.name} ({d.document_type.code})", d.document_type.span)
    if d.number:
        c.add("number", d.number.text, d.number.span)
    if d.issuer:
        c.add("issuer", d.issuer.name + (f" (cấp trên: {d.issuer.parent})" if d.issuer.parent else ""),
              d.issuer.span)
    if d.place:
        line = (d.text.rfind("\n", 0, d.issued_date.span.start) + 1, d.issued_date.span.start) \
            if d.issued_date and d.issued_date.span else (0, min(len(d.text), 3000))
        c.add("place", d.place, at=locate(c.key, d.place, *line))
    if d.issued_date:
        c.add("issued_date", d.issued_date.text + (f" → {d.issued_date.date}" if d.issued_date.date else ""),
              d.issued_date.span)
    if d.subject:
        c.add("subject", d.subject, at=locate(c.key, d.subject))
    for r in d.recipients:
        c.add("recipients", r.name, r.span)
    for r in d.legal_bases:
        c.add("legal_bases", _ref_text(r), r.span)
    for r in d.cited_documents:
        parent = c.add("cited_documents", _ref_text(r), r.span)
        c.inside("cited_number", r.number or "", r.number, parent)
    for depth, s in _sections(d.sections):
        c.add("sections", ("  " * depth) + f"{s.marker} {s.title}".strip(), s.span, at=_heading(c.key, s),
              grounded=True)
    for p, depth, _ in flat_phases(d.phases):
        title = ("  " * depth) + p.label + (f" — {p.title}" if p.title else "")
        parent = c.add("phases", title + (f" ({p.period.text})" if p.period else ""), p.span)
        if p.period:
            c.inside("period", f"{p.label}: {p.period.start or '?'} → {p.period.end or '?'}", p.period.text, parent)
    for e in d.events:
        when = " → ".join(x for x in (e.date, e.end_date) if x)
        c.add("events", e.name + (f" ({when})" if when else "") + f" [{e.kind}]", e.span)
    for r in d.responsibilities:
        what = f"{r.unit} — {ROLES.get(r.role, r.role)}" + (f", hạn {r.deadline}" if r.deadline else "")
        if r.partners:
            what += "; phối hợp: " + ", ".join(r.partners)
        parent = c.add("responsibilities", what + f" ({len(r.tasks)} nhiệm vụ)", r.span)
        c.inside("unit", r.unit, r.unit, parent)
    for r in d.distribution:
        c.add("distribution", r.name + (f" ({r.note})" if r.note else ""), r.span)
    if d.signature:
        s = d.signature
        marks = ", ".join(f"{a.mark}. {a.of}" if a.of else a.mark for a in s.authority)
        block = c.add("signature", " · ".join(x for x in (marks, s.position, s.signer) if x) or "(trống)", s.span)
        c.inside("position", s.position or "", s.position, block)
        c.inside("signer", s.signer or "", s.signer, block)
    for f in d.footnotes:
        c.add("footnotes", f"{f.marker}. {_short(f.text)}", f.span)
    return c.values


def _sections(sections, depth: int = 0):
    for s in sections:
        yield depth, s
        yield from _sections(s.children, depth + 1)


def _heading(text_key: str, s) -> tuple[int, int] | None:
    """A section's heading inside its span: from the span's start to the end of its title."""
    if not s.span or not 0 <= s.span.start < s.span.end <= len(text_key):
        return None
    start, end = s.span.start, s.span.end
    hit = locate(text_key, s.title, start, min(end, start + len(s.marker) + len(s.title) + 80)) if s.title else None
    if hit:
        return start, hit[1]
    line_end = text_key.find("\n", start, end)
    return start, (line_end if line_end > start else end)


# ---------------------------------------------------------------- HTML

def render_text(text: str, values: list[Value]) -> str:
    """The text with nested `<mark>`s: split at every boundary, each piece wrapping its values."""
    marked = sorted((v for v in values if v.found), key=lambda v: (v.start, -v.end, int(v.id[1:])))
    bounds = sorted({0, len(text), *(v.start for v in marked), *(v.end for v in marked)})
    out: list[str] = []
    opened: set[str] = set()
    active: list[Value] = []
    nxt = 0
    for a, b in zip(bounds, bounds[1:]):
        active = [v for v in active if v.end > a]
        while nxt < len(marked) and marked[nxt].start <= a:
            active.append(marked[nxt])
            nxt += 1
        active.sort(key=lambda v: (v.start, -v.end, int(v.id[1:])))
        piece = _escape_text(text[a:b])
        for v in reversed(active):
            first = v.id not in opened
            opened.add(v.id)
            attrs = f' id="{v.id}"' if first else ""
            how = "" if v.grounded else " located"
            label = FIELDS[v.field][0]
            piece = (f'<mark class="f-{v.field}{how}" data-v="{v.id}"{attrs} '
                     f'title="{html.escape(label + ": " + _short(v.text, 200))}">{piece}</mark>')
        out.append(piece)
    return "".join(out)


def _escape_text(s: str) -> str:
    return html.escape(s, quote=False).replace("\f", '<span class="pb">\f</span>')


def _side_table(values: list[Value]) -> str:
    rows = []
    for v in values:
        label, _ = FIELDS[v.field]
        shown = html.escape(_short(v.text, 160))
        if v.found:
            link = f'<a href="#{v.id}" data-v="{v.id}" title="{html.escape(v.text)}">{shown}</a>'
        else:
            link = f'{shown} <em class="missing">(không thấy trong văn bản)</em>'
        where = f"tr. {v.page}" if v.page else ""
        if v.found and not v.grounded:
            where += ' <span title="Kết quả không ghi vị trí; trang này tìm giá trị trong văn bản">tìm lại</span>'
        rows.append(f'<tr id="row-{v.id}" class="r-{v.field}"><th><span class="sw f-{v.field}"></span>'
                    f'{html.escape(label)}</th><td>{link}</td><td class="where">{where.strip()}</td></tr>')
    return "<table id=\"fields\"><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


@dataclass(frozen=True)
class _Moment:
    start: str
    end: str
    label: str
    value: Value | None


def timeline(d: Directive, values: list[Value]) -> list[_Moment]:
    """Phases with a period and events with a date, in date order."""
    by_field: dict[str, list[Value]] = {}
    for v in values:
        by_field.setdefault(v.field, []).append(v)
    moments = []
    for (p, _, _), v in zip(flat_phases(d.phases), by_field.get("phases", [])):
        if p.period and (p.period.start or p.period.end):
            lo = date_bounds(p.period.start or p.period.end)[0]
            hi = date_bounds(p.period.end or p.period.start)[1]
            if lo and hi:
                moments.append(_Moment(lo, hi, f"{p.label}" + (f" — {p.title}" if p.title else ""), v))
    for e, v in zip(d.events, by_field.get("events", [])):
        if e.date:
            lo = date_bounds(e.date)[0]
            hi = date_bounds(e.end_date or e.date)[1]
            if lo and hi:
                moments.append(_Moment(lo, hi, e.name, v))
    return sorted(moments, key=lambda m: (m.start, m.end, m.label))


def _timeline_html(moments: list[_Moment]) -> str:
    if not moments:
        return "<p class=\"none\">Không có giai đoạn hay sự kiện có ngày.</p>"
    first = min(date.fromisoformat(m.start).toordinal() for m in moments)
    last = max(date.fromisoformat(m.end).toordinal() for m in moments)
    span = max(last - first + 1, 1)
    rows = []
    for m in moments:
        a = date.fromisoformat(m.start).toordinal() - first
        b = date.fromisoformat(m.end).toordinal() - first + 1
        left, width = 100 * a / span, max(100 * (b - a) / span, 0.8)
        when = vn_date(m.start) if m.start == m.end else f"{vn_date(m.start)} – {vn_date(m.end)}"
        name = html.escape(_short(m.label, 120))
        if m.value and m.value.found:
            name = f'<a href="#{m.value.id}" data-v="{m.value.id}">{name}</a>'
        field = m.value.field if m.value else "events"
        rows.append(f'<tr><td class="when">{when}</td><td>{name}</td><td class="track">'
                    f'<span class="bar f-{field}" style="left:{left:.2f}%;width:{width:.2f}%"></span></td></tr>')
    return "<table id=\"timeline\"><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def _warnings_html(d: Directive) -> str:
    if not d.warnings:
        return "<p class=\"none\">Không có cảnh báo.</p>"
    items = "".join(f"<li><code>{html.escape(w.code)}</code> {html.escape(w.message)}</li>" for w in d.warnings)
    return f"<ul id=\"warning-list\">{items}</ul>"


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#fff}
header{padding:.7em 1.2em;border-bottom:1px solid #ccc;background:#f6f6f4}
header h1{font-size:1.25em;margin:0 0 .2em}
header p{margin:0;color:#555;font-size:.9em}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(22em,32em)}
.content{padding:0 1.2em 40vh}
h2{font-size:1.05em;margin:1.1em 0 .4em;border-bottom:1px solid #ddd}
#text{white-space:pre-wrap;font:16px/1.6 "Times New Roman",Times,serif;padding:.4em 0}
mark{background:var(--c);color:inherit;border-radius:2px;padding:0;cursor:pointer}
mark.located{background:none;box-shadow:inset 0 -0.18em 0 var(--c);}
mark.active{outline:2px solid #c00;outline-offset:1px;background:rgba(255,0,0,.18)}
.pb{display:block;border-top:1px dashed #999;margin:.8em 0}
aside{position:sticky;top:0;height:100vh;overflow:auto;border-left:1px solid #ccc;background:#fbfbfa;padding:0 .8em}
#fields{border-collapse:collapse;width:100%;font-size:.92em}
#fields th{font-weight:600;text-align:left;vertical-align:top;white-space:nowrap;padding:.25em .5em .25em 0}
#fields td{vertical-align:top;padding:.25em .3em;border-bottom:1px solid #eee}
#fields tr.active td,#fields tr.active th{background:#ffe9e6}
td.where{color:#777;white-space:nowrap;font-size:.85em}
.sw{display:inline-block;width:.8em;height:.8em;margin-right:.35em;border-radius:2px;background:var(--c);vertical-align:-.05em}
em.missing{color:#a33;font-size:.9em}
#timeline{border-collapse:collapse;width:100%}
#timeline td{padding:.2em .5em .2em 0;vertical-align:middle;border-bottom:1px solid #f0f0f0}
td.when{white-space:nowrap;color:#444;font-variant-numeric:tabular-nums}
td.track{position:relative;width:35%;min-width:8em}
.bar{position:absolute;top:.35em;height:.8em;border-radius:3px;background:var(--c);outline:1px solid rgba(0,0,0,.25)}
p.none{color:#777}
#warning-list li code{background:#fde8e8;padding:0 .3em;border-radius:2px}
"""

_JS = """
(function(){
  function show(id, scroll){
    document.querySelectorAll('mark.active').forEach(function(m){m.classList.remove('active');});
    document.querySelectorAll('#fields tr.active').forEach(function(r){r.classList.remove('active');});
    document.querySelectorAll('mark[data-v="'+id+'"]').forEach(function(m){m.classList.add('active');});
    var row = document.getElementById('row-'+id);
    if (row) { row.classList.add('active'); }
    var target = document.getElementById(id);
    if (scroll && target) { target.scrollIntoView({block:'center'}); }
    return row;
  }
  document.addEventListener('click', function(ev){
    var link = ev.target.closest('a[data-v]');
    if (link) {
      ev.preventDefault();
      var id = link.getAttribute('data-v');
      show(id, true);
      if (history.replaceState) { history.replaceState(null, '', '#'+id); }
      return;
    }
    var mark = ev.target.closest('mark[data-v]');
    if (mark) {
      var row = show(mark.getAttribute('data-v'), false);
      if (row) { row.scrollIntoView({block:'nearest'}); }
    }
  });
  if (location.hash.length > 1) { show(location.hash.slice(1), true); }
})();
"""


def _field_css() -> str:
    return "\n".join(f".f-{name}{{--c:{colour}}}" for name, (_, colour) in FIELDS.items())


def render_page(d: Directive) -> str:
    """The whole review page of one output, as a string."""
    values = values_of(d)
    title_bits = [d.document_type.name if d.document_type else "Văn bản",
                  d.number.text if d.number else None]
    title = " ".join(x for x in title_bits if x) + (f" — {_short(d.subject, 100)}" if d.subject else "")
    src = d.source
    meta = [f"Tệp: {src.path}", f"định dạng {src.format}", f"sha256 {src.sha256[:12]}…"]
    if src.pages:
        meta.append(f"{src.pages} trang")
    if src.ocr:
        meta.append("OCR")
    grounded = sum(1 for v in values if v.found and v.grounded)
    located = sum(1 for v in values if v.found and not v.grounded)
    missing = sum(1 for v in values if not v.found)
    meta.append(f"{grounded} giá trị có bằng chứng, {located} tìm lại trong văn bản, {missing} không thấy")
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="directive-extract">
<title>{html.escape(title)}</title>
<style>{_CSS}
{_field_css()}
</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<p>{html.escape(" · ".join(meta))}</p>
</header>
<div class="layout">
<main class="content">
<section id="warnings"><h2>Cảnh báo ({len(d.warnings)})</h2>
{_warnings_html(d)}
</section>
<section id="timeline-section"><h2>Dòng thời gian</h2>
{_timeline_html(timeline(d, values))}
</section>
<section id="document"><h2>Văn bản</h2>
<div id="text">{render_text(d.text, values)}</div>
</section>
</main>
<aside id="side"><h2>Các trường đã trích xuất</h2>
{_side_table(values)}
</aside>
</div>
<script>{_JS}</script>
</body>
</html>
"""
