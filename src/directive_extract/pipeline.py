"""Wires the stages: load → normalize → segment → validated `Directive`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .loaders import LoadedText, load
from .loaders.base import MAX_BYTES, MAX_PAGES, Block
from .models import DigitalSignature, Directive, Source, Warning
from .normalize import normalize
from .segment import citations as cit
from .segment import events as ev
from .segment import footnotes as fn
from .segment import header as hd
from .segment import outline as ol
from .segment import phases as ph
from .segment import recipients as rc
from .segment import responsibilities as rs
from .segment import signature as sg
from .segment import stamps as st
from .segment.base import Doc


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_file(path: str | Path, *, ocr: str = "auto", display_path: str | None = None,
                 max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES) -> Directive:
    """Read and extract one file; raises `ExtractError` for input that cannot be read."""
    path = Path(path)
    loaded = load(path, ocr=ocr, max_bytes=max_bytes, max_pages=max_pages)
    return extract_loaded(loaded, path=display_path or str(path), sha256=sha256_of(path))


def extract_text(text: str, *, path: str = "<text>", markdown: bool = True) -> Directive:
    """Extract from a string, as if it were a TXT/MD file."""
    loaded = LoadedText(blocks=[Block(text, None, "raw")], format="md" if markdown else "txt", encoding="utf-8")
    return extract_loaded(loaded, path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def extract_loaded(loaded: LoadedText, *, path: str, sha256: str) -> Directive:
    doc = Doc.from_normalized(normalize(loaded))
    source = Source(path=path, format=loaded.format, sha256=sha256, pages=loaded.pages, ocr=loaded.ocr,
                    encoding=loaded.encoding)
    fields = analyze(doc)
    st.mark_stamped(doc, fields, loaded.stamps)
    fields["signatures"] = [DigitalSignature(**s) for s in loaded.signatures]
    warnings = [Warning(code=c, message=m) for c, m in loaded.warnings] + fields.pop("warnings")
    return Directive(source=source, text=doc.text, warnings=warnings, **fields)


def analyze(doc: Doc) -> dict:
    """Every field of the contract from one normalized document."""
    n = len(doc.text)
    distribution, dist_zone = rc.distribution(doc)
    dist_line = rc.distribution_line(doc)
    head_stop = hd.header_end(doc)
    body_start = doc.lines[head_stop].start if head_stop < len(doc.lines) else n
    body_end = dist_zone[0] if dist_zone else n

    dist_lines = set()
    if dist_zone:
        dist_lines = set(range(doc.line_index_at(dist_zone[0]), doc.line_index_at(dist_zone[1]) + 1))
    sig_from = dist_line if dist_line is not None else max(0, len(doc.lines) - 25)
    signature = sg.signature(doc, sig_from, dist_lines)
    if dist_zone is None and signature is not None and signature.span is not None:
        body_end = doc.lines[doc.line_index_at(signature.span.start)].start

    preamble_end = ol.first_heading(doc, body_start, body_end)
    header = hd.extract_header(doc, stop=head_stop, preamble_end=preamble_end, body_end=body_end,
                               signature=signature)

    own = header.number.text if header.number else None
    found = cit.find_citations(doc, own=own)
    legal = cit.legal_bases(doc, found, header.body_start, preamble_end, title=header.subject_span)
    cited = cit.unique(found)

    flat = ol.items(doc, header.body_start, body_end)
    phases, period_spans = ph.phases(doc, flat, header.body_start, body_end)
    exclude = [(0, header.body_start), (body_end, n), *period_spans, *((c.start, c.end) for c in found),
               *cit.unnumbered_spans(doc, header.body_start, body_end)]
    if header.issued_date and header.issued_date.span:
        exclude.append((header.issued_date.span.start, header.issued_date.span.end))
    footnotes = fn.footnotes(doc)
    events = ev.events(doc, header.body_start, body_end, exclude)
    responsibilities = rs.responsibilities(doc, flat, header.body_start, body_end)

    return dict(
        document_type=header.document_type, number=header.number, issuer=header.issuer, place=header.place,
        issued_date=header.issued_date, subject=header.subject,
        recipients=rc.recipients(doc, header.body_start), legal_bases=legal, cited_documents=cited,
        cited_laws=cit.cited_laws(doc, found, header.body_start, body_end),
        sections=ol.to_sections(doc, flat), phases=phases, events=events,
        responsibilities=responsibilities, distribution=distribution, signature=signature,
        footnotes=footnotes, warnings=list(header.warnings))
