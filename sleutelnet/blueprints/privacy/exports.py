"""Subject-access export (AVG art. 15): everything the register holds about one key person, as JSON and PDF.

Flow: a coordinator asks for an export (`request_export`: one `ExportRequest` row plus an outbox job in
the same transaction); the job `jobs.generate_export` builds both files in the instance folder of that
tenant (`<instance>/privacy-exports/<tenant_id>/`) and marks the row done. Downloads are served only to
coordinators of the tenant, logged in the person's access log as "export" and audited. Files are removed
after `EXPORT_DOWNLOAD_DAYS` by the retention job, and at once when the person is anonymised.
"""
from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import force_locale, format_date, format_datetime, gettext as _, ngettext

from ...platform import audit, uow
from ...platform.auth.models import User
from ...platform.extensions import db
from ...platform.models import utcnow
from ...platform.tenancy import current_tenant_id
from ...tenants.models import Tenant
from ..keypersons.models import KeyPerson, Neighbourhood, Organisation
from ..keypersons.services import current_actor_id, log_access
from ..network.models import Network
from . import inventory, labels
from .errors import PrivacyError
from .models import EXPORT_DOWNLOAD_DAYS, Erasure, ExportRequest
from .settings import get_settings

FORMAT = "sleutelnet-inzage/1"
HIDDEN_IN_PDF = {"tenant_id", "person_id"}
# row numbers of related records mean nothing to a reader (the JSON keeps them for cross-references)
HIDDEN_IN_PDF_RELATED = HIDDEN_IN_PDF | {"id", "exit_id"}
HIDDEN_IN_JSON = {"tenant_id"}


# --------------------------------------------------------------------------------------------------
# requests
# --------------------------------------------------------------------------------------------------

def is_erased(person_id: int) -> bool:
    return db.session.scalar(db.select(Erasure.id).filter_by(person_id=person_id)) is not None


def request_export(person: KeyPerson, *, actor_id: int | None = None) -> ExportRequest:
    """A new export request with its job, or the one still being prepared for this person."""
    from ...workers.queues import enqueue

    if is_erased(person.id):
        raise PrivacyError(_("The personal data of this person have been erased; there is nothing left to export."))
    pending = db.session.scalar(db.select(ExportRequest).filter_by(person_id=person.id, status="pending")
                                .order_by(ExportRequest.id.desc()))
    if pending is not None:
        return pending
    actor_id = actor_id if actor_id is not None else current_actor_id()
    req = ExportRequest(person_id=person.id, file_token=secrets.token_hex(16), status="pending",
                        requested_by_id=actor_id)
    db.session.add(req)
    db.session.flush()
    audit.record("privacy.export_requested", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"export={req.id}")
    enqueue("sleutelnet.blueprints.privacy.jobs.generate_export", queue="reports", tenant_id=current_tenant_id(),
            export_id=req.id)
    uow.done()
    return req


def get_request(person_id: int, export_id: int) -> ExportRequest:
    req = db.session.scalar(db.select(ExportRequest).filter_by(id=export_id, person_id=person_id))
    if req is None:
        raise LookupError(export_id)
    return req


def requests_for(person_id: int) -> list[ExportRequest]:
    return db.session.scalars(db.select(ExportRequest).filter_by(person_id=person_id)
                              .order_by(ExportRequest.id.desc())).all()


def recent_requests(limit: int = 20) -> list[tuple[ExportRequest, str]]:
    rows = db.session.execute(db.select(ExportRequest, KeyPerson.name)
                              .join(KeyPerson, KeyPerson.id == ExportRequest.person_id)
                              .order_by(ExportRequest.id.desc()).limit(limit)).all()
    return [(req, name) for req, name in rows]


def download_available_until(req: ExportRequest) -> datetime | None:
    return req.completed_at + timedelta(days=EXPORT_DOWNLOAD_DAYS) if req.completed_at else None


# --------------------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------------------

def export_folder(tenant_id: int) -> str:
    return os.path.join(current_app.instance_path, "privacy-exports", str(int(tenant_id)))


def file_path(req: ExportRequest, kind: str) -> str:
    if kind not in ("json", "pdf"):
        raise ValueError(kind)
    return os.path.join(export_folder(req.tenant_id), f"inzage-{req.id}-{req.file_token}.{kind}")


def remove_files(req: ExportRequest, status: str) -> None:
    """Delete both files of a request and mark it (the caller commits)."""
    for kind in ("json", "pdf"):
        try:
            os.remove(file_path(req, kind))
        except FileNotFoundError:
            pass
    req.status = status
    req.files_removed_at = utcnow()


def record_download(req: ExportRequest, kind: str, *, actor_id: int | None = None) -> str:
    """The path to send; logs the access ("export") and audits it in one transaction."""
    if req.status != "done":
        raise LookupError(req.id)
    path = file_path(req, kind)
    if not os.path.exists(path):
        raise LookupError(req.id)
    actor_id = actor_id if actor_id is not None else current_actor_id()
    log_access(req.person_id, "export", actor_id)
    audit.record("privacy.export_downloaded", object_type="keyperson", object_id=req.person_id, actor_id=actor_id,
                 detail=f"export={req.id} format={kind}")
    uow.done()
    return path


# --------------------------------------------------------------------------------------------------
# building the export
# --------------------------------------------------------------------------------------------------

@dataclass
class SectionData:
    key: str
    title: str
    table: str
    columns: list[str]
    rows: list[dict] = field(default_factory=list)


@dataclass
class ExportData:
    person_id: int
    person_name: str
    municipality: str
    generated_at: datetime
    sections: list[SectionData]
    lookups: dict


def _rows(model, where, order_by=()) -> tuple[list[str], list[dict]]:
    keys = inventory.column_keys(model)
    stmt = db.select(*[getattr(model, k) for k in keys]).where(where)
    if order_by:
        stmt = stmt.order_by(*[getattr(model, o) for o in order_by])
    return keys, [dict(zip(keys, row)) for row in db.session.execute(stmt).all()]


def collect(person_id: int) -> ExportData:
    """Every row about the person, decrypted (special-category and confidential fields included)."""
    keys, own = _rows(KeyPerson, KeyPerson.id == person_id)
    if not own:
        raise LookupError(person_id)
    sections = [SectionData("person", _("Personal details"), KeyPerson.__tablename__, keys, own)]
    for spec in inventory.export_sections():
        columns, rows = _rows(spec.model, spec.where(spec.model, person_id), spec.order_by)
        sections.append(SectionData(spec.key, str(spec.title), spec.model.__table__.name, columns, rows))
    tenant = db.session.get(Tenant, current_tenant_id())
    return ExportData(person_id=person_id, person_name=own[0]["name"], municipality=tenant.name if tenant else "",
                      generated_at=utcnow(), sections=sections, lookups=_lookups(sections))


def _user_columns(table_name: str) -> set[str]:
    table = db.metadata.tables[table_name]
    return {fk.parent.name for fk in table.foreign_keys if fk.column.table.name == "users"}


def _lookups(sections: list[SectionData]) -> dict:
    """Names for the ids in the export: users (officials), organisations, neighbourhoods, networks."""
    wanted = {"users": set(), "organisation_id": set(), "neighbourhood_id": set(), "network_id": set()}
    for s in sections:
        user_cols = _user_columns(s.table)
        for row in s.rows:
            for col, value in row.items():
                if value is None:
                    continue
                if col in user_cols:
                    wanted["users"].add(value)
                elif col in ("organisation_id", "neighbourhood_id", "network_id"):
                    wanted[col].add(value)
    out = {"users": {}, "organisation_id": {}, "neighbourhood_id": {}, "network_id": {}}
    if wanted["users"]:
        for uid, name, email in db.session.execute(
                db.select(User.id, User.name, User.email).where(User.id.in_(wanted["users"]))):
            out["users"][uid] = name or email
    for key, model in (("organisation_id", Organisation), ("neighbourhood_id", Neighbourhood),
                       ("network_id", Network)):
        if wanted[key]:
            for oid, name in db.session.execute(db.select(model.id, model.name).where(model.id.in_(wanted[key]))):
                out[key][oid] = name
    return out


def _json_value(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def display_value(table: str, column: str, value, lookups: dict, user_cols: set[str]) -> str:
    """A value as a reader would want to see it: labels for codes, names for ids, Dutch dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return format_datetime(value, "dd-MM-yyyy HH:mm")
    if isinstance(value, date):
        return format_date(value, "dd-MM-yyyy")
    if column in user_cols:
        return lookups["users"].get(value, str(value))
    if column in ("organisation_id", "neighbourhood_id", "network_id"):
        return lookups[column].get(value, str(value))
    options = labels.coded_options(table, column)
    if options is not None:
        return str(options.get(value, value))
    return str(value)


def _labels_for(section: SectionData, row: dict, lookups: dict, user_cols: set[str]) -> dict:
    """Readable values for coded and id columns (JSON keeps the stored value next to it)."""
    out = {}
    for col, value in row.items():
        if value is None or col in HIDDEN_IN_JSON:
            continue
        if col in user_cols or col in ("organisation_id", "neighbourhood_id", "network_id") \
                or labels.coded_options(section.table, col) is not None:
            out[col] = display_value(section.table, col, value, lookups, user_cols)
    return out


def information(settings) -> dict:
    """The information art. 15(1) asks for besides the data: purposes, recipients, retention, rights, source."""
    return {
        "purposes": _("Working with the key-person network of the municipality: contact, meetings, "
                      "composition and support of the network."),
        "recipients": _("The network coordinators and the officials linked to the network within the "
                        "municipality. The data are not shared outside the municipality."),
        "retention": " ".join((
            ngettext("After leaving the network your data are anonymised after %(num)d month.",
                     "After leaving the network your data are anonymised after %(num)d months.",
                     settings.anonymise_exited_after_months),
            ngettext("The record of who viewed your data is kept for %(num)d month.",
                     "The record of who viewed your data is kept for %(num)d months.", settings.access_log_months))),
        "rights": _("You may ask the municipality to correct or erase your data, to restrict their use or "
                    "object to it, and withdraw a consent at any time. You can file a complaint with the "
                    "Autoriteit Persoonsgegevens."),
        "source": _("The data were provided by you or recorded by the municipality in conversations with you."),
    }


def to_json(data: ExportData, info: dict) -> bytes:
    sections = []
    for s in data.sections:
        user_cols = _user_columns(s.table)
        sections.append({
            "key": s.key, "title": s.title, "table": s.table,
            "rows": [{"fields": {c: _json_value(v) for c, v in row.items() if c not in HIDDEN_IN_JSON},
                      "labels": _labels_for(s, row, data.lookups, user_cols)} for row in s.rows],
        })
    doc = {"format": FORMAT, "generated_at": data.generated_at.isoformat(), "municipality": data.municipality,
           "person_id": data.person_id, "information": info, "sections": sections}
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def pdf_context(data: ExportData, info: dict) -> dict:
    sections = []
    for s in data.sections:
        user_cols = _user_columns(s.table)
        hidden = HIDDEN_IN_PDF if s.key == "person" else HIDDEN_IN_PDF_RELATED
        columns = [c for c in s.columns if c not in hidden]
        sections.append({
            "key": s.key, "title": s.title,
            "columns": [labels.column_label(s.table, c) for c in columns],
            # few columns: one table with a row per record; many: a label/value table per record
            "wide": len(columns) > 6,
            "rows": [[(labels.column_label(s.table, c), display_value(s.table, c, row[c], data.lookups, user_cols))
                      for c in columns] for row in s.rows],
        })
    return {"data": data, "info": info, "sections": sections}


def render_pdf_html(data: ExportData, info: dict) -> str:
    # straight from the Jinja environment: a worker has no request, so the request-bound context
    # processors (current user, navigation) must not run
    template = current_app.jinja_env.get_template("privacy/export_pdf.html")
    return template.render(**pdf_context(data, info))


def to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    css = os.path.join(os.path.dirname(__file__), "export_pdf.css")
    return HTML(string=html, base_url=os.path.dirname(__file__)).write_pdf(stylesheets=[CSS(filename=css)])


def build_files(person_id: int) -> tuple[bytes, bytes]:
    """(JSON, PDF) of the person's export, in Dutch whatever the requester's language."""
    with force_locale("nl"):
        data = collect(person_id)
        info = information(get_settings())
        return to_json(data, info), to_pdf(render_pdf_html(data, info))
