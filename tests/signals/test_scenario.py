"""The "Done when" scenario: an official records a strictly confidential signal naming one colleague; a third
official and the viewer cannot see its text anywhere; the access log shows each read; the follow-up reminder
comes once and not after closing."""
from __future__ import annotations

import os
from datetime import date, timedelta

from sleutelnet.platform.extensions import db

from .conftest import SECRET


def _mail_texts(app) -> str:
    folder = app.config["MAIL_FOLDER"]
    out = []
    for root, _dirs, files in os.walk(folder) if os.path.isdir(folder) else ():
        for name in files:
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as fh:
                out.append(fh.read())
    return "\n".join(out)


def test_recorded_through_the_form_only_named_people_read_it(app, sw, login, world):
    official = login("official_a")
    new_page = official.get(sw.url("nieuw"))
    assert new_page.status_code == 200
    body = new_page.get_data(as_text=True)
    assert "Collega Bakker" in body and "Derde Jansen" in body  # linked officials to choose from
    response = official.post(sw.url("nieuw"), {
        "reported_on": (date.today() - timedelta(days=1)).isoformat(), "source_kind": "keyperson",
        "source_person_id": str(sw.person_id), "topic": "youth", "urgency": "high", "sensitivity": "strict",
        "neighbourhood_id": "", "description": SECRET, "reader_ids": [str(world.ids["colleague_a"])]})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    signal_url = response.headers["Location"]
    signal_id = int(signal_url.rstrip("/").rsplit("/", 1)[1])

    # the recorder, the named colleague and the coordinator read it
    colleague, coordinator = login("colleague_a"), login("coordinator_a")
    for who in (official, colleague, coordinator):
        page = who.get(sw.url(str(signal_id)))
        assert page.status_code == 200 and SECRET in page.get_data(as_text=True)

    # the third official and the viewer: 404/403 on the signal, and the text nowhere
    third, viewer = login("third_a"), login("viewer_a")
    assert third.get(sw.url(str(signal_id))).status_code == 404
    assert third.get(sw.url(f"{signal_id}/bewerken")).status_code == 404
    assert third.get(sw.url(f"{signal_id}/status?naar=in_progress")).status_code == 404
    assert third.post(sw.url(f"{signal_id}/status?naar=in_progress"), {"occurred_on": date.today().isoformat()}
                      ).status_code == 404
    assert viewer.get(sw.url(str(signal_id))).status_code == 403
    pages = ["", "?status=open", "aantallen", f"/g/{world.slugs['a']}/", f"/g/{world.slugs['a']}/sleutelpersonen/",
             f"/g/{world.slugs['a']}/sleutelpersonen/{sw.person_id}",
             f"/g/{world.slugs['a']}/sleutelpersonen/export"]
    seen = 0
    for who in (third, viewer):
        for path in pages:
            url = path if path.startswith("/g/") else sw.url(path)
            response = who.get(url)
            assert SECRET.encode() not in response.get_data(), (url, response.status_code)
            seen += response.status_code == 200
    assert seen >= 6
    # the register export (officials may export the register): no signal text in it
    job_page = third.post(f"/g/{world.slugs['a']}/sleutelpersonen/export", {"format": "csv"})
    assert job_page.status_code == 302  # the export runs as a job (inline here), its file on the job's page
    exported = third.get(job_page.headers["Location"] + "/bestand")
    assert exported.status_code == 200 and b"Fatima" in exported.get_data()
    assert SECRET.encode() not in exported.get_data()
    # the list of the third official shows nothing of the signal (not even its date link)
    assert f"signalen/{signal_id}" not in third.get(sw.url()).get_data(as_text=True)
    assert f"signalen/{signal_id}" in colleague.get(sw.url()).get_data(as_text=True)

    # the reminder dues carry a link and a neutral title, never content
    from sleutelnet.blueprints.signals import reminders

    with sw.tenant(), app.test_request_context():
        dues = list(reminders.find_named(sw.tenant_id, date.today()))
        assert [d.user_ids for d in dues] == [(world.ids["colleague_a"],)]
        for due in dues:
            blob = repr(due) + str(due.title)
            assert SECRET not in blob and "youth" not in blob and "Fatima" not in blob
    assert SECRET not in _mail_texts(app)

    # every read of the strictly confidential signal is in the log, and the page shows who read it
    from sleutelnet.blueprints.signals.models import SignalAccess

    with sw.tenant():
        rows = db.session.scalars(db.select(SignalAccess).filter_by(signal_id=signal_id).order_by(SignalAccess.id)).all()
        reads = [(r.user_id, r.action) for r in rows]
    assert reads == [(world.ids["official_a"], "edit"), (world.ids["official_a"], "view"),
                     (world.ids["colleague_a"], "view"), (world.ids["coordinator_a"], "view")]
    page = official.get(sw.url(str(signal_id))).get_data(as_text=True)
    assert "Collega Bakker" in page and world.users["coordinator_a"].name in page
    assert "Derde Jansen" not in page


def test_follow_up_reminder_comes_once_and_not_after_closing(app, sw, world):
    from sleutelnet.blueprints.signals import reminders

    signal_id = sw.record(reported_on=date(2026, 1, 5))  # a Monday; 10 working days -> Monday 19 January
    with sw.tenant():
        due_on = sw.get(signal_id).follow_up_due_on
        assert due_on == date(2026, 1, 19)
        with app.test_request_context():
            before = list(reminders.find_follow_up_due(sw.tenant_id, due_on - timedelta(days=5)))
            dues = list(reminders.find_follow_up_due(sw.tenant_id, due_on))
            overdue_now = list(reminders.find_follow_up_overdue(sw.tenant_id, due_on))
    assert before == [] and overdue_now == []
    assert len(dues) == 1
    due = dues[0]
    assert due.kind == "signal_follow_up" and due.subject_id == signal_id and due.reference_date == due_on
    assert set(due.user_ids) == {world.ids["official_a"], world.ids["colleague_a"]}
    assert str(due.title) == "Een signaal vraagt opvolging" or str(due.title) == "A signal needs follow-up"
    assert due.url.endswith(f"/signalen/{signal_id}") and SECRET not in repr(due)

    with sw.tenant():  # as the sweep runs it: an app context, no request
        late = list(reminders.find_follow_up_overdue(sw.tenant_id, due_on + timedelta(days=1)))
        later = list(reminders.find_follow_up_overdue(sw.tenant_id, due_on + timedelta(days=9)))
    assert len(late) == 1 and late[0].kind == "signal_overdue" and f"/signalen/{signal_id}" in late[0].url
    # the same dispatch key every day, so the dispatch table sends it once
    key = lambda d: (d.kind, d.subject_type, d.subject_id, d.reference_date, d.offset_days)  # noqa: E731
    assert [key(d) for d in later] == [key(d) for d in late]

    sw.move(signal_id, "in_progress", "feedback_given", "closed", on=date(2026, 1, 20))
    with sw.tenant(), app.test_request_context():
        assert list(reminders.find_follow_up_due(sw.tenant_id, due_on)) == []
        assert list(reminders.find_follow_up_overdue(sw.tenant_id, due_on + timedelta(days=3))) == []
