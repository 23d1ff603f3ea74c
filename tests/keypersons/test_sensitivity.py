"""One permission per sensitivity level, for viewing, exporting and importing alike (issue 6, item 2):
officials and viewers never see, export or import confidential or special-category fields; coordinators
can. And the query helper loads only the columns the user may see."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import g
from flask_login import login_user
from sqlalchemy.exc import InvalidRequestError

from sleutelnet.blueprints.keypersons import pipeline
from sleutelnet.blueprints.keypersons.models import KeyPerson
from sleutelnet.platform import fields
from sleutelnet.platform.auth.models import User
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.tenants.models import Membership

NOTE = "VERTROUWELIJK-notitie-Overvecht"
INTAKE_NOTE = "VERTROUWELIJK-intake-zorgen"
SPECIAL = {"consent": True, "consent_on": date.today() - timedelta(days=3), "value": "with"}


@pytest.fixture()
def person(reg, network_a):
    pid = reg.person("Yasmina Benali", network_id=network_a, status="intake", notes=NOTE, special=SPECIAL)
    with reg.tenant():
        pipeline.record_intake(reg.get(pid), held_on=date.today(), held_by_id=None, motivation_assessment="strong",
                               expectations_discussed=True, notes=INTAKE_NOTE)
    return pid


def test_officials_do_not_see_confidential_or_special_fields_on_the_person_page(reg, login, person, network_a):
    official = login("official_a")
    page = official.get(reg.url(f"sleutelpersonen/{person}")).get_data(as_text=True)
    assert "Yasmina Benali" in page
    assert NOTE not in page and INTAKE_NOTE not in page and "igratie" not in page
    form = official.get(reg.url(f"sleutelpersonen/{person}/bewerken")).get_data(as_text=True)
    assert 'name="notes"' not in form and NOTE not in form
    # an official's save leaves the confidential note alone (a forged field is ignored)
    r = official.post(reg.url(f"sleutelpersonen/{person}/bewerken"), {
        "network_id": str(network_a),
        "name": "Yasmina Benali", "notes": "overschreven", "known_to_municipality": "", "age_group": "",
        "helping_profession": "", "education": ""})
    assert r.status_code == 302
    with reg.tenant():
        assert reg.get(person).notes == NOTE


def test_coordinators_see_them(reg, login, person):
    page = login("coordinator_a").get(reg.url(f"sleutelpersonen/{person}")).get_data(as_text=True)
    assert NOTE in page and INTAKE_NOTE in page and "igratie" in page


def test_viewers_see_no_person_at_all(reg, login, person):
    viewer = login("viewer_a")
    assert viewer.get(reg.url(f"sleutelpersonen/{person}")).status_code == 403
    assert viewer.get(reg.url("sleutelpersonen/export")).status_code == 403
    assert viewer.get(reg.url("sleutelpersonen/import")).status_code == 403


def test_only_coordinators_may_export_or_import_sensitive_columns(reg, login, person):
    official = login("official_a")
    page = official.get(reg.url("sleutelpersonen/export")).get_data(as_text=True)
    assert 'name="include_sensitive"' not in page
    assert official.get(reg.url("sleutelpersonen/import")).status_code == 403
    coordinator = login("coordinator_a")
    assert 'name="include_sensitive"' in coordinator.get(reg.url("sleutelpersonen/export")).get_data(as_text=True)


def _as(world, who: str):
    """Make `who` the logged-in user of the current test request, with their membership of tenant A."""
    user = db.session.get(User, world.ids[who])
    login_user(user)
    g.membership = db.session.scalar(db.select(Membership).filter_by(user_id=user.id,
                                                                      tenant_id=world.tenant_ids["a"]))


def _load(person_id, **kwargs) -> KeyPerson:
    db.session.expunge_all()
    return db.session.scalar(db.select(KeyPerson).filter_by(id=person_id)
                             .options(*fields.visible_columns(KeyPerson, **kwargs)))


def test_visible_columns_loads_only_what_the_user_may_see(app, world, person):
    from sleutelnet.blueprints.transfer import fields as transfer_fields

    with tenant_context(world.tenant_ids["a"]):
        with app.test_request_context():
            _as(world, "official_a")
            assert set(fields.hidden_columns(KeyPerson)) == {"notes", "migration_background"}
            loaded = _load(person)
            assert loaded.name == "Yasmina Benali" and loaded.status == "intake"
            for hidden in ("notes", "migration_background"):
                with pytest.raises(InvalidRequestError):
                    getattr(loaded, hidden)
            # the same permission decides what an official may export or import
            assert not any(transfer_fields.allowed(f) for f in transfer_fields.FIELDS if f.sensitive)
            assert transfer_fields.allowed(transfer_fields.BY_KEY["email"])
        with app.test_request_context():
            _as(world, "coordinator_a")
            assert fields.hidden_columns(KeyPerson) == ()
            loaded = _load(person)
            assert (loaded.notes, loaded.migration_background) == (NOTE, "with")
            assert all(transfer_fields.allowed(f) for f in transfer_fields.FIELDS)
            # lists never load the sensitive columns, not even for a coordinator
            listed = _load(person, sensitive=False)
            with pytest.raises(InvalidRequestError):
                _ = listed.notes
