"""The exchange: visibility, authorship modes, replies and follows, reports, moderation, sanctions."""
from __future__ import annotations

from sleutelnet.blueprints.exchange import moderation, services
from sleutelnet.blueprints.exchange.models import ExchangeNotification, ExchangePost, ExchangeReveal
from sleutelnet.platform.extensions import db
from sleutelnet.workers.queues import flush


def _post(world, key="a", user="coordinator_a", **kw):
    data = dict(kind="worked", title="Wat werkte", body="Tekst", tags=["2.1"], visibility="all",
                author_mode="municipality")
    data.update(kw)
    post = services.create_post(world.tenants[key], world.ids[user], **data)
    db.session.commit()
    return post


def _form(**kw):
    data = {"kind": "worked", "title": "Wervingsavond", "body": "Het werkte goed.", "tags": ["2.1"],
            "visibility": "all", "author_mode": "municipality"}
    data.update(kw)
    return data


def test_post_and_reply_through_the_pages(world, login):
    a, b = login("coordinator_a"), login("official_b")
    r = a.post(f"/g/{world.slugs['a']}/uitwisseling/nieuw", _form())
    assert r.status_code == 302
    post = db.session.scalar(db.select(ExchangePost))
    assert post.status == "published" and post.tenant_id == world.tenant_ids["a"]
    page = b.get(f"/g/{world.slugs['b']}/uitwisseling/{post.id}").get_data(as_text=True)
    assert "Wervingsavond" in page and world.tenants["a"].name in page  # shown as the municipality
    assert b.post(f"/g/{world.slugs['b']}/uitwisseling/{post.id}/reactie",
                  {"body": "Hoe vaak organiseren jullie dat?", "author_mode": "municipality"}).status_code == 302
    # the author follows their own post: an in-app notification, no identity beyond the shown label
    note = db.session.scalar(db.select(ExchangeNotification))
    assert note.user_id == world.ids["coordinator_a"]
    assert "Wervingsavond" in a.get(f"/g/{world.slugs['a']}/uitwisseling/meldingen").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ExchangeNotification, note.id).read_at is not None


def test_validation_messages(world, login):
    a = login("coordinator_a")
    r = a.post(f"/g/{world.slugs['a']}/uitwisseling/nieuw",
               _form(kind="event", title="  ", body=" ", tags=[], visibility="x"))
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    for msg in ("Vul een titel in.", "Schrijf de tekst.", "Kies ten minste één onderwerp.", "Kies een van de mogelijkheden."):
        assert msg in page, msg
    r = a.post(f"/g/{world.slugs['a']}/uitwisseling/nieuw", _form(kind="event"))
    assert r.status_code == 422 and "Vul de datum van de bijeenkomst in." in r.get_data(as_text=True)


def test_visibility_by_province_and_ess_only(world, login, ess_login):
    province = _post(world, visibility="province", title="Alleen provincie Utrecht")
    ess_only = _post(world, visibility="ess", title="Alleen voor de ESS")
    everyone = _post(world, visibility="all", title="Voor iedereen")
    b = login("coordinator_b")  # Zwolle, Overijssel
    feed = b.get(f"/g/{world.slugs['b']}/uitwisseling/").get_data(as_text=True)
    assert "Voor iedereen" in feed and "Alleen provincie Utrecht" not in feed and "Alleen voor de ESS" not in feed
    assert b.get(f"/g/{world.slugs['b']}/uitwisseling/{province.id}").status_code == 404
    assert b.get(f"/g/{world.slugs['b']}/uitwisseling/{ess_only.id}").status_code == 404
    assert b.get(f"/g/{world.slugs['b']}/uitwisseling/{everyone.id}").status_code == 200
    a = login("viewer_a")
    assert "Alleen voor de ESS" in a.get(f"/g/{world.slugs['a']}/uitwisseling/").get_data(as_text=True)
    ess = ess_login()
    assert ess.get(f"/ess/uitwisseling/{ess_only.id}").status_code == 200


def test_anonymous_and_province_modes_need_5_municipalities(world, login):
    a = login("coordinator_a")  # Utrecht is the only participating municipality of its province here
    for mode in ("anonymous", "province"):
        r = a.post(f"/g/{world.slugs['a']}/uitwisseling/nieuw", _form(author_mode=mode))
        assert r.status_code == 422 and "Niet beschikbaar: in uw regio doen minder dan 5 gemeenten mee" in r.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(ExchangePost)) == 0


def test_province_mode_shows_only_the_province(world, login, utrecht_region):
    post = _post(world, author_mode="province")
    page = login("coordinator_b").get(f"/g/{world.slugs['b']}/uitwisseling/{post.id}").get_data(as_text=True)
    assert "een gemeente in Utrecht" in page and "Gemeente Utrecht" not in page.replace("Gemeente Zwolle", "")


def test_three_municipalities_hide_a_post(world, login, utrecht_region, ess_login):
    post = _post(world, key="b", user="coordinator_b", title="Omstreden bericht")
    reporters = [login("coordinator_a"), login("official_a")] + [None]
    r = reporters[0].post(f"/g/{world.slugs['a']}/uitwisseling/{post.id}/melden", {"reason": "offensive"})
    assert r.status_code == 302
    reporters[1].post(f"/g/{world.slugs['a']}/uitwisseling/{post.id}/melden", {"reason": "offensive"})  # same municipality
    db.session.expire_all()
    assert db.session.get(ExchangePost, post.id).status == "published"
    tenant, user = utrecht_region["amersfoort"]
    services.report(post, tenant, user.id, reason="other")
    db.session.commit()
    assert db.session.get(ExchangePost, post.id).status == "published"  # 2 municipalities so far
    tenant, user = utrecht_region["baarn"]
    services.report(post, tenant, user.id, reason="other")
    db.session.commit()
    assert db.session.get(ExchangePost, post.id).status == "hidden"
    assert login("official_b").get(f"/g/{world.slugs['a']}/uitwisseling/").status_code == 404
    feed = login("viewer_a").get(f"/g/{world.slugs['a']}/uitwisseling/").get_data(as_text=True)
    assert "Omstreden bericht" not in feed
    ess = ess_login()
    assert "Omstreden bericht" in ess.get("/ess/uitwisseling/moderatie").get_data(as_text=True)
    assert ess.post(f"/ess/uitwisseling/{post.id}/besluit", {"decision": "approve"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(ExchangePost, post.id).status == "published"
    assert moderation.open_reports(db.session.get(ExchangePost, post.id)) == []


def test_sanctions_reach_anonymous_posts(world, login, utrecht_region, ess_login):
    named = _post(world, title="Met naam")
    anonymous = _post(world, title="Zonder naam", author_mode="anonymous")
    assert anonymous.status == "pending" and anonymous.tenant_id is None and anonymous.author_user_id is None
    ess = ess_login()
    assert ess.post(f"/ess/uitwisseling/{anonymous.id}/besluit", {"decision": "approve"}).status_code == 302
    # mute through the anonymous post: the person cannot post, anonymously or not
    r = ess.post(f"/ess/uitwisseling/{anonymous.id}/sanctie", {"kind": "mute", "reason": "Herhaald off-topic"})
    assert r.status_code == 302
    sanctions_page = ess.get("/ess/uitwisseling/sancties").get_data(as_text=True)
    assert "Coordinator Utrecht" not in sanctions_page and world.users["coordinator_a"].email not in sanctions_page
    a = login("coordinator_a")
    for mode in ("municipality", "anonymous"):
        r = a.post(f"/g/{world.slugs['a']}/uitwisseling/nieuw", _form(author_mode=mode))
        assert r.status_code == 422 and "een moderator heeft uw account beperkt" in r.get_data(as_text=True)
    # a ban through the named post removes the anonymous one too
    assert ess.post(f"/ess/uitwisseling/{named.id}/sanctie", {"kind": "ban", "reason": "Bedreiging"}).status_code == 302
    db.session.expire_all()
    assert {p.status for p in db.session.scalars(db.select(ExchangePost))} == {"removed"}
    other = _post(world, key="b", user="coordinator_b", title="Van Zwolle")
    assert other.status == "published"


def test_reveal_needs_a_logged_reason(world, login, utrecht_region, ess_login):
    post = _post(world, author_mode="anonymous")
    ess = ess_login()
    assert ess.get(f"/ess/uitwisseling/{post.id}/onthullen").status_code == 200
    r = ess.post(f"/ess/uitwisseling/{post.id}/onthullen", {"reason": "kort"})
    assert r.status_code == 422 and "Coordinator Utrecht" not in r.get_data(as_text=True)
    r = ess.post(f"/ess/uitwisseling/{post.id}/onthullen", {"reason": "Dreigende taal, nodig voor melding"})
    assert r.status_code == 200 and "Coordinator Utrecht" in r.get_data(as_text=True)
    reveal = db.session.scalar(db.select(ExchangeReveal))
    assert reveal.moderator_id == world.ids["ess_advisor"] and reveal.reason.startswith("Dreigende")
    named = _post(world)
    assert "Deze auteur is niet anoniem." in ess.get(f"/ess/uitwisseling/{named.id}/onthullen").get_data(as_text=True)
    ess.post(f"/ess/uitwisseling/{named.id}/onthullen", {"reason": "Dit is een voldoende lange reden"})
    assert db.session.scalar(db.select(db.func.count()).select_from(ExchangeReveal)) == 1


def test_moderation_reminder_after_24_hours_once(world, utrecht_region, mailbox):
    from datetime import datetime

    from sleutelnet.blueprints.advice.workhours import TZ

    post = _post(world, author_mode="anonymous")
    post.queued_at = datetime(2026, 3, 2, 10, tzinfo=TZ)
    db.session.commit()
    assert moderation.remind(datetime(2026, 3, 3, 9, 59, tzinfo=TZ)) == 0   # not yet 24 h
    assert moderation.remind(datetime(2026, 3, 3, 23, 0, tzinfo=TZ)) == 0   # night: wait for the morning
    assert moderation.remind(datetime(2026, 3, 4, 9, 0, tzinfo=TZ)) == 1
    db.session.commit()
    assert moderation.remind(datetime(2026, 3, 4, 9, 30, tzinfo=TZ)) == 0   # once
    db.session.commit()
    flush()
    mails = mailbox()
    assert [m[0] for m in mails] == [world.users["ess_advisor"].email]
    assert "een anonieme gemeente" in mails[0][2] and "Utrecht" not in mails[0][2]


def test_promoted_and_csv_export(world, ess_login):
    _post(world, title="Exporteerbaar")
    r = ess_login().get("/ess/uitwisseling/export.csv")
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and text.startswith("\ufeffid;published;kind;title")
    assert "Exporteerbaar" in text
