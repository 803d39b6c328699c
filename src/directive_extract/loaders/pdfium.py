"""Words of a PDF page read with PDFium, the same words pdfplumber's `extract_words` gives.

pdfplumber spends 50-100 ms a page inside pdfminer's interpreter and layout; PDFium's text page
costs about 1 ms. This module reads PDFium's characters and rebuilds what pdfminer would have
built from them and how pdfplumber groups that into words, so the layout code downstream sees
the same words:

* geometry: a character's box is pdfminer's: from its origin, the advance (font width x size)
  along the character matrix, from the font's descent to descent + size, in pdfminer's page
  space (its /Rotate and MediaBox transform), then in pdfplumber's top-left coordinates. The
  descent and the font name are pdfminer's too: they come from the font dictionaries
  (`/FontDescriptor /Descent`, `/FontName`, or pdfminer's built-in metrics for the standard 14
  fonts), which PDFium does not expose (it derives a descent from the glyphs when the dictionary
  says 0, and drops subset tags). Fonts are tied to their dictionaries by base name and, when
  two share one, by the length of the embedded font program.
* grouping: pdfplumber's rules with the same tolerances: consecutive characters with the same
  (upright, size, font name) form a group, a group is clustered into lines by `top`, a line is
  sorted by `x0`, and a word ends at whitespace, at a gap over `x_tolerance`, at a step back or
  at a `top` change over `y_tolerance`. Characters PDFium generates (the spaces and line breaks
  it infers) are not in the PDF and are skipped; a line-end hyphen PDFium marks is given back
  its character.

`Unsupported` is raised whenever the words could differ, and the caller then reads that page
with pdfplumber:

* fonts: Type3; composite fonts without a ToUnicode stream or with another encoding than
  Identity-H (vertical writing included); simple fonts with neither an encoding nor a ToUnicode
  map; two fonts of one base name that the program length cannot tell apart; a standard-14
  name whose AFM widths (by which pdfminer places the glyphs) differ from the file's;
* characters: one PDFium finds no Unicode for (pdfminer writes "(cid:N)"); one glyph read as
  several characters; /ActualText (PDFium reports it instead of the glyphs); right-to-left
  text (PDFium reorders it); characters outside the BMP; a width that disagrees with PDFium's
  own box; a line-end hyphen that cannot be told from a soft hyphen;
* objects: a text object with ink that PDFium leaves out of its text page (it drops a copy
  drawn over the previous one, as fake bold is drawn; pdfminer keeps both).

Known gaps, which PDFium's API cannot show: a glyph repeated at the same place inside one text
object (PDFium keeps one); pdfminer's own quirks in placing glyphs, which PDFium does not share:
character spacing (Tc) left out after the last glyph of a string that another string in the
same text object follows, word spacing (Tw) after CID 32 of a composite font, and the
descriptor's MissingWidth for a code outside /Widths where PDFium reads the font program's
width. All are rare in the documents this reads; the tests compare both readers on every PDF
the project has.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import threading
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
MAX_FORM_DEPTH = 8          # nested Form XObjects followed for their fonts
MAX_FONTS = 400             # font dictionaries looked at per page
WIDTH_EPS = 0.01            # pt; an advance must match PDFium's box this closely
CHECK_TRIES = 8             # occurrences of a character tried for a width check, per page
OUTLINE_MIN = 0.002         # em; a glyph box thinner than this has no outline
HYPHENS = ("-", "\xad")     # what PDFium turns into a line-end hyphen mark
_MARKS = frozenset("\x00\x02\ufffe")      # PDFium's hyphen mark, or no character at all
_SPECIAL = _MARKS | frozenset(chr(c) for c in range(0x10000) if chr(c).isspace())
_SURROGATE = re.compile("[\ud800-\udfff]")
_KEY = itemgetter(5)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_SUBSET = re.compile(r"^[A-Za-z]{6}\+")


class Unsupported(Exception):
    """The fast path cannot promise pdfplumber's words for this page (or document)."""


@dataclass(frozen=True)
class FontFacts:
    """What pdfminer knows of a font that shapes the words: its name and its descent."""

    fontname: str
    descent: float          # text space per unit of font size, never positive
    standard: str | None = None     # a standard-14 name: pdfminer takes its widths from its AFM


class RawWord(NamedTuple):
    """A word as pdfplumber's `extract_words(extra_attrs=["size", "fontname"])` gives it (upright
    words only), in the tuple order `pdf._page_words` reads."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str


# ---------------------------------------------------------------------------------------------
# PDFium functions with plain integer handles (no ctypes pointer object per call)


class _Api:
    """The PDFium calls made per character, rebound to take and return plain addresses."""

    def __init__(self) -> None:
        import pypdfium2.raw as c

        vp, i, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
        pd, pf = ctypes.POINTER(d), ctypes.POINTER(f)

        def bind(name: str, restype, *argtypes):
            fn = getattr(c, name)
            new = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)   # same calling convention
            new.restype, new.argtypes = restype, list(argtypes)
            return new

        self.count_chars = bind("FPDFText_CountChars", i, vp)
        self.get_text = bind("FPDFText_GetText", i, vp, i, i, vp)
        self.get_unicode = bind("FPDFText_GetUnicode", ctypes.c_uint, vp, i)
        self.text_object = bind("FPDFText_GetTextObject", vp, vp, i)
        self.is_generated = bind("FPDFText_IsGenerated", i, vp, i)
        self.is_hyphen = bind("FPDFText_IsHyphen", i, vp, i)
        self.unicode_error = bind("FPDFText_HasUnicodeMapError", i, vp, i)
        self.origin = bind("FPDFText_GetCharOrigin", i, vp, i, pd, pd)
        self.matrix = bind("FPDFText_GetMatrix", i, vp, i, ctypes.POINTER(c.FS_MATRIX))
        self.loose_box = bind("FPDFText_GetLooseCharBox", i, vp, i, ctypes.POINTER(c.FS_RECTF))
        self.char_box = bind("FPDFText_GetCharBox", i, vp, i, pd, pd, pd, pd)
        self.obj_font = bind("FPDFTextObj_GetFont", vp, vp)
        self.obj_font_size = bind("FPDFTextObj_GetFontSize", i, vp, pf)
        self.font_name = bind("FPDFFont_GetBaseFontName", ctypes.c_size_t, vp, ctypes.c_char_p,
                              ctypes.c_size_t)
        self.font_data = bind("FPDFFont_GetFontData", i, vp, vp, ctypes.c_size_t,
                              ctypes.POINTER(ctypes.c_size_t))
        self.font_embedded = bind("FPDFFont_GetIsEmbedded", i, vp)
        self.glyph_width = bind("FPDFFont_GetGlyphWidth", i, vp, ctypes.c_uint, f, pf)
        self.count_objects = bind("FPDFPage_CountObjects", i, vp)
        self.get_object = bind("FPDFPage_GetObject", vp, vp, i)
        self.object_type = bind("FPDFPageObj_GetType", i, vp)
        self.form_count = bind("FPDFFormObj_CountObjects", i, vp)
        self.form_object = bind("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong)
        self.bounds = bind("FPDFPageObj_GetBounds", i, vp, pf, pf, pf, pf)
        self.count_marks = bind("FPDFPageObj_CountMarks", i, vp)
        self.get_mark = bind("FPDFPageObj_GetMark", vp, vp, ctypes.c_ulong)
        self.mark_param_type = bind("FPDFPageObjMark_GetParamValueType", i, vp, ctypes.c_char_p)
        self.TEXT, self.FORM = c.FPDF_PAGEOBJ_TEXT, c.FPDF_PAGEOBJ_FORM
        self.FS_MATRIX, self.FS_RECTF = c.FS_MATRIX, c.FS_RECTF


_API: _Api | None = None
_LOCK = threading.RLock()


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


# ---------------------------------------------------------------------------------------------
# Fonts: pdfminer's name and descent, keyed by the base name PDFium reports


def base_key(name: str) -> str:
    """A font's base name without its subset tag ("ABCDEF+Times" -> "Times")."""
    return _SUBSET.sub("", name, count=1)


def _name(obj) -> str | None:
    from pdfminer.psparser import PSLiteral, literal_name

    return literal_name(obj) if isinstance(obj, PSLiteral) else None


def _fontname(descriptor: dict) -> str:
    """pdfminer's `PDFFont.fontname`, as pdfplumber reports it (bytes decoded its way)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral, literal_name

    name = resolve1(descriptor.get("FontName", "unknown"))
    if isinstance(name, PSLiteral):
        name = literal_name(name)
    if isinstance(name, bytes):
        from pdfplumber.page import fix_fontname_bytes

        name = fix_fontname_bytes(name)
    return str(name)


def _descriptor(spec: dict) -> tuple[dict, str | None]:
    """The font descriptor pdfminer uses for a font dictionary, or `Unsupported`; and the
    font's name when pdfminer takes the descriptor and widths from its own AFM files (the
    standard 14 fonts and a few names it treats as such)."""
    from pdfminer.pdftypes import PDFStream, dict_value, list_value, resolve1
    from pdfminer.psparser import literal_name

    subtype = _name(resolve1(spec.get("Subtype"))) or "Type1"
    if subtype == "Type3":
        raise Unsupported("Type3 font")
    if subtype in ("CIDFontType0", "CIDFontType2"):
        raise Unsupported("descendant font used directly")
    if subtype == "Type0":
        encoding = _name(resolve1(spec.get("Encoding")))
        if encoding != "Identity-H":
            raise Unsupported(f"composite font with encoding {encoding or 'stream'}")
        if not isinstance(resolve1(spec.get("ToUnicode")), PDFStream):
            raise Unsupported("composite font without a ToUnicode map")
        descendants = list_value(spec.get("DescendantFonts"))
        if not descendants:
            raise Unsupported("composite font without a descendant")
        return dict_value(resolve1(dict_value(descendants[0]).get("FontDescriptor", {}))), None
    if spec.get("ToUnicode") is None and spec.get("Encoding") is None:
        raise Unsupported("simple font without an encoding")
    base = spec.get("BaseFont")
    basefont = literal_name(resolve1(base)) if base is not None else "unknown"
    metrics = _standard_metrics(basefont)
    if metrics is not None:
        return metrics, basefont
    return dict_value(resolve1(spec.get("FontDescriptor", {}))), None


def font_facts(spec: dict) -> FontFacts:
    """pdfminer's font name and descent for a font dictionary, or `Unsupported`."""
    from pdfminer.pdftypes import num_value

    descriptor, standard = _descriptor(spec)
    descent = num_value(descriptor.get("Descent", 0))
    if descent > 0:          # pdfminer: "/Descent should always be a negative number"
        descent = -descent
    return FontFacts(_fontname(descriptor), float(descent) * 0.001, standard)


def _standard_metrics(basefont: str) -> dict | None:
    """pdfminer's descriptor for the standard 14 fonts (it ignores the file's one for them)."""
    from pdfminer.fontmetrics import FONT_METRICS

    entry = FONT_METRICS.get(basefont)
    return dict(entry[0]) if entry else None


def font_program(spec: dict) -> tuple[bool, int | None]:
    """(embedded, decoded length of the font program): tells apart fonts sharing a name."""
    from pdfminer.pdftypes import PDFStream, resolve1

    descriptor, _ = _descriptor(spec)
    for key in ("FontFile", "FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key))
        if isinstance(stream, PDFStream):
            return True, len(stream.get_data())
    return False, None


class _Candidates(tuple):
    """Fonts that share a base name: ((embedded, length), facts) pairs."""


def page_fonts(resources, cache: dict) -> dict[str, FontFacts | _Candidates | None]:
    """Base name -> facts for every font the page can draw with (forms included).

    A name that several fonts with different facts share maps to their `_Candidates`; None
    marks a font the fast path does not read. `cache` maps font object ids to results across
    pages.
    """
    from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, resolve1
    from pdfminer.psparser import literal_name

    found: dict[str, list] = {}          # key -> [(spec, facts or None)]
    seen: set[int] = set()
    stack = [(resources, 0)]
    looked = 0
    while stack:
        res, depth = stack.pop()
        res = resolve1(res)
        if not isinstance(res, dict) or id(res) in seen:
            continue
        seen.add(id(res))
        fonts = resolve1(res.get("Font"))
        for ref in (fonts.values() if isinstance(fonts, dict) else ()):
            looked += 1
            if looked > MAX_FONTS:
                raise Unsupported("too many fonts")
            spec = dict_value(ref)
            base = spec.get("BaseFont")
            key = base_key(literal_name(resolve1(base))) if base is not None else "unknown"
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            if objid is not None and objid in cache:
                facts = cache[objid]
            else:
                try:
                    facts = font_facts(spec)
                except Unsupported:
                    facts = None
                if objid is not None:
                    cache[objid] = facts
            found.setdefault(key, []).append((spec, facts))
        xobjects = resolve1(res.get("XObject"))
        if depth < MAX_FORM_DEPTH and isinstance(xobjects, dict):
            for ref in xobjects.values():
                xobj = resolve1(ref)
                if (isinstance(xobj, PDFStream) and "Resources" in xobj.attrs
                        and _name(resolve1(xobj.attrs.get("Subtype"))) == "Form"):
                    stack.append((xobj.attrs["Resources"], depth + 1))
    out: dict[str, FontFacts | _Candidates | None] = {}
    for key, entries in found.items():
        facts = {f for _, f in entries}
        if None in facts:
            out[key] = None
        elif len(facts) == 1:
            out[key] = facts.pop()
        else:
            out[key] = _Candidates((font_program(spec), f) for spec, f in entries)
    return out


def _resolve_font(api: _Api, font: int, key: str, entry) -> FontFacts:
    """The facts of PDFium's font: the page's only font of that name, or the one whose
    embedded program has the same length."""
    if entry is None:
        raise Unsupported(f"font {key!r} is not read by the fast path")
    if not isinstance(entry, _Candidates):
        return entry
    embedded = bool(api.font_embedded(font))
    length = None
    if embedded:
        size = ctypes.c_size_t()
        if not api.font_data(font, None, 0, ctypes.byref(size)):
            raise Unsupported(f"font {key!r}: no program")
        length = size.value
    matches = {facts for (emb, n), facts in entry if emb == embedded and n == length}
    if len(matches) != 1:
        raise Unsupported(f"font {key!r} cannot be told apart from another of that name")
    return matches.pop()


# ---------------------------------------------------------------------------------------------
# Characters


@dataclass
class _Geometry:
    """From PDF user space to pdfplumber's coordinates: pdfminer's page CTM, then top-left."""

    ctm: tuple            # pdfminer's page matrix (rotation, MediaBox origin)
    x_shift: float        # pdfplumber adds its MediaBox x0
    height: float
    top_shift: float      # pdfplumber's MediaBox top

    @classmethod
    def of(cls, plumber_page) -> "_Geometry":
        from .stamps import page_ctm

        page_obj = plumber_page.page_obj
        mb = plumber_page.mediabox
        return cls(ctm=tuple(float(v) for v in page_ctm(page_obj.mediabox, page_obj.rotate)),
                   x_shift=float(mb[0]), height=float(plumber_page.height), top_shift=float(mb[1]))


class _Font:
    """What one page learns of a PDFium font: pdfminer's facts, widths by character (per unit
    of size), characters whose width is not checked yet, and whether a glyph has no outline."""

    __slots__ = ("facts", "widths", "pending", "hollow")

    def __init__(self, facts: FontFacts) -> None:
        self.facts, self.widths, self.pending, self.hollow = facts, {}, {}, False


class _Object:
    """One PDFium text object: its font's facts, the character matrix in pdfminer's page
    space, and the constants that place its characters."""

    __slots__ = ("font", "record", "facts", "widths", "pending", "size", "key", "user", "a", "b",
                 "c", "d", "y0", "y1", "level", "kx", "ktop", "kbottom", "kadv", "order")

    def __init__(self, api: _Api, tp: int, index: int, handle: int, fonts: dict, geo: _Geometry,
                 font_cache: dict) -> None:
        font = api.obj_font(handle)
        if not font:
            raise Unsupported("text without a font")
        if _actual_text(api, handle):
            raise Unsupported("text with /ActualText")
        if font not in font_cache:
            buf = ctypes.create_string_buffer(512)
            n = api.font_name(font, buf, len(buf))
            key = base_key(buf.raw[:max(n - 1, 0)].decode("utf-8", "replace"))
            if key not in fonts:
                raise Unsupported(f"font {key!r} is not among the page's fonts")
            font_cache[font] = _Font(_resolve_font(api, font, key, fonts[key]))
        self.record = record = font_cache[font]
        self.widths, self.pending, self.facts = record.widths, record.pending, record.facts
        facts = record.facts
        fs, m = ctypes.c_float(), api.FS_MATRIX()
        if not api.obj_font_size(handle, ctypes.byref(fs)) or not api.matrix(tp, index, ctypes.byref(m)):
            raise Unsupported("no font size or matrix")
        pa, pb, pc, pd, pe, pf = geo.ctm
        self.font, self.size, self.user = font, float(fs.value), (m.a, m.b, m.c, m.d)
        a, b = m.a * pa + m.b * pc, m.a * pb + m.b * pd
        c, d = m.c * pa + m.d * pc, m.c * pb + m.d * pd
        self.a, self.b, self.c, self.d = a, b, c, d
        self.y0 = facts.descent * self.size
        self.y1 = self.y0 + self.size
        upright = a * d > 0 and b * c <= 0
        # level text on an unturned page: each box from the origin with four constants
        self.level = b == 0 and c == 0 and a > 0 and d > 0 and pb == 0 and pc == 0 and pa == 1 and pd == 1
        if self.level:
            self.kx = pe + geo.x_shift
            self.ktop = geo.height + geo.top_shift - pf - d * self.y1
            self.kbottom = geo.height + geo.top_shift - pf - d * self.y0
            self.kadv = a * self.size
            size = d * self.y1 - d * self.y0
        else:            # turned or sheared: the box height is the size unless it turns
            size = abs(d * self.y1 - d * self.y0) if b == 0 else None
        self.key = (upright, size if size is None else round(size, 6), facts.fontname)


def _advance(api: _Api, tp: int, index: int, ch: str, obj: _Object, ox: float, oy: float) -> float:
    """Width per unit of size of `ch` in the object's font (PDFium maps the character back to
    its code for that). Checked against PDFium's boxes on the first occurrence that allows it:
    until then the character stays in the font's `pending` tries."""
    if api.unicode_error(tp, index):
        raise Unsupported("a character without a Unicode mapping")
    width = _glyph_width(api, obj, ch)
    if obj.facts.standard is not None:
        _check_standard_width(obj.facts.standard, ch, width)
    if not ch.isspace() and not _check_width(api, tp, index, width * obj.size, obj, ox, oy):
        obj.pending[ch] = CHECK_TRIES    # (a space's width makes no word: not checked)
    obj.widths[ch] = width
    return width


def _check_standard_width(name: str, ch: str, width: float) -> None:
    """pdfminer places the glyphs of a standard-14 font by its AFM widths (0 for a character
    the AFM lacks), PDFium by the file's: they must agree."""
    from pdfminer.fontmetrics import FONT_METRICS

    afm = FONT_METRICS[name][1].get(ch, 0)
    if abs(afm - width * 1000) > 0.5:
        raise Unsupported(f"{name}: pdfminer's width {afm} for {ch!r}, the file's {width * 1000:.0f}")


def _recheck(api: _Api, tp: int, index: int, ch: str, width: float, obj: _Object, ox: float,
             oy: float) -> None:
    """Another occurrence of a character whose width is not checked yet (a few tries: then its
    glyph's ink reaches the advance, as accents and hooks do, and it is taken as it is)."""
    tries = obj.pending[ch] - 1
    if _check_width(api, tp, index, width * obj.size, obj, ox, oy) or tries <= 0:
        del obj.pending[ch]
    else:
        obj.pending[ch] = tries


def _check_width(api: _Api, tp: int, index: int, adv: float, obj: _Object, ox: float, oy: float) -> bool:
    """The advance must give the edge of PDFium's loose box where its glyph box does not reach.

    PDFium's loose box is the metric box (origin to origin + advance) joined with the glyph's
    ink box: where the ink stops short of the metric edge, that edge is the advance's. Checked
    along the text direction for text that is level or turned a quarter, not for sheared text
    or where the ink reaches the edge (False: not checked); a mismatch is `Unsupported`.
    """
    a, b, c, d = obj.user
    if b == 0 and c == 0 and a != 0:
        step, origin, along_x = a, ox, True      # the advance runs along x
    elif a == 0 and d == 0 and b != 0:
        step, origin, along_x = b, oy, False     # along y (turned a quarter)
    else:
        return False
    loose = api.FS_RECTF()
    box = [ctypes.c_double() for _ in range(4)]          # left, right, bottom, top
    if not api.loose_box(tp, index, ctypes.byref(loose)) or not api.char_box(
            tp, index, *(ctypes.byref(v) for v in box)):
        return False
    left, right, bottom, top = (v.value for v in box)
    if min(right - left, top - bottom) < OUTLINE_MIN * obj.size * max(abs(a), abs(b), abs(c), abs(d)):
        obj.record.hollow = True         # PDFium found no outline: its box is a hairline
        return False
    if step > 0:                         # the far edge: the larger coordinate
        ink, far = (right, loose.right) if along_x else (top, loose.top)
        reaches = ink >= far - WIDTH_EPS
    else:                                # the smaller one
        ink, far = (left, loose.left) if along_x else (bottom, loose.bottom)
        reaches = ink <= far + WIDTH_EPS
    if reaches:
        return False
    edge = origin + step * adv
    if abs(far - edge) > WIDTH_EPS:
        raise Unsupported(f"width mismatch ({edge:.3f} against PDFium's {far:.3f})")
    return True


def _hyphen(api: _Api, tp: int, index: int, obj: _Object, ox: float, oy: float) -> str:
    """The character behind PDFium's line-end hyphen mark: the hyphen its font can draw."""
    fits = []
    for ch in HYPHENS:
        try:
            _check_width(api, tp, index, _glyph_width(api, obj, ch) * obj.size, obj, ox, oy)
        except Unsupported:
            continue
        fits.append(ch)
    if len(fits) != 1:
        raise Unsupported("a line-end hyphen that cannot be told apart")
    return fits[0]


def _glyph_width(api: _Api, obj: _Object, ch: str) -> float:
    w = ctypes.c_float()
    if not api.glyph_width(obj.font, ord(ch), 1.0, ctypes.byref(w)):
        raise Unsupported(f"no width for {ch!r}")
    return float(w.value)


def _page_text(api: _Api, tp: int, n: int) -> str:
    """All n characters in one call; one UTF-16 unit per character or `Unsupported`."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = api.get_text(tp, 0, n, buf)
    text = buf.raw[:max(got - 1, 0) * 2].decode("utf-16-le", "surrogatepass")
    if len(text) != n:
        text = "".join(chr(api.get_unicode(tp, i)) for i in range(n))
    if _SURROGATE.search(text):
        raise Unsupported("characters outside the BMP")
    return text


def page_objects(api: _Api, page: int) -> tuple[dict[int, int], set[int]]:
    """The page's text objects in content order (forms entered where they are drawn), and those
    of them with a box (text PDFium must not leave out).

    pdfminer emits characters in content order; PDFium's text page sorts the objects of a line
    by x, and drops an object that repeats the previous one at (nearly) the same place, as fake
    bold is drawn, while pdfminer keeps both copies. Objects with an empty box (a lone space)
    it drops too, harmlessly: a space only ends a word.
    """
    order: dict[int, int] = {}
    boxed: set[int] = set()
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    stack = [(api.count_objects(page), lambda k: api.get_object(page, k), 0, 0)]
    while stack:
        count, get, start, depth = stack.pop()
        for k in range(start, count):
            obj = get(k)
            kind = api.object_type(obj)
            if kind == api.TEXT:
                order[obj] = len(order)
                if not api.bounds(obj, *refs):
                    boxed.add(obj)
                elif box[2].value - box[0].value > 0.01 and box[3].value - box[1].value > 0.01:
                    boxed.add(obj)
            elif kind == api.FORM and depth < MAX_FORM_DEPTH:
                stack.append((count, get, k + 1, depth))        # the rest, after the form
                stack.append((api.form_count(obj), lambda j, f=obj: api.form_object(f, j), 0, depth + 1))
                break
    return order, boxed


def _actual_text(api: _Api, handle: int) -> bool:
    """Is the object inside marked content with /ActualText? PDFium then reports that text
    (spread over the object's box) instead of the glyphs pdfminer reads."""
    for k in range(api.count_marks(handle)):
        mark = api.get_mark(handle, k)
        if mark and api.mark_param_type(mark, b"ActualText") != 0:
            return True
    return False


def _check_left_out(api: _Api, order: dict, boxed: set, objects: dict, font_cache: dict) -> None:
    """`Unsupported` when PDFium's text page left out a text object that may hold text.

    PDFium leaves out an object with an empty box: a lone space (harmless), or glyphs it has
    no outline for (a font program it cannot read, a substitute font without the glyph). The
    latter is text pdfminer reads: an object is trusted to be a space only when its font's
    glyphs all had outlines so far. An object with a box is left out when it repeats the one
    before (fake bold).
    """
    for handle in order:
        if handle in objects:
            continue
        if handle in boxed:
            raise Unsupported("text objects PDFium left out (drawn twice?)")
        record = font_cache.get(api.obj_font(handle))
        if record is None or record.hollow:
            raise Unsupported("text objects PDFium left out (glyphs without outlines?)")


def page_chars(tp: int, fonts: dict, geo: _Geometry, page: int) -> list[tuple]:
    """pdfminer's characters of a PDFium text page, in content order:
    (text, x0, x1, top, bottom, (upright, size, fontname)). `page` is PDFium's page handle."""
    api = _api()
    order, boxed = page_objects(api, page)
    n = api.count_chars(tp)
    text = _page_text(api, tp, n) if n > 0 else ""
    if _RTL.search(text):
        raise Unsupported("right-to-left text (PDFium reorders it)")
    pa, pb, pc, pd, pe, pf = geo.ctm
    xs, ht = geo.x_shift, geo.height + geo.top_shift
    ox_c, oy_c = ctypes.c_double(), ctypes.c_double()
    ox_p, oy_p = ctypes.byref(ox_c), ctypes.byref(oy_c)
    objects: dict[int, _Object] = {}
    font_cache: dict = {}
    out: list[tuple] = []
    seq: list[int] = []                  # content-order index of each character's object
    append, text_object, origin, is_generated = out.append, api.text_object, api.origin, api.is_generated
    last_handle, last_x, last_y, last_width = None, 0.0, 0.0, 0.0
    last_order, ordered = -1, True
    obj = widths = pending = key = None
    level, kx, kadv, ktop, kbottom = False, 0.0, 0.0, 0.0, 0.0
    for i, ch in enumerate(text):
        handle = text_object(tp, i)
        special = ch in _SPECIAL
        if special or not handle:
            if is_generated(tp, i):
                continue                     # a space or line break PDFium inferred
            if not handle:
                raise Unsupported("a character without a text object")
        same = handle == last_handle
        if not same:                         # another object: its constants in locals
            obj = objects.get(handle)
            if obj is None:
                if handle not in order:
                    raise Unsupported("a character of an object not on the page")
                obj = objects[handle] = _Object(api, tp, i, handle, fonts, geo, font_cache)
                obj.order = order[handle]
            widths, pending, key, level = obj.widths, obj.pending, obj.key, obj.level
            if level:
                kx, kadv, ktop, kbottom = obj.kx, obj.kadv, obj.ktop, obj.kbottom
            if obj.order != last_order:
                ordered = ordered and obj.order > last_order
                last_order = obj.order
        if not origin(tp, i, ox_p, oy_p):
            raise Unsupported("no character origin")
        ox, oy = ox_c.value, oy_c.value
        if special and ch in _MARKS:
            if not api.is_hyphen(tp, i):
                raise Unsupported("a character PDFium cannot name")
            ch = _hyphen(api, tp, i, obj, ox, oy)
        width = widths.get(ch)
        if width is None:
            width = _advance(api, tp, i, ch, obj, ox, oy)
        elif pending and ch in pending:
            _recheck(api, tp, i, ch, width, obj, ox, oy)
        if same and ox == last_x and oy == last_y and last_width:
            raise Unsupported("one glyph read as several characters")
        last_handle, last_x, last_y, last_width = handle, ox, oy, width
        seq.append(last_order)
        if level:
            x0 = ox + kx
            append((ch, x0, x0 + kadv * width, ktop - oy, kbottom - oy, key))
            continue
        adv = width * obj.size
        x = pa * ox + pc * oy + pe
        y = pb * ox + pd * oy + pf
        a, b, c, d, y0, y1 = obj.a, obj.b, obj.c, obj.d, obj.y0, obj.y1
        cx = (x + c * y0, x + a * adv + c * y0, x + a * adv + c * y1, x + c * y1)
        cy = (y + d * y0, y + b * adv + d * y0, y + b * adv + d * y1, y + d * y1)
        top, bottom = min(cy), max(cy)
        char_key = key if key[1] is not None else (key[0], round(bottom - top, 6), key[2])
        append((ch, min(cx) + xs, max(cx) + xs, ht - bottom, ht - top, char_key))
    _check_left_out(api, order, boxed, objects, font_cache)
    if not ordered:                                  # back to content order, objects kept whole
        out = [c for _, c in sorted(zip(seq, out), key=lambda t: t[0])]
    return out


# ---------------------------------------------------------------------------------------------
# Words: pdfplumber's WordExtractor, upright text only


def _cluster_index(values, tolerance: float) -> dict[float, int]:
    """pdfplumber's `make_cluster_dict`: sorted distinct values, chained within `tolerance`."""
    out: dict[float, int] = {}
    index, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            index += 1
        out[v] = index
        last = v
    return out


def group_words(chars: list[tuple], x_tolerance: float, y_tolerance: float) -> list[RawWord]:
    """Upright words from characters in content order, grouped as pdfplumber groups them."""
    words: list[RawWord] = []
    append = words.append
    for (upright, size, fontname), group in itertools.groupby(chars, key=_KEY):
        if not upright:
            continue                         # the loader keeps upright words only
        group = list(group)
        clusters = _cluster_index([c[3] for c in group], y_tolerance)
        # pdfplumber: a stable sort by line cluster, then each line by x0 (stable)
        group.sort(key=lambda c: (clusters[c[3]], c[1]))
        parts: list[str] = []
        line = -1
        x0 = x1 = top = bottom = px0 = px1 = ptop = 0.0
        for ch, cx0, cx1, ctop, cbottom, _ in group:
            cl = clusters[ctop]
            if parts and (cl != line or ch.isspace() or cx0 < px0 or cx0 > px1 + x_tolerance
                          or abs(ctop - ptop) > y_tolerance):
                append(RawWord("".join(parts), x0, x1, top, bottom, size, fontname))
                parts = []
            line = cl
            if ch.isspace():
                continue
            if not parts:
                x0, x1, top, bottom = cx0, cx1, ctop, cbottom
            else:
                x1 = cx1 if cx1 > x1 else x1
                top = ctop if ctop < top else top
                bottom = cbottom if cbottom > bottom else bottom
            parts.append(LIGATURES.get(ch, ch))
            px0, px1, ptop = cx0, cx1, ctop
        if parts:
            append(RawWord("".join(parts), x0, x1, top, bottom, size, fontname))
    return words


# ---------------------------------------------------------------------------------------------
# Documents


class PdfiumReader:
    """One PDFium document, read page by page alongside pdfplumber's page objects.

    PDFium is not thread-safe: every call into it here holds one process-wide lock.
    """

    def __init__(self, path) -> None:
        import pypdfium2 as pdfium

        with _LOCK:
            _api()                       # the bindings, before any page is read
            self._doc = pdfium.PdfDocument(str(path))
        self._font_facts: dict = {}      # pdfminer font object id -> FontFacts or None

    def __len__(self) -> int:
        with _LOCK:
            return len(self._doc)

    def words(self, index: int, plumber_page, x_tolerance: float, y_tolerance: float) -> list[RawWord]:
        """The upright words of page `index`, or `Unsupported`."""
        fonts = page_fonts(plumber_page.page_obj.resources, self._font_facts)
        geo = _Geometry.of(plumber_page)
        with _LOCK:
            page = self._doc[index]
            try:
                textpage = page.get_textpage()
                try:
                    chars = page_chars(_address(textpage.raw), fonts, geo, _address(page.raw))
                finally:
                    textpage.close()
            finally:
                page.close()
        return group_words(chars, x_tolerance, y_tolerance)

    def close(self) -> None:
        with _LOCK:
            try:
                self._doc.close()
            except Exception:
                pass


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value
