"""Anonymous posting never reveals the author: not in any page (ESS or municipality), notification,
e-mail, export or audit line — only on the unmasking page, after a logged reason."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text

from sleutelnet.blueprints.advice.workhours import TZ
from sleutelnet.blueprints.exchange import moderation
from sleutelnet.blueprints.exchange.models import ExchangePost, ExchangeReply
from sleutelnet.platform.audit import PlatformAuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.workers.queues import flush


def test_anonymous_author_is_never_revealed(app, world, login, ess_login, utrecht_region, mailbox, owner_engine):
    author = world.users["coordinator_a"]
    secrets = {author.name, author.email, world.tenants["a"].name, f"/g/{world.slugs['a']}/"}
    a = login("coordinator_a")
    r = a.post(f"/g/{world.slugs['a']}/uitwisseling/nieuw",
               {"kind": "question", "title": "Anonieme vraag", "body": "Hoe gaan jullie om met druk?",
                "tags": ["3.1"], "visibility": "all", "author_mode": "anonymous"})
    assert r.status_code == 302
    post = db.session.scalar(db.select(ExchangePost))
    assert post.status == "pending" and post.tenant_id is None and post.author_user_id is None
    with owner_engine.connect() as conn:  # encrypted at rest
        raw = conn.execute(text("SELECT author_identity FROM exchange_posts")).scalar()
    assert raw and "tenant_id" not in raw and "user_id" not in raw
    # the 24-hour reminder to the moderators
    post.queued_at = datetime(2026, 3, 2, 10, tzinfo=TZ)
    db.session.commit()
    assert moderation.remind(datetime(2026, 3, 3, 11, tzinfo=TZ)) == 1
    db.session.commit()
    flush()

    ess = ess_login()
    responses = [ess.get("/ess/uitwisseling/moderatie"), ess.get(f"/ess/uitwisseling/{post.id}"),
                 ess.get(f"/ess/uitwisseling/{post.id}/sanctie"), ess.get(f"/ess/uitwisseling/{post.id}/onthullen")]
    assert ess.post(f"/ess/uitwisseling/{post.id}/besluit", {"decision": "approve"}).status_code == 302
    # others reply and follow; the anonymous author replies anonymously in the thread
    b = login("coordinator_b")
    base_b = f"/g/{world.slugs['b']}/uitwisseling/{post.id}"
    assert b.post(f"{base_b}/volgen").status_code == 302
    assert b.post(f"{base_b}/reactie", {"body": "Bij ons werkt een vertrouwenspersoon.",
                                        "author_mode": "municipality"}).status_code == 302
    assert a.post(f"/g/{world.slugs['a']}/uitwisseling/{post.id}/reactie",
                  {"body": "Dank, dat proberen we.", "author_mode": "anonymous"}).status_code == 302
    reply = db.session.scalar(db.select(ExchangeReply).filter_by(status="pending"))
    assert reply is not None and reply.author_user_id is None
    responses.append(ess.get("/ess/uitwisseling/moderatie"))
    assert ess.post(f"/ess/uitwisseling/{post.id}/besluit", {"decision": "approve", "reply_id": reply.id}).status_code == 302
    assert ess.post(f"/ess/uitwisseling/{post.id}/sanctie?reactie={reply.id}",
                    {"kind": "mute", "reason": "Test", "until": (datetime.now() + timedelta(days=3)).date().isoformat()}
                    ).status_code == 302
    responses += [ess.get("/ess/uitwisseling/"), ess.get(f"/ess/uitwisseling/{post.id}"),
                  ess.get("/ess/uitwisseling/sancties"), ess.get("/ess/uitwisseling/export.csv"),
                  b.get(f"/g/{world.slugs['b']}/uitwisseling/"), b.get(base_b),
                  b.get(f"/g/{world.slugs['b']}/uitwisseling/meldingen")]
    bodies = [r.get_data(as_text=True) for r in responses]
    assert all(r.status_code == 200 for r in responses), [r.status_code for r in responses]
    assert "Anonieme vraag" in bodies[-2] and "een anonieme gemeente" in bodies[-2]
    for body in bodies:
        for secret in secrets:
            assert secret not in body, secret
    # the notification went to the follower, with the label only
    mails = mailbox()
    assert mails, "the moderation reminder was mailed"
    for to, subject, body in mails:
        assert to != author.email
        for secret in secrets:
            assert secret not in subject and secret not in body
    # audit lines of the anonymous post and reply name no actor
    events = db.session.scalars(db.select(PlatformAuditEvent).where(
        PlatformAuditEvent.action.in_(("exchange.post_created", "exchange.reply_created")))).all()
    anonymous = {("exchange.post_created", str(post.id)), ("exchange.reply_created", str(reply.id))}
    lines = [e for e in events if (e.action, e.object_id) in anonymous]
    assert len(lines) == 2 and all(e.actor_id != author.id for e in lines)
    # only the unmasking page, after a reason, shows who it was
    r = ess.post(f"/ess/uitwisseling/{post.id}/onthullen", {"reason": "Nodig voor een melding bij de politie"})
    assert author.name in r.get_data(as_text=True), r.get_data(as_text=True)[-3000:]
