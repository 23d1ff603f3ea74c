"""A test reminder kind, registered by monkeypatching the installed features (independent of meetings and
signals): `SPEC.items[tenant_id]` lists (subject_id, reference_date, offset, user_keys, emails)."""
from __future__ import annotations

import time
from datetime import date

import pytest

from sleutelnet.platform import features
from sleutelnet.platform.extensions import db
from sleutelnet.platform.features import Due, Feature, ReminderKind
from sleutelnet.platform.tenancy import tenant_context

TODAY = date(2026, 3, 2)
KIND = "test.meeting"


class Spec:
    def __init__(self):
        self.items: dict[int, list] = {}
        self.delay = 0.0
        self.calls = 0

    def find_due(self, tenant_id, today):
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        for subject_id, ref, offset, user_ids, emails in self.items.get(tenant_id, []):
            yield Due(kind=KIND, subject_type="meeting", subject_id=subject_id, reference_date=ref,
                      offset_days=offset, user_ids=tuple(user_ids), emails=tuple(emails),
                      url=f"/g/test/bijeenkomsten/{subject_id}", title=f"Bijeenkomst {subject_id} op {ref}",
                      payload={"meeting": subject_id})


SPEC = Spec()


def _find_due(tenant_id, today):
    return SPEC.find_due(tenant_id, today)


TEST_FEATURE = Feature(name="reminders_test",
                       reminder_kinds=(ReminderKind(KIND, "Test meeting reminder", _find_due),))


@pytest.fixture()
def test_kind(monkeypatch):
    global SPEC
    SPEC.__init__()
    monkeypatch.setattr(features, "_installed", features._installed + (TEST_FEATURE,))
    return SPEC


def count(model, tenant_id, **filters) -> int:
    db.session.expire_all()
    with tenant_context(tenant_id):
        return db.session.scalar(db.select(db.func.count()).select_from(model).filter_by(**filters))


def mail_jobs(tenant_id=None) -> list:
    from sleutelnet.workers.outbox import OutboxJob

    db.session.expire_all()
    stmt = db.select(OutboxJob).filter_by(func="sleutelnet.workers.mail.send_email")
    if tenant_id is not None:
        stmt = stmt.filter_by(tenant_id=tenant_id)
    return db.session.scalars(stmt.order_by(OutboxJob.id)).all()
