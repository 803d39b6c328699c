"""Ranked full-text search over the archive, with filters and highlighted snippets.

A query is matched on the folded columns, so "ke hoach" finds "Kế hoạch" and "d" finds "đ".
Ranking, best first: documents holding every word exactly as typed (only when the query has marks),
then those whose subject holds the whole query as a phrase, then those holding it as a phrase anywhere,
then BM25 (subject weighs most, names next).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from functools import lru_cache

from ..normalize import key
from .db import date_bounds, number_key
from .fold import exact_pattern, fold, has_marks, loose_pattern, words

# BM25 column weights: text, subject, names (folded); the keyed columns only serve the exact boost.
_WEIGHTS = (1.0, 8.0, 3.0, 0.0, 0.0, 0.0)
_FOLDED = "{text_f subject_f names_f}"
_EXACT = "{text_x subject_x names_x}"
_TIER = 100.0  # score = tier × 100 + BM25 relevance, so the printed score follows the order
_BOOSTS = {"exact": 4, "subject": 2, "phrase": 1}  # tier = sum of the boosts a document earns


@dataclass(frozen=True)
class Term:
    """One query term: a word, or a phrase (quoted, or a symbol like "12-CT/TW"), maybe a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Filters:
    """Field filters: type code, issuer substring, issued-date range (any precision), cited number."""

    type: str | None = None
    issuer: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    cited: str | None = None


@dataclass
class Hit:
    path: str
    score: float
    snippet: str
    document_type: str | None
    number: str | None
    issued_date: str | None
    subject: str | None
    issuer: str | None
    source_path: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def parse_query(query: str) -> list[Term]:
    """Words and "quoted phrases"; a trailing * makes the last word a prefix."""
    terms = []
    for quoted, bare in re.findall(r'"([^"]*)"?|(\S+)', query):
        piece = quoted if quoted else bare
        ws = tuple(words(piece))
        if ws:
            terms.append(Term(ws, prefix=piece.rstrip('"').endswith("*")))
    return terms


def _fts(terms: list[Term], norm, joiner: str = " AND ") -> str:
    parts = []
    for t in terms:
        phrase = '"' + " ".join(norm(w) for w in t.words) + '"'
        parts.append(phrase + ("*" if t.prefix else ""))
    return joiner.join(parts)


def match_expressions(terms: list[Term]) -> dict[str, str | None]:
    """The FTS5 expressions of a query: match (folded), any (OR fallback) and the three boosts:
    every word typed with marks found as typed (`exact`), the whole query as a phrase in the subject
    (`subject`) or anywhere (`phrase`)."""
    marked = [t for t in terms if has_marks(" ".join(t.words))]  # words typed without marks match any
    all_words = [w for t in terms for w in t.words]
    folded = " ".join(fold(w) for w in all_words)
    return {
        "match": f"{_FOLDED} : ({_fts(terms, fold)})",
        "any": f"{_FOLDED} : ({_fts(terms, fold, ' OR ')})",
        "exact": f"{_EXACT} : ({_fts(marked, key)})" if marked else None,
        "subject": (f'{{subject_f}} : "{folded}"') if len(all_words) > 1 else None,
        "phrase": (f'{_FOLDED} : "{folded}"') if len(all_words) > 1 else None,
    }


def _filters_sql(f: Filters) -> tuple[str, dict]:
    """SQL conditions on `d` (documents) for the filters; a malformed date raises ValueError."""
    conds, params = [], {}
    if f.type:
        conds.append("d.type_key = :type")
        params["type"] = fold(f.type.strip())
    if f.issuer:
        conds.append(r"d.issuer_key LIKE :issuer ESCAPE '\'")
        params["issuer"] = "%" + re.sub(r"([%_\\])", r"\\\1", fold(f.issuer.strip())) + "%"
    # a partial date covers a span: "from" compares with its first day, "to" with its last
    for option, value, side, cond in (("--from", f.date_from, 0, "d.issued_hi >= :from_day"),
                                      ("--to", f.date_to, 1, "d.issued_lo <= :to_day")):
        if value:
            day = date_bounds(value)[side]
            if day is None:
                raise ValueError(f"{option} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
            conds.append(cond)
            params[cond.rsplit(":", 1)[1]] = day
    if f.cited:
        conds.append("d.id IN (SELECT doc_id FROM citations WHERE number_key = :cited)")
        params["cited"] = number_key(f.cited)
    return (" AND ".join(conds) or "1"), params


_COLUMNS = "d.id, d.path, d.document_type, d.number, d.issued_date, d.subject, d.issuer, d.source_path"


def search(conn: sqlite3.Connection, query: str, filters: Filters = Filters(), *, limit: int = 20,
           marks: tuple[str, str] = ("«", "»")) -> list[Hit]:
    """The best `limit` documents for `query` under `filters`, each with a snippet of its text."""
    where, params = _filters_sql(filters)
    terms = parse_query(query)
    if not terms:
        rows = conn.execute(
            f"SELECT {_COLUMNS}, 0.0, 0 FROM documents d WHERE {where} "
            "ORDER BY d.issued_lo DESC NULLS LAST, d.path LIMIT :limit", params | {"limit": limit}).fetchall()
        return [_hit(conn, row, terms, query, marks) for row in rows]
    expr = match_expressions(terms)
    rows = _ranked(conn, expr["match"], expr, where, params, limit)
    if not rows and len(terms) > 1:  # no document has every word: the best with some of them
        rows = _ranked(conn, expr["any"], expr, where, params, limit)
    return [_hit(conn, row, terms, query, marks) for row in rows]


def _ranked(conn: sqlite3.Connection, match: str, expr: dict, where: str, params: dict, limit: int) -> list:
    weights = ", ".join(str(w) for w in _WEIGHTS)
    tier = " + ".join(f"{weight} * (hits.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :{name}))"
                      for name, weight in _BOOSTS.items() if expr[name]) or "0"
    sql = (f"WITH hits AS (SELECT rowid AS id, bm25(documents_fts, {weights}) AS rank FROM documents_fts "
           f"WHERE documents_fts MATCH :match) "
           f"SELECT {_COLUMNS}, hits.rank, {tier} AS tier "
           f"FROM hits JOIN documents d ON d.id = hits.id WHERE {where} "
           f"ORDER BY tier DESC, hits.rank, d.path LIMIT :limit")
    extra = {k: expr[k] for k in _BOOSTS if expr[k]}
    return conn.execute(sql, params | extra | {"match": match, "limit": limit}).fetchall()


def _hit(conn: sqlite3.Connection, row: tuple, terms: list[Term], query: str,
         marks: tuple[str, str] = ("«", "»")) -> Hit:
    doc_id, path, doc_type, number, issued, subject, issuer, source, rank, tier = row
    text, names = conn.execute("SELECT text, names FROM documents WHERE id = ?", (doc_id,)).fetchone()
    snip = ""
    exact = has_marks(query)
    for source_text in (text, subject or "", names):
        snip = snippet(source_text, terms, marks=marks, exact=exact)
        if snip:
            break
    if not snip:
        snip = _squash((subject or text)[:160])
    score = tier * _TIER - rank
    return Hit(path=path, score=round(score, 4), snippet=snip, document_type=doc_type, number=number,
               issued_date=issued, subject=subject, issuer=issuer, source_path=source)


_CHUNK = 4000  # snippets scan the text chunk by chunk and stop once every word has been seen


@lru_cache(maxsize=256)
def _pattern(terms: tuple[Term, ...], exact: bool = False) -> re.Pattern:
    """Every query word as a group; with `exact`, a word typed with marks only as typed (case aside)."""
    alts = []
    for t in terms:
        for i, w in enumerate(t.words):
            prefix = t.prefix and i == len(t.words) - 1
            as_typed = exact and has_marks(w)
            alts.append(exact_pattern(w, prefix=prefix) if as_typed else loose_pattern(w, prefix=prefix))
    return re.compile("|".join(f"({a})" for a in alts))


@lru_cache(maxsize=256)
def _phrase(terms: tuple[Term, ...]) -> re.Pattern:
    """The whole query as a phrase, whatever the marks, across spaces and punctuation."""
    return re.compile(r"[\W_]+".join(loose_pattern(w) for t in terms for w in t.words))


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def snippet(text: str, terms: list[Term], *, width: int = 200, marks: tuple[str, str] = ("«", "»"),
            exact: bool = False) -> str:
    """The window of `text` holding the most distinct query words, with each match marked ("" if none).

    With `exact`, words as typed are looked for first, so a query with marks shows its exact matches.
    A window holding the whole query as a phrase wins.
    """
    if not terms or not text:
        return ""
    key_terms = tuple(terms)
    for pattern in ([_pattern(key_terms, True)] if exact else []) + [_pattern(key_terms)]:
        found, scanned = _matches(text, pattern)
        if found:
            break
    else:
        return ""
    phrase = _phrase(key_terms).search(text, 0, scanned) if len(found) > 1 else None
    start = phrase.start() if phrase else found[_best_window(found, width)][0]
    lo = max(0, start - width // 4)
    hi = min(len(text), lo + width)
    while lo > 0 and not text[lo - 1].isspace() and start - lo < width // 2:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - lo < width + 30:
        hi += 1
    out, pos = [], lo
    for m_start, m_end, _ in found:
        if m_start < lo or m_end > hi:
            continue
        out += [_squash_keep(text[pos:m_start]), marks[0], text[m_start:m_end], marks[1]]
        pos = m_end
    out.append(_squash_keep(text[pos:hi]))
    return ("…" if lo > 0 else "") + "".join(out).strip() + ("…" if hi < len(text) else "")


def _matches(text: str, pattern: re.Pattern) -> tuple[list[tuple[int, int, int]], int]:
    """(start, end, which word) of the matches, chunk by chunk until every word was seen; and where it stopped."""
    found: list[tuple[int, int, int]] = []
    seen: set[int] = set()
    pos = 0
    while pos < len(text) and len(seen) < pattern.groups:
        end = min(len(text), pos + _CHUNK)
        cut = end
        while end < len(text) and not text[end].isspace() and end - cut < 200:  # do not cut a word
            end += 1
        for m in pattern.finditer(text, pos, end):
            found.append((m.start(), m.end(), m.lastindex or 0))
            seen.add(m.lastindex or 0)
        pos = end
    return found, pos


def _best_window(found: list[tuple[int, int, int]], width: int) -> int:
    """The match that opens the `width`-wide window with the most distinct words (the earliest on a tie)."""
    best, best_count, j = 0, 0, 0
    for i, (start, _, _) in enumerate(found):
        j = max(j, i)
        while j + 1 < len(found) and found[j + 1][1] <= start + width:
            j += 1
        count = len({g for _, _, g in found[i:j + 1]})
        if count > best_count:
            best, best_count = i, count
    return best


def _squash_keep(s: str) -> str:
    """Runs of white space become one space (edges kept, so words stay apart)."""
    return re.sub(r"\s+", " ", s)
