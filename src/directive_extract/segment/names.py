"""Unit and person names: reading them out of running text, and casing upper-case headers."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from ..normalize import key
from ..tables import ABBREVIATIONS, ADMIN_LEVELS, LOCAL_COMMITTEES, TITLE_WORDS, UNIT_HEADS, UNIT_NAME_STOPS

# Multi-word names with a fixed casing; generic heads after which the next syllable is capitalised.
_FIXED_CASE = {
    "ủy ban nhân dân": "Ủy ban nhân dân", "hội đồng nhân dân": "Hội đồng nhân dân",
    "ban thường vụ": "Ban Thường vụ", "ban chấp hành": "Ban Chấp hành", "ban bí thư": "Ban Bí thư",
    "bộ chính trị": "Bộ Chính trị", "đảng ủy": "Đảng ủy", "đảng bộ": "Đảng bộ", "chi bộ": "Chi bộ",
    "tỉnh ủy": "Tỉnh ủy", "thành ủy": "Thành ủy", "huyện ủy": "Huyện ủy", "quận ủy": "Quận ủy",
    "thị ủy": "Thị ủy", "mặt trận tổ quốc": "Mặt trận Tổ quốc", "việt nam": "Việt Nam",
    "ủy ban kiểm tra": "Ủy ban Kiểm tra", "trung ương": "Trung ương", "đảng": "Đảng",
    "cộng sản": "Cộng sản", "chính phủ": "Chính phủ", "quốc hội": "Quốc hội", "nhà nước": "Nhà nước",
    "đại hội": "Đại hội", "công an": "Công an", "thủ tướng": "Thủ tướng",
}
_GENERIC_HEADS = ("trung tâm", "văn phòng", "ban", "sở", "phòng", "bộ", "cục", "chi cục", "tổng cục",
                  "viện", "trường", "bệnh viện", "đài", "hội", "đoàn", "tiểu ban", "ủy ban", "hội đồng",
                  "công ty", "ngân hàng", "kho bạc", "thanh tra", "liên đoàn", "học viện")
_LEVELS = tuple(sorted(ADMIN_LEVELS, key=len, reverse=True))


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def vi_case(upper: str) -> str:
    """Readable casing for an upper-case header name: "ĐẢNG ỦY XÃ AN BÌNH" → "Đảng ủy xã An Bình".

    Only upper-case input is recased; anything already mixed-case is the document's own spelling.
    """
    words = upper.split()
    if not words or any(c.islower() for c in upper):
        return " ".join(words)
    out: list[str] = []
    i = 0
    proper = False     # after an administrative level every word is part of a place name
    cap_next = True
    lower = [w.lower() for w in words]
    while i < len(words):
        w = words[i]
        if w in ABBREVIATIONS or (len(w) <= 5 and w.isalpha() and not _is_vi_word(w.lower())):
            out.append(w)
            i += 1
            cap_next = False
            continue
        matched = False
        for n in (4, 3, 2, 1):
            phrase = " ".join(lower[i:i + n])
            if len(lower[i:i + n]) == n and phrase in _FIXED_CASE and not proper:
                out.extend(_FIXED_CASE[phrase].split())
                i += n
                matched = True
                cap_next = False
                proper = phrase in LOCAL_COMMITTEES    # "Huyện ủy Chợ Đồn": a place name follows
                break
            if len(lower[i:i + n]) == n and key(phrase) in _LEVELS:
                out.extend(lower[i:i + n])
                i += n
                matched = proper = True
                break
            if len(lower[i:i + n]) == n and key(phrase) in _GENERIC_HEADS and not proper:
                out.extend([_cap(lower[i])] + lower[i + 1:i + n])
                i += n
                matched = cap_next = True
                break
        if matched:
            continue
        word = lower[i]
        if proper or cap_next or not out:
            word = _cap(word)
        elif word == "và" or word == "-":
            cap_next = True
            out.append(word)
            i += 1
            continue
        out.append(word)
        cap_next = False
        i += 1
    return " ".join(out)


_VI_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _is_vi_word(w: str) -> bool:
    """A syllable with a vowel is a word to recase; "ĐU", "VP", "XV" are kept as printed."""
    return any(c in _VI_VOWELS for c in w) and not re.fullmatch(r"[ivxlc]+", w)


_TITLE_SYLLABLES = frozenset(w for t in TITLE_WORDS for w in t.split())


def _title_syllable(word: str) -> str:
    """A syllable of a title misread by OCR by one mark or letter ("BIÍ" for "BÍ") → the title's
    own syllable; titles are a closed vocabulary, anything not close to it stays as printed."""
    if word in _TITLE_SYLLABLES or len(word) < 2:
        return word
    same = [t for t in _TITLE_SYLLABLES if _bare(t) == _bare(word)]     # a lost or wrong mark: "TICH"
    if len(same) == 1:
        return same[0]
    near = [t for t in _TITLE_SYLLABLES if t[0] == word[0] and abs(len(t) - len(word)) <= 1
            and SequenceMatcher(None, t, word).ratio() >= 0.8]
    return near[0] if len(near) == 1 else word


def _bare(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).replace("đ", "d")


def position_case(upper: str) -> str:
    """"PHÓ BÍ THƯ THƯỜNG TRỰC" → "Phó Bí thư Thường trực": each title word's first syllable capitalised."""
    if any(c.islower() for c in upper):
        return " ".join(upper.split())
    words = [_title_syllable(w) for w in upper.lower().split()]
    out, i = [], 0
    titles = sorted(TITLE_WORDS, key=lambda t: -len(t.split()))
    while i < len(words):
        for t in titles:
            n = len(t.split())
            if key(" ".join(words[i:i + n])) == key(t):
                out.append(_cap(words[i]))
                out.extend(words[i + 1:i + n])
                i += n
                break
        else:
            out.append(words[i] if out else _cap(words[i]))
            i += 1
    return vi_case(" ".join(out).upper()) if not out else " ".join(out)


_HEADS = tuple(sorted(UNIT_HEADS, key=len, reverse=True))
_TOKEN = re.compile(r"[\w/&.'’]+(?:-[\w]+)*|[-–]|[,;:()]")


def starts_with_unit(k: str) -> str | None:
    """The unit head word that `k` (a matching key) starts with, if any; a plural "các …"
    ("các trường trung học") counts, with "các" part of the head."""
    for head in _HEADS:
        if k.startswith(head) and (len(k) == len(head) or not k[len(head)].isalnum()):
            return head
    if k.startswith("các "):
        head = starts_with_unit(k[4:])
        return "các " + head if head else None
    return None


def read_unit(text: str, start: int = 0, *, max_words: int = 16, head: bool = True) -> tuple[int, int] | None:
    """The extent of a unit name that begins at `start` in `text`.

    "Phòng Văn hoá – Xã hội kết hợp với …" → "Phòng Văn hoá – Xã hội".  The name runs on until a
    lower-case verb or preposition from `tables.UNIT_NAME_STOPS`, a punctuation mark, or
    `max_words`; capitalised words never stop it ("Ban Xây dựng đảng Đảng ủy"). With `head=False`
    the name need not start with a unit word (the rest of a name a comma interrupted).
    """
    found = starts_with_unit(key(text)[start:]) if head else ""
    if found is None:
        return None
    end = pos = start + len(found)
    words = 0
    for tok in _TOKEN.finditer(text, pos):
        if text[pos:tok.start()].strip():      # something the tokenizer skipped: stop
            break
        word = tok.group()
        if word in ",;:()" or words >= max_words:
            break
        if "\n" in text[pos:tok.start()]:
            break
        wk = key(word)
        if not (word[:1].isupper() or word[:1].isdigit()):
            nxt = _TOKEN.match(text, tok.end() + 1) if tok.end() < len(text) else None
            two = wk + " " + key(nxt.group()) if nxt else None
            if wk in UNIT_NAME_STOPS or (two and two in UNIT_NAME_STOPS):
                break
        pos = tok.end()
        if word not in ("-", "–"):
            end = pos
        words += 1
    return (start, end) if end > start else None
