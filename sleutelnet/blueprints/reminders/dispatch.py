"""The reminder sweep: idempotent by construction.

Per tenant (the tenant id is passed explicitly and the sweep runs in that tenant's context):
1. every installed `ReminderKind` (feature manifests) yields what is due today (`Due`);
2. each Due becomes a `reminder_dispatches` row, inserted with insert-or-ignore on the unique key and
   COMMITTED before anything is sent; a Due whose row exists already is ignored;
3. pending rows are delivered in batches: one transaction claims them (`UPDATE … SET status='sent' WHERE
   status='pending' … RETURNING id`), writes the in-app notifications and the mail outbox rows, and
   commits. A concurrent sweep's UPDATE finds them 'sent' and claims nothing; a killed worker leaves them
   'pending' (its transaction never committed), so the retried job delivers them — once.

Mails go through the transactional outbox (`workers.queues.enqueue` → queue "mail"), so a mail exists
exactly when its dispatch row is 'sent'. Notifications and mails carry a title and a link only.
Each mail is written in its recipient's language: the language they chose (`users.locale`), otherwise the
default (Dutch); the title from its msgid and parameters (`title_data`), rendered once per language.
"""
from __future__ import annotations

import json
import logging
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale, gettext as _
from sqlalchemy import update

from ...platform import features, stored_texts
from ...platform.auth.models import User
from ...platform.extensions import db
from ...platform.i18n import in_language
from ...platform.models import utcnow
from ...platform.tenancy import tenant_context
from ...tenants.models import Membership, Tenant
from ...workers.outbox import OutboxJob
from .models import DEFAULT_DELIVERY, DIGEST_KIND, Notification, NotificationPreference, ReminderDispatch
from .services import titles

log = logging.getLogger(__name__)

BATCH = 500
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today_local() -> date:
    return datetime.now(AMSTERDAM).date()


def _insert_ignore(rows: list[dict]) -> int:
    """INSERT … ON CONFLICT DO NOTHING on the dispatch key (SQLite and PostgreSQL). Returns rows inserted."""
    if not rows:
        return 0
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    inserted = 0
    for start in range(0, len(rows), BATCH):
        table = ReminderDispatch.__table__
        stmt = dialect_insert(table).on_conflict_do_nothing(
            index_elements=["tenant_id", "kind", "subject_type", "subject_id", "reference_date", "offset_days"]
        ).returning(table.c.id)  # only the rows actually inserted (and one multi-row INSERT per chunk)
        inserted += len(db.session.execute(stmt, rows[start:start + BATCH]).all())
    return inserted


def _insert_many(model, rows: list[dict]) -> None:
    """Multi-row INSERTs: with RETURNING, SQLAlchemy batches the rows into `INSERT … VALUES (…), (…)` on
    every driver ("insertmanyvalues") instead of executing one statement per row."""
    table = model.__table__
    db.session.execute(table.insert().returning(table.c.id), rows)


def _row(tenant_id: int, due) -> dict:
    return {"tenant_id": tenant_id, "kind": due.kind, "subject_type": due.subject_type,
            "subject_id": int(due.subject_id), "reference_date": due.reference_date,
            "offset_days": int(due.offset_days), "status": "pending", "title": str(due.title)[:300],
            "url": (due.url or "")[:500], "created_at": utcnow(),
            "title_data": json.dumps(stored_texts.as_data(due.title)),
            "data_json": json.dumps({"user_ids": [int(u) for u in due.user_ids], "emails": list(due.emails),
                                     "payload": due.payload}, default=str)}


def kinds() -> dict:
    return {kind.code: kind for kind in features.collect("reminder_kinds")}


def _job_context():
    """A request context on BASE_URL (so `url_for` works in find_due and mails) in the default locale."""
    app = current_app._get_current_object()
    return app.test_request_context("/", base_url=app.config["BASE_URL"])


class KindsFailed(RuntimeError):
    """Some reminder kinds could not be collected; the others were delivered. Raised so the job is retried."""


def record_due(tenant_id: int, today: date) -> tuple[int, list[str]]:
    """Steps 1–2: insert a dispatch row per Due (ignoring existing keys) and commit.

    A kind whose `find_due` fails is skipped (its error logged), so one broken feature does not hold back
    the reminders of the others. Returns (rows inserted, codes of the kinds that failed)."""
    rows, failed = [], []
    for kind in kinds().values():
        try:
            rows.extend(_row(tenant_id, due) for due in kind.find_due(tenant_id, today))
        except Exception:  # noqa: BLE001 - isolate the kinds from each other; nothing was written yet
            log.exception("reminder kind %s failed for tenant %s", kind.code, tenant_id)
            db.session.rollback()
            failed.append(kind.code)
    inserted = _insert_ignore(rows)
    db.session.commit()
    return inserted, failed


def _claim(ids: list[int]) -> list[int]:
    """Flip pending rows to 'sent' in the current transaction; returns the ids this transaction got."""
    stmt = (update(ReminderDispatch).where(ReminderDispatch.id.in_(ids), ReminderDispatch.status == "pending")
            .values(status="sent", sent_at=utcnow(), data_json="{}").returning(ReminderDispatch.id))
    return list(db.session.scalars(stmt, execution_options={"synchronize_session": False}).all())


class _Recipients:
    """Members of the tenant, their e-mail address and delivery preference per kind (two queries per batch)."""

    def __init__(self, tenant_id: int, user_ids: set[int]):
        self.emails: dict[int, str] = {}
        self.languages: dict[int, str] = {}
        if user_ids:
            rows = db.session.execute(
                db.select(User.id, User.email, User.locale).join(Membership, Membership.user_id == User.id)
                .where(Membership.tenant_id == tenant_id, Membership.active.is_(True), User.id.in_(user_ids))).all()
            self.emails = {uid: email for uid, email, _locale in rows}
            self.languages = {uid: locale for uid, _email, locale in rows if locale}
        self.prefs: dict[tuple[int, str], str] = {}
        if self.emails:
            for uid, kind, delivery in db.session.execute(
                    db.select(NotificationPreference.user_id, NotificationPreference.kind,
                              NotificationPreference.delivery)
                    .where(NotificationPreference.user_id.in_(list(self.emails)))).all():
                self.prefs[(uid, kind)] = delivery

    def delivery(self, user_id: int, kind: str) -> str:
        return self.prefs.get((user_id, kind), DEFAULT_DELIVERY)

    def language(self, user_id: int | None) -> str:
        """The recipient's own choice, otherwise the default language (Dutch)."""
        return self.languages.get(user_id) or current_app.config["BABEL_DEFAULT_LOCALE"]


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return current_app.config["BASE_URL"].rstrip("/") + url


MAIL_JOB = "sleutelnet.workers.mail.send_email"


def reminder_body(title: str, url: str) -> str:
    """The default reminder mail: a title and a link, nothing else (texts in the catalog, not a .txt file)."""
    return "\n".join([_("Reminder from Sleutelnet"), "", title, "", _("Open it in Sleutelnet:"), url, "",
                      _("You receive this e-mail because of your notification preferences in Sleutelnet. For "
                        "confidentiality, this e-mail contains only a title and a link.")]) + "\n"


def digest_body(tenant_name: str, items) -> str:
    lines = [_("Your daily overview from Sleutelnet (municipality of %(name)s)", name=tenant_name), ""]
    for item in items:
        lines += [f"- {item.title}", f"  {absolute(item.url)}"]
    lines += ["", _("You receive this overview because you chose a daily digest in your notification preferences. "
                    "For confidentiality, it contains only titles and links.")]
    return "\n".join(lines) + "\n"


class _MailBatch:
    """The mails of one delivery transaction, written to the outbox in one multi-row INSERT (the outbox's
    dispatch after commit is unchanged). The body is rendered once per reminder, not once per recipient."""

    def __init__(self, tenant_id: int):
        self.tenant_id = tenant_id
        self.rows: list[dict] = []
        self.kinds = kinds()
        self.templates: dict = {}
        self._rendered: dict[tuple[int, str], tuple[str, str]] = {}

    def message_in(self, language: str, row, payload: dict) -> tuple[str, str]:
        """(subject, body) of a dispatch row in `language`, rendered once per row and language."""
        key = (row.id, language)
        if key not in self._rendered:
            with in_language(language):
                title = stored_texts.from_data(json.loads(row.title_data or "null"), row.title)
                self._rendered[key] = self.message(row.kind, title, row.url, payload)
        return self._rendered[key]

    def message(self, kind_code: str, title: str, url: str, payload: dict) -> tuple[str, str]:
        kind = self.kinds.get(kind_code)
        subject = _("Sleutelnet: %(title)s", title=title)
        if kind is None or not kind.mail_template:
            return subject, reminder_body(title, absolute(url))
        if kind.mail_template not in self.templates:  # plain Jinja: a mail needs no page context processors
            self.templates[kind.mail_template] = current_app.jinja_env.get_template(kind.mail_template)
        due = SimpleNamespace(kind=kind_code, title=title, url=url, payload=payload)
        return subject, self.templates[kind.mail_template].render(due=due, url=absolute(url))

    def add(self, to: str, subject: str, body: str) -> None:
        self.rows.append({"func": MAIL_JOB, "queue": "mail", "tenant_id": self.tenant_id, "status": "pending",
                          "attempts": 0, "created_at": utcnow(),
                          "kwargs_json": json.dumps({"to": to, "subject": subject, "body": body})})

    def write(self) -> int:
        if self.rows:
            _insert_many(OutboxJob, self.rows)
            db.session.info.setdefault("outbox_pending", True)  # dispatched after the commit, like enqueue()
        return len(self.rows)


def deliver_pending(tenant_id: int) -> dict:
    """Step 3: deliver every pending row of the tenant (also rows a killed run left behind)."""
    counts = {"dispatches": 0, "notifications": 0, "mails": 0}
    last_id = 0
    while True:
        rows = db.session.execute(
            db.select(ReminderDispatch.id, ReminderDispatch.kind, ReminderDispatch.title, ReminderDispatch.url,
                      ReminderDispatch.data_json, ReminderDispatch.title_data)
            .where(ReminderDispatch.status == "pending", ReminderDispatch.id > last_id,
                   ReminderDispatch.kind != DIGEST_KIND)
            .order_by(ReminderDispatch.id).limit(BATCH)
            # PostgreSQL: rows another sweep is delivering right now are skipped, not waited for
            .with_for_update(skip_locked=True)).all()
        if not rows:
            break
        last_id = rows[-1].id
        claimed = set(_claim([r.id for r in rows]))
        rows = [r for r in rows if r.id in claimed]
        datas = {r.id: json.loads(r.data_json or "{}") for r in rows}
        recipients = _Recipients(tenant_id, {u for d in datas.values() for u in d.get("user_ids", ())})
        notifications = []
        mails = _MailBatch(tenant_id)
        for r in rows:
            data = datas[r.id]
            for uid in dict.fromkeys(data.get("user_ids", ())):
                if uid not in recipients.emails:
                    continue  # no longer a member of this municipality
                delivery = recipients.delivery(uid, r.kind)
                notifications.append({"tenant_id": tenant_id, "user_id": uid, "dispatch_id": r.id, "kind": r.kind,
                                      "title": r.title, "url": r.url, "digest_pending": delivery == "digest",
                                      "created_at": utcnow()})
                if delivery == "immediate":
                    mails.add(recipients.emails[uid],
                              *mails.message_in(recipients.language(uid), r, data.get("payload", {})))
            for email in dict.fromkeys(data.get("emails", ())):  # an address without an account: the default
                mails.add(email, *mails.message_in(recipients.language(None), r, data.get("payload", {})))
        if notifications:
            _insert_many(Notification, notifications)
        counts["mails"] += mails.write()
        counts["dispatches"] += len(rows)
        counts["notifications"] += len(notifications)
        db.session.commit()
    return counts


def sweep(tenant_id: int, today: date | None = None) -> dict:
    """Record and deliver every reminder due in one municipality. Safe to run any number of times, at once."""
    today = today or today_local()
    with tenant_context(int(tenant_id)), _job_context(), force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        inserted, failed = record_due(int(tenant_id), today)
        counts = deliver_pending(int(tenant_id))
    counts["recorded"] = inserted
    if failed:
        raise KindsFailed(f"reminder kinds failed: {', '.join(failed)} (the others were delivered: {counts})")
    return counts


# --------------------------------------------------------------------------------------------------
# the daily digest: the same mechanism, one dispatch per user and day
# --------------------------------------------------------------------------------------------------

def send_digests(tenant_id: int, today: date | None = None) -> dict:
    """One mail per user with notifications waiting for the digest; idempotent per (user, day)."""
    today = today or today_local()
    sent = 0
    with tenant_context(int(tenant_id)), _job_context(), force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        user_ids = db.session.scalars(db.select(Notification.user_id).where(Notification.digest_pending.is_(True))
                                      .distinct()).all()
        _insert_ignore([{"tenant_id": tenant_id, "kind": DIGEST_KIND, "subject_type": "user", "subject_id": uid,
                         "reference_date": today, "offset_days": 0, "status": "pending", "title": "", "url": "",
                         "data_json": "{}", "created_at": utcnow()} for uid in user_ids])
        db.session.commit()
        pending = db.session.execute(db.select(ReminderDispatch.id, ReminderDispatch.subject_id).where(
            ReminderDispatch.kind == DIGEST_KIND, ReminderDispatch.status == "pending")).all()
        recipients = _Recipients(tenant_id, {p.subject_id for p in pending})
        for dispatch_id, user_id in pending:
            if not _claim([dispatch_id]):
                db.session.rollback()
                continue
            items = db.session.scalars(db.select(Notification).where(
                Notification.user_id == user_id, Notification.digest_pending.is_(True))
                .order_by(Notification.id)).all()
            for item in items:
                item.digest_pending = False
            if items and user_id in recipients.emails:
                from ...workers.queues import enqueue

                tenant = db.session.get(Tenant, tenant_id)
                with in_language(recipients.language(user_id)):
                    translated = titles(items)
                    body = digest_body(tenant.name if tenant else "",
                                       [SimpleNamespace(title=translated[i.id], url=i.url) for i in items])
                    subject = _("Sleutelnet: your daily overview (%(n)d)", n=len(items))
                enqueue("sleutelnet.workers.mail.send_email", queue="mail", tenant_id=tenant_id,
                        to=recipients.emails[user_id], body=body, subject=subject)
                sent += 1
            db.session.commit()
    return {"digests": sent}
