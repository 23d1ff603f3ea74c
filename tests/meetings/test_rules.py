"""The rules of the meetings area: enforced transitions, the agenda that must fit, the backlog, location and
chair rotation, the single-use expiring RSVP link, the calendar feed token, and clear messages on bad input."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

import icalendar
import pytest

from sleutelnet.blueprints.meetings import agenda, invitations, minutes, rotation, services
from sleutelnet.blueprints.meetings.models import Meeting
from sleutelnet.platform.extensions import db
from sleutelnet.workers.queues import flush


def _meeting(mid):
    return db.session.get(Meeting, mid)


def test_transitions_are_enforced(mt):
    net = mt.network(persons=1)
    mid = mt.meeting(net["id"], days=5)
    with mt.tenant():
        m = _meeting(mid)
        with pytest.raises(services.MeetingError):
            services.transition(m, "held")  # concept -> held skips "planned"
        with pytest.raises(services.MeetingError):
            services.transition(m, "planned")  # no location yet
        m.location_id = rotation.add_place(name="Bibliotheek", kind="library", address="Straat 1").id
        services.transition(m, "planned")
        with pytest.raises(services.MeetingError):
            services.transition(m, "held")  # not started yet
        with pytest.raises(services.MeetingError) as err:
            services.transition(m, "cancelled", reason="   ")
        assert err.value.field == "reason"
        services.transition(m, "cancelled", reason="Ramadan")
        assert m.status == "cancelled" and m.cancel_reason == "Ramadan"
        assert services.allowed_transitions(m) == ()
        with pytest.raises(services.MeetingError):
            services.update_meeting(m, {"title": "x"})
        db.session.rollback()


def test_approval_needs_a_summary_and_is_final(mt):
    net = mt.network(persons=1)
    mid = mt.meeting(net["id"], days=-1, status="held")
    with mt.tenant():
        m = _meeting(mid)
        with pytest.raises(services.MeetingError):
            minutes.save_minutes(m, summary="  ", decision_lines=[], discussed_ids=set())
        minutes.save_minutes(m, summary="Kort verslag", decision_lines=["Besluit", " "], discussed_ids=set())
        assert m.status == "minutes_draft" and [d.text for d in minutes.decisions(mid)] == ["Besluit"]
        services.transition(m, "minutes_approved", actor_id=None)
        assert m.approved_at is not None
        with pytest.raises(services.MeetingError):
            minutes.save_minutes(m, summary="Nieuw", decision_lines=[], discussed_ids=set())
        db.session.rollback()


def test_agenda_must_fit_and_unreached_items_go_to_the_series_backlog(mt):
    net = mt.network(persons=2)
    with mt.tenant():
        from sleutelnet.blueprints.network.models import Network

        series = services.create_series(db.session.get(Network, net["id"]), name="Plenair", kind="plenary",
                                        cadence="monthly")
        db.session.commit()
        series_id = series.id
    mid = mt.meeting(net["id"], days=-1, minutes=60, series_id=series_id)
    with mt.tenant():
        m = _meeting(mid)
        a = agenda.add_item(m, title="Wijken", duration_minutes=40, owner=f"p{net['people'][0]}")
        with pytest.raises(services.MeetingError) as err:
            agenda.add_item(m, title="Te lang", duration_minutes=25)
        assert err.value.field == "duration_minutes" and "65" in str(err.value) and "60" in str(err.value)
        b = agenda.add_item(m, title="Rondvraag", duration_minutes=20)
        with pytest.raises(services.MeetingError):  # shortening the meeting below its agenda
            services.update_meeting(m, {"title": "x", "kind": "plenary", "day": date.today(), "start": time(19),
                                        "duration_minutes": 45})
        m.status = "held"
        minutes.save_minutes(m, summary="Verslag", decision_lines=[], discussed_ids={a.id})
        db.session.commit()
        assert agenda.agenda(mid, "discussed")[0].id == a.id
    nxt = mt.meeting(net["id"], days=20, minutes=60, series_id=series_id)
    other = mt.meeting(net["id"], days=21, minutes=60)  # not in the series: does not see its backlog
    with mt.tenant():
        assert [i.id for i in agenda.backlog(_meeting(nxt))] == [b.id]
        assert agenda.backlog(_meeting(other)) == []
        agenda.take_from_backlog(_meeting(nxt), b.id)
        assert [i.title for i in agenda.agenda(nxt)] == ["Rondvraag"]
        assert services.next_date(_meeting(nxt).series, date(2026, 3, 5)) == date(2026, 4, 2)
        db.session.rollback()


def test_location_proposal_and_rotation_warnings(mt):
    net = mt.network(persons=3)
    with mt.tenant():
        assert rotation.refresh_pool(net["id"]) == 3  # the member organisations' addresses
        assert rotation.refresh_pool(net["id"]) == 0  # idempotent
        db.session.commit()
        orgs = {loc.organisation_id: loc.id for loc in rotation.pool() if loc.organisation_id}
    town_hall = mt.place("Stadhuis")
    first, second, third = (orgs[o] for o in net["orgs"])
    mt.meeting(net["id"], days=-400, status="minutes_approved", location_id=first)
    mt.meeting(net["id"], days=-30, status="minutes_approved", location_id=second)
    mt.meeting(net["id"], days=-20, status="cancelled", location_id=third)  # cancelled: does not count
    with mt.tenant():
        # never used first (third, town hall: by name), then the oldest
        assert rotation.propose_location(net["id"]).id in (third, town_hall)
        warnings = rotation.warnings(net["id"], second, date.today() + timedelta(days=7))
        codes = {w.code: w.message for w in warnings}
        assert "same_host" in codes
        # the first organisation hosted 400 days ago, the third never: both have not hosted in 12 months
        names = {loc.id: loc.name for loc in rotation.pool()}
        assert names[first] in codes["not_hosted"] and names[third] in codes["not_hosted"]
        assert names[second] not in codes["not_hosted"]
        assert {w.code for w in rotation.warnings(net["id"], third, date.today())} == {"not_hosted"}


def test_chair_rotation_proposes_the_least_recent_eligible_chair(mt):
    net = mt.network(persons=3)
    p0, p1, p2 = net["people"]
    mt.meeting(net["id"], days=-60, chair_person_id=p0)
    mt.meeting(net["id"], days=-30, chair_person_id=p1)
    with mt.tenant():
        rotation.save_chair_mode(net["id"], "rotating")
        assert rotation.propose_chair(net["id"])[0] == p2  # never chaired
    mt.meeting(net["id"], days=-10, chair_person_id=p2)
    with mt.tenant():
        assert rotation.propose_chair(net["id"])[0] == p0  # chaired longest ago
        with pytest.raises(services.MeetingError):
            rotation.save_chair_mode(net["id"], "dictator")


def test_plan_form_shows_chair_risk_and_proposal(mt, login):
    net = mt.network(persons=2)
    with mt.tenant():
        rotation.save_chair_mode(net["id"], "municipal")
        db.session.commit()
    b = login("coordinator_a")
    html = b.get(mt.url(f"nieuw?netwerk={net['id']}")).get_data(as_text=True)
    assert "gemeentelijke agenda centraal" in html and "§3.1" in html
    html = b.get(mt.url(f"instellingen?netwerk={net['id']}")).get_data(as_text=True)
    assert "wrevel, jaloezie en onbegrip" in html  # every mode's risk note is shown


def test_blank_and_invalid_input_gets_a_dutch_message(mt, login):
    net = mt.network(persons=1)
    b = login("coordinator_a")
    r = b.post(mt.url("nieuw"), {"netwerk": net["id"], "title": "   ", "kind": "plenary", "day": "morgen",
                                 "start": "25:99", "duration_minutes": "lang", "location_id": "999999"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    for text in ("Vul een titel in voor de bijeenkomst.", "Vul een geldige datum in", "Vul een geldige tijd in",
                 "Vul een heel aantal minuten in.", "Kies een van de mogelijkheden."):
        assert text in html, text
    mid = mt.meeting(net["id"], days=3)
    r = b.post(mt.url(f"{mid}/annuleren"), {"reason": "  "})
    assert r.status_code == 422 and "Geef de reden van annuleren" in r.get_data(as_text=True)


# --------------------------------------------------------------------------------------------------
# the RSVP link
# --------------------------------------------------------------------------------------------------

def _invited(mt, persons=2):
    net = mt.network(persons=persons)
    place = mt.place()
    mid = mt.meeting(net["id"], days=10, location_id=place, status="planned")
    with mt.tenant():
        m = _meeting(mid)
        agenda.add_item(m, title="Jongeren en online polarisatie", duration_minutes=30,
                          owner=f"p{net['people'][1]}")
        minutes.save_confidential_notes(m, "GEHEIM-NOTITIE")
        result = invitations.invite_network(m, mt.world.tenant_ids["a"])
        db.session.commit()
        flush()  # the outbox: as at the end of a request
    return net, mid, result


def test_invitations_are_sent_once(mt, login):
    net, mid, result = _invited(mt, persons=3)
    assert result["mailed"] == 3 and result["added"] == 4  # three key persons and the linked official
    with mt.tenant():
        again = invitations.invite_network(_meeting(mid), mt.world.tenant_ids["a"])
        db.session.commit()
    assert again == {"added": 0, "mailed": 0, "no_address": 0}
    assert len(mt.mails()) == 3


def test_rsvp_page_reveals_only_this_meeting(mt, browser):
    net, mid, _ = _invited(mt)
    other = mt.meeting(net["id"], days=30, title="ANDERE-BIJEENKOMST")
    link = mt.link(mt.mail_to(f"persoon0.{net['id']}@example.org"))
    html = browser.get(link).get_data(as_text=True)
    assert "Jongeren en online polarisatie" in html
    for secret in ("Persoon 0", "Persoon 1", "GEHEIM-NOTITIE", "ANDERE-BIJEENKOMST", "coordinator@", "/g/"):
        assert secret not in html, secret
    assert other


def test_rsvp_link_is_single_use_signed_and_expires(mt, browser, monkeypatch):
    net, mid, _ = _invited(mt)
    link = mt.link(mt.mail_to(f"persoon0.{net['id']}@example.org"))
    token = link.rsplit("/", 1)[1]
    # forged: another attendance id with the same signature
    assert browser.get(link[:-3] + "abc").status_code == 410
    with pytest.raises(invitations.InvalidToken):
        invitations.read_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    # expired: a token made 61 days ago
    import itsdangerous.timed

    real = itsdangerous.timed.TimestampSigner.get_timestamp
    with mt.tenant():
        row = [a for a in minutes.attendances(mid) if a.person_id == net["people"][0]][0]
        monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp",
                            lambda self: real(self) - 61 * 86400)
        old = invitations.make_token(mt.world.tenant_ids["a"], row)
        monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", real)
    assert browser.get(f"/aanmelden/{old}").status_code == 410
    # single use
    assert browser.post(link, {"answer": "accepted"}).status_code == 200
    assert browser.post(link, {"answer": "declined"}).status_code == 410
    db.session.expire_all()
    with mt.tenant():
        row = [a for a in minutes.attendances(mid) if a.person_id == net["people"][0]][0]
        assert row.status == "accepted" and row.responded_at is not None
    # a blank answer is refused with a message, and does not use up the link
    second = mt.link(mt.mail_to(f"persoon1.{net['id']}@example.org"))
    r = browser.post(second, {"answer": ""})
    assert r.status_code == 422 and "Geef aan of u komt." in r.get_data(as_text=True)
    # a cancelled meeting: the link no longer works
    with mt.tenant():
        services.transition(_meeting(mid), "cancelled", reason="Storm")
        db.session.commit()
    assert browser.get(second).status_code == 410


def test_a_new_link_can_be_sent_to_one_person(mt, login):
    net, mid, _ = _invited(mt)
    mt.clear_mail()
    with mt.tenant():
        row = [a for a in minutes.attendances(mid) if a.person_id == net["people"][1]][0]
    b = login("coordinator_a")
    assert b.post(mt.url(f"{mid}/uitnodigen/opnieuw"), {"attendance_id": row.id}).status_code == 302
    assert [m["To"] for m in mt.mails()] == [f"persoon1.{net['id']}@example.org"]


# --------------------------------------------------------------------------------------------------
# the personal calendar feed
# --------------------------------------------------------------------------------------------------

def _feed_url(b, mt):
    html = b.post(mt.url("agenda-abonnement")).get_data(as_text=True)
    match = re.search(r"https?://[^\s<]+/agenda/[^\s<]+\.ics", html)
    assert match, html
    return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]


def test_personal_feed_is_revocable_and_shows_only_what_the_user_may_see(mt, login, browser):
    net = mt.network(persons=1)
    hidden = mt.network("Verborgen netwerk", persons=1, link_official=False)
    place = mt.place()
    mine = mt.meeting(net["id"], days=7, status="planned", location_id=place, title="ZICHTBAAR")
    mt.meeting(hidden["id"], days=8, status="planned", location_id=place, title="ONZICHTBAAR")
    mt.meeting(net["id"], days=9, title="CONCEPT-NIET-IN-FEED")
    official = login("official_a")
    url = _feed_url(official, mt)
    r = browser.get(url)
    assert r.status_code == 200
    cal = icalendar.Calendar.from_ical(r.data)
    titles = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert titles == {"ZICHTBAAR"} and cal.walk("VTIMEZONE")
    # the coordinator sees both networks
    assert {"ZICHTBAAR", "ONZICHTBAAR"} <= {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(
        browser.get(_feed_url(login("coordinator_a"), mt)).data).walk("VEVENT")}
    # a new link replaces the old; revoking ends it
    newer = _feed_url(official, mt)
    assert browser.get(url).status_code == 404 and browser.get(newer).status_code == 200
    assert official.get(mt.url("agenda-abonnement/intrekken")).status_code == 200  # a confirmation page first
    assert browser.get(newer).status_code == 200
    assert official.post(mt.url("agenda-abonnement/intrekken")).status_code == 302
    assert browser.get(newer).status_code == 404
    assert browser.get("/agenda/1-nietbestaandtokennietbestaand.ics").status_code == 404
    assert mine
