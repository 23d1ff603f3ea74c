"""Exporting a network's register as CSV (UTF-8 with BOM, `;` — opens cleanly in Dutch Excel) or XLSX.

The columns are `fields.EXPORT_FIELDS` with their translated labels, so the file imports back without
any mapping work. Sensitive columns (confidential and special category in the register's field registry)
are left out unless the requester asked for them: the route decides the columns (`columns(sensitive)`, the
user's permissions per sensitivity, offered only to a user holding them, who ticked the box) and the export
job (jobs.py, which has no user) writes exactly those (`column_keys`); the special category is filled in
only for persons with a current consent in the consent register.
Every export writes one `transfer.export` audit event and an "export" row in the key-person access
log for every person in the file, in the same transaction, before the file is handed out.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload, undefer

from ...platform import audit, fields, uow
from ...platform.fields import Sensitivity
from ...platform.extensions import db
from ..keypersons import choices
from ..keypersons.models import KeyPerson, KeyPersonAccess
from . import fields as F
from .reading import FORMULA_START

FORMATS = ("csv", "xlsx")
MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass
class Export:
    filename: str
    mimetype: str
    content: bytes
    count: int


def columns(sensitive: bool) -> list[F.Field]:
    """The columns the current user may export, sensitive ones only when asked (decided in the request)."""
    return [f for f in F.EXPORT_FIELDS if (sensitive or not f.sensitive) and F.allowed(f)]


def chosen(column_keys: list[str]) -> list[F.Field]:
    """The columns decided in the request, in the register's order (in the job, which has no user)."""
    keys = set(column_keys)
    return [f for f in F.EXPORT_FIELDS if f.key in keys]


def _yes_no(value) -> str:
    return {True: _("yes"), False: _("no")}.get(value, "")


def _value(person: KeyPerson, f: F.Field, consented: dict):
    key = f.key
    if key == "neighbourhood":
        return person.neighbourhood.name if person.neighbourhood else ""
    if key == "organisations":
        return "; ".join(o.name for o in person.organisations)
    if key == "roles":
        return "; ".join(choices.label(choices.ROLES, r) for r in person.role_codes)
    if key == "status":
        return choices.label(choices.STATUSES, person.status)
    if key == "status_since":
        return person.status_since
    if key == "referred_by":
        return person.referred_by.name if person.referred_by else ""
    if key == "migration_background":
        # special category: only where the person's consent is recorded, otherwise blank
        if person.id not in consented:
            return ""
        return choices.label(choices.MIGRATION_BACKGROUND, person.migration_background)
    if key == "migration_background_consent":
        return _yes_no(person.id in consented)
    if key == "migration_background_consent_on":
        return consented.get(person.id)
    value = getattr(person, key)
    if f.kind == F.BOOL:
        return _yes_no(value)
    if f.kind == F.CHOICE:
        return choices.label(f.options, value)
    return value if value is not None else ""


def persons(network_id: int, sensitive: bool) -> list[KeyPerson]:
    stmt = (db.select(KeyPerson).filter_by(network_id=network_id)
            .order_by(KeyPerson.sort_name, KeyPerson.id)
            .options(joinedload(KeyPerson.neighbourhood), joinedload(KeyPerson.referred_by),
                     selectinload(KeyPerson.role_links), selectinload(KeyPerson.organisations)))
    if sensitive:
        stmt = stmt.options(undefer(KeyPerson.migration_background))
    return db.session.scalars(stmt).unique().all()


def table(network_id: int, cols: list[F.Field]) -> tuple[list[str], list[list], list[int]]:
    sensitive = any(f.sensitive for f in cols)
    people = persons(network_id, sensitive)
    special = any(f.sensitivity is Sensitivity.SPECIAL_CATEGORY for f in cols)
    consented = fields.consented([p.id for p in people], choices.SPECIAL_CATEGORY_CONSENT) if special else {}
    rows = [[_value(p, f, consented) for f in cols] for p in people]
    return [str(f.label) for f in cols], rows, [p.id for p in people]


def _text(value) -> str:
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        text = "'" + text  # a cell must never become a formula in Excel (CSV injection)
    return text


def to_csv(headers: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(headers: list[str], rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([v if v not in (None,) else "" for v in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text that starts with "=" stays text
                cell.data_type = "s"
            elif isinstance(cell.value, date):
                cell.number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 4))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export(network, fmt: str, *, column_keys: list[str], tenant_slug: str, actor_id: int | None) -> Export:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    cols = chosen(column_keys)
    sensitive = any(f.sensitive for f in cols)
    headers, rows, person_ids = table(network.id, cols)
    content = to_csv(headers, rows) if fmt == "csv" else to_xlsx(headers, rows, _("Key persons"))
    if person_ids:
        db.session.execute(db.insert(KeyPersonAccess), [
            {"person_id": pid, "action": "export", "user_id": actor_id, "tenant_id": network.tenant_id}
            for pid in person_ids])
    audit.record("transfer.export", object_type="network", object_id=network.id, actor_id=actor_id,
                 detail=f"format={fmt} count={len(person_ids)} sensitive={'yes' if sensitive else 'no'}")
    uow.done()
    filename = f"sleutelpersonen-{tenant_slug}-{date.today().isoformat()}.{fmt}"
    return Export(filename=filename, mimetype=MIMETYPES[fmt], content=content, count=len(person_ids))
