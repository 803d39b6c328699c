"""Digital signatures of a PDF: who signed, when, on which page, and what the signature covers.

The signature dictionaries are read with pyHanko (the CMS containers too: no hand-written
ASN.1). Nothing is fetched: certificates are not checked for revocation (`revocation_checked`
stays false) nor chained to a trusted root; what is checked offline is whether the signed
bytes still match the signature and whether the signed byte range covers the whole file.

`has_signature_fields` is the cheap test on pdfminer's catalog that keeps unsigned files from
paying for any of this; pyHanko is imported only when a file has signature fields. Nothing here
fails an extraction: a signature that cannot be read is an entry with what could be read, plus
a warning.
"""

from __future__ import annotations

from pathlib import Path

from .pdf import _describe
from .stamps import MAX_DEPTH, _name, _number, _resolve

MAX_FIELDS = 500          # fields looked at by the cheap test
MAX_SIGNATURES = 100      # signatures reported per file
MAX_LATER_REVISIONS = 12  # revisions after a signature that the difference analysis looks at
_TEXT_KEYS = {"reason": "/Reason", "location": "/Location"}


def has_signature_fields(catalog: dict) -> bool:
    """True when the AcroForm says the file is signed (/SigFlags) or has a signature field."""
    acro = _resolve(catalog.get("AcroForm")) if isinstance(catalog, dict) else None
    if not isinstance(acro, dict):
        return False
    flags = _number(acro.get("SigFlags"))
    if flags and int(flags) & 1:
        return True
    fields = _resolve(acro.get("Fields"))
    if not isinstance(fields, (list, tuple)):
        return False
    for ref in fields[:MAX_FIELDS]:
        node = _resolve(ref)
        if not isinstance(node, dict):
            continue
        if _name(node.get("FT")) == "Sig":
            return True
        kids = _resolve(node.get("Kids"))
        if isinstance(kids, (list, tuple)):
            for kid in kids[:MAX_FIELDS]:
                kid = _resolve(kid)
                if isinstance(kid, dict) and _name(kid.get("FT")) == "Sig":
                    return True
    return False


def read_signatures(path: str | Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """One entry per signed signature field (in signing order) and the warnings about them."""
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.fields import enumerate_sig_fields
    except ImportError:
        return [], [("signatures_unreadable", "the file is signed but pyHanko is not installed")]
    warnings: list[tuple[str, str]] = []
    found: list[tuple[int, int, dict]] = []      # (signed revision, field order, entry)
    try:
        with open(path, "rb") as fh:
            reader = PdfFileReader(fh, strict=False)
            if reader.encrypted:
                reader.decrypt("")          # owner-password files open without one
            fields = list(enumerate_sig_fields(reader, filled_status=True))[:MAX_SIGNATURES]
            pages = _page_refs(reader)
            for name, _value, field_ref in fields:
                try:
                    revision, entry, problems = _signature(reader, str(name), field_ref, pages)
                except Exception as exc:         # RecursionError included: keep the others
                    revision, entry = 0, _entry(str(name))
                    problems = [("signature_unreadable", f"signature {str(name)!r} cannot be read "
                                 f"({_describe(exc)})")]
                found.append((revision, len(found), entry))
                warnings.extend(problems)
    except RecursionError:
        warnings.append(("signatures_unreadable", "the signature fields cannot be read (recursive)"))
    except Exception as exc:
        warnings.append(("signatures_unreadable", f"the signature fields cannot be read ({_describe(exc)})"))
    return [entry for _, _, entry in sorted(found, key=lambda t: t[:2])], warnings


def _entry(name: str) -> dict:
    """An entry with nothing read yet (the keys of `models.DigitalSignature`)."""
    return {"field": name, "page": None, "signer": None, "signed_at": None, "reason": None,
            "location": None, "covers_whole_file": None, "revocation_checked": False}


def _signature(reader, name: str, field_ref, pages: list) -> tuple[int, dict, list[tuple[str, str]]]:
    """What one signature field says; from its dictionary first, then from the CMS container."""
    field = field_ref.get_object()
    sig = field.get("/V")
    sig = sig.get_object() if hasattr(sig, "get_object") else sig
    entry = _entry(name)
    entry["page"] = _guard(lambda: _field_page(field_ref, pages))
    problems: list[tuple[str, str]] = []
    if not hasattr(sig, "get"):
        problems.append(("signature_unreadable", f"signature {name!r}: no signature dictionary"))
        return 0, entry, problems
    entry["signer"] = _text(sig.get("/Name"))
    for key, pdf_key in _TEXT_KEYS.items():
        entry[key] = _text(sig.get(pdf_key))
    claimed = _date(sig.get("/M"))

    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    try:
        embedded = EmbeddedPdfSignature(reader, field_ref, name)
    except Exception as exc:
        entry["signed_at"] = claimed.isoformat() if claimed else None
        problems.append(("signature_unreadable", f"signature {name!r}: the signature data cannot be read "
                         f"({_describe(exc)})"))
        return 0, entry, problems
    if entry["signer"] is None:
        entry["signer"] = _guard(lambda: _text(embedded.signer_cert.subject.native.get("common_name")))
    if claimed is None or claimed.tzinfo is None:
        from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

        claimed = _guard(lambda: extract_self_reported_ts(embedded.signer_info)) or claimed
    entry["signed_at"] = claimed.isoformat() if claimed else None
    problems += _coverage(embedded, name, entry)
    problems += _integrity(embedded, name)
    return getattr(embedded, "signed_revision", 0) or 0, entry, problems


def _coverage(embedded, name: str, entry: dict) -> list[tuple[str, str]]:
    """Sets `covers_whole_file`; warns when the file was changed after signing by more than
    further signatures or form filling (what pyHanko's difference analysis allows)."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        coverage = embedded.evaluate_signature_coverage()
    except Exception as exc:
        return [("signature_unreadable", f"signature {name!r}: its byte range cannot be checked "
                 f"({_describe(exc)})")]
    entry["covers_whole_file"] = coverage == SignatureCoverageLevel.ENTIRE_FILE
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return []
    if coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return [("modified_after_signing", f"signature {name!r} does not cover its own revision of the "
                 "file (an irregular byte range)")]
    problem = _later_changes(embedded)
    if problem is None:
        return []                          # later signatures, timestamps, filled fields only
    return [("modified_after_signing", f"signature {name!r}: the file was changed after it was signed "
             f"({problem})")]


def _later_changes(embedded) -> str | None:
    """What the revisions after the signed one change beyond signing and form filling, or None.

    pyHanko's standard difference policy, applied revision by revision (as its `review_file`
    does, without the traceback it logs for every suspicious change).
    """
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, SuspiciousModification

    reader = embedded.reader
    later = range(embedded.signed_revision + 1, reader.xrefs.total_revisions)
    if len(later) > MAX_LATER_REVISIONS:
        return f"{len(later)} later revisions, too many to analyse"
    base = reader.get_historical_resolver(embedded.signed_revision)
    try:
        for revision in later:
            result = DEFAULT_DIFF_POLICY.apply(old=base, new=reader.get_historical_resolver(revision),
                                               field_mdp_spec=embedded.fieldmdp, doc_mdp=embedded.docmdp_level)
            if result.modification_level > ModificationLevel.FORM_FILLING:
                return f"revision {revision + 1}: {result.modification_level.name.lower()} changes"
    except SuspiciousModification as exc:
        first = (str(exc).strip().splitlines() or ["changes beyond later signatures"])[0]
        return first[:160]
    except Exception as exc:
        return f"the changes could not be analysed: {_describe(exc)}"[:160]
    return None


def _integrity(embedded, name: str) -> list[tuple[str, str]]:
    """Do the signed bytes still match the signature? (Offline; trust is not evaluated.)"""
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    try:
        if embedded.sig_object_type != "/Sig":
            return []                      # a document timestamp: its imprint is another check
        content_type = embedded.signed_data["encap_content_info"]["content_type"].native
        intact, valid = validate_sig_integrity(embedded.signer_info, embedded.signer_cert, content_type,
                                               embedded.compute_digest())
    except Exception as exc:               # an unknown algorithm or a damaged container: say so
        return [("signature_unreadable", f"signature {name!r}: integrity not checked ({_describe(exc)})")]
    if intact and valid:
        return []
    what = "the signed bytes were changed" if not intact else "the signature value does not verify"
    return [("signature_invalid", f"signature {name!r}: {what}")]


def _page_refs(reader) -> list:
    """References of the pages in order (the page tree walked with depth and cycle guards)."""
    out: list = []
    seen: set = set()

    def walk(ref, depth: int) -> None:
        if depth > MAX_DEPTH or len(out) > 100_000:
            return
        key = getattr(ref, "reference", None)
        if key is not None:
            if key in seen:
                return
            seen.add(key)
        node = ref.get_object() if hasattr(ref, "get_object") else ref
        if not hasattr(node, "get"):
            return
        kids = node.get("/Kids") if node.get("/Type") != "/Page" else None
        if kids is None:
            out.append(key)
            return
        for kid in kids.get_object() if hasattr(kids, "get_object") else kids:
            walk(kid, depth + 1)

    walk(reader.root.raw_get("/Pages"), 0)
    return out


def _field_page(field_ref, pages: list) -> int | None:
    """1-based page of the field's widget (the field itself, or its first kid): its /P entry,
    else the page whose /Annots holds it."""
    field = field_ref.get_object()
    kids = field.get("/Kids")
    widget_ref = field_ref
    if kids is not None and len(kids) and hasattr(kids.raw_get(0), "reference"):
        widget_ref = kids.raw_get(0)
    widget = widget_ref.get_object()
    if "/P" in widget:
        key = getattr(widget.raw_get("/P"), "reference", None)
        if key is not None and key in pages:
            return pages.index(key) + 1
    target = widget_ref.reference
    for number, page_key in enumerate(pages, 1):
        if page_key is None:
            continue
        annots = page_key.get_object().get("/Annots")
        if annots is None:
            continue
        for i in range(len(annots)):
            if getattr(annots.raw_get(i), "reference", None) == target:
                return number
    return None


def _text(value) -> str | None:
    """A PDF text string as Unicode; UTF-8 bytes written without a BOM are read as UTF-8."""
    if value is None:
        return None
    raw = None
    try:
        raw = value.original_bytes
    except Exception:
        raw = value if isinstance(value, bytes) else None
    text = str(value) if not isinstance(value, bytes) else None
    if raw is not None and not raw.startswith((b"\xfe\xff", b"\xff\xfe")) and any(b > 0x7F for b in raw):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = text if text is not None else raw.decode("latin-1")
    text = " ".join((text or "").split())
    return text or None


def _date(value):
    from pyhanko.pdf_utils.generic import parse_pdf_date

    if value is None:
        return None
    try:
        return parse_pdf_date(str(value), strict=False)
    except Exception:
        return None


def _guard(fn):
    try:
        return fn()
    except Exception:
        return None

