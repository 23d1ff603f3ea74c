"""State changes: the allowed paths, feedback before closing, forwards without text, reopening with a new
deadline, history; and the forms' validation messages (never a 500)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db

from .conftest import SECRET


def _transition(sw, signal_id, to, **kw):
    from sleutelnet.blueprints.signals import services

    with sw.tenant():
        signal = sw.get(signal_id)
        try:
            services.transition(signal, to, actor_id=sw.world.ids["official_a"], **kw)
            db.session.commit()
        except services.SignalError:
            db.session.rollback()
            raise


def test_closing_needs_feedback_to_the_reporter(sw):
    from sleutelnet.blueprints.signals.services import SignalError

    signal_id = sw.record()
    with pytest.raises(SignalError, match="Koppel eerst terug aan de melder"):
        _transition(sw, signal_id, "closed")
    _transition(sw, signal_id, "forwarded", partner="police")
    with pytest.raises(SignalError):
        _transition(sw, signal_id, "closed")
    _transition(sw, signal_id, "feedback_given")
    _transition(sw, signal_id, "closed")
    with sw.tenant():
        signal = sw.get(signal_id)
        assert signal.status == "closed" and signal.closed_on == date.today() and signal.handled_on == date.today()
        assert [e.to_status for e in reversed(signal.events)] == ["reported", "forwarded", "feedback_given", "closed"]
        assert signal.events[2].partner == "police"


def test_forward_needs_a_partner_and_copies_no_text(sw):
    from sleutelnet.blueprints.signals.models import SignalEvent
    from sleutelnet.blueprints.signals.services import SignalError

    signal_id = sw.record()
    with pytest.raises(SignalError) as err:
        _transition(sw, signal_id, "forwarded", partner=None)
    assert err.value.field == "partner"
    with pytest.raises(SignalError) as err:
        _transition(sw, signal_id, "forwarded", partner="other", partner_name="   ")
    assert err.value.field == "partner_name"
    _transition(sw, signal_id, "forwarded", partner="other", partner_name="Veilig Thuis")
    with sw.tenant():
        rows = db.session.execute(db.select(SignalEvent.__table__)).all()
        assert SECRET not in repr(rows)
        assert sw.get(signal_id).forwarded_to == "other"


def test_impossible_moves_and_dates(sw):
    from sleutelnet.blueprints.signals.services import SignalError

    signal_id = sw.record(reported_on=date.today() - timedelta(days=3))
    with pytest.raises(SignalError):
        _transition(sw, signal_id, "feedback_given")  # reported -> feedback needs handling first
    with pytest.raises(SignalError):
        _transition(sw, signal_id, "bogus")
    with pytest.raises(SignalError) as err:
        _transition(sw, signal_id, "in_progress", occurred_on=date.today() + timedelta(days=1))
    assert err.value.field == "occurred_on"
    with pytest.raises(SignalError) as err:
        _transition(sw, signal_id, "in_progress", occurred_on=date.today() - timedelta(days=10))
    assert err.value.field == "occurred_on"


def test_reopening_starts_a_new_follow_up_period(sw):
    from sleutelnet.blueprints.signals.workdays import add_working_days

    signal_id = sw.record(reported_on=date.today() - timedelta(days=60))
    sw.move(signal_id, "in_progress", "feedback_given", "closed", on=date.today() - timedelta(days=30))
    _transition(sw, signal_id, "in_progress")
    with sw.tenant():
        signal = sw.get(signal_id)
        assert signal.status == "in_progress" and signal.closed_on is None and signal.handled_on is None
        assert signal.follow_up_due_on == add_working_days(date.today(), 10)


def test_close_and_reopen_through_the_pages_with_confirmation(sw, login):
    signal_id = sw.record(readers=())
    b = login("official_a")
    # closing before feedback: no confirmation page, a message on the signal
    response = b.get(sw.url(f"{signal_id}/status?naar=closed"))
    assert response.status_code == 302
    page = b.get(sw.url(str(signal_id))).get_data(as_text=True)
    assert "Koppel eerst terug aan de melder" in page
    for to in ("in_progress", "feedback_given"):
        assert b.post(sw.url(f"{signal_id}/status?naar={to}"), {"occurred_on": date.today().isoformat()}
                      ).status_code == 302
    confirm = b.get(sw.url(f"{signal_id}/status?naar=closed"))
    assert confirm.status_code == 200 and 'method="post"' in confirm.get_data(as_text=True)
    with sw.tenant():
        assert sw.get(signal_id).status == "feedback_given"  # the GET changed nothing
    assert b.post(sw.url(f"{signal_id}/status?naar=closed"), {"occurred_on": date.today().isoformat()}
                  ).status_code == 302
    assert b.get(sw.url(f"{signal_id}/bewerken")).status_code == 302  # closed: edit refused
    reopen = b.get(sw.url(f"{signal_id}/status?naar=in_progress"))
    assert reopen.status_code == 200
    assert b.post(sw.url(f"{signal_id}/status?naar=in_progress"), {"occurred_on": date.today().isoformat()}
                  ).status_code == 302
    with sw.tenant():
        assert sw.get(signal_id).status == "in_progress"


def test_forward_form_errors_are_shown_on_the_field(sw, login):
    signal_id = sw.record()
    b = login("official_a")
    response = b.post(sw.url(f"{signal_id}/status?naar=forwarded"), {"occurred_on": date.today().isoformat(),
                                                                      "partner": "other", "partner_name": " "})
    assert response.status_code == 422
    assert "utrecht-form-field-error-message" in response.get_data(as_text=True)
    response = b.post(sw.url(f"{signal_id}/status?naar=forwarded"), {"occurred_on": "gisteren"})
    assert response.status_code == 422


@pytest.mark.parametrize("override, field", [
    ({"description": "   \n  "}, "description"),
    ({"reported_on": (date.today() + timedelta(days=1)).isoformat()}, "reported_on"),
    ({"reported_on": "31-02-2026"}, "reported_on"),
    ({"topic": "gossip"}, "topic"),
    ({"sensitivity": ""}, "sensitivity"),
    ({"source_kind": "keyperson", "source_person_id": ""}, "source_person_id"),
    ({"source_person_id": "999999"}, "source_person_id"),
    ({"neighbourhood_id": "999999"}, "neighbourhood_id"),
    ({"reader_ids": ["999999"]}, "reader_ids"),
    ({"description": "x" * 4001}, "description"),
])
def test_invalid_input_gives_a_message_on_the_field(sw, login, world, override, field):
    data = {"reported_on": date.today().isoformat(), "source_kind": "keyperson", "source_person_id": str(sw.person_id),
            "topic": "tension", "urgency": "normal", "sensitivity": "strict", "neighbourhood_id": "",
            "description": "Er is iets gemeld."}
    data.update(override)
    response = login("official_a").post(sw.url("nieuw"), data)
    assert response.status_code == 422, field
    body = response.get_data(as_text=True)
    assert f'id="{field}-error"' in body or f'id="{field}-0-error"' in body or f'href="#{field}' in body, field


def test_anonymous_source_and_readers_outside_the_network(sw, login, world):
    from sleutelnet.blueprints.signals import services

    signal_id = sw.record(person=False, readers=())
    with sw.tenant():
        signal = sw.get(signal_id)
        assert signal.source_kind == "anonymous" and signal.source_person_id is None
        with pytest.raises(services.SignalError) as err:
            services.update_signal(signal, {"reported_on": signal.reported_on, "source_kind": "anonymous",
                                            "topic": "tension", "urgency": "normal", "sensitivity": "strict",
                                            "description": "nieuw"}, reader_ids=[world.ids["viewer_a"]],
                                   actor_id=world.ids["official_a"])
        assert err.value.field == "reader_ids"
        db.session.rollback()


def test_naming_a_colleague_later_lets_them_read_and_notifies_them(sw, login, world, app):
    from sleutelnet.blueprints.signals import reminders

    signal_id = sw.record(readers=())
    assert login("third_a").get(sw.url(str(signal_id))).status_code == 404
    b = login("official_a")
    form = b.get(sw.url(f"{signal_id}/bewerken"))
    assert form.status_code == 200 and SECRET in form.get_data(as_text=True)
    response = b.post(sw.url(f"{signal_id}/bewerken"), {
        "reported_on": (date.today() - timedelta(days=1)).isoformat(), "source_kind": "keyperson",
        "source_person_id": str(sw.person_id), "topic": "tension", "urgency": "high", "sensitivity": "strict",
        "description": SECRET + " aangevuld", "reader_ids": [str(world.ids["third_a"])]})
    assert response.status_code == 302
    assert login("third_a").get(sw.url(str(signal_id))).status_code == 200
    with sw.tenant(), app.test_request_context():
        dues = list(reminders.find_named(sw.tenant_id, date.today()))
        assert [(d.subject_type, d.user_ids) for d in dues] == [("signal_reader", (world.ids["third_a"],))]
        assert list(reminders.find_named(sw.tenant_id, date.today() + timedelta(days=30))) == []
    # a named official may not change who is named (only the recorder and coordinators)
    third = login("third_a")
    third.post(sw.url(f"{signal_id}/bewerken"), {
        "reported_on": (date.today() - timedelta(days=1)).isoformat(), "source_kind": "keyperson",
        "source_person_id": str(sw.person_id), "topic": "tension", "urgency": "high", "sensitivity": "strict",
        "description": SECRET, "reader_ids": []})
    with sw.tenant():
        assert [r.user_id for r in sw.get(signal_id).readers] == [world.ids["third_a"]]
