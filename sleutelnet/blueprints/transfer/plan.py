"""What an import will do: the plan of a dry run, the options chosen with it, and the column mapping.

`checking.check()` fills a `Plan` (every row parsed, per-row errors, what would be created); `importing.commit()`
carries it out. `Options` and the mapping are stored with the upload (storage.py) and remembered per user and
municipality, so a corrected file uploaded again starts from the same network, defaults and columns
(`remembered_mapping`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from ..keypersons import choices
from . import fields as F
from .reading import Table

PREVIEW_ROWS = 20
MAX_ERRORS_SHOWN = 200
# a new person starts as candidate, in conversation or active (the register's rule); "paused" is an
# active person whose pause is recorded as a second, dated step, as the pipeline would.
IMPORTABLE_STATUSES = tuple(choices.INITIAL_STATUSES) + ("paused",)
# rows without a status are candidates: a list of names is not proof that people agreed to take part
DEFAULT_STATUS = "lead"


class ImportFailed(RuntimeError):
    pass


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class PlannedPerson:
    row: int
    name: str
    data: dict = field(default_factory=dict)  # KeyPerson columns
    roles: list = field(default_factory=list)
    neighbourhood: str | None = None  # folded name
    organisations: list = field(default_factory=list)  # folded names
    status: str = DEFAULT_STATUS
    status_on: date | None = None
    referred_by: tuple | None = None  # ("row", n) or ("id", person id)
    display: dict = field(default_factory=dict)  # field key -> text for the preview


@dataclass
class Plan:
    total_rows: int
    mapped: list  # [(column index, header, Field)]
    persons: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    new_neighbourhoods: dict = field(default_factory=dict)  # folded -> name as written
    new_organisations: dict = field(default_factory=dict)
    existing_neighbourhoods: dict = field(default_factory=dict)  # folded -> id
    existing_organisations: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.persons)

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def errors_by_row(self) -> dict[int, list]:
        found: dict[int, list] = {}
        for e in self.errors:
            found.setdefault(e.row, []).append(e)
        return found

    @property
    def preview(self) -> list:
        """The first rows, then (in file order) up to as many further rows with errors, so bad rows are seen."""
        bad = self.errors_by_row
        later = [p for p in self.persons[PREVIEW_ROWS:] if p.row in bad][:PREVIEW_ROWS]
        return self.persons[:PREVIEW_ROWS] + later


@dataclass
class Options:
    network_id: int | None = None
    default_status: str = DEFAULT_STATUS
    create_missing: bool = False

    @classmethod
    def from_dict(cls, d: dict | None) -> Options:
        d = d or {}
        status = d.get("default_status") if d.get("default_status") in choices.INITIAL_STATUSES else DEFAULT_STATUS
        network_id = d.get("network_id") if isinstance(d.get("network_id"), int) else None
        return cls(network_id=network_id, default_status=status, create_missing=bool(d.get("create_missing")))

    def to_dict(self) -> dict:
        return {"network_id": self.network_id, "default_status": self.default_status,
                "create_missing": self.create_missing}


def clean_mapping(table: Table, mapping: dict | None) -> dict[int, str]:
    """A stored mapping ({"3": "email"}) made safe: existing columns, importable fields, each field once."""
    result, used = {}, set()
    for index, key in sorted(((int(i), k) for i, k in (mapping or {}).items() if str(i).isdigit()),
                             key=lambda p: p[0]):
        if 0 <= index < len(table.headers) and key in F.BY_KEY and F.BY_KEY[key].importable and key not in used:
            result[index] = key
            used.add(key)
    return result


def mapping_problem(mapping: dict[int, str]) -> str | None:
    keys = set(mapping.values())
    if "name" not in keys and not keys & {"first_name", "last_name"}:
        return _("Choose which column holds the name (or the first name and surname).")
    return None


def remember(table: Table, mapping: dict[int, str]) -> dict:
    """The choice per column header ("" = do not import), kept for the user's next upload."""
    return {F.compact(h): mapping.get(i, "") for i, h in enumerate(table.headers) if F.compact(h)}


def remembered_mapping(table: Table, remembered: dict | None) -> dict[int, str]:
    """The mapping proposed for a new upload: a column whose header was in the user's previous upload gets the
    choice made then (also "do not import"); the other columns the proposal by their header."""
    remembered = {k: v for k, v in (remembered or {}).items() if not v or v in F.BY_KEY}
    mapping: dict[int, str] = {}
    for index, header in enumerate(table.headers):
        key = F.compact(header)
        if key in remembered and remembered[key]:
            mapping[index] = remembered[key]
    for index, key in F.propose_mapping(table.headers).items():
        if F.compact(table.headers[index]) not in remembered and key not in mapping.values():
            mapping[index] = key
    return clean_mapping(table, {str(i): k for i, k in mapping.items()})
