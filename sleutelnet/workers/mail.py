"""Sending e-mail: SMTP in production, a folder of .eml files in development (never silently dropped)."""
from __future__ import annotations

import os
import smtplib
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="sleutelnet.example")
    msg["Date"] = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
    msg.set_content(body)
    return msg


def deliver(msg: EmailMessage) -> str:
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "file":
        folder = current_app.config["MAIL_FOLDER"]
        os.makedirs(folder, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        path = os.path.join(folder, f"{stamp}.eml")
        with open(path, "wb") as fh:
            fh.write(bytes(msg))
        return path
    if backend == "smtp":
        cfg = current_app.config
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=20) as smtp:
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls()
            if cfg["MAIL_USERNAME"]:
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
            smtp.send_message(msg)
        return "smtp"
    raise RuntimeError(f"unknown MAIL_BACKEND {backend}")


def send_email(to: str, subject: str, body: str) -> str:
    """Job: send one e-mail (queue `mail`)."""
    return deliver(build_message(to, subject, body))


def list_dev_mail(limit: int = 50) -> list[dict]:
    """Newest first; for the development-only mail page."""
    import email
    from email import policy

    folder = current_app.config["MAIL_FOLDER"]
    if not os.path.isdir(folder):
        return []
    out = []
    for name in sorted(os.listdir(folder), reverse=True)[:limit]:
        with open(os.path.join(folder, name), "rb") as fh:
            msg = email.message_from_binary_file(fh, policy=policy.default)
        out.append({"name": name, "to": msg["To"], "subject": msg["Subject"], "date": msg["Date"],
                    "body": msg.get_body(preferencelist=("plain",)).get_content()})
    return out
