"""The advice inbox end to end, with fully logged-in users on both sides."""
from __future__ import annotations

import re
from datetime import timedelta

from sleutelnet.blueprints.advice import services
from sleutelnet.blueprints.advice.models import AdviceEffect, AdviceRequest
from sleutelnet.platform.extensions import db


def _ask(b, slug, network_id=None, kinds=(), **extra):
    data = {"topic": "2.1", "subject": "Jongeren werven", "question": "Hoe bereiken jullie jongeren?",
            "urgency": "normal", "action": "preview", **extra}
    if network_id:
        data["network_id"] = str(network_id)
    data["context_kinds"] = list(kinds)
    r = b.post(f"/g/{slug}/advies/nieuw", data)
    return r, r.get_data(as_text=True)


def test_ask_with_context_preview_then_send(world, login, small_network):
    b = login("coordinator_a")
    slug = world.slugs["a"]
    assert b.get(f"/g/{slug}/advies/").status_code == 200
    r, page = _ask(b, slug, small_network, ["network_summary", "composition"])
    assert r.status_code == 200 and "Netwerk Overvecht" in page
    assert "&lt; 5" in page  # 3 active key persons: never an exact small count
    assert "Geheim" not in page  # never a name
    assert db.session.scalar(db.select(db.func.count()).select_from(AdviceRequest)) == 0  # preview only
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)
    r, _page = _ask(b, slug, small_network, ["network_summary", "composition"], action="send", fingerprint=fingerprint)
    assert r.status_code == 302
    req = db.session.scalar(db.select(AdviceRequest))
    assert req.tenant_id == world.tenant_ids["a"] and req.state == "assigned"  # round-robin: the one advisor
    assert "< 5" in req.context_json and "Geheim" not in req.context_json
    assert b.get(r.headers["Location"]).status_code == 200


def test_send_refuses_a_context_that_changed_since_the_preview(world, login, small_network):
    b = login("coordinator_a")
    r, page = _ask(b, world.slugs["a"], small_network, ["composition"], action="send", fingerprint="stale")
    assert r.status_code == 200 and "Controleer" in page or "Check" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(AdviceRequest)) == 0


def test_invalid_input_gives_field_messages(world, login):
    b = login("official_a")
    r = b.post(f"/g/{world.slugs['a']}/advies/nieuw",
               {"topic": "9.9", "subject": "   ", "question": "  ", "urgency": "x", "action": "preview",
                "context_kinds": ["composition"]})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    for msg in ("Kies een van de mogelijkheden.", "Vul een kort onderwerp in.", "Vul uw vraag in.",
                "Kies het netwerk waar de context over gaat."):
        assert msg in page, msg


def test_answer_notifies_the_municipality_without_internal_notes(world, login, ess_login, mailbox):
    b = login("coordinator_a")
    r, page = _ask(b, world.slugs["a"])
    fp = re.search(r'name="fingerprint" value="([0-9a-f]*)"', page).group(1)
    _ask(b, world.slugs["a"], action="send", fingerprint=fp)
    req = db.session.scalar(db.select(AdviceRequest))
    ess = ess_login()
    assert "Jongeren werven" in ess.get("/ess/advies/?view=mine").get_data(as_text=True)
    assert ess.post(f"/ess/advies/{req.id}/notitie", {"body": "INTERN-GEHEIM: eerder bij Gouda gezien"}).status_code == 302
    assert ess.post(f"/ess/advies/{req.id}/bericht", {"body": "Kunt u het aantal jongeren noemen?",
                                                      "kind": "info_request"}).status_code == 302
    db.session.expire_all()
    assert req.state == "waiting" and req.first_response_at is not None and req.clock_started_at is None
    # the municipality replies: the clock runs again
    assert b.post(f"/g/{world.slugs['a']}/advies/{req.id}/bericht", {"body": "Ongeveer tien."}).status_code == 302
    db.session.expire_all()
    assert req.state == "in_progress" and req.clock_started_at is not None
    assert ess.post(f"/ess/advies/{req.id}/bericht", {"body": "Werf via de sleutelpersonen zelf (§2.1).",
                                                      "kind": "answer"}).status_code == 302
    db.session.expire_all()
    assert req.state == "answered"
    mails = mailbox()
    assert [m[0] for m in mails] == [world.users["coordinator_a"].email]
    assert "Jongeren werven" in mails[0][2] and f"/advies/{req.id}" in mails[0][2]
    assert "INTERN-GEHEIM" not in mails[0][2] and "§2.1" not in mails[0][2]  # a link, not the content
    # in-app: the home card and the list flag the answer until it is read
    home = b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert "Nieuwe antwoorden van de ESS" in home
    page = b.get(f"/g/{world.slugs['a']}/advies/{req.id}").get_data(as_text=True)
    assert "Werf via de sleutelpersonen zelf" in page and "INTERN-GEHEIM" not in page
    assert db.session.scalar(db.select(AdviceEffect).filter_by(kind="answered")).read_at is not None
    assert "Nieuwe antwoorden van de ESS" not in b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert "INTERN-GEHEIM" in ess.get(f"/ess/advies/{req.id}").get_data(as_text=True)
    # the same answer never notifies twice
    services.notify_answered(req, services.messages(req)[-1])
    db.session.commit()
    assert len(mailbox()) == 1


def test_close_reopen_within_14_days_only(world, login):
    from sleutelnet.platform.models import utcnow

    with db.session.no_autoflush:
        pass
    req = services.create_request(world.tenants["a"], world.ids["coordinator_a"], topic="3.4", subject="Evaluatie",
                                  question="Hoe evalueren?", urgency="normal", context_json=None)
    services.send_to_municipality(req, "Zo.", "answer", world.ids["ess_advisor"])
    db.session.commit()
    b = login("coordinator_a")
    base = f"/g/{world.slugs['a']}/advies/{req.id}"
    assert b.get(f"{base}/sluiten").status_code == 200  # a confirmation page first
    assert b.post(f"{base}/sluiten").status_code == 302
    db.session.expire_all()
    assert req.state == "closed"
    assert b.post(f"{base}/heropenen").status_code == 302
    db.session.expire_all()
    assert req.state == "in_progress" and req.round == 2
    services.send_to_municipality(req, "Aanvulling.", "answer", world.ids["ess_advisor"])
    req.answered_at = utcnow() - timedelta(days=15)
    db.session.commit()
    assert not services.can_reopen(req)
    b.post(f"{base}/heropenen")
    db.session.expire_all()
    assert req.state == "answered"


def test_other_municipality_cannot_see_a_request(world, login):
    req = services.create_request(world.tenants["a"], world.ids["coordinator_a"], topic="1.1", subject="Alleen A",
                                  question="Vraag", urgency="normal", context_json=None)
    db.session.commit()
    b = login("coordinator_b")
    assert b.get(f"/g/{world.slugs['b']}/advies/{req.id}").status_code == 404
    assert "Alleen A" not in b.get(f"/g/{world.slugs['b']}/advies/").get_data(as_text=True)


def test_share_consent_and_promotion_to_the_exchange(world, login, ess_login):
    from sleutelnet.blueprints.exchange.models import ExchangePost

    req = services.create_request(world.tenants["a"], world.ids["coordinator_a"], topic="2.2", subject="Balans",
                                  question="Vraag", urgency="normal", context_json=None)
    services.send_to_municipality(req, "Antwoord over balans in Utrecht.", "answer", world.ids["ess_advisor"])
    db.session.commit()
    ess = ess_login()
    # no consent yet: refused
    assert ess.post(f"/ess/advies/{req.id}/delen", {"title": "X", "body": "Y", "tags": ["2.2"]}).status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(ExchangePost)) == 0
    b = login("official_a")
    assert b.get(f"/g/{world.slugs['a']}/advies/{req.id}/toestemming").status_code == 200
    assert b.post(f"/g/{world.slugs['a']}/advies/{req.id}/toestemming").status_code == 302
    page = ess.get(f"/ess/advies/{req.id}/delen").get_data(as_text=True)
    assert "Antwoord over balans" in page
    r = ess.post(f"/ess/advies/{req.id}/delen", {"title": "Balans in de kerngroep", "body": "Geanonimiseerd antwoord.",
                                                 "tags": ["2.2"]})
    assert r.status_code == 302
    post = db.session.scalar(db.select(ExchangePost))
    assert post.author_mode == "ess" and post.tenant_id is None and post.status == "published"
    db.session.expire_all()
    assert db.session.get(AdviceRequest, req.id).promoted_post_id == post.id
    # every municipality sees it, as written by the ESS
    page = login("coordinator_b").get(f"/g/{world.slugs['b']}/uitwisseling/{post.id}").get_data(as_text=True)
    assert "de ESS" in page and world.tenants["a"].name not in page
