"""Who may do what: coordinators everything; officials the meetings of networks they are linked to (also the
confidential notes), not the chair settings or approval; viewers only the calendar without minutes; ESS and
platform administrators nothing. Every page is checked for every role."""
from __future__ import annotations

import pytest

from sleutelnet.platform.extensions import db

SECRET = "Strikt vertrouwelijk: MARKER-NOTES"


@pytest.fixture()
def setup(mt):
    net = mt.network(persons=3)
    place = mt.place()
    upcoming = mt.meeting(net["id"], days=10, location_id=place)
    held = mt.meeting(net["id"], days=-5, status="held", location_id=place)
    draft = mt.meeting(net["id"], days=-20, status="minutes_draft", location_id=place)
    from sleutelnet.blueprints.meetings import agenda, minutes, services
    from sleutelnet.blueprints.meetings.models import Meeting

    with mt.tenant():
        item = agenda.add_item(db.session.get(Meeting, upcoming), title="Punt", duration_minutes=20).id
        m = db.session.get(Meeting, draft)
        m.summary = "Samenvatting MARKER-SUMMARY"
        minutes.save_confidential_notes(m, SECRET)
        db.session.commit()
    return {"net": net, "upcoming": upcoming, "held": held, "draft": draft, "item": item, "place": place}


ROLES = ("coordinator_a", "official_a", "viewer_a")
ALL = set(ROLES)
MANAGERS = {"coordinator_a", "official_a"}
COORDINATOR = {"coordinator_a"}


def pages(s):
    u, h, d = s["upcoming"], s["held"], s["draft"]
    return [
        ("", ALL), (f"?netwerk={s['net']['id']}&toon=eerder", ALL), ("agenda-abonnement", ALL),
        ("agenda-abonnement/intrekken", ALL),
        (f"{u}/agenda.ics", ALL),
        (f"nieuw?netwerk={s['net']['id']}", MANAGERS), (f"{u}", MANAGERS), (f"{u}/bewerken", MANAGERS),
        (f"{u}/annuleren", MANAGERS), (f"{u}/agenda/{s['item']}/verwijderen", MANAGERS),
        (f"{h}/aanwezigheid", MANAGERS), (f"{h}/verslag", MANAGERS), (f"{h}/acties", MANAGERS),
        (f"locaties?netwerk={s['net']['id']}", MANAGERS), (f"{d}", MANAGERS),
        (f"{d}/vaststellen", COORDINATOR), (f"instellingen?netwerk={s['net']['id']}", COORDINATOR),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(role, setup, mt, login):
    b = login(role)
    wrong = []
    for path, allowed in pages(setup):
        status = b.get(mt.url(path)).status_code
        expected = 200 if role in allowed else 403
        if status != expected:
            wrong.append((path, status, expected))
    assert not wrong, wrong


@pytest.mark.parametrize("role", ["viewer_a"])
def test_viewer_cannot_change_anything(role, setup, mt, login):
    b = login(role)
    u = setup["upcoming"]
    for path, data in ((f"{u}/status", {"naar": "planned"}), (f"{u}/uitnodigen", {}),
                       (f"{u}/agenda", {"title": "x", "duration_minutes": "5"}), ("nieuw", {}),
                       (f"{setup['held']}/verslag", {"summary": "x"}), (f"locaties/{setup['place']}/actief", {})):
        assert b.post(mt.url(path), data).status_code == 403, path


def test_viewer_sees_the_calendar_without_minutes(setup, mt, login):
    b = login("viewer_a")
    html = b.get(mt.url("?toon=eerder")).get_data(as_text=True)
    assert "Netwerkbijeenkomst" in html
    assert "MARKER-SUMMARY" not in html and "MARKER-NOTES" not in html
    assert f'bijeenkomsten/{setup["draft"]}"' not in html  # no link to the meeting page


def test_confidential_notes_for_coordinator_and_linked_official_only(setup, mt, login):
    for role in ("coordinator_a", "official_a"):
        html = login(role).get(mt.url(str(setup["draft"]))).get_data(as_text=True)
        assert SECRET in html and "MARKER-SUMMARY" in html, role
    ics = login("coordinator_a").get(mt.url(f"{setup['draft']}/agenda.ics")).get_data(as_text=True)
    assert "MARKER" not in ics


def test_official_not_linked_to_the_network_sees_nothing_of_it(mt, login):
    net = mt.network("Ander netwerk", persons=1, link_official=False)
    meeting = mt.meeting(net["id"])
    b = login("official_a")
    assert b.get(mt.url(str(meeting))).status_code == 404
    assert b.get(mt.url(f"{meeting}/agenda.ics")).status_code == 404
    assert "Ander netwerk" not in b.get(mt.url("")).get_data(as_text=True)
    assert login("coordinator_a").get(mt.url(str(meeting))).status_code == 200


def test_official_cannot_approve_or_set_the_chair(setup, mt, login):
    b = login("official_a")
    assert b.post(mt.url(f"{setup['draft']}/vaststellen")).status_code == 403
    assert b.post(mt.url(f"{setup['draft']}/status"), {"naar": "minutes_approved"}).status_code == 403
    assert b.post(mt.url("instellingen"), {"formulier": "chair", "chair-chair_mode": "municipal"}).status_code == 403


@pytest.mark.parametrize("role", ["ess_advisor", "platform_admin", "coordinator_b"])
def test_no_access_outside_the_tenant(role, setup, mt, login, world):
    from sleutelnet.platform.auth.models import User

    db.session.get(User, world.ids[role]).mfa_exempt = True  # past the 2FA set-up: what does the tenant show?
    db.session.commit()
    b = login(role)
    for path in ("", str(setup["upcoming"]), f"{setup['upcoming']}/agenda.ics", "agenda-abonnement"):
        assert b.get(mt.url(path)).status_code == 404, (role, path)
