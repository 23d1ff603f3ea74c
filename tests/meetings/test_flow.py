"""The "Done when" flow of issue 7 for meetings, through the web pages, in Dutch and in English: a coordinator
plans a meeting at the proposed rotating location, invites the network, two key persons answer through the
links in their e-mails, the meeting is held, attendance and two-layer minutes are recorded and approved, and
the .ics parses with the icalendar library."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest

from sleutelnet.platform.extensions import db

SECRET = "Vertrouwelijk: zorgen over een jongere bij de moskee"
TEXTS = {
    "nl": {"too_long": "past niet", "planned": "Gepland", "accepted": "1 aangemeld, 1 afgemeld",
           "proposed": "Voorgestelde locatie", "approved": "Verslag vastgesteld", "rsvp_button": "Verstuur mijn antwoord",
           "thanks": "Bedankt voor uw antwoord", "gone": "Deze link werkt niet meer"},
    "en": {"too_long": "does not fit", "planned": "Planned", "accepted": "1 accepted, 1 declined",
           "proposed": "Proposed location", "approved": "Minutes approved", "rsvp_button": "Send my answer",
           "thanks": "Thank you for your answer", "gone": "This link no longer works"},
}


def _set_language(client, lang):
    r = client.post("/taal", {"lang": lang, "next": "/"})
    assert r.status_code == 302


def _selected(html, name):
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    match = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select)
    return match.group(1) or match.group(2)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plan_invite_rsvp_hold_minutes_ics(lang, mt, login, browser, app, world):
    t = TEXTS[lang]
    net = mt.network(persons=4)
    town_hall = mt.place("Stadhuis Utrecht")
    from sleutelnet.blueprints.meetings.models import Meeting

    # an earlier meeting at the town hall: the proposal must rotate away from it
    earlier = mt.meeting(net["id"], days=-40, status="minutes_approved", location_id=town_hall)
    b = login("coordinator_a")
    _set_language(b, lang)

    # 1. plan at the proposed (least recently used) location
    page = b.get(mt.url(f"nieuw?netwerk={net['id']}"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and t["proposed"] in html
    proposed = int(_selected(html, "location_id"))
    assert proposed != town_hall
    day = date.today() + timedelta(days=14)
    r = b.post(mt.url("nieuw"), {"netwerk": net["id"], "title": "Netwerkbijeenkomst voorjaar", "kind": "plenary",
                                 "day": day.isoformat(), "start": "19:30", "duration_minutes": "90",
                                 "location_id": proposed, "reminder_days": ["7", "1"], "series_id": ""})
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    meeting_id = int(r.headers["Location"].rstrip("/").split("/")[-1])

    # 2. the agenda: an item with an owner; one that does not fit gets a clear message on the field
    assert b.post(mt.url(f"{meeting_id}/agenda"), {"title": "Stand van zaken in de wijken", "duration_minutes": "60",
                                                   "owner": f"p{net['people'][0]}"}).status_code == 302
    r = b.post(mt.url(f"{meeting_id}/agenda"), {"title": "Te lang punt", "duration_minutes": "45", "owner": ""})
    assert r.status_code == 422 and t["too_long"] in r.get_data(as_text=True)

    # 3. plan it and invite the network
    assert b.post(mt.url(f"{meeting_id}/status"), {"naar": "planned"}).status_code == 302
    assert t["planned"] in b.get(mt.url(str(meeting_id))).get_data(as_text=True)
    assert b.post(mt.url(f"{meeting_id}/uitnodigen")).status_code == 302
    with mt.tenant():
        from sleutelnet.blueprints.keypersons.models import KeyPerson

        emails = [db.session.get(KeyPerson, pid).email for pid in net["people"]]
        names = [db.session.get(KeyPerson, pid).name for pid in net["people"]]
    assert {m["To"] for m in mt.mails()} >= set(emails)

    # 4. two key persons answer through the link in their e-mail (no account)
    first, second = (mt.link(mt.mail_to(e)) for e in emails[:2])
    page = browser.get(first, headers={"Accept-Language": lang})
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Netwerkbijeenkomst voorjaar" in body and "Stand van zaken" in body
    assert not any(name in body for name in names), "the RSVP page shows no names"
    assert t["rsvp_button"] in body
    r = browser.post(first, {"answer": "accepted", "proposal_title": "Veiligheid rond de moskee"},
                     headers={"Accept-Language": lang})
    assert r.status_code == 200 and t["thanks"] in r.get_data(as_text=True)
    r = browser.post(second, {"answer": "declined", "message": "Ik ben op familiebezoek."},
                     headers={"Accept-Language": lang})
    assert r.status_code == 200
    again = browser.get(first, headers={"Accept-Language": lang})  # a link works once
    assert again.status_code == 410 and t["gone"] in again.get_data(as_text=True)
    detail = b.get(mt.url(str(meeting_id))).get_data(as_text=True)
    assert t["accepted"] in detail and "Veiligheid rond de moskee" in detail  # the proposal reached the organiser

    # 5. the meeting takes place (the test moves it to the past), attendance is recorded per person
    with mt.tenant():
        db.session.get(Meeting, meeting_id).starts_at = datetime.now(timezone.utc) - timedelta(hours=3)
        db.session.commit()
    assert b.post(mt.url(f"{meeting_id}/status"), {"naar": "held"}).status_code == 302
    with mt.tenant():
        from sleutelnet.blueprints.meetings import agenda, minutes, services

        rows = {a.person_id or -a.user_id: a for a in minutes.attendances(meeting_id)}
        # the answers became the proposed attendance: accepted -> present, declined -> absent with notice
        assert rows[net["people"][0]].status == "present" and rows[net["people"][1]].status == "excused"
        form = {f"a{a.id}": "present" for a in rows.values()}
        form[f"a{rows[net['people'][3]].id}"] = "absent"
    assert b.get(mt.url(f"{meeting_id}/aanwezigheid")).status_code == 200
    form[f"a{rows[net['people'][1]].id}"] = "excused"
    assert b.post(mt.url(f"{meeting_id}/aanwezigheid"), form).status_code == 302
    with mt.tenant():
        counts = minutes.attendance_counts(meeting_id)
    assert counts["present"] == len(rows) - 2 and counts["excused"] == 1 and counts["absent"] == 1

    # 6. two-layer minutes, an action, approval by the coordinator
    with mt.tenant():
        item_id = agenda.agenda(meeting_id)[0].id
    r = b.post(mt.url(f"{meeting_id}/verslag"), {"summary": "Goed gesprek over de wijken.",
                                                 "decisions": "Volgende keer bij de kerk\nTraining in het najaar",
                                                 "confidential_notes": SECRET, "discussed": [str(item_id)]})
    assert r.status_code == 302
    r = b.post(mt.url(f"{meeting_id}/acties"), {"description": "School bellen", "owner": f"p{net['people'][0]}",
                                                "due_on": (date.today() + timedelta(days=14)).isoformat()})
    assert r.status_code == 302
    assert b.get(mt.url(f"{meeting_id}/vaststellen")).status_code == 200  # a confirmation page first
    assert b.post(mt.url(f"{meeting_id}/vaststellen")).status_code == 302
    detail = b.get(mt.url(str(meeting_id))).get_data(as_text=True)
    assert t["approved"] in detail and "Goed gesprek" in detail and SECRET in detail and "School bellen" in detail

    # 7. the .ics imports into a calendar: VTIMEZONE, a link back, no attendees, no minutes, no confidential text
    r = b.get(mt.url(f"{meeting_id}/agenda.ics"))
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(r.data)
    tz = [c for c in cal.walk("VTIMEZONE")]
    assert tz and tz[0]["TZID"] == "Europe/Amsterdam"
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Netwerkbijeenkomst voorjaar"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(event["URL"]).endswith(f"/g/{world.slugs['a']}/bijeenkomsten/{meeting_id}")
    assert "ATTENDEE" not in event and "ORGANIZER" not in event
    text = r.data.decode()
    assert SECRET not in text and "Goed gesprek" not in text and not any(n in text for n in names)

    # never in e-mail either
    assert not any(SECRET in m.get_body(preferencelist=("plain",)).get_content() for m in mt.mails())
    assert earlier
