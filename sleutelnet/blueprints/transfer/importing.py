"""Checking an uploaded list against the register (dry run) and importing it (all or nothing).

`check()` turns a table and a column mapping into a `Plan`: every row parsed into the register's
values, with per-row errors in Dutch (row number as the spreadsheet shows it, column header, message),
the neighbourhoods and organisations that would be created, and nothing written. It reads the
reference data in a fixed number of queries, whatever the size of the file.
`commit()` re-checks nothing itself (the caller builds a fresh plan from the stored file right before)
and refuses a plan with errors; it creates everything in one transaction through the register's own
`create_person`, so every person gets the same first status-change row, access-log row and audit event
as a person added by hand, plus one `transfer.import` event for the whole import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from ...platform import audit, uow
from ...platform.extensions import db
from ...platform.models import utcnow
from ..keypersons import choices, pipeline
from ..keypersons.models import KeyPerson, Neighbourhood, Organisation
from ..keypersons.services import create_person, default_network_name, networks
from ..network.models import Network
from . import fields as F
from .reading import Table, sample

PREVIEW_ROWS = 20
MAX_ERRORS_SHOWN = 200
# a new person starts as candidate, in conversation or active (the register's rule); "paused" is an
# active person whose pause is recorded as a second, dated step, as the pipeline would.
IMPORTABLE_STATUSES = tuple(choices.INITIAL_STATUSES) + ("paused",)
DEFAULT_STATUS = "active"  # importing an existing network: the people on it are active
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,}$")
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d/%m/%y", "%d-%m-%Y %H:%M",
                "%Y-%m-%d %H:%M:%S")
DIRECT = ("email", "phone", "preferred_contact", "constituency", "known_to_municipality", "languages", "motivation",
          "civic_activities", "availability", "reciprocity", "core_group", "age_group", "helping_profession",
          "education", "recruitment_channel", "notes")


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
    def preview(self) -> list:
        return self.persons[:PREVIEW_ROWS]


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


def _options_text(f: F.Field, codes=None) -> str:
    codes = codes if codes is not None else list(f.options)
    return ", ".join(str(f.options[c]) for c in codes)


# --------------------------------------------------------------------------------------------------
# the dry run
# --------------------------------------------------------------------------------------------------

def _reference_data(plan: Plan) -> tuple[set[str], dict[str, list[int]]]:
    rows = db.session.execute(db.select(Neighbourhood.id, Neighbourhood.name, Neighbourhood.parent_id)).all()
    names = {nid: name for nid, name, _parent in rows}
    for nid, name, parent in rows:
        plan.existing_neighbourhoods.setdefault(F.fold(name), nid)
        if parent in names:  # "Buurt (Wijk)", as the register shows a buurt
            plan.existing_neighbourhoods.setdefault(F.fold(f"{name} ({names[parent]})"), nid)
    for oid, name in db.session.execute(db.select(Organisation.id, Organisation.name)).all():
        plan.existing_organisations.setdefault(F.fold(name), oid)
    emails, people = set(), {}
    for pid, name, email in db.session.execute(db.select(KeyPerson.id, KeyPerson.name, KeyPerson.email)).all():
        if email:
            emails.add(email.strip().casefold())
        people.setdefault(F.fold(name), []).append(pid)
    return emails, people


def parse_date(value: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def check(table: Table, mapping: dict[int, str], options: Options) -> Plan:
    plan = Plan(total_rows=len(table.rows),
                mapped=[(i, table.headers[i], F.BY_KEY[k]) for i, k in sorted(mapping.items())])
    registered_emails, registered_people = _reference_data(plan)
    column_of = {k: table.headers[i] for i, k in mapping.items()}
    indexes = {f.key: F.value_index(f) for _i, _h, f in plan.mapped if f.options}
    seen_emails: dict[str, int] = {}
    referral_names: dict[int, str] = {}

    for number, cells in table.rows:
        values = {k: cells[i] for i, k in mapping.items()}
        errors = []

        def fail(key, message):
            errors.append(RowError(number, column_of.get(key, ""), message))

        name = values.get("name") or " ".join(v for v in (values.get(k) for k in F.NAME_PARTS) if v)
        name = re.sub(r"\s+", " ", name).strip()
        name_column = "name" if "name" in mapping.values() else next(k for k in F.NAME_PARTS if k in column_of)
        person = PlannedPerson(row=number, name=name, status=options.default_status, display={"name": name})
        if not name:
            fail(name_column, _("The name is missing."))
        elif len(name) > 120:
            fail(name_column, _("Too long: at most %(max)d characters.", max=120))

        for key, raw in values.items():
            f = F.BY_KEY[key]
            if key in ("name",) + F.NAME_PARTS or not raw:
                continue
            if f.max_length and len(raw) > f.max_length:
                fail(key, _("Too long: at most %(max)d characters.", max=f.max_length))
                continue
            if f.kind == F.EMAIL:
                try:
                    validate_email(raw, check_deliverability=False)
                except EmailNotValidError:
                    fail(key, _("“%(value)s” is not a valid e-mail address.", value=sample(raw)))
                    continue
                folded = raw.casefold()
                if folded in seen_emails:
                    fail(key, _("This e-mail address is also in row %(row)d of this file.", row=seen_emails[folded]))
                elif folded in registered_emails:
                    fail(key, _("A key person with this e-mail address is already in the register."))
                seen_emails.setdefault(folded, number)
                person.data["email"] = raw
            elif f.kind == F.PHONE:
                if not PHONE.match(raw):
                    fail(key, _("“%(value)s” is not a valid telephone number.", value=sample(raw)))
                    continue
                person.data["phone"] = raw
            elif f.kind == F.CHOICE:
                code = indexes[key].get(F.fold(raw))
                if code is None:
                    allowed = IMPORTABLE_STATUSES if key == "status" else None
                    fail(key, _("Unknown value “%(value)s”. Possible values: %(options)s.", value=sample(raw),
                                options=_options_text(f, allowed)))
                    continue
                if key == "status":
                    if code not in IMPORTABLE_STATUSES:
                        fail(key, _("People with the status “%(status)s” cannot be imported: the register records "
                                    "leaving and returning as steps with a reason. Import them with another status "
                                    "and record that step afterwards.", status=choices.label(choices.STATUSES, code)))
                        continue
                    person.status = code
                else:
                    person.data[key] = code
                person.display[key] = choices.label(f.options, code)
            elif f.kind == F.MULTI:
                codes, unknown = [], []
                for part in F.split_multi(raw):
                    code = indexes[key].get(F.fold(part))
                    (codes if code else unknown).append(code or part)
                if unknown:
                    fail(key, _("Unknown value “%(value)s”. Possible values: %(options)s.",
                                value=sample(", ".join(unknown)), options=_options_text(f)))
                    continue
                person.roles = [c for c in f.options if c in codes]
                person.display[key] = ", ".join(choices.label(f.options, c) for c in person.roles)
            elif f.kind == F.BOOL:
                try:
                    person.data[key] = F.parse_bool(raw)
                except ValueError:
                    fail(key, _("Fill in yes or no (found “%(value)s”).", value=sample(raw)))
                    continue
                person.display[key] = {True: _("yes"), False: _("no")}.get(person.data[key], "")
            elif f.kind == F.DATE:
                try:
                    on = parse_date(raw)
                except ValueError:
                    fail(key, _("“%(value)s” is not a date. Write it as dd-mm-yyyy.", value=sample(raw)))
                    continue
                if on > date.today():
                    fail(key, _("The date cannot be in the future."))
                    continue
                person.status_on = on
                person.display[key] = on.strftime("%d-%m-%Y")
            elif f.kind == F.NEIGHBOURHOOD:
                folded = F.fold(raw)
                if len(raw) > 120:
                    fail(key, _("Too long: at most %(max)d characters.", max=120))
                    continue
                if folded not in plan.existing_neighbourhoods:
                    if not options.create_missing:
                        fail(key, _("Unknown neighbourhood “%(value)s”. Add it to the neighbourhoods first, or tick "
                                    "“Create missing neighbourhoods and organisations”.", value=sample(raw)))
                        continue
                    plan.new_neighbourhoods.setdefault(folded, raw)
                person.neighbourhood = folded
                person.display[key] = raw
            elif f.kind == F.ORGANISATIONS:
                names, bad = [], False
                for part in F.split_multi(raw, organisations=True):
                    folded = F.fold(part)
                    if len(part) > 160:
                        fail(key, _("Too long: at most %(max)d characters.", max=160))
                        bad = True
                    elif folded not in plan.existing_organisations:
                        if not options.create_missing:
                            fail(key, _("Unknown organisation “%(value)s”. Add it to the organisations first, or "
                                        "tick “Create missing neighbourhoods and organisations”.", value=part))
                            bad = True
                            continue
                        plan.new_organisations.setdefault(folded, part)
                    if folded not in names:
                        names.append(folded)
                if bad:
                    continue
                person.organisations = names
                person.display[key] = raw
            elif f.kind == F.PERSON:
                referral_names[number] = raw
                person.display[key] = raw
            else:
                person.data[key] = raw
                person.display[key] = raw
        plan.errors.extend(errors)
        plan.persons.append(person)

    _resolve_referrals(plan, referral_names, registered_people, column_of.get("referred_by", ""))
    plan.errors.sort(key=lambda e: e.row)
    return plan


def _resolve_referrals(plan: Plan, referral_names: dict[int, str], registered: dict[str, list[int]],
                       column: str) -> None:
    if not referral_names:
        return
    in_file: dict[str, list[int]] = {}
    for p in plan.persons:
        if p.name:
            in_file.setdefault(F.fold(p.name), []).append(p.row)
    by_row = {p.row: p for p in plan.persons}
    edges = {}
    for row, raw in referral_names.items():
        folded = F.fold(raw)
        if by_row[row].name and folded == F.fold(by_row[row].name) and len(in_file.get(folded, [])) == 1:
            plan.errors.append(RowError(row, column, _("A person cannot refer themselves.")))
            continue
        candidates = [("row", r) for r in in_file.get(folded, []) if r != row]
        candidates += [("id", i) for i in registered.get(folded, [])]
        if not candidates:
            plan.errors.append(RowError(row, column, _("Nobody called “%(value)s” is in this file or in the "
                                                       "register.", value=sample(raw))))
        elif len(candidates) > 1:
            plan.errors.append(RowError(row, column, _("Several people are called “%(value)s”: the referral cannot "
                                                       "be linked. Make the names distinct.", value=sample(raw))))
        else:
            by_row[row].referred_by = candidates[0]
            if candidates[0][0] == "row":
                edges[row] = candidates[0][1]
    # referrals inside the file must not go round in a circle
    in_circle = set()
    for start in edges:
        seen, current = [], start
        while current in edges and current not in seen:
            seen.append(current)
            current = edges[current]
        if current == start:
            in_circle.update(seen)
    for row in sorted(in_circle):
        by_row[row].referred_by = None
        plan.errors.append(RowError(row, column, _("These referrals form a circle: someone is referred by a person "
                                                   "they referred themselves.")))


# --------------------------------------------------------------------------------------------------
# the import
# --------------------------------------------------------------------------------------------------

def target_network(network_id: int | None) -> Network | None:
    available = networks()
    for network in available:
        if network.id == network_id:
            return network
    return available[0] if available else None


def commit(plan: Plan, options: Options, *, tenant, actor_id: int | None) -> int:
    """Create every planned person in one transaction; nothing is stored when anything fails."""
    if not plan.ok:
        raise ImportFailed("the plan has errors")
    try:
        network = target_network(options.network_id)
        if network is None:
            network = Network(name=default_network_name(tenant))
            db.session.add(network)
            db.session.flush()
            audit.record("network.created", object_type="network", object_id=network.id, actor_id=actor_id,
                         detail="default for import")
        neighbourhood_ids = dict(plan.existing_neighbourhoods)
        for folded, name in plan.new_neighbourhoods.items():
            created = Neighbourhood(name=name)
            db.session.add(created)
            db.session.flush()
            neighbourhood_ids[folded] = created.id
            audit.record("neighbourhood.created", object_type="neighbourhood", object_id=created.id,
                         actor_id=actor_id, detail="import")
        organisation_ids = dict(plan.existing_organisations)
        for folded, name in plan.new_organisations.items():
            created = Organisation(name=name, kind="other", address="")
            db.session.add(created)
            db.session.flush()
            organisation_ids[folded] = created.id
            audit.record("organisation.created", object_type="organisation", object_id=created.id,
                         actor_id=actor_id, detail="import")
        reason = _("Imported from a file")
        created_rows = {}
        for planned in plan.persons:
            data = dict(planned.data, name=planned.name, network_id=network.id,
                        neighbourhood_id=neighbourhood_ids[planned.neighbourhood] if planned.neighbourhood else None)
            start = "active" if planned.status == "paused" else planned.status
            on = planned.status_on or date.today()
            person = create_person(data, roles=planned.roles,
                                   organisation_ids=[organisation_ids[o] for o in planned.organisations],
                                   status=start, status_on=on, status_reason=reason, actor_id=actor_id, commit=False)
            if planned.status == "paused":  # through the pipeline, like a manual move: same rules, same trail
                pipeline.transition(person, "paused", on=on, reason=reason, actor_id=actor_id)
            created_rows[planned.row] = person
        for planned in plan.persons:
            if planned.referred_by:
                kind, ref = planned.referred_by
                created_rows[planned.row].referred_by_id = created_rows[ref].id if kind == "row" else ref
                created_rows[planned.row].updated_at = utcnow()
        audit.record("transfer.import", object_type="network", object_id=network.id, actor_id=actor_id,
                     detail=f"count={len(created_rows)} neighbourhoods={len(plan.new_neighbourhoods)} "
                            f"organisations={len(plan.new_organisations)}")
        uow.done()
    except Exception:
        db.session.rollback()
        raise
    return len(created_rows)
