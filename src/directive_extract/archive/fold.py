"""Diacritic folding for search: "Kế hoạch" and "ke hoach" meet on the same key.

SQLite's own `remove_diacritics` keeps "đ" apart from "d", which Vietnamese typed without marks needs
folded. `fold()` keeps one character per character, so an offset found in the folded text is an
offset in the original, and `loose_pattern()` finds a folded word in the original text directly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = re.compile("[\u0300-\u036f]+")
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character's base letter in lower case (a lone mark stays itself, so lengths agree)."""
    if ch in "đĐ":
        return "d"
    base = [c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)]
    low = (base[0] if base else ch).lower()
    return low[0] if low else ch


def fold(s: str) -> str:
    """NFD, marks dropped, đ → d, lower case; same length as `s` (NFC input)."""
    out = _MARKS.sub("", unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))).lower()
    if len(out) == len(s):
        return out
    return "".join(fold_char(c) for c in s)  # a character that decomposes oddly: one by one


def words(s: str) -> list[str]:
    """The word tokens of `s`, as the FTS tokenizer splits them (letters and digits)."""
    return _WORD.findall(s)


def has_marks(s: str) -> bool:
    """Whether `s` was typed with Vietnamese marks (folding changes it beyond case)."""
    return fold(s) != s.lower()


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each folded letter, a regex class of every Latin character that folds to it."""
    groups: dict[str, set[str]] = {}
    for code in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        if not ch.isalpha():
            continue
        groups.setdefault(fold_char(ch), set()).add(ch)
    return {k: "[" + "".join(sorted(re.escape(c) for c in v | {k})) + "]" for k, v in groups.items()}


def loose_pattern(word: str, *, prefix: bool = False) -> str:
    """A regex matching `word` in original text whatever its marks or case (a whole word, or a prefix).

    Case is in the character classes, so the pattern needs no IGNORECASE (which makes scans slower).
    """
    table = _variants()
    body = "".join(table.get(c) or _either_case(c) for c in fold(word))
    return r"\b" + body + ("" if prefix else r"\b")


def exact_pattern(word: str, *, prefix: bool = False) -> str:
    """A regex matching `word` as typed, marks included, in either case (a whole word, or a prefix)."""
    return r"\b" + "".join(_either_case(c) for c in word) + ("" if prefix else r"\b")


def _either_case(c: str) -> str:
    both = {c, c.lower(), c.upper()}
    if any(len(x) != 1 for x in both) or len(both) == 1:
        return re.escape(c)
    return "[" + "".join(sorted(re.escape(x) for x in both)) + "]"
