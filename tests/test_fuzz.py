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
