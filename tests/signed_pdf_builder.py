"""Builds small PDFs in the form of digitally signed Vietnamese documents, for the tests.

What a signing system leaves in these files (see the signed-PDF issue): the page's text layer
keeps blank slots ("Số:           /UBND-XD", "ngày        tháng 7 năm 2026") and the serial and
day are drawn by signature widgets (`/FT /Sig`) placed over the slots. Each widget's `/AP /N`
is a Form that draws `/FRM`, which draws `/n0` ("% DSBlank") and `/n2`; `/n2` shows the text
with `BT /F1 13 Tf … <hex glyph codes> Tj ET` in a Type0/Identity-H font of its own resources,
with a ToUnicode map.

Fonts are Type0 CIDFontType2 fonts with widths and a ToUnicode map but no embedded program:
text extractors need only those, and the tests then need no font file on the machine. The
signature part (`sign`) uses pyHanko with a certificate made in the test.

All names, places and numbers here are invented.
"""

from __future__ import annotations

import io
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 85.0, 530.0          # body text margins
CX_L, CX_R = 150.0, 400.0          # centres of the two header columns

# the document's variable parts (invented)
SERIAL, DAY, MONTH, NEW_MONTH, YEAR = "7432", "21", "7", "8", "2026"
NUMBER_LINE = "Số:           /UBND-XD"
DATE_LINE = f"Bình Sơn, ngày        tháng {MONTH} năm {YEAR}"


# ---------------------------------------------------------------------------------------------
# Fonts


def advance(ch: str) -> int:
    """Approximate advance width (1/1000 em) of a Times-like face."""
    base = unicodedata.normalize("NFD", ch)[0]
    if base == " ":
        return 250
    if base.isdigit():
        return 500
    if base in ".,:;!'":
        return 250
    if base in "/-()–":
        return 333
    if base in "MWmw":
        return 830
    if base in "iljtfr":
        return 290
    if base.isupper():
        return 690
    if base.isalpha():
        return 480
    return 500


@dataclass
class CidFont:
    """A Type0/Identity-H font: two-byte glyph codes, widths and a ToUnicode map."""

    name: str
    mac_order: bool = False          # codes like a TrueType subset: "0" -> 0x13, "7" -> 0x1A
    to_unicode: bool = True
    codes: dict[str, int] = field(default_factory=dict)

    def code(self, ch: str) -> int:
        if ch not in self.codes:
            if self.mac_order and 32 <= ord(ch) < 127:
                self.codes[ch] = ord(ch) - 29
            else:
                self.codes[ch] = 200 + len(self.codes)
        return self.codes[ch]

    def hex(self, text: str) -> str:
        return "<" + "".join(f"{self.code(c):04x}" for c in text) + ">"

    @staticmethod
    def width(text: str, size: float) -> float:
        return sum(advance(c) for c in text) * size / 1000.0

    def write(self, pdf: "PdfBuilder", ref: int) -> None:
        """The font's objects, the Type0 dictionary at object `ref`."""
        pairs = sorted((c, ch) for ch, c in self.codes.items())
        chunks = [pairs[i:i + 100] for i in range(0, len(pairs), 100)]
        cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
                "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        for chunk in chunks:
            cmap.append(f"{len(chunk)} beginbfchar")
            cmap += [f"<{c:04x}> <{ord(ch):04x}>" for c, ch in chunk]
            cmap.append("endbfchar")
        cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        to_unicode = pdf.stream("", "\n".join(cmap).encode())
        widths = " ".join(f"{c} [{advance(ch)}]" for c, ch in pairs)
        desc = pdf.add(f"<< /Type /FontDescriptor /FontName /{self.name} /Flags 6 "
                       f"/FontBBox [-170 -220 1000 900] /ItalicAngle 0 /Ascent 891 /Descent -216 "
                       f"/CapHeight 662 /StemV 80 >>")
        cid = pdf.add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{self.name} "
                      f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                      f"/FontDescriptor {desc} 0 R /CIDToGIDMap /Identity /DW 500 /W [{widths}] >>")
        tu = f" /ToUnicode {to_unicode} 0 R" if self.to_unicode else ""
        pdf.set(ref, f"<< /Type /Font /Subtype /Type0 /BaseFont /{self.name} /Encoding /Identity-H "
                     f"/DescendantFonts [{cid} 0 R]{tu} >>")


# ---------------------------------------------------------------------------------------------
# A tiny PDF writer (objects, streams, xref)


class PdfBuilder:
    def __init__(self) -> None:
        self.objects: list[bytes | None] = []
        self.fonts: dict[int, CidFont] = {}

    def reserve(self) -> int:
        self.objects.append(None)
        return len(self.objects)

    def set(self, num: int, body: str | bytes) -> None:
        self.objects[num - 1] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        num = self.reserve()
        self.set(num, body)
        return num

    def stream(self, entries: str, data: bytes, compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data)
            entries += " /Filter /FlateDecode"
        return self.add(f"<< {entries} /Length {len(data)} >>\nstream\n".encode("latin-1") + data
                        + b"\nendstream")

    def bytes(self, root: int, info: int | None = None) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, 1):
            assert body is not None, f"object {i} reserved but never set"
            offsets.append(out.tell())
            out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            out.write(f"{off:010d} 00000 n \n".encode())
        trailer = f"/Size {len(self.objects) + 1} /Root {root} 0 R"
        if info:
            trailer += f" /Info {info} 0 R"
        out.write(f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Page text


@dataclass
class TextLine:
    x: float
    y: float               # baseline, PDF coordinates (origin bottom left)
    size: float
    text: str

    def x_at(self, index: int) -> float:
        """x where character `index` starts."""
        return self.x + CidFont.width(self.text[:index], self.size)

    @property
    def x1(self) -> float:
        return self.x_at(len(self.text))


def centred(cx: float, y: float, size: float, text: str) -> TextLine:
    return TextLine(cx - CidFont.width(text, size) / 2, y, size, text)


def wrap(text: str, y: float, size: float = 14, indent: float = 28, leading: float = 19) -> list[TextLine]:
    """A body paragraph hard-wrapped to the margins."""
    lines, words, cur, x = [], text.split(), "", LEFT + indent
    for w in words:
        trial = f"{cur} {w}" if cur else w
        if cur and x + CidFont.width(trial, size) > RIGHT:
            lines.append(TextLine(x, y, size, cur))
            y -= leading
            cur, x = w, LEFT
        else:
            cur = trial
    if cur:
        lines.append(TextLine(x, y, size, cur))
    return lines


def page_one() -> tuple[list[TextLine], TextLine, TextLine]:
    """The first page in the standard layout; returns (lines, number line, date line)."""
    number = centred(CX_L, 744, 13, NUMBER_LINE)
    date = centred(CX_R + 10, 744, 14, DATE_LINE)
    lines = [
        centred(CX_L, 790, 13, "ỦY BAN NHÂN DÂN"),
        centred(CX_L, 774, 13, "TỈNH BÌNH SƠN"),
        centred(CX_R, 790, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        centred(CX_R, 774, 13, "Độc lập - Tự do - Hạnh phúc"),
        number, date,
        centred(CX_L, 726, 12, "V/v rà soát quy hoạch xây dựng"),
        centred(CX_L, 712, 12, "nông thôn mới năm 2026"),
        TextLine(200, 676, 14, "Kính gửi: Sở Xây dựng tỉnh Bình Sơn."),
    ]
    lines += wrap("Thực hiện Kế hoạch số 15/KH-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân "
                  "tỉnh về xây dựng nông thôn mới, Ủy ban nhân dân tỉnh đề nghị Sở Xây dựng chủ trì, "
                  "phối hợp với các sở, ngành liên quan triển khai các nội dung sau:", 640)
    lines += wrap("1. Rà soát quy hoạch chung xây dựng các xã trên địa bàn tỉnh, đề xuất điều chỉnh "
                  "những nội dung không còn phù hợp, báo cáo kết quả trước ngày 30 tháng 9 năm 2026.",
                  560)
    lines += wrap("2. Hướng dẫn Ủy ban nhân dân các huyện lập kế hoạch thực hiện các tiêu chí về quy "
                  "hoạch và nhà ở dân cư, tổng hợp khó khăn, vướng mắc trong quá trình thực hiện.", 500)
    return lines, number, date


def page_two() -> tuple[list[TextLine], TextLine]:
    """The last page: closing sentence, "Nơi nhận" and the signature block; returns (lines, title)."""
    lines = wrap("Ủy ban nhân dân tỉnh đề nghị Sở Xây dựng khẩn trương triển khai thực hiện, "
                 "bảo đảm đúng tiến độ và chất lượng./.", 780)
    title = centred(CX_R + 30, 700, 13, "PHÓ CHỦ TỊCH")
    lines += [
        TextLine(LEFT, 716, 12, "Nơi nhận:"),
        TextLine(LEFT, 702, 11, "- Như trên;"),
        TextLine(LEFT, 689, 11, "- Chủ tịch UBND tỉnh;"),
        TextLine(LEFT, 676, 11, "- Lưu: VT, XD."),
        centred(CX_R + 30, 716, 13, "KT. CHỦ TỊCH"),
        title,
        centred(CX_R + 30, 620, 14, "Trần Văn Bình"),
    ]
    return lines, title


# ---------------------------------------------------------------------------------------------
# Signature widgets


@dataclass
class Stamp:
    """One signature widget: its rectangle on the page and what its appearance draws."""

    rect: tuple[float, float, float, float]
    lines: list[str]                 # text lines drawn in /n2 (empty: a "% DSBlank" appearance)
    size: float = 13
    shear: float = 0.0               # Tm shear (c entry): slanted text
    white: bool = False              # paint the box white first (covers printed text)
    bbox_origin: tuple[float, float] = (0.0, 0.0)   # a BBox not at 0 0 (spec 12.5.5 mapping)
    kid: bool = False                # /FT /Sig on a /Parent field rather than on the widget
    field_type: str = "/Sig"
    name: str = "Stamp"
    broken: str | None = None        # "recursive" | "no_unicode" | "no_bbox" | "states" | "cyclic_parent"


def slot_stamp(line: TextLine, start: int, end: int, text: str, **kw) -> Stamp:
    """A widget over characters start..end of `line` (a blank slot or a printed value)."""
    x0, x1 = line.x_at(start), line.x_at(end)
    return Stamp(rect=(x0 - 1, line.y - 4, x1 + 1, line.y + line.size), lines=[text], **kw)


def _appearance(pdf: PdfBuilder, stamp: Stamp, font_ref: int, matrix: str = "") -> int:
    """/AP /N → /FRM → (/n0 "% DSBlank", /n2 text), as signing systems write it."""
    x0, y0, x1, y1 = stamp.rect
    w, h = x1 - x0, y1 - y0
    ox, oy = stamp.bbox_origin
    bbox = f"[{ox:.2f} {oy:.2f} {ox + w:.2f} {oy + h:.2f}]"
    ops = []
    if stamp.white:
        ops.append(f"1 1 1 rg {ox:.2f} {oy:.2f} {w:.2f} {h:.2f} re f 0 0 0 rg")
    for i, text in enumerate(stamp.lines):
        tw = CidFont.width(text, stamp.size)
        tx = ox + max(1.0, (w - tw) / 2)
        ty = oy + h - (i + 1) * stamp.size * 1.15 + 0.25 * stamp.size
        ops.append(f"BT /F1 {stamp.size:g} Tf 1 0 {stamp.shear:g} 1 {tx:.2f} {ty:.2f} Tm "
                   f"{pdf.fonts[font_ref].hex(text)} Tj ET")
    n2_extra = ""
    if stamp.broken == "recursive":          # a Form that draws itself
        n2_num = len(pdf.objects) + 1        # the number stream() will give it
        n2_extra = f" /XObject << /n2 {n2_num} 0 R >>"
        ops.append("/n2 Do")
    n2 = pdf.stream(f"/Type /XObject /Subtype /Form /BBox {bbox} "
                    f"/Resources << /Font << /F1 {font_ref} 0 R >>{n2_extra} >>", "\n".join(ops).encode())
    n0 = pdf.stream(f"/Type /XObject /Subtype /Form /BBox {bbox} /Resources << >>", b"% DSBlank\n")
    frm = pdf.stream(f"/Type /XObject /Subtype /Form /BBox {bbox} "
                     f"/Resources << /XObject << /n0 {n0} 0 R /n2 {n2} 0 R >> >>",
                     b"q 1 0 0 1 0 0 cm /n0 Do Q\nq 1 0 0 1 0 0 cm /n2 Do Q\n")
    top_bbox = "" if stamp.broken == "no_bbox" else f"/BBox {bbox} "
    ap = pdf.stream(f"/Type /XObject /Subtype /Form {top_bbox}{matrix}"
                    f"/Resources << /XObject << /FRM {frm} 0 R >> >>", b"q 1 0 0 1 0 0 cm /FRM Do Q\n")
    if stamp.broken == "states":             # /N as a dictionary of states, no /AS
        return pdf.add(f"<< /On {ap} 0 R >>")
    return ap


# ---------------------------------------------------------------------------------------------
# Documents


def build(path: Path, stamps_p1: list[Stamp] = (), stamps_p2: list[Stamp] = (),
          blank: bool = True, rotate: int = 0, origin: tuple[float, float] = (0, 0)) -> Path:
    """Write the two-page document with the given widgets; `blank=False` prints serial and day.

    `origin` moves the MediaBox (and everything on it). `rotate=90` writes the pages as a
    scanner or converter does for a rotated page: a landscape MediaBox with /Rotate 90, content
    drawn turned so that it reads upright, and widget appearances turned by their /Matrix."""
    assert rotate in (0, 90)

    def place(u: float, v: float) -> tuple[float, float]:
        """Default user space of a point of the upright page."""
        if rotate == 90:
            return origin[0] + PAGE_H - v, origin[1] + u
        return origin[0] + u, origin[1] + v

    pdf = PdfBuilder()
    catalog, pages_ref, font_ref, stamp_font_ref, bad_font_ref = (pdf.reserve() for _ in range(5))
    font = CidFont("AAAAAA+TimesNewRomanPSMT")
    pdf.fonts = {font_ref: font, stamp_font_ref: CidFont("BAAAAA+Arial", mac_order=True),
                 bad_font_ref: CidFont("CAAAAA+Arial", mac_order=True, to_unicode=False)}
    p1_lines, number, date = page_one()
    if not blank:
        p1_lines = [ln for ln in p1_lines if ln not in (number, date)]
        p1_lines += [TextLine(number.x, number.y, number.size, f"Số: {SERIAL}/UBND-XD"),
                     TextLine(date.x, date.y, date.size,
                              f"Bình Sơn, ngày {DAY} tháng {MONTH} năm {YEAR}")]
    p2_lines, _ = page_two()
    page_refs, fields = [], []
    for lines, stamps in ((p1_lines, stamps_p1), (p2_lines, stamps_p2)):
        x0, y0 = place(0, 0)
        ops = [f"q {'0 1 -1 0' if rotate else '1 0 0 1'} {x0:.2f} {y0:.2f} cm"]
        for ln in lines:
            ops.append(f"BT /F1 {ln.size:g} Tf 1 0 0 1 {ln.x:.2f} {ln.y:.2f} Tm {font.hex(ln.text)} Tj ET")
        ops.append("Q")
        content = pdf.stream("", "\n".join(ops).encode())
        page = pdf.reserve()
        annots = []
        for n, st in enumerate(stamps):
            ap = _appearance(pdf, st, bad_font_ref if st.broken == "no_unicode" else stamp_font_ref,
                             "/Matrix [0 1 -1 0 0 0] " if rotate else "")
            (ax, ay), (bx, by) = place(st.rect[0], st.rect[1]), place(st.rect[2], st.rect[3])
            rect = f"{min(ax, bx):.2f} {min(ay, by):.2f} {max(ax, bx):.2f} {max(ay, by):.2f}"
            name = f"{st.name}{len(page_refs) + 1}_{n}"
            common = f"/Type /Annot /Subtype /Widget /Rect [{rect}] /F 132 /P {page} 0 R /AP << /N {ap} 0 R >>"
            if st.broken == "cyclic_parent":     # /Parent chain that loops, no /FT anywhere
                widget, parent = pdf.reserve(), pdf.reserve()
                pdf.set(widget, f"<< {common} /Parent {parent} 0 R >>")
                pdf.set(parent, f"<< /T ({name}) /Parent {widget} 0 R /Kids [{widget} 0 R] >>")
            elif st.kid:
                parent = pdf.reserve()
                widget = pdf.add(f"<< {common} /Parent {parent} 0 R >>")
                pdf.set(parent, f"<< /FT {st.field_type} /T ({name}) /Kids [{widget} 0 R] >>")
                fields.append(parent)
            else:
                widget = pdf.add(f"<< {common} /FT {st.field_type} /T ({name}) >>")
                fields.append(widget)
            annots.append(widget)
        annots_entry = f" /Annots [{' '.join(f'{a} 0 R' for a in annots)}]" if annots else ""
        w, h = (PAGE_H, PAGE_W) if rotate else (PAGE_W, PAGE_H)
        box = f"{origin[0]:g} {origin[1]:g} {w + origin[0]:g} {h + origin[1]:g}"
        pdf.set(page, f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [{box}] /Rotate {rotate} "
                      f"/Resources << /Font << /F1 {font_ref} 0 R >> >> /Contents {content} 0 R{annots_entry} >>")
        page_refs.append(page)
    pdf.set(pages_ref, f"<< /Type /Pages /Count {len(page_refs)} "
                       f"/Kids [{' '.join(f'{p} 0 R' for p in page_refs)}] >>")
    acro = ""
    if fields:
        acro = f" /AcroForm << /Fields [{' '.join(f'{f} 0 R' for f in fields)}] /SigFlags 3 >>"
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages_ref} 0 R{acro} >>")
    for ref, f in pdf.fonts.items():
        f.write(pdf, ref)
    info = pdf.add("<< /Producer (signed_pdf_builder) >>")
    path.write_bytes(pdf.bytes(catalog, info))
    return path


def standard_stamps(shear: float = 0.0, month: bool = False) -> list[Stamp]:
    """The serial and day stamps over the blanks of page one (and a new month over the printed one)."""
    _, number, date = page_one()
    serial_at = NUMBER_LINE.index(":") + 1
    day_at = DATE_LINE.index("ngày") + len("ngày")
    out = [slot_stamp(number, serial_at, NUMBER_LINE.index("/"), SERIAL, shear=shear, name="SoVB"),
           slot_stamp(date, day_at, DATE_LINE.index("tháng"), DAY, shear=shear, kid=True,
                      bbox_origin=(5.0, 7.0), name="Ngay")]
    if month:
        m_at = DATE_LINE.index(f"tháng {MONTH} ") + len("tháng ")
        out.append(slot_stamp(date, m_at, m_at + len(MONTH), NEW_MONTH, white=True, name="Thang"))
    return out


def signer_box(name: str = "Trần Văn Bình") -> list[Stamp]:
    """The last page's larger widget (signer and time over the signature block) and an empty one."""
    _, title = page_two()
    x0 = title.x - 30
    return [Stamp(rect=(x0, 632, x0 + 190, 690), lines=[f"Ký bởi: {name}", "Thời gian ký: 21.07.2026"],
                  size=8, name="Signer"),
            Stamp(rect=(400, 40, 520, 80), lines=[], name="Blank")]


# ---------------------------------------------------------------------------------------------
# Signing with pyHanko and a test certificate


def make_signer(common_name: str = "ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN"):
    """A pyHanko SimpleSigner with a fresh self-signed certificate (made with `cryptography`)."""
    import datetime as dt

    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    a_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    a_key = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=a_cert, signing_key=a_key,
                                cert_registry=SimpleCertificateStore.from_certs([a_cert]))


def sign(src: Path, dst: Path, signer, *, field: str = "Signature1", page: int = 1,
         box=(330, 560, 520, 610), name: str | None = None, reason: str | None = None,
         location: str | None = None) -> Path:
    """Sign `src` into a new visible field on 0-based `page` (an incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields as sig_fields
    from pyhanko.sign import signers

    with src.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh, strict=False)
        meta = signers.PdfSignatureMetadata(field_name=field, name=name, reason=reason, location=location)
        spec = sig_fields.SigFieldSpec(sig_field_name=field, on_page=page, box=box)
        out = signers.sign_pdf(writer, meta, signer=signer, new_field_spec=spec)
        dst.write_bytes(out.getvalue())
    return dst


def modify(src: Path, dst: Path) -> Path:
    """Append an incremental update that changes page one's content (a change after signing)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with src.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh, strict=False)
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        extra = generic.StreamObject(stream_data=b"0 0 1 rg 100 100 50 50 re f\n")
        contents = page.raw_get("/Contents")
        page["/Contents"] = generic.ArrayObject([contents, writer.add_object(extra)])
        writer.update_container(page)
        buf = io.BytesIO()
        writer.write(buf)
        dst.write_bytes(buf.getvalue())
    return dst


def variants(folder: Path) -> dict[str, Path]:
    """Every unsigned form the tests read: text only, stamped, sheared, month overlay, printed,
    a text-field widget, broken widgets, a moved MediaBox, a rotated page."""
    _, number, _ = page_one()
    kinds = ("recursive", "no_unicode", "no_bbox", "states", "cyclic_parent")
    broken = [Stamp(rect=(x, 300, x + 40, 315), lines=["99"], broken=k)    # a blank area
              for x, k in zip(range(100, 500, 80), kinds)]
    return {
        "text": build(folder / "text.pdf"),
        "stamped": build(folder / "stamped.pdf", standard_stamps(), signer_box()),
        "shear": build(folder / "shear.pdf", standard_stamps(shear=0.2)),
        "month": build(folder / "month.pdf", standard_stamps(month=True)),
        "printed": build(folder / "printed.pdf", blank=False),
        "text_field": build(folder / "text_field.pdf", [slot_stamp(number, 4, 14, SERIAL, field_type="/Tx")]),
        "broken": build(folder / "broken.pdf", standard_stamps() + broken),
        "moved": build(folder / "moved.pdf", standard_stamps(month=True), origin=(30, -40)),
        "rotated": build(folder / "rotated.pdf", standard_stamps(shear=0.2, month=True), signer_box(),
                         rotate=90, origin=(10, -20)),
    }
