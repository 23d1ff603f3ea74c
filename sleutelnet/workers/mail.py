"""Sending e-mail: SMTP in production, a folder of .eml files in development (never silently dropped).

Every mail is an effect (effects.py): recorded as claimed before it is handed to the mail server and as
sent after, under a key made of its kind, its scope (the outbox job, or a key the caller chooses) and a
hash of recipient and subject. A job that is retried, reaped or run twice sends it once; the Message-ID
is derived from the same key, so even a mail resent in the logged crash window reaches a mail client as
the same message.
"""
from __future__ import annotations

import hashlib
import os
import smtplib
import uuid
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app

from . import effects
from .execution import current_outbox_id

MESSAGE_ID_DOMAIN = "sleutelnet.example"


def build_message(to: str, subject: str, body: str, message_id: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or make_msgid(domain=MESSAGE_ID_DOMAIN)
    msg["Date"] = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
    msg.set_content(body)
    return msg


def deliver(msg: EmailMessage) -> str:
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "file":
        folder = current_app.config["MAIL_FOLDER"]
        os.makedirs(folder, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        name = f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        partial = os.path.join(folder, f".{name}.part")
        with open(partial, "wb") as fh:
            fh.write(bytes(msg))
        path = os.path.join(folder, name)
        os.replace(partial, path)  # a mail is in the folder whole, or not at all
        return path
    if backend == "smtp":
        cfg = current_app.config
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=20) as smtp:
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls()
            if cfg["MAIL_USERNAME"]:
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
            try:
                smtp.send_message(msg)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError):
                raise  # the server refused the message: it was not sent
            except OSError as exc:  # the connection broke mid-transaction: the server may have accepted it
                raise effects.OutcomeUnknown(f"SMTP send interrupted: {exc}") from exc
        return "smtp"
    raise RuntimeError(f"unknown MAIL_BACKEND {backend}")


def _job_scope() -> str:
    """The outbox job running now; else the RQ job (a scheduled job's retries share it); else nothing
    to share: a direct call outside any job."""
    outbox_id = current_outbox_id()
    if outbox_id is not None:
        return f"outbox-{outbox_id}"
    from rq import get_current_job

    job = get_current_job()
    return f"rq-{job.id}" if job is not None else f"direct-{uuid.uuid4().hex}"


def mail_effect_key(to: str, subject: str, *, kind: str = "mail", scope: str | None = None) -> str:
    """One effect per e-mail kind, scope, recipient and subject. The scope is the caller's key (say
    `meeting-reminder:12:34`, so two jobs for the same reminder still send one mail) or else the job
    running now (a retry of that job sends nothing twice)."""
    if scope is None:
        scope = _job_scope()
    return effects.effect_key(f"mail:{kind}"[:60], scope, to.strip().lower(), subject)


def send_email(to: str, subject: str, body: str, *, kind: str = "mail", effect_key: str | None = None,
               tenant_id: int | None = None) -> str:
    """Job (queue `mail`), or a call from inside another job: send one e-mail, once per effect key (see
    the module docstring). Commits the session (the claim must be durable before the mail leaves)."""
    key = mail_effect_key(to, subject, kind=kind, scope=effect_key)
    message_id = f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{MESSAGE_ID_DOMAIN}>"
    outcome = effects.with_effect(
        key, lambda: deliver(build_message(to, subject, body, message_id=message_id)),
        kind=f"mail:{kind}"[:60], tenant_id=tenant_id, outbox_id=current_outbox_id(),
    )
    return outcome.result if outcome.status == "sent" else outcome.status


def list_dev_mail(limit: int = 50) -> list[dict]:
    """Newest first; for the development-only mail page."""
    import email
    from email import policy

    folder = current_app.config["MAIL_FOLDER"]
    if not os.path.isdir(folder):
        return []
    out = []
    for name in sorted((n for n in os.listdir(folder) if n.endswith(".eml")), reverse=True)[:limit]:
        with open(os.path.join(folder, name), "rb") as fh:
            msg = email.message_from_binary_file(fh, policy=policy.default)
        out.append({"name": name, "to": msg["To"], "subject": msg["Subject"], "date": msg["Date"],
                    "body": msg.get_body(preferencelist=("plain",)).get_content()})
    return out
