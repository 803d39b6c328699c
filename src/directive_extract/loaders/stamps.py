"""Text that a signing system stamps on a PDF page: the appearance of signature widgets.

When an office signs a document, its system draws the serial number and the day (sometimes the
month) onto the page, in the blank slots the drafter left ("Số:      /UBND-XD", "ngày    tháng").
That text is not in the page's content stream: it is drawn by the appearance stream (`/AP /N`)
of a signature widget (`/Subtype /Widget`, `/FT /Sig`) whose `/Rect` lies over the slot, usually
through nested Forms (`/FRM` → `/n0` "% DSBlank", `/n2` text) with a font of their own.

This module reads those appearances with pdfminer, each Form with its own resources, placed on
the page by the algorithm of PDF 32000 §12.5.5 (BBox transformed by Matrix, mapped onto Rect),
and returns the drawn text as positioned words in pdfplumber's coordinates (origin top left).
It never calls pdfplumber's `page.annots`, which recurses without end on these files: the raw
annotation dictionaries are resolved here one level at a time, with depth limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from .pdf import Word   # the same word geometry the text layer gives

MAX_DEPTH = 16            # reference chains and /Parent chains longer than this are broken files
MAX_WIDGETS = 200         # signature widgets read per page; more is not a signed document
HIDDEN_FLAGS = 2 | 32     # annotation flags Hidden and NoView


@dataclass
class WidgetText:
    """What one signature widget draws: its rectangle (top-left origin) and its lines of words."""

    page: int
    rect: tuple[float, float, float, float]          # x0, top, x1, bottom
    lines: list[list[Word]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " / ".join(" ".join(w.text for w in line) for line in self.lines)


class StampError(Exception):
    """A widget's appearance could not be read (reported as a warning, never fatal)."""


# ---------------------------------------------------------------------------------------------
# Resolving the raw objects


def _resolve(obj):
    """Follow indirect references a bounded number of times (a reference cycle gives None)."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(MAX_DEPTH):
        if not isinstance(obj, PDFObjRef):
            return obj
        obj = obj.resolve()
    return None


def _name(obj) -> str | None:
    from pdfminer.psparser import PSLiteral

    obj = _resolve(obj)
    if isinstance(obj, PSLiteral):
        name = obj.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return None


def _number(obj) -> float | None:
    obj = _resolve(obj)
    return float(obj) if isinstance(obj, (int, float)) and not isinstance(obj, bool) else None


def _numbers(obj, count: int) -> list[float] | None:
    obj = _resolve(obj)
    if not isinstance(obj, (list, tuple)) or len(obj) != count:
        return None
    values = [_number(v) for v in obj]
    return None if any(v is None for v in values) else values


def is_signature_widget(annot: dict) -> bool:
    """A widget of a signature field: `/FT /Sig` on the widget or on a field above it."""
    if _name(annot.get("Subtype")) != "Widget":
        return False
    node, seen = annot, set()
    for _ in range(MAX_DEPTH):
        if not isinstance(node, dict) or id(node) in seen:
            return False
        seen.add(id(node))
        ft = _name(node.get("FT"))
        if ft is not None:
            return ft == "Sig"
        node = _resolve(node.get("Parent"))
    return False


def signature_widgets(page_attrs: dict) -> list[dict]:
    """The visible signature widgets among a page's raw `/Annots`."""
    annots = _resolve(page_attrs.get("Annots"))
    if not isinstance(annots, (list, tuple)):
        return []
    out = []
    for ref in annots[:10 * MAX_WIDGETS]:
        annot = _resolve(ref)
        if not isinstance(annot, dict) or not is_signature_widget(annot):
            continue
        flags = _number(annot.get("F")) or 0
        if int(flags) & HIDDEN_FLAGS:
            continue
        out.append(annot)
        if len(out) >= MAX_WIDGETS:
            break
    return out


# ---------------------------------------------------------------------------------------------
# Rendering one appearance


def _mult(m1, m0):
    """m1 then m0 (pdfminer's order)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def form_to_default(bbox, matrix, rect):
    """PDF §12.5.5: the matrix taking the appearance Form's space onto the annotation's Rect."""
    corners = [_apply(matrix, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    bx0, bx1 = min(c[0] for c in corners), max(c[0] for c in corners)
    by0, by1 = min(c[1] for c in corners), max(c[1] for c in corners)
    rx0, rx1 = min(rect[0], rect[2]), max(rect[0], rect[2])
    ry0, ry1 = min(rect[1], rect[3]), max(rect[1], rect[3])
    if bx1 - bx0 <= 0 or by1 - by0 <= 0:
        raise StampError("the appearance has an empty BBox")
    sx, sy = (rx1 - rx0) / (bx1 - bx0), (ry1 - ry0) / (by1 - by0)
    fit = (sx, 0.0, 0.0, sy, rx0 - sx * bx0, ry0 - sy * by0)
    return _mult(tuple(matrix), fit)


def page_ctm(mediabox, rotate: int):
    """The page transformation pdfminer (and so pdfplumber) applies to page content."""
    x0, y0, x1, y1 = mediabox
    rotate %= 360
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _appearance_stream(annot: dict):
    from pdfminer.pdftypes import PDFStream

    ap = _resolve(annot.get("AP"))
    if not isinstance(ap, dict):
        return None
    normal = _resolve(ap.get("N"))
    if isinstance(normal, dict) and not isinstance(normal, PDFStream):   # appearance states
        normal = _resolve(normal.get(_name(annot.get("AS")) or "", None))
    return normal if isinstance(normal, PDFStream) else None


def _chars(layout) -> list:
    """LTChar objects anywhere under a layout item (forms nest)."""
    from pdfminer.layout import LTChar, LTContainer

    out, stack = [], [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            out.append(item)
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return out


def render_widget(annot: dict, rsrcmgr, mediabox, rotate: int) -> list:
    """Interpret the widget's appearance Form on the page; the LTChars it draws (page space)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter

    rect = _numbers(annot.get("Rect"), 4)
    if rect is None or abs(rect[2] - rect[0]) < 0.5 or abs(rect[3] - rect[1]) < 0.5:
        return []                                  # invisible signature
    stream = _appearance_stream(annot)
    if stream is None:
        return []
    bbox = _numbers(stream.get("BBox"), 4)
    if bbox is None:
        raise StampError("the appearance has no BBox")
    matrix = _numbers(stream.get("Matrix"), 6) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    resources = _resolve(stream.get("Resources"))
    base = page_ctm(mediabox, rotate)
    ctm = _mult(form_to_default(bbox, matrix, rect), base)

    box = SimpleNamespace(mediabox=mediabox)      # all the device needs of a page
    device = PDFPageAggregator(rsrcmgr, laparams=None)
    interpreter = PDFPageInterpreter(rsrcmgr, device)
    device.begin_page(box, base)
    interpreter.render_contents(resources if isinstance(resources, dict) else {}, [stream], ctm=ctm)
    device.end_page(box)
    return _chars(device.get_result())


# ---------------------------------------------------------------------------------------------
# Chars → lines of words


def words_from_chars(chars: list, height: float, offset: tuple[float, float] = (0.0, 0.0)
                     ) -> list[list[Word]]:
    """Group drawn chars into lines (by their box centres: slanted text keeps its line) and words."""
    boxes = []
    for ch in chars:
        text = ch.get_text()
        x0, x1 = ch.x0 + offset[0], ch.x1 + offset[0]
        top, bottom = height - ch.y1 + offset[1], height - ch.y0 + offset[1]
        size = float(getattr(ch, "size", 0.0) or 0.0) or max(bottom - top, 1.0)
        boxes.append((text, x0, x1, top, bottom, size))
    boxes.sort(key=lambda b: ((b[3] + b[4]) / 2, b[1]))
    rows: list[list[tuple]] = []
    for b in boxes:
        cy = (b[3] + b[4]) / 2
        if rows:
            row = rows[-1]
            rcy = sum((r[3] + r[4]) / 2 for r in row) / len(row)
            if abs(cy - rcy) <= 0.5 * min(b[5], max(r[5] for r in row)):
                row.append(b)
                continue
        rows.append([b])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b[1])
        words: list[list[tuple]] = []
        prev = None
        for b in row:
            if b[0].isspace():
                prev = None
                continue
            if prev is None or b[1] - prev[2] > 0.3 * b[5]:
                words.append([b])
            else:
                words[-1].append(b)
            prev = b
        line = [Word(text="".join(c[0] for c in w), x0=min(c[1] for c in w), x1=max(c[2] for c in w),
                          top=min(c[3] for c in w), bottom=max(c[4] for c in w),
                          size=max(c[5] for c in w)) for w in words]
        if line:
            lines.append(line)
    return lines


def page_stamps(page, number: int) -> tuple[list[WidgetText], list[str]]:
    """Every signature widget's drawn text on a pdfplumber page, and what could not be read.

    Uses only `page.page_obj.attrs` (never `page.annots`), the PDF's resource manager and the
    page geometry, so a broken widget costs a message, never the page.
    """
    attrs = page.page_obj.attrs
    if "Annots" not in attrs:
        return [], []
    try:
        widgets = signature_widgets(attrs)
    except RecursionError:
        return [], [f"page {number}: the annotations cannot be read (recursive)"]
    except Exception as exc:   # a broken annotation array: skip the stamps, keep the page
        return [], [f"page {number}: the annotations cannot be read ({type(exc).__name__})"]
    if not widgets:
        return [], []
    mediabox = _numbers(attrs.get("MediaBox"), 4) or [0.0, 0.0, float(page.width), float(page.height)]
    rotate = int(_number(attrs.get("Rotate")) or 0)
    height = float(page.height)
    offset = (float(page.mediabox[0]), float(page.mediabox[1]))
    out, problems = [], []
    for annot in widgets:
        try:
            chars = render_widget(annot, page.pdf.rsrcmgr, mediabox, rotate)
        except RecursionError:
            problems.append(f"page {number}: a signature stamp draws itself (recursive)")
            continue
        except Exception as exc:
            problems.append(f"page {number}: a signature stamp cannot be read ({type(exc).__name__}: {exc})")
            continue
        lines = words_from_chars(chars, height, offset)
        if not lines:
            continue                               # "% DSBlank" only, or an image
        rect = _numbers(annot.get("Rect"), 4)
        corners = [_apply(page_ctm(mediabox, rotate), x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
        xs, ys = [c[0] + offset[0] for c in corners], [height - c[1] + offset[1] for c in corners]
        wt = WidgetText(page=number, rect=(min(xs), min(ys), max(xs), max(ys)), lines=lines)
        if "(cid:" in wt.text or "\ufffd" in wt.text:
            if len(lines) == 1:   # could be the serial or the day; a signer box is not needed
                problems.append(f"page {number}: a signature stamp's font has no Unicode map")
            continue
        out.append(wt)
    return out, problems
