"""TCVN3 / VNI tables, detection in plain text, and the legacy samples."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_extract.loaders import load
from directive_extract.loaders.legacy import (
    TCVN3_TO_UNICODE, UNICODE_TO_VNI, convert_legacy, convert_run, encode_tcvn3, encode_vni,
    legacy_font, tcvn3_to_unicode, vni_to_unicode,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

LOWER = ("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ"
         "uùúủũụưừứửữựyỳýỷỹỵđ")
UPPER = LOWER.upper()
TEXT = ("Bảo Thắng, ngày 14 tháng 01 năm 2026. Ủy ban nhân dân huyện Mường Khương "
        "thực hiện Kế hoạch số 12/KH-UBND về việc tuyên truyền Đại hội XIV của Đảng.")


def test_tables_cover_every_vietnamese_letter():
    accented = [c for c in LOWER if not c.isascii()]
    assert len(accented) == 67  # 12 × a-group etc. + đ
    # TCVN3 has every lower-case letter and the seven toneless capitals
    assert set(accented) | set("ĂÂÊÔƠƯĐ") == set(TCVN3_TO_UNICODE.values())
    # VNI has them all, in both cases
    assert set(accented) | {c.upper() for c in accented} == set(UNICODE_TO_VNI)


def test_round_trip_all_letters():
    low = "".join(c for c in LOWER)
    assert tcvn3_to_unicode(encode_tcvn3(low).decode("cp1252")) == low
    assert tcvn3_to_unicode(encode_tcvn3("ĂÂÊÔƠƯĐ").decode("cp1252")) == "ĂÂÊÔƠƯĐ"
    for word in (LOWER, UPPER):
        assert vni_to_unicode(encode_vni(word).decode("cp1252")) == word


def test_known_pairs():
    assert tcvn3_to_unicode("B¶o Th¾ng") == "Bảo Thắng"
    assert tcvn3_to_unicode("M\u00adêng Kh\u00ad¬ng") == "Mường Khương"
    assert vni_to_unicode("Vieät Nam") == "Việt Nam"
    assert vni_to_unicode("COÄNG HOØA") == "CỘNG HÒA"
    assert vni_to_unicode("Ñaûng") == "Đảng"


@pytest.mark.parametrize("codec", ["tcvn3", "vni"])
def test_convert_legacy_detects_both_views(codec):
    raw = encode_tcvn3(TEXT) if codec == "tcvn3" else encode_vni(TEXT)
    expected = TEXT if codec == "vni" else TEXT.replace("Ủy", "ủy")  # TCVN3 has no "Ủ"
    for view in (raw.decode("cp1258"), raw.decode("latin-1"), raw.decode("cp1252")):
        out, label = convert_legacy(view)
        assert label == codec
        assert out == expected


@pytest.mark.parametrize("text", [
    TEXT,
    unicodedata.normalize("NFD", TEXT),
    "Plain ASCII only, nothing to do 123.",
    "Le café est très bon, où est la gare? Déjà vu à Noël.",
    "Grüße aus München, schön",
    "",
])
def test_convert_legacy_leaves_other_text_alone(text):
    assert convert_legacy(text) == (text, None)


def test_convert_legacy_leaves_real_cp1258_alone():
    # genuine Windows-1258 Vietnamese (decomposed tone marks) decodes to good Vietnamese
    raw = unicodedata.normalize("NFD", TEXT).encode("cp1258", errors="ignore")
    text = raw.decode("cp1258")
    out, label = convert_legacy(text)
    assert label is None and out == text


def test_convert_run_by_font():
    assert convert_run("B¶o Th¾ng", ".VnTime") == "Bảo Thắng"
    assert convert_run("kÕ ho¹ch", ".VnTimeH") == "KẾ HOẠCH"
    assert convert_run("Vieät Nam", "VNI-Times") == "Việt Nam"
    assert convert_run("B¶o", "Times New Roman") == "B¶o"
    assert legacy_font(".VnArial") == "tcvn3" and legacy_font("VNI-Helve") == "vni"
    assert legacy_font("Arial") is None and legacy_font(None) is None


def test_text_loader_tcvn3_file(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes(encode_tcvn3("Huyện Bảo Thắng, tỉnh Lào Cai: kế hoạch tuyên truyền Đại hội."))
    loaded = load(f)
    assert loaded.encoding == "tcvn3"
    assert loaded.blocks[0].text == "Huyện Bảo Thắng, tỉnh Lào Cai: kế hoạch tuyên truyền Đại hội."


def test_text_loader_vni_file(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes(encode_vni(TEXT))
    loaded = load(f)
    assert loaded.encoding == "vni"
    assert loaded.blocks[0].text == TEXT


def test_text_loader_keeps_utf8(tmp_path):
    f = tmp_path / "new.txt"
    f.write_text(TEXT, encoding="utf-8")
    loaded = load(f)
    assert loaded.encoding == "utf-8" and loaded.blocks[0].text == TEXT


def test_tcvn3_sample_file():
    f = SAMPLES / "legacy" / "003_d7b9cf3705d76a4d.tcvn3.txt"
    raw = f.read_bytes()
    assert b"S\xe8 67 -KH/\xa7U" in raw  # really TCVN3 bytes ("Số 67 -KH/ĐU")
    loaded = load(f)
    assert loaded.encoding == "tcvn3"
    text = loaded.blocks[0].text
    assert "Số 67 -KH/ĐU" in text
    assert "tuyên truyền kết quả Hội nghị lần thứ hai" in text
    assert "Ban Chấp hành Trung ương Đảng khóa XIV" in text
    assert "Tô Thị Thu Hường" in text
    # the seed, lower-cased, is recovered (TCVN3 cannot store capitals with tone marks)
    seed = (SAMPLES / "003_d7b9cf3705d76a4d.txt").read_text(encoding="utf-8")
    assert text.lower() == seed.lower()


VIET = st.text(alphabet=LOWER + UPPER + "bcdghklmnpqrstvx BCDGHKLMNPQRSTVX", min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(VIET)
def test_vni_round_trip_property(s):
    assert vni_to_unicode(encode_vni(s).decode("cp1252")) == s


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LOWER + "ĂÂÊÔƠƯĐbcdghklmnpqrstvx BCDGHK", min_size=1, max_size=60))
def test_tcvn3_round_trip_property(s):
    assert tcvn3_to_unicode(encode_tcvn3(s).decode("cp1252")) == s
