"""The dry run of an import: a table and a column mapping checked against the register, nothing written.

`check()` turns them into a `Plan`: every row parsed into the register's values, with per-row errors in Dutch
(row number as the spreadsheet shows it, column header, message) and the neighbourhoods and organisations
that would be created. It reads the reference data in a fixed number of queries, whatever the size of the file.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from ...platform.extensions import db
from ..keypersons import choices
from ..keypersons.models import KeyPerson, Neighbourhood, Organisation
from . import fields as F
from .plan import IMPORTABLE_STATUSES, Options, Plan, PlannedPerson, RowError, clean_mapping, mapping_problem
from .reading import Table, sample

PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,}$")
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d/%m/%y", "%d-%m-%Y %H:%M",
                "%Y-%m-%d %H:%M:%S")


def _options_text(f: F.Field, codes=None) -> str:
    codes = codes if codes is not None else list(f.options)
    return ", ".join(str(f.options[c]) for c in codes)


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
            person.display[key] = raw  # as written; replaced by the recognised value below
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


def plan_for(meta: dict, table: Table) -> tuple[Plan | None, Options | None]:
    """The plan of a stored upload with its saved mapping and options; (None, None) while the mapping
    lacks the name. The preview, the commit request and the import job all build it this way."""
    mapping = clean_mapping(table, meta.get("mapping"))
    if mapping_problem(mapping):
        return None, None
    options = Options.from_dict(meta.get("options"))
    return check(table, mapping, options), options
