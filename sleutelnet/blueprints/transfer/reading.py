"""Reading an uploaded list into headers and rows: CSV as (Dutch) Excel writes it, or XLSX.

CSV: UTF-8 with or without BOM, else Windows-1252 (what Excel "CSV (gescheiden door lijstscheidingsteken)"
writes on a Dutch Windows machine), UTF-16 with BOM ("Unicode-tekst"); separator `;` (Dutch Excel),
`,` or tab, detected with csv.Sniffer and checked against the header line; an Excel `sep=;` first line
is honoured. XLSX: the first worksheet, values rather than formulas.
Row numbers are the ones the spreadsheet shows (the header is row 1), so error messages can be found.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import gettext as _

MAX_ROWS = 5000
MAX_COLUMNS = 100
# An XLSX file is a zip: a small upload can unpack to gigabytes. Checked before openpyxl parses anything.
MAX_XLSX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_SHEET_COLUMNS = 1000  # declared sheet width (formatting can reach beyond the data, not this far)
MAX_CELL_CHARS = 5000  # the longest field of the register is 5,000 characters
SAMPLE_CHARS = 60  # a value shown back to the user (examples, error messages) is cut to this
DELIMITERS = (";", ",", "\t")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ReadError(ValueError):
    """The file cannot be read; the message is translated and fit to show the user."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (spreadsheet row number, cells)
    kind: str = "csv"
    encoding: str | None = None
    delimiter: str | None = None

    def samples(self, index: int, n: int = 3) -> list[str]:
        values = []
        for _number, cells in self.rows:
            if cells[index]:
                values.append(sample(cells[index]))
                if len(values) == n:
                    break
        return values


def sample(value: str) -> str:
    """A value as it may be shown back: never more than a short piece of it."""
    value = value or ""
    return value if len(value) <= SAMPLE_CHARS else value[:SAMPLE_CHARS - 1] + "…"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(data: bytes, filename: str = "") -> Table:
    name = (filename or "").lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(_("This is an old Excel file (.xls). Open it in Excel and save it as an Excel workbook "
                          "(.xlsx) or as CSV, then upload that file."))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if name.endswith((".xlsx", ".xlsm")):
        raise ReadError(_("This file could not be read as an Excel workbook."))
    return _read_csv(data)


# --------------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-16 with BOM, UTF-8 with or without BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ReadError(_("The characters in this file could not be read. Save it as CSV UTF-8 or as an Excel "
                          "workbook (.xlsx) and try again.")) from None


def detect_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines[:50]), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in counts and counts[sniffed]:
        return sniffed
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: ';' first, as Dutch Excel writes
    return best if counts[best] else ";"


def _read_csv(data: bytes) -> Table:
    if not data.strip():
        raise ReadError(_("The file is empty."))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(_("This does not look like a CSV or Excel file."))
    text, encoding = decode(data)
    first, _sep, rest = text.partition("\n")
    delimiter = None
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:  # Excel's separator hint
        delimiter, text = first.strip()[4], rest
    delimiter = delimiter or detect_delimiter(text)
    try:
        records = list(_limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error:
        raise ReadError(_("This file could not be read as CSV. Check that it is a CSV or Excel file.")) from None
    table = _table(records)
    table.kind, table.encoding, table.delimiter = "csv", encoding, delimiter
    return table


def _limited(rows):
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise ReadError(_("The file has more than %(max)d rows. Split it into smaller files.", max=MAX_ROWS))
        yield row


# --------------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------------

def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y") if value.time() == time(0) else value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_unpacked_size(data: bytes) -> None:
    unreadable = ReadError(_("This file could not be read as an Excel workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(max(info.file_size, 0) for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise unreadable from None
    if total > MAX_XLSX_UNPACKED_BYTES:
        raise ReadError(_("This workbook is too large once unpacked. Save the list as CSV, or split it into "
                          "smaller files."))


def _check_dimensions(sheet) -> None:
    """The sheet's declared size (its <dimension> element), before any row is read."""
    try:
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
    except Exception:  # no or a broken dimension element: the row and cell limits still apply
        return
    if rows > MAX_ROWS + 1:
        raise ReadError(_("The file has more than %(max)d rows. Split it into smaller files.", max=MAX_ROWS))
    if columns > MAX_SHEET_COLUMNS:
        raise ReadError(_("The sheet has more than %(max)d columns. Keep only the columns of the list.",
                          max=MAX_SHEET_COLUMNS))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ReadError(_("This file could not be read as an Excel workbook.")) from None
    except Exception:  # openpyxl raises its own exception types for broken workbooks
        raise ReadError(_("This file could not be read as an Excel workbook.")) from None
    try:
        if not workbook.worksheets:
            raise ReadError(_("The file is empty."))
        sheet = workbook.worksheets[0]
        _check_dimensions(sheet)
        records = list(_limited([_cell(v) for v in row[:MAX_COLUMNS]]
                                for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)))
    finally:
        workbook.close()
    table = _table(records)
    table.kind = "xlsx"
    return table


# --------------------------------------------------------------------------------------------------
# shared
# --------------------------------------------------------------------------------------------------

def clean(value: str) -> str:
    value = (value or "").replace("\xa0", " ").strip()
    # the export protects cells against formula injection with a leading apostrophe: take it off again
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_START:
        value = value[1:]
    return value


def _check_cell_lengths(records: list[list[str]]) -> None:
    for number, row in enumerate(records, start=1):
        for index, cell in enumerate(row[:MAX_COLUMNS]):
            if cell and len(cell) > MAX_CELL_CHARS:
                raise ReadError(_("Cell %(cell)s has more than %(max)d characters. Shorten it and try again.",
                                  cell=f"{column_letter(index)}{number}", max=MAX_CELL_CHARS))


def _table(records: list[list[str]]) -> Table:
    _check_cell_lengths(records)
    numbered = [(n, [clean(c) for c in row[:MAX_COLUMNS]]) for n, row in enumerate(records, start=1)]
    numbered = [(n, cells) for n, cells in numbered if any(cells)]
    if not numbered:
        raise ReadError(_("The file is empty."))
    (_header_number, headers), data_rows = numbered[0], numbered[1:]
    if not data_rows:
        raise ReadError(_("The file has column headers but no rows below them."))
    width = max(max((i + 1 for i, c in enumerate(cells) if c), default=0) for _n, cells in numbered)
    headers = (headers + [""] * width)[:width]
    headers = [h or _("Column %(letter)s", letter=column_letter(i)) for i, h in enumerate(headers)]
    rows = [(n, (cells + [""] * width)[:width]) for n, cells in data_rows]
    return Table(headers=headers, rows=rows)
