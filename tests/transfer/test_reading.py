"""Reading files as Dutch Excel writes them: encodings, separators, BOM, XLSX; and proposing a mapping."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from sleutelnet.blueprints.transfer import fields as F
from sleutelnet.blueprints.transfer.reading import MAX_ROWS, ReadError, read_table

from .conftest import DUTCH_HEADERS, csv_bytes, people_rows, xlsx_bytes

ROWS = [["José Brontë", "jose@voorbeeld.nl", "Café Élan; Moskee"], ["Renée Müller", "renee@voorbeeld.nl", ""]]
HEADERS = ["Naam", "E-mail", "Organisatie"]


@pytest.mark.parametrize("encoding,bom,expected", [
    ("cp1252", False, "cp1252"),
    ("utf-8", True, "utf-8-sig"),
    ("utf-8", False, "utf-8"),
])
def test_semicolon_csv_in_every_excel_encoding(ctx, encoding, bom, expected):
    table = read_table(csv_bytes(HEADERS, ROWS, encoding=encoding, bom=bom), "lijst.csv")
    assert table.encoding == expected and table.delimiter == ";"
    assert table.headers == HEADERS  # no BOM glued to the first header
    assert table.rows[0] == (2, ["José Brontë", "jose@voorbeeld.nl", "Café Élan; Moskee"])
    assert table.rows[1][1][0] == "Renée Müller"


def test_comma_separated_utf8(ctx):
    table = read_table(csv_bytes(HEADERS, ROWS, delimiter=",", encoding="utf-8"), "export.csv")
    assert table.delimiter == "," and table.headers == HEADERS
    assert table.rows[0][1][2] == "Café Élan; Moskee"  # a quoted cell keeps its semicolon


def test_utf16_tab_separated_unicode_text(ctx):
    data = csv_bytes(HEADERS, ROWS, delimiter="\t", encoding="utf-16")
    table = read_table(data, "lijst.txt")
    assert table.delimiter == "\t" and table.rows[1][1][0] == "Renée Müller"


def test_excel_separator_hint_and_quoted_newlines(ctx):
    data = 'sep=,\r\nNaam,Achterban\r\n"Jan, de Wit","regel een\r\nregel twee"\r\n\r\nPiet,x\r\n'.encode("cp1252")
    table = read_table(data, "lijst.csv")
    assert table.headers == ["Naam", "Achterban"]
    assert table.rows[0] == (2, ["Jan, de Wit", "regel een\r\nregel twee"])
    assert table.rows[1][0] == 4  # the blank record keeps its number: row numbers match the spreadsheet


def test_xlsx_first_sheet_with_numbers_and_dates(ctx):
    data = xlsx_bytes(["Naam", "Telefoon", "Status sinds", "Kerngroep"],
                      [["Zoë", 612345678, datetime(2025, 3, 1), True], [None, None, None, None],
                       ["Daniël", "06-12345678", date(2024, 12, 31), False]])
    table = read_table(data, "lijst.xlsx")
    assert table.kind == "xlsx"
    assert table.rows[0] == (2, ["Zoë", "612345678", "01-03-2025", "ja"])
    assert table.rows[1] == (4, ["Daniël", "06-12345678", "31-12-2024", "nee"])


@pytest.mark.parametrize("data,name,message", [
    (b"", "leeg.csv", "leeg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud.xls", ".xlsx"),
    (b"Naam;E-mail\r\n", "alleen-kop.csv", "geen rijen"),
    (b"not a zip", "kapot.xlsx", "Excel"),
])
def test_unreadable_files_get_a_dutch_message(ctx, data, name, message):
    with pytest.raises(ReadError) as exc:
        read_table(data, name)
    assert message in str(exc.value)


def test_row_limit(ctx):
    data = csv_bytes(["Naam"], [[f"p{i}"] for i in range(MAX_ROWS + 1)], encoding="utf-8")
    with pytest.raises(ReadError):
        read_table(data, "groot.csv")


def test_formula_guard_of_the_export_is_taken_off(ctx):
    table = read_table("Naam;Telefoon\r\n'=1+1;'+31 6 12345678\r\n".encode(), "x.csv")
    assert table.rows[0][1] == ["=1+1", "+31 6 12345678"]


def test_dutch_headers_are_recognised(ctx):
    mapping = F.propose_mapping(DUTCH_HEADERS)
    assert [mapping.get(i) for i in range(len(DUTCH_HEADERS))] == [
        "name", "email", "phone", "neighbourhood", "organisations", "roles", "recruitment_channel", "status",
        "constituency", "known_to_municipality", "languages"]


def test_split_names_and_english_headers(ctx):
    headers = ["Voornaam", "Tussenvoegsel", "Achternaam", "Email address", "Mobiel", "Buurt", "Geworven via",
               "Opmerkingen", "Lievelingskleur"]
    mapping = F.propose_mapping(headers)
    assert mapping == {0: "first_name", 1: "name_infix", 2: "last_name", 3: "email", 4: "phone",
                       5: "neighbourhood", 6: "recruitment_channel", 7: "notes"}


def test_export_headers_map_onto_themselves(ctx):
    from flask_babel import force_locale

    for locale in ("nl", "en"):
        with force_locale(locale):
            headers = [str(f.label) for f in F.EXPORT_FIELDS if f.importable]
            mapping = F.propose_mapping(headers)
        assert [mapping.get(i) for i in range(len(headers))] == [f.key for f in F.EXPORT_FIELDS if f.importable]


def test_sensitive_register_fields_are_classified():
    """The columns take their sensitivity and import/export rules from the register's field registry."""
    from sleutelnet.blueprints.keypersons.fields import PERSON
    from sleutelnet.platform.fields import Sensitivity

    declared = {s.column: s for s in PERSON}
    sensitive = {f.key for f in F.FIELDS if f.sensitive}
    assert {c for c, s in declared.items() if s.sensitive and s.exportable} <= sensitive
    special = {c for c, s in declared.items() if s.sensitivity is Sensitivity.SPECIAL_CATEGORY}
    assert special and not any(f.importable for f in F.FIELDS if f.key in special)
    for f in F.FIELDS:
        spec = declared.get({"neighbourhood": "neighbourhood_id", "referred_by": "referred_by_id"}.get(f.key, f.key))
        if spec is not None:
            assert (f.label, f.sensitivity, f.importable, f.exportable, f.options) == \
                (spec.label, spec.sensitivity, spec.importable, spec.exportable, spec.choices), f.key


def test_fixture_of_sixty_people_is_cp1252(ctx):
    data = csv_bytes(DUTCH_HEADERS, people_rows())
    assert "é".encode("cp1252") in data and b"\xc3\xa9" not in data  # é as one byte: Windows-1252
    assert len(read_table(data, "x.csv").rows) == 60
