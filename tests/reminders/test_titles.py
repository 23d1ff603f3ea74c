"""A reminder title is stored as rendered (for the mail, in the municipality's language) and with its msgid
and parameters, so each reader's notification list shows it in their own language (issue 10, item 6)."""
from __future__ import annotations

import json

from flask_babel import force_locale, lazy_ngettext

from sleutelnet.blueprints.reminders import dispatch
from sleutelnet.blueprints.reminders.models import Notification
from sleutelnet.platform import features
from sleutelnet.platform.extensions import db
from sleutelnet.platform.features import Due, Feature, ReminderKind
from sleutelnet.platform.tenancy import tenant_context

from .conftest import TODAY


def test_a_reminder_title_is_shown_in_the_readers_language(world, login, monkeypatch):
    a = world.tenant_ids["a"]

    def find_due(tenant_id, today):
        if tenant_id == a:
            yield Due(kind="test.silent", subject_type="pair", subject_id=1, reference_date=today, offset_days=0,
                      user_ids=(world.ids["coordinator_a"],), url="/g/x/zorg",
                      title=lazy_ngettext("A buddy pair has had no contact for %(num)d day",
                                          "A buddy pair has had no contact for %(num)d days", 61))

    feature = Feature(name="titles_test", reminder_kinds=(ReminderKind("test.silent", "Silent pair", find_due),))
    monkeypatch.setattr(features, "_installed", features._installed + (feature,))
    with force_locale("nl"):  # as the job runs it: the default language
        dispatch.sweep(a, TODAY)
    with tenant_context(a):
        stored = db.session.scalar(db.select(Notification.title))
    assert stored == "Een buddykoppel heeft al 61 dagen geen contact gehad"  # written in Dutch, the default
    coord = login("coordinator_a")
    assert stored in coord.get(f"/g/{world.slugs['a']}/meldingen/").get_data(as_text=True)
    coord.post("/taal", {"lang": "en", "next": "/"})
    page = coord.get(f"/g/{world.slugs['a']}/meldingen/").get_data(as_text=True)
    assert "A buddy pair has had no contact for 61 days" in page and stored not in page



def test_stored_dates_are_written_out_in_the_readers_language(app):
    """A date parameter of a stored title (`LongDate`) is written out when shown, in the reader's language:
    the contacts area's follow-up reminders use it."""
    from datetime import date

    from flask_babel import lazy_gettext

    from sleutelnet.platform.i18n import in_language
    from sleutelnet.platform.stored_texts import LongDate, as_data, from_data

    title = lazy_gettext("Follow-up action from the contact of %(date)s is due on %(due)s",
                         date=LongDate(date(2026, 11, 2)), due=LongDate(date(2026, 11, 30)))
    with app.test_request_context():
        with in_language("nl"):
            stored = str(title)
        data = json.loads(json.dumps(as_data(title)))  # as the dispatch row keeps it
        with in_language("en"):
            shown = from_data(data, stored)
    assert "2 november 2026" in stored and "30 november 2026" in stored and "Follow-up" not in stored
    assert shown == "Follow-up action from the contact of 2 November 2026 is due on 30 November 2026"
