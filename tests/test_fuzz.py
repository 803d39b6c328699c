"""Any text gives a valid Directive: never an exception, spans always inside the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directive_extract.pipeline import extract_text

PIECES = st.sampled_from([
    "Số 411-CV/ĐU", "Số:   /KH-UBND", "V/v ", "Kính gửi:", "- ", "Nơi nhận:", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH",
    "ngày 14 tháng 01 năm 2026", "Căn cứ Kế hoạch số 74-KH/TU, ngày 20/09/2024 của ", "Đợt 1: Từ tháng 12/2024",
    "I. ", "1.1. ", "a) ", "(03/02/1930 - 03/02/2026)", "26-27/12/2025", "\n", "\n\n", "**", "¹", "TỔ CHỨC THỰC HIỆN",
    "Phòng Văn hóa ", "Giao Sở Y tế chủ trì, phối hợp với ", "Nguyễn Văn An", "KẾ HOẠCH", "(b/c)", ";", ",", ".",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_gives_a_valid_model(text):
    d = extract_text(text)
    n = len(d.text)

    def spans(node):
        if isinstance(node, dict):
            if node.get("span"):
                s = node["span"]
                assert 0 <= s["start"] <= s["end"] <= n
            for v in node.values():
                spans(v)
        elif isinstance(node, list):
            for v in node:
                spans(v)

    spans(d.model_dump())


# Mutated PDF and DOCX bytes: a model or a typed error, never another exception.

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from conftest import SAMPLES  # noqa: E402
from directive_extract.errors import ExtractError  # noqa: E402
from directive_extract.pipeline import extract_file  # noqa: E402

ORIGINALS = {".pdf": (SAMPLES / "pdf" / "001_b52a71c16220c3a6.pdf").read_bytes(),
             ".docx": (SAMPLES / "docx" / "001_b52a71c16220c3a6.docx").read_bytes()}


@st.composite
def mutated(draw, suffix: str) -> bytes:
    data = bytearray(ORIGINALS[suffix])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "drop", "insert", "zero"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:]
        elif kind == "drop":
            del data[at:at + draw(st.integers(1, 4096))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[at:at + draw(st.integers(1, 512))] = b"\0" * 512
        if not data:
            break
    return bytes(data)


def _model_or_typed_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"mutated{suffix}"
        path.write_bytes(data)
        try:
            d = extract_file(path, ocr="never")
        except ExtractError as exc:
            assert exc.code and str(path) in exc.message
        else:
            assert d.source.format in ("pdf", "docx", "txt")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(".pdf"))
def test_mutated_pdf_gives_a_model_or_a_typed_error(data):
    _model_or_typed_error(data, ".pdf")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(".docx"))
def test_mutated_docx_gives_a_model_or_a_typed_error(data):
    _model_or_typed_error(data, ".docx")
