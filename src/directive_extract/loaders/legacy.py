"""Pre-Unicode Vietnamese encodings: TCVN3 (ABC, TCVN 5712:1993 VN3) and VNI-Windows.

Both are *font* encodings: the bytes are ordinary Windows-1252 code points whose glyphs, in
a ".VnTime" (TCVN3) or "VNI-Times" (VNI) font, look like Vietnamese letters. Text typed that
way reaches us either as DOCX runs tagged with such a font, or as a plain-text file whose bytes
were decoded as CP1258 / Latin-1.

* `convert_run(text, font_name)`: convert one run whose font is known (DOCX loader).
* `convert_legacy(text)`: detect TCVN3 or VNI in an already decoded plain text and convert it,
  only when confident; proper Unicode Vietnamese and plain ASCII are never touched.
* `encode_tcvn3(text)`: Unicode -> TCVN3 bytes (used to build test samples).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --------------------------------------------------------------------------------------------
# TCVN3 (ABC): one byte per letter. Lower-case letters with tone marks only; upper-case
# letters with tone marks do not exist in the code page (".VnTimeH" style fonts draw the
# lower-case codes as capitals). Keys are the Latin-1 view of the byte.
TCVN3_TO_UNICODE: dict[str, str] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư",
    "\u00a7": "Đ",
    "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ", "\u00ad": "ư",
    "\u00ae": "đ",
    # a
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    # ă
    "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    # â
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    # e
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    # ê
    "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    # i
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    # o
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    # ô
    "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    # ơ
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    # u
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    # ư
    "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    # y
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
}

# --------------------------------------------------------------------------------------------
# VNI-Windows: a base ASCII letter followed by one mark byte (two bytes for most letters);
# a few letters have a single byte of their own. Values are the Latin-1 view of the bytes.
_VNI_LOWER = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ",
}
_VNI_UPPER = {
    "Á": "AÙ", "À": "AØ", "Ả": "AÛ", "Ã": "AÕ", "Ạ": "AÏ",
    "Â": "AÂ", "Ấ": "AÁ", "Ầ": "AÀ", "Ẩ": "AÅ", "Ẫ": "AÃ", "Ậ": "AÄ",
    "Ă": "AÊ", "Ắ": "AÉ", "Ằ": "AÈ", "Ẳ": "AÚ", "Ẵ": "AÜ", "Ặ": "AË",
    "É": "EÙ", "È": "EØ", "Ẻ": "EÛ", "Ẽ": "EÕ", "Ẹ": "EÏ",
    "Ê": "EÂ", "Ế": "EÁ", "Ề": "EÀ", "Ể": "EÅ", "Ễ": "EÃ", "Ệ": "EÄ",
    "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò",
    "Ó": "OÙ", "Ò": "OØ", "Ỏ": "OÛ", "Õ": "OÕ", "Ọ": "OÏ",
    "Ô": "OÂ", "Ố": "OÁ", "Ồ": "OÀ", "Ổ": "OÅ", "Ỗ": "OÃ", "Ộ": "OÄ",
    "Ơ": "Ô", "Ớ": "ÔÙ", "Ờ": "ÔØ", "Ở": "ÔÛ", "Ỡ": "ÔÕ", "Ợ": "ÔÏ",
    "Ú": "UÙ", "Ù": "UØ", "Ủ": "UÛ", "Ũ": "UÕ", "Ụ": "UÏ",
    "Ư": "Ö", "Ứ": "ÖÙ", "Ừ": "ÖØ", "Ử": "ÖÛ", "Ữ": "ÖÕ", "Ự": "ÖÏ",
    "Ý": "YÙ", "Ỳ": "YØ", "Ỷ": "YÛ", "Ỹ": "YÕ", "Ỵ": "Î",
    "Đ": "Ñ",
}
UNICODE_TO_VNI: dict[str, str] = {**_VNI_LOWER, **_VNI_UPPER}
VNI_TO_UNICODE: dict[str, str] = {v: k for k, v in UNICODE_TO_VNI.items()}
# VNI text typed in capitals sometimes mixes a capital base with a lower-case mark byte and
# the reverse ("Vieät" in an upper-case word); accept both for the two-byte sequences.
for _u, _v in list(UNICODE_TO_VNI.items()):
    if len(_v) == 2:
        base, mark = _v
        for b in {base.lower(), base.upper()}:
            for m in {mark.lower(), mark.upper()}:
                seq = b + m
                if seq not in VNI_TO_UNICODE:
                    VNI_TO_UNICODE[seq] = _u.upper() if b.isupper() else _u.lower()

UNICODE_TO_TCVN3: dict[str, str] = {v: k for k, v in TCVN3_TO_UNICODE.items()}

_VNI_RE = re.compile("|".join(sorted((re.escape(k) for k in VNI_TO_UNICODE), key=len, reverse=True)))

# Windows-1252 view of 0x80-0x9F (curly quotes, dashes) that both font encodings keep.
_C1 = {chr(b): bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    """Map the Latin-1 view of TCVN3 bytes to Unicode; `upper` for ".VnTimeH"-style fonts."""
    out = "".join(TCVN3_TO_UNICODE.get(ch) or _C1.get(ch, ch) for ch in text)
    if upper:
        out = out.upper()
    return unicodedata.normalize("NFC", out)


def vni_to_unicode(text: str) -> str:
    """Map the Latin-1 view of VNI-Windows bytes to Unicode."""
    text = "".join(_C1.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text))


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 bytes. Capitals with a tone mark have no code: like text typed in a
    ".VnTimeH" font they are stored as the lower-case code (the font draws it as a capital)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = UNICODE_TO_TCVN3.get(ch)
        if code is None and ch.isupper():
            code = UNICODE_TO_TCVN3.get(ch.lower())
        if code is not None:
            out.append(ord(code))
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFD", ch)[0]
            out += plain.encode("cp1252", errors="replace")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI-Windows bytes."""
    out = "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
    return out.encode("cp1252", errors="replace")


# --------------------------------------------------------------------------------------------
# Fonts

def legacy_font(font_name: str | None) -> str | None:
    """"tcvn3" for ".VnTime"-family fonts, "vni" for "VNI-…" fonts, else None."""
    if not font_name:
        return None
    name = font_name.strip()
    if name.startswith(".Vn") or name.lower().startswith(".vn"):
        return "tcvn3"
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return "vni"
    return None


def _tcvn3_upper_font(name: str) -> bool:
    """".VnTimeH", ".VnArialH": the capitals variant of a TCVN3 font."""
    base = name.strip().split()[-1] if name.strip() else ""
    return base.endswith("H") and len(base) > 4


def convert_run(text: str, font_name: str | None) -> str:
    """Convert the text of one run drawn in `font_name`; other fonts are returned unchanged."""
    kind = legacy_font(font_name)
    if kind == "tcvn3":
        return tcvn3_to_unicode(text, upper=_tcvn3_upper_font(font_name or ""))
    if kind == "vni":
        return vni_to_unicode(text)
    return text


# --------------------------------------------------------------------------------------------
# Detection in plain text

_VOWELS = "aăâeêioôơuưy"
_VIET_EXTENDED = re.compile("[\u1ea0-\u1ef9]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(ng|nh|ch|[cmnptiouy])?$"
)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VIET_EXTRA = set("ăâêôơưđ")
_STRIP = "\"'“”‘’()[]{}.,;:!?…-–—/*«»"


@lru_cache(maxsize=8192)
def _valid_syllable(token: str) -> bool:
    """True for one well-formed Vietnamese syllable (any case, at most one tone mark)."""
    low = unicodedata.normalize("NFD", token.lower())
    tones = sum(1 for ch in low if ch in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in low if ch not in _TONES))
    return bool(_SYLLABLE.match(base))


def _score(text: str, limit: int = 1500) -> tuple[int, int]:
    """(valid Vietnamese syllables, tokens) over the first `limit` whitespace tokens with
    non-ASCII chars: a few pages decide an encoding as surely as the whole text."""
    valid = total = 0
    for raw in text.split():
        if total >= limit:
            break
        tok = raw.strip(_STRIP)
        if not tok or tok.isascii():
            continue
        total += 1
        if _valid_syllable(tok):
            valid += 1
    return valid, total


def _latin1_views(text: str) -> list[str]:
    """The text as font code points (all <= U+00FF), for each way it may have been decoded."""
    views = []
    if all(ord(ch) < 0x100 for ch in text):
        views.append(text)
    try:  # decoded as CP1258 (the text loader's fallback): recover the bytes
        raw = text.encode("cp1258")
    except UnicodeEncodeError:
        raw = None
    if raw is not None:
        view = raw.decode("latin-1")
        if view != text:
            views.append(view)
    try:  # decoded as CP1252
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        raw = None
    if raw is not None:
        view = raw.decode("latin-1")
        if view not in views:
            views.append(view)
    return views


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Return (text, "tcvn3" | "vni") when `text` is confidently TCVN3 or VNI, else (text, None).

    The decision compares how many non-ASCII tokens are well-formed Vietnamese syllables in the
    text as it is and after each conversion; a legacy reading must win clearly.
    """
    if not text or text.isascii():
        return text, None
    sample = text[:50000]
    # Unicode Vietnamese is mostly letters of the U+1EA0–U+1EF9 block, which no legacy font
    # encoding can produce (they decode to Latin-1 or CP1258): no need to score syllables
    non_ascii = len(_NON_ASCII.findall(sample, 0, 20000))
    if non_ascii >= 50 and len(_VIET_EXTENDED.findall(sample, 0, 20000)) >= 0.3 * non_ascii:
        return text, None
    as_is = unicodedata.normalize("NFC", sample)
    valid0, total0 = _score(as_is)
    rate0 = valid0 / total0 if total0 else 0.0
    if total0 and rate0 >= 0.8:
        return text, None  # already good Vietnamese (Unicode or a clean code page)
    best: tuple[float, int, str, str] | None = None
    for view in _latin1_views(sample):
        for label, conv in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
            out = conv(view)
            valid, total = _score(out)
            if valid < 3 or not total:
                continue
            rate = valid / total
            if rate < 0.6 or rate < rate0 + 0.25 or valid <= valid0:
                continue
            cand = (rate, valid, label, view)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None:
        return text, None
    _rate, _valid, label, _view = best
    # convert the whole text through the same view
    for view in _latin1_views(text):
        if view.startswith(_view[:200]):
            conv = tcvn3_to_unicode if label == "tcvn3" else vni_to_unicode
            return conv(view), label
    return text, None


__all__ = ["convert_legacy", "convert_run", "legacy_font", "tcvn3_to_unicode", "vni_to_unicode",
           "encode_tcvn3", "encode_vni", "TCVN3_TO_UNICODE", "UNICODE_TO_VNI", "VNI_TO_UNICODE"]
