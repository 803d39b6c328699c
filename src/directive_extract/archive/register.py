"""The incoming-document register (sổ đăng ký văn bản đến, Nghị định 30/2020/NĐ-CP, Phụ lục IV).

One row per document. "Số đến" numbers the rows from `first`; "ngày đến" is the day the clerk
received the batch when given, blank otherwise (the documents do not say when they arrived).
CSV is UTF-8 with a BOM so Excel shows Vietnamese; XLSX is written with openpyxl. Neither lets a
cell become a formula: a number with a blank serial ("-CV/ĐUVP") is text, never `#NAME?`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable

from ..files import write_atomic
from ..models import Directive
from .common import vn_date

COLUMNS = ("Số đến", "Ngày đến", "Tác giả", "Số, ký hiệu", "Ngày tháng văn bản",
           "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ghi chú")
WIDTHS = (8, 12, 32, 18, 14, 60, 40, 36)
FORMATS = (".csv", ".xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula


def title_and_summary(d: Directive) -> str:
    """"Tên loại và trích yếu": the type's name and the subject ("Công văn V/v …" for a công văn)."""
    name = d.document_type.name if d.document_type else ""
    if not d.subject:
        return name
    if d.document_type and d.document_type.code == "CV":
        return f"{name} V/v {d.subject}"
    return f"{name} {d.subject}".strip()


def note(d: Directive) -> str:
    """"Ghi chú": the source file and any warnings, so a clerk can check the row against it."""
    parts = [f"Tệp: {d.source.path}"]
    if d.warnings:
        parts.append("Cảnh báo: " + ", ".join(w.code for w in d.warnings))
    return "; ".join(parts)


def register_row(number: int, d: Directive, received: str | None = None) -> list:
    """One register row (the columns of `COLUMNS`)."""
    issued = d.issued_date
    return [
        number,
        vn_date(received),
        d.issuer.name if d.issuer else "",
        d.number.text if d.number else "",
        (vn_date(issued.date) if issued.date else issued.text) if issued else "",
        title_and_summary(d),
        "; ".join(r.name for r in d.recipients),
        note(d),
    ]


def register_rows(directives: Iterable[Directive], *, first: int = 1, received: str | None = None) -> list[list]:
    return [register_row(first + i, d, received) for i, d in enumerate(directives)]


def csv_cell(value):
    """A text cell Excel would run as a formula (CSV injection), quoted with a leading `'`; others as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: list[list]) -> bytes:
    """The register as CSV, UTF-8 with a BOM, no cell a formula."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list]) -> bytes:
    """The register as an XLSX workbook: bold frozen header, wrapped cells, filters, every text a string."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ văn bản đến"
    ws.append(list(COLUMNS))
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if cell.data_type == "f":  # openpyxl takes any text starting with "=" for a formula
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_register(path: Path, rows: list[list]) -> None:
    """Write CSV or XLSX by the suffix of `path`, atomically (a failed write leaves no half file)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: the register is written as .csv or .xlsx")
    data = to_csv(rows) if suffix == ".csv" else to_xlsx(rows)
    write_atomic(path, data)
