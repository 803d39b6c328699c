"""spaCy, loaded lazily: a blank Vietnamese pipeline (no downloaded model, no pyvi) whose
tokenizer keeps document symbols and dates whole ("36-HD/VPTW", "14/01/2026") and splits off
trailing punctuation, followed by a sentencizer.  Used to cut running text into sentences."""

from __future__ import annotations

import re
from functools import lru_cache


_MARKER = re.compile(r"\s*(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.)\-]\s+")


@lru_cache(maxsize=1)
def pipeline():
    import spacy
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    prefixes = compile_prefix_regex([r'[\("“‘\[]'])
    suffixes = compile_suffix_regex([r'[\.,;:!\?\)"”’\]]'])
    nlp.tokenizer = Tokenizer(nlp.vocab, prefix_search=prefixes.search, suffix_search=suffixes.search)
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", ";", "…"]})
    return nlp


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end], paragraph by paragraph."""
    end = len(text) if end is None else end
    nlp = pipeline()
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        para = m.group()
        base = start + m.start()
        if len(para) < 3:
            continue
        # an outline marker ("5.", "a)") is part of the first sentence, not a sentence of its own
        lead = _MARKER.match(para)
        skip = lead.end() if lead else 0
        for n, sent in enumerate(nlp(para[skip:]).sents):
            a = 0 if n == 0 else skip + sent.start_char
            out.append((base + a, base + skip + sent.end_char))
    return out
