"""Reminder mails in the recipient's language (issue 10, item 9): the language a user chose, otherwise the
default (Dutch); the title from its msgid and parameters, the fixed texts from the catalog."""
from __future__ import annotations

from flask_babel import force_locale, lazy_ngettext

from sleutelnet.blueprints.reminders import dispatch
from sleutelnet.blueprints.reminders.models import NotificationPreference
from sleutelnet.platform import features
from sleutelnet.platform.auth.models import User
from sleutelnet.platform.extensions import db
from sleutelnet.platform.features import Due, Feature, ReminderKind
from sleutelnet.platform.tenancy import tenant_context

from .conftest import TODAY, mail_jobs

KIND = "test.silent"


def _silent_pair_kind(world, monkeypatch):
    a = world.tenant_ids["a"]

    def find_due(tenant_id, today):
        if tenant_id == a:
            yield Due(kind=KIND, subject_type="pair", subject_id=1, reference_date=today, offset_days=0,
                      user_ids=(world.ids["coordinator_a"], world.ids["official_a"]), emails=("extern@example.org",),
                      url="/g/x/zorg", title=lazy_ngettext("A buddy pair has had no contact for %(num)d day",
                                                          "A buddy pair has had no contact for %(num)d days", 61))

    feature = Feature(name="mail_language_test", reminder_kinds=(ReminderKind(KIND, "Silent pair", find_due),))
    monkeypatch.setattr(features, "_installed", features._installed + (feature,))
    return a


def _english(world, key):
    db.session.get(User, world.ids[key]).locale = "en"
    db.session.commit()


def test_reminder_mail_in_each_recipients_language(world, monkeypatch):
    a = _silent_pair_kind(world, monkeypatch)
    _english(world, "coordinator_a")  # the official chose nothing: Dutch, the default
    with force_locale("nl"):  # as the job runs it
        assert dispatch.sweep(a, TODAY)["mails"] == 3
    mails = {job.kwargs["to"]: job.kwargs for job in mail_jobs(a)}
    english = mails[world.users["coordinator_a"].email]
    assert english["subject"] == "Sleutelnet: A buddy pair has had no contact for 61 days"
    assert english["body"].startswith("Reminder from Sleutelnet\n") and "Open it in Sleutelnet:" in english["body"]
    assert "Herinnering" not in english["body"] and "buddykoppel" not in english["body"]
    for dutch in (mails[world.users["official_a"].email], mails["extern@example.org"]):
        assert dutch["subject"] == "Sleutelnet: Een buddykoppel heeft al 61 dagen geen contact gehad"
        assert dutch["body"].startswith("Herinnering van Sleutelnet\n") and "Reminder from" not in dutch["body"]


def test_digest_in_the_recipients_language(world, monkeypatch):
    a = _silent_pair_kind(world, monkeypatch)
    _english(world, "official_a")
    with tenant_context(a):
        for key in ("coordinator_a", "official_a"):
            db.session.add(NotificationPreference(user_id=world.ids[key], kind=KIND, delivery="digest"))
        db.session.commit()
    with force_locale("nl"):
        dispatch.sweep(a, TODAY)
        assert dispatch.send_digests(a, TODAY) == {"digests": 2}
    digests = {job.kwargs["to"]: job.kwargs for job in mail_jobs(a) if job.kwargs["to"] != "extern@example.org"}
    english, dutch = digests[world.users["official_a"].email], digests[world.users["coordinator_a"].email]
    assert english["subject"] == "Sleutelnet: your daily overview (1)"
    assert "- A buddy pair has had no contact for 61 days" in english["body"]
    assert english["body"].startswith("Your daily overview from Sleutelnet")
    assert dutch["subject"] == "Sleutelnet: je dagelijkse overzicht (1)"
    assert "- Een buddykoppel heeft al 61 dagen geen contact gehad" in dutch["body"]
