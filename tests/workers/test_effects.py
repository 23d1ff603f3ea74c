"""Effects recorded before they happen (workers/effects.py) and every mail sent through them (mail.py)."""
from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.models import utcnow
from sleutelnet.workers import effects, runtime
from sleutelnet.workers.effects import Effect, EffectInFlight, OutcomeUnknown, with_effect
from sleutelnet.workers.mail import mail_effect_key, send_email

from .test_workers import mails


class Sender:
    """Counts sends; optionally fails."""

    def __init__(self, error: BaseException | None = None):
        self.calls, self.error = 0, error

    def __call__(self):
        self.calls += 1
        if self.error is not None:
            raise self.error
        return f"sent-{self.calls}"


def effect(key: str) -> Effect:
    db.session.expire_all()
    return db.session.scalar(db.select(Effect).filter_by(key=key))


def age_claim(key: str, seconds: float) -> None:
    db.session.execute(db.update(Effect).filter_by(key=key).values(claimed_at=utcnow() - timedelta(seconds=seconds)))
    db.session.commit()


def test_an_effect_happens_once_however_often_it_is_asked(ctx):
    send = Sender()
    first = with_effect("test:een", send, kind="test")
    assert (first.status, first.result, first.resent) == ("sent", "sent-1", False)
    assert with_effect("test:een", send, kind="test").status == "already-sent"
    assert send.calls == 1
    row = effect("test:een")
    assert row.status == "sent" and row.sent_at and row.detail == "sent-1" and row.attempts == 1


def test_a_fresh_claim_of_another_run_stops_a_second_sender(ctx):
    other = Sender(SystemExit())  # a run killed in the middle of its send: the claim stays
    with pytest.raises(SystemExit):
        with_effect("test:bezet", other, kind="test")
    assert effect("test:bezet").status == "claimed"
    send = Sender()
    with pytest.raises(EffectInFlight):
        with_effect("test:bezet", send, kind="test")
    assert send.calls == 0


def test_a_claim_past_its_timeout_is_sent_again_and_logged(ctx, caplog):
    """The one duplicate window: sent, then killed before the commit. The retry resends after the
    claim timeout, and says so."""
    with pytest.raises(SystemExit):
        with_effect("test:venster", Sender(SystemExit()), kind="test")
    age_claim("test:venster", 91)  # EFFECT_CLAIM_SECONDS is 90
    send = Sender()
    with caplog.at_level(logging.WARNING, logger="sleutelnet.workers.effects"):
        outcome = with_effect("test:venster", send, kind="test")
    assert outcome.status == "sent" and outcome.resent and send.calls == 1
    assert "effect test:venster: claimed by" in caplog.text and "sending again (possible duplicate)" in caplog.text
    row = effect("test:venster")
    assert row.status == "sent" and row.attempts == 2


def test_claim_timeout_follows_the_setting(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "EFFECT_CLAIM_SECONDS", 5)
    with pytest.raises(SystemExit):
        with_effect("test:kort", Sender(SystemExit()), kind="test")
    age_claim("test:kort", 4)
    with pytest.raises(EffectInFlight):
        with_effect("test:kort", Sender(), kind="test")
    age_claim("test:kort", 6)
    assert with_effect("test:kort", Sender(), kind="test").resent


def test_a_send_that_raised_did_not_happen_and_is_retried_at_once(ctx, caplog):
    with pytest.raises(ConnectionRefusedError):
        with_effect("test:weigering", Sender(ConnectionRefusedError("smtp down")), kind="test")
    assert effect("test:weigering").status == "failed"
    send = Sender()
    with caplog.at_level(logging.WARNING, logger="sleutelnet.workers.effects"):
        outcome = with_effect("test:weigering", send, kind="test")
    assert outcome.status == "sent" and not outcome.resent and send.calls == 1
    assert "possible duplicate" not in caplog.text


def test_an_interrupted_send_keeps_its_claim(ctx):
    from rq.timeouts import JobTimeoutException

    for error in (OutcomeUnknown("no reply to the final dot"), JobTimeoutException("job timeout")):
        key = f"test:onbekend-{type(error).__name__}"
        with pytest.raises(type(error)):
            with_effect(key, Sender(error), kind="test")
        assert effect(key).status == "claimed"
        with pytest.raises(EffectInFlight):
            with_effect(key, Sender(), kind="test")


def test_a_taken_over_claim_is_not_overwritten_by_the_slow_sender(ctx, caplog):
    """Run A claims and is slow; its claim expires, run B takes over; when A finally finishes, its
    'sent' must not overwrite B's claim — the possible duplicate is logged as an error."""
    def slow_send():
        age_claim("test:traag", 91)
        with_effect("test:traag", Sender(), kind="test")  # run B, while A is still sending
        return "A"

    with caplog.at_level(logging.WARNING, logger="sleutelnet.workers.effects"):
        outcome = with_effect("test:traag", slow_send, kind="test")
    assert outcome.status == "sent"
    assert "our claim was taken over meanwhile" in caplog.text
    assert effect("test:traag").detail == "sent-1"  # B's record stands


def test_effect_keys_hold_no_personal_data(ctx, mail_folder):
    key = mail_effect_key("Iemand@Example.org", "Wachtwoord", kind="reset", scope="outbox-7")
    assert key.startswith("mail:reset:") and "iemand" not in key.lower() and "example" not in key
    assert key == mail_effect_key(" iemand@example.org", "Wachtwoord", kind="reset", scope="outbox-7")
    assert key != mail_effect_key("iemand@example.org", "Wachtwoord", kind="reset", scope="outbox-8")
    with runtime._running(7):
        send_email("iemand@example.org", "Wachtwoord", "Tekst", kind="reset")
    [row] = db.session.scalars(db.select(Effect)).all()
    assert row.key == key and row.kind == "mail:reset" and row.outbox_id == 7
    assert "@" not in f"{row.key}{row.detail}{row.claimed_by}"


def test_send_email_sends_once_per_job_and_again_for_another_job(ctx, mail_folder):
    with runtime._running(41):
        send_email("een@example.org", "Herinnering", "Tekst")
        assert send_email("een@example.org", "Herinnering", "Tekst") == "already-sent"  # a retry
    with runtime._running(42):  # another job: a second, legitimate mail (a second reset request)
        send_email("een@example.org", "Herinnering", "Tekst")
    sent = mails(mail_folder)
    assert [m["To"] for m in sent] == ["een@example.org", "een@example.org"]
    assert sent[0]["Message-ID"] != sent[1]["Message-ID"]


def test_a_caller_key_dedupes_across_jobs_and_fixes_the_message_id(ctx, mail_folder):
    for outbox_id in (1, 2):  # two jobs for the same reminder (say, two schedulers)
        with runtime._running(outbox_id):
            send_email("lid@example.org", "Bijeenkomst", "Tekst", kind="reminder", effect_key="meeting-reminder:12:34")
    [sent] = mails(mail_folder)
    key = mail_effect_key("lid@example.org", "Bijeenkomst", kind="reminder", scope="meeting-reminder:12:34")
    import hashlib

    assert sent["Message-ID"] == f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@sleutelnet.example>"


def test_smtp_errors_are_sorted_into_not_sent_and_unknown(app, ctx, monkeypatch):
    import smtplib

    from sleutelnet.workers import mail

    class FakeSMTP:
        error: BaseException = OSError("connection reset")

        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, msg):
            raise self.error

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    msg = mail.build_message("a@example.org", "Onderwerp", "Tekst")
    with pytest.raises(OutcomeUnknown):
        mail.deliver(msg)
    FakeSMTP.error = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")})
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        mail.deliver(msg)


def test_prune_forgets_only_old_sent_effects(ctx):
    with_effect("test:oud", Sender(), kind="test")
    with_effect("test:nieuw", Sender(), kind="test")
    with pytest.raises(SystemExit):
        with_effect("test:hangend", Sender(SystemExit()), kind="test")
    db.session.execute(db.update(Effect).filter(Effect.key.in_(["test:oud", "test:hangend"]))
                       .values(sent_at=utcnow() - timedelta(days=31), claimed_at=utcnow() - timedelta(days=31)))
    db.session.commit()
    assert effects.prune() == 1
    assert sorted(db.session.scalars(db.select(Effect.key))) == ["test:hangend", "test:nieuw"]


RUNS: list[int] = []


def scheduled_reminder() -> None:
    """A job the cron scheduler enqueues itself (no outbox row): mails, then fails the first time."""
    RUNS.append(1)
    send_email("lid@example.org", "Herinnering", "Tekst", kind="reminder")
    if len(RUNS) == 1:
        raise RuntimeError("stopped after the mail, before the job was done")


def test_a_retried_scheduled_job_does_not_mail_twice(ctx, redis_conn, mail_folder):
    from rq import Queue, Retry

    from .test_workers import work

    RUNS.clear()
    Queue("reminders", connection=redis_conn).enqueue(f"{__name__}.scheduled_reminder", retry=Retry(max=1))
    work(redis_conn, "reminders")
    assert len(RUNS) == 2 and [m["To"] for m in mails(mail_folder)] == ["lid@example.org"]
    [row] = db.session.scalars(db.select(Effect)).all()
    assert row.kind == "mail:reminder" and row.outbox_id is None
